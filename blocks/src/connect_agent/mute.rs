//! # Mute Agent
//!
//! **What it does.** Mutes the agent's microphone on the current call.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** `agent.mute {}` (Streams `agent.mute()`, fire-and-forget;
//! confirmation comes through `agent.onMuteToggle`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"m","type":"SE_AgentMute","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. There is no failure port: a
//! host error ends the run with the error traced.

use crate::prelude::*;

/// `SE_AgentMute`.
pub struct Mute;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentMute",
    aliases: &[],
    name: "Mute Agent",
    family: Family::Agent,
    description: "Mutes the agent's microphone.",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &["agent.mute"],
    side_effects: true,
    confirmed: false,
};

impl Block for Mute {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            ctx.call_required(Bridge::Agent, "mute", json!({})).await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_mute() {
        let r = run_block("SE_AgentMute", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.call("agent.mute").args, json!({}));
    }

    #[test]
    fn host_error_ends_the_run() {
        let r = run_block("SE_AgentMute", json!({}), &fails("agent.mute"));
        assert_run_error(&r, "agent.mute");
    }
}
