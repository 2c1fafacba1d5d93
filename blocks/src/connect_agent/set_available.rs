//! # Set Agent as Available on Connect
//!
//! **What it does.** Makes the agent Available (routable) in Amazon Connect.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `agent.setState {state, enqueueNextState}` with the first
//! `routable` entry of `$.agent.agentStates`.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"a","type":"SE_AgentSetAvailable","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. Connect has one routable
//! state (custom states are never routable), so "first" is "the". No routable
//! state (or no agent snapshot) takes `failure`. Enqueued during a live
//! contact, as Set Agent Status on Connect.

use super::set_state::set_state;
use crate::bridge_util::{agent_or_fail, agent_states, fail, text, try_out};
use crate::prelude::*;

/// `SE_AgentSetAvailable`.
pub struct SetAvailable;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentSetAvailable",
    aliases: &[],
    name: "Set Agent as Available on Connect",
    family: Family::Agent,
    description: "Sets the agent's Connect state to the routable (Available) state.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.setState"],
    side_effects: true,
    confirmed: false,
};

impl Block for SetAvailable {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = try_out!(agent_or_fail(ctx));
            match agent_states(agent)
                .iter()
                .find(|s| text(s, "type") == "routable")
            {
                Some(s) => set_state(ctx, s.clone()).await,
                None => Ok(fail("NOT_FOUND", "the agent has no routable state")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_available() {
        let r = run_block_with(
            "SE_AgentSetAvailable",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("agent.setState").args,
            json!({"state": {"agentStateARN": "arn:s/available", "type": "routable", "name": "Available"}, "enqueueNextState": false})
        );
    }

    #[test]
    fn errors_take_failure() {
        let r = run_block("SE_AgentSetAvailable", json!({}), &fails("agent.setState"));
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block_with(
            "SE_AgentSetAvailable",
            json!({}),
            agent_event(json!({"agentStates": []})),
            &host(),
        );
        assert_failure(&r, "NOT_FOUND");
        let r = run_block_with("SE_AgentSetAvailable", json!({}), no_agent_event(), &host());
        assert_failure(&r, "NO_AGENT");
    }
}
