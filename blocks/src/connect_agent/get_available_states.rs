//! # Get Available Agent States
//!
//! **What it does.** Lists the agent states the agent may select: [{agentStateARN, type, name}].
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.agentStates` (Streams `agent.getAgentStates()`).
//! **Results.** `{value}`.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetAvailableStates","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. Absent states are `[]`; system states (Busy, AfterCallWork, ...) are never listed. With no agent snapshot
//! the run ends with an error (Streams getters throw before the first
//! snapshot).

use crate::bridge_util::agent_field;
use crate::prelude::*;

/// `SE_AgentGetAvailableStates`.
pub struct GetAvailableStates;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetAvailableStates",
    aliases: &[],
    name: "Get Available Agent States",
    family: Family::Agent,
    description: "Lists the agent states the agent may select: [{agentStateARN, type, name}].",
    controls: &[],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetAvailableStates {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { agent_field(ctx, "agentStates", json!([])) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_snapshot() {
        let r = run_block("SE_AgentGetAvailableStates", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.results,
            json!({"value": [{"agentStateARN": "arn:s/available", "type": "routable", "name": "Available"}, {"agentStateARN": "arn:s/offline", "type": "offline", "name": "Offline"}, {"agentStateARN": "arn:s/lunch", "type": "not_routable", "name": "Lunch"}]})
        );
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_AgentGetAvailableStates",
            json!({}),
            agent_event(json!({"agentStates": null})),
            &host(),
        );
        assert_eq!(r.results, json!({"value": []}));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentGetAvailableStates",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
