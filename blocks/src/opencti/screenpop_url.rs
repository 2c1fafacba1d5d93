//! # Screenpop Url
//!
//! **What it does.** Pops a URL: a Salesforce-relative path (`/lightning/...`,
//! `/apex/MyPage`) inside Salesforce, an absolute `http(s)` URL in a new
//! browser tab.
//!
//! **Controls.** `url`. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "url", params: {url}}` for
//! a relative path (Open CTI wants one); `adapterUi.openUrl {url}` for an
//! absolute `http://` or `https://` URL (the adapter's "new browser tab or
//! window").
//! **Results.** `null`.
//!
//! **Example.** `{"id":"p","type":"SE_SFScreenpopUrl","controls":{"url":"/lightning/o/Case/home"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control name are inferred. Any other
//! scheme (`javascript:`, `data:`, ...) goes to Open CTI as given, which
//! treats it as a path; the page never navigates to it itself. An empty URL
//! takes `failure` without a call.

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFScreenpopUrl`.
pub struct ScreenpopUrl;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopUrl",
    aliases: &[],
    name: "Screenpop Url",
    family: Family::SalesforceUi,
    description: "Pops a Salesforce-relative URL in Salesforce, or an absolute http(s) URL in a new browser tab.",
    controls: &[ControlSpec::req(
        "url",
        Kind::String,
        "A Salesforce-relative path, or an absolute http(s) URL (opens a new tab).",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop", "adapterUi.openUrl"],
    side_effects: true,
    confirmed: false,
};

/// Whether a URL is absolute `http(s)`.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

impl Block for ScreenpopUrl {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let url = try_out!(need(ctx, "url"));
            if is_web_url(&url) {
                let args = json!({"url": url.trim()});
                crate::bridge_util::act(ctx, Bridge::AdapterUi, "openUrl", args).await
            } else {
                let args = json!({"type": "url", "params": {"url": url}});
                crate::bridge_util::act(ctx, Bridge::SalesforceUi, "screenPop", args).await
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn relative_urls_pop_in_salesforce() {
        let r = run_block(
            "SE_SFScreenpopUrl",
            json!({"url": "/lightning/o/Case/home"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "url", "params": {"url": "/lightning/o/Case/home"}})
        );
        assert_eq!(r.calls.len(), 1);
    }

    #[test]
    fn absolute_urls_open_a_browser_tab() {
        let r = run_block(
            "SE_SFScreenpopUrl",
            json!({"url": "HTTPS://example.com/x?a=1"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("adapterUi.openUrl").args,
            json!({"url": "HTTPS://example.com/x?a=1"})
        );
        assert_eq!(r.calls.len(), 1);
    }

    #[test]
    fn host_errors_take_failure() {
        let r = run_block(
            "SE_SFScreenpopUrl",
            json!({"url": "/apex/P"}),
            &fails("salesforceUi.screenPop"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block(
            "SE_SFScreenpopUrl",
            json!({"url": "https://x"}),
            &fails("adapterUi.openUrl"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_SFScreenpopUrl", json!({"url": ""}), &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
