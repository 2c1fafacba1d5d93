//! Record mode: while a recording is on, every `dispatch` runs through a
//! [`ctiflow_replay::Recorder`] (the event, then every bridge call and its
//! answer, secrets scrubbed by the recorder), and the live trace of each
//! event is kept in the replay's trace format
//! ([`ctiflow_replay::replay::event_trace`]), so the page's session and its
//! headless `ctiflow replay` compare line for line.
//!
//! ```js
//! engine.startRecording("inbound call, then click-to-dial");
//! // ... events are dispatched as usual ...
//! const jsonl = engine.stopRecording();   // the recording file
//! const trace = engine.recordingTrace();  // the live trace, replay format
//! ```
//!
//! The header carries the loaded flow set **inline** (a download has no
//! relative paths): each `file` entry keeps its name (so flows are labelled
//! as before) and gets the file's flow under `flow`.

use crate::convert::Failure;
use crate::js_host::JsHost;
use crate::Engine;
use ctiflow_engine::engine::FlowSetFile;
use ctiflow_engine::host::LocalBoxFuture;
use ctiflow_engine::{
    EngineConfig, Event, EventKey, Host, HostCall, HostError, HostResult, RunReport,
};
use ctiflow_replay::replay::{event_trace, EventTrace};
use ctiflow_replay::{Header, Recorder};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// One recording session: the recorder and the live trace per event.
#[derive(Debug)]
pub struct Session {
    recorder: Recorder,
    traces: RefCell<Vec<EventTrace>>,
    active: Cell<bool>,
}

impl Session {
    /// A session whose header names this flow set (inline) and config.
    pub fn new(
        start_ms: f64,
        flows: Value,
        config: EngineConfig,
        description: Option<String>,
    ) -> Self {
        let mut header = Header::new(start_ms, flows, config);
        header.description = description.filter(|d| !d.is_empty());
        Session {
            recorder: Recorder::new(header),
            traces: RefCell::new(Vec::new()),
            active: Cell::new(true),
        }
    }

    /// Whether events are still being recorded.
    pub fn is_active(&self) -> bool {
        self.active.get()
    }

    /// Stops recording (calls of events already begun are still filed) and
    /// returns the recording as JSON Lines.
    pub fn stop(&self) -> String {
        self.active.set(false);
        self.recorder.to_jsonl()
    }

    /// The recording so far as JSON Lines.
    pub fn to_jsonl(&self) -> String {
        self.recorder.to_jsonl()
    }

    /// The live trace (events in index order; events still running are
    /// missing) as JSON Lines, the `ctiflow replay` expected-trace format.
    pub fn trace_jsonl(&self) -> String {
        let Ok(traces) = self.traces.try_borrow() else {
            return String::new();
        };
        let mut sorted: Vec<&EventTrace> = traces.iter().collect();
        sorted.sort_by_key(|t| t.index);
        sorted.iter().map(|t| t.jsonl()).collect()
    }

    /// Records an event (and the one flow it names, if any) and returns the
    /// host its dispatch runs against.
    pub fn begin(
        self: &Rc<Self>,
        host: JsHost,
        key: EventKey,
        flow: Option<&str>,
        event: &Event,
    ) -> RecordScope {
        let at_ms = host.now_ms();
        let index = self
            .recorder
            .event(at_ms, key.source.display(), key.event, flow, event);
        RecordScope {
            host,
            session: self.clone(),
            index,
            key,
            at_ms,
        }
    }
}

/// The host for one recorded event: passes every call to the JS host and
/// files the answer under the event.
pub struct RecordScope {
    host: JsHost,
    session: Rc<Session>,
    index: usize,
    key: EventKey,
    at_ms: f64,
}

impl RecordScope {
    /// Keeps the event's live trace (after its dispatch finished).
    pub fn finish(&self, reports: &[RunReport]) {
        let t = event_trace(self.index, self.key, self.at_ms, reports.to_vec());
        if let Ok(mut traces) = self.session.traces.try_borrow_mut() {
            traces.push(t);
        }
    }

    async fn call_recorded(&self, call: &HostCall) -> HostResult {
        let answer = self.host.call(call).await;
        self.session
            .recorder
            .call(self.index, self.host.now_ms(), call, &answer);
        answer
    }
}

impl Host for RecordScope {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        Box::pin(self.call_recorded(call))
    }

    fn now_ms(&self) -> f64 {
        self.host.now_ms()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.host.sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        self.host.real_ms()
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        self.host.yield_now()
    }
}

/// The host a dispatch runs against: the JS host, recorded or not.
pub enum DispatchHost {
    /// Not recording.
    Plain(JsHost),
    /// Recording this event.
    Recorded(RecordScope),
}

impl DispatchHost {
    /// Records the event when `session` is an active recording.
    pub fn new(
        session: Option<Rc<Session>>,
        host: JsHost,
        key: EventKey,
        flow: Option<&str>,
        event: &Event,
    ) -> Self {
        match session {
            Some(s) if s.is_active() => DispatchHost::Recorded(s.begin(host, key, flow, event)),
            _ => DispatchHost::Plain(host),
        }
    }

    /// After the dispatch: keeps the live trace of a recorded event.
    pub fn finish(&self, reports: &[RunReport]) {
        if let DispatchHost::Recorded(r) = self {
            r.finish(reports);
        }
    }
}

impl Host for DispatchHost {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        match self {
            DispatchHost::Plain(h) => h.call(call),
            DispatchHost::Recorded(r) => r.call(call),
        }
    }

    fn now_ms(&self) -> f64 {
        match self {
            DispatchHost::Plain(h) => h.now_ms(),
            DispatchHost::Recorded(r) => r.now_ms(),
        }
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        match self {
            DispatchHost::Plain(h) => h.sleep(ms),
            DispatchHost::Recorded(r) => r.sleep(ms),
        }
    }

    fn real_ms(&self) -> Option<f64> {
        match self {
            DispatchHost::Plain(h) => h.real_ms(),
            DispatchHost::Recorded(r) => r.real_ms(),
        }
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        match self {
            DispatchHost::Plain(h) => h.yield_now(),
            DispatchHost::Recorded(r) => r.yield_now(),
        }
    }
}

/// The engine's record-mode state: the loaded flow set (as given; inlined
/// only when a recording starts, so loading pays nothing for it) and the
/// current or last session.
#[derive(Debug, Default)]
pub struct State {
    flows: RefCell<Option<(String, HashMap<String, Value>)>>,
    session: RefCell<Option<Rc<Session>>>,
}

impl State {
    /// Remembers the flow set just loaded, for the next header.
    pub fn loaded(&self, text: String, files: HashMap<String, Value>) {
        if let Ok(mut f) = self.flows.try_borrow_mut() {
            *f = Some((text, files));
        }
    }

    /// The loaded flow set, inline (`{"flows": []}` before any load).
    fn inline_flows(&self) -> Value {
        match self.flows.try_borrow().as_deref() {
            Ok(Some((text, files))) => inline_flow_set(text, files),
            _ => json!({"flows": []}),
        }
    }

    /// The session, if one is recording.
    pub fn session(&self) -> Option<Rc<Session>> {
        let s = self.session.try_borrow().ok()?.clone()?;
        s.is_active().then_some(s)
    }
}

#[wasm_bindgen]
impl Engine {
    /// Starts recording (replacing any earlier recording): every later
    /// `dispatch` is recorded with its bridge calls and answers. The header
    /// carries the loaded flow set inline and the engine configuration.
    #[wasm_bindgen(js_name = startRecording)]
    pub fn start_recording(&self, description: Option<String>) -> Result<(), JsValue> {
        let flows = self.recording.inline_flows();
        let config = self.current().config().clone();
        let session = Session::new(js_sys::Date::now(), flows, config, description);
        match self.recording.session.try_borrow_mut() {
            Ok(mut s) => *s = Some(Rc::new(session)),
            Err(_) => return Err(Failure::msg("startRecording: the recorder is busy").into()),
        }
        Ok(())
    }

    /// Stops recording and returns the recording (JSON Lines, the
    /// `ctiflow replay` format). Calls of events still running are filed
    /// under their events but are not in the returned text. Without a
    /// recording, an error.
    #[wasm_bindgen(js_name = stopRecording)]
    pub fn stop_recording(&self) -> Result<String, JsValue> {
        let s = self
            .recording
            .session
            .try_borrow()
            .ok()
            .and_then(|s| s.clone());
        match s {
            Some(s) => Ok(s.stop()),
            None => Err(Failure::msg("stopRecording: no recording was started").into()),
        }
    }

    /// Whether a recording is on.
    #[wasm_bindgen(getter)]
    pub fn recording(&self) -> bool {
        self.recording.session().is_some()
    }

    /// The live trace of the current or last recording (JSON Lines, the
    /// `ctiflow replay` expected-trace format: per event a `dispatch` line,
    /// then every trace entry), empty without one. Not scrubbed: it is what
    /// `onTrace` saw.
    #[wasm_bindgen(js_name = recordingTrace)]
    pub fn recording_trace(&self) -> String {
        self.recording
            .session
            .try_borrow()
            .ok()
            .and_then(|s| s.as_ref().map(|s| s.trace_jsonl()))
            .unwrap_or_default()
    }
}

/// The flow set as loaded, with every `file` entry's flow inlined under
/// `flow` (the `file` name stays, so flows keep their labels). A set that
/// is not a flow set is kept as given (the header then replays to the same
/// load errors); a file that was not given stays a `file` reference.
pub fn inline_flow_set(text: &str, files: &HashMap<String, Value>) -> Value {
    let Ok(mut set) = serde_json::from_str::<FlowSetFile>(text) else {
        return serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()));
    };
    for entry in &mut set.flows {
        if entry.flow.is_some() {
            continue;
        }
        let Some(file) = &entry.file else { continue };
        entry.flow = match files.get(file) {
            Some(Value::String(s)) => serde_json::from_str(s).ok(),
            Some(v @ Value::Object(_)) => Some(v.clone()),
            _ => None,
        };
    }
    serde_json::to_value(&set).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_entries_are_inlined_and_keep_their_names() {
        let text = r#"{"flows":[
            {"file":"a.json","source":"Voice Contact","event":"onConnecting"},
            {"file":"missing.json","source":"Voice Contact","event":"onConnected"},
            {"flow":{"actions":[]},"source":"Salesforce UI","event":"onClickToDial","active":false}]}"#;
        let files: HashMap<String, Value> =
            [("a.json".to_string(), json!(r#"{"name":"A","actions":[]}"#))].into();
        let v = inline_flow_set(text, &files);
        assert_eq!(v["flows"][0]["file"], "a.json");
        assert_eq!(v["flows"][0]["flow"]["name"], "A");
        assert_eq!(v["flows"][1]["file"], "missing.json");
        assert!(v["flows"][1].get("flow").is_none());
        assert_eq!(v["flows"][2]["active"], false);
        assert_eq!(v["flows"][2]["flow"], json!({"actions": []}));
    }

    #[test]
    fn a_set_that_is_not_a_flow_set_is_kept_as_given() {
        assert_eq!(inline_flow_set("[1]", &HashMap::new()), json!([1]));
        assert_eq!(inline_flow_set("{nope", &HashMap::new()), json!("{nope"));
    }
}
