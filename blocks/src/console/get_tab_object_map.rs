//! # Get Tab Object Map
//!
//! **What it does.** Maps each open console primary tab to the record it
//! shows, when there is one.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.getPrimaryTabIds {}`, then
//! `salesforceUi.getPageInfo {tabId}` for each tab (Console Integration
//! Toolkit).
//! **Results.** `{value: {tabId: objectId or null}}`, in tab order.
//!
//! **Example.** `{"id":"m","type":"SE_SFGetTabObjectMap","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. Whether `getPageInfo` works
//! in a Lightning console is unconfirmed: any failed call takes `failure`
//! (bridges.md 6.5). `pageInfo` may arrive as the toolkit's JSON string or as
//! an object; an empty `objectId` is `null`.

use crate::bridge_util::{tabs_with_page_info, try_out};
use crate::prelude::*;

/// `SE_SFGetTabObjectMap`.
pub struct GetTabObjectMap;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetTabObjectMap",
    aliases: &[],
    name: "Get Tab Object Map",
    family: Family::Console,
    description: "Maps each open console primary tab id to the record id it shows (or null).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{value: {tabId: objectId | null}}",
    calls: &["salesforceUi.getPrimaryTabIds", "salesforceUi.getPageInfo"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetTabObjectMap {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let tabs = try_out!(tabs_with_page_info(ctx).await);
            let map: Map<String, Value> = tabs
                .into_iter()
                .map(|(id, info)| {
                    let obj = match info.get("objectId") {
                        Some(Value::String(s)) if !s.is_empty() => Value::String(s.clone()),
                        _ => Value::Null,
                    };
                    (id, obj)
                })
                .collect();
            Ok(BlockOutput::success(json!({"value": map})))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn maps_tabs_to_objects() {
        let h = host_with(json!({"answers": {
            "salesforceUi.getPrimaryTabIds": {"ok": ["ctab0", "ctab1"]},
            "salesforceUi.getPageInfo": {"sequence": [
                {"ok": {"pageInfo": "{\"url\":\"/lightning/r/Case/500A/view\",\"objectId\":\"500A\"}"}},
                {"ok": {"url": "/lightning/page/home", "objectId": ""}}
            ]}
        }}));
        let r = run_block("SE_SFGetTabObjectMap", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.results,
            json!({"value": {"ctab0": "500A", "ctab1": null}})
        );
        let asked: Vec<Value> = r
            .calls
            .iter()
            .filter(|c| c.method == "getPageInfo")
            .map(|c| c.args.clone())
            .collect();
        assert_eq!(
            asked,
            vec![json!({"tabId": "ctab0"}), json!({"tabId": "ctab1"})]
        );
    }

    #[test]
    fn page_info_error_takes_failure() {
        let h = host_with(json!({"answers": {
            "salesforceUi.getPrimaryTabIds": {"ok": ["ctab0"]},
            "salesforceUi.getPageInfo": {"error": {"code": "GENERIC_ERROR", "message": "unsupported in Lightning"}}
        }}));
        let r = run_block("SE_SFGetTabObjectMap", json!({}), &h);
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block(
            "SE_SFGetTabObjectMap",
            json!({}),
            &fails("salesforceUi.getPrimaryTabIds"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
