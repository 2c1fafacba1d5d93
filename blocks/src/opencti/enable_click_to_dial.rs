//! # Enable Click To Dial
//!
//! **What it does.** Turns on click-to-dial in Salesforce, so that phone fields become links that raise the Salesforce UI onClickToDial event.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.enableClickToDial {}` (Open CTI `enableClickToDial`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"u","type":"SE_SFEnableClickToDial","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFEnableClickToDial`.
pub struct EnableClickToDial;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFEnableClickToDial",
    aliases: &[],
    name: "Enable Click To Dial",
    family: Family::SalesforceUi,
    description: "Turns Salesforce click-to-dial on (phone fields become dial links).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.enableClickToDial"],
    side_effects: true,
    confirmed: false,
};

impl Block for EnableClickToDial {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::SalesforceUi,
            "enableClickToDial",
            json!({}),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_host() {
        let h = host_with(json!({"answers": {"salesforceUi.enableClickToDial": {"ok": null}}}));
        let r = run_block("SE_SFEnableClickToDial", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.enableClickToDial").args, json!({}));
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFEnableClickToDial",
            json!({}),
            &fails("salesforceUi.enableClickToDial"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
