//! # ctiflow-wasm
//!
//! The browser's face of the engine: one stateful `Engine` class (the shape
//! of ruff_wasm's `Workspace`) over `ctiflow_engine::Engine` and the full
//! block catalog. Only this crate and its dispatch path
//! (`ctiflow-wasm-dispatch`, built for speed) name wasm-bindgen; the engine
//! and the blocks stay free of JS.
//!
//! ```js
//! import init, { Engine, version } from "./pkg/ctiflow_wasm.js";
//! await init();
//! const engine = new Engine({ limits: { maxSteps: 500 }, httpAllowlist: [] });
//! const { diagnostics, flows } = engine.loadFlowSet(setText, { "screenpop.json": flowText });
//! engine.setBridges(makeBridges(...));          // www/shared/bridges.js
//! engine.onTrace((entry) => console.log(entry));
//! const reports = await engine.dispatch("Voice Contact", "onConnecting", { contact, agent });
//! ```
//!
//! ## Rules at the boundary
//!
//! - Every method returns `Result<_, JsValue>` whose error is built by
//!   [`convert::Failure::into_js`]: a JS `Error` with `.diagnostics`.
//! - Nothing from JS is unwrapped. Options are typed (unknown keys are
//!   errors); data values cross as JSON ([`convert`]).
//! - On wasm32 a panic aborts the instance, so the guarantee is that the
//!   facade does not panic; [`install_panic_hook`] makes a bug readable in
//!   the console anyway.
//! - Reentrancy: the core engine sits in an `Rc`. A dispatch clones the
//!   `Rc` into its future, so `loadFlowSet` during a running dispatch swaps
//!   in a new engine and the running dispatch finishes on the old one.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod graph;
pub mod record;

pub use ctiflow_wasm_dispatch::{convert, js_host};

use convert::{get, json_text, options, to_js, to_json, Failure};
use ctiflow_engine::scripted::{Script, ScriptedHost};
use ctiflow_engine::{Diagnostic, EngineConfig, Event, EventKey, Limits, RawFlow, TraceEntry};
use ctiflow_presence::wire::PresenceSync;
use ctiflow_presence::DriverConfig;
use ctiflow_wasm_dispatch::snapshots::Snapshots;
use ctiflow_wasm_dispatch::{emit, reports_to_js, TraceSink};
use js_host::{JsHost, PageYield, DEFAULT_CALL_TIMEOUT_MS};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type Core = ctiflow_engine::Engine;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export interface EngineOptions {
  /** Each given limit is a positive finite number (maxSteps, maxValueBytes
   *  and maxTraceBytes integers up to Number.MAX_SAFE_INTEGER); `null`, NaN
   *  or Infinity are errors: JS
   *  cannot switch a limit off. Absent: the default (README, "Engine semantics"). */
  limits?: {
    maxSteps?: number; runWindowMs?: number;
    maxValueBytes?: number; maxTraceBytes?: number;
  };
  /** Origins HTTP Request may reach, such as "https://api.example.com":
   *  compared with scheme and host in lower case and the default port left
   *  out; a host is plain ASCII (an international name in punycode). */
  httpAllowlist?: string[];
  /** Per bridge call, default 10000; above 2^31 - 1 (24.8 days, the longest
   *  browser timer) it is that. */
  callTimeoutMs?: number;
}
export interface Diagnostic {
  severity: "error" | "warning"; code: string; flow: string; message: string;
  action?: string; blockType?: string; control?: string; line?: number; column?: number;
}
export interface FlowInfo { name: string; source: string; event: string; active: boolean }
export interface GraphAction {
  id: string; type: string; title: string | null; position: [number, number] | null;
  ports: Record<string, string>; controls: Record<string, unknown>;
  known: boolean; blockName: string | null; outcomes: string[];
}
export interface Validation { ok: boolean; diagnostics: Diagnostic[]; graph: { name: string; actions: GraphAction[] } }
export type TraceEntry = { kind: "runStart" | "call" | "step" | "note" | "runEnd"; [k: string]: unknown };
export interface RunReport { flow: string; end: { reason: string; [k: string]: unknown }; steps: number; trace: TraceEntry[] }
export interface Bridges {
  call(bridge: string, method: string, args: unknown): unknown | Promise<unknown>;
  now?(): number;
}
export interface EventInput {
  payload?: unknown; contact?: unknown; agent?: unknown; bridges?: Bridges;
  /** Run only the active flows bound to the event with this name (a CTI Action's flow). */
  flow?: string;
}
"#;

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

thread_local! {
    static HOOK_INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The block catalog, built once per instance: `new Engine` and
    /// `Engine.catalog()` clone it (a vector and a map of `&'static`s)
    /// instead of registering every block again.
    static CATALOG: ctiflow_engine::Catalog = ctiflow_blocks::catalog();
}

fn catalog() -> ctiflow_engine::Catalog {
    CATALOG.with(Clone::clone)
}

/// Installs (once) a panic hook that writes the panic message to
/// `console.error`. A panic still aborts the instance; the hook makes the
/// bug visible instead of an anonymous `unreachable`.
pub fn install_panic_hook() {
    if HOOK_INSTALLED.with(Cell::get) {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("ctiflow-wasm panicked (a bug; please report it): {info}");
        web_sys::console::error_1(&JsValue::from_str(&msg));
    }));
    HOOK_INSTALLED.with(|h| h.set(true));
}

/// Whether [`install_panic_hook`] has run (tests).
#[wasm_bindgen(js_name = panicHookInstalled)]
pub fn panic_hook_installed() -> bool {
    HOOK_INSTALLED.with(Cell::get)
}

/// `new Engine(options)`.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Options {
    limits: Limits,
    http_allowlist: Vec<String>,
    call_timeout_ms: Option<f64>,
}

/// A registered flow as `flows()` lists it.
#[derive(Serialize)]
struct FlowInfo {
    name: String,
    source: &'static str,
    event: &'static str,
    active: bool,
}

#[derive(Serialize)]
struct LoadResult {
    diagnostics: Vec<Diagnostic>,
    flows: Vec<FlowInfo>,
}

#[derive(Serialize)]
struct Validation {
    ok: bool,
    diagnostics: Vec<Diagnostic>,
    graph: graph::Graph,
}

/// The engine, as JS sees it. See the crate docs.
#[wasm_bindgen]
pub struct Engine {
    core: RefCell<Rc<Core>>,
    bridges: RefCell<Option<JsHost>>,
    trace: TraceSink,
    call_timeout_ms: f64,
    /// Record mode (`record.rs`): the loaded flow set, inline, and the
    /// current (or last) recording session.
    recording: record::State,
    /// Presence sync (`loadPresenceRules`), when rules are loaded.
    presence: RefCell<Option<Rc<PresenceSync>>>,
    /// The last dispatch's snapshots, parsed.
    snapshots: RefCell<Snapshots>,
}

fn flow_infos(core: &Core) -> Vec<FlowInfo> {
    core.flows()
        .iter()
        .map(|r| FlowInfo {
            name: r.program.name.to_string(),
            source: r.key.source.display(),
            event: r.key.event,
            active: r.active,
        })
        .collect()
}

fn event_key(source: &str, event: &str) -> Result<EventKey, Failure> {
    EventKey::new(source, event).map_err(|e| Failure::msg(e.to_string()))
}

fn event_input(input: &JsValue) -> Result<Event, Failure> {
    Ok(Event {
        payload: to_json(&get(input, "payload"), "payload")?,
        contact: to_json(&get(input, "contact"), "contact")?,
        agent: to_json(&get(input, "agent"), "agent")?,
    })
}

/// A promise for `fut`, polled once at once: a run that never waits (instant
/// bridges, no sleep) settles its promise right here, without a trip through
/// the task queue of wasm-bindgen-futures; one that waits continues there.
/// (Polling first with a no-op waker is within the `Future` contract: only
/// the waker of the latest poll is woken, and JS settles promises only after
/// this call returns.)
fn promise_of(fut: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> js_sys::Promise {
    let mut fut = Box::pin(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(v)) => js_sys::Promise::resolve(&v),
        Poll::Ready(Err(e)) => js_sys::Promise::reject(&e),
        Poll::Pending => wasm_bindgen_futures::future_to_promise(fut),
    }
}

/// The engine's `Limits` read `null` as "unlimited", and JSON turns NaN and
/// Infinity into `null`: a JS caller passing `Number("ten")` would switch
/// the limit off. Here every limit that is given must be a positive finite
/// number (`maxSteps`, `maxValueBytes` and `maxTraceBytes` integers no
/// larger than `Number.MAX_SAFE_INTEGER`); leave it out for the default.
fn check_limits(limits: &JsValue) -> Result<(), Failure> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    for (key, integer) in [
        ("maxSteps", true),
        ("runWindowMs", false),
        ("maxValueBytes", true),
        ("maxTraceBytes", true),
    ] {
        let v = get(limits, key);
        if v.is_undefined() {
            continue;
        }
        match v.as_f64() {
            // Past 2^53 - 1 a JS number is no longer an exact integer (and
            // from 1.8e19 on it does not fit the engine's u64 at all).
            Some(n) if integer && n.is_finite() && n > MAX_SAFE_INTEGER => {
                return Err(Failure::msg(format!(
                    "Engine options.limits: {key} must be at most 9007199254740991 (Number.MAX_SAFE_INTEGER), got {}",
                    convert::describe(&v)
                )))
            }
            Some(n) if n.is_finite() && n > 0.0 && (!integer || n.fract() == 0.0) => {}
            _ => {
                return Err(Failure::msg(format!(
                    "Engine options.limits: {key} must be a positive {}, got {}",
                    if integer { "integer" } else { "number" },
                    v.as_string()
                        .map(|s| format!("{s:?}"))
                        .unwrap_or_else(|| convert::describe(&v))
                )))
            }
        }
    }
    Ok(())
}

impl Engine {
    fn current(&self) -> Rc<Core> {
        self.core.borrow().clone()
    }

    /// Validates a flow and draws its graph.
    fn check(&self, flow: &JsValue, origin: &str) -> Result<Validation, Failure> {
        let text = json_text(flow, "the flow")?;
        let core = self.current();
        let v = core.validate_text(origin, &text);
        let graph = match RawFlow::parse(origin, &text) {
            Ok(raw) => graph::build(&raw, origin, core.catalog()),
            Err(_) => graph::empty(origin),
        };
        let ok = !v.diagnostics.iter().any(Diagnostic::is_error);
        Ok(Validation {
            ok,
            diagnostics: v.diagnostics,
            graph,
        })
    }
}

#[wasm_bindgen]
impl Engine {
    /// `new Engine({limits: {maxSteps, runWindowMs, maxValueBytes, maxTraceBytes},
    /// httpAllowlist, callTimeoutMs})`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Engine, JsValue> {
        install_panic_hook();
        convert::known_keys(
            &options,
            "Engine options",
            &["limits", "httpAllowlist", "callTimeoutMs"],
        )?;
        convert::known_keys(
            &get(&options, "limits"),
            "Engine options.limits",
            &["maxSteps", "runWindowMs", "maxValueBytes", "maxTraceBytes"],
        )?;
        check_limits(&get(&options, "limits"))?;
        // JSON would turn a non-finite timeout into `null` (the default).
        let raw_timeout = get(&options, "callTimeoutMs").as_f64();
        let o: Options = convert::options(&options, "Engine options")?;
        let o = Options {
            call_timeout_ms: raw_timeout.or(o.call_timeout_ms),
            ..o
        };
        let call_timeout_ms = match o.call_timeout_ms {
            None => DEFAULT_CALL_TIMEOUT_MS,
            Some(ms) if ms.is_finite() && ms > 0.0 => ms,
            Some(ms) => {
                return Err(Failure::msg(format!(
                    "Engine options: callTimeoutMs must be a positive number, got {ms}"
                ))
                .into())
            }
        };
        // Checked here, not left to never match: the same rule as the
        // adapter's settings (engineOrigin).
        let config = EngineConfig {
            limits: o.limits,
            http_allowlist: o.http_allowlist,
        };
        if let Err(e) = config.check_allowlist() {
            return Err(Failure::msg(format!("Engine options: {e}")).into());
        }
        let mut core = Core::new(catalog());
        core.set_config(config);
        Ok(Engine {
            core: RefCell::new(Rc::new(core)),
            bridges: RefCell::new(None),
            trace: Rc::new(RefCell::new(None)),
            call_timeout_ms,
            recording: record::State::default(),
            presence: RefCell::new(None),
            snapshots: RefCell::default(),
        })
    }

    /// Every block the engine knows, as `ctiflow blocks --json` prints it.
    pub fn catalog() -> Result<JsValue, JsValue> {
        let specs: Vec<_> = CATALOG.with(|c| c.specs().collect());
        to_js(&specs).map_err(JsValue::from)
    }

    /// Loads a flow set (JSON text or object), replacing the loaded flows.
    /// `files` maps the set's `file` entries to their text (or object).
    /// Returns `{diagnostics, flows}`; entries with errors are skipped.
    #[wasm_bindgen(js_name = loadFlowSet)]
    pub fn load_flow_set(&self, set: JsValue, files: JsValue) -> Result<JsValue, JsValue> {
        let text = json_text(&set, "the flow set")?;
        let files: std::collections::HashMap<String, serde_json::Value> =
            if files.is_undefined() || files.is_null() {
                Default::default()
            } else {
                match to_json(&files, "files")? {
                    serde_json::Value::Object(m) => m.into_iter().collect(),
                    _ => return Err(Failure::msg("files must be an object {path: text}").into()),
                }
            };
        let read = |path: &str| -> Result<String, String> {
            match files.get(path) {
                Some(serde_json::Value::String(s)) => Ok(s.clone()),
                Some(v) => Ok(v.to_string()),
                None => Err("not among the files given to loadFlowSet".into()),
            }
        };
        let mut next = (*self.current()).clone();
        next.clear_flows();
        let diagnostics = next.load_flow_set("flow-set.json", &text, &read);
        self.recording.loaded(text, files);
        let flows = flow_infos(&next);
        // Swap, never mutate in place: running dispatches keep the old Rc.
        *self.core.borrow_mut() = Rc::new(next);
        Ok(to_js(&LoadResult { diagnostics, flows })?)
    }

    /// The registered flows: `[{name, source, event, active}]`.
    pub fn flows(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(&flow_infos(&self.current()))?)
    }

    /// Validates one flow: `{ok, diagnostics, graph}`. The graph is drawn
    /// from the file even when it has errors (empty when it is not JSON).
    pub fn validate(&self, flow: JsValue, origin: Option<String>) -> Result<JsValue, JsValue> {
        let origin = origin.unwrap_or_else(|| "flow.json".into());
        let v = self.check(&flow, &origin)?;
        Ok(to_js(&v)?)
    }

    /// Runs one flow against a scripted host (`opts.script`, the CLI's host
    /// file). Resolves to the `RunReport`; rejects with `.diagnostics` when
    /// the flow does not validate. A run busy for 8 ms yields to the page
    /// ([`PageYield`]), as a dispatch does; its trace is the same. With
    /// `opts.signal` (an `AbortSignal`), aborting it stops the run at its
    /// next yield (`end.reason` `stopped`).
    #[wasm_bindgen(js_name = runFlow)]
    pub fn run_flow(&self, flow: JsValue, opts: JsValue) -> js_sys::Promise {
        let prepared = (|| -> Result<_, Failure> {
            let source = get(&opts, "source").as_string().unwrap_or_default();
            let event = get(&opts, "event").as_string().unwrap_or_default();
            let key = event_key(&source, &event)?;
            let text = json_text(&flow, "the flow")?;
            let core = self.current();
            let v = core.validate_text("flow.json", &text);
            let Some(program) = v.program else {
                return Err(Failure::invalid(
                    "the flow does not validate; see .diagnostics",
                    v.diagnostics,
                ));
            };
            let script: Script = options(&get(&opts, "script"), "runFlow script")?;
            Ok((
                core,
                program,
                key,
                event_input(&opts)?,
                script,
                get(&opts, "signal"),
            ))
        })();
        let sink = self.trace.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let (core, program, key, event, script, signal) = prepared?;
            // Scripted answers on a virtual clock, but yielding to the page
            // as dispatch does: a CPU-heavy flow cannot freeze the lab.
            let host = PageYield(ScriptedHost::new(script), signal);
            let warned = Cell::new(false);
            let observer = |e: &TraceEntry| emit(&sink, &warned, e);
            let report = core
                .run_program(&program, key, &event, &host, Some(&observer))
                .await;
            Ok(to_js(&report)?)
        })
    }

    /// Sets the JS bridges `{call(bridge, method, args), now()}` that
    /// `dispatch` runs against.
    #[wasm_bindgen(js_name = setBridges)]
    pub fn set_bridges(&self, bridges: JsValue) -> Result<(), JsValue> {
        let host = JsHost::from_js(&bridges, self.call_timeout_ms).map_err(Failure::msg)?;
        *self.bridges.borrow_mut() = Some(host);
        Ok(())
    }

    /// Runs every active flow bound to (source, event), one after another,
    /// against the bridges (`input.bridges`, for this event only, else the
    /// engine's). Resolves to `RunReport[]` (each report's `trace` is parsed into JS
    /// objects when first read); a flow that fails or loops does
    /// not stop the next one. When no active flow is bound to the event,
    /// resolves to `[]` without reading the snapshots.
    ///
    /// `input.flow` (a flow name, as a CTI Action names the flow it runs):
    /// only the active flows bound to the event with that name run (no
    /// presence sync); when none has it, resolves to `[]`.
    pub fn dispatch(&self, source: &str, event: &str, input: JsValue) -> js_sys::Promise {
        let prepared = (|| -> Result<_, Failure> {
            let key = event_key(source, event)?;
            let flow = get(&input, "flow");
            let flow = if flow.is_undefined() || flow.is_null() {
                None
            } else {
                Some(flow.as_string().ok_or_else(|| {
                    Failure::msg(format!(
                        "dispatch input.flow must be a flow name (a string), got {}",
                        convert::describe(&flow)
                    ))
                })?)
            };
            let per_event = get(&input, "bridges");
            let host = if per_event.is_object() {
                JsHost::from_js(&per_event, self.call_timeout_ms).map_err(Failure::msg)?
            } else {
                self.bridges.borrow().clone().ok_or_else(|| {
                    Failure::msg("no bridges: call engine.setBridges(bridges) before dispatch")
                })?
            };
            let core = self.current();
            // Most Streams events have no flow bound: answer `[]` without
            // reading (stringifying and parsing) the snapshots at all. (Not
            // recorded either: they would replay to nothing.)
            let presence =
                self.presence.borrow().clone().filter(|_| {
                    flow.is_none() && ctiflow_presence::wire::source_event(key).is_some()
                });
            if core.flows_named(key, flow.as_deref()).next().is_none() && presence.is_none() {
                return Ok(None);
            }
            let event = Snapshots::event(&self.snapshots, &input)?;
            let host = record::DispatchHost::new(
                self.recording.session(),
                host,
                key,
                flow.as_deref(),
                &event,
            );
            Ok(Some((core, key, flow, event, host, presence)))
        })();
        if let Ok(None) = prepared {
            let empty: JsValue = js_sys::Array::new().into();
            return js_sys::Promise::resolve(&empty);
        }
        let sink = self.trace.clone();
        promise_of(async move {
            let Some((core, key, flow, event, host, presence)) = prepared? else {
                return Ok(js_sys::Array::new().into());
            };
            // Flows first, then presence sync on agent and Omni-Channel state events.
            let reports = ctiflow_wasm_dispatch::run_event(
                &core,
                presence.as_deref(),
                key,
                flow.as_deref(),
                &event,
                &host,
                &sink,
            )
            .await;
            host.finish(&reports);
            reports_to_js(&reports)
        })
    }

    /// Loads presence-sync rules (JSON text or object; the format of
    /// `ctiflow presence check`), replacing any loaded before. `config` is
    /// the driver configuration (`{settleMs, omniStatusIds, ...}`, optional).
    /// Returns the diagnostics (`[{severity, rule, message, ...}]`); rules
    /// with errors are left out. Agent and Omni-Channel state events then run
    /// presence sync after their flows.
    #[wasm_bindgen(js_name = loadPresenceRules)]
    pub fn load_presence_rules(&self, rules: JsValue, config: JsValue) -> Result<JsValue, JsValue> {
        let text = json_text(&rules, "the presence rules")?;
        let config: DriverConfig = options(&config, "presence config")?;
        let (sync, report) = PresenceSync::from_rules(&text, config);
        *self.presence.borrow_mut() = Some(Rc::new(sync));
        Ok(to_js(&report.diagnostics)?)
    }

    /// Sets the live trace callback (`null` removes it).
    #[wasm_bindgen(js_name = onTrace)]
    pub fn on_trace(&self, cb: JsValue) -> Result<(), JsValue> {
        let f = if cb.is_undefined() || cb.is_null() {
            None
        } else {
            Some(
                cb.dyn_into::<js_sys::Function>()
                    .map_err(|_| Failure::msg("onTrace expects a function or null"))?,
            )
        };
        match self.trace.try_borrow_mut() {
            Ok(mut t) => *t = f,
            Err(_) => {
                return Err(
                    Failure::msg("onTrace cannot be changed from inside a trace callback").into(),
                )
            }
        }
        Ok(())
    }
}
