//! # Set Property
//!
//! **What it does.** Stores a value under a key in the property store,
//! which outlives the run: a later flow (another event, even another tab)
//! reads it with Get Property.
//!
//! **Controls.** `key` (text, required), `value` (any; kept as given, so
//! `"true"` stays a string). **Ports.** `done`.
//! **Host calls.** `platform.setProperty {key, value}`. **Results.** `null`.
//!
//! **Example.** `{"key": "taskId", "value": "$.actions.uid-3.results.id"}`.
//!
//! **Accepted quirks.** An unresolved magic string stores `null`. A store
//! that refuses the write ends the run with an error naming the action (the
//! block has no failure port).

use crate::prelude::*;

/// `SE_SetProperty`.
pub struct SetProperty;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SetProperty",
    aliases: &[],
    name: "Set Property",
    family: Family::Store,
    description: "Stores a value under a key, kept across runs.",
    controls: &[
        ControlSpec::req("key", Kind::String, "The property name."),
        ControlSpec::opt("value", Kind::Any, "The value to store (kept as given)."),
    ],
    ports: DONE,
    results: "null",
    calls: &["platform.setProperty"],
    side_effects: true,
    confirmed: true,
};

impl Block for SetProperty {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.required_string("key")?;
            let value = ctx.controls().get("value").cloned().unwrap_or(Value::Null);
            ctx.call_required(
                Bridge::Platform,
                "setProperty",
                json!({"key": key, "value": value}),
            )
            .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn stores_the_value_as_given() {
        let h = host();
        let r = run_block(
            "SE_SetProperty",
            json!({"key": "hvsWasConnected", "value": "true"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.call("platform.setProperty").args,
            json!({"key": "hvsWasConnected", "value": "true"})
        );
        assert_eq!(h.properties()["hvsWasConnected"], json!("true"));
        run_block(
            "SE_SetProperty",
            json!({"key": "n", "value": {"a": [1]}}),
            &h,
        );
        assert_eq!(h.properties()["n"], json!({"a": [1]}));
    }

    #[test]
    fn an_empty_key_or_a_refusing_store_is_a_run_error() {
        let r = run_block(
            "SE_SetProperty",
            json!({"key": "$.payload.none", "value": 1}),
            &host(),
        );
        assert_eq!(r.outcome, None);
        assert!(r.calls.is_empty());
        let err = r.report.error().expect("run error");
        assert!(err.message.contains("`key`"), "{}", err.message);
        let h = host_with(
            json!({"answers": {"platform.setProperty": {"error": {"code": "QUOTA", "message": "full"}}}}),
        );
        let r = run_block("SE_SetProperty", json!({"key": "k", "value": 1}), &h);
        assert_eq!(r.outcome, None);
        assert!(r
            .report
            .error()
            .expect("run error")
            .message
            .contains("QUOTA"));
    }
}
