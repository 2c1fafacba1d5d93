//! Table-driven: every operand × comparator pair each source event allows,
//! with the operand on either side of a Static Value, checked for validity
//! and then evaluated against events whose values lie below, on and above
//! the static value (numbers) or equal it, differ in case, or differ
//! (names). Expected results come from Rust's own comparison operators.

use ctiflow_presence::{load, Comparator, Event, OperandKind, SourceEvent};
use serde_json::json;

/// An event of `source` in which operand `op` reads `v`.
fn event_with(source: SourceEvent, op: OperandKind, v: &str) -> Event {
    let n = || v.parse::<f64>().expect("numeric test value");
    match source {
        SourceEvent::ConnectAgentStateChange => match op {
            OperandKind::ConnectAgentOldState => Event::connect(v, "Other"),
            _ => Event::connect("Other", v),
        },
        SourceEvent::SalesforceAgentStateChange => Event::salesforce(v),
        SourceEvent::SalesforceAgentLogout => Event::SalesforceAgentLogout,
        SourceEvent::SalesforceWorkAccepted => Event::SalesforceWorkAccepted {
            service_channel: v.into(),
        },
        SourceEvent::SalesforceWorkloadChanged => {
            // Capacity 100 makes each percentage equal to its workload.
            let cap = if op == OperandKind::SalesforceConfiguredCapacity {
                n()
            } else {
                100.0
            };
            Event::SalesforceWorkloadChanged {
                previous_workload: n(),
                new_workload: n(),
                configured_capacity: cap,
            }
        }
    }
}

fn rule(
    source: SourceEvent,
    a: &str,
    a_val: Option<&str>,
    c: Comparator,
    b: &str,
    b_val: Option<&str>,
) -> serde_json::Value {
    let mut r = json!({
        "name": format!("{} {} {} {}", source.label(), a, c.label(), b),
        "source": source.label(),
        "operandA": a,
        "comparator": c.label(),
        "operandB": b,
        "destination": "Salesforce Agent State",
        "value": "Target"
    });
    if let Some(v) = a_val {
        r["operandAValue"] = json!(v);
    }
    if let Some(v) = b_val {
        r["operandBValue"] = json!(v);
    }
    r
}

fn holds_num(c: Comparator, x: f64, y: f64) -> bool {
    match c {
        Comparator::Equal => x == y,
        Comparator::NotEqual => x != y,
        Comparator::Greater => x > y,
        Comparator::GreaterOrEqual => x >= y,
        Comparator::Less => x < y,
        Comparator::LessOrEqual => x <= y,
    }
}

#[test]
fn every_operand_and_comparator_each_source_allows() {
    let mut evaluated = 0;
    let mut rejected = 0;
    for source in SourceEvent::ALL {
        for &op in source.operands() {
            if op == OperandKind::StaticValue {
                continue;
            }
            for c in Comparator::ALL {
                for static_first in [false, true] {
                    // Numbers chosen so that numeric and lexical order differ
                    // ("9" > "10" as text); names test exact, case-sensitive match.
                    let (stat, values): (&str, &[&str]) = if op.is_numeric() {
                        ("10", &["9", "10", "11", "100"])
                    } else if source == SourceEvent::SalesforceAgentLogout {
                        ("Offline", &["Offline"])
                    } else {
                        ("Lunch", &["Lunch", "lunch", "Lunch ", "Available"])
                    };
                    let r = if static_first {
                        rule(source, "Static Value", Some(stat), c, op.label(), None)
                    } else {
                        rule(source, op.label(), None, c, "Static Value", Some(stat))
                    };
                    let loaded = ctiflow_presence::load_value(&json!([r]));
                    let ctx = format!("{source} / {op} / {c} / static first: {static_first}");

                    if c.is_ordering() && op.is_name() {
                        let [d] = &loaded.report.diagnostics[..] else {
                            panic!("{ctx}: {}", loaded.report)
                        };
                        assert_eq!(d.code, "numeric-comparator-on-name", "{ctx}");
                        assert!(loaded.rules.is_empty(), "{ctx}");
                        rejected += 1;
                        continue;
                    }
                    if source == SourceEvent::SalesforceAgentLogout && c != Comparator::Equal {
                        let [d] = &loaded.report.diagnostics[..] else {
                            panic!("{ctx}: {}", loaded.report)
                        };
                        assert_eq!(d.code, "logout-not-offline", "{ctx}");
                        assert!(loaded.rules.is_empty(), "{ctx}");
                        rejected += 1;
                        continue;
                    }
                    assert!(
                        loaded.report.diagnostics.is_empty(),
                        "{ctx}: {}",
                        loaded.report
                    );
                    let [compiled] = loaded.rules.rules() else {
                        panic!("{ctx}")
                    };

                    for v in values {
                        let ev = event_with(source, op, v);
                        let (x, y) = if static_first { (stat, *v) } else { (*v, stat) };
                        let want = if op.is_numeric() {
                            holds_num(c, x.parse().unwrap(), y.parse().unwrap())
                        } else {
                            match c {
                                Comparator::Equal => x == y,
                                Comparator::NotEqual => x != y,
                                _ => unreachable!(),
                            }
                        };
                        assert_eq!(compiled.matches(&ev), want, "{ctx}: value {v:?}");
                        assert_eq!(
                            loaded.rules.evaluate(&ev).count(),
                            usize::from(want),
                            "{ctx}: {v:?}"
                        );
                        // A rule never fires for another source's event.
                        for other in SourceEvent::ALL.into_iter().filter(|s| *s != source) {
                            let o = event_with(
                                other,
                                other.operands()[0],
                                if other == SourceEvent::SalesforceWorkloadChanged {
                                    "10"
                                } else {
                                    v
                                },
                            );
                            assert!(!compiled.matches(&o), "{ctx}: fired on {other}");
                        }
                        evaluated += 1;
                    }
                }
            }
        }
    }
    // 10 (source, operand) pairs × 6 comparators × 2 positions = 120 rule
    // shapes. Rejected: 5 name operands × 4 ordering comparators × 2, plus
    // the 2 Logout "Not equal to" shapes. The other 78 are evaluated over 4
    // values each (the 2 Logout shapes over 1): 306 evaluations.
    assert_eq!(rejected, 42);
    assert_eq!(evaluated, 306);
    println!("{evaluated} evaluations checked, {rejected} rule shapes rejected as expected");
}

#[test]
fn operands_compared_with_each_other() {
    let cases = [
        (
            SourceEvent::ConnectAgentStateChange,
            "Connect Agent New State",
            Comparator::Equal,
            "Connect Agent Old State",
            Event::connect("Lunch", "Lunch"),
            true,
        ),
        (
            SourceEvent::ConnectAgentStateChange,
            "Connect Agent New State",
            Comparator::NotEqual,
            "Connect Agent Old State",
            Event::connect("Lunch", "Available"),
            true,
        ),
        (
            SourceEvent::SalesforceWorkloadChanged,
            "Salesforce New Workload",
            Comparator::Greater,
            "Salesforce Previous Workload",
            Event::SalesforceWorkloadChanged {
                previous_workload: 9.0,
                new_workload: 10.0,
                configured_capacity: 20.0,
            },
            true,
        ),
        (
            SourceEvent::SalesforceWorkloadChanged,
            "Salesforce New Workload Pct",
            Comparator::GreaterOrEqual,
            "Salesforce Configured Capacity",
            Event::SalesforceWorkloadChanged {
                previous_workload: 0.0,
                new_workload: 5.0,
                configured_capacity: 20.0,
            },
            true,
        ), // 25 >= 20
        (
            SourceEvent::SalesforceWorkloadChanged,
            "Salesforce Previous Workload Pct",
            Comparator::Less,
            "Salesforce New Workload Pct",
            Event::SalesforceWorkloadChanged {
                previous_workload: 1.0,
                new_workload: 2.0,
                configured_capacity: 0.0,
            },
            false,
        ), // no capacity: no pct
    ];
    for (source, a, c, b, ev, want) in cases {
        let loaded = ctiflow_presence::load_value(&json!([rule(source, a, None, c, b, None)]));
        assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
        assert_eq!(
            loaded.rules.evaluate(&ev).count(),
            usize::from(want),
            "{a} {c} {b}"
        );
    }
}

#[test]
fn rules_fire_in_file_order() {
    let r = |name: &str, target: &str| {
        json!({
            "name": name, "source": "Connect Agent State Change", "operandA": "Connect Agent New State",
            "comparator": "Not equal to", "operandB": "Static Value", "operandBValue": "",
            "destination": "Salesforce Agent State", "value": target
        })
    };
    let loaded =
        ctiflow_presence::load_value(&json!([r("third", "C"), r("first", "A"), r("second", "B")]));
    let ev = Event::connect("x", "Lunch");
    let fired: Vec<&str> = loaded.rules.evaluate(&ev).map(|r| r.name()).collect();
    assert_eq!(fired, ["third", "first", "second"]);
    assert!(load("[]").rules.evaluate(&ev).next().is_none());
}
