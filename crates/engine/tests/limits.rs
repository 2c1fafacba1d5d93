//! Each limit trips, names where it tripped, and leaves the engine serving
//! (rhai's tests/operations.rs in spirit). Uses a tiny private catalog so the
//! engine is tested on its own.

mod common;

use common::{engine, memory_engine};
use ctiflow_engine::engine::{DEFAULT_MAX_TRACE_BYTES, DEFAULT_MAX_VALUE_BYTES};
use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::trace::Answer;
use ctiflow_engine::trace::{EndReason, TraceEntry};
use ctiflow_engine::value::held_bytes;
use ctiflow_engine::{Engine, Event, EventKey, Limits, RunReport};
use serde_json::json;
use std::num::NonZeroU64;

fn key() -> EventKey {
    EventKey::parse("Voice Contact/onConnecting").unwrap()
}

const LOOP: &str = r#"{"name":"loop","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"a"}},
  {"id":"a","type":"T_Noop","ports":{"done":"b"}},
  {"id":"b","type":"T_Noop","ports":{"done":"a"}}]}"#;
const OK: &str = r#"{"name":"ok","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"e"}},{"id":"e","type":"SE_End"}]}"#;

fn load(e: &mut Engine, text: &str) {
    let v = e.validate_text("t.json", text);
    e.register(key(), v.program.expect("valid"), true);
}

#[test]
fn a_loop_stops_at_the_step_budget_and_the_next_flow_runs() {
    let mut e = engine();
    load(&mut e, LOOP);
    load(&mut e, OK);
    let v = e.validate_text("t.json", LOOP);
    assert!(v
        .diagnostics
        .iter()
        .any(|d| d.code == "cycle" && !d.is_error()));
    let host = ScriptedHost::default();
    let runs = block_on(e.dispatch(key(), &Event::default(), &host, None));
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[0].end,
        EndReason::StepBudget {
            limit: 10_000,
            action: "b".into(), // s, then a and b alternate: step 10,000 ran `a`
            block_type: "T_Noop".into(),
        }
    );
    assert_eq!(runs[0].steps, 10_000);
    assert!(matches!(
        runs[0].trace.last(),
        Some(TraceEntry::RunEnd {
            reason: EndReason::StepBudget { .. },
            ..
        })
    ));
    assert_eq!(runs[1].end, EndReason::End);
    // And the engine serves the next event too.
    let again = block_on(e.dispatch(key(), &Event::default(), &host, None));
    assert_eq!(again[1].end, EndReason::End);
}

#[test]
fn the_step_budget_is_configurable() {
    let mut e = engine();
    e.set_limits(Limits {
        max_steps: NonZeroU64::new(7),
        ..Limits::default()
    });
    load(&mut e, LOOP);
    let runs = block_on(e.dispatch(key(), &Event::default(), &ScriptedHost::default(), None));
    assert_eq!(runs[0].steps, 7);
    assert!(matches!(
        runs[0].end,
        EndReason::StepBudget { limit: 7, .. }
    ));
}

#[test]
fn the_run_window_trips_on_platform_time() {
    let mut e = engine();
    e.set_limits(Limits {
        run_window_ms: Some(5_000.0),
        ..Limits::default()
    });
    load(
        &mut e,
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"w"}},
            {"id":"w","type":"T_Wait","ports":{"done":"w"}}]}"#,
    );
    let host = ScriptedHost::default();
    let runs = block_on(e.dispatch(key(), &Event::default(), &host, None));
    // 1 s per wait: the sixth wait starts after 5 s have passed.
    assert_eq!(
        runs[0].end,
        EndReason::RunWindow {
            limit_ms: 5_000.0,
            action: "w".into(),
            block_type: "T_Wait".into(),
        }
    );
    assert_eq!(runs[0].steps, 7);
}

#[test]
fn a_failing_block_ends_its_run_naming_flow_action_and_type() {
    let mut e = engine();
    load(
        &mut e,
        r#"{"name":"Failing flow","actions":[{"id":"s","type":"SE_Start","ports":{"done":"x"}},
            {"id":"x","type":"T_Fail","ports":{"done":"s"}}]}"#,
    );
    load(&mut e, OK);
    let runs = block_on(e.dispatch(key(), &Event::default(), &ScriptedHost::default(), None));
    let err = runs[0].error().expect("run error");
    assert_eq!(
        err.to_string(),
        "flow `Failing flow`, action `x` (T_Fail): boom"
    );
    assert_eq!(runs[1].end, EndReason::End);
}

#[test]
fn unconnected_port_ends_normally() {
    let mut e = engine();
    load(
        &mut e,
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{}}]}"#,
    );
    let runs = block_on(e.dispatch(
        key(),
        &Event {
            payload: json!({}),
            ..Event::default()
        },
        &ScriptedHost::default(),
        None,
    ));
    assert!(runs[0].end.is_normal());
    assert!(matches!(runs[0].end, EndReason::NoPort { .. }));
}

// ---- memory limits (review finding: a looping flow could exhaust memory)

/// Repro A: a Join fed its own result twice doubles its text every step.
const DOUBLING: &str = r#"{"name":"doubling","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"1"}},
  {"id":"1","type":"T_Join","controls":{"a":"$.actions.1.results.value",
    "b":"$.actions.1.results.value","sep":"xy"},"ports":{"done":"1"}}]}"#;

/// Repro B: a decision on a large payload text, looping on itself: each
/// step keeps another copy of the text in its inputs.
const COPYING: &str = r#"{"name":"copying","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"t"}},
  {"id":"t","type":"T_Needs","controls":{"text":"$.payload.v"},"ports":{"true":"t","false":"t"}}]}"#;

/// The steps and their inputs, results and exceptions, by `held_bytes`:
/// what the memory limits bound.
fn trace_values_bytes(r: &RunReport) -> u64 {
    r.trace
        .iter()
        .map(|e| match e {
            TraceEntry::Step {
                inputs,
                results,
                exception,
                ..
            } => {
                inputs.0.iter().map(|(_, v)| held_bytes(v)).sum::<u64>()
                    + held_bytes(results)
                    + exception.as_ref().map_or(0, held_bytes)
            }
            TraceEntry::Call { args, answer, .. } => {
                held_bytes(args)
                    + match answer {
                        Answer::Ok(v) => held_bytes(v),
                        Answer::Err(_) => 0,
                    }
            }
            _ => 0,
        })
        .sum()
}

fn payload(v: serde_json::Value) -> Event {
    Event {
        payload: v,
        ..Event::default()
    }
}

/// Both memory limits at their defaults, the step budget lowered so that
/// an engine without them stops these repros early (tens of MB) instead of
/// taking the machine's memory.
fn bounded(max_steps: u64) -> Limits {
    Limits {
        max_steps: NonZeroU64::new(max_steps),
        ..Limits::default()
    }
}

#[test]
fn a_doubling_loop_stops_at_the_value_limit_and_the_next_flow_runs() {
    let mut e = memory_engine();
    e.set_limits(bounded(23)); // without the limit: a 16 MB text at step 23
    load(&mut e, DOUBLING);
    load(&mut e, OK);
    let host = ScriptedHost::default();
    let runs = block_on(e.dispatch(key(), &Event::default(), &host, None));
    let EndReason::ValueSize {
        limit,
        bytes,
        what,
        action,
        block_type,
    } = &runs[0].end
    else {
        panic!("ended {:?}", runs[0].end);
    };
    assert_eq!(*limit, DEFAULT_MAX_VALUE_BYTES);
    assert!(*bytes > *limit && *bytes < 2 * *limit + 1_000, "{bytes}");
    assert_eq!(
        (what.as_str(), action.as_str(), block_type.as_str()),
        ("results", "1", "T_Join")
    );
    // Step 1 is the start; the text doubles from 2 chars: 2^21 - 2 at step
    // 21 is the last kept, step 22 makes 8 MB.
    assert_eq!(runs[0].steps, 22);
    // The step that made the value is traced, the value is not kept.
    let last_step = runs[0]
        .trace
        .iter()
        .rev()
        .find_map(|t| match t {
            TraceEntry::Step { results, .. } => Some(results),
            _ => None,
        })
        .expect("a step");
    assert!(
        last_step
            .as_str()
            .is_some_and(|s| s.starts_with("[not kept: ")),
        "{last_step}"
    );
    assert!(trace_values_bytes(&runs[0]) <= DEFAULT_MAX_TRACE_BYTES);
    // The runEnd line names the limit, the flow, the action and its type.
    let end = serde_json::to_value(runs[0].trace.last().expect("runEnd")).unwrap();
    assert_eq!(end["kind"], "runEnd");
    assert_eq!(end["flow"], "doubling");
    assert_eq!(end["reason"], "valueSize");
    assert_eq!(end["limit"], DEFAULT_MAX_VALUE_BYTES);
    assert_eq!(end["what"], "results");
    assert_eq!(end["action"], "1");
    assert_eq!(end["blockType"], "T_Join");
    // The next flow of the event runs, and the next event is served.
    assert_eq!(runs[1].end, EndReason::End);
    let again = block_on(e.dispatch(key(), &Event::default(), &host, None));
    assert!(matches!(again[0].end, EndReason::ValueSize { .. }));
    assert_eq!(again[1].end, EndReason::End);
}

#[test]
fn a_loop_copying_a_large_payload_stops_at_the_trace_limit() {
    let mut e = memory_engine();
    e.set_limits(bounded(60)); // without the limit: 60 MB of inputs
    load(&mut e, COPYING);
    load(&mut e, OK);
    let text = "x".repeat(1_000_000);
    let runs = block_on(e.dispatch(
        key(),
        &payload(json!({ "v": text })),
        &ScriptedHost::default(),
        None,
    ));
    let EndReason::TraceSize {
        limit,
        bytes,
        what,
        action,
        block_type,
    } = &runs[0].end
    else {
        panic!("ended {:?}", runs[0].end);
    };
    assert_eq!(*limit, DEFAULT_MAX_TRACE_BYTES);
    assert!(*bytes > *limit, "{bytes}");
    assert_eq!(
        (what.as_str(), action.as_str(), block_type.as_str()),
        ("control `text`", "t", "T_Needs")
    );
    // 32 MiB hold 33 copies of the 1 MB text; the 34th is not made, and
    // the block that would have read it does not run.
    assert_eq!(runs[0].steps, 1 + 33);
    assert!(trace_values_bytes(&runs[0]) <= DEFAULT_MAX_TRACE_BYTES);
    assert_eq!(runs[1].end, EndReason::End);
}

#[test]
fn a_control_copying_one_value_many_times_stops_at_the_value_limit() {
    let mut e = memory_engine();
    // `data` names the 100 KB payload text 200 times: 20 MB in one control.
    let refs: serde_json::Map<String, serde_json::Value> = (0..200)
        .map(|i| (format!("k{i}"), json!("$.payload.v")))
        .collect();
    let flow = json!({"actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "n"}},
        {"id": "n", "type": "T_Needs", "controls": {"text": "x", "data": refs}, "ports": {"true": "e"}},
        {"id": "e", "type": "SE_End"}]});
    let v = e.validate_value("t.json", flow);
    e.register(key(), v.program.expect("valid"), true);
    let runs = block_on(e.dispatch(
        key(),
        &payload(json!({ "v": "x".repeat(100_000) })),
        &ScriptedHost::default(),
        None,
    ));
    assert!(
        matches!(&runs[0].end, EndReason::ValueSize { what, action, block_type, .. }
            if what == "control `data`" && action == "n" && block_type == "T_Needs"),
        "{:?}",
        runs[0].end
    );
    // Only the start ran; `n` never did.
    assert_eq!(runs[0].steps, 1);
    assert!(!runs[0]
        .trace
        .iter()
        .any(|t| t.action() == Some("n") && matches!(t, TraceEntry::Step { .. })));
}

#[test]
fn an_answer_over_the_value_limit_is_not_kept_and_no_call_follows() {
    let mut e = memory_engine();
    e.set_limits(Limits {
        max_value_bytes: NonZeroU64::new(10_000),
        ..Limits::default()
    });
    load(
        &mut e,
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"c"}},
            {"id":"c","type":"T_Call","controls":{"data":{"q":1}},"ports":{"success":"e","failure":"e"}},
            {"id":"e","type":"SE_End"}]}"#,
    );
    let host = ScriptedHost::default().answer("platform.echo", json!({"ok": "y".repeat(50_000)}));
    let runs = block_on(e.dispatch(key(), &Event::default(), &host, None));
    assert!(
        matches!(&runs[0].end, EndReason::ValueSize { what, action, .. }
            if what == "answer of platform.echo" && action == "c"),
        "{:?}",
        runs[0].end
    );
    let calls: Vec<(&str, &Answer)> = runs[0]
        .trace
        .iter()
        .filter_map(|t| match t {
            TraceEntry::Call { method, answer, .. } => Some((method.as_str(), answer)),
            _ => None,
        })
        .collect();
    assert_eq!(calls.len(), 2);
    assert!(
        matches!(calls[0], ("echo", Answer::Ok(v)) if v.as_str().is_some_and(|s| s.starts_with("[not kept: "))),
        "{:?}",
        calls[0]
    );
    // The block's second call is not made once the run is over its limit.
    assert!(
        matches!(calls[1], ("after", Answer::Err(err)) if err.code == "LIMIT"),
        "{:?}",
        calls[1]
    );
    // The block saw a failure; the run ended on the limit, not at `e`.
    assert_eq!(runs[0].steps, 2);
}

#[test]
fn a_block_building_too_large_a_value_stops_itself() {
    let mut e = memory_engine();
    load(
        &mut e,
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"r"}},
            {"id":"r","type":"T_Repeat","controls":{"text":"abcdefgh","n":1e12},"ports":{"done":"e"}},
            {"id":"e","type":"SE_End"}]}"#,
    );
    let runs = block_on(e.dispatch(key(), &Event::default(), &ScriptedHost::default(), None));
    assert!(
        matches!(&runs[0].end, EndReason::ValueSize { what, action, block_type, bytes, limit }
            if what == "results" && action == "r" && block_type == "T_Repeat"
                && *bytes > *limit && *bytes <= *limit + 8),
        "{:?}",
        runs[0].end
    );
}

#[test]
fn memory_limits_default_when_absent_and_null_means_unlimited() {
    let old: Limits = serde_json::from_str(r#"{"maxSteps":5,"runWindowMs":1000}"#).unwrap();
    assert_eq!(old.max_steps, NonZeroU64::new(5));
    assert_eq!(
        old.max_value_bytes,
        NonZeroU64::new(DEFAULT_MAX_VALUE_BYTES)
    );
    assert_eq!(
        old.max_trace_bytes,
        NonZeroU64::new(DEFAULT_MAX_TRACE_BYTES)
    );
    let none: Limits =
        serde_json::from_str(r#"{"maxValueBytes":null,"maxTraceBytes":null}"#).unwrap();
    assert_eq!(none.max_value_bytes, None);
    assert_eq!(none.max_trace_bytes, None);
    assert_eq!(
        serde_json::to_value(Limits::default()).unwrap(),
        json!({"maxSteps": 10_000, "runWindowMs": 60_000.0,
               "maxValueBytes": DEFAULT_MAX_VALUE_BYTES, "maxTraceBytes": DEFAULT_MAX_TRACE_BYTES})
    );
    assert!(serde_json::from_str::<Limits>(r#"{"maxValueBytes":0}"#).is_err());

    // Unlimited: the doubling loop runs to its step budget.
    let mut e = memory_engine();
    e.set_limits(Limits {
        max_steps: NonZeroU64::new(12),
        ..none
    });
    load(&mut e, DOUBLING);
    let runs = block_on(e.dispatch(key(), &Event::default(), &ScriptedHost::default(), None));
    assert!(matches!(
        runs[0].end,
        EndReason::StepBudget { limit: 12, .. }
    ));
}

/// A scripted host with a real clock that moves 3 ms each time it is read
/// (as if every block computed for 3 ms), counting the yields it is asked
/// for and refusing the `stop_at`th.
struct Busy {
    inner: ScriptedHost,
    real: std::cell::Cell<f64>,
    yields: std::cell::Cell<u32>,
    stop_at: u32,
}

impl Busy {
    fn new(stop_at: u32) -> Self {
        Busy {
            inner: ScriptedHost::default(),
            real: std::cell::Cell::new(0.0),
            yields: std::cell::Cell::new(0),
            stop_at,
        }
    }
}

impl ctiflow_engine::Host for Busy {
    fn call<'a>(
        &'a self,
        call: &'a ctiflow_engine::HostCall,
    ) -> ctiflow_engine::host::LocalBoxFuture<'a, ctiflow_engine::HostResult> {
        self.inner.call(call)
    }
    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
    fn sleep(&self, ms: f64) -> ctiflow_engine::host::LocalBoxFuture<'_, ()> {
        self.inner.sleep(ms)
    }
    fn real_ms(&self) -> Option<f64> {
        self.real.set(self.real.get() + 3.0);
        Some(self.real.get())
    }
    fn yield_now(
        &self,
    ) -> ctiflow_engine::host::LocalBoxFuture<'_, Result<(), ctiflow_engine::HostError>> {
        self.yields.set(self.yields.get() + 1);
        let r = if self.yields.get() == self.stop_at {
            Err(ctiflow_engine::HostError::new("REAL_TIME", "over the cap"))
        } else {
            Ok(())
        };
        Box::pin(std::future::ready(r))
    }
}

#[test]
fn a_busy_run_yields_to_its_host_and_its_trace_does_not_change() {
    let mut e = engine();
    e.set_limits(Limits {
        max_steps: NonZeroU64::new(100),
        ..Limits::default()
    });
    load(&mut e, LOOP);
    let busy = Busy::new(0);
    let yielded = block_on(e.dispatch(key(), &Event::default(), &busy, None));
    let plain = block_on(e.dispatch(key(), &Event::default(), &ScriptedHost::default(), None));
    // 3 ms per clock read: every third step has been busy for 8 ms or more.
    let n = busy.yields.get();
    assert!((25..=40).contains(&n), "{n} yields in 100 steps");
    assert_eq!(yielded[0].end, plain[0].end);
    assert_eq!(
        serde_json::to_string(&yielded[0].trace).unwrap(),
        serde_json::to_string(&plain[0].trace).unwrap()
    );
}

#[test]
fn a_host_that_refuses_a_yield_stops_the_run_naming_action_and_type() {
    let mut e = engine();
    load(&mut e, LOOP);
    load(&mut e, OK);
    let busy = Busy::new(3);
    let runs = block_on(e.dispatch(key(), &Event::default(), &busy, None));
    let EndReason::Stopped {
        message,
        action,
        block_type,
    } = &runs[0].end
    else {
        panic!("not stopped: {:?}", runs[0].end);
    };
    assert_eq!(message, "over the cap");
    assert!(action == "a" || action == "b", "{action}");
    assert_eq!(block_type, "T_Noop");
    assert!(runs[0].steps < 20, "{} steps", runs[0].steps);
    assert!(matches!(
        runs[0].trace.last(),
        Some(TraceEntry::RunEnd {
            reason: EndReason::Stopped { .. },
            ..
        })
    ));
    // The next flow runs, as after any other stop.
    assert_eq!(runs[1].end, EndReason::End);
}
