//! # Set Agent State on Salesforce
//!
//! **What it does.** Sets the agent's Omni-Channel presence status (logging
//! the agent in to Omni if needed), e.g. to follow the Connect state.
//!
//! **Controls.** `status`: a ServicePresenceStatus id (`0N5...`) or its
//! DeveloperName (what Presence Sync Rules use).
//! **Ports.** `success`, `failure`.
//! **Host calls.** For a name, `salesforceData.query {soql: "SELECT Id FROM
//! ServicePresenceStatus WHERE DeveloperName = '<name>' LIMIT 1"}`; then
//! `omni.setServicePresenceStatus {statusId}`.
//! **Results.** The answer as is: `{statusId, statusName, statusApiName,
//! channels}`.
//!
//! **Example.** `{"id":"s","type":"SE_SFSetAgentState","controls":{"status":"Available_for_Voice"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred (`statusId`
//! is accepted too). A text is taken as an id only when it looks like one
//! (`0N5` + 12 or 15 letters/digits). An unknown name takes `failure` with
//! `NOT_FOUND`; an empty status takes `failure` without a call.

use crate::bridge_util::{missing, presence_status_id, try_out};
use crate::prelude::*;

/// `SE_SFSetAgentState`.
pub struct SetAgentState;

/// The controls of the status-taking Omni blocks.
pub(super) static STATUS_CONTROLS: &[ControlSpec] = &[
    ControlSpec::opt(
        "status",
        Kind::String,
        "A ServicePresenceStatus id (0N5...) or DeveloperName.",
    ),
    ControlSpec::opt("statusId", Kind::String, "Another spelling of status."),
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSetAgentState",
    aliases: &[],
    name: "Set Agent State on Salesforce",
    family: Family::Omni,
    description: "Sets the agent's Omni-Channel presence status, by id or DeveloperName.",
    controls: STATUS_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "{statusId, statusName, statusApiName, channels}",
    calls: &["salesforceData.query", "omni.setServicePresenceStatus"],
    side_effects: true,
    confirmed: false,
};

/// The resolved status id of a status-taking block.
pub(super) async fn status_id(ctx: &Ctx<'_>) -> Result<String, crate::bridge_util::Fail> {
    let status = ctx.string_any(&["status", "statusId"]);
    if status.trim().is_empty() {
        return Err(Box::new(missing("status")));
    }
    presence_status_id(ctx, &status).await
}

impl Block for SetAgentState {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = try_out!(status_id(ctx).await);
            let args = json!({ "statusId": id });
            ctx.call_outcome(Bridge::Omni, "setServicePresenceStatus", args, |v| v)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_a_status_by_id() {
        let h = host_with(
            json!({"answers": {"omni.setServicePresenceStatus": {"ok": {"statusId": "0N5A00000000001AAA", "statusName": "Busy"}}}}),
        );
        let r = run_block(
            "SE_SFSetAgentState",
            json!({"status": "0N5A00000000001AAA"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.calls.len(), 1);
        assert_eq!(
            r.call("omni.setServicePresenceStatus").args,
            json!({"statusId": "0N5A00000000001AAA"})
        );
        assert_eq!(r.results["statusName"], json!("Busy"));
    }

    #[test]
    fn resolves_a_developer_name() {
        let h = host_with(
            json!({"answers": {"salesforceData.query": {"ok": [{"Id": "0N5B00000000002"}]}}}),
        );
        let r = run_block(
            "SE_SFSetAgentState",
            json!({"status": "Available_Voice"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.query").args,
            json!({"soql": "SELECT Id FROM ServicePresenceStatus WHERE DeveloperName = 'Available_Voice' LIMIT 1"})
        );
        assert_eq!(
            r.call("omni.setServicePresenceStatus").args,
            json!({"statusId": "0N5B00000000002"})
        );
    }

    #[test]
    fn errors_and_unknown_names_take_failure() {
        let c = json!({"status": "0N5A00000000001"});
        let r = run_block(
            "SE_SFSetAgentState",
            c,
            &fails("omni.setServicePresenceStatus"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_SFSetAgentState", json!({"status": "Nope"}), &host());
        assert_failure(&r, "NOT_FOUND");
        assert_eq!(r.calls.len(), 1);
    }
}
