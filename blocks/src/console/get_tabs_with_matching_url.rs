//! # Get Tabs With Matching Url
//!
//! **What it does.** Lists the open console primary tabs whose URL contains
//! a text (to reuse a tab rather than open a second one).
//!
//! **Controls.** `url` (the text to look for; case-sensitive).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getPrimaryTabIds {}`, then
//! `salesforceUi.getPageInfo {tabId}` for each tab.
//! **Results.** `{value: [tabId, ...]}` (possibly empty), in tab order.
//!
//! **Example.** `{"id":"m","type":"SE_SFGetTabsWithMatchingUrl","controls":{"url":"/lightning/r/Case/"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred. Any failed
//! call takes `failure`. An empty `url` takes `failure` without a call
//! (it would match every tab).

use crate::bridge_util::{need, tabs_with_page_info, try_out};
use crate::prelude::*;

/// `SE_SFGetTabsWithMatchingUrl`.
pub struct GetTabsWithMatchingUrl;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetTabsWithMatchingUrl",
    aliases: &[],
    name: "Get Tabs With Matching Url",
    family: Family::Console,
    description: "Lists the console primary tab ids whose URL contains the given text.",
    controls: &[ControlSpec::req(
        "url",
        Kind::String,
        "The text the tab URL must contain.",
    )],
    ports: SUCCESS_FAILURE,
    results: "{value: string[]}",
    calls: &["salesforceUi.getPrimaryTabIds", "salesforceUi.getPageInfo"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetTabsWithMatchingUrl {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let needle = try_out!(need(ctx, "url"));
            let tabs = try_out!(tabs_with_page_info(ctx).await);
            let ids: Vec<Value> = tabs
                .into_iter()
                .filter(|(_, info)| {
                    info.get("url")
                        .and_then(Value::as_str)
                        .is_some_and(|u| u.contains(&needle))
                })
                .map(|(id, _)| Value::String(id))
                .collect();
            Ok(BlockOutput::success(json!({"value": ids})))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn keeps_tabs_whose_url_matches() {
        let h = host_with(json!({"answers": {
            "salesforceUi.getPrimaryTabIds": {"ok": {"ids": ["ctab0", "ctab1", "ctab2"]}},
            "salesforceUi.getPageInfo": {"sequence": [
                {"ok": "{\"url\":\"/lightning/r/Case/500A/view\"}"},
                {"ok": "{\"url\":\"/lightning/page/home\"}"},
                {"ok": {"url": "/lightning/r/Case/500B/view"}}
            ]}
        }}));
        let r = run_block("SE_SFGetTabsWithMatchingUrl", json!({"url": "/Case/"}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.results, json!({"value": ["ctab0", "ctab2"]}));
        assert_eq!(r.calls.len(), 4);
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFGetTabsWithMatchingUrl",
            json!({"url": "/Case/"}),
            &fails("salesforceUi.getPrimaryTabIds"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_SFGetTabsWithMatchingUrl", json!({"url": ""}), &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
