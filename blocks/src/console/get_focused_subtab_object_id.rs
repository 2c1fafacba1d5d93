//! # Get Focused Subtab Object Id
//!
//! **What it does.** Reads the Salesforce object id (record id) shown in the
//! focused console subtab.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getFocusedSubtabObjectId {}` (Console Integration Toolkit
//! `getFocusedSubtabObjectId`).
//! **Results.** `{id, value}`, both the object id, `null` when the tab
//! shows no record (or no tab has focus).
//!
//! **Example.** `{"id":"f","type":"SE_SFGetFocusedSubtabObjectId","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. The answer may be the id
//! itself or `{id}`.

use crate::bridge_util::{answer_id, id_value};
use crate::prelude::*;

/// `SE_SFGetFocusedSubtabObjectId`.
pub struct GetFocusedSubtabObjectId;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetFocusedSubtabObjectId",
    aliases: &[],
    name: "Get Focused Subtab Object Id",
    family: Family::Console,
    description: "Reads the record id shown in the focused console subtab; results {id, value}.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{id, value}",
    calls: &["salesforceUi.getFocusedSubtabObjectId"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetFocusedSubtabObjectId {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(
            Bridge::SalesforceUi,
            "getFocusedSubtabObjectId",
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
            json!({"answers": {"salesforceUi.getFocusedSubtabObjectId": {"ok": {"success": true, "id": "500A"}}}}),
        );
        let r = run_block("SE_SFGetFocusedSubtabObjectId", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.getFocusedSubtabObjectId").args,
            json!({})
        );
        assert_eq!(r.results, json!({"id": "500A", "value": "500A"}));
        let r = run_block("SE_SFGetFocusedSubtabObjectId", json!({}), &host());
        assert_eq!(r.results, json!({"id": null, "value": null}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFGetFocusedSubtabObjectId",
            json!({}),
            &fails("salesforceUi.getFocusedSubtabObjectId"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
