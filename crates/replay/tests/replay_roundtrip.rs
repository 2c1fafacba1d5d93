//! Record a session through a RecordingHost, replay it headless, compare.

mod common;

use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::{Script, ScriptedHost};
use ctiflow_engine::{Engine, EngineConfig, Event, EventKey, Host};
use ctiflow_replay::diff::compare;
use ctiflow_replay::replay::event_trace;
use ctiflow_replay::scrub::{is_secret_key, SCRUBBED};
use ctiflow_replay::{replay, Header, Recording, RecordingHost, REPLAY_MISMATCH};
use serde_json::{json, Value};

/// Start → pop (salesforceUi.searchAndScreenPop with the caller's number) →
/// wait → log (salesforceData.saveLog) → End; failure of pop goes to a note.
fn flow_set(search_field: &str, wait_ms: u64) -> Value {
    json!({"flows": [{"source": "Voice Contact", "event": "onConnecting", "flow": {
    "name": "pop-and-log",
    "actions": [
        {"id": "start", "type": "SE_Start", "ports": {"done": "pop"}},
        {"id": "pop", "type": "T_Call", "controls": {"bridge": "salesforceUi", "method": "searchAndScreenPop",
            "args": {"searchParams": search_field, "callType": "inbound", "deferred": false}},
            "ports": {"success": "wait", "failure": "fallback"}},
        {"id": "fallback", "type": "T_Call", "controls": {"bridge": "adapterUi", "method": "alert",
            "args": {"message": "no match"}}, "ports": {"success": "end", "failure": "end"}},
        {"id": "wait", "type": "T_Sleep", "controls": {"ms": wait_ms}, "ports": {"done": "log"}},
        {"id": "log", "type": "T_Call", "controls": {"bridge": "salesforceData", "method": "saveLog",
            "args": {"value": {"Subject": "Inbound call", "token": "$.payload.sessionToken"}}},
            "ports": {"success": "end", "failure": "end"}},
        {"id": "end", "type": "SE_End"}
    ]}}]})
}

fn engine_with(set: &Value, config: EngineConfig) -> Engine {
    let mut e = common::engine();
    e.set_config(config);
    let d = e.load_flow_set("set", &set.to_string(), &|_| Err("inline only".into()));
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
    e
}

fn event(n: u32) -> Event {
    Event {
        payload: json!({"sessionToken": "tok-SECRET-1"}),
        contact: json!({"contactId": format!("c-{n}"), "type": "voice", "rawPhoneNumber": "+15555550123",
            "status": {"type": "connecting", "timestamp": 1767225600000u64},
            "attributes": {"AuthToken": {"name": "AuthToken", "value": "tok-SECRET-2"}}}),
        agent: json!({"name": "Jane", "username": "jane", "sessionId": "sess-SECRET-3"}),
    }
}

/// Records two events live; returns the recording text and the live trace.
fn record(set: &Value, config: EngineConfig) -> (String, Vec<Value>) {
    let engine = engine_with(set, config.clone());
    let script = Script {
        start_ms: Some(1_767_225_600_000.0),
        latency_ms: 150.0,
        answers: serde_json::from_value(json!({
            "salesforceUi.searchAndScreenPop": {"sequence": [
                {"ok": {"003Hs00001AbCdE": {"Id": "003Hs00001AbCdE", "Name": "Pat Customer", "RecordType": "Contact"}}},
                {"error": {"code": "GENERIC_ERROR", "message": "Open CTI is down", "details": [{"sessionKey": "tok-SECRET-4"}]}}
            ]},
            "salesforceData.saveLog": {"ok": {"recordId": "00THs000003XyZa", "accessToken": "tok-SECRET-5"}}
        }))
        .unwrap(),
        ..Script::default()
    };
    let host = RecordingHost::new(
        ScriptedHost::new(script),
        Header::new(1_767_225_600_000.0, set.clone(), config),
    );
    let key = EventKey::parse("Voice Contact/onConnecting").unwrap();
    let mut live = Vec::new();
    for n in 0..2 {
        let e = event(n);
        let at = host.inner().now_ms();
        let scope = host.begin_event("Voice Contact", "onConnecting", &e);
        let reports = block_on(engine.dispatch(key, &e, &scope, None));
        live.extend(
            event_trace(scope.index(), key, at, reports)
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
        host.inner().advance(60_000.0);
    }
    (host.recorder().to_jsonl(), live)
}

#[test]
fn replay_reproduces_the_live_trace() {
    let set = flow_set("+15555550123", 2_000);
    let (text, live) = record(&set, EngineConfig::default());
    let rec = Recording::parse("mem", &text).unwrap();
    assert_eq!(rec.events.len(), 2);
    assert_eq!(rec.events[0].calls.len(), 2);
    assert_eq!(rec.events[1].calls.len(), 2, "pop fails, then the alert");
    let out = replay(&engine_with(&set, EngineConfig::default()), &rec).unwrap();
    assert!(out.mismatches.is_empty(), "{:?}", out.mismatches);
    // The secrets in the payload reach the saveLog args live, scrubbed; the
    // replayed trace carries the scrubbed payload, so compare modulo that.
    let live_scrubbed: Vec<Value> = live.iter().map(ctiflow_replay::scrub::scrubbed).collect();
    let replayed: Vec<Value> = out
        .values()
        .iter()
        .map(ctiflow_replay::scrub::scrubbed)
        .collect();
    assert_eq!(live_scrubbed, replayed);
    let expected: Vec<String> = out.lines().map(String::from).collect();
    assert!(compare(&expected, &out).is_empty());
    // time is the recording's: the second event's run starts 60 s + 3 calls later
    let starts: Vec<f64> = out
        .values()
        .iter()
        .filter(|l| l["kind"] == "runStart")
        .map(|l| l["atMs"].as_f64().unwrap())
        .collect();
    assert_eq!(starts[0], 1_767_225_600_000.0);
    assert!(starts[1] > starts[0] + 60_000.0);
}

#[test]
fn secrets_are_never_written() {
    let (text, _) = record(&flow_set("+15555550123", 0), EngineConfig::default());
    assert!(!text.contains("SECRET"), "{text}");
    // every secret-looking key in the file holds the scrubbed marker
    fn check(v: &Value) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if is_secret_key(k) {
                        assert!(x == SCRUBBED || x.is_null(), "{k}: {x}");
                    } else {
                        check(x);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(check),
            _ => {}
        }
    }
    // the header carries the flow set as the team wrote it (not scrubbed);
    // every event and call line is
    for l in text.lines().skip(1) {
        check(&serde_json::from_str(l).unwrap());
    }
    assert!(text.contains(SCRUBBED));
}

#[test]
fn a_changed_control_answers_replay_mismatch_and_the_diff_names_the_action() {
    let set = flow_set("+15555550123", 0);
    let (text, _) = record(&set, EngineConfig::default());
    let rec = Recording::parse("mem", &text).unwrap();
    let expected: Vec<String> = replay(&engine_with(&set, EngineConfig::default()), &rec)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let changed = flow_set("5555550123", 0);
    let out = replay(&engine_with(&changed, EngineConfig::default()), &rec).unwrap();
    // per event: the pop's args differ; event 0 then takes the failure port
    // to an alert the recording never saw and skips the recorded saveLog
    let m: Vec<(usize, &str)> = out
        .mismatches
        .iter()
        .map(|m| (m.event, m.call.as_str()))
        .collect();
    assert_eq!(
        m,
        [
            (0, "salesforceUi.searchAndScreenPop"),
            (0, "adapterUi.alert"),
            (0, "salesforceData.saveLog"),
            (1, "salesforceUi.searchAndScreenPop"),
        ]
    );
    let values = out.values();
    let first = values.iter().find(|l| l["kind"] == "call").unwrap();
    assert_eq!(first["answer"]["error"]["code"], REPLAY_MISMATCH);
    let diffs = compare(&expected, &out);
    assert_eq!(diffs.len(), 2);
    let d = &diffs[0];
    assert_eq!(d.event, 0);
    assert_eq!(d.action.as_deref(), Some("pop"));
    assert_eq!(d.flow.as_deref(), Some("pop-and-log"));
    let r = d.render();
    assert!(r.contains("event 0 (Voice Contact/onConnecting)"), "{r}");
    assert!(r.contains("action `pop`"), "{r}");
    assert!(r.contains("salesforceUi.searchAndScreenPop"), "{r}");
    assert!(r.contains("\"searchParams\":\"+15555550123\""), "{r}");
    assert!(r.contains("\"searchParams\":\"5555550123\""), "{r}");
}

#[test]
fn an_hour_of_delay_replays_at_once_and_the_run_window_trips_where_it_did() {
    let config = EngineConfig {
        limits: ctiflow_engine::Limits {
            run_window_ms: Some(30_000.0),
            ..Default::default()
        },
        ..Default::default()
    };
    let set = flow_set("+15555550123", 3_600_000);
    let (text, live) = record(&set, config.clone());
    let t = std::time::Instant::now();
    let out = replay(
        &engine_with(&set, config),
        &Recording::parse("mem", &text).unwrap(),
    )
    .unwrap();
    assert!(t.elapsed().as_secs() < 5, "virtual time, not real time");
    let values = out.values();
    let ends: Vec<&Value> = values.iter().filter(|l| l["kind"] == "runEnd").collect();
    assert_eq!(ends[0]["reason"], "runWindow");
    assert_eq!(ends[0]["action"], "log");
    let live_end = live.iter().find(|l| l["kind"] == "runEnd").unwrap();
    assert_eq!(live_end["reason"], "runWindow");
    assert_eq!(live_end["elapsedMs"], ends[0]["elapsedMs"]);
    assert_eq!(ends[0]["blockType"], "T_Call");

    // A golden written before runWindow ends named the block type still
    // matches; one naming another block type does not.
    let lines: Vec<String> = out.lines().map(String::from).collect();
    let edited = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                if v["kind"] == "runEnd" && v["reason"] == "runWindow" {
                    f(v.as_object_mut().unwrap());
                }
                v.to_string()
            })
            .collect()
    };
    let older = edited(&|m| {
        m.remove("blockType");
    });
    assert!(compare(&older, &out).is_empty());
    let other = edited(&|m| {
        m.insert("blockType".into(), json!("T_Sleep"));
    });
    let diffs = compare(&other, &out);
    assert_eq!(diffs.len(), 1, "{diffs:?}");
    assert_eq!(diffs[0].block_type.as_deref(), Some("T_Call"));
}

#[test]
fn bad_recordings_are_errors_naming_the_line() {
    let h = r#"{"kind":"header","format":"ctiflow-recording","version":1,"engine":"0.1.0","startMs":0,"flows":"x.json"}"#;
    let e = Recording::parse(
        "r.jsonl",
        &format!("{}\n", h.replace("\"version\":1", "\"version\":9")),
    )
    .unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("version 9"));
    let e = Recording::parse(
        "r.jsonl",
        &format!("{h}\n{{\"kind\":\"call\",\"event\":3,\"atMs\":0,\"bridge\":\"agent\",\"method\":\"x\",\"args\":{{}},\"answer\":{{\"ok\":null}}}}\n"),
    )
    .unwrap_err();
    assert_eq!(e.line, 2);
    let e = Recording::parse("r.jsonl", "{\"kind\":\"event\"}\n").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(Recording::parse("r.jsonl", "").is_err());
    // an event the engine does not know is a replay error, not a panic
    let rec = Recording::parse(
        "r.jsonl",
        &format!("{h}\n{{\"kind\":\"event\",\"index\":0,\"atMs\":0,\"source\":\"Voice Contact\",\"event\":\"onTeleport\"}}\n"),
    )
    .unwrap();
    let err = replay(&common::engine(), &rec).unwrap_err();
    assert!(err.to_string().contains("event 0"), "{err}");
}

/// A CTI Action press runs the one flow its button names: the recording
/// keeps that name (`flow` on the event line), and replay runs that flow
/// only, not every flow bound to CTI Action/onAction.
#[test]
fn an_event_that_named_its_flow_replays_that_flow_only() {
    let flow = |name: &str| {
        json!({"source": "CTI Action", "event": "onAction", "flow": {"name": name, "actions": [
            {"id": "s", "type": "SE_Start", "ports": {"done": "e"}}, {"id": "e", "type": "SE_End"}]}})
    };
    let set = json!({"flows": [flow("Callback"), flow("Transfer")]});
    let engine = engine_with(&set, EngineConfig::default());
    let header = Header::new(0.0, set, EngineConfig::default());
    let recorder = ctiflow_replay::Recorder::new(header);
    let e = ctiflow_engine::Event::default();
    recorder.event(0.0, "CTI Action", "onAction", Some("Transfer"), &e);
    recorder.event(10.0, "CTI Action", "onAction", None, &e);
    let text = recorder.to_jsonl();
    assert!(text.contains(r#""flow":"Transfer""#), "{text}");
    // Version 2, so that a reader that does not know `flow` refuses it.
    assert!(
        text.starts_with(r#"{"kind":"header","format":"ctiflow-recording","version":2,"#),
        "{text}"
    );
    let plain =
        ctiflow_replay::Recorder::new(Header::new(0.0, json!("x.json"), EngineConfig::default()));
    plain.event(0.0, "CTI Action", "onAction", None, &e);
    assert!(plain.to_jsonl().contains(r#""version":1,"#));
    let out = replay(&engine, &Recording::parse("mem", &text).unwrap()).unwrap();
    let runs = |ev: u64| -> Vec<String> {
        out.values()
            .iter()
            .filter(|l| l["eventIndex"] == ev && l["kind"] == "runStart")
            .map(|l| l["flow"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(runs(0), ["Transfer"]);
    assert_eq!(runs(1), ["Callback", "Transfer"]);
}
