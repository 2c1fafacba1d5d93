//! The sync driver against a simulated pair of platforms: every bridge call
//! is counted, every change a platform makes is reported back to the driver
//! as the real one would (the echo), in both orders relative to the
//! completion callback.

use ctiflow_presence::{
    load, Action, ActionId, Completion, Disposition, Driver, DriverConfig, Event, Side,
};
use serde_json::json;
use std::collections::VecDeque;
use std::path::PathBuf;

fn example_rules() -> ctiflow_presence::RuleSet {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/presence/adapter-example.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let loaded = load(&text);
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    loaded.rules
}

/// Both platforms, and every bridge call made to them.
struct World {
    connect: String,
    omni: String,
    calls: Vec<Action>,
    now: u64,
    /// Alternates: the echo arrives before or after the completion callback.
    echo_first: bool,
}

impl World {
    fn new() -> World {
        World {
            connect: "Offline".into(),
            omni: "Offline".into(),
            calls: vec![],
            now: 0,
            echo_first: false,
        }
    }

    /// The agent changes a side by hand; the side reports it.
    fn user(&mut self, driver: &mut Driver, side: Side, state: &str) -> ctiflow_presence::Step {
        self.now += 10;
        let ev = match side {
            Side::Connect => {
                let old = std::mem::replace(&mut self.connect, state.into());
                assert_ne!(old, state, "the test only makes real changes");
                Event::connect(old, state)
            }
            Side::Salesforce => {
                let old = std::mem::replace(&mut self.omni, state.into());
                assert_ne!(old, state, "the test only makes real changes");
                Event::salesforce(state)
            }
        };
        let step = driver.push(ev, self.now);
        self.run(driver, step.actions.clone().into());
        step
    }

    /// Executes actions like the host would, feeding back completions and
    /// the platforms' own reports of the change, until nothing is left.
    fn run(&mut self, driver: &mut Driver, mut todo: VecDeque<Action>) {
        while let Some(a) = todo.pop_front() {
            self.calls.push(a.clone());
            self.now += 1;
            let slot = match a.side {
                Side::Connect => &mut self.connect,
                Side::Salesforce => &mut self.omni,
            };
            let old = std::mem::replace(slot, a.state.clone());
            // Streams and Omni-Channel report only real changes.
            let echo = (old != a.state).then(|| match a.side {
                Side::Connect => Event::connect(old, a.state.clone()),
                Side::Salesforce => Event::salesforce(a.state.clone()),
            });
            self.echo_first = !self.echo_first;
            if self.echo_first {
                if let Some(e) = echo.clone() {
                    todo.extend(driver.push(e, self.now).actions);
                }
            }
            todo.extend(driver.complete(a.id, Completion::Succeeded, self.now));
            if !self.echo_first {
                if let Some(e) = echo {
                    todo.extend(driver.push(e, self.now).actions);
                }
            }
        }
    }
}

/// Which state the other side must end in after a user change, per the
/// adapter example: Connect Available ↔ Omni Available, Connect
/// "Working – Phone" → Omni Working_Phone, Omni Working_Media → Connect
/// "Working – Media".
const CYCLE: [(Side, &str, &str); 8] = [
    (Side::Connect, "Available", "Available"),
    (Side::Salesforce, "Working_Media", "Working – Media"),
    (Side::Connect, "Working – Phone", "Working_Phone"),
    (Side::Salesforce, "Available", "Available"),
    (Side::Connect, "Working – Phone", "Working_Phone"),
    (Side::Salesforce, "Working_Media", "Working – Media"),
    (Side::Connect, "Available", "Available"),
    (Side::Salesforce, "Working_Media", "Working – Media"),
];

#[test]
fn adapter_example_both_ways_over_1000_alternating_changes() {
    let mut driver = Driver::new(example_rules(), DriverConfig::default());
    let mut world = World::new();
    for i in 0..1000 {
        let (side, state, expect) = CYCLE[i % CYCLE.len()];
        let before = world.calls.len();
        let step = world.user(&mut driver, side, state);
        assert_eq!(
            step.disposition,
            Disposition::Evaluated { matched: 1 },
            "change {i}"
        );
        // Exactly one bridge call, to the other side, with the mapped state.
        let new_calls = &world.calls[before..];
        assert_eq!(new_calls.len(), 1, "change {i}: {new_calls:?}");
        assert_eq!(new_calls[0].side, side.other(), "change {i}");
        assert_eq!(new_calls[0].state, expect, "change {i}");
        let other = match side {
            Side::Connect => &world.omni,
            Side::Salesforce => &world.connect,
        };
        assert_eq!(other, expect, "change {i}");
        assert_eq!(driver.in_flight().count() + driver.queued(), 0);
    }
    let s = driver.stats();
    assert_eq!(
        world.calls.len(),
        1000,
        "one bridge call per change, no ping-pong"
    );
    assert_eq!(
        world
            .calls
            .iter()
            .filter(|a| a.side == Side::Connect)
            .count(),
        500
    );
    assert_eq!(s.received, 2000, "1000 changes + 1000 echoes");
    assert_eq!(s.evaluated, 1000);
    assert_eq!(s.echoes, 1000);
    assert_eq!(s.emitted, 1000);
    assert_eq!(s.succeeded, 1000);
    assert_eq!(
        (s.coalesced_events, s.coalesced_actions, s.already_in_state),
        (0, 0, 0)
    );
}

#[test]
fn a_burst_of_1000_events_in_1_ms_is_evaluated_in_order() {
    let rules = load(
        r#"[
      {"name": "Available", "source": "Connect Agent State Change", "operandA": "Connect Agent New State",
       "comparator": "Equal to", "operandB": "Static Value", "operandBValue": "Available",
       "destination": "Salesforce Agent State", "value": "Available"},
      {"name": "Lunch", "source": "Connect Agent State Change", "operandA": "Connect Agent New State",
       "comparator": "Equal to", "operandB": "Static Value", "operandBValue": "Lunch",
       "destination": "Salesforce Agent State", "value": "Lunch"}
    ]"#,
    )
    .rules;
    let mut driver = Driver::new(rules, DriverConfig::default());
    let mut world = World::new();
    let mut released = VecDeque::new();
    let states = ["Available", "Lunch"];
    for i in 0..1000u64 {
        let new = states[(i % 2) as usize];
        let old = states[((i + 1) % 2) as usize];
        let now = i / 500; // 1000 events inside 1 ms: t = 0 and t = 1
        let step = driver.push(Event::connect(old, new), now);
        assert_eq!(step.seq, i);
        assert_eq!(
            step.disposition,
            Disposition::Evaluated { matched: 1 },
            "event {i}"
        );
        released.extend(step.actions);
    }
    assert_eq!(driver.stats().received, 1000);
    assert_eq!(driver.stats().evaluated, 1000, "count in = count evaluated");
    assert_eq!(released.len(), 1, "one action in flight per side");
    assert_eq!(
        driver.queued(),
        999,
        "the rest wait their turn, none dropped"
    );

    world.now = 1;
    world.run(&mut driver, released);
    assert_eq!(world.calls.len(), 1000);
    for (i, a) in world.calls.iter().enumerate() {
        assert_eq!(a.cause, i as u64, "bridge calls follow event order");
        assert_eq!(a.side, Side::Salesforce);
        assert_eq!(a.state, states[i % 2]);
    }
    assert_eq!(world.omni, "Lunch", "the last change wins");
    assert_eq!(driver.stats().echoes, 1000);
}

fn lunch_rules() -> ctiflow_presence::RuleSet {
    load(
        r#"[
      {"name": "C Lunch", "source": "Connect Agent State Change", "operandA": "Connect Agent New State",
       "comparator": "Equal to", "operandB": "Static Value", "operandBValue": "Lunch",
       "destination": "Salesforce Agent State", "value": "Lunch"},
      {"name": "O Lunch", "source": "Salesforce Agent State Change", "operandA": "Salesforce Agent New State",
       "comparator": "Equal to", "operandB": "Static Value", "operandBValue": "Lunch",
       "destination": "Connect Agent State", "value": "Lunch"},
      {"name": "Full", "source": "Salesforce Workload Changed", "operandA": "Salesforce New Workload Pct",
       "comparator": ">=", "operandB": "Static Value", "operandBValue": 100,
       "destination": "Connect Agent State", "value": "Omni Full"}
    ]"#,
    )
    .rules
}

#[test]
fn the_settle_window_coalesces_only_identical_repeats() {
    let mut d = Driver::new(lunch_rules(), DriverConfig::default());
    let lunch = || Event::connect("Available", "Lunch");
    let full = || Event::SalesforceWorkloadChanged {
        previous_workload: 1.0,
        new_workload: 2.0,
        configured_capacity: 2.0,
    };
    let disp = |d: &mut Driver, e: Event, t: u64| d.push(e, t).disposition;
    let eval = |n| Disposition::Evaluated { matched: n };

    assert_eq!(disp(&mut d, lunch(), 0), eval(1));
    assert_eq!(disp(&mut d, lunch(), 50), Disposition::Coalesced);
    assert_eq!(disp(&mut d, lunch(), 99), Disposition::Coalesced);
    assert_eq!(
        disp(&mut d, lunch(), 100),
        eval(1),
        "the window is 100 ms from the handled event"
    );
    // A different event in between: the repeat is not consecutive, so it counts.
    assert_eq!(
        disp(&mut d, Event::connect("Lunch", "Available"), 101),
        eval(0)
    );
    assert_eq!(disp(&mut d, lunch(), 102), eval(1));
    // Other sources have their own window; workload repeats coalesce too.
    assert_eq!(disp(&mut d, full(), 103), eval(1));
    assert_eq!(disp(&mut d, full(), 104), Disposition::Coalesced);
    assert_eq!(
        disp(
            &mut d,
            Event::SalesforceWorkloadChanged {
                previous_workload: 2.0,
                new_workload: 2.0,
                configured_capacity: 2.0
            },
            105
        ),
        eval(1)
    );
    assert_eq!(d.stats().coalesced_events, 3);
    assert_eq!(d.stats().evaluated, 6);

    // A window of 0 coalesces nothing.
    let mut d = Driver::new(
        lunch_rules(),
        DriverConfig {
            settle_ms: 0,
            ..Default::default()
        },
    );
    for _ in 0..5 {
        assert_eq!(disp(&mut d, lunch(), 7), eval(1));
    }
}

#[test]
fn identical_actions_in_a_row_are_sent_once() {
    let mut d = Driver::new(
        lunch_rules(),
        DriverConfig {
            settle_ms: 0,
            ..Default::default()
        },
    );
    let first = d.push(Event::connect("Available", "Lunch"), 0).actions;
    assert_eq!(first.len(), 1);
    // The same change delivered again while the first is in flight.
    assert!(d
        .push(Event::connect("Available", "Lunch"), 0)
        .actions
        .is_empty());
    assert_eq!(d.stats().coalesced_actions, 1);
    assert!(d.complete(first[0].id, Completion::Succeeded, 5).is_empty());
    assert_eq!(d.queued(), 0);
}

#[test]
fn echo_recognised_by_omni_status_id() {
    let config: DriverConfig =
        serde_json::from_value(json!({"omniStatusIds": {"Lunch": "0N5000000000001"}})).unwrap();
    assert_eq!(config.settle_ms, 100, "defaults fill the rest");
    let mut d = Driver::new(lunch_rules(), config);
    let [a] = &d.push(Event::connect("Available", "Lunch"), 0).actions[..] else {
        panic!()
    };
    assert_eq!(a.status_id.as_deref(), Some("0N5000000000001"));
    assert_eq!(
        a.bridge_args(&json!(null)).unwrap(),
        json!({"statusId": "0N5000000000001"})
    );
    let echo = Event::SalesforceAgentStateChange {
        new_state: "Lunch_Break_Label".into(),
        status_id: Some("0N5000000000001".into()),
    };
    assert_eq!(
        d.push(echo, 10).disposition,
        Disposition::Echo { action: a.id }
    );
    // Without a mapping the DeveloperName is passed.
    let mut d = Driver::new(lunch_rules(), DriverConfig::default());
    let [a] = &d.push(Event::connect("Available", "Lunch"), 0).actions[..] else {
        panic!()
    };
    assert_eq!(
        a.bridge_args(&json!(null)).unwrap(),
        json!({"statusId": "Lunch"})
    );
}

#[test]
fn connect_bridge_args_use_the_state_object_from_the_snapshot() {
    let mut d = Driver::new(lunch_rules(), DriverConfig::default());
    let [a] = &d.push(Event::salesforce("Lunch"), 0).actions[..] else {
        panic!()
    };
    assert_eq!((a.bridge(), a.method()), ("agent", "setState"));
    let lunch = json!({"agentStateARN": "arn:...:agent-state/lunch", "type": "not_routable", "name": "Lunch"});
    let agent = json!({"agentStates": [{"name": "Available", "type": "routable"}, lunch]});
    assert_eq!(
        a.bridge_args(&agent).unwrap(),
        json!({"state": lunch, "enqueueNextState": false})
    );
    let err = a
        .bridge_args(&json!({"agentStates": [{"name": "lunch"}]}))
        .unwrap_err();
    assert_eq!(
        err,
        r#"rule "O Lunch": the agent has no state named "Lunch" in agentStates"#
    );
    assert!(a.bridge_args(&json!({})).is_err());
}

#[test]
fn a_failed_action_expects_no_echo_and_releases_the_next() {
    let mut d = Driver::new(example_rules(), DriverConfig::default());
    let [a] = &d.push(Event::connect("Offline", "Available"), 0).actions[..] else {
        panic!()
    };
    let a = a.clone();
    // A second change for Omni waits behind the first.
    assert!(d
        .push(Event::connect("Available", "Working – Phone"), 1)
        .actions
        .is_empty());
    assert_eq!(d.queued(), 1);
    let next = d.complete(a.id, Completion::Failed("INVALID_STATUS".into()), 2);
    assert_eq!(d.stats().failed, 1);
    let [n] = &next[..] else { panic!("{next:?}") };
    assert_eq!(
        (n.side, n.state.as_str()),
        (Side::Salesforce, "Working_Phone")
    );
    assert!(d
        .complete(n.id, Completion::Failed("down".into()), 3)
        .is_empty());
    // The agent now really picks Available in Omni: evaluated, not taken as
    // the echo of the failed action, and Connect follows.
    let step = d.push(Event::salesforce("Available"), 4);
    assert_eq!(step.disposition, Disposition::Evaluated { matched: 1 });
    let [c] = &step.actions[..] else {
        panic!("{step:?}")
    };
    assert_eq!((c.side, c.state.as_str()), (Side::Connect, "Available"));
}

#[test]
fn timeouts_release_the_queue_and_forget_echoes() {
    let config = DriverConfig {
        settle_ms: 0,
        echo_timeout_ms: 1_000,
        action_timeout_ms: 3_000,
        ..Default::default()
    };
    let mut d = Driver::new(lunch_rules(), config);
    let first = d.push(Event::connect("Available", "Lunch"), 0).actions;
    assert_eq!(first.len(), 1);
    let full = Event::SalesforceWorkloadChanged {
        previous_workload: 1.0,
        new_workload: 1.0,
        configured_capacity: 1.0,
    };
    let to_connect = d.push(full, 0).actions;
    assert_eq!(
        to_connect.len(),
        1,
        "the Connect side is independent of the Omni side"
    );
    // Omni never answers. After the echo timeout a real Omni Lunch is evaluated.
    assert!(d.tick(999).is_empty());
    assert_eq!(d.stats().echoes_expired, 0);
    d.tick(1_000);
    assert_eq!(d.stats().echoes_expired, 2);
    // The in-flight action times out; nothing was queued behind it.
    d.tick(3_000);
    assert_eq!(d.stats().timed_out, 2);
    assert_eq!(d.in_flight().count(), 0);
    // A late completion is counted and ignored.
    assert!(d
        .complete(first[0].id, Completion::Succeeded, 3_001)
        .is_empty());
    assert!(d
        .complete(ActionId(999), Completion::Succeeded, 3_002)
        .is_empty());
    assert_eq!(d.stats().unmatched_completions, 2);
}

#[test]
fn a_missed_echo_still_cannot_ping_pong() {
    // The echo arrives after its expectation expired: it is evaluated, the
    // reverse rule fires, but Connect already has that state, so no call.
    let config = DriverConfig {
        echo_timeout_ms: 10,
        ..Default::default()
    };
    let mut d = Driver::new(example_rules(), config);
    let [a] = &d.push(Event::connect("Offline", "Available"), 0).actions[..] else {
        panic!()
    };
    assert!(d.complete(a.id, Completion::Succeeded, 1).is_empty());
    let late = d.push(Event::salesforce("Available"), 500);
    assert_eq!(late.disposition, Disposition::Evaluated { matched: 1 });
    assert!(late.actions.is_empty());
    assert_eq!(d.stats().already_in_state, 1);
}

#[test]
fn events_from_host_payloads() {
    use ctiflow_presence::SourceEvent as S;
    assert_eq!(
        Event::from_payload(
            S::ConnectAgentStateChange,
            &json!({"oldState": "Available", "newState": "Lunch", "agent": {}})
        ),
        Ok(Event::connect("Available", "Lunch"))
    );
    assert_eq!(
        Event::from_payload(
            S::SalesforceAgentStateChange,
            &json!({"statusId": "0N5", "statusName": "On Lunch", "statusApiName": "Lunch"})
        ),
        Ok(Event::SalesforceAgentStateChange {
            new_state: "Lunch".into(),
            status_id: Some("0N5".into())
        })
    );
    assert_eq!(
        Event::from_payload(
            S::SalesforceWorkloadChanged,
            &json!({"configuredCapacity": "4", "previousWorkload": 1, "newWorkload": 2})
        ),
        Ok(Event::SalesforceWorkloadChanged {
            previous_workload: 1.0,
            new_workload: 2.0,
            configured_capacity: 4.0
        })
    );
    assert_eq!(
        Event::from_payload(S::SalesforceAgentLogout, &json!(null)),
        Ok(Event::SalesforceAgentLogout)
    );
    assert_eq!(
        Event::from_payload(
            S::SalesforceWorkAccepted,
            &json!({"serviceChannel": "sfdc_phone"})
        ),
        Ok(Event::SalesforceWorkAccepted {
            service_channel: "sfdc_phone".into()
        })
    );
    // Numeric text reads as JavaScript's `Number()` does.
    assert_eq!(
        Event::from_payload(
            S::SalesforceWorkloadChanged,
            &json!({"configuredCapacity": "0x4", "previousWorkload": " 1 ", "newWorkload": "2e0"})
        ),
        Ok(Event::SalesforceWorkloadChanged {
            previous_workload: 1.0,
            new_workload: 2.0,
            configured_capacity: 4.0
        })
    );
    for bad in ["inf", "NaN", "Infinity", "", " ", "1_0"] {
        let p = json!({"configuredCapacity": bad, "previousWorkload": 1, "newWorkload": 2});
        assert_eq!(
            Event::from_payload(S::SalesforceWorkloadChanged, &p),
            Err(format!("`configuredCapacity` is not a number: {bad:?}"))
        );
    }
    for (s, p) in [
        (S::ConnectAgentStateChange, json!({})),
        (S::ConnectAgentStateChange, json!({"newState": 3})),
        (
            S::SalesforceWorkloadChanged,
            json!({"configuredCapacity": "lots", "previousWorkload": 1, "newWorkload": 2}),
        ),
        (S::SalesforceWorkAccepted, json!([])),
    ] {
        assert!(Event::from_payload(s, &p).is_err(), "{s}: {p}");
    }
}
