//! # Set Softphone Panel Height
//!
//! **What it does.** Sets the height of the softphone panel in the Salesforce
//! utility bar, in pixels.
//!
//! **Controls.** `heightPX` (number, 240 to 2560). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.setSoftphonePanelHeight {heightPX}` (Open CTI `setSoftphonePanelHeight`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"p","type":"SE_SFSetSoftphonePanelHeight","controls":{"heightPX":240},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control name are inferred. The value
//! is passed as given (rounded to whole pixels): Salesforce refuses one
//! outside 240..2560, which takes `failure`. A value that is not a number
//! takes `failure` without a call.

use crate::bridge_util::fail;
use crate::prelude::*;

/// `SE_SFSetSoftphonePanelHeight`.
pub struct SetSoftphonePanelHeight;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSetSoftphonePanelHeight",
    aliases: &[],
    name: "Set Softphone Panel Height",
    family: Family::SalesforceUi,
    description: "Sets the softphone panel height in pixels (240 to 2560).",
    controls: &[ControlSpec::req(
        "heightPX",
        Kind::Number,
        "The height in pixels, 240 to 2560.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.setSoftphonePanelHeight"],
    side_effects: true,
    confirmed: false,
};

impl Block for SetSoftphonePanelHeight {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let px = js_number(ctx.value("heightPX").as_ref());
            if !px.is_finite() || ctx.string("heightPX").trim().is_empty() {
                return Ok(fail(
                    "INVALID_PARAM",
                    format!(
                        "control `heightPX` is not a number: `{}`",
                        ctx.string("heightPX")
                    ),
                ));
            }
            let args = json!({"heightPX": number_value(px.round())});
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "setSoftphonePanelHeight", args)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_the_height() {
        let r = run_block(
            "SE_SFSetSoftphonePanelHeight",
            json!({"heightPX": "240"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.setSoftphonePanelHeight").args,
            json!({"heightPX": 240})
        );
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFSetSoftphonePanelHeight",
            json!({"heightPX": 99999}),
            &fails("salesforceUi.setSoftphonePanelHeight"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn not_a_number_fails_without_calling() {
        let r = run_block(
            "SE_SFSetSoftphonePanelHeight",
            json!({"heightPX": "$.payload.nope"}),
            &host(),
        );
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
