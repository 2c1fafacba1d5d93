//! # Get Softphone Layout
//!
//! **What it does.** Reads the softphone layout configured for the call center: per call type (Inbound, Outbound, Internal) the related fields, searchable objects and screen-pop settings.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getSoftphoneLayout {}` (Open CTI `getSoftphoneLayout`).
//! **Results.** Open CTI's `returnValue` as is: `{Inbound, Outbound, Internal}`.
//!
//! **Example.** `{"id":"u","type":"SE_SFGetSoftphoneLayout","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFGetSoftphoneLayout`.
pub struct GetSoftphoneLayout;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetSoftphoneLayout",
    aliases: &[],
    name: "Get Softphone Layout",
    family: Family::SalesforceUi,
    description: "Reads the call center's softphone layout (screen-pop settings per call type).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{Inbound, Outbound, Internal}",
    calls: &["salesforceUi.getSoftphoneLayout"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetSoftphoneLayout {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(Bridge::SalesforceUi, "getSoftphoneLayout", json!({}), |v| v))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_host() {
        let h = host_with(
            json!({"answers": {"salesforceUi.getSoftphoneLayout": {"ok": {"Inbound": {"objects": {"Contact": []}}}}}}),
        );
        let r = run_block("SE_SFGetSoftphoneLayout", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.getSoftphoneLayout").args, json!({}));
        assert_eq!(r.results, json!({"Inbound": {"objects": {"Contact": []}}}));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFGetSoftphoneLayout",
            json!({}),
            &fails("salesforceUi.getSoftphoneLayout"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
