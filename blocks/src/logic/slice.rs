//! # Slice
//!
//! **What it does.** Takes part of a text or an array, with JavaScript
//! `slice(start, end)` rules: indexes count from 0, negative ones count from
//! the end, `end` is excluded and defaults to the end, out-of-range indexes
//! are clamped, and `start >= end` gives an empty result.
//!
//! **Controls.**
//! - `value` (string or array): what to slice. Numbers and booleans are
//!   sliced as their text; undefined and `null` as `""`.
//! - `start` (number, default 0).
//! - `end` (number, optional).
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value}`: a text for a text, an array for an array.
//!
//! **Example.** The last four digits of the caller's number:
//! ```json
//! {"id":"2","type":"SE_CoreSlice","controls":{"value":"$.contact.customerPhoneNumber",
//!  "start":-4},"ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #92). Text is indexed by Unicode characters (code points), not
//! JavaScript's UTF-16 units, so a slice never splits a character; the two
//! differ only for characters outside the Basic Multilingual Plane (emoji).
//! Fractional indexes are truncated as in JavaScript; a `start`/`end` that
//! is not a number is an error naming the control.

use crate::prelude::*;

/// `SE_CoreSlice`.
pub struct Slice;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreSlice",
    aliases: &["SE_Slice"],
    name: "Slice",
    family: Family::Core,
    description:
        "Takes part of a text or an array (JavaScript slice: negative indexes count from the end).",
    controls: &[
        ControlSpec::opt("value", Kind::Any, "The text or array to slice."),
        ControlSpec::def(
            "start",
            Kind::Number,
            "0",
            "First index (negative: from the end).",
        ),
        ControlSpec::opt(
            "end",
            Kind::Number,
            "Index after the last (negative: from the end); the end when empty.",
        ),
    ],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// A JavaScript relative index resolved against `len` (clamped to 0..=len).
fn index(rel: f64, len: usize) -> usize {
    let rel = rel.trunc();
    let len_f = len as f64;
    let abs = if rel < 0.0 {
        (len_f + rel).max(0.0)
    } else {
        rel.min(len_f)
    };
    // `abs` is within 0..=len here, so the cast cannot truncate.
    abs as usize
}

/// The `[from, to)` range of `slice(start, end)` over `len` items.
pub(crate) fn range(start: f64, end: Option<f64>, len: usize) -> (usize, usize) {
    let from = index(start, len);
    let to = end.map_or(len, |e| index(e, len));
    (from, to.max(from))
}

fn optional_number(ctx: &Ctx<'_>, name: &str) -> Result<Option<f64>, BlockError> {
    match ctx.value(name) {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(_) => ctx.number(name).map(Some),
    }
}

impl Block for Slice {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let start = optional_number(ctx, "start")?.unwrap_or(0.0);
            let end = optional_number(ctx, "end")?;
            let out = match ctx.value("value") {
                Some(Value::Array(a)) => {
                    let (f, t) = range(start, end, a.len());
                    Value::Array(a.get(f..t).map(<[Value]>::to_vec).unwrap_or_default())
                }
                None | Some(Value::Null) => Value::String(String::new()),
                Some(v) => {
                    let s = js_string(Some(&v));
                    let (f, t) = range(start, end, s.chars().count());
                    Value::String(s.chars().skip(f).take(t - f).collect())
                }
            };
            Ok(BlockOutput::value(out))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn slice(v: Value, start: Value, end: Value) -> One {
        run_block(
            "SE_CoreSlice",
            json!({"value": v, "start": start, "end": end}),
            &host(),
        )
    }

    #[test]
    fn slices_like_javascript() {
        for (v, s, e, want) in [
            (json!("+15555550123"), json!(-4), json!(null), json!("0123")),
            (json!("hello"), json!(1), json!(3), json!("el")),
            (json!("hello"), json!(0), json!(-1), json!("hell")),
            (json!("hello"), json!(-99), json!(99), json!("hello")),
            (json!("hello"), json!(3), json!(1), json!("")),
            (json!("héllo😀"), json!(1), json!("-1"), json!("éllo")),
            (json!("hello"), json!(1.9), json!(""), json!("ello")),
            (json!("hello"), json!(1e300), json!(null), json!("")),
            (json!("hello"), json!(-1e300), json!(2), json!("he")),
            (json!([1, 2, 3, 4]), json!(1), json!(-1), json!([2, 3])),
            (json!(123456), json!(2), json!(null), json!("3456")),
            (json!(null), json!(0), json!(1), json!("")),
        ] {
            let one = slice(v.clone(), s.clone(), e.clone());
            assert_eq!(one.outcome, Some(Outcome::Done));
            assert_eq!(one.results, json!({ "value": want }), "{v}.slice({s}, {e})");
        }
    }

    #[test]
    fn a_non_numeric_index_is_an_error() {
        let one = run_block_with(
            "SE_CoreSlice",
            json!({"value": "abc", "start": "$.payload.s"}),
            voice_event(json!({"s": "two"})),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("start"));
    }
}
