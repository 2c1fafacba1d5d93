//! The run trace: one entry per block step, per bridge call, and at the start
//! and end of each run. Serialised as JSON Lines by the CLI and handed to JS
//! by the wasm facade; golden files compare it.

use crate::block::Outcome;
use crate::host::{Bridge, HostError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// The answer a bridge call got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// The call succeeded with this value.
    Ok(Value),
    /// The call failed.
    Err(HostError),
}

/// The resolved controls of a step, in file order; written as a JSON object.
/// (Kept as the list the interpreter resolved, with the program's shared
/// names: no map is built per step.)
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs(pub Vec<(Arc<str>, Value)>);

impl Serialize for Inputs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Inputs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = serde_json::Map::<String, Value>::deserialize(d)?;
        Ok(Inputs(m.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum EndReason {
    /// Reached `SE_End`.
    End,
    /// A block took an outcome whose port is not connected (a normal end).
    NoPort {
        /// The action.
        action: String,
        /// The outcome taken.
        outcome: Outcome,
    },
    /// The step budget was used up (a loop); the run was stopped.
    StepBudget {
        /// The budget.
        limit: u64,
        /// The action about to run when it tripped.
        action: String,
    },
    /// The run window was exceeded.
    RunWindow {
        /// The window in ms.
        limit_ms: f64,
        /// The action about to run when it tripped.
        action: String,
    },
    /// A block failed with no port to take; the run stopped.
    Error {
        /// The error, naming flow, action and block type.
        message: String,
        /// The action.
        action: String,
        /// The block type.
        block_type: String,
    },
}

impl EndReason {
    /// Whether the run ended normally (End or an unconnected port).
    pub fn is_normal(&self) -> bool {
        matches!(self, EndReason::End | EndReason::NoPort { .. })
    }
}

/// One trace entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TraceEntry {
    /// A run started.
    #[serde(rename_all = "camelCase")]
    RunStart {
        /// The flow's name.
        flow: Arc<str>,
        /// The event source.
        source: Cow<'static, str>,
        /// The event.
        event: Cow<'static, str>,
        /// Platform time.
        at_ms: f64,
    },
    /// A bridge call and its answer (emitted when the answer arrives, before
    /// the step that made it).
    #[serde(rename_all = "camelCase")]
    Call {
        /// The action making the call.
        action: Arc<str>,
        /// Its block type.
        block_type: Arc<str>,
        /// The API family.
        bridge: Bridge,
        /// The method.
        method: String,
        /// The argument object.
        args: Value,
        /// The answer.
        answer: Answer,
    },
    /// A block ran.
    #[serde(rename_all = "camelCase")]
    Step {
        /// 1-based step number in this run.
        step: u64,
        /// The action id.
        action: Arc<str>,
        /// The block type.
        block_type: Arc<str>,
        /// The editor title, when the flow has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<Arc<str>>,
        /// The resolved controls.
        inputs: Inputs,
        /// Magic strings that resolved to undefined.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        undefined: Vec<String>,
        /// The outcome (port) taken; absent when the block failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<Outcome>,
        /// The results stored.
        results: Value,
        /// The exception stored, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exception: Option<Value>,
        /// The next action, if the port is connected.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<Arc<str>>,
    },
    /// A note from a block or the engine.
    Note {
        /// The action.
        action: Arc<str>,
        /// The note.
        message: String,
    },
    /// A run ended.
    #[serde(rename_all = "camelCase")]
    RunEnd {
        /// The flow's name.
        flow: Arc<str>,
        /// How it ended.
        #[serde(flatten)]
        reason: EndReason,
        /// Steps taken.
        steps: u64,
        /// Platform time spent.
        elapsed_ms: f64,
    },
}

impl TraceEntry {
    /// The action this entry concerns, if any.
    pub fn action(&self) -> Option<&str> {
        match self {
            TraceEntry::Call { action, .. }
            | TraceEntry::Step { action, .. }
            | TraceEntry::Note { action, .. } => Some(action),
            _ => None,
        }
    }
}
