//! # Close Salesforce Tab
//!
//! **What it does.** Closes a console tab (primary tab or subtab) by id.
//!
//! **Controls.** `tabId`. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.closeTab {id}` (Console Integration Toolkit
//! `closeTab`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"x","type":"SE_SFCloseTab","controls":{"tabId":"$.actions.t.results.id"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred; `id` is
//! accepted as another spelling of `tabId`. An empty id takes `failure`
//! without a call.

use crate::bridge_util::missing;
use crate::prelude::*;

/// `SE_SFCloseTab`.
pub struct CloseTab;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFCloseTab",
    aliases: &[],
    name: "Close Salesforce Tab",
    family: Family::Console,
    description: "Closes a Salesforce console tab by id.",
    controls: &[
        ControlSpec::opt(
            "tabId",
            Kind::String,
            "The tab to close (primary tab or subtab id).",
        ),
        ControlSpec::opt("id", Kind::String, "Another spelling of tabId."),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.closeTab"],
    side_effects: true,
    confirmed: false,
};

impl Block for CloseTab {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = ctx.string_any(&["tabId", "id"]);
            if id.trim().is_empty() {
                return Ok(missing("tabId"));
            }
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "closeTab", json!({"id": id})).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn closes_the_tab() {
        let r = run_block("SE_SFCloseTab", json!({"tabId": "ctab0"}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("salesforceUi.closeTab").args, json!({"id": "ctab0"}));
        let r = run_block("SE_SFCloseTab", json!({"id": "ctab1"}), &host());
        assert_eq!(r.call("salesforceUi.closeTab").args, json!({"id": "ctab1"}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFCloseTab",
            json!({"tabId": "ctab0"}),
            &fails("salesforceUi.closeTab"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_SFCloseTab", json!({}), &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
