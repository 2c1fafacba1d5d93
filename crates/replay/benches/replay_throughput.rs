//! Replay throughput on a 10,000-event synthetic recording.
//!
//! `cargo bench -p ctiflow-replay --bench replay_throughput`
//!
//! Each event runs a five-step flow (Start → a Salesforce search-and-pop →
//! a saveLog → a 500 ms delay → End) with two recorded bridge calls. Prints
//! events/second for: recording (through a RecordingHost), parsing the
//! JSONL, replaying (dispatch + ReplayHost + trace lines), and replay plus
//! comparison with the expected trace, best of 5 runs.

#[path = "../tests/common/mod.rs"]
mod common;

/// The allocator of the `ctiflow` binary (crates/cli/src/main.rs), so the
/// figures are what the binary gets. (With glibc malloc instead: see the
/// README's Benchmarks section.)
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::{EngineConfig, Event, EventKey, Host};
use ctiflow_replay::diff::Comparison;
use ctiflow_replay::{replay, replay_each, Header, Recording, RecordingHost};
use serde_json::json;
use std::time::Instant;

/// The recording's length; `CTIFLOW_BENCH_EVENTS` overrides it (smaller
/// runs under callgrind, which counts instructions whatever the load).
fn events_n() -> usize {
    std::env::var("CTIFLOW_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(10_000)
}

/// Best of how many runs; `CTIFLOW_BENCH_REPEAT` overrides it.
fn repeat(default: usize) -> usize {
    std::env::var("CTIFLOW_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(v);
    }
    match last {
        Some(v) => (best, v),
        None => unreachable!("runs > 0"),
    }
}

fn main() {
    let n_events = events_n();
    let set = json!({"flows": [{"source": "Voice Contact", "event": "onConnecting", "flow": {
    "name": "bench",
    "actions": [
        {"id": "start", "type": "SE_Start", "ports": {"done": "pop"}},
        {"id": "pop", "type": "T_Call", "controls": {"bridge": "salesforceUi", "method": "searchAndScreenPop",
            "args": {"searchParams": "$.contact.rawPhoneNumber", "callType": "inbound", "deferred": false}},
            "ports": {"success": "log", "failure": "end"}},
        {"id": "log", "type": "T_Call", "controls": {"bridge": "salesforceData", "method": "saveLog",
            "args": {"value": {"entityApiName": "Task", "Subject": "Call $.contact.contactId", "WhoId": "$.actions.pop.results"}}},
            "ports": {"success": "wait", "failure": "end"}},
        {"id": "wait", "type": "T_Sleep", "controls": {"ms": 500}, "ports": {"done": "end"}},
        {"id": "end", "type": "SE_End"}
    ]}}]});
    let mut engine = common::engine();
    let d = engine.load_flow_set("bench", &set.to_string(), &|_| Err("inline".into()));
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
    let key = EventKey::parse("Voice Contact/onConnecting").expect("key");
    // Distinct caller numbers (default 10,000: every event a new caller).
    // CTIFLOW_BENCH_NUMBERS=100 keeps them within the engine's phone-parse
    // cache, which shows what phone parsing costs.
    let numbers: usize = std::env::var("CTIFLOW_BENCH_NUMBERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(10_000);
    println!("distinct caller numbers: {numbers}");
    let events: Vec<Event> = (0..n_events)
        .map(|i| Event {
            payload: json!({}),
            contact: json!({"contactId": format!("c-{i:05}"), "type": "voice", "rawPhoneNumber": format!("+1555555{:04}", i % numbers),
                "status": {"type": "connecting", "timestamp": 1_767_225_600_000u64 + i as u64 * 1000}}),
            agent: json!({"name": "Jane Agent", "username": "jane.agent"}),
        })
        .collect();

    let (t_record, text) = best(repeat(3), || {
        let host = RecordingHost::new(
            ScriptedHost::default().answer(
                "salesforceUi.searchAndScreenPop",
                json!({"ok": {"003Hs00001AbCdE": {"Id": "003Hs00001AbCdE"}}}),
            ),
            Header::new(1_767_225_600_000.0, set.clone(), EngineConfig::default()),
        );
        for e in &events {
            let scope = host.begin_event("Voice Contact", "onConnecting", e);
            block_on(engine.dispatch(key, e, &scope, None));
            host.inner().advance(1_000.0);
        }
        let _ = host.now_ms();
        host.recorder().to_jsonl()
    });
    let (t_engine, ()) = best(repeat(5), || {
        let host = ScriptedHost::default();
        for e in &events {
            block_on(engine.dispatch(key, e, &host, None));
        }
    });
    let (t_parse, rec) = best(repeat(5), || {
        Recording::parse("bench", &text).expect("parses")
    });
    let (t_replay, out) = best(repeat(5), || replay(&engine, &rec).expect("replays"));
    assert!(out.mismatches.is_empty());
    let expected: Vec<String> = out.lines().map(String::from).collect();
    // As `ctiflow replay` does: each event compared as it is replayed.
    let (t_full, diffs) = best(repeat(5), || {
        let mut c = Comparison::new(&expected);
        replay_each(&engine, None, &rec, None, |t| c.event(&t)).expect("replays");
        c.finish()
    });
    assert!(diffs.is_empty());
    let rate = |t: f64| n_events as f64 / t;
    println!(
        "recording: {} events, {} bytes, {} trace lines ({} bytes)",
        n_events,
        text.len(),
        expected.len(),
        expected.iter().map(|l| l.len() + 1).sum::<usize>()
    );
    println!(
        "record (RecordingHost over ScriptedHost): {:>10.0} events/s",
        rate(t_record)
    );
    println!(
        "engine alone (dispatch, ScriptedHost):    {:>10.0} events/s",
        rate(t_engine)
    );
    println!(
        "parse JSONL:                              {:>10.0} events/s",
        rate(t_parse)
    );
    println!(
        "replay (dispatch + ReplayHost + trace):   {:>10.0} events/s",
        rate(t_replay)
    );
    println!(
        "replay + compare, event by event (CLI):   {:>10.0} events/s",
        rate(t_full)
    );
}
