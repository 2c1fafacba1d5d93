//! The interpreter: runs a [`Program`] from `SE_Start` along its ports.
//!
//! Each step checks the limits first (rhai's `track_operation`): the step
//! budget and the run window on the platform clock. A block that fails
//! without a port to take ends the run with a [`RunError`] in the trace; the
//! engine itself never stops serving.

use crate::block::{Controls, Ctx};
use crate::catalog::ContactEnricher;
use crate::host::Host;
use crate::path::{walk, RecordField, Seg};
use crate::program::{Program, RootRef, Template};
use crate::trace::{EndReason, Inputs, TraceEntry};
use crate::EngineConfig;
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::RefCell;
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
}

impl RunEnv<'_> {
    /// Sends an entry to the observer and keeps it; returns its index in
    /// the trace.
    pub(crate) fn emit(&self, e: TraceEntry) -> Option<usize> {
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

fn resolve(
    t: &Template,
    records: &[Option<usize>],
    trace: &[TraceEntry],
    env: &RunEnv<'_>,
    contact: &Value,
    undefined: &mut Vec<String>,
) -> Value {
    match t {
        Template::Lit(v) => v.clone(),
        Template::Path(p) => {
            let base: Option<Value> = match &p.root {
                RootRef::Payload => walk(env.payload, &p.segs).cloned(),
                RootRef::Contact => env.contact.walk(contact, &p.segs),
                RootRef::Agent => walk(env.agent, &p.segs).cloned(),
                RootRef::Action { idx, field } => idx
                    .and_then(|i| *records.get(i)?)
                    .and_then(|at| record_of(trace, at))
                    .and_then(|(results, exception)| match field {
                        RecordField::Results => walk(results, &p.segs).cloned(),
                        RecordField::Exception => {
                            walk(exception.unwrap_or(&Value::Null), &p.segs).cloned()
                        }
                        RecordField::Success => Some(Value::Bool(true)),
                        RecordField::Whole => Some(
                            ActionRecord {
                                success: true,
                                results: results.clone(),
                                exception: exception.cloned().unwrap_or(Value::Null),
                            }
                            .to_value(),
                        ),
                    }),
            };
            base.unwrap_or_else(|| {
                undefined.push(p.text.clone());
                Value::Null
            })
        }
        Template::Obj(items) => Value::Object(
            items
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        resolve(v, records, trace, env, contact, undefined),
                    )
                })
                .collect(),
        ),
        Template::Arr(items) => Value::Array(
            items
                .iter()
                .map(|v| resolve(v, records, trace, env, contact, undefined))
                .collect(),
        ),
    }
}

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
    let end = loop {
        let action = &program.actions[current];
        if let Some(max) = limits.max_steps {
            if steps >= max.get() {
                break EndReason::StepBudget {
                    limit: max.get(),
                    action: action.id.to_string(),
                };
            }
        }
        if let Some(window) = limits.run_window_ms {
            if host.now_ms() - started > window {
                break EndReason::RunWindow {
                    limit_ms: window,
                    action: action.id.to_string(),
                };
            }
        }
        steps += 1;
        let spec = action.block.spec();
        let mut undefined = Vec::new();
        let controls = {
            let changed = env.contact_changed.borrow();
            let contact = changed.as_ref().unwrap_or(env.contact.raw);
            let trace = env.trace.borrow();
            Controls {
                items: action
                    .controls
                    .iter()
                    .map(|(k, t)| {
                        (
                            k.clone(),
                            resolve(t, &records, &trace, &env, contact, &mut undefined),
                        )
                    })
                    .collect(),
            }
        };
        let ctx = Ctx {
            env: &env,
            action: &action.id,
            block_type: &action.type_id,
            spec,
            controls,
        };
        let result = action.block.run(&ctx).await;
        // The resolved controls move into the trace: no second copy.
        let inputs = Inputs(ctx.controls.items);
        match result {
            Ok(out) => {
                let next = action.port(out.outcome);
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
                env.emit(TraceEntry::Step {
                    step: steps,
                    action: action.id.clone(),
                    block_type: action.type_id.clone(),
                    title: action.title.clone(),
                    inputs,
                    undefined,
                    outcome: None,
                    results: Value::Null,
                    exception: Some(Value::String(e.to_string())),
                    next: None,
                });
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
