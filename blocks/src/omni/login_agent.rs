//! # Login Agent on Salesforce
//!
//! **What it does.** Logs the agent in to Omni-Channel with a presence
//! status.
//!
//! **Controls.** `status`: a ServicePresenceStatus id (`0N5...`) or its
//! DeveloperName. **Ports.** `success`, `failure`.
//! **Host calls.** For a name, `salesforceData.query` (as Set Agent State on
//! Salesforce); then `omni.login {statusId}`.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"l","type":"SE_SFLoginAgent","controls":{"status":"Available_for_Voice"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred. An unknown
//! name takes `failure` with `NOT_FOUND`; an empty status takes `failure`
//! without a call.

use super::set_agent_state::{status_id, STATUS_CONTROLS};
use crate::bridge_util::try_out;
use crate::prelude::*;

/// `SE_SFLoginAgent`.
pub struct LoginAgent;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFLoginAgent",
    aliases: &[],
    name: "Login Agent on Salesforce",
    family: Family::Omni,
    description: "Logs the agent in to Omni-Channel with a presence status (id or DeveloperName).",
    controls: STATUS_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceData.query", "omni.login"],
    side_effects: true,
    confirmed: false,
};

impl Block for LoginAgent {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = try_out!(status_id(ctx).await);
            crate::bridge_util::act(ctx, Bridge::Omni, "login", json!({ "statusId": id })).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn logs_in() {
        let r = run_block(
            "SE_SFLoginAgent",
            json!({"status": "0N5A00000000001"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("omni.login").args,
            json!({"statusId": "0N5A00000000001"})
        );
        assert_eq!(r.results, Value::Null);
    }

    #[test]
    fn omni_error_takes_failure() {
        let c = json!({"status": "0N5A00000000001"});
        let r = run_block("SE_SFLoginAgent", c, &fails("omni.login"));
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block(
            "SE_SFLoginAgent",
            json!({"status": "X"}),
            &fails("salesforceData.query"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
