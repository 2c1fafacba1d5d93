//! # Get Quick Connection List
//!
//! **What it does.** Lists the agent's quick connects (agents, queues and phone numbers).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `agent.getEndpoints {queueARNs}` (Streams
//! `agent.getEndpoints`) for the routing profile's queues plus its default
//! outbound queue (what the native CCP lists).
//! **Results.** `{value: [endpoint, ...]}`, each `{endpointARN, endpointId,
//! type, name, phoneNumber, agentLogin, queue}`.
//!
//! **Example.** `{"id":"q","type":"SE_AgentGetQuickConnectionList","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred, and so is which queues are
//! asked. All endpoints are kept. No agent snapshot takes `failure`.

use crate::bridge_util::{agent_or_fail, quick_connects, try_out};
use crate::prelude::*;

/// `SE_AgentGetQuickConnectionList`.
pub struct GetQuickConnectionList;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetQuickConnectionList",
    aliases: &[],
    name: "Get Quick Connection List",
    family: Family::Agent,
    description: "Lists the agent's quick connects (agents, queues and phone numbers).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{value: Endpoint[]}",
    calls: &["agent.getEndpoints"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetQuickConnectionList {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = try_out!(agent_or_fail(ctx));
            let list = try_out!(quick_connects(ctx, agent).await);
            Ok(BlockOutput::success(json!({ "value": list })))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn lists_the_endpoints() {
        let h = host_with(
            json!({"answers": {"agent.getEndpoints": {"ok": {"endpoints": [
                {"endpointARN": "arn:e/1", "type": "agent", "name": "Bob"},
                {"endpointARN": "arn:e/2", "type": "queue", "name": "Billing"},
                {"endpointARN": "arn:e/3", "type": "phone_number", "name": "Legal", "phoneNumber": "+15555550199"}
            ]}}}}),
        );
        let e = agent_event(
            json!({"routingProfile": {"queues": [{"queueARN": "arn:q/1"}], "defaultOutboundQueue": {"queueARN": "arn:q/out"}}}),
        );
        let r = run_block_with("SE_AgentGetQuickConnectionList", json!({}), e, &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("agent.getEndpoints").args,
            json!({"queueARNs": ["arn:q/1", "arn:q/out"]})
        );
        let names: Vec<&str> = r.results["value"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["name"].as_str())
            .collect();
        assert_eq!(names, ["Bob", "Billing", "Legal"]);
    }

    #[test]
    fn streams_error_takes_failure() {
        let r = run_block(
            "SE_AgentGetQuickConnectionList",
            json!({}),
            &fails("agent.getEndpoints"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
