//! # Length
//!
//! **What it does.** Counts the characters of a text or the items of an array.
//!
//! **Controls.**
//! - `value` (string or array): what to measure. Numbers and booleans are
//!   measured as their text; an object counts its keys; undefined and `null`
//!   are 0.
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value: number}`.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_CoreLength","controls":{"value":"$.actions.1.results.value"},
//!  "ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #91). Text length counts Unicode characters (code points), not
//! JavaScript's UTF-16 units: `"😀"` is 1 here and 2 in JavaScript. Slice uses
//! the same unit, so the two agree with each other.

use crate::prelude::*;

/// `SE_CoreLength`.
pub struct Length;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreLength",
    aliases: &["SE_Length"],
    name: "Length",
    family: Family::Core,
    description: "Counts the characters of a text or the items of an array.",
    controls: &[ControlSpec::opt(
        "value",
        Kind::Any,
        "The text or array to measure.",
    )],
    ports: DONE,
    results: "{value: number}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for Length {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let n = match ctx.value("value") {
                None | Some(Value::Null) => 0,
                Some(Value::Array(a)) => a.len(),
                Some(Value::Object(m)) => m.len(),
                Some(v) => js_string(Some(&v)).chars().count(),
            };
            Ok(BlockOutput::value(json!(n)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn counts_characters_items_and_keys() {
        for (v, n) in [
            (json!("héllo"), 5),
            (json!("😀a"), 2),
            (json!([1, 2, 3]), 3),
            (json!({"a": 1, "b": 2}), 2),
            (json!(12345), 5),
            (json!(false), 5),
            (json!(""), 0),
            (json!(null), 0),
        ] {
            let one = run_block("SE_CoreLength", json!({ "value": v }), &host());
            assert_eq!(one.outcome, Some(Outcome::Done));
            assert_eq!(one.results, json!({ "value": n }), "{v}");
        }
    }

    #[test]
    fn an_unresolved_value_is_zero() {
        let one = run_block(
            "SE_CoreLength",
            json!({"value": "$.payload.nothing"}),
            &host(),
        );
        assert_eq!(one.results, json!({"value": 0}));
    }
}
