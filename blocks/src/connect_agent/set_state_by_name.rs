//! # Set Agent Status By Name on Connect
//!
//! **What it does.** Sets the agent's Amazon Connect state by its name
//! (`Available`, `Offline`, `Lunch`, ...).
//!
//! **Controls.** `stateName`. **Ports.** `success`, `failure`.
//! **Host calls.** `agent.setState {state, enqueueNextState}` with the entry
//! of `$.agent.agentStates` (Streams `agent.getAgentStates()`) of that name.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"s","type":"SE_AgentSetStateByName","controls":{"stateName":"Lunch"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred (`name` and
//! `state` are accepted too). The exact name is preferred, then a match
//! ignoring case. A name not in the list takes `failure` with `NOT_FOUND`
//! (system states such as Busy are never in it). Enqueued during a live
//! contact, as Set Agent Status on Connect.

use super::set_state::set_state;
use crate::bridge_util::{agent_or_fail, agent_states, fail, missing, text, try_out};
use crate::prelude::*;

/// `SE_AgentSetStateByName`.
pub struct SetStateByName;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentSetStateByName",
    aliases: &["SE_AgentSetStatusByName"],
    name: "Set Agent Status By Name on Connect",
    family: Family::Agent,
    description: "Sets the agent's Connect state by name.",
    controls: &[
        ControlSpec::opt("stateName", Kind::String, "The state's name, e.g. Lunch."),
        ControlSpec::opt("name", Kind::String, "Another spelling of stateName."),
        ControlSpec::opt("state", Kind::String, "Another spelling of stateName."),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.setState"],
    side_effects: true,
    confirmed: false,
};

impl Block for SetStateByName {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let name = ctx.string_any(&["stateName", "name", "state"]);
            let name = name.trim();
            if name.is_empty() {
                return Ok(missing("stateName"));
            }
            let agent = try_out!(agent_or_fail(ctx));
            let states = agent_states(agent);
            let found = states.iter().find(|s| text(s, "name") == name).or_else(|| {
                states
                    .iter()
                    .find(|s| text(s, "name").eq_ignore_ascii_case(name))
            });
            match found {
                Some(s) => set_state(ctx, s.clone()).await,
                None => Ok(fail("NOT_FOUND", format!("no agent state named `{name}`"))),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_the_named_state() {
        let r = run_block_with(
            "SE_AgentSetStateByName",
            json!({"stateName": "lunch"}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("agent.setState").args,
            json!({"state": {"agentStateARN": "arn:s/lunch", "type": "not_routable", "name": "Lunch"}, "enqueueNextState": false})
        );
    }

    #[test]
    fn errors_and_unknown_names_take_failure() {
        let r = run_block(
            "SE_AgentSetStateByName",
            json!({"stateName": "Offline"}),
            &fails("agent.setState"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block(
            "SE_AgentSetStateByName",
            json!({"stateName": "AfterCallWork"}),
            &host(),
        );
        assert_failure(&r, "NOT_FOUND");
        assert!(r.calls.is_empty());
    }
}
