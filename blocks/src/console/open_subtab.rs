//! # Open Salesforce Sub Tab
//!
//! **What it does.** Opens a URL in a subtab of a console primary tab.
//!
//! **Controls.** `primaryTabId` (e.g. from Open Salesforce Primary Tab),
//! `url`, `active` (default true), `tabLabel`, `id` (an existing subtab to
//! redirect), `name`.
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.openSubtab {primaryTabId, url, active,
//! tabLabel, id, name}` (Console Integration Toolkit `openSubtab`).
//! **Results.** `{id, value}`, both the subtab id.
//!
//! **Example.** `{"id":"s","type":"SE_SFOpenSubtab","controls":{"primaryTabId":"$.actions.t.results.id","url":"/lightning/r/Contact/003A/view"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control names are inferred. An empty
//! `primaryTabId` or `url` takes `failure` without a call.

use super::open_primary_tab::text_or_null;
use crate::bridge_util::{answer_id, id_value, need, try_out};
use crate::prelude::*;

/// `SE_SFOpenSubtab`.
pub struct OpenSubtab;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFOpenSubtab",
    aliases: &["SE_SFOpenSubTab"],
    name: "Open Salesforce Sub Tab",
    family: Family::Console,
    description: "Opens a URL in a subtab of a Salesforce console primary tab; results {id, value} = the subtab id.",
    controls: &[
        ControlSpec::req("primaryTabId", Kind::String, "The primary tab to open it in."),
        ControlSpec::req("url", Kind::String, "The URL to open."),
        ControlSpec::def("active", Kind::Bool, "true", "Whether the subtab takes focus."),
        ControlSpec::opt("tabLabel", Kind::String, "The subtab's label."),
        ControlSpec::opt("id", Kind::String, "An existing subtab to redirect."),
        ControlSpec::opt("name", Kind::String, "A name for the subtab."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{id, value}",
    calls: &["salesforceUi.openSubtab"],
    side_effects: true,
    confirmed: false,
};

impl Block for OpenSubtab {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let primary = try_out!(need(ctx, "primaryTabId"));
            let url = try_out!(need(ctx, "url"));
            let args = json!({
                "primaryTabId": primary,
                "url": url,
                "active": ctx.bool("active"),
                "tabLabel": text_or_null(ctx, "tabLabel"),
                "id": text_or_null(ctx, "id"),
                "name": text_or_null(ctx, "name"),
            });
            ctx.call_outcome(Bridge::SalesforceUi, "openSubtab", args, |v| {
                id_value(answer_id(&v))
            })
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn opens_a_subtab() {
        let h = host_with(json!({"answers": {"salesforceUi.openSubtab": {"ok": "ctab0_1"}}}));
        let r = run_block(
            "SE_SFOpenSubtab",
            json!({"primaryTabId": "ctab0", "url": "/lightning/r/Contact/003A/view", "name": "c"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.openSubtab").args,
            json!({"primaryTabId": "ctab0", "url": "/lightning/r/Contact/003A/view", "active": true, "tabLabel": null, "id": null, "name": "c"})
        );
        assert_eq!(r.results, json!({"id": "ctab0_1", "value": "ctab0_1"}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let c = json!({"primaryTabId": "ctab0", "url": "/x"});
        let r = run_block("SE_SFOpenSubtab", c, &fails("salesforceUi.openSubtab"));
        assert_failure(&r, "GENERIC_ERROR");
        let c = json!({"primaryTabId": "$.payload.tabId", "url": "/x"});
        let r = run_block("SE_SFOpenSubtab", c, &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
