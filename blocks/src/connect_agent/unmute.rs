//! # Unmute Agent
//!
//! **What it does.** Unmutes the agent's microphone on the current call.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** `agent.unmute {}` (Streams `agent.unmute()`, fire-and-forget;
//! confirmation comes through `agent.onMuteToggle`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"m","type":"SE_AgentUnmute","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. There is no failure port: a
//! host error ends the run with the error traced.

use crate::prelude::*;

/// `SE_AgentUnmute`.
pub struct Unmute;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentUnmute",
    aliases: &[],
    name: "Unmute Agent",
    family: Family::Agent,
    description: "Unmutes the agent's microphone.",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &["agent.unmute"],
    side_effects: true,
    confirmed: false,
};

impl Block for Unmute {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            ctx.call_required(Bridge::Agent, "unmute", json!({}))
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_unmute() {
        let r = run_block("SE_AgentUnmute", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.call("agent.unmute").args, json!({}));
    }

    #[test]
    fn host_error_ends_the_run() {
        let r = run_block("SE_AgentUnmute", json!({}), &fails("agent.unmute"));
        assert_run_error(&r, "agent.unmute");
    }
}
