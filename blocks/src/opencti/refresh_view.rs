//! # Refresh View
//!
//! **What it does.** Refreshes the Salesforce page the agent is looking at (after a record was saved, for instance).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.refreshView {}` (Open CTI `refreshView`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"u","type":"SE_SFRefreshView","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred (no export seen). An Open CTI
//! error (`success: false`) takes `failure` with the error as exception.

use crate::prelude::*;

/// `SE_SFRefreshView`.
pub struct RefreshView;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFRefreshView",
    aliases: &[],
    name: "Refresh View",
    family: Family::SalesforceUi,
    description: "Refreshes the Salesforce page the agent is looking at.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.refreshView"],
    side_effects: true,
    confirmed: false,
};

impl Block for RefreshView {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::SalesforceUi,
            "refreshView",
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
        let h = host_with(json!({"answers": {"salesforceUi.refreshView": {"ok": null}}}));
        let r = run_block("SE_SFRefreshView", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.refreshView").args, json!({}));
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFRefreshView",
            json!({}),
            &fails("salesforceUi.refreshView"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(r.calls.len(), 1);
    }
}
