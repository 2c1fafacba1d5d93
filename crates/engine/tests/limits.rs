//! Each limit trips, names where it tripped, and leaves the engine serving
//! (rhai's tests/operations.rs in spirit). Uses a tiny private catalog so the
//! engine is tested on its own.

mod common;

use common::engine;
use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::trace::{EndReason, TraceEntry};
use ctiflow_engine::{Engine, Event, EventKey, Limits};
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
            action: "b".into() // s, then a and b alternate: step 10,000 ran `a`
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
            action: "w".into()
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
