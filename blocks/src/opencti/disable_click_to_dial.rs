//! # Disable Click To Dial
//!
//! **What it does.** Turns off click-to-dial in Salesforce (phone fields stop being dial links).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.disableClickToDial {}` (Open CTI `disableClickToDial`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"u","type":"SE_SFDisableClickToDial","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFDisableClickToDial`.
pub struct DisableClickToDial;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFDisableClickToDial",
    aliases: &[],
    name: "Disable Click To Dial",
    family: Family::SalesforceUi,
    description: "Turns Salesforce click-to-dial off.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.disableClickToDial"],
    side_effects: true,
    confirmed: false,
};

impl Block for DisableClickToDial {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::SalesforceUi,
            "disableClickToDial",
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
        let h = host_with(json!({"answers": {"salesforceUi.disableClickToDial": {"ok": null}}}));
        let r = run_block("SE_SFDisableClickToDial", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.disableClickToDial").args, json!({}));
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFDisableClickToDial",
            json!({}),
            &fails("salesforceUi.disableClickToDial"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
