//! # Get App View Info
//!
//! **What it does.** Reads the Salesforce page the agent is looking at.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getAppViewInfo {}` (Open CTI `getAppViewInfo`).
//! **Results.** Open CTI's `returnValue` as is: `{url, recordId, recordName, objectType, ...}`.
//!
//! **Example.** `{"id":"u","type":"SE_SFGetAppViewInfo","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFGetAppViewInfo`.
pub struct GetAppViewInfo;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetAppViewInfo",
    aliases: &[],
    name: "Get App View Info",
    family: Family::SalesforceUi,
    description:
        "Reads what the agent is looking at in Salesforce: {url, recordId, recordName, objectType}.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{url, recordId, recordName, objectType, ...}",
    calls: &["salesforceUi.getAppViewInfo"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetAppViewInfo {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(Bridge::SalesforceUi, "getAppViewInfo", json!({}), |v| v))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_host() {
        let h = host_with(
            json!({"answers": {"salesforceUi.getAppViewInfo": {"ok": {"url": "/lightning/r/Account/001A/view", "recordId": "001A", "objectType": "Account"}}}}),
        );
        let r = run_block("SE_SFGetAppViewInfo", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.getAppViewInfo").args, json!({}));
        assert_eq!(
            r.results,
            json!({"url": "/lightning/r/Account/001A/view", "recordId": "001A", "objectType": "Account"})
        );
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFGetAppViewInfo",
            json!({}),
            &fails("salesforceUi.getAppViewInfo"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
