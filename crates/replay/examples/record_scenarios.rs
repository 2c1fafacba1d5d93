//! Regenerates the recordings in `tests/recordings/` from scenario
//! definitions: each scenario's events are dispatched through the scenario
//! flow set (`tests/recordings/flows/flow-set.json`) and a `RecordingHost`
//! over a `ScriptedHost` that answers as Salesforce and Streams would.
//!
//! `cargo run -p ctiflow-replay --example record_scenarios` (from the repo
//! root), then `ctiflow replay tests/recordings/*.jsonl --bless` and READ
//! every `.trace.jsonl` diff before committing it.

use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::{Script, ScriptedHost};
use ctiflow_engine::{EngineConfig, Event, EventKey, Host};
use ctiflow_replay::load::engine_for;
use ctiflow_replay::{Header, Recording, RecordingHost};
use serde_json::{json, Value};
use std::path::Path;

const T0: f64 = 1_767_258_000_000.0; // 2026-01-01T09:00:00Z
const ARN: &str =
    "arn:aws:connect:us-east-1:111122223333:instance/0d4f9d6e-1111-2222-3333-444455556666";

fn agent(state: &str) -> Value {
    let ty = match state {
        "Available" => "routable",
        "Offline" => "offline",
        _ => "not_routable",
    };
    json!({
        "name": "Jane Agent", "username": "jane.agent", "extension": "+15555550100",
        "softphoneEnabled": true, "dialableCountries": ["us", "ca"], "permissions": ["outboundCall"],
        "agentARN": format!("{ARN}/agent/5b2c7e10-1234-4abc-9def-0123456789ab"),
        "routingProfile": {"name": "Basic Routing Profile", "routingProfileARN": format!("{ARN}/routing-profile/rp1"),
            "defaultOutboundQueue": {"name": "BasicQueue", "queueARN": format!("{ARN}/queue/8f3e1c2a-aaaa-bbbb-cccc-ddddeeeeffff")}, "queues": []},
        "agentStates": [
            {"agentStateARN": format!("{ARN}/agent-state/available"), "type": "routable", "name": "Available"},
            {"agentStateARN": format!("{ARN}/agent-state/offline"), "type": "offline", "name": "Offline"},
            {"agentStateARN": format!("{ARN}/agent-state/lunch"), "type": "not_routable", "name": "Lunch"}
        ],
        "state": {"name": state, "type": ty, "startTimestamp": T0 as u64},
        "availabilityState": {"state": state, "type": ty, "timeStamp": T0 as u64},
        "sessionToken": "live-session-token-must-not-be-recorded"
    })
}

fn contact(id: &str, kind: &str, state: &str, phone: &str, method: &str, initial: &str) -> Value {
    json!({
        "contactId": id, "initialContactId": initial, "type": kind,
        "status": {"type": state, "timestamp": T0 as u64},
        "statusDuration": 0,
        "queue": {"name": "BasicQueue", "queueARN": format!("{ARN}/queue/8f3e1c2a-aaaa-bbbb-cccc-ddddeeeeffff"), "queueId": "8f3e1c2a-aaaa-bbbb-cccc-ddddeeeeffff"},
        "queueTimestamp": (T0 - 12_000.0) as u64,
        "attributes": {"customerEmail": {"name": "customerEmail", "value": "pat.customer@example.com"},
                       "language": {"name": "language", "value": "en-US"}},
        "references": {}, "initiationMethod": method,
        "isInbound": method != "outbound", "isSoftphoneCall": kind != "chat", "isConnected": state == "connected", "isMonitor": false,
        "rawPhoneNumber": phone, "contactStartMs": T0 as u64
    })
}

fn voice(id: &str, state: &str) -> Value {
    contact(id, "voice", state, "+15555550123", "inbound", id)
}

struct Scenario {
    name: &'static str,
    description: &'static str,
    answers: Value,
    /// (ms after the previous event, source, event, payload, contact, agent state)
    events: Vec<(f64, &'static str, &'static str, Value, Value, &'static str)>,
}

fn pop_ok() -> Value {
    json!({"ok": {"003Hs00001AbCdEIAZ": {"Id": "003Hs00001AbCdEIAZ", "Name": "Pat Customer", "RecordType": "Contact"}}})
}

fn scenarios() -> Vec<Scenario> {
    let c1 = "7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa";
    let nul = Value::Null;
    vec![
        Scenario {
            name: "inbound-call-life",
            description: "An inbound voice call from ring to after call work: pop, recording, call logged, Omni set to AfterCallWork.",
            answers: json!({"salesforceUi.screenPop": pop_ok(), "contact.startRecording": {"ok": null},
                "salesforceData.runApex": {"ok": {"runApex": "00THs000003XyZaMAK"}},
                "salesforceData.query": {"ok": [{"Id": "0N5Hs0000004CWdKAM", "DeveloperName": "AfterCallWork", "MasterLabel": "After Call Work"}]},
                "omni.setServicePresenceStatus": {"ok": {"statusId": "0N5Hs0000004CWdKAM"}}}),
            events: vec![
                (0.0, "Voice Contact", "onIncoming", json!({}), voice(c1, "incoming"), "Available"),
                (400.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (6_200.0, "Voice Contact", "onConnected", json!({}), voice(c1, "connected"), "Available"),
                (254_000.0, "Voice Contact", "onEnded", json!({}), voice(c1, "ended"), "AfterCallWork"),
                (150.0, "Amazon Connect Agent", "onAfterCallWork", json!({}), nul.clone(), "AfterCallWork"),
            ],
        },
        Scenario {
            name: "missed-call",
            description: "The agent lets a call ring out: Connect sets MissedCallAgent; the flow puts the agent back to Available and logs a follow-up.",
            answers: json!({"salesforceUi.screenPop": pop_ok(), "agent.setState": {"ok": null},
                "salesforceData.runApex": {"ok": {"runApex": "00THs000003XyZbMAK"}}}),
            events: vec![
                (0.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (20_000.0, "Voice Contact", "onMissed", json!({}), voice(c1, "missed"), "MissedCallAgent"),
            ],
        },
        Scenario {
            name: "transfer",
            description: "A call transferred from another agent: transfer notes fetched by initial contact id, then the pop.",
            answers: json!({"salesforceData.runApex": {"ok": {"runApex": "Customer asked about invoice 4411"}},
                "salesforceUi.screenPop": pop_ok(), "contact.startRecording": {"ok": null}}),
            events: vec![
                (0.0, "Voice Contact", "onConnecting", json!({}),
                 contact("c2d4f6a8-1111-4e2b-8c3d-5e6f7a8b9c0d", "voice", "connecting", "+15555550123", "transfer", c1), "Available"),
                (3_000.0, "Voice Contact", "onConnected", json!({}),
                 contact("c2d4f6a8-1111-4e2b-8c3d-5e6f7a8b9c0d", "voice", "connected", "+15555550123", "transfer", c1), "Available"),
            ],
        },
        Scenario {
            name: "queued-callback",
            description: "A queued callback rings (incoming): the customer record pops.",
            answers: json!({"salesforceUi.screenPop": pop_ok()}),
            events: vec![(0.0, "Queue Callback Contact", "onIncoming", json!({}),
                contact("9b8a7c6d-2222-4f3e-9a1b-0c1d2e3f4a5b", "queue_callback", "incoming", "+15555550177", "callback", "9b8a7c6d-2222-4f3e-9a1b-0c1d2e3f4a5b"), "Available")],
        },
        Scenario {
            name: "chat-with-messages",
            description: "A chat: pop by e-mail, then customer and agent messages; only customer messages go to the transcript.",
            answers: json!({"salesforceUi.screenPop": pop_ok(), "salesforceData.runApex": {"ok": {"runApex": true}}}),
            events: {
                let chat = || contact("5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d", "chat", "connecting", "", "api", "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d");
                let msg = |role: &str, text: &str| json!({"contactId": "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d", "initialContactId": "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d",
                    "displayName": if role == "CUSTOMER" {"Pat"} else {"Jane Agent"}, "participantRole": role,
                    "participantId": if role == "CUSTOMER" {"p-cust-01"} else {"p-agent-01"}, "content": text});
                vec![
                    (0.0, "Chat Contact", "onConnecting", json!({}), chat(), "Available"),
                    (9_000.0, "Chat Contact", "onMessageReceived", msg("CUSTOMER", "Hi, my order #4411 has not arrived"), chat(), "Available"),
                    (21_000.0, "Chat Contact", "onMessageReceived", msg("AGENT", "Let me check that for you"), chat(), "Available"),
                    (30_000.0, "Chat Contact", "onMessageReceived", msg("CUSTOMER", "Thanks!"), chat(), "Available"),
                ]
            },
        },
        Scenario {
            name: "presence-sync-both-ways",
            description: "Agent state changes: Connect -> Omni (Lunch, then a state not synced) and Omni -> Connect (Available). Flows only: presence rules are not wired into the engine yet.",
            answers: json!({"salesforceData.query": {"sequence": [
                    {"ok": [{"Id": "0N5Hs0000004CWeKAM", "DeveloperName": "Lunch", "MasterLabel": "Lunch"}]}]},
                "omni.setServicePresenceStatus": {"ok": {"statusId": "0N5Hs0000004CWeKAM"}}, "agent.setState": {"ok": null}}),
            events: vec![
                (0.0, "Amazon Connect Agent", "onStateChange", json!({"oldState": "Available", "newState": "Lunch"}), nul.clone(), "Lunch"),
                (1_800_000.0, "Amazon Connect Agent", "onStateChange", json!({"oldState": "Lunch", "newState": "Training"}), nul.clone(), "Training"),
                (60_000.0, "Salesforce Agent", "onStateChange", json!({"statusId": "0N5Hs0000004CWcKAM", "statusName": "Available", "statusApiName": "Available",
                    "channels": "[{\"channelId\":\"0N9Hs0000004C9aKAE\",\"developerName\":\"sfdc_phone\"}]"}), nul.clone(), "Training"),
            ],
        },
        Scenario {
            name: "salesforce-failures",
            description: "Open CTI and Apex fail: the pop takes its failure port to the new-contact form, which fails too; the call log Apex call fails.",
            answers: json!({"salesforceUi.screenPop": {"error": {"code": "GENERIC_ERROR", "message": "Open CTI is not ready", "details": [{"description": "sforce.opencti not initialised"}]}},
                "salesforceData.runApex": {"error": {"code": "APEX_ERROR", "message": "System.QueryException: List has no rows for assignment to SObject"}},
                "contact.startRecording": {"error": {"code": "AccessDenied", "message": "recording not allowed"}}}),
            events: vec![
                (0.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (4_000.0, "Voice Contact", "onConnected", json!({}), voice(c1, "connected"), "Available"),
                (90_000.0, "Voice Contact", "onEnded", json!({}), voice(c1, "ended"), "AfterCallWork"),
            ],
        },
        Scenario {
            name: "burst-overlapping-contacts",
            description: "Three calls and a chat arrive within a second (a queue flushes): every contact gets its own pop.",
            answers: json!({"salesforceUi.screenPop": {"sequence": [pop_ok(),
                {"ok": {"003Hs00001ZzYyXIAZ": {"Id": "003Hs00001ZzYyXIAZ", "Name": "Sam Doe", "RecordType": "Contact"}}},
                {"ok": {}}, pop_ok()]}}),
            events: vec![
                (0.0, "Voice Contact", "onConnecting", json!({}), contact("b1000000-0000-4000-8000-000000000001", "voice", "connecting", "+15555550123", "inbound", "b1000000-0000-4000-8000-000000000001"), "Available"),
                (180.0, "Voice Contact", "onConnecting", json!({}), contact("b1000000-0000-4000-8000-000000000002", "voice", "connecting", "+15555550145", "inbound", "b1000000-0000-4000-8000-000000000002"), "Available"),
                (220.0, "Voice Contact", "onConnecting", json!({}), contact("b1000000-0000-4000-8000-000000000003", "voice", "connecting", "+442079460958", "inbound", "b1000000-0000-4000-8000-000000000003"), "Available"),
                (310.0, "Chat Contact", "onConnecting", json!({}), contact("b1000000-0000-4000-8000-000000000004", "chat", "connecting", "", "api", "b1000000-0000-4000-8000-000000000004"), "Available"),
            ],
        },
    ]
}

fn main() {
    let dir = Path::new("tests/recordings");
    let set_rel = "flows/flow-set.json";
    for s in scenarios() {
        let mut header = Header::new(T0, json!(set_rel), EngineConfig::default());
        header.description = Some(s.description.to_string());
        let probe = Recording {
            header: header.clone(),
            events: Vec::new(),
        };
        let engine = match engine_for(ctiflow_blocks::catalog(), &probe, dir, None) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{}: {e}", s.name);
                std::process::exit(2);
            }
        };
        let script = Script {
            start_ms: Some(T0),
            latency_ms: 180.0,
            answers: serde_json::from_value(s.answers).unwrap_or_default(),
            ..Script::default()
        };
        let host = RecordingHost::new(ScriptedHost::new(script), header);
        for (delta, source, event, payload, contact, state) in s.events {
            host.inner().advance(delta);
            let key = match EventKey::new(source, event) {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("{}: {e}", s.name);
                    std::process::exit(2);
                }
            };
            let e = Event {
                payload,
                contact,
                agent: agent(state),
            };
            let scope = host.begin_event(source, event, &e);
            block_on(engine.dispatch(key, &e, &scope, None));
        }
        let _ = host.now_ms();
        let path = dir.join(format!("{}.jsonl", s.name));
        if let Err(e) = std::fs::write(&path, host.recorder().to_jsonl()) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(2);
        }
        println!(
            "wrote {} ({} events)",
            path.display(),
            host.recorder().event_count()
        );
    }
}
