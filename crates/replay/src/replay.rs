//! Replaying: [`ReplayHost`] answers every bridge call from the recording on
//! a virtual clock, and [`replay`] dispatches each recorded event through an
//! engine and collects the trace.

use crate::format::{CallEntry, RecordedAnswer, Recording};
use crate::scrub::scrubbed;
#[cfg(not(target_arch = "wasm32"))]
use ctiflow_engine::exec::{block_on, RealTimeCap};
use ctiflow_engine::host::{Bridge, Host, HostCall, HostError, HostResult, LocalBoxFuture};
#[cfg(not(target_arch = "wasm32"))]
use ctiflow_engine::{EndReason, Engine, EventRef};
use ctiflow_engine::{EventKey, RunReport};
#[cfg(not(target_arch = "wasm32"))]
use ctiflow_presence::wire::{self, PresenceSync};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::cell::{Cell, RefCell};
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;

/// The error code of a call the recording cannot answer.
pub const REPLAY_MISMATCH: &str = "REPLAY_MISMATCH";

/// A call the replayed flows made that the recording did not have (or had
/// with other arguments), or a recorded call they no longer made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    /// The event index.
    pub event: usize,
    /// `bridge.method`.
    pub call: String,
    /// What happened.
    pub message: String,
    /// The arguments the flow passed (`null` for a call not made).
    pub actual_args: Value,
    /// The recorded arguments (`null` when the recording had no such call).
    pub recorded_args: Value,
}

/// A host answering from a recording. Time is virtual: at the start of each
/// event the clock is set to the event's recorded time; each answer moves it
/// to the time the answer arrived in the recording; [`Host::sleep`] adds its
/// duration at once. An hour-long session replays in milliseconds, and the
/// run window sees the same elapsed time as the recorded run did.
#[derive(Debug)]
pub struct ReplayHost<'r> {
    rec: &'r Recording,
    clock: Cell<f64>,
    event: Cell<usize>,
    used: RefCell<Vec<bool>>,
    mismatches: RefCell<Vec<Mismatch>>,
    /// The property store, across events (a page reload keeps it).
    props: RefCell<Map<String, Value>>,
    /// `clearProperties` was called: nothing older is seeded any more.
    cleared: Cell<bool>,
}

impl<'r> ReplayHost<'r> {
    /// A host over a recording, clock at the recording's start.
    pub fn new(rec: &'r Recording) -> Self {
        ReplayHost {
            rec,
            clock: Cell::new(rec.header.start_ms),
            event: Cell::new(0),
            used: RefCell::new(Vec::new()),
            mismatches: RefCell::new(Vec::new()),
            props: RefCell::new(Map::new()),
            cleared: Cell::new(false),
        }
    }

    /// Starts answering for event `index`: sets the clock to its time.
    pub fn begin_event(&self, index: usize) {
        self.event.set(index);
        let n = self.calls().len();
        if let Ok(mut u) = self.used.try_borrow_mut() {
            u.clear();
            u.resize(n, false);
        }
        if let Some(e) = self.rec.events.get(index) {
            self.clock.set(e.entry.at_ms);
        }
    }

    /// Ends event `index`: every recorded call the flows did not make is
    /// noted as a mismatch.
    pub fn end_event(&self) {
        let unused: Vec<&CallEntry> = match self.used.try_borrow() {
            Ok(used) => self
                .calls()
                .iter()
                .zip(used.iter())
                .filter(|(_, u)| !**u)
                .map(|(c, _)| c)
                .collect(),
            Err(_) => Vec::new(),
        };
        for c in unused {
            self.note(Mismatch {
                event: self.event.get(),
                call: format!("{}.{}", c.bridge, c.method),
                message: "recorded call was not made on replay".into(),
                actual_args: Value::Null,
                recorded_args: c.args.clone(),
            });
        }
    }

    /// Every mismatch so far.
    pub fn mismatches(&self) -> Vec<Mismatch> {
        self.mismatches
            .try_borrow()
            .map(|m| m.clone())
            .unwrap_or_default()
    }

    fn calls(&self) -> &'r [CallEntry] {
        self.rec
            .events
            .get(self.event.get())
            .map(|e| e.calls.as_slice())
            .unwrap_or(&[])
    }

    fn note(&self, m: Mismatch) {
        if let Ok(mut v) = self.mismatches.try_borrow_mut() {
            v.push(m);
        }
    }

    fn answer(&self, call: &HostCall) -> HostResult {
        let calls = self.calls();
        let found = {
            let Ok(mut used) = self.used.try_borrow_mut() else {
                return Err(HostError::new(REPLAY_MISMATCH, "replay host busy"));
            };
            let i = calls.iter().enumerate().position(|(i, c)| {
                !used.get(i).copied().unwrap_or(true)
                    && c.bridge == call.bridge
                    && c.method == call.method
            });
            if let Some(i) = i {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
            i.and_then(|i| calls.get(i))
        };
        let Some(rec) = found else {
            let key = call.key();
            let message = format!(
                "the recording has no further `{key}` call for event {}",
                self.event.get()
            );
            self.note(Mismatch {
                event: self.event.get(),
                call: key,
                message: message.clone(),
                actual_args: call.args.clone(),
                recorded_args: Value::Null,
            });
            // The property store is local: answer from the model even so.
            if let Some(r) = self.property(call, &RecordedAnswer::Ok(Value::Null)) {
                return r;
            }
            return Err(HostError::new(REPLAY_MISMATCH, message));
        };
        if rec.at_ms > self.clock.get() {
            self.clock.set(rec.at_ms);
        }
        if !crate::scrub::eq_scrubbed(&call.args, &rec.args) {
            let key = call.key();
            let actual = scrubbed(&call.args);
            let message = format!(
                "`{key}` called with other arguments than recorded (recorded {})",
                rec.args
            );
            self.note(Mismatch {
                event: self.event.get(),
                call: key,
                message: message.clone(),
                actual_args: actual,
                recorded_args: rec.args.clone(),
            });
            if let Some(r) = self.property(call, &rec.answer) {
                return r;
            }
            let mut e = HostError::new(REPLAY_MISMATCH, message);
            e.details = json!({ "recordedArgs": rec.args });
            return Err(e);
        }
        self.property(call, &rec.answer)
            .unwrap_or_else(|| rec.answer.to_result())
    }

    /// The property store, modelled across events as the recording's answers
    /// show it: `setProperty`/`unsetProperty`/`clearProperties` change it,
    /// `getProperty`/`getAllProperties` answer from it. A key first read
    /// before any write is seeded from the recorded answer (it was stored
    /// before the recording began). So a changed flow that stores another
    /// value reads that value back on the next event, as it would live.
    /// `None` for other calls, and for recorded errors (answered as
    /// recorded).
    /// A call with other arguments, or one the recording does not have, is
    /// still answered from the model (and noted as a mismatch).
    fn property(&self, call: &HostCall, recorded: &RecordedAnswer) -> Option<HostResult> {
        if call.bridge != Bridge::Platform {
            return None;
        }
        let RecordedAnswer::Ok(recorded) = recorded else {
            return None;
        };
        let key = || {
            call.args
                .get("key")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let mut props = self.props.try_borrow_mut().ok()?;
        match call.method.as_str() {
            "setProperty" => {
                let value = call.args.get("value").cloned().unwrap_or(Value::Null);
                props.insert(key()?, value);
                Some(Ok(recorded.clone()))
            }
            "unsetProperty" => {
                props.remove(&key()?);
                Some(Ok(recorded.clone()))
            }
            "clearProperties" => {
                props.clear();
                self.cleared.set(true);
                Some(Ok(recorded.clone()))
            }
            "getProperty" => {
                let k = key()?;
                if !props.contains_key(&k) && !self.cleared.get() {
                    props.insert(k.clone(), recorded.clone());
                }
                Some(Ok(props.get(&k).cloned().unwrap_or(Value::Null)))
            }
            "getAllProperties" => {
                if let Value::Object(m) = recorded {
                    for (k, v) in m {
                        if !props.contains_key(k) && !self.cleared.get() {
                            props.insert(k.clone(), v.clone());
                        }
                    }
                }
                Some(Ok(Value::Object(props.clone())))
            }
            _ => None,
        }
    }
}

impl Host for ReplayHost<'_> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        Box::pin(std::future::ready(self.answer(call)))
    }

    fn now_ms(&self) -> f64 {
        self.clock.get()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        if ms.is_finite() && ms > 0.0 {
            self.clock.set(self.clock.get() + ms);
        }
        Box::pin(std::future::ready(()))
    }
}

/// The trace one event produced on replay.
#[derive(Clone, Debug, PartialEq)]
pub struct EventTrace {
    /// The event index.
    pub index: usize,
    /// `Source/event`, as recorded.
    pub label: String,
    /// The trace lines, one after another, each ending in `\n` (one buffer
    /// per event rather than a string per line).
    text: String,
    /// Where each line ends in `text` (before its `\n`).
    ends: Vec<usize>,
}

impl EventTrace {
    /// The trace lines, compact JSON: a `dispatch` line, then every
    /// [`ctiflow_engine::TraceEntry`] of every run, each with
    /// `"eventIndex": index` first.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|e| e + 1));
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.text.get(a..b).unwrap_or(""))
    }

    /// The lines as JSON Lines text, each ending in a newline.
    pub fn jsonl(&self) -> &str {
        &self.text
    }
}

/// What a replay produced.
#[derive(Clone, Debug, Default)]
pub struct ReplayOutput {
    /// One trace per event, in order.
    pub events: Vec<EventTrace>,
    /// Calls the recording could not answer, or that were not made.
    pub mismatches: Vec<Mismatch>,
}

impl ReplayOutput {
    /// Every trace line, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.events.iter().flat_map(EventTrace::lines)
    }

    /// Every trace line, parsed.
    pub fn values(&self) -> Vec<Value> {
        self.lines()
            .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
            .collect()
    }

    /// The trace as JSON Lines text (the expected-trace file format).
    pub fn to_jsonl(&self) -> String {
        self.events.iter().map(EventTrace::jsonl).collect()
    }

    /// How many events were replayed.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }
}

/// Why a recording cannot be replayed at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("event {index} ({label}): {message}")]
pub struct ReplayError {
    /// The event.
    pub index: usize,
    /// `Source/event`.
    pub label: String,
    /// What is wrong.
    pub message: String,
}

/// Appends a trace line to `buf`: `{"eventIndex": index, ...fields}`, the
/// entry serialised straight after the prefix, then a newline. Returns
/// where the line ends (before the newline).
fn line<T: Serialize>(buf: &mut Vec<u8>, index: usize, v: &T) -> usize {
    buf.extend_from_slice(b"{\"eventIndex\":");
    // serde_json writes an integer without the formatting machinery.
    let _ = serde_json::to_writer(&mut *buf, &index);
    let at = buf.len();
    if serde_json::to_writer(&mut *buf, v).is_err() || buf.get(at) != Some(&b'{') {
        buf.truncate(at);
        buf.push(b'}');
    } else if buf.get(at + 1) == Some(&b'}') {
        // `{}`: the prefix closes on its own.
        buf.truncate(at);
        buf.push(b'}');
    } else {
        // Turn the entry's opening `{` into the separator.
        buf[at] = b',';
    }
    let end = buf.len();
    buf.push(b'\n');
    end
}

/// The trace lines of one dispatched event: a `dispatch` line naming the
/// event, then every entry of every run. The browser's record mode and the
/// replay build traces with this one function, so they compare line for line.
pub fn event_trace(index: usize, key: EventKey, at_ms: f64, reports: Vec<RunReport>) -> EventTrace {
    let label = format!("{}/{}", key.source.display(), key.event);
    labelled_trace(index, key, at_ms, &reports, label)
}

/// The `dispatch` line that opens an event's trace.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DispatchLine {
    kind: &'static str,
    source: &'static str,
    on: &'static str,
    at_ms: f64,
    flows: usize,
}

fn labelled_trace(
    index: usize,
    key: EventKey,
    at_ms: f64,
    reports: &[RunReport],
    label: String,
) -> EventTrace {
    let n = 1 + reports.iter().map(|r| r.trace.len()).sum::<usize>();
    let mut ends = Vec::with_capacity(n);
    let mut buf = Vec::with_capacity(256 * n);
    ends.push(line(
        &mut buf,
        index,
        &DispatchLine {
            kind: "dispatch",
            source: key.source.display(),
            on: key.event,
            at_ms,
            flows: reports.len(),
        },
    ));
    for r in reports {
        for t in &r.trace {
            ends.push(line(&mut buf, index, t));
        }
    }
    // serde_json writes UTF-8 and the prefix is ASCII: no copy is made.
    let text = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    EventTrace {
        index,
        label,
        text,
        ends,
    }
}

/// Replays every event of a recording through `engine` (flows already
/// loaded) and collects the trace. (Not on wasm32, which has no `block_on`:
/// the browser records, CI replays.)
#[cfg(not(target_arch = "wasm32"))]
pub fn replay(engine: &Engine, rec: &Recording) -> Result<ReplayOutput, ReplayError> {
    replay_with(engine, None, rec, None)
}

/// [`replay()`] with presence sync: every event goes through
/// [`ctiflow_presence::wire::dispatch_named`], which runs the flows and then
/// the presence rules (traced as the `Presence sync` pseudo-flow); an event
/// that names its flow (`flow`, a CTI Action's) runs that flow only, with no
/// presence sync, as on the page. With
/// `max_event`, an event that takes longer in real time fails the replay
/// (see [`replay_each`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn replay_with(
    engine: &Engine,
    presence: Option<&PresenceSync>,
    rec: &Recording,
    max_event: Option<Duration>,
) -> Result<ReplayOutput, ReplayError> {
    let mut out = ReplayOutput::default();
    out.mismatches = replay_each(engine, presence, rec, max_event, |t| out.events.push(t))?;
    Ok(out)
}

/// [`replay_with`], handing each event's trace to `each` as soon as it is
/// made instead of keeping them all: `ctiflow replay` compares event by
/// event ([`crate::diff::Comparison`]), so a long recording replays in
/// bounded memory. Returns the mismatches.
///
/// With `max_event` ([`RealTimeCap`]), an event whose runs take longer than
/// that in real time (a flow computing in a loop: the recording's clock does
/// not move while blocks compute) is stopped, and the replay fails there
/// with an error naming the event, the flow, the action and its block type,
/// rather than a trace difference. Events within the cap replay exactly as
/// without it.
#[cfg(not(target_arch = "wasm32"))]
pub fn replay_each(
    engine: &Engine,
    presence: Option<&PresenceSync>,
    rec: &Recording,
    max_event: Option<Duration>,
    mut each: impl FnMut(EventTrace),
) -> Result<Vec<Mismatch>, ReplayError> {
    let replay_host = ReplayHost::new(rec);
    let capped = max_event.map(|cap| RealTimeCap::new(&replay_host, cap));
    let host: &dyn Host = match &capped {
        Some(c) => c,
        None => &replay_host,
    };
    for ev in &rec.events {
        let e = &ev.entry;
        let label = format!("{}/{}", e.source, e.event);
        let key = EventKey::new(&e.source, &e.event).map_err(|err| ReplayError {
            index: e.index,
            label: label.clone(),
            message: err.to_string(),
        })?;
        let event = EventRef {
            payload: &e.payload,
            contact: &e.contact,
            agent: &e.agent,
        };
        replay_host.begin_event(e.index);
        if let Some(c) = &capped {
            c.begin_event();
        }
        let flow = e.flow.as_deref();
        let reports = block_on(wire::dispatch_named(
            engine, presence, key, flow, event, host, None,
        ));
        replay_host.end_event();
        if capped.as_ref().is_some_and(RealTimeCap::tripped) {
            let stop = reports.iter().find_map(|r| match &r.end {
                EndReason::Stopped {
                    message,
                    action,
                    block_type,
                } => Some(format!(
                    "flow `{}`, action `{action}` ({block_type}): {message}",
                    r.flow
                )),
                _ => None,
            });
            return Err(ReplayError {
                index: e.index,
                label,
                message: stop.unwrap_or_else(|| "stopped: over the real-time cap".into()),
            });
        }
        each(labelled_trace(e.index, key, e.at_ms, &reports, label));
    }
    Ok(replay_host.mismatches())
}
