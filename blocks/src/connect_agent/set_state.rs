//! # Set Agent Status on Connect
//!
//! **What it does.** Sets the agent's Amazon Connect state (Available,
//! Offline, a custom not-routable state, ...).
//!
//! **Controls.** `state`: a state object `{agentStateARN, type, name}` (e.g.
//! an entry of Get Available Agent States), or its ARN, or its name.
//! **Ports.** `success`, `failure`.
//! **Host calls.** `agent.setState {state, enqueueNextState}` (Streams
//! `agent.setState`); `enqueueNextState` is true while the run's contact is
//! live, since Connect refuses a state change during a contact otherwise.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"s","type":"SE_AgentSetState","controls":{"state":"$.actions.states.results.value.[1]"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred. A text is
//! looked up in `$.agent.agentStates` by ARN, then by name; an object is
//! replaced by the snapshot's entry with the same ARN when there is one.
//! A state not found takes `failure` with `NOT_FOUND`; system states (Busy,
//! AfterCallWork) cannot be set. "Live" means the contact's status is not
//! `ended`, `missed`, `rejected` or `error`.

use crate::bridge_util::{agent_or_fail, agent_states, fail, live_contact, missing, text, try_out};
use crate::prelude::*;

/// `SE_AgentSetState`.
pub struct SetState;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentSetState",
    aliases: &["SE_AgentSetStatus"],
    name: "Set Agent Status on Connect",
    family: Family::Agent,
    description: "Sets the agent's Connect state (a state object, ARN or name).",
    controls: &[ControlSpec::opt(
        "state",
        Kind::Any,
        "A state {agentStateARN, type, name}, or its ARN, or its name.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.setState"],
    side_effects: true,
    confirmed: false,
};

/// Calls `agent.setState` with a state object, enqueued during a live contact.
pub(super) async fn set_state(ctx: &Ctx<'_>, state: Value) -> BlockResult {
    let args = json!({"state": state, "enqueueNextState": live_contact(ctx)});
    crate::bridge_util::act(ctx, Bridge::Agent, "setState", args).await
}

impl Block for SetState {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = try_out!(agent_or_fail(ctx));
            let states = agent_states(agent);
            let state = match ctx.value("state") {
                Some(Value::Object(m)) => {
                    let arn = m.get("agentStateARN").and_then(Value::as_str).unwrap_or("");
                    states
                        .iter()
                        .find(|s| !arn.is_empty() && text(s, "agentStateARN") == arn)
                        .cloned()
                        .unwrap_or(Value::Object(m))
                }
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    let found = states
                        .iter()
                        .find(|x| text(x, "agentStateARN") == s)
                        .or_else(|| states.iter().find(|x| text(x, "name") == s));
                    match found {
                        Some(f) => f.clone(),
                        None => {
                            return Ok(fail(
                                "NOT_FOUND",
                                format!("no agent state with ARN or name `{s}`"),
                            ))
                        }
                    }
                }
                _ => return Ok(missing("state")),
            };
            set_state(ctx, state).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_the_state_enqueued_during_a_live_contact() {
        let r = run_block("SE_AgentSetState", json!({"state": "arn:s/lunch"}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("agent.setState").args,
            json!({"state": {"agentStateARN": "arn:s/lunch", "type": "not_routable", "name": "Lunch"}, "enqueueNextState": true})
        );
        let obj = json!({"agentStateARN": "arn:s/offline", "type": "offline", "name": "Offline"});
        let r = run_block_with(
            "SE_AgentSetState",
            json!({ "state": obj }),
            no_contact_event(),
            &host(),
        );
        assert_eq!(
            r.call("agent.setState").args,
            json!({"state": obj, "enqueueNextState": false})
        );
    }

    #[test]
    fn errors_and_unknown_states_take_failure() {
        let r = run_block(
            "SE_AgentSetState",
            json!({"state": "Offline"}),
            &fails("agent.setState"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_AgentSetState", json!({"state": "Busy"}), &host());
        assert_failure(&r, "NOT_FOUND");
        assert!(r.calls.is_empty());
    }
}
