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

/// Formats a number as JavaScript's `String(n)` does (ECMA-262
/// Number::toString, radix 10): the shortest digits that read back as `f`,
/// written plainly when the decimal exponent lies in -7 < e < 21 and as
/// `1.5e+21` / `1e-7` otherwise; `-0` is `"0"`.
pub fn js_number_string(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return "0".into();
    }
    // Rust's `{:e}` writes the shortest round-trip digits, as in `1.2345e2`:
    // the spec's s (the digits), k (their count) and n (exponent + 1).
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    let mut out = String::with_capacity(k as usize + 8);
    if f < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
    out
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
    fn numbers_print_as_javascripts_to_string() {
        for (f, want) in [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (123.456, "123.456"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e20, "100000000000000000000"),
            (1.2345678901234568e20, "123456789012345680000"),
            (1e21, "1e+21"),
            (-1e21, "-1e+21"),
            (1.5e21, "1.5e+21"),
            (1e300, "1e+300"),
            (0.000001, "0.000001"),
            (0.0000015, "0.0000015"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(js_number_string(f), want, "{f:e}");
        }
    }
}
