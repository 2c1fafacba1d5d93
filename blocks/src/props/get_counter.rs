//! # Get Counter
//!
//! **What it does.** Reads a named counter from the property store (0 when it
//! was never updated).
//!
//! **Controls.**
//! - `key` (string, required): the counter's name. The adapter keeps a
//!   built-in counter `openAgentTabs` (the number of open adapter tabs;
//!   the adapter page counts them by their Web Locks, and Update Counter on
//!   it fails with `READ_ONLY`). Headless hosts keep it as any other
//!   counter, so a host file can answer it.
//!
//! **Ports.** `done`. **Host calls.** `platform.getCounter {key}` (answer:
//! the number). **Results.** `{value: number}`.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_GetCounter","controls":{"key":"openAgentTabs"},"ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.10, X3). An answer that is not a number is read with JavaScript
//! `Number()`, and stored as `null` when that gives NaN. A failing store ends
//! the run with an error naming the call.

use crate::prelude::*;

/// `SE_GetCounter`.
pub struct GetCounter;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_GetCounter",
    aliases: &[],
    name: "Get Counter",
    family: Family::Store,
    description: "Reads a named counter (0 when never updated).",
    controls: &[ControlSpec::req("key", Kind::String, "The counter's name.")],
    ports: DONE,
    results: "{value: number}",
    calls: &["platform.getCounter"],
    side_effects: false,
    confirmed: false,
};

/// The counter value a host answered, as a JSON number (`null` for NaN).
pub(crate) fn counter_value(answer: &Value) -> Value {
    match answer {
        Value::Number(_) => answer.clone(),
        other => number_value(js_number(Some(other))),
    }
}

impl Block for GetCounter {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.required_string("key")?;
            let n = ctx
                .call_required(Bridge::Platform, "getCounter", json!({ "key": key }))
                .await?;
            Ok(BlockOutput::value(counter_value(&n)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn reads_the_counter() {
        let h = host();
        let one = run_block("SE_GetCounter", json!({"key": "calls"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!({"value": 0}));
        assert_eq!(
            one.call("platform.getCounter").args,
            json!({"key": "calls"})
        );
        let h = host_with(json!({"answers": {"platform.getCounter": {"ok": "3"}}}));
        let one = run_block("SE_GetCounter", json!({"key": "openAgentTabs"}), &h);
        assert_eq!(one.results, json!({"value": 3}));
    }

    #[test]
    fn a_failing_store_or_empty_key_ends_the_run() {
        let h = host_with(
            json!({"answers": {"platform.getCounter": {"error": {"code": "STORAGE", "message": "gone"}}}}),
        );
        let one = run_block("SE_GetCounter", json!({"key": "calls"}), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("platform.getCounter"));
        let one = run_block("SE_GetCounter", json!({"key": ""}), &h);
        assert_eq!(one.outcome, None);
        assert!(one.calls.is_empty());
    }
}
