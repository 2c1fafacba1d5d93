//! Regenerates the recordings in `tests/recordings/` from scenario
//! definitions: each scenario's events are dispatched through the scenario
//! flow set (the project's `flows/flow-set.json`, or `tests/recordings/flows/flow-set.json`
//! where a scenario needs more) and a `RecordingHost`
//! over a `ScriptedHost` that answers as Salesforce and Streams would.
//!
//! `cargo run -p ctiflow-replay --example record_scenarios` (from the repo
//! root), then `ctiflow replay tests/recordings/*.jsonl --bless` and READ
//! every `.trace.jsonl` diff before committing it.

use ctiflow_engine::exec::block_on;
use ctiflow_engine::host::{HostCall, HostResult, LocalBoxFuture};
use ctiflow_engine::scripted::{Script, ScriptedHost};
use ctiflow_engine::{EngineConfig, Event, EventKey, Host};
use ctiflow_replay::load::engine_for;
use ctiflow_replay::{Header, Recording, RecordingHost};
use serde_json::{json, Value};
use std::future::Future;
use std::path::Path;
use std::task::Poll;

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
    /// The flow set, relative to `tests/recordings`: the project's own
    /// (`../../flows/flow-set.json`) where it covers the scenario, else the
    /// scenario set (project flows plus scenario-specific ones).
    flows: &'static str,
    /// Presence rules, relative to `tests/recordings`, if any.
    rules: Option<&'static str>,
    /// Scripted properties present before the first event.
    properties: Value,
    description: &'static str,
    answers: Value,
    /// Groups of events; the events of a group are dispatched at once.
    events: Vec<Vec<Ev>>,
}

const PROJECT: &str = "../../flows/flow-set.json";
const SCENARIO: &str = "flows/flow-set.json";

fn search_pop_ok() -> Value {
    json!({"ok": {"003Hs00001AbCdEIAZ": {"Id": "003Hs00001AbCdEIAZ", "Name": "Pat Customer", "RecordType": "Contact"}}})
}

fn contact_found() -> Value {
    json!({"ok": {"searchRecords": [{"attributes": {"type": "Contact"}, "Id": "003Hs00001AbCdEIAZ", "Phone": "(555) 555-0123"}]}})
}

fn task_saved(id: &str) -> Value {
    json!({"ok": {"recordId": id}})
}

fn with_attr(mut c: Value, name: &str, value: &str) -> Value {
    if let Some(a) = c.get_mut("attributes").and_then(Value::as_object_mut) {
        a.insert(name.into(), json!({"name": name, "value": value}));
    }
    c
}

/// One event: (ms after the previous event, source, event, payload, contact,
/// agent state). Events in one `Step::Together` are dispatched concurrently,
/// their calls interleaving as overlapping contacts' calls do live.
type Ev = (f64, &'static str, &'static str, Value, Value, &'static str);

fn scenarios() -> Vec<Scenario> {
    let c1 = "7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa";
    let nul = Value::Null;
    let one = |events: Vec<Ev>| events.into_iter().map(|e| vec![e]).collect::<Vec<_>>();
    let b = |n: u32, phone: &str, kind: &str, state: &str| {
        let id = format!("b1000000-0000-4000-8000-00000000000{n}");
        let method = if kind == "chat" { "api" } else { "inbound" };
        contact(&id, kind, state, phone, method, &id)
    };
    vec![
        Scenario {
            name: "inbound-call-life",
            flows: SCENARIO,
            rules: None,
            properties: json!({}),
            description: "An inbound voice call from ring to after call work: the project's pop and call task, then the call logged and Omni set to AfterCallWork.",
            answers: json!({"salesforceUi.searchAndScreenPop": search_pop_ok(), "salesforceUi.screenPop": {"ok": null},
                "salesforceData.search": contact_found(), "salesforceData.saveLog": task_saved("00THs000003XyZaMAK"),
                "salesforceData.runApex": {"ok": {"runApex": "00THs000003XyZaMAK"}},
                "salesforceData.query": {"ok": [{"Id": "0N5Hs0000004CWdKAM", "DeveloperName": "AfterCallWork", "MasterLabel": "After Call Work"}]},
                "omni.setServicePresenceStatus": {"ok": {"statusId": "0N5Hs0000004CWdKAM"}}}),
            events: one(vec![
                (0.0, "Voice Contact", "onIncoming", json!({}), voice(c1, "incoming"), "Available"),
                (400.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (6_200.0, "Voice Contact", "onConnected", json!({}), voice(c1, "connected"), "Available"),
                (254_000.0, "Voice Contact", "onEnded", json!({}), voice(c1, "ended"), "AfterCallWork"),
                (150.0, "Amazon Connect Agent", "onAfterCallWork", json!({}), nul.clone(), "AfterCallWork"),
            ]),
        },
        Scenario {
            name: "missed-call",
            flows: SCENARIO,
            rules: None,
            properties: json!({}),
            description: "The agent lets a call ring out: Connect sets MissedCallAgent; the flow puts the agent back to Available and logs a follow-up.",
            answers: json!({"salesforceUi.searchAndScreenPop": search_pop_ok(), "agent.setState": {"ok": null},
                "salesforceData.runApex": {"ok": {"runApex": "00THs000003XyZbMAK"}}}),
            events: one(vec![
                (0.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (20_000.0, "Voice Contact", "onMissed", json!({}), voice(c1, "missed"), "MissedCallAgent"),
            ]),
        },
        Scenario {
            name: "transfer",
            flows: PROJECT,
            rules: None,
            properties: json!({}),
            description: "A call transferred from another agent (a new contact, initial contact id of the first leg): the project flows pop the caller and log a call task, as for any inbound call.",
            answers: json!({"salesforceUi.searchAndScreenPop": search_pop_ok(), "salesforceUi.screenPop": {"ok": null},
                "salesforceData.search": contact_found(), "salesforceData.saveLog": task_saved("00THs000003XyZcMAK")}),
            events: one(vec![
                (0.0, "Voice Contact", "onConnecting", json!({}),
                 contact("c2d4f6a8-1111-4e2b-8c3d-5e6f7a8b9c0d", "voice", "connecting", "+15555550123", "transfer", c1), "Available"),
                (3_000.0, "Voice Contact", "onConnected", json!({}),
                 contact("c2d4f6a8-1111-4e2b-8c3d-5e6f7a8b9c0d", "voice", "connected", "+15555550123", "transfer", c1), "Available"),
            ]),
        },
        Scenario {
            name: "queued-callback",
            flows: PROJECT,
            rules: None,
            properties: json!({}),
            description: "A queued callback is offered: the project's callback flow finds the customer by phone, logs a high-priority Callback task and pops it.",
            answers: json!({"salesforceData.search": contact_found(), "salesforceData.saveLog": task_saved("00THs000003XyZdMAK"),
                "salesforceUi.screenPop": {"ok": null}}),
            events: one(vec![(0.0, "Queue Callback Contact", "onConnecting", json!({}),
                contact("9b8a7c6d-2222-4f3e-9a1b-0c1d2e3f4a5b", "queue_callback", "connecting", "+15555550177", "callback", "9b8a7c6d-2222-4f3e-9a1b-0c1d2e3f4a5b"), "Available")]),
        },
        Scenario {
            name: "chat-with-messages",
            flows: SCENARIO,
            rules: None,
            properties: json!({}),
            description: "A chat: the project's chat flow pops the record named in the sfdcContactId attribute, then customer and agent messages; only customer messages go to the transcript.",
            answers: json!({"salesforceUi.screenPop": {"ok": null}, "salesforceData.runApex": {"ok": {"runApex": true}}}),
            events: {
                let chat = || with_attr(contact("5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d", "chat", "connecting", "", "api", "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d"),
                    "sfdcContactId", "003Hs00001AbCdEIAZ");
                let msg = |role: &str, text: &str| json!({"contactId": "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d", "initialContactId": "5c6d7e8f-3333-4a1b-8c2d-3e4f5a6b7c8d",
                    "displayName": if role == "CUSTOMER" {"Pat"} else {"Jane Agent"}, "participantRole": role,
                    "participantId": if role == "CUSTOMER" {"p-cust-01"} else {"p-agent-01"}, "content": text});
                one(vec![
                    (0.0, "Chat Contact", "onConnecting", json!({}), chat(), "Available"),
                    (9_000.0, "Chat Contact", "onMessageReceived", msg("CUSTOMER", "Hi, my order #4411 has not arrived"), chat(), "Available"),
                    (21_000.0, "Chat Contact", "onMessageReceived", msg("AGENT", "Let me check that for you"), chat(), "Available"),
                    (30_000.0, "Chat Contact", "onMessageReceived", msg("CUSTOMER", "Thanks!"), chat(), "Available"),
                ])
            },
        },
        Scenario {
            name: "presence-sync-both-ways",
            flows: PROJECT,
            rules: Some("../presence/adapter-example.json"),
            properties: json!({}),
            description: "Presence rules (tests/presence/adapter-example.json) both ways: Connect Available sets Omni Available and its echo is ignored; Lunch has no rule; Omni Available sets Connect Available and its echo is ignored.",
            answers: json!({"omni.setServicePresenceStatus": {"ok": null}, "agent.setState": {"ok": null}}),
            events: {
                let omni = |name: &str, id: &str| json!({"statusId": id, "statusName": name, "statusApiName": name,
                    "channels": "[{\"channelId\":\"0N9Hs0000004C9aKAE\",\"developerName\":\"sfdc_phone\"}]"});
                one(vec![
                    (0.0, "Amazon Connect Agent", "onStateChange", json!({"oldState": "Offline", "newState": "Available"}), nul.clone(), "Available"),
                    (400.0, "Salesforce Agent", "onStateChange", omni("Available", "0N5Hs0000004CWcKAM"), nul.clone(), "Available"),
                    (1_800_000.0, "Amazon Connect Agent", "onStateChange", json!({"oldState": "Available", "newState": "Lunch"}), nul.clone(), "Lunch"),
                    (3_600_000.0, "Salesforce Agent", "onStateChange", omni("Available", "0N5Hs0000004CWcKAM"), nul.clone(), "Lunch"),
                    (350.0, "Amazon Connect Agent", "onStateChange", json!({"oldState": "Lunch", "newState": "Available"}), nul.clone(), "Available"),
                ])
            },
        },
        Scenario {
            name: "salesforce-failures",
            flows: SCENARIO,
            rules: None,
            properties: json!({}),
            description: "Salesforce fails throughout: the pop fails (Open CTI not ready), the contact search and the task save fail (the flow logs a warning), the call log Apex call fails; every flow still ends.",
            answers: json!({"salesforceUi.searchAndScreenPop": {"error": {"code": "GENERIC_ERROR", "message": "Open CTI is not ready", "details": [{"description": "sforce.opencti not initialised"}]}},
                "salesforceData.search": {"error": {"code": "INVALID_SEARCH", "message": "search is unavailable", "details": {"sessionId": "00Dxx!secret-session"}}},
                "salesforceData.saveLog": {"error": {"code": "FIELD_INTEGRITY_EXCEPTION", "message": "Subject: data value too large"}},
                "salesforceData.runApex": {"error": {"code": "APEX_ERROR", "message": "System.QueryException: List has no rows for assignment to SObject"}}}),
            events: one(vec![
                (0.0, "Voice Contact", "onConnecting", json!({}), voice(c1, "connecting"), "Available"),
                (4_000.0, "Voice Contact", "onConnected", json!({}), voice(c1, "connected"), "Available"),
                (90_000.0, "Voice Contact", "onEnded", json!({}), voice(c1, "ended"), "AfterCallWork"),
            ]),
        },
        Scenario {
            name: "burst-overlapping-contacts",
            flows: PROJECT,
            rules: None,
            properties: json!({}),
            description: "Three calls and a chat arrive within a second (a queue flushes), then the three calls connect together: their flows run at once, their Salesforce calls interleave, and every contact gets its own pop and task.",
            answers: json!({
                "salesforceUi.searchAndScreenPop": {"sequence": [search_pop_ok(),
                    {"ok": {"003Hs00001ZzYyXIAZ": {"Id": "003Hs00001ZzYyXIAZ", "Name": "Sam Doe", "RecordType": "Contact"}}},
                    {"ok": {}}]},
                "salesforceUi.screenPop": {"ok": null},
                "salesforceData.search": {"sequence": [contact_found(),
                    {"ok": {"searchRecords": [{"attributes": {"type": "Contact"}, "Id": "003Hs00001ZzYyXIAZ", "Phone": "(555) 555-0145"}]}},
                    {"ok": {"searchRecords": []}}]},
                "salesforceData.saveLog": {"sequence": [task_saved("00THs000003Xb01MAK"), task_saved("00THs000003Xb02MAK"), task_saved("00THs000003Xb03MAK")]}}),
            events: vec![
                vec![
                    (0.0, "Voice Contact", "onConnecting", json!({}), b(1, "+15555550123", "voice", "connecting"), "Available"),
                    (180.0, "Voice Contact", "onConnecting", json!({}), b(2, "+15555550145", "voice", "connecting"), "Available"),
                    (220.0, "Voice Contact", "onConnecting", json!({}), b(3, "+442079460958", "voice", "connecting"), "Available"),
                    (310.0, "Chat Contact", "onConnecting", json!({}), with_attr(b(4, "", "chat", "connecting"), "sfdcContactId", "003Hs00001AbCdEIAZ"), "Available"),
                ],
                vec![
                    (5_000.0, "Voice Contact", "onConnected", json!({}), b(1, "+15555550123", "voice", "connected"), "Available"),
                    (40.0, "Voice Contact", "onConnected", json!({}), b(2, "+15555550145", "voice", "connected"), "Available"),
                    (60.0, "Voice Contact", "onConnected", json!({}), b(3, "+442079460958", "voice", "connected"), "Available"),
                ],
            ],
        },
        Scenario {
            name: "click-to-dial",
            flows: PROJECT,
            rules: None,
            properties: json!({}),
            description: "The agent clicks phone numbers in Salesforce: a US number as shown on the record, then a UK number; each is formatted to E.164 and dialled with agent.connect.",
            answers: json!({"agent.connect": {"ok": null}}),
            events: one(vec![
                (0.0, "Salesforce UI", "onClickToDial", json!({"number": "(555) 555-0123", "objectType": "Contact",
                    "recordId": "003Hs00001AbCdEIAZ", "recordName": "Pat Customer", "accountId": "001Hs00001QwErTIAZ"}), nul.clone(), "Available"),
                (95_000.0, "Salesforce UI", "onClickToDial", json!({"number": "+44 20 7946 0958", "objectType": "Account",
                    "recordId": "001Hs00001QwErTIAZ", "recordName": "Contoso UK"}), nul.clone(), "Available"),
            ]),
        },
        Scenario {
            name: "session-across-reload",
            flows: SCENARIO,
            rules: None,
            properties: json!({"lastReloadAt": "2026-01-01T08:00:00Z"}),
            description: "The agent reloads the page while on Lunch: Browser/onBeforeUnload saves the agent and state as properties, Initialization/onInit of the reloaded page reads them back (the property store outlives the page).",
            answers: json!({}),
            events: one(vec![
                (0.0, "Browser", "onBeforeUnload", json!({}), nul.clone(), "Lunch"),
                (3_500.0, "Initialization", "onInit", json!({}), nul.clone(), "Offline"),
            ]),
        },
    ]
}

/// Wraps a host so every call yields once before it answers: concurrently
/// dispatched events then interleave their calls, as they do live.
struct Yielding<'h>(&'h dyn Host);

impl Host for Yielding<'_> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        Box::pin(async move {
            let mut yielded = false;
            std::future::poll_fn(|cx| {
                if yielded {
                    Poll::Ready(())
                } else {
                    yielded = true;
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
            })
            .await;
            self.0.call(call).await
        })
    }
    fn now_ms(&self) -> f64 {
        self.0.now_ms()
    }
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.0.sleep(ms)
    }
}

fn fail(name: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{name}: {e}");
    std::process::exit(2);
}

fn main() {
    let dir = Path::new("tests/recordings");
    for s in scenarios() {
        let mut header = Header::new(T0, json!(s.flows), EngineConfig::default());
        header.description = Some(s.description.to_string());
        if let Some(r) = s.rules {
            header.rules = json!(r);
        }
        let probe = Recording {
            header: header.clone(),
            events: Vec::new(),
        };
        let engine = engine_for(ctiflow_blocks::catalog(), &probe, dir, None)
            .unwrap_or_else(|e| fail(s.name, e));
        let presence = ctiflow_replay::load::presence_for(&probe, dir, None)
            .unwrap_or_else(|e| fail(s.name, e));
        let script = Script {
            start_ms: Some(T0),
            latency_ms: 180.0,
            answers: serde_json::from_value(s.answers).unwrap_or_default(),
            properties: serde_json::from_value(s.properties).unwrap_or_default(),
        };
        let host = RecordingHost::new(ScriptedHost::new(script), header);
        for group in s.events {
            // Begin every event of the group (each at its own time), then
            // run their flows at once.
            let mut runs = Vec::new();
            for (delta, source, event, payload, contact, state) in group {
                host.inner().advance(delta);
                let key = EventKey::new(source, event).unwrap_or_else(|e| fail(s.name, e));
                let e = Event {
                    payload,
                    contact,
                    agent: agent(state),
                };
                let scope = host.begin_event(source, event, &e);
                runs.push((key, e, scope));
            }
            let hosts: Vec<Yielding<'_>> =
                runs.iter().map(|(_, _, scope)| Yielding(scope)).collect();
            let mut futs: Vec<_> = runs
                .iter()
                .zip(&hosts)
                .map(|((key, e, _), h)| {
                    Some(Box::pin(ctiflow_presence::wire::dispatch(
                        &engine,
                        presence.as_ref(),
                        *key,
                        e,
                        h,
                        None,
                    )))
                })
                .collect();
            block_on(std::future::poll_fn(|cx| {
                for f in futs.iter_mut() {
                    if let Some(fut) = f {
                        if fut.as_mut().poll(cx).is_ready() {
                            *f = None;
                        }
                    }
                }
                if futs.iter().all(Option::is_none) {
                    Poll::Ready(())
                } else {
                    Poll::Pending
                }
            }));
        }
        let path = dir.join(format!("{}.jsonl", s.name));
        if let Err(e) = std::fs::write(&path, host.recorder().to_jsonl()) {
            fail(&path.display().to_string(), e);
        }
        println!(
            "wrote {} ({} events)",
            path.display(),
            host.recorder().event_count()
        );
    }
}
