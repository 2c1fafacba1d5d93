//! # Set Softphone Panel Width
//!
//! **What it does.** Sets the width of the softphone panel in the Salesforce
//! utility bar, in pixels.
//!
//! **Controls.** `widthPX` (number, 200 to 1920). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.setSoftphonePanelWidth {widthPX}` (Open CTI `setSoftphonePanelWidth`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"p","type":"SE_SFSetSoftphonePanelWidth","controls":{"widthPX":200},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control name are inferred. The value
//! is passed as given (rounded to whole pixels): Salesforce refuses one
//! outside 200..1920, which takes `failure`. A value that is not a number
//! takes `failure` without a call.

use crate::bridge_util::fail;
use crate::prelude::*;

/// `SE_SFSetSoftphonePanelWidth`.
pub struct SetSoftphonePanelWidth;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSetSoftphonePanelWidth",
    aliases: &[],
    name: "Set Softphone Panel Width",
    family: Family::SalesforceUi,
    description: "Sets the softphone panel width in pixels (200 to 1920).",
    controls: &[ControlSpec::req(
        "widthPX",
        Kind::Number,
        "The width in pixels, 200 to 1920.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.setSoftphonePanelWidth"],
    side_effects: true,
    confirmed: false,
};

impl Block for SetSoftphonePanelWidth {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let px = js_number(ctx.value("widthPX").as_ref());
            if !px.is_finite() || ctx.string("widthPX").trim().is_empty() {
                return Ok(fail(
                    "INVALID_PARAM",
                    format!(
                        "control `widthPX` is not a number: `{}`",
                        ctx.string("widthPX")
                    ),
                ));
            }
            let args = json!({"widthPX": number_value(px.round())});
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "setSoftphonePanelWidth", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn sets_the_width() {
        let r = run_block(
            "SE_SFSetSoftphonePanelWidth",
            json!({"widthPX": "200"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.setSoftphonePanelWidth").args,
            json!({"widthPX": 200})
        );
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFSetSoftphonePanelWidth",
            json!({"widthPX": 99999}),
            &fails("salesforceUi.setSoftphonePanelWidth"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn not_a_number_fails_without_calling() {
        let r = run_block(
            "SE_SFSetSoftphonePanelWidth",
            json!({"widthPX": "$.payload.nope"}),
            &host(),
        );
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
