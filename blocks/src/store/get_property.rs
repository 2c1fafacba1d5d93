//! # Get Property
//!
//! **What it does.** Reads a value from the property store (see Set
//! Property), or `defaultValue` when the key holds nothing.
//!
//! **Controls.** `key` (text, required), `defaultValue` (any; default `""`).
//! **Ports.** `done`. **Host calls.** `platform.getProperty {key}`.
//! **Results.** `{value}`.
//!
//! **Example.** `{"key": "taskId", "defaultValue": ""}` → `{"value": "00Txx"}`.
//!
//! **Accepted quirks.** A stored `null` counts as nothing and gives the
//! default. A store that fails ends the run with an error naming the action.

use crate::prelude::*;

/// `SE_GetProperty`.
pub struct GetProperty;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_GetProperty",
    aliases: &[],
    name: "Get Property",
    family: Family::Store,
    description: "Reads a stored value, or a default.",
    controls: &[
        ControlSpec::req("key", Kind::String, "The property name."),
        ControlSpec::def(
            "defaultValue",
            Kind::Any,
            "\"\"",
            "Returned when nothing is stored.",
        ),
    ],
    ports: DONE,
    results: "{value}",
    calls: &["platform.getProperty"],
    side_effects: false,
    confirmed: true,
};

impl Block for GetProperty {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.required_string("key")?;
            let v = ctx
                .call_required(Bridge::Platform, "getProperty", json!({"key": key}))
                .await?;
            let v = if v.is_null() {
                ctx.value("defaultValue")
                    .unwrap_or(Value::String(String::new()))
            } else {
                v
            };
            Ok(BlockOutput::value(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn reads_the_stored_value() {
        let h = host_with(json!({"properties": {"taskId": "00T1"}}));
        let r = run_block(
            "SE_GetProperty",
            json!({"key": "taskId", "defaultValue": "none"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.call("platform.getProperty").args,
            json!({"key": "taskId"})
        );
        assert_eq!(r.results, json!({"value": "00T1"}));
    }

    #[test]
    fn falls_back_to_the_default() {
        let r = run_block(
            "SE_GetProperty",
            json!({"key": "nothing", "defaultValue": "none"}),
            &host(),
        );
        assert_eq!(r.results, json!({"value": "none"}));
        let r = run_block("SE_GetProperty", json!({"key": "nothing"}), &host());
        assert_eq!(r.results, json!({"value": ""}));
        let h = host_with(
            json!({"answers": {"platform.getProperty": {"error": {"code": "X", "message": "down"}}}}),
        );
        let r = run_block("SE_GetProperty", json!({"key": "k"}), &h);
        assert_eq!(r.outcome, None);
        assert!(r.report.error().is_some());
    }
}
