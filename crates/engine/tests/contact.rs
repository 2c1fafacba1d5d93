//! `$.contact`'s derived fields: computed when read, never when not, and the
//! snapshot's own fields always win. Uses a counting enricher so the tests
//! see exactly when the engine derives a field.

use ctiflow_engine::block::*;
use ctiflow_engine::catalog::ContactEnricher;
use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::trace::TraceEntry;
use ctiflow_engine::{Catalog, Engine, Event, EventKey, RunReport};
use serde_json::{json, Value};
use std::cell::RefCell;

thread_local! {
    /// The fields asked of the enricher on this test's thread, in order.
    static ASKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn asked() -> Vec<String> {
    ASKED.with(|a| a.borrow().clone())
}

/// Derives `phone` from `rawPhoneNumber` and `channel` from `type`.
fn derive(contact: &Value, key: &str) -> Option<Value> {
    ASKED.with(|a| a.borrow_mut().push(key.to_string()));
    let m = contact.as_object()?;
    if m.contains_key(key) {
        return None;
    }
    match key {
        "phone" => Some(json!(m
            .get("rawPhoneNumber")?
            .as_str()?
            .trim_start_matches('+'))),
        "channel" => Some(json!(m.get("type")?.as_str()?.to_uppercase())),
        _ => None,
    }
}

const ENRICHER: ContactEnricher = ContactEnricher {
    fields: &["phone", "channel"],
    derive,
};

static START: BlockSpec = BlockSpec {
    type_id: "SE_Start",
    aliases: &[],
    name: "Start",
    family: Family::Flow,
    description: "start",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
struct Start;
impl Block for Start {
    fn spec(&self) -> &'static BlockSpec {
        &START
    }
    fn run<'a>(&'a self, _: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async { Ok(BlockOutput::done(Value::Null)) })
    }
}

static ECHO_CONTROLS: &[ControlSpec] = &[ControlSpec::opt("value", Kind::Any, "anything")];
static ECHO: BlockSpec = BlockSpec {
    type_id: "T_Echo",
    aliases: &[],
    name: "Echo",
    family: Family::Core,
    description: "results are the resolved `value`",
    controls: ECHO_CONTROLS,
    ports: DONE,
    results: "the value",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
struct Echo;
impl Block for Echo {
    fn spec(&self) -> &'static BlockSpec {
        &ECHO
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(BlockOutput::done(ctx.value("value").unwrap_or_default())) })
    }
}

static VIEWS: BlockSpec = BlockSpec {
    type_id: "T_Views",
    aliases: &[],
    name: "Views",
    family: Family::Contact,
    description: "the three ways a block reads the contact",
    controls: &[],
    ports: DONE,
    results: "{raw, field, whole}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
struct Views;
impl Block for Views {
    fn spec(&self) -> &'static BlockSpec {
        &VIEWS
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let raw = ctx.with_contact(|c| c.get("phone").cloned());
            Ok(BlockOutput::done(json!({
                "raw": raw,
                "field": ctx.contact_field("phone"),
                "whole": ctx.contact(),
            })))
        })
    }
}

fn engine() -> Engine {
    let mut c = Catalog::new();
    c.extend([&Start as &dyn Block, &Echo, &Views]);
    c.set_contact_enricher(ENRICHER);
    Engine::new(c)
}

fn key() -> EventKey {
    EventKey::parse("Voice Contact/onConnecting").expect("key")
}

fn flow(name: &str, block: &str, value: Value) -> String {
    json!({"name": name, "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "b"}},
        {"id": "b", "type": block, "controls": {"value": value}}
    ]})
    .to_string()
}

fn results(r: &RunReport) -> Value {
    r.trace
        .iter()
        .find_map(|t| match t {
            TraceEntry::Step {
                action, results, ..
            } if &**action == "b" => Some(results.clone()),
            _ => None,
        })
        .unwrap_or(Value::Null)
}

fn run(flows: &[String], contact: Value) -> Vec<RunReport> {
    ASKED.with(|a| a.borrow_mut().clear());
    let mut e = engine();
    for f in flows {
        let p = e.validate_text("t.json", f).program.expect("valid");
        e.register(key(), p, true);
    }
    let event = Event {
        contact,
        ..Event::default()
    };
    block_on(e.dispatch(key(), &event, &ScriptedHost::default(), None))
}

fn voice() -> Value {
    json!({"contactId": "c1", "type": "voice", "rawPhoneNumber": "+15555550123"})
}

#[test]
fn a_flow_reading_only_delivered_fields_derives_nothing() {
    let r = run(
        &[flow(
            "f",
            "T_Echo",
            json!(["$.contact.contactId", "$.contact.type"]),
        )],
        voice(),
    );
    assert_eq!(results(&r[0]), json!(["c1", "voice"]));
    assert!(asked().is_empty(), "derived: {:?}", asked());
}

#[test]
fn a_derived_field_is_derived_when_read_and_only_that_one() {
    let r = run(&[flow("f", "T_Echo", json!("$.contact.phone"))], voice());
    assert_eq!(results(&r[0]), json!("15555550123"));
    assert_eq!(asked(), ["phone"]);
}

#[test]
fn the_snapshots_own_field_wins_and_is_not_derived() {
    let mut c = voice();
    c["phone"] = json!("given");
    let r = run(&[flow("f", "T_Echo", json!("$.contact.phone"))], c);
    assert_eq!(results(&r[0]), json!("given"));
    assert!(asked().is_empty());
}

#[test]
fn a_whole_contact_has_the_delivered_fields_then_the_derived_ones() {
    let r = run(&[flow("f", "T_Echo", json!("$.contact"))], voice());
    let whole = results(&r[0]);
    let keys: Vec<&str> = whole
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        ["contactId", "type", "rawPhoneNumber", "phone", "channel"]
    );
    assert_eq!(whole["channel"], "VOICE");
}

#[test]
fn blocks_see_the_snapshot_as_delivered_or_with_derived_fields_as_they_ask() {
    let r = run(&[flow("f", "T_Views", Value::Null)], voice());
    let v = results(&r[0]);
    assert_eq!(
        v["raw"],
        Value::Null,
        "with_contact is the snapshot as delivered"
    );
    assert_eq!(v["field"], "15555550123");
    assert_eq!(v["whole"]["phone"], "15555550123");
}

#[test]
fn every_flow_of_an_event_reads_the_same_derived_fields() {
    let r = run(
        &[
            flow("one", "T_Echo", json!("$.contact.phone")),
            flow(
                "two",
                "T_Echo",
                json!({"p": "$.contact.phone", "c": "$.contact.channel"}),
            ),
        ],
        voice(),
    );
    assert_eq!(results(&r[0]), json!("15555550123"));
    assert_eq!(results(&r[1]), json!({"p": "15555550123", "c": "VOICE"}));
}

#[test]
fn no_contact_means_nothing_to_derive() {
    let r = run(
        &[flow("f", "T_Echo", json!("$.contact.phone"))],
        Value::Null,
    );
    assert_eq!(results(&r[0]), Value::Null);
    assert!(asked().is_empty());
}
