//! JSON values with the JavaScript semantics the adapter's flows rely on.
//!
//! The adapter runs flows in JavaScript, so a flow author's expectations are
//! JavaScript's: `"0"` is truthy, `false` joins as `"false"`, numbers print
//! without a trailing `.0`. These helpers are the one place those rules live.

use serde_json::{Number, Value};

/// JavaScript truthiness: `false`, `0`, `NaN`, `""`, `null` and undefined are
/// false; everything else, including `"false"`, `"0"`, `[]` and `{}`, is true.
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_)) | Some(Value::Object(_)) => true,
    }
}

/// Formats a number as JavaScript's `String(n)` does for common values.
pub fn js_number_string(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if f == f.trunc() && f.abs() < 1e21 {
        format!("{}", f as i128)
    } else {
        format!("{f}")
    }
}

/// `String(v)` as JavaScript would write it, except that objects and arrays
/// of objects are written as JSON (more useful in a log or a task subject
/// than `[object Object]`). Undefined (`None`) is the empty string, the way
/// the adapter's templates drop missing values.
pub fn js_string(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Null) => "null".into(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(f) if n.is_f64() => js_number_string(f),
            _ => n.to_string(),
        },
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) if a.iter().all(|x| !x.is_object()) => a
            .iter()
            .map(|x| match x {
                Value::Null => String::new(),
                other => js_string(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
}

/// `Number(v)` as JavaScript computes it (`""` and `null` are 0, bad text is NaN).
pub fn js_number(v: Option<&Value>) -> f64 {
    match v {
        None => f64::NAN,
        Some(Value::Null) => 0.0,
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                0.0
            } else {
                t.parse::<f64>().unwrap_or(f64::NAN)
            }
        }
        Some(Value::Array(_)) | Some(Value::Object(_)) => f64::NAN,
    }
}

/// A JSON number for `f`: whole numbers as integers; NaN and infinities have
/// no JSON form and become `null`.
pub fn number_value(f: f64) -> Value {
    if f.is_finite() && f == f.trunc() && f.abs() < 9.007_199_254_740_992e15 {
        Value::Number(Number::from(f as i64))
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// What [`held_bytes`] counts for each JSON value: the value itself.
pub(crate) const NODE_BYTES: u64 = std::mem::size_of::<Value>() as u64;
/// What it counts for each object entry beyond its value: the key's
/// `String` and the map's index slot and hash.
pub(crate) const ENTRY_BYTES: u64 = std::mem::size_of::<String>() as u64 + 16;

/// An estimate of the memory a value holds, in bytes: every JSON value
/// counts its own size, texts and keys their length, object entries their
/// slot in the map. For text it is about the JSON length; for many small
/// fields it is several times it, as the memory is. One walk over the
/// value, no allocation; the run's memory limits
/// ([`crate::Limits::max_value_bytes`], [`crate::Limits::max_trace_bytes`])
/// are measured with it.
#[inline]
pub fn held_bytes(v: &Value) -> u64 {
    // Scalars inline (most controls and results); containers walk.
    match v {
        Value::Null | Value::Bool(_) | Value::Number(_) => NODE_BYTES,
        Value::String(s) => NODE_BYTES + s.len() as u64,
        _ => held_bytes_walk(v),
    }
}

fn held_bytes_walk(v: &Value) -> u64 {
    NODE_BYTES
        + match v {
            Value::Null | Value::Bool(_) | Value::Number(_) => 0,
            Value::String(s) => s.len() as u64,
            Value::Array(a) => a.iter().map(held_bytes).sum(),
            Value::Object(m) => m
                .iter()
                .map(|(k, x)| ENTRY_BYTES + k.len() as u64 + held_bytes(x))
                .sum(),
        }
}

/// A short type name for messages: `string`, `number`, `boolean`, `object`,
/// `array`, `null`.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness_is_javascripts() {
        for (v, t) in [
            (json!(false), false),
            (json!(0), false),
            (json!(0.0), false),
            (json!(""), false),
            (json!(null), false),
            (json!("false"), true),
            (json!("0"), true),
            (json!([]), true),
            (json!({}), true),
            (json!(-1), true),
            (json!(true), true),
        ] {
            assert_eq!(truthy(Some(&v)), t, "{v}");
        }
        assert!(!truthy(None));
    }

    #[test]
    fn strings_and_numbers() {
        assert_eq!(js_string(Some(&json!(false))), "false");
        assert_eq!(js_string(Some(&json!(3.0))), "3");
        assert_eq!(js_string(Some(&json!(2.5))), "2.5");
        assert_eq!(js_string(Some(&json!([1, "a", null]))), "1,a,");
        assert_eq!(js_number(Some(&json!(" 12 "))), 12.0);
        assert!(js_number(Some(&json!("x"))).is_nan());
        assert_eq!(number_value(6.0), json!(6));
        assert_eq!(number_value(f64::INFINITY), json!(null));
    }

    #[test]
    fn held_bytes_counts_text_and_structure() {
        let node = NODE_BYTES;
        assert_eq!(held_bytes(&json!(null)), node);
        assert_eq!(held_bytes(&json!("x".repeat(1000))), node + 1000);
        assert_eq!(
            held_bytes(&json!({"ab": [1, "cd"]})),
            node + ENTRY_BYTES + 2 + node + node + node + 2
        );
        // A million small values hold far more than their JSON length.
        let many = Value::Array(vec![json!(0); 1_000_000]);
        assert!(held_bytes(&many) >= 16_000_000);
    }
}
