//! Engine throughput: blocks per second natively, one core.
//!
//! `cargo bench -p ctiflow-cli --bench engine` prints:
//! - the 06-screenpop-on-customer export (../shared/sample-flows) with
//!   instant bridge answers, full trace kept;
//! - a synthetic chain of 1,000 Is Truthy? blocks.
//!
//! Target (issue 2): ≥ 1,000,000 blocks/s.

/// The allocator of the `ctiflow` binary (crates/cli/src/main.rs), so the
/// figures are what the binary gets. (With glibc malloc instead: see the
/// README's Benchmarks section.)
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::{Engine, Event, EventKey, Program};
use serde_json::json;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn measure(label: &str, engine: &Engine, program: &Program, key: EventKey, event: &Event) {
    // `cargo bench --bench engine -- chain` runs only the benches whose label
    // holds the text.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        if !label.contains(&filter) {
            return;
        }
    }
    let host = ScriptedHost::default();
    // Warm up, and count the steps of one run.
    let steps = block_on(engine.run_program(program, key, event, &host, None)).steps;
    // CTIFLOW_BENCH_RUNS=N runs exactly N×100 times (for callgrind, which
    // counts instructions whatever else the machine is doing).
    let fixed: Option<u64> = std::env::var("CTIFLOW_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut runs = 0u64;
    let start = Instant::now();
    while fixed.map_or(start.elapsed() < Duration::from_secs(2), |n| runs < n * 100) {
        for _ in 0..100 {
            let r = block_on(engine.run_program(program, key, event, &host, None));
            black_box(&r);
        }
        host.clear_calls();
        runs += 100;
    }
    let secs = start.elapsed().as_secs_f64();
    let blocks = (runs * steps) as f64;
    println!(
        "{label:<48} {steps:>5} blocks/run  {:>10.0} runs/s  {:>12.0} blocks/s",
        runs as f64 / secs,
        blocks / secs
    );
}

fn main() {
    let engine = Engine::new(ctiflow_blocks::catalog());
    let voice = EventKey::parse("Voice Contact/onConnecting").expect("key");
    let event = Event {
        payload: json!({}),
        contact: serde_json::from_str(include_str!("../../../www/sim/inbound-voice.contact.json"))
            .unwrap_or_default(),
        agent: serde_json::from_str(include_str!("../../../www/sim/agent.json"))
            .unwrap_or_default(),
    };

    let shared = std::env::var_os("CTIFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let f06 = shared.join("sample-flows/aws-examples/06-screenpop-on-customer.json");
    match std::fs::read_to_string(&f06) {
        Ok(text) => match engine.validate_text("06", &text).program {
            Some(p) => measure(
                "06-screenpop-on-customer (instant bridges)",
                &engine,
                &p,
                voice,
                &event,
            ),
            None => println!("06-screenpop-on-customer: does not validate, skipped"),
        },
        Err(_) => println!(
            "skipped 06-screenpop-on-customer: {} not found",
            f06.display()
        ),
    }

    let mut actions = vec![json!({"id": "start", "type": "SE_Start", "ports": {"done": "b0"}})];
    for i in 0..1000 {
        let next = if i == 999 {
            "end".to_string()
        } else {
            format!("b{}", i + 1)
        };
        actions.push(
            json!({"id": format!("b{i}"), "type": "SE_CoreTruthy", "controls": {"value": "yes"},
            "ports": {"true": next, "false": next}}),
        );
    }
    actions.push(json!({"id": "end", "type": "SE_End"}));
    let chain = json!({"name": "chain", "actions": actions}).to_string();
    match engine.validate_text("chain", &chain).program {
        Some(p) => measure(
            "synthetic chain of 1,000 Is Truthy? blocks",
            &engine,
            &p,
            voice,
            &event,
        ),
        None => println!("synthetic chain: does not validate, skipped"),
    }
}
