//! # Extract Value
//!
//! **What it does.** Reads one value out of an object or array by a dot
//! path, e.g. a field of a record that Retrieve Salesforce Record returned.
//!
//! **Controls.** `targetField` (any; usually `$.actions.X.results.record`),
//! `keyPath` (text: dot path; numeric steps index arrays, `0.Name`;
//! `[0]` and `.[0]` also work; empty means the whole value).
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value}`; `value` is `null` when the path leads nowhere.
//!
//! **Example.** `{"targetField": "$.actions.uid-16.results.record",
//! "keyPath": "AccountId"}` → `{"value": "001xx"}`.
//!
//! **Accepted quirks.** A `targetField` that is a string holding JSON (an
//! Apex method's return value, say) is parsed first, so paths reach inside
//! it. A path that is not well formed (`a..b`, `a[x]`) reads nothing.

use crate::prelude::*;
use ctiflow_engine::path::walk_str;

/// `SE_CoreExtractValue`.
pub struct ExtractValue;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreExtractValue",
    aliases: &[],
    name: "Extract Value",
    family: Family::Core,
    description: "Reads one value out of an object or array by a dot path.",
    controls: &[
        ControlSpec::opt(
            "targetField",
            Kind::Any,
            "The object or array to read from.",
        ),
        ControlSpec::opt(
            "keyPath",
            Kind::String,
            "Dot path: `AccountId`, `0.Name`, `a.b[2]`.",
        ),
    ],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for ExtractValue {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let target = ctx.value("targetField").unwrap_or(Value::Null);
            let target = match target {
                Value::String(s) if s.trim_start().starts_with(['{', '[']) => {
                    serde_json::from_str(&s).unwrap_or(Value::String(s))
                }
                other => other,
            };
            let path = ctx.string("keyPath");
            let found = walk_str(&target, &path).cloned().unwrap_or(Value::Null);
            Ok(BlockOutput::value(found))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn extract(target: Value, path: &str) -> One {
        run_block(
            "SE_CoreExtractValue",
            json!({"targetField": target, "keyPath": path}),
            &host(),
        )
    }

    #[test]
    fn reads_a_field_by_path() {
        let r = extract(json!({"AccountId": "001xx", "Id": "003xx"}), "AccountId");
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": "001xx"}));
        assert_eq!(
            extract(json!([{"Name": "Acme"}]), "0.Name").results,
            json!({"value": "Acme"})
        );
        assert_eq!(
            extract(json!({"a": [1, {"b": 2}]}), "a.[1].b").results,
            json!({"value": 2})
        );
        assert_eq!(
            extract(json!({"a": 1}), "").results,
            json!({"value": {"a": 1}})
        );
        assert_eq!(
            extract(json!("{\"x\": {\"y\": true}}"), "x.y").results,
            json!({"value": true})
        );
    }

    #[test]
    fn missing_paths_give_null() {
        assert_eq!(
            extract(json!({"a": 1}), "b").results,
            json!({"value": null})
        );
        assert_eq!(
            extract(json!({"a": 1}), "a.b.c").results,
            json!({"value": null})
        );
        assert_eq!(extract(json!(null), "a").results, json!({"value": null}));
        assert_eq!(
            extract(json!({"a": 1}), "a..b[x").results,
            json!({"value": null})
        );
        assert_eq!(
            extract(json!("{not json"), "a").results,
            json!({"value": null})
        );
        assert!(extract(json!({"a": 1}), "a").calls.is_empty());
    }
}
