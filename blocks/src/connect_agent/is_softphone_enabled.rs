//! # Is Agent Softphone Enabled?
//!
//! **What it does.** Branches on whether the agent uses the softphone (as
//! opposed to a deskphone).
//!
//! **Controls.** None. **Ports.** `true`, `false`.
//! **Host calls.** None: reads `$.agent.softphoneEnabled` (Streams
//! `agent.isSoftphoneEnabled()`).
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"s","type":"SE_AgentIsSoftphoneEnabled","controls":{},"ports":{"true":"end","false":"toSoft"}}`
//!
//! **Accepted quirks.** The type id is inferred. Only `true` counts as
//! enabled. No agent snapshot ends the run with an error.

use crate::bridge_util::agent_or_error;
use crate::prelude::*;

/// `SE_AgentIsSoftphoneEnabled`.
pub struct IsSoftphoneEnabled;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentIsSoftphoneEnabled",
    aliases: &[],
    name: "Is Agent Softphone Enabled?",
    family: Family::Agent,
    description: "True when the agent uses the softphone.",
    controls: &[],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for IsSoftphoneEnabled {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = agent_or_error(ctx)?;
            let on = agent.get("softphoneEnabled") == Some(&Value::Bool(true));
            Ok(BlockOutput::decision(on))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn branches_on_the_flag() {
        let r = run_block("SE_AgentIsSoftphoneEnabled", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::True));
        let e = agent_event(json!({"softphoneEnabled": false}));
        let r = run_block_with("SE_AgentIsSoftphoneEnabled", json!({}), e, &host());
        assert_eq!(r.outcome, Some(Outcome::False));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentIsSoftphoneEnabled",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
