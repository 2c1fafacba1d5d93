//! # ctiflow-replay
//!
//! Headless record and replay of agent sessions, for CI: a team that changes
//! a flow (or upgrades ctiflow) replays recorded sessions and learns, before
//! agents feel it, whether any recorded call now pops a different record,
//! logs a different task or sets a different state.
//!
//! - [`format`]: the recording, JSON Lines: a header, then events and the
//!   answer every bridge call got. `crates/replay/README.md` documents it
//!   with an example.
//! - [`record`]: [`RecordingHost`] wraps a real host, passes every call
//!   through and records the answer; [`Recorder`] writes header and events.
//!   Secrets are scrubbed ([`scrub`]) before anything is stored.
//! - [`replay`](mod@replay): [`ReplayHost`] answers every call from the
//!   recording on a virtual clock; [`replay()`](replay::replay) dispatches every recorded
//!   event through an engine and collects the trace.
//! - [`diff`]: compares traces and names the event, flow, action and the
//!   first bridge call that differs.
//! - [`junit`], [`cli`]: JUnit XML and the `ctiflow replay` command.
//!
//! ```
//! use ctiflow_engine::{scripted::ScriptedHost, exec::block_on, Engine, EngineConfig, Event, EventKey};
//! use ctiflow_replay::{replay, Header, RecordingHost, Recording};
//! // Record: dispatch an event through a RecordingHost.
//! let flow_set = serde_json::json!({"flows": [{"source": "Voice Contact", "event": "onConnecting",
//!     "flow": {"actions": [{"id": "0", "type": "SE_Start", "ports": {"done": "1"}}, {"id": "1", "type": "SE_End"}]}}]});
//! let mut engine = Engine::new(ctiflow_blocks::catalog());
//! engine.load_flow_set("set", &flow_set.to_string(), &|_| Err("no files".into()));
//! let host = RecordingHost::new(ScriptedHost::default(), Header::new(0.0, flow_set, EngineConfig::default()));
//! let key = EventKey::parse("Voice Contact/onConnecting").unwrap();
//! let event = Event { payload: serde_json::json!({"sessionToken": "s3cr3t"}), ..Event::default() };
//! block_on(engine.dispatch(key, &event, &host.begin_event("Voice Contact", "onConnecting", &event), None));
//! let text = host.recorder().to_jsonl();
//! assert!(!text.contains("s3cr3t"));
//! // Replay it headless.
//! let rec = Recording::parse("mem", &text).unwrap();
//! let out = replay(&engine, &rec).unwrap();
//! assert_eq!(out.event_count(), 1);
//! assert!(out.mismatches.is_empty());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod diff;
pub mod format;
pub mod junit;
pub mod load;
pub mod record;
pub mod replay;
pub mod scrub;

pub use format::{Header, Recording, FORMAT, VERSION};
pub use record::{EventScope, Recorder, RecordingHost};
#[cfg(not(target_arch = "wasm32"))]
pub use replay::{replay, replay_each, replay_with};
pub use replay::{ReplayHost, ReplayOutput, REPLAY_MISMATCH};

use serde_json::Value;

/// JSON equality where numbers compare by value (`1` equals `1.0`): a
/// recording written by JavaScript and a trace written by Rust spell numbers
/// differently.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => p == q,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
