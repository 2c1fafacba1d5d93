//! Recording: [`Recorder`] writes the header and the events,
//! [`RecordingHost`] passes bridge calls through to the real host and writes
//! each answer. Secrets are scrubbed before anything is stored.

use crate::format::{CallEntry, EventEntry, Header, Line, RecordedAnswer, Recording};
use crate::scrub::scrubbed;
use ctiflow_engine::host::{Host, HostCall, HostError, HostResult, LocalBoxFuture};
use ctiflow_engine::Event;
use std::cell::{Cell, RefCell};

/// Collects a recording in memory: the header, then events and calls in the
/// order they happen. Interior mutability, so one recorder can be shared by
/// every event of a session (the engine runs on one thread).
#[derive(Debug)]
pub struct Recorder {
    lines: RefCell<Vec<Line>>,
    events: Cell<usize>,
}

impl Recorder {
    /// A recorder that starts with this header.
    pub fn new(header: Header) -> Self {
        Recorder {
            lines: RefCell::new(vec![Line::Header(header)]),
            events: Cell::new(0),
        }
    }

    /// Records an inbound event (payload and snapshots scrubbed) and returns
    /// its index. `flow`: the one flow it names (a CTI Action), if any.
    pub fn event(
        &self,
        at_ms: f64,
        source: &str,
        event: &str,
        flow: Option<&str>,
        e: &Event,
    ) -> usize {
        let index = self.events.get();
        self.events.set(index + 1);
        if flow.is_some() {
            // `flow` is version 2: an older reader must refuse the
            // recording, not replay every flow of the event.
            if let Ok(mut lines) = self.lines.try_borrow_mut() {
                if let Some(Line::Header(h)) = lines.first_mut() {
                    h.version = h.version.max(2);
                }
            }
        }
        self.push(Line::Event(EventEntry {
            index,
            at_ms,
            source: source.to_string(),
            event: event.to_string(),
            payload: scrubbed(&e.payload),
            contact: scrubbed(&e.contact),
            agent: scrubbed(&e.agent),
            flow: flow.map(str::to_string),
        }));
        index
    }

    /// Records one bridge call of event `event` and its answer (args and
    /// answer scrubbed).
    pub fn call(&self, event: usize, at_ms: f64, call: &HostCall, answer: &HostResult) {
        let answer = match RecordedAnswer::from_result(answer) {
            RecordedAnswer::Ok(v) => RecordedAnswer::Ok(scrubbed(&v)),
            RecordedAnswer::Error(mut e) => {
                e.details = scrubbed(&e.details);
                RecordedAnswer::Error(e)
            }
        };
        self.push(Line::Call(CallEntry {
            event,
            at_ms,
            bridge: call.bridge,
            method: call.method.clone(),
            args: scrubbed(&call.args),
            answer,
        }));
    }

    fn push(&self, line: Line) {
        if let Ok(mut l) = self.lines.try_borrow_mut() {
            l.push(line);
        }
    }

    /// How many events were recorded.
    pub fn event_count(&self) -> usize {
        self.events.get()
    }

    /// The recording so far as JSON Lines text (what the page downloads).
    pub fn to_jsonl(&self) -> String {
        self.lines
            .try_borrow()
            .map(|l| crate::format::lines_to_jsonl(&l))
            .unwrap_or_default()
    }

    /// The recording so far, parsed.
    pub fn recording(&self) -> Option<Recording> {
        Recording::parse("recorder", &self.to_jsonl()).ok()
    }
}

/// A host that passes every call to an inner host and records the answer.
///
/// Calls made through the `RecordingHost` itself are attributed to the
/// latest event begun; when events overlap (a second contact arrives while
/// the first one's flow awaits Salesforce), dispatch each event through its
/// own [`EventScope`] from [`RecordingHost::begin_event`], so every call is
/// filed under the event whose flow made it.
///
/// ```
/// use ctiflow_engine::{scripted::ScriptedHost, exec::block_on, Engine, EngineConfig, Event, EventKey};
/// use ctiflow_replay::{Header, RecordingHost};
/// let engine = Engine::new(ctiflow_blocks::catalog());
/// let host = RecordingHost::new(ScriptedHost::default(),
///     Header::new(0.0, serde_json::json!("flows/flow-set.json"), EngineConfig::default()));
/// let key = EventKey::parse("Voice Contact/onConnecting").unwrap();
/// let event = Event::default();
/// let scope = host.begin_event(key.source.display(), key.event, &event);
/// block_on(engine.dispatch(key, &event, &scope, None));
/// assert!(host.recorder().to_jsonl().lines().count() == 2); // header + event
/// ```
#[derive(Debug)]
pub struct RecordingHost<H: Host> {
    inner: H,
    recorder: Recorder,
    current: Cell<Option<usize>>,
}

impl<H: Host> RecordingHost<H> {
    /// Wraps a host; the recording starts with `header`.
    pub fn new(inner: H, header: Header) -> Self {
        RecordingHost {
            inner,
            recorder: Recorder::new(header),
            current: Cell::new(None),
        }
    }

    /// Records an inbound event at the inner host's current time and returns
    /// the host to dispatch it with.
    pub fn begin_event(&self, source: &str, event: &str, e: &Event) -> EventScope<'_, H> {
        let index = self
            .recorder
            .event(self.inner.now_ms(), source, event, None, e);
        self.current.set(Some(index));
        EventScope { host: self, index }
    }

    /// The inner host.
    pub fn inner(&self) -> &H {
        &self.inner
    }

    /// The recorder.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Unwraps into the inner host and the recorder.
    pub fn into_parts(self) -> (H, Recorder) {
        (self.inner, self.recorder)
    }

    async fn call_for(&self, event: Option<usize>, call: &HostCall) -> HostResult {
        let answer = self.inner.call(call).await;
        if let Some(ev) = event {
            self.recorder.call(ev, self.inner.now_ms(), call, &answer);
        }
        answer
    }
}

impl<H: Host> Host for RecordingHost<H> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        let ev = self.current.get();
        Box::pin(self.call_for(ev, call))
    }

    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.inner.sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        self.inner.real_ms()
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        self.inner.yield_now()
    }
}

/// The host for one event's dispatch: files every call under that event.
#[derive(Debug)]
pub struct EventScope<'h, H: Host> {
    host: &'h RecordingHost<H>,
    index: usize,
}

impl<H: Host> EventScope<'_, H> {
    /// The event's index in the recording.
    pub fn index(&self) -> usize {
        self.index
    }
}

impl<H: Host> Host for EventScope<'_, H> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        Box::pin(self.host.call_for(Some(self.index), call))
    }

    fn now_ms(&self) -> f64 {
        self.host.inner.now_ms()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.host.inner.sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        self.host.inner.real_ms()
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        self.host.inner.yield_now()
    }
}
