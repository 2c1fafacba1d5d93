//! The block interface: what a block declares ([`BlockSpec`]) and how it runs
//! ([`Block::run`] with a [`Ctx`]).
//!
//! A block reports *what* went wrong ([`BlockError`]) and never *where*: the
//! interpreter wraps it into a [`crate::RunError`] naming the flow, the action
//! and the block type.

use crate::host::{Bridge, HostCall, HostError, HostResult, LocalBoxFuture};
use crate::run::{not_kept, RunEnv};
use crate::trace::TraceEntry;
use crate::value::{held_bytes, js_number, js_string, js_string_to_number, truthy, type_name};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// An outcome of a block, and the name of the port it leaves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Utilities, getters, the store, log, Start.
    Done,
    /// A host call succeeded.
    Success,
    /// A host call failed (the action's `exception` says why).
    Failure,
    /// A decision was true.
    True,
    /// A decision was false.
    False,
}

impl Outcome {
    /// The port name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::True => "true",
            Outcome::False => "false",
        }
    }

    /// Parses a port name.
    pub fn parse(s: &str) -> Option<Outcome> {
        [
            Outcome::Done,
            Outcome::Success,
            Outcome::Failure,
            Outcome::True,
            Outcome::False,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// Ports of a `done` block.
pub const DONE: &[Outcome] = &[Outcome::Done];
/// Ports of a block that calls a host and can fail.
pub const SUCCESS_FAILURE: &[Outcome] = &[Outcome::Success, Outcome::Failure];
/// Ports of a decision.
pub const TRUE_FALSE: &[Outcome] = &[Outcome::True, Outcome::False];
/// No ports (End).
pub const NO_PORTS: &[Outcome] = &[];

/// The family a block belongs to (one module of `blocks/` each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Family {
    /// Start and End.
    Flow,
    /// Pure utilities: decisions, strings, numbers, dates, phone numbers.
    Core,
    /// Properties and counters (platform storage).
    Store,
    /// Page-level effects: HTTP, alerts, modals, jQuery, the CCP overlay.
    Page,
    /// Salesforce UI through Open CTI.
    SalesforceUi,
    /// Salesforce console tabs (Console Integration Toolkit).
    Console,
    /// Salesforce data: records, queries, Apex.
    SalesforceData,
    /// Omni-Channel presence.
    Omni,
    /// Amazon Connect agent.
    Agent,
    /// Amazon Connect contact.
    Contact,
}

/// The type a control accepts as a literal. Magic strings are accepted for
/// every kind and checked at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Anything.
    Any,
    /// A string (numbers are accepted and read as their text).
    String,
    /// A number, a numeric string, or `""` (the adapter's empty).
    Number,
    /// `true`/`false`, or the strings `"true"`/`"false"`.
    Bool,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// One of the listed strings.
    OneOf(&'static [&'static str]),
}

impl Kind {
    /// The name used in the catalog and in messages.
    pub fn name(&self) -> String {
        match self {
            Kind::Any => "any".into(),
            Kind::String => "string".into(),
            Kind::Number => "number".into(),
            Kind::Bool => "boolean".into(),
            Kind::Object => "object".into(),
            Kind::Array => "array".into(),
            Kind::OneOf(v) => format!("one of {}", v.join("|")),
        }
    }

    /// Whether a literal (non-magic) value fits; `Err` says why not.
    pub fn check(&self, v: &Value) -> Result<(), String> {
        let ok = match (self, v) {
            (_, Value::Null) | (Kind::Any, _) => true,
            (Kind::String, Value::String(_) | Value::Number(_)) => true,
            (Kind::Number, Value::Number(_)) => true,
            // Exactly the texts `Ctx::number` accepts at run time.
            (Kind::Number, Value::String(s)) => !js_string_to_number(s).is_nan(),
            (Kind::Bool, Value::Bool(_)) => true,
            (Kind::Bool, Value::String(s)) => s == "true" || s == "false",
            (Kind::Object, Value::Object(_)) => true,
            (Kind::Array, Value::Array(_)) => true,
            (Kind::OneOf(list), Value::String(s)) => list.contains(&s.as_str()),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "expected {}, found {} {}",
                self.name(),
                type_name(v),
                short(v)
            ))
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// One control of a block.
#[derive(Clone, Copy, Debug)]
pub struct ControlSpec {
    /// The control name, exactly as exports spell it.
    pub name: &'static str,
    /// The literal type it accepts.
    pub kind: Kind,
    /// Whether the flow must set it.
    pub required: bool,
    /// The default, as JSON text, when the flow leaves it out.
    pub default: Option<&'static str>,
    /// One line for the palette and the docs.
    pub doc: &'static str,
}

impl ControlSpec {
    /// A required control.
    pub const fn req(name: &'static str, kind: Kind, doc: &'static str) -> Self {
        ControlSpec {
            name,
            kind,
            required: true,
            default: None,
            doc,
        }
    }
    /// An optional control with no default.
    pub const fn opt(name: &'static str, kind: Kind, doc: &'static str) -> Self {
        ControlSpec {
            name,
            kind,
            required: false,
            default: None,
            doc,
        }
    }
    /// An optional control with a default (JSON text).
    pub const fn def(
        name: &'static str,
        kind: Kind,
        default: &'static str,
        doc: &'static str,
    ) -> Self {
        ControlSpec {
            name,
            kind,
            required: false,
            default: Some(default),
            doc,
        }
    }
}

impl Serialize for ControlSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("ControlSpec", 5)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("type", &self.kind.name())?;
        if let Kind::OneOf(v) = self.kind {
            st.serialize_field("values", v)?;
        }
        st.serialize_field("required", &self.required)?;
        let d: Value = self
            .default
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null);
        st.serialize_field("default", &d)?;
        st.serialize_field("doc", self.doc)?;
        st.end()
    }
}

/// Everything the catalog knows about a block, kept as data.
#[derive(Debug, Serialize)]
pub struct BlockSpec {
    /// The type id as exports spell it (`SE_SFSearchAndScreenpop`).
    #[serde(rename = "type")]
    pub type_id: &'static str,
    /// Other spellings accepted on load.
    pub aliases: &'static [&'static str],
    /// The display name in the adapter's palette.
    pub name: &'static str,
    /// The family (module) it belongs to.
    pub family: Family,
    /// One line: what it does.
    pub description: &'static str,
    /// Its controls.
    pub controls: &'static [ControlSpec],
    /// The outcomes it can take, i.e. its ports.
    pub ports: &'static [Outcome],
    /// The shape of its `results`.
    pub results: &'static str,
    /// The bridge calls it makes (`bridge.method`).
    pub calls: &'static [&'static str],
    /// Whether it acts on the world (pops, dials, writes): replay and dry
    /// runs care.
    pub side_effects: bool,
    /// Whether the type id is confirmed by a real export (else inferred).
    pub confirmed: bool,
}

impl BlockSpec {
    /// The spec of a control by name.
    pub fn control(&self, name: &str) -> Option<&ControlSpec> {
        self.controls.iter().find(|c| c.name == name)
    }
}

/// What a block produced: the port it leaves by and its `results`.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockOutput {
    /// The outcome (port).
    pub outcome: Outcome,
    /// The value stored as `$.actions.<id>.results`.
    pub results: Value,
    /// The value stored as `$.actions.<id>.exception` (failures).
    pub exception: Option<Value>,
}

impl BlockOutput {
    /// `done` with results.
    pub fn done(results: Value) -> Self {
        BlockOutput {
            outcome: Outcome::Done,
            results,
            exception: None,
        }
    }
    /// `done` with `{value}`.
    pub fn value(v: Value) -> Self {
        let mut m = Map::new();
        m.insert("value".into(), v);
        Self::done(Value::Object(m))
    }
    /// `success` with results.
    pub fn success(results: Value) -> Self {
        BlockOutput {
            outcome: Outcome::Success,
            results,
            exception: None,
        }
    }
    /// `failure` with the exception.
    pub fn failure(exception: Value) -> Self {
        BlockOutput {
            outcome: Outcome::Failure,
            results: Value::Null,
            exception: Some(exception),
        }
    }
    /// `true`/`false`; the results are the boolean.
    pub fn decision(b: bool) -> Self {
        BlockOutput {
            outcome: if b { Outcome::True } else { Outcome::False },
            results: Value::Bool(b),
            exception: None,
        }
    }
}

/// What a block reports when it cannot complete. The interpreter adds where.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BlockError {
    /// A required control is absent, null or undefined.
    #[error("control `{control}` is required but has no value")]
    MissingControl {
        /// The control.
        control: String,
    },
    /// A control's value cannot be used.
    #[error("control `{control}`: {message}")]
    BadControl {
        /// The control.
        control: String,
        /// What is wrong.
        message: String,
    },
    /// A bridge call failed on a block that has no failure port.
    #[error("bridge call {call} failed: {error}")]
    Host {
        /// `bridge.method`.
        call: String,
        /// The host's error.
        error: Box<HostError>,
    },
    /// The block would make a value over the run's value limit
    /// ([`crate::Limits::max_value_bytes`]); made by [`Ctx::too_large`],
    /// which also ends the run on that limit.
    #[error("{what} would hold over {bytes} bytes, more than the run's value limit of {limit}")]
    TooLarge {
        /// What: `results`, ...
        what: String,
        /// Its size when the block stopped building it.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// What a block's run returns.
pub type BlockResult = Result<BlockOutput, BlockError>;
/// The future [`Block::run`] returns.
pub type BlockFuture<'a> = LocalBoxFuture<'a, BlockResult>;

/// A block: its spec and its behaviour. Implemented by unit structs in
/// `blocks/`, one file per block.
pub trait Block: Sync {
    /// The block's catalog entry.
    fn spec(&self) -> &'static BlockSpec;
    /// Runs the block once with its resolved controls.
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a>;
}

/// Resolved controls of one step, in file order.
#[derive(Clone, Debug, Default)]
pub struct Controls {
    pub(crate) items: Vec<(Arc<str>, Value)>,
}

impl Controls {
    /// The value of a control as resolved (`Null` for undefined), `None`
    /// when the flow does not set it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.items
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v)
    }
}

/// What a block sees while it runs: its resolved controls, the event's
/// snapshots, and the host (every call traced).
pub struct Ctx<'a> {
    pub(crate) env: &'a RunEnv<'a>,
    pub(crate) action: &'a Arc<str>,
    pub(crate) block_type: &'a Arc<str>,
    pub(crate) spec: &'static BlockSpec,
    pub(crate) controls: Controls,
}

impl<'a> Ctx<'a> {
    /// The action id being run.
    pub fn action_id(&self) -> &str {
        self.action
    }

    /// The block type as written in the flow.
    pub fn block_type(&self) -> &str {
        self.block_type
    }

    /// The resolved controls.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// A control's value: the flow's (resolved) value, else the spec default.
    /// `None` when neither gives one or the value is null/undefined.
    pub fn value(&self, name: &str) -> Option<Value> {
        self.value_ref(name).map(Cow::into_owned)
    }

    /// [`Ctx::value`] without copying the flow's value.
    fn value_ref(&self, name: &str) -> Option<Cow<'_, Value>> {
        match self.controls.get(name) {
            Some(Value::Null) | None => self
                .spec
                .control(name)
                .and_then(|c| c.default)
                .and_then(|t| serde_json::from_str(t).ok())
                .filter(|v: &Value| !v.is_null())
                .map(Cow::Owned),
            Some(v) => Some(Cow::Borrowed(v)),
        }
    }

    /// A control read as text (`""` when absent), JavaScript `String()` rules.
    pub fn string(&self, name: &str) -> String {
        js_string(self.value_ref(name).as_deref())
    }

    /// The first of several spellings that is set to a non-empty value.
    pub fn string_any(&self, names: &[&str]) -> String {
        names
            .iter()
            .map(|n| self.string(n))
            .find(|s| !s.is_empty())
            .unwrap_or_default()
    }

    /// A control that must be a non-empty text.
    pub fn required_string(&self, name: &str) -> Result<String, BlockError> {
        let s = self.string(name);
        if s.is_empty() {
            Err(BlockError::MissingControl {
                control: name.into(),
            })
        } else {
            Ok(s)
        }
    }

    /// A control read as a boolean: booleans, `"true"`/`"false"`, else truthiness.
    pub fn bool(&self, name: &str) -> bool {
        match self.value_ref(name).as_deref() {
            Some(Value::String(s)) if s == "false" => false,
            v => truthy(v),
        }
    }

    /// A control read as a number; NaN is an error naming the control.
    pub fn number(&self, name: &str) -> Result<f64, BlockError> {
        let v = self.value_ref(name);
        let n = js_number(v.as_deref());
        if n.is_nan() {
            Err(BlockError::BadControl {
                control: name.into(),
                message: format!("`{}` is not a number", js_string(v.as_deref())),
            })
        } else {
            Ok(n)
        }
    }

    /// A control read as an object (empty when absent or not an object).
    pub fn object(&self, name: &str) -> Map<String, Value> {
        match self.value(name) {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        }
    }

    /// The event payload (`$.payload`).
    pub fn payload(&self) -> &Value {
        self.env.payload
    }

    /// The agent snapshot (`$.agent`).
    pub fn agent(&self) -> &Value {
        self.env.agent
    }

    /// A copy of the contact (`$.contact`) with its derived fields; `null`
    /// when the event has no contact.
    pub fn contact(&self) -> Value {
        let changed = self.env.contact_changed.borrow();
        let current = changed.as_ref().unwrap_or(self.env.contact.raw());
        self.env.contact.merged(current)
    }

    /// One top-level field of `$.contact` (the snapshot's own, else a derived
    /// one such as `phone` or `formattedNumber`), copied.
    pub fn contact_field(&self, key: &str) -> Option<Value> {
        let changed = self.env.contact_changed.borrow();
        let current = changed.as_ref().unwrap_or(self.env.contact.raw());
        self.env.contact.field(current, key)
    }

    /// Reads the contact snapshot as the page delivered it (with attribute
    /// changes made by the run) without copying it: the derived fields are
    /// not in it (use [`Ctx::contact_field`] or [`Ctx::contact`] for those).
    /// Do not call other `Ctx` methods that change the contact from inside `f`.
    pub fn with_contact<R>(&self, f: impl FnOnce(&Value) -> R) -> R {
        match &*self.env.contact_changed.borrow() {
            Some(c) => f(c),
            None => f(self.env.contact.raw()),
        }
    }

    /// Whether the run has a contact in context.
    pub fn has_contact(&self) -> bool {
        match &*self.env.contact_changed.borrow() {
            Some(c) => c.is_object(),
            None => self.env.contact.raw().is_object(),
        }
    }

    /// Merges attribute values into the run's contact snapshot (after a
    /// successful Update Contact Attributes), in Streams' `{name, value}` shape.
    pub fn merge_contact_attributes(&self, attrs: &Map<String, Value>) {
        let mut changed = self.env.contact_changed.borrow_mut();
        let c = changed.get_or_insert_with(|| self.env.contact.raw().clone());
        if let Value::Object(cm) = c {
            let entry = cm
                .entry("attributes")
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(am) = entry {
                for (k, v) in attrs {
                    let mut a = Map::new();
                    a.insert("name".into(), Value::String(k.clone()));
                    a.insert("value".into(), Value::String(js_string(Some(v))));
                    am.insert(k.clone(), Value::Object(a));
                }
            }
        }
    }

    /// The engine configuration (HTTP allowlist, ...).
    pub fn config(&self) -> &crate::EngineConfig {
        self.env.config
    }

    /// The platform clock in ms since the epoch.
    pub fn now_ms(&self) -> f64 {
        self.env.host.now_ms()
    }

    /// The largest value the run may make, in bytes as
    /// [`crate::value::held_bytes`] counts them (text: its length);
    /// `u64::MAX` when unlimited. A block that builds a value whose size
    /// its inputs do not bound (a replacement repeated per match, a
    /// template filled per hole) checks it as it goes and stops with
    /// [`Ctx::too_large`].
    pub fn value_limit(&self) -> u64 {
        self.env.meter.max_value()
    }

    /// The error for a value that outgrew [`Ctx::value_limit`] while the
    /// block built it; the run ends on the value limit after this block.
    pub fn too_large(&self, what: &str, bytes: u64) -> BlockError {
        self.env.meter.trip(false, bytes, what.to_string());
        BlockError::TooLarge {
            what: what.to_string(),
            bytes,
            limit: self.value_limit(),
        }
    }

    /// Adds a note to the trace (no effect on the run).
    pub fn note(&self, message: impl Into<String>) {
        let message = message.into();
        let bytes = message.len() as u64;
        let message = if self.env.meter.admit(bytes, bytes, &|| "note".into()) {
            message
        } else {
            format!("[note not kept: {bytes} bytes; the run stopped at a memory limit]")
        };
        self.env.emit(TraceEntry::Note {
            action: self.action.clone(),
            message,
        });
    }

    /// Calls the host, tracing the call and its answer.
    ///
    /// Arguments and answer count against the run's memory limits. Once the
    /// run is over one (or these arguments would take it over), the call
    /// is not made: it answers a `LIMIT` error, traced like any answer.
    /// An answer over a limit is not kept in the trace and reaches the
    /// block as a `LIMIT` error; the run ends after this block either way.
    pub async fn call(&self, bridge: Bridge, method: &str, args: Value) -> HostResult {
        let meter = &self.env.meter;
        let what = |part: &str| format!("{part} of {bridge}.{method}");
        let arg_bytes = held_bytes(&args);
        let sent = meter.admit(arg_bytes, arg_bytes, &|| what("arguments"));
        let call = HostCall {
            bridge,
            method: method.to_string(),
            args: if sent { args } else { not_kept(arg_bytes) },
        };
        let limit_error = || {
            HostError::new(
                "LIMIT",
                format!("{bridge}.{method}: the run went over a memory limit; the call's answer is not used"),
            )
        };
        let (answer, traced) = if sent {
            let answer = self.env.host.call(&call).await;
            let answer_bytes = match &answer {
                Ok(v) => held_bytes(v),
                Err(e) => (e.code.len() + e.message.len()) as u64 + held_bytes(&e.details),
            };
            if meter.admit(answer_bytes, answer_bytes, &|| what("answer")) {
                let traced = match &answer {
                    Ok(v) => crate::trace::Answer::Ok(v.clone()),
                    Err(e) => crate::trace::Answer::Err(e.clone()),
                };
                (answer, traced)
            } else {
                (
                    Err(limit_error()),
                    crate::trace::Answer::Ok(not_kept(answer_bytes)),
                )
            }
        } else {
            let e = HostError::new(
                "LIMIT",
                format!("{bridge}.{method} was not called: the run went over a memory limit"),
            );
            (Err(e.clone()), crate::trace::Answer::Err(e))
        };
        self.env.emit(TraceEntry::Call {
            action: self.action.clone(),
            block_type: self.block_type.clone(),
            bridge,
            method: call.method,
            args: call.args,
            answer: traced,
        });
        answer
    }

    /// Calls the host for a block with `success`/`failure` ports: success
    /// stores `map(answer)` as results, failure stores the error as exception.
    pub async fn call_outcome(
        &self,
        bridge: Bridge,
        method: &str,
        args: Value,
        map: impl FnOnce(Value) -> Value,
    ) -> BlockResult {
        Ok(match self.call(bridge, method, args).await {
            Ok(v) => BlockOutput::success(map(v)),
            Err(e) => BlockOutput::failure(e.to_value()),
        })
    }

    /// Calls the host for a block with no failure port: an error is a
    /// [`BlockError::Host`], which ends the run with the error traced.
    pub async fn call_required(
        &self,
        bridge: Bridge,
        method: &str,
        args: Value,
    ) -> Result<Value, BlockError> {
        let key = format!("{bridge}.{method}");
        self.call(bridge, method, args)
            .await
            .map_err(|error| BlockError::Host {
                call: key,
                error: Box::new(error),
            })
    }

    /// Waits on the platform clock (virtual in headless runs), traced as
    /// `platform.sleep`.
    pub async fn sleep(&self, ms: f64) {
        self.env.host.sleep(ms).await;
        self.env.emit(TraceEntry::Call {
            action: self.action.clone(),
            block_type: self.block_type.clone(),
            bridge: Bridge::Platform,
            method: "sleep".into(),
            args: serde_json::json!({ "ms": ms }),
            answer: crate::trace::Answer::Ok(Value::Null),
        });
    }
}
