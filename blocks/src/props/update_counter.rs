//! # Update Counter
//!
//! **What it does.** Adds to a named counter in the property store and gives
//! back its new value. The store does the addition, so two tabs updating the
//! same counter do not lose an update.
//!
//! **Controls.**
//! - `key` (string, required): the counter's name.
//! - `delta` (number, default 1): what to add; negative to count down.
//!
//! **Ports.** `done`. **Host calls.** `platform.updateCounter {key, delta}`
//! (answer: the new number). **Results.** `{value: number}`.
//!
//! **Example.**
//! ```json
//! {"id":"5","type":"SE_UpdateCounter","controls":{"key":"screenpops","delta":1},
//!  "ports":{"done":"6"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.10, X2). An empty `delta` (`""`) adds 0, as JavaScript's `Number("")`;
//! a `delta` that is not a finite number ends the run with an error naming
//! the control before any call. A failing store ends the run with an error
//! naming the call.

use super::get_counter::counter_value;
use crate::prelude::*;

/// `SE_UpdateCounter`.
pub struct UpdateCounter;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_UpdateCounter",
    aliases: &[],
    name: "Update Counter",
    family: Family::Store,
    description: "Adds delta (default 1) to a named counter and gives back its new value.",
    controls: &[
        ControlSpec::req("key", Kind::String, "The counter's name."),
        ControlSpec::def(
            "delta",
            Kind::Number,
            "1",
            "What to add (negative counts down).",
        ),
    ],
    ports: DONE,
    results: "{value: number}",
    calls: &["platform.updateCounter"],
    side_effects: true,
    confirmed: false,
};

impl Block for UpdateCounter {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.required_string("key")?;
            let delta = ctx.number("delta")?;
            if !delta.is_finite() {
                return Err(BlockError::BadControl {
                    control: "delta".into(),
                    message: format!("`{}` is not a finite number", ctx.string("delta")),
                });
            }
            let n = ctx
                .call_required(
                    Bridge::Platform,
                    "updateCounter",
                    json!({ "key": key, "delta": number_value(delta) }),
                )
                .await?;
            Ok(BlockOutput::value(counter_value(&n)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn adds_and_gives_back_the_new_value() {
        let h = host();
        let one = run_block("SE_UpdateCounter", json!({"key": "pops"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!({"value": 1}));
        assert_eq!(
            one.call("platform.updateCounter").args,
            json!({"key": "pops", "delta": 1})
        );
        let one = run_block(
            "SE_UpdateCounter",
            json!({"key": "pops", "delta": "-3"}),
            &h,
        );
        assert_eq!(one.results, json!({"value": -2}));
        assert_eq!(
            one.call("platform.updateCounter").args,
            json!({"key": "pops", "delta": -3})
        );
        let one = run_block("SE_GetCounter", json!({"key": "pops"}), &h);
        assert_eq!(one.results, json!({"value": -2}));
    }

    #[test]
    fn a_bad_delta_makes_no_call_and_a_failing_store_ends_the_run() {
        let h = host();
        let one = run_block_with(
            "SE_UpdateCounter",
            json!({"key": "pops", "delta": "$.payload.d"}),
            voice_event(json!({"d": "lots"})),
            &h,
        );
        assert_eq!(one.outcome, None);
        assert!(one.calls.is_empty());
        let h = host_with(
            json!({"answers": {"platform.updateCounter": {"error": {"code": "STORAGE", "message": "gone"}}}}),
        );
        let one = run_block("SE_UpdateCounter", json!({"key": "pops"}), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("platform.updateCounter"));
    }

    /// Once an overflowing count was stored as null and read back as 0.
    #[test]
    fn a_count_past_the_largest_number_fails_and_keeps_the_count() {
        let h = host();
        let big = json!({"key": "big", "delta": 1e308});
        let one = run_block("SE_UpdateCounter", big.clone(), &h);
        assert_eq!(one.results["value"].as_f64(), Some(1e308));
        let one = run_block("SE_UpdateCounter", big, &h);
        assert_eq!(one.outcome, None);
        let end = format!("{:?}", one.report.end);
        assert!(end.contains("platform.updateCounter"), "{end}");
        assert!(
            end.contains("COUNTER_OVERFLOW: counter `big` cannot become Infinity (1e+308 + 1e+308); it stays at 1e+308"),
            "{end}"
        );
        let one = run_block("SE_GetCounter", json!({"key": "big"}), &h);
        assert_eq!(one.results["value"].as_f64(), Some(1e308));
    }

    /// Counters and properties are apart, as in the browser (other storage
    /// keys): once a property `counter:pops` was counter `pops`, and
    /// getAllProperties listed the counts.
    #[test]
    fn counters_are_not_properties() {
        let h = host();
        run_block("SE_UpdateCounter", json!({"key": "pops", "delta": 5}), &h);
        assert!(h.properties().is_empty(), "{:?}", h.properties());
        run_block(
            "SE_SetProperty",
            json!({"key": "counter:pops", "value": "x"}),
            &h,
        );
        let one = run_block("SE_GetCounter", json!({"key": "pops"}), &h);
        assert_eq!(one.results, json!({"value": 5}));
        run_block("SE_ClearAllProperties", json!({}), &h);
        let one = run_block("SE_GetCounter", json!({"key": "pops"}), &h);
        assert_eq!(one.results, json!({"value": 5}));
    }
}
