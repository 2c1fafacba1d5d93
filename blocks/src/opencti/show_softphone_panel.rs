//! # Show Softphone Panel
//!
//! **What it does.** Opens the softphone panel in the Salesforce utility bar.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.setSoftphonePanelVisibility {"visible": true}` (Open CTI `setSoftphonePanelVisibility`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"u","type":"SE_SFShowSoftphonePanel","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFShowSoftphonePanel`.
pub struct ShowSoftphonePanel;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFShowSoftphonePanel",
    aliases: &[],
    name: "Show Softphone Panel",
    family: Family::SalesforceUi,
    description: "Opens the softphone (utility bar) panel.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.setSoftphonePanelVisibility"],
    side_effects: true,
    confirmed: false,
};

impl Block for ShowSoftphonePanel {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::SalesforceUi,
            "setSoftphonePanelVisibility",
            json!({"visible": true}),
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
        let r = run_block("SE_SFShowSoftphonePanel", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.setSoftphonePanelVisibility").args,
            json!({"visible": true})
        );
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFShowSoftphonePanel",
            json!({}),
            &fails("salesforceUi.setSoftphonePanelVisibility"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
