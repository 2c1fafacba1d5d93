//! The seam between the engine and the outside world.
//!
//! Blocks never talk to Streams, Open CTI or the browser directly. They
//! *read* the snapshots the event carried (`$.contact`, `$.agent`, exactly as
//! Streams getters read the latest snapshot synchronously) and they *act*
//! through one asynchronous call: [`Host::call`] with a [`Bridge`] family, a
//! method name and a JSON argument object.
//!
//! Why one call shaped as data rather than one Rust method per API: every
//! bridge call has to be traced, scripted in headless runs, recorded in the
//! browser and answered again on replay. With calls as data, the tracer, the
//! scripted host, the recorder and the replayer are each written once, and a
//! new block needs no change to any host. The families still split the
//! surface the way the real APIs do, so a host can route a call to
//! `connect.agent`, `sforce.opencti`, `sforce.console` or the page.
//!
//! Method names follow the real API the call ends in (`setState`,
//! `searchAndScreenPop`, `openPrimaryTab`, ...); `shared/reference/bridges.md`
//! is the reference, and every block's spec lists the calls it makes.
//!
//! A host is responsible for answering every call eventually. The browser
//! host applies a per-call timeout (Streams callbacks can be lost); headless
//! hosts answer at once.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// A boxed future that need not be `Send`: the engine runs on one thread in
/// the browser and in the CLI alike.
pub type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What a bridge call answers: a JSON value, or the error the API reported.
pub type HostResult = Result<Value, HostError>;

/// The API family a bridge call goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Bridge {
    /// Amazon Connect agent (`connect.agent`, Streams).
    Agent,
    /// Amazon Connect contact of the run (`connect.contact`, Streams).
    Contact,
    /// Salesforce UI: Lightning Open CTI and the Console Integration Toolkit.
    SalesforceUi,
    /// Salesforce data: records, SOQL/SOSL, Apex.
    SalesforceData,
    /// Salesforce Omni-Channel presence.
    Omni,
    /// Platform: property storage, logging, HTTP.
    Platform,
    /// UI the adapter page draws itself: alerts, modals, the CCP overlay.
    AdapterUi,
}

impl Bridge {
    /// Every family, in a fixed order.
    pub const ALL: [Bridge; 7] = [
        Bridge::Agent,
        Bridge::Contact,
        Bridge::SalesforceUi,
        Bridge::SalesforceData,
        Bridge::Omni,
        Bridge::Platform,
        Bridge::AdapterUi,
    ];

    /// The name used in traces, host files and recordings.
    pub fn as_str(self) -> &'static str {
        match self {
            Bridge::Agent => "agent",
            Bridge::Contact => "contact",
            Bridge::SalesforceUi => "salesforceUi",
            Bridge::SalesforceData => "salesforceData",
            Bridge::Omni => "omni",
            Bridge::Platform => "platform",
            Bridge::AdapterUi => "adapterUi",
        }
    }

    /// Parses [`Bridge::as_str`] back.
    pub fn parse(s: &str) -> Option<Bridge> {
        Bridge::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

impl std::fmt::Display for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One bridge call: family, method and argument object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostCall {
    /// The API family.
    pub bridge: Bridge,
    /// The method, named as in the real API.
    pub method: String,
    /// The argument object.
    pub args: Value,
}

impl HostCall {
    /// `bridge.method`, the key used by scripted hosts and recordings.
    pub fn key(&self) -> String {
        format!("{}.{}", self.bridge, self.method)
    }
}

/// The error a bridge call reports: Open CTI `errors`, a Streams `failure`
/// argument, a timeout, or a refusal by the host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct HostError {
    /// A short code: `INVALID_PARAM`, `GENERIC_ERROR`, `TIMEOUT`, `REFUSED`,
    /// `LIMIT` (made by the engine: the run went over a memory limit), ...
    pub code: String,
    /// A readable message.
    pub message: String,
    /// Whatever else the API returned (Open CTI `errors`, Streams `data`).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub details: Value,
}

impl HostError {
    /// A new error with no details.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        HostError {
            code: code.into(),
            message: message.into(),
            details: Value::Null,
        }
    }

    /// The error as the JSON stored in an action's `exception`.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The host the engine runs against. Implemented over JS in the wasm facade,
/// over canned answers in the CLI ([`crate::scripted::ScriptedHost`]) and over
/// a recording on replay.
pub trait Host {
    /// Performs one bridge call. Must eventually answer.
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult>;

    /// The platform clock, in milliseconds since the Unix epoch. Headless
    /// hosts return a virtual clock.
    fn now_ms(&self) -> f64;

    /// Waits `ms` milliseconds of platform time. Headless hosts advance their
    /// virtual clock and return at once.
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()>;

    /// A real-time clock in milliseconds (any origin) when [`Host::now_ms`]
    /// is not one. The run loop measures how long a run has been busy on
    /// this clock, else on `now_ms` (the default, `None`: the browser's
    /// platform clock is real time, and a headless virtual clock, which
    /// does not move while blocks compute, never asks a run to yield, so
    /// headless traces stay deterministic). Called once per step: keep it
    /// cheap.
    fn real_ms(&self) -> Option<f64> {
        None
    }

    /// Hands control back to the host's event loop. The run loop awaits it
    /// when a run has computed for [`crate::run::YIELD_AFTER_MS`] without
    /// yielding (see the run module), so that a CPU-heavy flow cannot
    /// freeze the page. An error stops the run there
    /// ([`crate::trace::EndReason::Stopped`], naming the action about to
    /// run): a headless host's real-time cap. The default does nothing.
    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        Box::pin(std::future::ready(Ok(())))
    }
}
