//! # Get Agent State from Salesforce
//!
//! **What it does.** Reads the agent's Omni-Channel presence status.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `omni.getServicePresenceStatusId {}`.
//! **Results.** The answer as is: `{statusId, statusName, statusApiName}`
//! (+ `channels` when the API gives it).
//!
//! **Example.** `{"id":"g","type":"SE_SFGetAgentState","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. An agent logged out of Omni
//! gets an error from Salesforce: `failure`.

use crate::prelude::*;

/// `SE_SFGetAgentState`.
pub struct GetAgentState;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetAgentState",
    aliases: &[],
    name: "Get Agent State from Salesforce",
    family: Family::Omni,
    description:
        "Reads the agent's Omni-Channel presence status {statusId, statusName, statusApiName}.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{statusId, statusName, statusApiName, channels?}",
    calls: &["omni.getServicePresenceStatusId"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetAgentState {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(Bridge::Omni, "getServicePresenceStatusId", json!({}), |v| v))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_status() {
        let s = json!({"statusId": "0N5A00000000001", "statusName": "Available", "statusApiName": "Available"});
        let h =
            host_with(json!({"answers": {"omni.getServicePresenceStatusId": {"ok": s.clone()}}}));
        let r = run_block("SE_SFGetAgentState", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("omni.getServicePresenceStatusId").args, json!({}));
        assert_eq!(r.results, s);
    }

    #[test]
    fn omni_error_takes_failure() {
        let r = run_block(
            "SE_SFGetAgentState",
            json!({}),
            &fails("omni.getServicePresenceStatusId"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
