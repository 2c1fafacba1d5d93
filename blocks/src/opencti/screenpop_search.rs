//! # Screenpop Search
//!
//! **What it does.** Opens Salesforce global search results for a text (3 characters or more).
//!
//! **Controls.** `searchString` (3 characters or more; Salesforce refuses shorter text, which takes `failure`). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "search", params}` (Open CTI
//! `screenPop`, `SCREENPOP_TYPE` `search`).
//! **Results.** `null` (Open CTI's `returnValue` is always null).
//!
//! **Example.** `{"id":"p","type":"SE_SFScreenpopSearch","controls":{"searchString":"$.contact.formattedNumber"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control names are inferred (no
//! export seen). An empty required value takes `failure` without a call;
//! anything else Salesforce refuses takes `failure` with its error.

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFScreenpopSearch`.
pub struct ScreenpopSearch;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopSearch",
    aliases: &[],
    name: "Screenpop Search",
    family: Family::SalesforceUi,
    description: "Opens Salesforce global search results for a text (3 characters or more).",
    controls: &[ControlSpec::req(
        "searchString",
        Kind::String,
        "The text to search for (3+ characters).",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop"],
    side_effects: true,
    confirmed: false,
};

impl Block for ScreenpopSearch {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let search = try_out!(need(ctx, "searchString"));
            let args = json!({"type": "search", "params": {"searchString": search}});
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "screenPop", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn pops_the_search() {
        let r = run_block(
            "SE_SFScreenpopSearch",
            json!({"searchString": "Acme"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "search", "params": {"searchString": "Acme"}})
        );
        assert_eq!(r.results, Value::Null);
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFScreenpopSearch",
            json!({"searchString": "Acme"}),
            &fails("salesforceUi.screenPop"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn empty_value_fails_without_calling() {
        let r = run_block("SE_SFScreenpopSearch", json!({"searchString": ""}), &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
