//! [`ScriptedHost`]: a headless host with canned answers per bridge call, a
//! virtual clock and an in-memory property store. The CLI's `run`, the block
//! tests and the benchmarks run against it.
//!
//! # Host file
//!
//! ```json
//! {
//!   "startMs": 1767225600000,
//!   "latencyMs": 0,
//!   "properties": { "greeting": "hi" },
//!   "answers": {
//!     "salesforceUi.searchAndScreenPop": { "ok": { "003xx": { "Id": "003xx" } } },
//!     "salesforceData.search": { "error": { "code": "NOT_FOUND", "message": "no match" } },
//!     "agent.connect": { "sequence": [ { "error": { "code": "BUSY", "message": "line busy" } }, { "ok": null } ] },
//!     "salesforceUi.*": { "error": { "code": "GENERIC_ERROR", "message": "Open CTI is down" } }
//!   }
//! }
//! ```
//!
//! An answer is `{"ok": value}`, `{"error": {code, message?, details?}}`
//! (the message defaults to the code), `{"sequence": [answer, ...]}` (one
//! per call, the last repeats), or any other JSON value, taken as
//! `{"ok": value}`. An object with `ok`, `error` or `sequence` next to other
//! keys is a mistake, answered as the error `BAD_ANSWER`. Keys are
//! `bridge.method`; `bridge.*` answers every method of a family.
//!
//! # Defaults (no answer scripted)
//!
//! - `platform.getProperty`, `setProperty`, `unsetProperty`,
//!   `clearProperties`, `getAllProperties`, `updateCounter`, `getCounter`:
//!   the in-memory store (counters apart from properties), which persists
//!   across runs of one host. An
//!   `updateCounter` whose result is not a finite number (past ±1.8e308, or
//!   a `delta` that is not a number) fails with `COUNTER_OVERFLOW` and
//!   leaves the count as it was.
//! - `platform.http`: `{status: 200, headers: {}, body: ""}`.
//! - every other call: `ok` with `null`.

use crate::host::{Bridge, Host, HostCall, HostError, HostResult, LocalBoxFuture};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// 2026-01-01T00:00:00Z, the default start of the virtual clock.
pub const DEFAULT_START_MS: f64 = 1_767_225_600_000.0;

/// The host file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Script {
    /// Virtual clock start, ms since the epoch.
    pub start_ms: Option<f64>,
    /// Virtual time each bridge call takes.
    pub latency_ms: f64,
    /// Initial properties.
    pub properties: Map<String, Value>,
    /// Answers per `bridge.method`.
    pub answers: Map<String, Value>,
}

/// A headless host. See the module docs.
#[derive(Debug)]
pub struct ScriptedHost {
    script: Script,
    clock: Cell<f64>,
    store: RefCell<Map<String, Value>>,
    /// The counters, apart from the properties (as in the browser, where
    /// they are stored under other keys): a property named `counter:x` is
    /// not counter `x`, and clearing the properties keeps the counts.
    counters: RefCell<Map<String, Value>>,
    cursor: RefCell<HashMap<String, usize>>,
    calls: RefCell<Vec<HostCall>>,
}

impl Default for ScriptedHost {
    fn default() -> Self {
        Self::new(Script::default())
    }
}

/// Reads one scripted answer.
pub fn parse_answer(v: &Value) -> HostResult {
    if let Value::Object(m) = v {
        let reserved = ["ok", "error", "sequence"];
        if m.len() > 1 && m.keys().any(|k| reserved.contains(&k.as_str())) {
            let keys: Vec<&str> = m.keys().map(String::as_str).collect();
            return Err(HostError::new(
                "BAD_ANSWER",
                format!(
                    "the scripted answer has the keys {}; an answer is {{\"ok\": value}}, \
                     {{\"error\": {{\"code\", \"message\"}}}} or {{\"sequence\": [...]}} alone \
                     (wrap a result object in {{\"ok\": ...}})",
                    keys.join(", ")
                ),
            ));
        }
        if let Some(ok) = m.get("ok") {
            return Ok(ok.clone());
        }
        if let Some(e) = m.get("error") {
            let text = |k: &str| e.get(k).and_then(Value::as_str).map(str::to_string);
            return Err(match (e, text("code")) {
                (Value::Object(_), Some(code)) => HostError {
                    message: text("message").unwrap_or_else(|| code.clone()),
                    details: e.get("details").cloned().unwrap_or(Value::Null),
                    code,
                },
                _ => match serde_json::from_value::<HostError>(e.clone()) {
                    Ok(he) => he,
                    Err(_) => HostError::new("ERROR", crate::value::js_string(Some(e))),
                },
            });
        }
    }
    Ok(v.clone())
}

impl ScriptedHost {
    /// A host from a script.
    pub fn new(script: Script) -> Self {
        let store = RefCell::new(script.properties.clone());
        let clock = Cell::new(script.start_ms.unwrap_or(DEFAULT_START_MS));
        ScriptedHost {
            script,
            clock,
            store,
            counters: RefCell::new(Map::new()),
            cursor: RefCell::new(HashMap::new()),
            calls: RefCell::new(Vec::new()),
        }
    }

    /// A host from host-file JSON.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        Ok(Self::new(serde_json::from_str(text)?))
    }

    /// Adds or replaces the answer for `bridge.method`.
    pub fn answer(mut self, key: &str, answer: Value) -> Self {
        self.script.answers.insert(key.to_string(), answer);
        self
    }

    /// Every call made so far.
    pub fn calls(&self) -> Vec<HostCall> {
        self.calls.borrow().clone()
    }

    /// The calls made so far, as `bridge.method` keys.
    pub fn call_keys(&self) -> Vec<String> {
        self.calls.borrow().iter().map(HostCall::key).collect()
    }

    /// Forgets the recorded calls (the store and clock are kept).
    pub fn clear_calls(&self) {
        self.calls.borrow_mut().clear();
    }

    /// The property store.
    pub fn properties(&self) -> Map<String, Value> {
        self.store.borrow().clone()
    }

    /// Advances the virtual clock.
    pub fn advance(&self, ms: f64) {
        self.clock.set(self.clock.get() + ms);
    }

    fn scripted(&self, key: &str, family: &str) -> Option<HostResult> {
        let (k, v) = match self.script.answers.get(key) {
            Some(v) => (key, v),
            None => (family, self.script.answers.get(family)?),
        };
        if let Some(Value::Array(seq)) = v.get("sequence") {
            if v.as_object().is_some_and(|m| m.len() == 1) {
                let mut cur = self.cursor.borrow_mut();
                let i = cur.entry(k.to_string()).or_insert(0);
                let a = seq.get(*i).or(seq.last())?;
                *i += 1;
                return Some(parse_answer(a));
            }
        }
        Some(parse_answer(v))
    }

    fn default_answer(&self, call: &HostCall) -> HostResult {
        let arg = |k: &str| call.args.get(k).cloned().unwrap_or(Value::Null);
        let key = || crate::value::js_string(call.args.get("key"));
        if call.bridge != Bridge::Platform {
            return Ok(Value::Null);
        }
        let mut store = self.store.borrow_mut();
        Ok(match call.method.as_str() {
            "getProperty" => store.get(&key()).cloned().unwrap_or(Value::Null),
            "setProperty" => {
                store.insert(key(), arg("value"));
                Value::Null
            }
            "unsetProperty" => {
                store.remove(&key());
                Value::Null
            }
            "clearProperties" => {
                store.clear();
                Value::Null
            }
            "getAllProperties" => Value::Object(store.clone()),
            "getCounter" | "updateCounter" => {
                let mut counters = self.counters.borrow_mut();
                let k = key();
                let cur = counters.get(&k).and_then(Value::as_f64).unwrap_or(0.0);
                // As the browser's bridge: a missing or null delta adds 1,
                // anything else is read with `Number()`.
                let delta = match call.args.get("delta") {
                    _ if call.method == "getCounter" => 0.0,
                    None | Some(Value::Null) => 1.0,
                    d => crate::value::js_number(d),
                };
                let next = cur + delta;
                if !next.is_finite() {
                    // A count JSON cannot hold: fail and keep the count,
                    // rather than store null and read it back as 0.
                    let show = crate::value::js_number_string;
                    return Err(HostError::new(
                        "COUNTER_OVERFLOW",
                        format!(
                            "counter `{}` cannot become {} ({} + {}); it stays at {}",
                            key(),
                            show(next),
                            show(cur),
                            show(delta),
                            show(cur)
                        ),
                    ));
                }
                let next = crate::value::number_value(next);
                counters.insert(k, next.clone());
                next
            }
            "http" => json!({"status": 200, "headers": {}, "body": ""}),
            _ => Value::Null,
        })
    }
}

impl Host for ScriptedHost {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        self.calls.borrow_mut().push(call.clone());
        self.advance(self.script.latency_ms);
        let scripted = if self.script.answers.is_empty() {
            None
        } else {
            self.scripted(&call.key(), &format!("{}.*", call.bridge))
        };
        let answer = scripted.unwrap_or_else(|| self.default_answer(call));
        Box::pin(std::future::ready(answer))
    }

    fn now_ms(&self) -> f64 {
        self.clock.get()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        if ms.is_finite() && ms > 0.0 {
            self.advance(ms);
        }
        Box::pin(std::future::ready(()))
    }
}
