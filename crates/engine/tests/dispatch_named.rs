//! `Engine::dispatch_named`: a CTI Action names the one flow it runs, so
//! only the active flows bound to the event with that name run.

mod common;

use common::engine;
use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::{Engine, Event, EventKey};

fn key() -> EventKey {
    EventKey::parse("CTI Action").unwrap()
}

fn flow(name: &str) -> String {
    format!(
        r#"{{"name":"{name}","actions":[
  {{"id":"s","type":"SE_Start","ports":{{"done":"e"}}}},{{"id":"e","type":"SE_End"}}]}}"#
    )
}

fn load(e: &mut Engine, key: EventKey, name: &str, active: bool) {
    let v = e.validate_text("t.json", &flow(name));
    e.register(key, v.program.expect("valid"), active);
}

fn ran(e: &Engine, flow: Option<&str>) -> Vec<String> {
    let host = ScriptedHost::default();
    block_on(e.dispatch_named(key(), flow, &Event::default(), &host, None))
        .into_iter()
        .map(|r| r.flow.to_string())
        .collect()
}

#[test]
fn a_named_dispatch_runs_only_the_active_flows_of_that_name() {
    let mut e = engine();
    let voice = EventKey::parse("Voice Contact/onConnecting").unwrap();
    load(&mut e, key(), "Log call", true);
    load(&mut e, key(), "Transfer", true);
    load(&mut e, key(), "Log call", true);
    load(&mut e, key(), "Paused", false);
    load(&mut e, voice, "Elsewhere", true);

    // Without a name: every active flow bound to the event, as dispatch.
    assert_eq!(ran(&e, None), ["Log call", "Transfer", "Log call"]);
    let host = ScriptedHost::default();
    assert_eq!(
        block_on(e.dispatch(key(), &Event::default(), &host, None)).len(),
        3
    );
    // With one: those of that name only (both, in order).
    assert_eq!(ran(&e, Some("Log call")), ["Log call", "Log call"]);
    assert_eq!(ran(&e, Some("Transfer")), ["Transfer"]);
    // Inactive, bound to another event, unknown, or another spelling: none.
    assert!(ran(&e, Some("Paused")).is_empty());
    assert!(ran(&e, Some("Elsewhere")).is_empty());
    assert!(ran(&e, Some("Nope")).is_empty());
    assert!(ran(&e, Some("log call")).is_empty());
    assert_eq!(e.flows_named(key(), Some("Transfer")).count(), 1);
}
