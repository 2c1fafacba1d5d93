//! # ctiflow-wasm-dispatch
//!
//! The hot path of the browser facade (`ctiflow-wasm`): what every
//! `engine.dispatch` runs through. The values that cross the boundary
//! ([`convert`]), the bridges as a [`ctiflow_engine::Host`] ([`js_host`]),
//! the event's snapshots read with a memo ([`snapshots`]), the run itself
//! ([`run_event`]) and the reports handed back ([`reports_to_js`]).
//!
//! It is its own crate for one reason: optimisation levels are set per
//! crate. The wasm is built for size (`opt-level = "z"`), and this crate,
//! where the dispatch path's generic code is instantiated (the trace's JSON
//! writer, the bridge conversions), at 2: about a third faster per
//! dispatch for a fraction of what the whole facade at 2 costs in size
//! (Cargo.toml, README "Web"). The facade's cold paths (loading, the lab's
//! graph and runs, record mode) stay small.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod convert;
pub mod js_host;
pub mod snapshots;

use convert::{js_str, to_js, Failure};
use ctiflow_engine::{Engine, Event, EventKey, Host, RunReport, TraceEntry};
use ctiflow_presence::wire::PresenceSync;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The `onTrace` callback, when one is set.
pub type TraceSink = Rc<RefCell<Option<js_sys::Function>>>;

/// Runs an event: every active flow bound to `key`, then presence sync
/// (when rules are loaded and it is a presence event), each trace entry
/// going to the `onTrace` callback as it happens. With `flow` (a CTI
/// Action's flow), only the active flows of that name run, and no presence
/// sync.
pub async fn run_event(
    core: &Engine,
    presence: Option<&PresenceSync>,
    key: EventKey,
    flow: Option<&str>,
    event: &Event,
    host: &dyn Host,
    sink: &TraceSink,
) -> Vec<RunReport> {
    let warned = Cell::new(false);
    let observer = |e: &TraceEntry| emit(sink, &warned, e);
    ctiflow_presence::wire::dispatch_named(core, presence, key, flow, event, host, Some(&observer))
        .await
}

/// Calls the trace callback; a throwing callback is logged (once per run),
/// never fatal.
pub fn emit(sink: &TraceSink, warned: &Cell<bool>, entry: &TraceEntry) {
    let Ok(cb) = sink.try_borrow() else { return };
    let Some(cb) = cb.as_ref() else { return };
    if let Ok(v) = to_js(entry) {
        if let Err(e) = cb.call1(&JsValue::UNDEFINED, &v) {
            if warned.replace(true) {
                return;
            }
            web_sys::console::warn_2(&JsValue::from_str("ctiflow: onTrace callback threw"), &e);
        }
    }
}

#[wasm_bindgen(inline_js = "export function lazyReport(flow, end, steps, trace) {
  let t;
  const r = {
    flow,
    end: end === '{\"reason\":\"end\"}' ? { reason: 'end' } : JSON.parse(end),
    steps,
    get trace() { if (t === undefined) t = JSON.parse(trace); return t; },
    set trace(v) { t = v; },
  };
  return Object.defineProperty(r, 'traceChars', { value: trace.length });
}")]
extern "C" {
    /// `{flow, end, steps, trace}`, `trace` parsed on first read; the
    /// length of its JSON text in `traceChars` (not enumerable, so not in
    /// `JSON.stringify(report)`), for pages that keep reports within a
    /// memory budget.
    #[wasm_bindgen(js_name = lazyReport)]
    fn lazy_report(flow: &JsValue, end: &str, steps: f64, trace: &str) -> JsValue;
}

/// The reports as JS objects. A report's `trace` (most of its size) is
/// parsed only when something reads it: the adapter page keeps the last
/// runs for its status panel but rarely opens their traces, and building
/// thousands of small JS objects per event is garbage the page's GC pays
/// for. `JSON.stringify(report)` and `report.trace` see the same trace.
pub fn reports_to_js(reports: &[RunReport]) -> Result<JsValue, JsValue> {
    let out = js_sys::Array::new();
    // One buffer, sized for a typical trace up front (growing it by
    // doubling copied the text over and over).
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    for r in reports {
        buf.clear();
        serde_json::to_writer(&mut buf, &r.end).map_err(|e| Failure::msg(e.to_string()))?;
        let split = buf.len();
        serde_json::to_writer(&mut buf, &r.trace).map_err(|e| Failure::msg(e.to_string()))?;
        let (end, trace) = buf.split_at(split);
        let text = |b| std::str::from_utf8(b).map_err(|e| Failure::msg(e.to_string()));
        // Step counts stay far below 2^53: exact as a JS number.
        let steps = r.steps as f64;
        out.push(&lazy_report(
            &js_str(&r.flow),
            text(end)?,
            steps,
            text(trace)?,
        ));
    }
    Ok(out.into())
}
