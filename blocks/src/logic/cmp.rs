//! Comparison rules shared by the decision blocks (If-else, Is One Of?,
//! Text Starts/Ends With Value).
//!
//! The rule flow authors expect from the adapter's JavaScript: when both sides
//! are numeric (a JSON number, or a text that is a plain decimal number) they
//! compare as numbers, so `"10"` equals `10` and `"9" < "10"`; otherwise both
//! sides compare as their `String()` text. Undefined and `null` read as `""`.

use crate::prelude::*;
use ctiflow_engine::value::{is_js_space, js_decimal};
use std::cmp::Ordering;

/// The number a value stands for, when it is plainly numeric: a finite JSON
/// number, or a text that is a finite JavaScript decimal literal once
/// trimmed of JavaScript white space (`js_decimal`: sign, digits, point,
/// exponent; so `"Infinity"`, `"0x10"`, `"nan"` and `""` are not numeric,
/// although `Number()` reads the first two).
pub(crate) fn numeric(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64().filter(|f| f.is_finite()),
        Value::String(s) => js_decimal(s.trim_matches(is_js_space)).filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Text of a value for comparisons: `String(v)`, with null/undefined as `""`.
pub(crate) fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        other => js_string(other),
    }
}

/// Loose equality: numeric when both sides are numeric, else by text.
pub(crate) fn loose_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => x == y,
        _ => text(a) == text(b),
    }
}

/// Ordering: numeric when both sides are numeric, else by text (code point
/// order, which matches JavaScript's for all but astral-plane characters).
pub(crate) fn order(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => text(a).cmp(&text(b)),
    }
}

/// A list control: a JSON array as is, a text split on commas (each entry
/// trimmed, empty entries dropped), any other single value as a one-item list,
/// absent as empty.
pub(crate) fn list(v: Option<Value>) -> Vec<Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(Value::String(s)) => s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Value::String(p.to_string()))
            .collect(),
        Some(other) => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_as_numbers_and_text_as_text() {
        assert!(loose_eq(Some(&json!("10")), Some(&json!(10))));
        assert!(loose_eq(Some(&json!(" 1.0 ")), Some(&json!(1))));
        assert!(!loose_eq(Some(&json!("abc")), Some(&json!("ABC"))));
        assert!(loose_eq(None, Some(&json!(""))));
        assert!(loose_eq(Some(&json!(false)), Some(&json!("false"))));
        assert_eq!(order(Some(&json!("9")), Some(&json!("10"))), Ordering::Less);
        assert_eq!(
            order(Some(&json!("b")), Some(&json!("a10"))),
            Ordering::Greater
        );
        assert_eq!(numeric(Some(&json!("Infinity"))), None);
        assert_eq!(numeric(Some(&json!("1e999"))), None);
        assert_eq!(numeric(Some(&json!("-"))), None);
        assert_eq!(numeric(Some(&json!(""))), None);
        for text in ["0x10", "inf", "NaN", "1_0", "1e", ".", "\u{85}1"] {
            assert_eq!(numeric(Some(&json!(text))), None, "{text:?}");
        }
        assert_eq!(numeric(Some(&json!("\u{FEFF}.5\u{A0}"))), Some(0.5));
        assert_eq!(numeric(Some(&json!("5."))), Some(5.0));
        assert_eq!(numeric(Some(&json!("-2E+1"))), Some(-20.0));
    }

    #[test]
    fn lists_from_arrays_and_comma_text() {
        assert_eq!(
            list(Some(json!("a, b,,c "))),
            vec![json!("a"), json!("b"), json!("c")]
        );
        assert_eq!(list(Some(json!([1, "x"]))), vec![json!(1), json!("x")]);
        assert_eq!(list(Some(json!(7))), vec![json!(7)]);
        assert!(list(None).is_empty());
    }
}
