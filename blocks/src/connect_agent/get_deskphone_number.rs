//! # Get Agent Deskphone Number
//!
//! **What it does.** Reads the agent's deskphone number (the Streams extension).
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.extension` (Streams `agent.getExtension()`).
//! **Results.** `{value}`.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetDeskphoneNumber","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. The adapter documents it exactly like Get Agent Extension, so it reads the same field. With no agent snapshot
//! the run ends with an error (Streams getters throw before the first
//! snapshot).

use crate::bridge_util::agent_field;
use crate::prelude::*;

/// `SE_AgentGetDeskphoneNumber`.
pub struct GetDeskphoneNumber;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetDeskphoneNumber",
    aliases: &[],
    name: "Get Agent Deskphone Number",
    family: Family::Agent,
    description: "Reads the agent's deskphone number (the Streams extension).",
    controls: &[],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetDeskphoneNumber {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { agent_field(ctx, "extension", json!("")) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_snapshot() {
        let r = run_block("SE_AgentGetDeskphoneNumber", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": "+15555550100"}));
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_AgentGetDeskphoneNumber",
            json!({}),
            agent_event(json!({"extension": null})),
            &host(),
        );
        assert_eq!(r.results, json!({"value": ""}));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentGetDeskphoneNumber",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
