//! # Get Agent Status from Connect
//!
//! **What it does.** Reads the agent's current Amazon Connect state.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.state` (Streams `agent.getState()`).
//! **Results.** `{name, type, agentStateARN, startTimestamp}` (may be a
//! system state such as `Busy` or `AfterCallWork`).
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetState","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. A snapshot without `state`
//! gives `null`; no agent snapshot at all ends the run with an error.

use crate::bridge_util::agent_or_error;
use crate::prelude::*;

/// `SE_AgentGetState`.
pub struct GetState;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetState",
    aliases: &["SE_AgentGetStatus"],
    name: "Get Agent Status from Connect",
    family: Family::Agent,
    description: "Reads the agent's Connect state {name, type, agentStateARN, startTimestamp}.",
    controls: &[],
    ports: DONE,
    results: "{name, type, agentStateARN, startTimestamp}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetState {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = agent_or_error(ctx)?;
            Ok(BlockOutput::done(
                agent.get("state").cloned().unwrap_or(Value::Null),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_state() {
        let r = run_block("SE_AgentGetState", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"name": "Available", "type": "routable"}));
        assert!(r.calls.is_empty());
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with("SE_AgentGetState", json!({}), no_agent_event(), &host());
        assert_run_error(&r, "agent snapshot");
    }
}
