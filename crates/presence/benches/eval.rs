//! Rule evaluation throughput with 50 rules: `cargo bench -p ctiflow-presence`.
//! Prints rule evaluations per second (one evaluation = one rule's criterion
//! tested against one event) for name rules, number rules, and the whole
//! driver. Numbers only; nothing is asserted.

use ctiflow_presence::{load_value, Driver, DriverConfig, Event};
use serde_json::json;
use std::hint::black_box;
use std::time::{Duration, Instant};

const RULES: usize = 50;

fn rules(numeric: bool) -> ctiflow_presence::RuleSet {
    let comparators = [
        "Equal to",
        "Not equal to",
        "Greater than",
        "Greater than or equal to",
        "Less than",
        "Less than or equal to",
    ];
    let list: Vec<_> = (0..RULES)
        .map(|i| {
            if numeric {
                json!({
                    "name": format!("rule {i}"), "source": "Salesforce Workload Changed",
                    "operandA": if i % 2 == 0 { "Salesforce New Workload Pct" } else { "Salesforce New Workload" },
                    "comparator": comparators[i % 6], "operandB": "Static Value", "operandBValue": (i * 2) as u64,
                    "destination": "Connect Agent State", "value": format!("Busy {i}")
                })
            } else {
                json!({
                    "name": format!("rule {i}"), "source": "Connect Agent State Change",
                    "operandA": if i % 2 == 0 { "Connect Agent New State" } else { "Connect Agent Old State" },
                    "comparator": comparators[i % 2], "operandB": "Static Value", "operandBValue": format!("State {i}"),
                    "destination": "Salesforce Agent State", "value": format!("Status_{i}")
                })
            }
        })
        .collect();
    let loaded = load_value(&json!(list));
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    assert_eq!(loaded.rules.len(), RULES);
    loaded.rules
}

/// Runs `f` over the events for at least `min`, returns evaluations/s.
fn measure(label: &str, events: &[Event], min: Duration, mut f: impl FnMut(&Event) -> usize) {
    // Warm up.
    for e in events {
        black_box(f(e));
    }
    let start = Instant::now();
    let mut n_events = 0u64;
    let mut fired = 0usize;
    while start.elapsed() < min {
        for e in events {
            fired += f(black_box(e));
        }
        n_events += events.len() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    let evals = n_events as f64 * RULES as f64;
    println!(
        "{label:<44} {:>14.0} rule evaluations/s  ({:>11.0} events/s, {n_events} events, {fired} firings, {secs:.2} s)",
        evals / secs,
        n_events as f64 / secs
    );
}

fn main() {
    let min = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1000),
    );
    let names = rules(false);
    let numbers = rules(true);
    let state_events: Vec<Event> = (0..64)
        .map(|i| {
            Event::connect(
                format!("State {}", (i + 7) % 60),
                format!("State {}", i % 60),
            )
        })
        .collect();
    let workload_events: Vec<Event> = (0..64)
        .map(|i| Event::SalesforceWorkloadChanged {
            previous_workload: (i % 13) as f64,
            new_workload: ((i * 7) % 101) as f64,
            configured_capacity: 100.0,
        })
        .collect();

    println!("presence rule evaluation, {RULES} rules (target >= 1,000,000 evaluations/s)");
    measure("RuleSet::evaluate, state names", &state_events, min, |e| {
        names.evaluate(e).count()
    });
    measure(
        "RuleSet::evaluate, workload numbers",
        &workload_events,
        min,
        |e| numbers.evaluate(e).count(),
    );

    // The whole driver: settle check, evaluation, action queueing. Each
    // action is completed at once and its echo pushed back, as a host would;
    // settle 0 so that every event is evaluated.
    let config = DriverConfig {
        settle_ms: 0,
        ..Default::default()
    };
    let mut driver = Driver::new(names.clone(), config);
    let mut now = 0u64;
    measure(
        "Driver::push + complete, state names",
        &state_events,
        min,
        |e| {
            now += 1;
            let step = driver.push(e.clone(), now);
            let mut todo = step.actions;
            let mut n = 0;
            while let Some(a) = todo.pop() {
                n += 1;
                todo.extend(driver.complete(a.id, ctiflow_presence::Completion::Succeeded, now));
                todo.extend(driver.push(Event::salesforce(a.state), now).actions);
            }
            n
        },
    );
    let s = driver.stats();
    println!(
        "  driver: {} evaluated, {} echoes, {} actions emitted, {} dropped as already in state",
        s.evaluated, s.echoes, s.emitted, s.already_in_state
    );
}
