//! # Screenpop List
//!
//! **What it does.** Opens a list view of a Salesforce object.
//!
//! **Controls.** `listViewId` (list view id), `scope` (object API name). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "list", params}` (Open CTI
//! `screenPop`, `SCREENPOP_TYPE` `list`).
//! **Results.** `null` (Open CTI's `returnValue` is always null).
//!
//! **Example.** `{"id":"p","type":"SE_SFScreenpopList","controls":{"listViewId":"00B5g00000XXXXX","scope":"Account"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control names are inferred (no
//! export seen). An empty required value takes `failure` without a call;
//! anything else Salesforce refuses takes `failure` with its error.

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFScreenpopList`.
pub struct ScreenpopList;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopList",
    aliases: &[],
    name: "Screenpop List",
    family: Family::SalesforceUi,
    description: "Opens a list view of a Salesforce object.",
    controls: &[
        ControlSpec::req(
            "listViewId",
            Kind::String,
            "The list view id (or developer name).",
        ),
        ControlSpec::req(
            "scope",
            Kind::String,
            "The object API name, e.g. `Account`.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop"],
    side_effects: true,
    confirmed: false,
};

impl Block for ScreenpopList {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let list_view_id = try_out!(need(ctx, "listViewId"));
            let scope = try_out!(need(ctx, "scope"));
            let args =
                json!({"type": "list", "params": {"listViewId": list_view_id, "scope": scope}});
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "screenPop", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn pops_the_list() {
        let r = run_block(
            "SE_SFScreenpopList",
            json!({"listViewId": "00BA", "scope": "Account"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "list", "params": {"listViewId": "00BA", "scope": "Account"}})
        );
        assert_eq!(r.results, Value::Null);
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFScreenpopList",
            json!({"listViewId": "00BA", "scope": "Account"}),
            &fails("salesforceUi.screenPop"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn empty_value_fails_without_calling() {
        let r = run_block(
            "SE_SFScreenpopList",
            json!({"listViewId": "00BA", "scope": "$.payload.none"}),
            &host(),
        );
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
