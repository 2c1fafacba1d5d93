//! # Open Salesforce Primary Tab
//!
//! **What it does.** Opens a URL in a new console primary tab (or redirects
//! an existing one when `id` names it).
//!
//! **Controls.** `url`, `active` (focus it; default true), `tabLabel`,
//! `name`, `id` (an existing primary tab to redirect).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.openPrimaryTab {id, url, active, tabLabel,
//! name}` (Console Integration Toolkit `openPrimaryTab`; empty optional
//! values are sent as `null`).
//! **Results.** `{id, value}`, both the new tab's id (the adapter kept
//! `value` for compatibility).
//!
//! **Example.** `{"id":"t","type":"SE_SFOpenPrimaryTab","controls":{"url":"/lightning/r/Case/500A/view","active":true,"tabLabel":"Case"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control names are inferred. The answer
//! may be the id itself or `{id}`; anything else gives `id: null`. An empty
//! `url` takes `failure` without a call.

use crate::bridge_util::{answer_id, id_value, need, try_out};
use crate::prelude::*;

/// `SE_SFOpenPrimaryTab`.
pub struct OpenPrimaryTab;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFOpenPrimaryTab",
    aliases: &[],
    name: "Open Salesforce Primary Tab",
    family: Family::Console,
    description:
        "Opens a URL in a Salesforce console primary tab; results {id, value} = the tab id.",
    controls: &[
        ControlSpec::req("url", Kind::String, "The URL to open."),
        ControlSpec::def("active", Kind::Bool, "true", "Whether the tab takes focus."),
        ControlSpec::opt("tabLabel", Kind::String, "The tab's label."),
        ControlSpec::opt("name", Kind::String, "A name for the tab."),
        ControlSpec::opt("id", Kind::String, "An existing primary tab to redirect."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{id, value}",
    calls: &["salesforceUi.openPrimaryTab"],
    side_effects: true,
    confirmed: false,
};

/// A text control, or `null` when empty.
pub(super) fn text_or_null(ctx: &Ctx<'_>, name: &str) -> Value {
    let s = ctx.string(name);
    if s.is_empty() {
        Value::Null
    } else {
        Value::String(s)
    }
}

impl Block for OpenPrimaryTab {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let url = try_out!(need(ctx, "url"));
            let args = json!({
                "id": text_or_null(ctx, "id"),
                "url": url,
                "active": ctx.bool("active"),
                "tabLabel": text_or_null(ctx, "tabLabel"),
                "name": text_or_null(ctx, "name"),
            });
            ctx.call_outcome(Bridge::SalesforceUi, "openPrimaryTab", args, |v| {
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
    fn opens_a_primary_tab() {
        let h =
            host_with(json!({"answers": {"salesforceUi.openPrimaryTab": {"ok": {"id": "ctab0"}}}}));
        let r = run_block(
            "SE_SFOpenPrimaryTab",
            json!({"url": "/lightning/r/Case/500A/view", "tabLabel": "Case", "active": "false"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.openPrimaryTab").args,
            json!({"id": null, "url": "/lightning/r/Case/500A/view", "active": false, "tabLabel": "Case", "name": null})
        );
        assert_eq!(r.results, json!({"id": "ctab0", "value": "ctab0"}));
    }

    #[test]
    fn toolkit_error_takes_failure() {
        let r = run_block(
            "SE_SFOpenPrimaryTab",
            json!({"url": "/x"}),
            &fails("salesforceUi.openPrimaryTab"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(
            r.call("salesforceUi.openPrimaryTab").args["active"],
            json!(true)
        );
    }
}
