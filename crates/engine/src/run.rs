//! The interpreter: runs a [`Program`] from `SE_Start` along its ports.
//!
//! Each step checks the limits first (rhai's `track_operation`): the step
//! budget and the run window on the platform clock. A block that fails
//! without a port to take ends the run with a [`RunError`] in the trace; the
//! engine itself never stops serving.
//!
//! Memory is metered as it is taken (`Meter`): every value a run makes or
//! keeps (a resolved control, results, an exception, a bridge call's
//! arguments and answer, a note) is measured once, when it is made, against
//! [`crate::Limits::max_value_bytes`], and added to what the trace holds
//! against [`crate::Limits::max_trace_bytes`]. A control is measured piece by
//! piece before each piece is copied, so a control that would copy a large
//! value many times stops at the first copy over the limit. The first value
//! over a limit is not kept (a marker text stands in its place); from then
//! on no value is kept and no bridge call goes out, and the run ends after
//! the current block with a `valueSize` or `traceSize` end naming the limit,
//! the action and its block type. Why stop the run rather than only stop
//! recording: the trace is also where a run keeps its `$.actions.<id>`
//! records, so a trace that stopped growing would change what the flow
//! reads; and a flow that builds multi-megabyte values is a loop gone wrong,
//! like one that runs out of steps.
//!
//! A run never holds the host's thread for long (the agent's page must never
//! freeze): when it has computed for [`YIELD_AFTER_MS`] since it started or
//! last yielded, it awaits [`Host::yield_now`] before the next block (the
//! browser host answers in a fresh macrotask, so timers, input and rendering
//! get their turn). Busy time is read on [`Host::real_ms`] (in the
//! browser `performance.now()`, monotonic, whatever the platform clock
//! does), else on the platform clock the run window reads anyway (no extra
//! clock call per step). Bridge calls do not count as yields: a bridge that
//! answers at once or with a resolved promise never leaves the microtask
//! queue, so only a yield (or a Delay long enough to reach the threshold
//! on its own) resets the busy time. After a long real bridge call that
//! costs one needless yield, a few tens of microseconds. A headless virtual
//! clock does not move while blocks compute, so headless runs yield only on
//! their host's real clock, and a yield changes nothing in the trace.

use crate::block::{Controls, Ctx};
use crate::catalog::ContactEnricher;
use crate::host::Host;
use crate::path::{walk, RecordField, Seg};
use crate::program::{Program, RootRef, Template};
use crate::trace::{EndReason, Inputs, TraceEntry};
use crate::value::{held_bytes, ENTRY_BYTES, NODE_BYTES};
use crate::{EngineConfig, Limits};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// What the adapter keeps per action: `{success, results, exception}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionRecord {
    /// True when the block completed (whatever port it took).
    pub success: bool,
    /// The block's results.
    pub results: Value,
    /// The exception, when it failed.
    pub exception: Value,
}

impl ActionRecord {
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("success".into(), Value::Bool(self.success));
        m.insert("results".into(), self.results.clone());
        m.insert("exception".into(), self.exception.clone());
        Value::Object(m)
    }
}

/// A block failure located in a flow: names the flow, the action and the
/// block type.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("flow `{flow}`, action `{action}` ({block_type}): {message}")]
pub struct RunError {
    /// The flow.
    pub flow: String,
    /// The action id.
    pub action: String,
    /// The block type.
    pub block_type: String,
    /// What went wrong.
    pub message: String,
}

/// What one run produced.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    /// The flow's name.
    pub flow: Arc<str>,
    /// How it ended.
    pub end: EndReason,
    /// Steps taken.
    pub steps: u64,
    /// Every trace entry of the run, in order.
    pub trace: Vec<TraceEntry>,
}

impl RunReport {
    /// The run error, when the run ended on one.
    pub fn error(&self) -> Option<RunError> {
        match &self.end {
            EndReason::Error {
                message,
                action,
                block_type,
            } => Some(RunError {
                flow: self.flow.to_string(),
                action: action.clone(),
                block_type: block_type.clone(),
                message: message.clone(),
            }),
            _ => None,
        }
    }
}

/// A sink for trace entries as they happen (the flow lab's live view).
pub type Observer<'a> = &'a dyn Fn(&TraceEntry);

/// The contact of one event: the snapshot as delivered, and the fields the
/// catalog derives from it (parsed and formatted phone numbers, ...) on
/// demand. A derived field is computed when a run reads a field the
/// snapshot lacks, and the snapshot is never copied to hold them: a flow
/// that reads no derived field pays nothing for them.
pub struct EventContact<'a> {
    raw: &'a Value,
    enricher: Option<ContactEnricher>,
}

impl<'a> EventContact<'a> {
    /// The contact of an event; `raw` is `null` when the event has none.
    pub fn new(raw: &'a Value, enricher: Option<ContactEnricher>) -> Self {
        EventContact { raw, enricher }
    }

    /// The snapshot as delivered.
    pub fn raw(&self) -> &'a Value {
        self.raw
    }

    fn derive(&self, key: &str) -> Option<Value> {
        self.enricher.and_then(|e| (e.derive)(self.raw, key))
    }

    /// A top-level field of `current` (the snapshot, possibly changed by
    /// the run), else the derived one (computed, so owned).
    fn lookup<'v>(&self, current: &'v Value, key: &str) -> Option<Cow<'v, Value>> {
        let Value::Object(m) = current else {
            return None;
        };
        match m.get(key) {
            Some(v) => Some(Cow::Borrowed(v)),
            None => self.derive(key).map(Cow::Owned),
        }
    }

    /// [`EventContact::lookup`], copied.
    pub(crate) fn field(&self, current: &Value, key: &str) -> Option<Value> {
        self.lookup(current, key).map(Cow::into_owned)
    }

    /// `current` with the derived fields it lacks, as one value.
    pub(crate) fn merged(&self, current: &Value) -> Value {
        let mut v = current.clone();
        if let (Value::Object(m), Some(e)) = (&mut v, self.enricher) {
            for k in e.fields {
                if !m.contains_key(*k) {
                    if let Some(d) = (e.derive)(self.raw, k) {
                        m.insert((*k).to_string(), d);
                    }
                }
            }
        }
        v
    }

    /// Walks a `$.contact` path over `current` and the derived fields.
    fn walk(&self, current: &Value, segs: &[Seg]) -> Option<Value> {
        match segs.split_first() {
            None => Some(self.merged(current)),
            Some((Seg::Key(k), rest)) if current.is_object() => match self.lookup(current, k)? {
                Cow::Borrowed(v) => walk(v, rest).cloned(),
                Cow::Owned(v) if rest.is_empty() => Some(v),
                Cow::Owned(v) => walk(&v, rest).cloned(),
            },
            _ => walk(current, segs).cloned(),
        }
    }
}

/// The first memory limit a run went over.
#[derive(Clone, Debug)]
pub(crate) struct Over {
    /// `max_trace_bytes` (else `max_value_bytes`).
    trace: bool,
    limit: u64,
    bytes: u64,
    what: String,
}

/// What a run's trace holds, against its memory limits (see the module
/// docs). Values are measured once, when made; nothing re-reads the trace.
pub(crate) struct Meter {
    max_value: u64,
    max_trace: u64,
    held: Cell<u64>,
    /// Whether `over` is set: checked every step, without a borrow.
    tripped: Cell<bool>,
    over: RefCell<Option<Over>>,
}

impl Meter {
    fn new(limits: &Limits) -> Self {
        Meter {
            max_value: limits.max_value_bytes.map_or(u64::MAX, |n| n.get()),
            max_trace: limits.max_trace_bytes.map_or(u64::MAX, |n| n.get()),
            held: Cell::new(0),
            tripped: Cell::new(false),
            over: RefCell::new(None),
        }
    }

    /// The value limit, in bytes (`u64::MAX`: none).
    pub(crate) fn max_value(&self) -> u64 {
        self.max_value
    }

    /// Whether a run went over a limit.
    #[inline]
    pub(crate) fn is_over(&self) -> bool {
        self.tripped.get()
    }

    /// Records the first limit gone over.
    pub(crate) fn trip(&self, trace: bool, bytes: u64, what: String) {
        let mut over = self.over.borrow_mut();
        if over.is_none() {
            self.tripped.set(true);
            let limit = if trace {
                self.max_trace
            } else {
                self.max_value
            };
            *over = Some(Over {
                trace,
                limit,
                bytes,
                what,
            });
        }
    }

    /// Takes `part` bytes more into the trace, as a piece of a value now
    /// `whole` bytes large. False, with the limit recorded, when the value
    /// or the trace would go over its limit, or the run already did.
    #[inline]
    pub(crate) fn admit(&self, part: u64, whole: u64, what: &dyn Fn() -> String) -> bool {
        let total = self.held.get().saturating_add(part);
        if !self.tripped.get() && whole <= self.max_value && total <= self.max_trace {
            self.held.set(total);
            return true;
        }
        self.refuse(total, whole, what);
        false
    }

    #[cold]
    #[inline(never)]
    fn refuse(&self, total: u64, whole: u64, what: &dyn Fn() -> String) {
        if self.is_over() {
            return;
        }
        if whole > self.max_value {
            self.trip(false, whole, what());
        } else {
            self.trip(true, total, what());
        }
    }

    /// Counts bytes the trace holds beyond its values (the entries
    /// themselves); checked with the next value admitted.
    pub(crate) fn charge(&self, bytes: u64) {
        self.held.set(self.held.get().saturating_add(bytes));
    }

    /// Keeps `v` when it is admitted, else puts a marker text in its place.
    #[inline]
    pub(crate) fn keep(&self, v: &mut Value, what: &dyn Fn() -> String) {
        let b = held_bytes(v);
        if !self.admit(b, b, what) {
            *v = not_kept(b);
        }
    }
}

/// What stands in the trace where a value over a memory limit would be.
pub(crate) fn not_kept(bytes: u64) -> Value {
    Value::String(format!(
        "[not kept: {bytes} bytes; the run stopped at a memory limit]"
    ))
}

/// Shared state of one run, borrowed by every block's [`Ctx`].
pub struct RunEnv<'a> {
    pub(crate) host: &'a dyn Host,
    pub(crate) config: &'a EngineConfig,
    pub(crate) payload: &'a Value,
    pub(crate) agent: &'a Value,
    /// The event's contact, as given, with its derived fields.
    pub(crate) contact: &'a EventContact<'a>,
    /// A changed copy, once a block changed the contact (Update Contact
    /// Attributes); until then the run reads the input without copying it.
    pub(crate) contact_changed: RefCell<Option<Value>>,
    trace: RefCell<Vec<TraceEntry>>,
    observer: Option<Observer<'a>>,
    /// The run's memory, against its limits.
    pub(crate) meter: Meter,
}

impl RunEnv<'_> {
    /// Sends an entry to the observer and keeps it; returns its index in
    /// the trace. (Its values were metered when made; the entry itself is
    /// counted here.)
    pub(crate) fn emit(&self, e: TraceEntry) -> Option<usize> {
        self.meter.charge(std::mem::size_of::<TraceEntry>() as u64);
        if let Some(o) = self.observer {
            o(&e);
        }
        let mut t = self.trace.try_borrow_mut().ok()?;
        t.push(e);
        Some(t.len() - 1)
    }
}

/// The event data a run reads: `$.payload`, `$.contact`, `$.agent`.
pub struct RunInput<'a> {
    /// Source name, for the trace.
    pub source: &'static str,
    /// Event name, for the trace.
    pub event: &'static str,
    /// `$.payload`
    pub payload: &'a Value,
    /// `$.contact`; its raw snapshot is `null` when no contact.
    pub contact: &'a EventContact<'a>,
    /// `$.agent`
    pub agent: &'a Value,
}

/// The record of an action that ran: its step in the trace (`results` and
/// `exception` are read from there, so they are stored once).
fn record_of(trace: &[TraceEntry], at: usize) -> Option<(&Value, Option<&Value>)> {
    match trace.get(at)? {
        TraceEntry::Step {
            results,
            exception,
            outcome: Some(_),
            ..
        } => Some((results, exception.as_ref())),
        _ => None,
    }
}

/// Resolves one control for a step, metering each piece before it is
/// copied; `None` when a piece would go over a memory limit (recorded in
/// the meter).
struct Resolver<'r, 'a> {
    records: &'r [Option<usize>],
    trace: &'r [TraceEntry],
    env: &'r RunEnv<'a>,
    contact: &'r Value,
    undefined: &'r mut Vec<String>,
    /// The control being resolved, and its bytes so far.
    control: &'r str,
    bytes: u64,
}

impl Resolver<'_, '_> {
    fn admit(&mut self, part: u64) -> Option<()> {
        self.bytes = self.bytes.saturating_add(part);
        let control = self.control;
        self.env
            .meter
            .admit(part, self.bytes, &|| format!("control `{control}`"))
            .then_some(())
    }

    /// A value read from the run's data, copied once metered.
    fn copy(&mut self, v: &Value) -> Option<Value> {
        self.admit(held_bytes(v))?;
        Some(v.clone())
    }

    fn resolve(&mut self, t: &Template) -> Option<Value> {
        match t {
            Template::Lit(v) => self.copy(v),
            Template::Path(p) => {
                let found = match &p.root {
                    RootRef::Payload => match walk(self.env.payload, &p.segs) {
                        Some(v) => Some(self.copy(v)?),
                        None => None,
                    },
                    RootRef::Agent => match walk(self.env.agent, &p.segs) {
                        Some(v) => Some(self.copy(v)?),
                        None => None,
                    },
                    // The contact's own fields are bounded by the event;
                    // derived ones are small: measured once made.
                    RootRef::Contact => match self.env.contact.walk(self.contact, &p.segs) {
                        Some(v) => {
                            self.admit(held_bytes(&v))?;
                            Some(v)
                        }
                        None => None,
                    },
                    RootRef::Action { idx, field } => {
                        let record = idx
                            .and_then(|i| *self.records.get(i)?)
                            .and_then(|at| record_of(self.trace, at));
                        match (record, field) {
                            (None, _) => None,
                            (Some((results, _)), RecordField::Results) => {
                                match walk(results, &p.segs) {
                                    Some(v) => Some(self.copy(v)?),
                                    None => None,
                                }
                            }
                            (Some((_, exception)), RecordField::Exception) => {
                                match walk(exception.unwrap_or(&Value::Null), &p.segs) {
                                    Some(v) => Some(self.copy(v)?),
                                    None => None,
                                }
                            }
                            (Some(_), RecordField::Success) => Some(Value::Bool(true)),
                            (Some((results, exception)), RecordField::Whole) => {
                                let ex = exception.map_or(0, held_bytes);
                                self.admit(held_bytes(results) + ex)?;
                                Some(
                                    ActionRecord {
                                        success: true,
                                        results: results.clone(),
                                        exception: exception.cloned().unwrap_or(Value::Null),
                                    }
                                    .to_value(),
                                )
                            }
                        }
                    }
                };
                Some(found.unwrap_or_else(|| {
                    self.undefined.push(p.text.clone());
                    Value::Null
                }))
            }
            Template::Obj(items) => {
                self.admit(NODE_BYTES)?;
                let mut m = Map::new();
                for (k, v) in items {
                    self.admit(ENTRY_BYTES + k.len() as u64)?;
                    let v = self.resolve(v)?;
                    m.insert(k.clone(), v);
                }
                Some(Value::Object(m))
            }
            Template::Arr(items) => {
                self.admit(NODE_BYTES)?;
                items
                    .iter()
                    .map(|v| self.resolve(v))
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array)
            }
        }
    }
}

/// The end of a run that went over a memory limit at `action`.
#[cold]
fn limit_end(meter: &Meter, action: &crate::program::Action) -> EndReason {
    let (action, block_type) = (action.id.to_string(), action.type_id.to_string());
    match meter.over.borrow().clone() {
        Some(o) if o.trace => EndReason::TraceSize {
            limit: o.limit,
            bytes: o.bytes,
            what: o.what,
            action,
            block_type,
        },
        Some(o) => EndReason::ValueSize {
            limit: o.limit,
            bytes: o.bytes,
            what: o.what,
            action,
            block_type,
        },
        // Not reached: the meter refuses a value only once it recorded why.
        None => EndReason::Error {
            message: "a value was refused with no limit recorded".into(),
            action,
            block_type,
        },
    }
}

/// How long, in ms of host time, a run computes before it yields to the
/// host's event loop (see the module docs): under one 60 Hz frame, so a
/// busy run costs the page dropped frames, not a freeze.
pub const YIELD_AFTER_MS: f64 = 8.0;

/// Runs a program once. Never fails: how the run ended is in the report.
pub async fn run(
    program: &Program,
    input: RunInput<'_>,
    host: &dyn Host,
    config: &EngineConfig,
    observer: Option<Observer<'_>>,
) -> RunReport {
    let env = RunEnv {
        host,
        config,
        payload: input.payload,
        agent: input.agent,
        contact: input.contact,
        contact_changed: RefCell::new(None),
        // RunStart, a step per action, a call or two, RunEnd: sized once
        // instead of growing (and moving every entry) as the run goes.
        trace: RefCell::new(Vec::with_capacity(program.actions.len().min(64) * 2 + 2)),
        observer,
        meter: Meter::new(&config.limits),
    };
    let started = host.now_ms();
    env.emit(TraceEntry::RunStart {
        flow: program.name.clone(),
        source: Cow::Borrowed(input.source),
        event: Cow::Borrowed(input.event),
        at_ms: started,
    });
    // Per action, the index of its last step in the trace: `$.actions.<id>`
    // reads the results there.
    let mut records: Vec<Option<usize>> = vec![None; program.actions.len()];
    let mut current = program.start;
    let mut steps: u64 = 0;
    let limits = &config.limits;
    // When the run last yielded (or started), on the busy clock.
    let mut busy_since = host.real_ms().unwrap_or(started);
    let end = loop {
        let action = &program.actions[current];
        if let Some(max) = limits.max_steps {
            if steps >= max.get() {
                break EndReason::StepBudget {
                    limit: max.get(),
                    action: action.id.to_string(),
                    block_type: action.type_id.to_string(),
                };
            }
        }
        // One platform-clock read per step serves the run window and,
        // unless the host has a real clock of its own, the busy time.
        let now = host.now_ms();
        if let Some(window) = limits.run_window_ms {
            if now - started > window {
                break EndReason::RunWindow {
                    limit_ms: window,
                    action: action.id.to_string(),
                    block_type: action.type_id.to_string(),
                };
            }
        }
        if host.real_ms().unwrap_or(now) - busy_since >= YIELD_AFTER_MS {
            if let Err(e) = host.yield_now().await {
                break EndReason::Stopped {
                    message: e.message,
                    action: action.id.to_string(),
                    block_type: action.type_id.to_string(),
                };
            }
            busy_since = host.real_ms().unwrap_or_else(|| host.now_ms());
        }
        let spec = action.block.spec();
        let mut undefined = Vec::new();
        let items = {
            let changed = env.contact_changed.borrow();
            let trace = env.trace.borrow();
            let mut r = Resolver {
                records: &records,
                trace: &trace,
                env: &env,
                contact: changed.as_ref().unwrap_or(env.contact.raw),
                undefined: &mut undefined,
                control: "",
                bytes: 0,
            };
            action
                .controls
                .iter()
                .map(|(k, t)| {
                    r.control = k;
                    r.bytes = 0;
                    Some((k.clone(), r.resolve(t)?))
                })
                .collect::<Option<Vec<_>>>()
        };
        // A control over a memory limit: the block does not run.
        let Some(items) = items else {
            break limit_end(&env.meter, action);
        };
        env.meter.charge(
            undefined
                .iter()
                .map(|u| (u.len() + std::mem::size_of::<String>()) as u64)
                .sum(),
        );
        steps += 1;
        let ctx = Ctx {
            env: &env,
            action: &action.id,
            block_type: &action.type_id,
            spec,
            controls: Controls { items },
        };
        let result = action.block.run(&ctx).await;
        // The resolved controls move into the trace: no second copy.
        let inputs = Inputs(ctx.controls.items);
        match result {
            Ok(mut out) => {
                let next = action.port(out.outcome);
                env.meter.keep(&mut out.results, &|| "results".into());
                if let Some(x) = &mut out.exception {
                    env.meter.keep(x, &|| "exception".into());
                }
                // The step is the action's record: later `$.actions.<id>`
                // paths read its results from the trace.
                records[current] = env.emit(TraceEntry::Step {
                    step: steps,
                    action: action.id.clone(),
                    block_type: action.type_id.clone(),
                    title: action.title.clone(),
                    inputs,
                    undefined,
                    outcome: Some(out.outcome),
                    results: out.results,
                    exception: out.exception,
                    next: next.map(|n| program.actions[n].id.clone()),
                });
                if env.meter.is_over() {
                    break limit_end(&env.meter, action);
                }
                if spec.ports.is_empty() {
                    break EndReason::End;
                }
                match next {
                    Some(n) => current = n,
                    None => {
                        break EndReason::NoPort {
                            action: action.id.to_string(),
                            outcome: out.outcome,
                        }
                    }
                }
            }
            Err(e) => {
                let err = RunError {
                    flow: program.name.to_string(),
                    action: action.id.to_string(),
                    block_type: action.type_id.to_string(),
                    message: e.to_string(),
                };
                let mut exception = Value::String(err.message.clone());
                env.meter.keep(&mut exception, &|| "exception".into());
                env.emit(TraceEntry::Step {
                    step: steps,
                    action: action.id.clone(),
                    block_type: action.type_id.clone(),
                    title: action.title.clone(),
                    inputs,
                    undefined,
                    outcome: None,
                    results: Value::Null,
                    exception: Some(exception),
                    next: None,
                });
                // A block that failed because the run went over a memory
                // limit (a refused call, a value too large to build) ends
                // on that limit.
                if env.meter.is_over() {
                    break limit_end(&env.meter, action);
                }
                break EndReason::Error {
                    message: err.message,
                    action: err.action,
                    block_type: err.block_type,
                };
            }
        }
    };
    let elapsed_ms = host.now_ms() - started;
    env.emit(TraceEntry::RunEnd {
        flow: program.name.clone(),
        reason: end.clone(),
        steps,
        elapsed_ms,
    });
    RunReport {
        flow: program.name.clone(),
        end,
        steps,
        trace: env.trace.into_inner(),
    }
}
