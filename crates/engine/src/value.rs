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
        Some(Value::String(s)) => js_string_to_number(s),
        Some(Value::Array(_)) | Some(Value::Object(_)) => f64::NAN,
    }
}

/// JavaScript's white space and line terminators, which `Number(text)` trims
/// (ECMA-262 §12.2, §12.3): tab, LF, VT, FF, CR, U+FEFF and the Unicode Zs
/// category. Not Rust's `char::is_whitespace`, which also takes U+0085 and
/// leaves U+FEFF.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{D}'
            | ' '
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
    )
}

/// `Number(text)`: ECMAScript StringToNumber (ECMA-262 §7.1.4.1.1).
///
/// The text is trimmed of JavaScript white space ([`is_js_space`]); empty
/// is 0. Then it must be, as a whole, `Infinity` with an optional sign, a
/// `0x`/`0o`/`0b` integer (no sign, no `_`), or a decimal literal (see
/// [`js_decimal`]); anything else, `"inf"`, `"NaN"`, `"1_000"` and `"1e"`
/// included, is NaN. The result is correctly rounded.
pub fn js_string_to_number(text: &str) -> f64 {
    let t = text.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    if let Some(f) = non_decimal_integer(t) {
        return f;
    }
    match t.strip_prefix(['+', '-']).unwrap_or(t) {
        "Infinity" if t.starts_with('-') => f64::NEG_INFINITY,
        "Infinity" => f64::INFINITY,
        _ => js_decimal(t).unwrap_or(f64::NAN),
    }
}

/// The value of `t` when it is, exactly and untrimmed, a StrDecimalLiteral
/// other than `Infinity`: an optional sign, digits with an optional point
/// (`5`, `5.`, `.5`, `5.5`, but not `.`), and an optional exponent (`e`
/// or `E`, an optional sign, digits). Correctly rounded; beyond the range
/// of f64 it is ±Infinity, below it ±0.
pub fn js_decimal(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // The grammar above is a subset of what Rust's parser reads, and Rust's
    // parser is correctly rounded.
    t.parse::<f64>().ok()
}

/// A `0x`, `0o` or `0b` integer literal (NonDecimalIntegerLiteral without
/// separators), correctly rounded to the nearest f64.
fn non_decimal_integer(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let bits_per_digit = match b.get(..2)? {
        [b'0', b'x' | b'X'] => 4,
        [b'0', b'o' | b'O'] => 3,
        [b'0', b'b' | b'B'] => 1,
        _ => return None,
    };
    let radix = 1u32 << bits_per_digit;
    // The leading 64 significant bits, then a count of the bits after them
    // and whether any is set (folded into a sticky low bit below): 64 bits
    // hold the 53 kept, the rounding bit and more, so converting the 64-bit
    // integer rounds as converting the whole number would.
    let (mut top, mut width, mut dropped, mut sticky) = (0u64, 0u32, 0u64, false);
    for c in t[2..].chars() {
        let d = c.to_digit(radix)?;
        for shift in (0..bits_per_digit).rev() {
            let bit = d >> shift & 1 == 1;
            if width < 64 {
                if width > 0 || bit {
                    top = top << 1 | u64::from(bit);
                    width += 1;
                }
            } else {
                dropped += 1;
                sticky |= bit;
            }
        }
    }
    if t.len() == 2 {
        return None;
    }
    if sticky {
        top |= 1;
    }
    // Scaling by a power of two is exact; past f64::MAX it is Infinity.
    let scale = i32::try_from(dropped).unwrap_or(i32::MAX).min(2048);
    Some(top as f64 * 2f64.powi(scale))
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

    /// `Number(text)` per ECMA-262 §7.1.4.1.1. Every expected value follows
    /// from the grammar and from exact values (each float literal is the
    /// f64 nearest to it; ties go to even); `None` is NaN. All of them were
    /// also checked against Node.js (V8) when the table was written.
    #[test]
    fn string_to_number_follows_ecmascript() {
        let nan = None;
        let cases: &[(&str, Option<f64>)] = &[
            // Empty and white space only: 0.
            ("", Some(0.0)),
            ("   ", Some(0.0)),
            ("\u{FEFF}\t\n\u{2028}\u{3000}", Some(0.0)),
            // Trimming: JS white space and line terminators, nothing else.
            (" 12 ", Some(12.0)),
            ("\u{FEFF}42\u{A0}", Some(42.0)),
            (
                "\u{2029}7\u{1680}\u{202F}\u{205F}\u{2000}\u{200A}\u{B}\u{C}\r",
                Some(7.0),
            ),
            ("\u{85}1", nan),   // NEL is not JS white space
            ("\u{200B}1", nan), // zero-width space is not Zs
            ("1 2", nan),
            // Decimal literals.
            ("0", Some(0.0)),
            ("-0", Some(-0.0)),
            ("+5", Some(5.0)),
            ("-5", Some(-5.0)),
            ("007", Some(7.0)), // no legacy octal in StringToNumber
            ("08", Some(8.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("-.5", Some(-0.5)),
            ("+5.e1", Some(50.0)),
            ("1.5e3", Some(1500.0)),
            ("1E3", Some(1000.0)),
            ("1e+3", Some(1000.0)),
            ("25e-1", Some(2.5)),
            (".5e1", Some(5.0)),
            ("0.1", Some(0.1)),
            ("1e400", Some(f64::INFINITY)),
            ("-1e400", Some(f64::NEG_INFINITY)),
            ("1e-400", Some(0.0)),
            ("1e99999999999999999999", Some(f64::INFINITY)),
            ("2.2250738585072014e-308", Some(f64::MIN_POSITIVE)),
            ("4.9406564584124654e-324", Some(5e-324)),
            ("9007199254740993", Some(9_007_199_254_740_992.0)), // tie, to even
            ("9007199254740995", Some(9_007_199_254_740_996.0)), // tie, to even
            ("1.7976931348623157e308", Some(f64::MAX)),
            // Infinity: exactly this spelling, with an optional sign.
            ("Infinity", Some(f64::INFINITY)),
            ("+Infinity", Some(f64::INFINITY)),
            ("-Infinity", Some(f64::NEG_INFINITY)),
            (" Infinity\n", Some(f64::INFINITY)),
            ("infinity", nan),
            ("INFINITY", nan),
            ("inf", nan),
            ("+inf", nan),
            ("-infinity", nan),
            ("Infinityx", nan),
            ("NaN", nan),
            ("nan", nan),
            // Non-decimal integers: no sign, no point, no separator.
            ("0x1F", Some(31.0)),
            ("0X1f", Some(31.0)),
            ("0o17", Some(15.0)),
            ("0O17", Some(15.0)),
            ("0b101", Some(5.0)),
            ("0B101", Some(5.0)),
            ("0x", nan),
            ("0b", nan),
            ("0b2", nan),
            ("0o8", nan),
            ("0xg", nan),
            ("-0x10", nan),
            ("+0x10", nan),
            ("0x1.8", nan),
            ("0x1_0", nan),
            ("00x1", nan),
            ("0x00000000000000000000000000000000001", Some(1.0)),
            ("0xFFFFFFFFFFFFFFFF", Some(18_446_744_073_709_551_616.0)),
            ("0x20000000000001", Some(9_007_199_254_740_992.0)), // 2^53 + 1: tie, to even
            ("0x20000000000003", Some(9_007_199_254_740_996.0)), // 2^53 + 3: tie, to even
            // 2^53 + 1 followed by 80 bits whose only one is the last: above
            // the tie, so it rounds up (the sticky bit at work).
            (
                "0x2000000000000100000000000000000001",
                Some((9_007_199_254_740_994.0f64) * 2f64.powi(80)),
            ),
            // Everything else.
            (".", nan),
            ("+", nan),
            ("-", nan),
            ("e5", nan),
            (".e5", nan),
            ("1e", nan),
            ("1e+", nan),
            ("1e5.5", nan),
            ("1.2.3", nan),
            ("1_000", nan),
            ("1,000", nan),
            ("--1", nan),
            ("+-1", nan),
            ("12px", nan),
            ("１２", nan), // full-width digits
            ("1n", nan),
        ];
        for (text, want) in cases {
            let got = js_string_to_number(text);
            match want {
                None => assert!(got.is_nan(), "Number({text:?}) = {got}, want NaN"),
                Some(w) => assert!(
                    got.to_bits() == w.to_bits(),
                    "Number({text:?}) = {got:e}, want {w:e}"
                ),
            }
        }
        // 2^1020 is finite, 2^1024 and above is not; decimal and hex agree.
        let hex = |zeros| format!("0x1{}", "0".repeat(zeros));
        assert_eq!(js_string_to_number(&hex(255)), 2f64.powi(1020));
        assert_eq!(js_string_to_number(&hex(256)), f64::INFINITY);
        assert_eq!(js_string_to_number(&hex(10_000)), f64::INFINITY);
        assert_eq!(
            js_string_to_number(&format!("1{}", "0".repeat(400))),
            f64::INFINITY
        );
        // js_number reads strings the same way.
        assert_eq!(js_number(Some(&json!("0x1F"))), 31.0);
        assert!(js_number(Some(&json!("inf"))).is_nan());
        assert!((js_number(Some(&json!("inf"))) * js_number(Some(&json!("-infinity")))).is_nan());
    }

    /// Every text of up to four characters from an alphabet of the
    /// grammar's pieces reads without a panic; `Number(String(f))` gives `f`
    /// back for doubles spread over the whole range, as in JavaScript.
    #[test]
    fn no_text_panics_and_printed_numbers_read_back() {
        let alphabet: Vec<char> = "0189xXobe.+-_ I\u{FEFF}".chars().collect();
        let mut text = String::new();
        let mut stack = vec![0usize; 0];
        loop {
            text.clear();
            text.extend(stack.iter().map(|&i| alphabet[i]));
            let _ = js_string_to_number(&text);
            // Next combination, shortest first.
            match stack.iter().rposition(|&i| i + 1 < alphabet.len()) {
                Some(at) => {
                    stack[at] += 1;
                    stack[at + 1..].fill(0);
                }
                None if stack.len() < 4 => stack = vec![0; stack.len() + 1],
                None => break,
            }
        }
        let mut bits = 1u64;
        while bits < 0x7FF0_0000_0000_0000 {
            for f in [f64::from_bits(bits), -f64::from_bits(bits)] {
                let back = js_string_to_number(&js_number_string(f));
                assert_eq!(
                    back.to_bits(),
                    f.to_bits(),
                    "{f:e} → {}",
                    js_number_string(f)
                );
            }
            bits += bits / 64 + 12_345;
        }
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
