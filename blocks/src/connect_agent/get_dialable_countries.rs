//! # Get Agent Dialable Countries
//!
//! **What it does.** Reads the countries the agent may dial (ISO codes, lower case).
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.dialableCountries` (Streams `agent.getDialableCountries()`).
//! **Results.** `{value}`.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetDialableCountries","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. Absent countries are `[]`. With no agent snapshot
//! the run ends with an error (Streams getters throw before the first
//! snapshot).

use crate::bridge_util::agent_field;
use crate::prelude::*;

/// `SE_AgentGetDialableCountries`.
pub struct GetDialableCountries;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetDialableCountries",
    aliases: &[],
    name: "Get Agent Dialable Countries",
    family: Family::Agent,
    description: "Reads the countries the agent may dial (ISO codes, lower case).",
    controls: &[],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetDialableCountries {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { agent_field(ctx, "dialableCountries", json!([])) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_snapshot() {
        let r = run_block("SE_AgentGetDialableCountries", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": ["us", "ca"]}));
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_AgentGetDialableCountries",
            json!({}),
            agent_event(json!({"dialableCountries": null})),
            &host(),
        );
        assert_eq!(r.results, json!({"value": []}));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentGetDialableCountries",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
