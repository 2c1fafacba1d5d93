//! # Delay
//!
//! **What it does.** Waits a number of milliseconds on the platform clock
//! before going on. In the browser it is a real timer; in headless runs
//! (CLI, tests, replay) the virtual clock moves on at once.
//!
//! **Controls.**
//! - `milliseconds` (number): how long to wait. Negative or `""` waits 0;
//!   fractions are kept; anything above 60,000 (the run window) is capped
//!   at 60,000 with a trace note.
//!
//! **Ports.** `done`. **Host calls.** The engine's `platform.sleep {ms}`
//! (traced like a bridge call).
//! **Results.** `null`.
//!
//! The wait counts toward the run's 60 s window: a flow that has already
//! used 50 s and then waits 20 s is stopped by the engine before its next
//! block, with the limit and the action named in the trace.
//!
//! **Example.**
//! ```json
//! {"id":"4","type":"SE_CoreDelay","controls":{"milliseconds":1500},"ports":{"done":"5"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #88). A value that is not a number ends the run with an error
//! naming the control.

use crate::prelude::*;

/// `SE_CoreDelay`.
pub struct Delay;

/// The longest wait: the adapter's run window.
pub const MAX_DELAY_MS: f64 = 60_000.0;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreDelay",
    aliases: &["SE_Delay"],
    name: "Delay",
    family: Family::Core,
    description: "Waits some milliseconds on the platform clock (at most 60 s; counts toward the run window).",
    controls: &[ControlSpec::req(
        "milliseconds",
        Kind::Number,
        "How long to wait, in ms (capped at 60,000).",
    )],
    ports: DONE,
    results: "null",
    calls: &["platform.sleep"],
    side_effects: false,
    confirmed: false,
};

impl Block for Delay {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let asked = ctx.number("milliseconds")?;
            let ms = asked.clamp(0.0, MAX_DELAY_MS);
            if asked > MAX_DELAY_MS {
                ctx.note(format!(
                    "asked to wait {asked} ms; capped at {MAX_DELAY_MS} ms (the run window)"
                ));
            }
            ctx.sleep(ms).await;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn slept(one: &One) -> Vec<Value> {
        one.report
            .trace
            .iter()
            .filter_map(|t| match t {
                TraceEntry::Call { method, args, .. } if method == "sleep" => {
                    Some(args["ms"].clone())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn waits_on_the_virtual_clock() {
        let h = host();
        let before = ctiflow_engine::Host::now_ms(&h);
        let one = run_block("SE_CoreDelay", json!({"milliseconds": "1500"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!(null));
        assert_eq!(slept(&one), vec![json!(1500.0)]);
        assert_eq!(ctiflow_engine::Host::now_ms(&h) - before, 1500.0);
    }

    #[test]
    fn long_and_negative_waits_are_clamped() {
        let one = run_block("SE_CoreDelay", json!({"milliseconds": 3_600_000}), &host());
        assert_eq!(slept(&one), vec![json!(60000.0)]);
        assert!(one
            .report
            .trace
            .iter()
            .any(|t| matches!(t, TraceEntry::Note { message, .. } if message.contains("capped"))));
        let one = run_block("SE_CoreDelay", json!({"milliseconds": -5}), &host());
        assert_eq!(slept(&one), vec![json!(0.0)]);
    }

    #[test]
    fn the_wait_counts_toward_the_run_window() {
        let flow = json!({"actions":[
            {"id":"s","type":"SE_Start","ports":{"done":"d1"}},
            {"id":"d1","type":"SE_CoreDelay","controls":{"milliseconds":40000},"ports":{"done":"d2"}},
            {"id":"d2","type":"SE_CoreDelay","controls":{"milliseconds":30000},"ports":{"done":"e"}},
            {"id":"e","type":"SE_End"}
        ]});
        let r = run_flow(&flow, voice_event(json!({})), &host());
        assert!(
            matches!(&r.end, EndReason::RunWindow { action, .. } if action == "e"),
            "{:?}",
            r.end
        );
    }

    #[test]
    fn a_non_number_is_an_error() {
        let one = run_block_with(
            "SE_CoreDelay",
            json!({"milliseconds": "$.payload.ms"}),
            voice_event(json!({"ms": "soon"})),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("milliseconds"));
    }

    /// A literal number text validates exactly when the run reads it as a
    /// number (JavaScript's `Number(text)`): once `"NaN"` validated and then
    /// failed every run.
    #[test]
    fn a_number_text_validates_exactly_when_it_runs() {
        for (text, runs) in [
            ("1500", true),
            (" 16 ", true),
            ("0x10", true),
            ("1.6e1", true),
            (".5", true),
            ("", true),
            ("Infinity", true),
            ("NaN", false),
            ("inf", false),
            ("+inf", false),
            ("infinity", false),
            ("1_000", false),
            ("1e", false),
            ("-0x10", false),
        ] {
            let flow = json!({"actions":[
                {"id":"s","type":"SE_Start","ports":{"done":"d"}},
                {"id":"d","type":"SE_CoreDelay","controls":{"milliseconds":text},"ports":{"done":"e"}},
                {"id":"e","type":"SE_End"}
            ]});
            let errors: Vec<String> = engine()
                .validate_text("t.json", &flow.to_string())
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            assert_eq!(errors.is_empty(), runs, "{text:?}: {errors:?}");
            if !runs {
                assert!(errors[0].contains("control `milliseconds`"), "{errors:?}");
            }
            // The same text, read at run time through a magic string.
            let one = run_block_with(
                "SE_CoreDelay",
                json!({"milliseconds": "$.payload.ms"}),
                voice_event(json!({ "ms": text })),
                &host(),
            );
            assert_eq!(
                one.outcome.is_some(),
                runs,
                "{text:?}: {:?}",
                one.report.end
            );
        }
    }
}
