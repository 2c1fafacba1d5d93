//! # Get Focused Primary Tab Object Id
//!
//! **What it does.** Reads the Salesforce object id (record id) shown in the
//! focused console primary tab.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getFocusedPrimaryTabObjectId {}` (Console Integration Toolkit
//! `getFocusedPrimaryTabObjectId`).
//! **Results.** `{id, value}`, both the object id, `null` when the tab
//! shows no record (or no tab has focus).
//!
//! **Example.** `{"id":"f","type":"SE_SFGetFocusedPrimaryTabObjectId","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. The answer may be the id
//! itself or `{id}`.

use crate::bridge_util::{answer_id, id_value};
use crate::prelude::*;

/// `SE_SFGetFocusedPrimaryTabObjectId`.
pub struct GetFocusedPrimaryTabObjectId;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetFocusedPrimaryTabObjectId",
    aliases: &[],
    name: "Get Focused Primary Tab Object Id",
    family: Family::Console,
    description:
        "Reads the record id shown in the focused console primary tab; results {id, value}.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{id, value}",
    calls: &["salesforceUi.getFocusedPrimaryTabObjectId"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetFocusedPrimaryTabObjectId {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(
            Bridge::SalesforceUi,
            "getFocusedPrimaryTabObjectId",
            json!({}),
            |v| id_value(answer_id(&v)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_object_id() {
        let h = host_with(
            json!({"answers": {"salesforceUi.getFocusedPrimaryTabObjectId": {"ok": {"success": true, "id": "500A"}}}}),
        );
        let r = run_block("SE_SFGetFocusedPrimaryTabObjectId", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.getFocusedPrimaryTabObjectId").args,
            json!({})
        );
        assert_eq!(r.results, json!({"id": "500A", "value": "500A"}));
        let r = run_block("SE_SFGetFocusedPrimaryTabObjectId", json!({}), &host());
        assert_eq!(r.results, json!({"id": null, "value": null}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFGetFocusedPrimaryTabObjectId",
            json!({}),
            &fails("salesforceUi.getFocusedPrimaryTabObjectId"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
