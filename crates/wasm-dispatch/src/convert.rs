//! Values across the boundary, and the one way errors reach JS.
//!
//! Data values (payloads, snapshots, bridge answers, reports) cross as JSON:
//! `JSON.stringify` on the way in (so `Date`s become ISO strings, functions
//! and `undefined` fields drop out, and a live Streams object that cannot be
//! serialised is an error instead of a trap) and `JSON.parse` on the way out
//! (one string copy instead of one boundary call per field). Options are
//! typed structs read from the same JSON (`NaN`/`Infinity` become `null`,
//! as `JSON.stringify` makes them), and [`known_keys`] makes a typo an
//! error. (serde-wasm-bindgen was dropped: 2.5 KB gzip for no behaviour.)

use ctiflow_engine::Diagnostic;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why a facade call failed: a message and, for flows that do not validate,
/// their diagnostics. Becomes a JS `Error` (with `.diagnostics`) through
/// [`Failure::into_js`], the only conversion to JS errors in the crate.
#[derive(Debug)]
pub struct Failure {
    /// The error message.
    pub message: String,
    /// The diagnostics, when the failure is a validation failure.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// A failure with a message only.
    pub fn msg(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }

    /// A validation failure.
    pub fn invalid(message: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            message: message.into(),
            diagnostics,
        }
    }

    /// The JS `Error`; `.diagnostics` is set (possibly to `[]`) on every
    /// error so callers can read it unconditionally.
    pub fn into_js(self) -> JsValue {
        let err = js_sys::Error::new(&self.message);
        let diags = to_js(&self.diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
        // Setting a property on a fresh Error cannot fail; ignore the result
        // rather than unwrap it.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &diags);
        err.into()
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        f.into_js()
    }
}

/// A JS value as JSON. `undefined` (and anything `JSON.stringify` drops) is
/// `null`; a value that cannot be serialised (a cycle, a BigInt) is an error
/// naming `what`.
pub fn to_json(v: &JsValue, what: &str) -> Result<Value, Failure> {
    parse_json(json_string(v, what)?.as_ref(), what)
}

/// The JSON text of a JS value, still a JS string (so that two texts can be
/// compared without copying them into wasm): `None` for `undefined`, `null`
/// and anything `JSON.stringify` drops; an error naming `what` for a value
/// that cannot be serialised.
pub fn json_string(v: &JsValue, what: &str) -> Result<Option<js_sys::JsString>, Failure> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let text = js_sys::JSON::stringify(v)
        .map_err(|e| Failure::msg(format!("{what} is not JSON-serialisable: {}", describe(&e))))?;
    Ok(text.is_string().then(|| text.unchecked_into()))
}

/// Parses what [`json_string`] gave (`None` is `null`).
pub fn parse_json(text: Option<&js_sys::JsString>, what: &str) -> Result<Value, Failure> {
    match text.and_then(|t| t.as_string()) {
        Some(t) => serde_json::from_str(&t)
            .map_err(|e| Failure::msg(format!("{what} is not valid JSON: {e}"))),
        None => Ok(Value::Null),
    }
}

/// `JSON.stringify(v)`; `None` when it gives `undefined` (a function).
fn stringify(v: &JsValue, what: &str) -> Result<Option<String>, Failure> {
    let text = js_sys::JSON::stringify(v)
        .map_err(|e| Failure::msg(format!("{what} is not JSON-serialisable: {}", describe(&e))))?;
    Ok(text.as_string())
}

/// Text of a flow or flow set given either as JSON text or as an object.
/// An object's text is `JSON.stringify`'s, handed on as is (the engine
/// parses it once; no parse and re-serialise here).
pub fn json_text(v: &JsValue, what: &str) -> Result<String, Failure> {
    match v.as_string() {
        Some(s) => Ok(s),
        None if v.is_object() => Ok(stringify(v, what)?.unwrap_or_else(|| "null".into())),
        None => Err(Failure::msg(format!(
            "{what} must be JSON text or an object, got {}",
            describe(v)
        ))),
    }
}

/// A Rust value as a plain JS value (objects, arrays, numbers, strings).
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure::msg(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| Failure::msg(describe(&e)))
}

/// A typed options object read through JSON; `undefined`/`null` give the
/// default.
pub fn options<T: DeserializeOwned + Default>(v: &JsValue, what: &str) -> Result<T, Failure> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(to_json(v, what)?).map_err(|e| Failure::msg(format!("{what}: {e}")))
}

/// Fails when a plain options object has a key outside `allowed` (a typo
/// such as `httpAllowList` would otherwise be ignored silently; the typed
/// read takes only the fields it knows).
pub fn known_keys(v: &JsValue, what: &str, allowed: &[&str]) -> Result<(), Failure> {
    if !v.is_object() || v.is_function() {
        return Ok(());
    }
    let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
    for k in keys.iter() {
        let k = k.as_string().unwrap_or_default();
        if !allowed.contains(&k.as_str()) {
            return Err(Failure::msg(format!(
                "{what}: unknown option `{k}` (known: {})",
                allowed.join(", ")
            )));
        }
    }
    Ok(())
}

/// How many strings [`js_str`] keeps.
const JS_STR_CACHE: usize = 256;

thread_local! {
    static JS_STRS: std::cell::RefCell<std::collections::HashMap<Box<str>, JsValue>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `s` as a JS string, for the few strings every event sends again
/// (bridge and method names, flow names, the keys [`get`] reads): made once
/// and kept, since making one from wasm decodes it in JS each time. Keeps at
/// most [`JS_STR_CACHE`]; past that it starts over, so odd names cannot
/// grow it.
pub fn js_str(s: &str) -> JsValue {
    JS_STRS.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return JsValue::from_str(s);
        };
        if let Some(v) = cache.get(s) {
            return v.clone();
        }
        if cache.len() >= JS_STR_CACHE {
            cache.clear();
        }
        let v = JsValue::from_str(s);
        cache.insert(s.into(), v.clone());
        v
    })
}

/// A property of a JS object (`undefined` when absent or not an object).
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(obj, &js_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A short human description of any JS value, for messages.
pub fn describe(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    if let Some(s) = v.as_string() {
        return s;
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if let Some(n) = v.as_f64() {
        return n.to_string();
    }
    if let Some(b) = v.as_bool() {
        return b.to_string();
    }
    if v.is_function() {
        return "a function".into();
    }
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "an object".into())
}
