//! # Get Agent Name
//!
//! **What it does.** Reads the agent's name.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.name` (Streams `agent.getName()`).
//! **Results.** `{value}`.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetName","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. An absent name is `""`. With no agent snapshot
//! the run ends with an error (Streams getters throw before the first
//! snapshot).

use crate::bridge_util::agent_field;
use crate::prelude::*;

/// `SE_AgentGetName`.
pub struct GetName;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetName",
    aliases: &[],
    name: "Get Agent Name",
    family: Family::Agent,
    description: "Reads the agent's name.",
    controls: &[],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetName {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { agent_field(ctx, "name", json!("")) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_snapshot() {
        let r = run_block("SE_AgentGetName", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": "Jane Agent"}));
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_AgentGetName",
            json!({}),
            agent_event(json!({"name": null})),
            &host(),
        );
        assert_eq!(r.results, json!({"value": ""}));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with("SE_AgentGetName", json!({}), no_agent_event(), &host());
        assert_run_error(&r, "agent snapshot");
    }
}
