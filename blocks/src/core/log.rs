//! # Log to Console
//!
//! **What it does.** Writes a message to the platform log (the browser
//! console and the CCP log in the adapter page; the trace in headless runs).
//!
//! **Controls.** `level` (`debug`, `info`, `warn`, `error`; default `info`),
//! `message` (any: text, or a value written as JavaScript's `String()` would,
//! objects as JSON). **Ports.** `done`.
//! **Host calls.** `platform.log {level, message}`. **Results.** `null`.
//!
//! **Example.** `{"level": "debug", "message": "$.actions.uid-1.results.value"}`.
//!
//! **Accepted quirks.** `false` is logged as `"false"`, never skipped
//! (adapter v5.7); `null` as `"null"`; an absent message as `""`. Level is
//! read case-insensitively; `log` means `info`, `warning` means `warn`, and an
//! unknown level logs at `info` with a trace note. A host that fails to log
//! does not stop the run (the failure is noted in the trace).

use crate::prelude::*;

/// `SE_Log`.
pub struct Log;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_Log",
    aliases: &[],
    name: "Log to Console",
    family: Family::Core,
    description: "Writes a message to the console log.",
    controls: &[
        ControlSpec::def(
            "level",
            Kind::String,
            "\"info\"",
            "debug, info, warn or error.",
        ),
        ControlSpec::opt(
            "message",
            Kind::Any,
            "What to log; false is logged as \"false\".",
        ),
    ],
    ports: DONE,
    results: "null",
    calls: &["platform.log"],
    side_effects: false,
    confirmed: true,
};

/// The level as the platform knows it, and whether it was recognised.
fn level(s: &str) -> (&'static str, bool) {
    match s.trim().to_ascii_lowercase().as_str() {
        "debug" | "trace" => ("debug", true),
        "info" | "log" | "" => ("info", true),
        "warn" | "warning" => ("warn", true),
        "error" => ("error", true),
        _ => ("info", false),
    }
}

impl Block for Log {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let given = ctx.string("level");
            let (lvl, known) = level(&given);
            if !known {
                ctx.note(format!("unknown log level `{given}`; logged at info"));
            }
            let message = js_string(ctx.controls().get("message"));
            if let Err(e) = ctx
                .call(
                    Bridge::Platform,
                    "log",
                    json!({"level": lvl, "message": message}),
                )
                .await
            {
                ctx.note(format!("platform.log failed: {e}"));
            }
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn logs_the_message_at_its_level() {
        let r = run_block(
            "SE_Log",
            json!({"level": "debug", "message": "hello"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.call("platform.log").args,
            json!({"level": "debug", "message": "hello"})
        );
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn false_is_logged_not_skipped() {
        let r = run_block(
            "SE_Log",
            json!({"level": "debug", "message": false}),
            &host(),
        );
        assert_eq!(r.call("platform.log").args["message"], "false");
        let n = run_block("SE_Log", json!({"message": {"a": [1, 2]}}), &host());
        assert_eq!(
            n.call("platform.log").args,
            json!({"level": "info", "message": "{\"a\":[1,2]}"})
        );
    }

    #[test]
    fn odd_levels_and_a_failing_host_do_not_stop_the_run() {
        let h = host_with(
            json!({"answers": {"platform.log": {"error": {"code": "X", "message": "no console"}}}}),
        );
        let r = run_block(
            "SE_Log",
            json!({"level": "LOUD", "message": "x".repeat(100_000)}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.call("platform.log").args["level"], "info");
        assert!(r.report.end.is_normal());
    }
}
