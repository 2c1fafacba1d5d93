//! # Enable Click To Dial?
//!
//! **What it does.** Branches on whether the agent may place outbound calls
//! (the Streams permission `outboundCall`), i.e. whether click-to-dial makes
//! sense. Renamed "Can Make Outbound Calls?" in adapter v5.7.
//!
//! **Controls.** None. **Ports.** `true`, `false`.
//! **Host calls.** None: reads `$.agent.permissions`.
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"c","type":"SE_AgentCanMakeOutboundCalls","controls":{},"ports":{"true":"enable","false":"end"}}`
//!
//! **Accepted quirks.** The type id is inferred with low confidence; the
//! aliases cover the other plausible spellings. With no agent snapshot the
//! run ends with an error (Streams getters throw before the first snapshot).

use crate::bridge_util::agent_or_error;
use crate::prelude::*;

/// `SE_AgentCanMakeOutboundCalls`.
pub struct CanMakeOutboundCalls;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentCanMakeOutboundCalls",
    aliases: &[
        "SE_SFIsClickToDialEnabled",
        "SE_SFCanMakeOutboundCalls",
        "SE_AgentCanMakeOutboundCall",
    ],
    name: "Enable Click To Dial?",
    family: Family::SalesforceUi,
    description: "True when the agent has the outboundCall permission (can use click-to-dial).",
    controls: &[],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for CanMakeOutboundCalls {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = agent_or_error(ctx)?;
            let can = agent
                .get("permissions")
                .and_then(Value::as_array)
                .is_some_and(|p| p.iter().any(|x| x == "outboundCall"));
            Ok(BlockOutput::decision(can))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn outbound_permission_is_true() {
        let r = run_block("SE_AgentCanMakeOutboundCalls", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::True));
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_SFIsClickToDialEnabled",
            json!({}),
            agent_event(json!({"permissions": ["voiceId"]})),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::False));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentCanMakeOutboundCalls",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
