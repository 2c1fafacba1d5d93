//! # Cast a Value to a Type
//!
//! **What it does.** Converts a value to a JavaScript type and leaves by
//! `success`, or by `failure` when it cannot.
//!
//! **Controls.**
//! - `value` (any): the value to convert.
//! - `type` (default `String`):
//!   - `Number`: JavaScript `Number(value)` (`""` and `null` are 0, `true` is
//!     1); failure when the result is not a finite number (`"abc"`,
//!     `"1e999"`, an object, undefined).
//!   - `String`: JavaScript `String(value)`, except that objects are written as
//!     JSON and undefined is `""`.
//!   - `Boolean`: the texts `"true"` and `"false"` (any case, trimmed) become
//!     those booleans; anything else follows JavaScript truthiness.
//!   - `Object`: `JSON.parse(value)` for a text; an object or array passes
//!     through. Failure when the text is not JSON or does not hold an object
//!     or array.
//!
//! **Ports.** `success`, `failure`. **Host calls.** None.
//! **Results.** `{value}`. The failure's exception is `{code: "CAST_FAILED", message}`.
//!
//! **Example.**
//! ```json
//! {"id":"4","type":"SE_CoreCast","controls":{"value":"$.contact.attributes.amount.value",
//!  "type":"Number"},"ports":{"success":"5","failure":"9"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #93). `Boolean` departs from JavaScript's `Boolean("false")` (true)
//! on purpose: contact attributes are text, and a cast that turned `"false"`
//! into `true` would be a trap. Lower-case type names (`number`, ...) are
//! accepted when they arrive through a magic string.

use crate::prelude::*;
use ctiflow_engine::HostError;

/// `SE_CoreCast`.
pub struct Cast;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreCast",
    aliases: &["SE_CoreCastValue", "SE_CastValue"],
    name: "Cast a Value to a Type",
    family: Family::Core,
    description: "Converts a value to Number, String, Boolean or Object (JSON.parse); failure when it cannot.",
    controls: &[
        ControlSpec::opt("value", Kind::Any, "The value to convert."),
        ControlSpec::def(
            "type",
            Kind::OneOf(&["Number", "String", "Boolean", "Object"]),
            "\"String\"",
            "The type to convert to.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

fn cast(v: Option<&Value>, ty: &str) -> Result<Value, String> {
    match ty.to_ascii_lowercase().as_str() {
        "number" => {
            let n = js_number(v);
            if n.is_finite() {
                Ok(number_value(n))
            } else {
                Err(format!("`{}` is not a finite number", js_string(v)))
            }
        }
        "string" => Ok(Value::String(js_string(v))),
        "boolean" => Ok(Value::Bool(match v {
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => false,
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => true,
            other => truthy(other),
        })),
        "object" => match v {
            Some(o @ (Value::Object(_) | Value::Array(_))) => Ok(o.clone()),
            Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                Ok(o @ (Value::Object(_) | Value::Array(_))) => Ok(o),
                Ok(other) => Err(format!(
                    "the JSON holds a {}, not an object",
                    ctiflow_engine::value::type_name(&other)
                )),
                Err(e) => Err(format!("not JSON: {e}")),
            },
            other => Err(format!("cannot read `{}` as an object", js_string(other))),
        },
        _ => Err(format!(
            "unknown type `{ty}`; expected Number, String, Boolean or Object"
        )),
    }
}

impl Block for Cast {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let ty = ctx.string("type");
            Ok(match cast(ctx.value("value").as_ref(), &ty) {
                Ok(v) => BlockOutput::success(json!({ "value": v })),
                Err(m) => BlockOutput::failure(HostError::new("CAST_FAILED", m).to_value()),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn cast(v: Value, ty: &str) -> One {
        run_block("SE_CoreCast", json!({"value": v, "type": ty}), &host())
    }

    #[test]
    fn converts_to_each_type() {
        for (v, ty, want) in [
            (json!(" 42 "), "Number", json!(42)),
            (json!("2.5"), "Number", json!(2.5)),
            (json!(""), "Number", json!(0)),
            (json!(true), "Number", json!(1)),
            (json!(12), "String", json!("12")),
            (json!(false), "String", json!("false")),
            (json!({"a": 1}), "String", json!("{\"a\":1}")),
            (json!("false"), "Boolean", json!(false)),
            (json!(" TRUE "), "Boolean", json!(true)),
            (json!("0"), "Boolean", json!(true)),
            (json!(0), "Boolean", json!(false)),
            (json!("{\"a\":[1]}"), "Object", json!({"a": [1]})),
            (json!([1]), "Object", json!([1])),
        ] {
            let one = cast(v.clone(), ty);
            assert_eq!(one.outcome, Some(Outcome::Success), "{v} {ty}");
            assert_eq!(one.results, json!({ "value": want }), "{v} {ty}");
        }
    }

    #[test]
    fn what_cannot_convert_takes_failure() {
        for (v, ty) in [
            (json!("abc"), "Number"),
            (json!("1e999"), "Number"),
            (json!({"a": 1}), "Number"),
            (json!("not json"), "Object"),
            (json!("5"), "Object"),
            (json!(5), "Object"),
        ] {
            let one = cast(v.clone(), ty);
            assert_eq!(one.outcome, Some(Outcome::Failure), "{v} {ty}");
            assert_eq!(
                one.exception.as_ref().and_then(|e| e.get("code")),
                Some(&json!("CAST_FAILED"))
            );
        }
        let one = run_block("SE_CoreCast", json!({"type": "Number"}), &host());
        assert_eq!(one.outcome, Some(Outcome::Failure));
    }
}
