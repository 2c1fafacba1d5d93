//! The run trace: one entry per block step, per bridge call, and at the start
//! and end of each run. Serialised as JSON Lines by the CLI and handed to JS
//! by the wasm facade; golden files compare it.

use crate::block::Outcome;
use crate::host::{Bridge, HostError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// The answer a bridge call got: `{"ok": value}` or `{"error": {code,
/// message, details?}}`, the shape of recordings and scripted host files.
/// (Older traces wrote `{"err": ...}`; it is still read.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// The call succeeded with this value.
    Ok(Value),
    /// The call failed.
    #[serde(rename = "error", alias = "err")]
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

/// How a run ended. Written camelCase like every trace field (`blockType`,
/// `limitMs`); the snake_case names older traces carried are still read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "reason"
)]
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
    /// The step budget ([`crate::Limits::max_steps`]) was used up (a
    /// loop); the run was stopped.
    StepBudget {
        /// The budget.
        limit: u64,
        /// The action about to run when it tripped.
        action: String,
        /// Its block type (absent from older traces).
        #[serde(default)]
        block_type: String,
    },
    /// The run window ([`crate::Limits::run_window_ms`]) was exceeded.
    RunWindow {
        /// The window in ms.
        #[serde(alias = "limit_ms")]
        limit_ms: f64,
        /// The action about to run when it tripped.
        action: String,
        /// Its block type (absent from older traces).
        #[serde(default)]
        block_type: String,
    },
    /// A value was larger than [`crate::Limits::max_value_bytes`]; the run
    /// was stopped. The value is not kept: where it would be in the trace
    /// stands a marker text (`"[not kept: ...]"`).
    ValueSize {
        /// The limit, in bytes.
        limit: u64,
        /// The value's size, in bytes (as far as it was measured).
        bytes: u64,
        /// Which value: `control `x``, `results`, `exception`, `arguments
        /// of bridge.method`, `answer of bridge.method`, `note`.
        what: String,
        /// The action that made it, or was about to run with it.
        action: String,
        /// Its block type.
        block_type: String,
    },
    /// The run's trace would have outgrown
    /// [`crate::Limits::max_trace_bytes`]; the run was stopped. The value
    /// that would have taken it over is not kept (a marker stands there).
    TraceSize {
        /// The limit, in bytes.
        limit: u64,
        /// What the trace would have held, in bytes.
        bytes: u64,
        /// The value that would have taken it over (as in `ValueSize`).
        what: String,
        /// The action that made it, or was about to run with it.
        action: String,
        /// Its block type.
        block_type: String,
    },
    /// The host stopped the run when it was asked to yield
    /// ([`crate::Host::yield_now`]): the CLI's real-time cap per event.
    Stopped {
        /// Why, in the host's words.
        message: String,
        /// The action about to run.
        action: String,
        /// Its block type.
        block_type: String,
    },
    /// A block failed with no port to take; the run stopped.
    Error {
        /// The error, naming flow, action and block type.
        message: String,
        /// The action.
        action: String,
        /// The block type.
        #[serde(alias = "block_type")]
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run_end(reason: EndReason) -> TraceEntry {
        TraceEntry::RunEnd {
            flow: "f".into(),
            reason,
            steps: 2,
            elapsed_ms: 6.0,
        }
    }

    // Review finding: `runEnd` lines wrote `block_type` and `limit_ms` while
    // every other line is camelCase.
    #[test]
    fn every_field_is_written_camel_case() {
        let window = run_end(EndReason::RunWindow {
            limit_ms: 5.0,
            action: "w".into(),
            block_type: "T_Wait".into(),
        });
        let error = run_end(EndReason::Error {
            message: "m".into(),
            action: "x".into(),
            block_type: "T_Fail".into(),
        });
        let call = TraceEntry::Call {
            action: "a".into(),
            block_type: "T".into(),
            bridge: Bridge::Agent,
            method: "connect".into(),
            args: json!({}),
            answer: Answer::Err(HostError::new("BUSY", "busy")),
        };
        assert_eq!(
            serde_json::to_value(&window).unwrap(),
            json!({"kind": "runEnd", "flow": "f", "reason": "runWindow", "limitMs": 5.0,
                   "action": "w", "blockType": "T_Wait", "steps": 2, "elapsedMs": 6.0})
        );
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({"kind": "runEnd", "flow": "f", "reason": "error", "message": "m",
                   "action": "x", "blockType": "T_Fail", "steps": 2, "elapsedMs": 6.0})
        );
        assert_eq!(
            serde_json::to_value(&call).unwrap()["answer"],
            json!({"error": {"code": "BUSY", "message": "busy"}})
        );
        // And each reads back.
        for e in [window, error, call] {
            let text = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<TraceEntry>(&text).unwrap(), e);
        }
    }

    #[test]
    fn older_snake_case_traces_still_read() {
        let window: TraceEntry = serde_json::from_str(
            r#"{"kind":"runEnd","flow":"f","reason":"runWindow","limit_ms":5.0,"action":"w","steps":2,"elapsedMs":6.0}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            window,
            TraceEntry::RunEnd { reason: EndReason::RunWindow { limit_ms, .. }, .. } if limit_ms == 5.0
        ));
        let error: EndReason = serde_json::from_str(
            r#"{"reason":"error","message":"m","action":"x","block_type":"T_Fail"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(error, EndReason::Error { block_type, .. } if block_type == "T_Fail"));
        let answer: Answer =
            serde_json::from_str(r#"{"err":{"code":"BUSY","message":"busy"}}"#).unwrap();
        assert_eq!(answer, Answer::Err(HostError::new("BUSY", "busy")));
    }
}
