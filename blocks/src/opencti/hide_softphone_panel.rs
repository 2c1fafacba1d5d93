//! # Hide Softphone Panel
//!
//! **What it does.** Minimises the softphone panel in the Salesforce utility bar.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.setSoftphonePanelVisibility {"visible": false}` (Open CTI `setSoftphonePanelVisibility`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"u","type":"SE_SFHideSoftphonePanel","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFHideSoftphonePanel`.
pub struct HideSoftphonePanel;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFHideSoftphonePanel",
    aliases: &[],
    name: "Hide Softphone Panel",
    family: Family::SalesforceUi,
    description: "Minimises the softphone (utility bar) panel.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.setSoftphonePanelVisibility"],
    side_effects: true,
    confirmed: false,
};

impl Block for HideSoftphonePanel {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::SalesforceUi,
            "setSoftphonePanelVisibility",
            json!({"visible": false}),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_host() {
        let h = host_with(
            json!({"answers": {"salesforceUi.setSoftphonePanelVisibility": {"ok": null}}}),
        );
        let r = run_block("SE_SFHideSoftphonePanel", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.setSoftphonePanelVisibility").args,
            json!({"visible": false})
        );
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFHideSoftphonePanel",
            json!({}),
            &fails("salesforceUi.setSoftphonePanelVisibility"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
