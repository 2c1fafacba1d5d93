//! Helpers for block tests: run one block (wrapped as Start → block → End)
//! or a whole flow against a [`ScriptedHost`], and read back what happened.

pub use ctiflow_engine::block::Outcome;
pub use ctiflow_engine::exec::block_on;
pub use ctiflow_engine::scripted::{Script, ScriptedHost};
pub use ctiflow_engine::trace::{Answer, EndReason, TraceEntry};
pub use ctiflow_engine::{Bridge, Engine, Event, EventKey, HostCall, RunReport};
pub use serde_json::{json, Value};

/// What one block did.
#[derive(Debug)]
pub struct One {
    /// The outcome (port) it took; `None` when it failed with a run error.
    pub outcome: Option<Outcome>,
    /// Its results.
    pub results: Value,
    /// Its exception.
    pub exception: Option<Value>,
    /// Every bridge call it made, in order.
    pub calls: Vec<HostCall>,
    /// The whole run.
    pub report: RunReport,
}

impl One {
    /// The first call, or a panic naming what was made (tests only).
    pub fn call(&self, key: &str) -> &HostCall {
        self.calls
            .iter()
            .find(|c| c.key() == key)
            .unwrap_or_else(|| {
                panic!(
                    "no call {key}; calls: {:?}",
                    self.calls.iter().map(HostCall::key).collect::<Vec<_>>()
                )
            })
    }
}

/// A scripted host with no answers (every call succeeds with `null`).
pub fn host() -> ScriptedHost {
    ScriptedHost::default()
}

/// A scripted host from `{ "answers": {...} }`-style JSON.
pub fn host_with(script: Value) -> ScriptedHost {
    ScriptedHost::new(serde_json::from_value(script).expect("test script"))
}

/// An engine over the full catalog.
pub fn engine() -> Engine {
    Engine::new(crate::catalog())
}

/// An inbound voice contact snapshot, as the adapter page builds it.
pub fn voice_contact() -> Value {
    json!({
        "contactId": "c-voice-1",
        "initialContactId": "c-voice-1",
        "type": "voice",
        "initiationMethod": "inbound",
        "isInbound": true,
        "isSoftphoneCall": true,
        "queue": {"name": "BasicQueue", "queueARN": "arn:aws:connect:us-east-1:111122223333:instance/i/queue/q1", "queueId": "q1"},
        "attributes": {"caseNumber": {"name": "caseNumber", "value": "00001026"}},
        "rawPhoneNumber": "+15555550123",
        "customerPhoneNumber": "+15555550123"
    })
}

/// An agent snapshot.
pub fn agent() -> Value {
    json!({
        "name": "Jane Agent",
        "username": "jane",
        "extension": "+15555550100",
        "softphoneEnabled": true,
        "dialableCountries": ["us", "ca"],
        "permissions": ["outboundCall"],
        "state": {"name": "Available", "type": "routable"},
        "agentStates": [
            {"agentStateARN": "arn:s/available", "type": "routable", "name": "Available"},
            {"agentStateARN": "arn:s/offline", "type": "offline", "name": "Offline"},
            {"agentStateARN": "arn:s/lunch", "type": "not_routable", "name": "Lunch"}
        ]
    })
}

/// An event with a voice contact, the agent and a payload.
pub fn voice_event(payload: Value) -> Event {
    Event {
        payload,
        contact: voice_contact(),
        agent: agent(),
    }
}

/// Runs a whole flow (JSON) on Voice Contact/onConnecting.
pub fn run_flow(flow: &Value, event: Event, host: &ScriptedHost) -> RunReport {
    let e = engine();
    let v = e.validate_text("test.json", &flow.to_string());
    let errors: Vec<String> = v
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "flow does not validate: {errors:#?}");
    let p = v.program.expect("program");
    let key = EventKey::parse("Voice Contact/onConnecting").expect("key");
    block_on(e.run_program(&p, key, &event, host, None))
}

/// Runs one block with these controls (Start → block → End on every port)
/// against the default voice event.
pub fn run_block(type_id: &str, controls: Value, host: &ScriptedHost) -> One {
    run_block_with(type_id, controls, voice_event(json!({})), host)
}

/// Runs one block with these controls against an event.
pub fn run_block_with(type_id: &str, controls: Value, event: Event, host: &ScriptedHost) -> One {
    let e = engine();
    let spec = e.catalog().get(type_id).map(|b| b.spec());
    let mut ports = serde_json::Map::new();
    for o in spec.map(|s| s.ports).unwrap_or(&[]) {
        ports.insert(o.as_str().into(), json!("end"));
    }
    let flow = if spec.is_some_and(|s| s.ports.is_empty()) {
        json!({"actions":[{"id":"start","type":"SE_Start","ports":{"done":"b"}},{"id":"b","type":type_id,"controls":controls}]})
    } else {
        json!({"actions":[
            {"id":"start","type":"SE_Start","ports":{"done":"b"}},
            {"id":"b","type":type_id,"controls":controls,"ports":ports},
            {"id":"end","type":"SE_End"}
        ]})
    };
    host.clear_calls();
    let report = run_flow(&flow, event, host);
    let step = report.trace.iter().find_map(|t| match t {
        TraceEntry::Step {
            action,
            outcome,
            results,
            exception,
            ..
        } if &**action == "b" => Some((*outcome, results.clone(), exception.clone())),
        _ => None,
    });
    let (outcome, results, exception) = step.unwrap_or((None, Value::Null, None));
    One {
        outcome,
        results,
        exception,
        calls: host.calls(),
        report,
    }
}
