//! # Get Primary Tab Ids
//!
//! **What it does.** Lists the ids of the open console primary tabs, in
//! display order.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getPrimaryTabIds {}` (Console Integration
//! Toolkit `getPrimaryTabIds`).
//! **Results.** `{value: [tabId, ...]}`.
//!
//! **Example.** `{"id":"g","type":"SE_SFGetPrimaryTabIds","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. The answer may be the array
//! or `{ids}`; entries that are not text are dropped.

use crate::bridge_util::tab_ids_of;
use crate::prelude::*;

/// `SE_SFGetPrimaryTabIds`.
pub struct GetPrimaryTabIds;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetPrimaryTabIds",
    aliases: &[],
    name: "Get Primary Tab Ids",
    family: Family::Console,
    description: "Lists the ids of the open Salesforce console primary tabs.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{value: string[]}",
    calls: &["salesforceUi.getPrimaryTabIds"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetPrimaryTabIds {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(
            Bridge::SalesforceUi,
            "getPrimaryTabIds",
            json!({}),
            |v| json!({"value": tab_ids_of(&v)}),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn lists_the_tabs() {
        let h = host_with(
            json!({"answers": {"salesforceUi.getPrimaryTabIds": {"ok": {"success": true, "ids": ["ctab0", "ctab1"]}}}}),
        );
        let r = run_block("SE_SFGetPrimaryTabIds", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.getPrimaryTabIds").args, json!({}));
        assert_eq!(r.results, json!({"value": ["ctab0", "ctab1"]}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFGetPrimaryTabIds",
            json!({}),
            &fails("salesforceUi.getPrimaryTabIds"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
