//! # Multiply
//!
//! **What it does.** Multiplies two numbers.
//!
//! **Controls.**
//! - `a`, `b` (number): numbers or numeric texts (`" 2.5 "`); `""` reads as
//!   0, as JavaScript's `Number("")` does.
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value: number}`; whole numbers are written without `.0`.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_CoreMultiply","controls":{"a":"$.actions.2.results.value","b":60},
//!  "ports":{"done":"4"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #84). A value that is not a number (or is missing) ends the run with
//! an error naming the control, since the block has no failure port. A
//! product too large for a double (JavaScript's `Infinity`) has no JSON form
//! and is stored as `null`, with a trace note.

use crate::prelude::*;

/// `SE_CoreMultiply`.
pub struct Multiply;

/// The operands Multiply and Divide share.
pub(crate) const OPERANDS: &[ControlSpec] = &[
    ControlSpec::req("a", Kind::Number, "The first number."),
    ControlSpec::req("b", Kind::Number, "The second number."),
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreMultiply",
    aliases: &["SE_Multiply"],
    name: "Multiply",
    family: Family::Core,
    description: "Multiplies two numbers.",
    controls: OPERANDS,
    ports: DONE,
    results: "{value: number}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// A finite number as JSON; otherwise `null` and a note saying why.
pub(crate) fn finite(ctx: &Ctx<'_>, f: f64) -> Value {
    if !f.is_finite() {
        ctx.note(format!(
            "the result is {}, which JSON cannot hold; stored as null",
            ctiflow_engine::value::js_number_string(f)
        ));
    }
    number_value(f)
}

impl Block for Multiply {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let p = ctx.number("a")? * ctx.number("b")?;
            Ok(BlockOutput::value(finite(ctx, p)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn mul(a: Value, b: Value) -> One {
        run_block("SE_CoreMultiply", json!({"a": a, "b": b}), &host())
    }

    #[test]
    fn multiplies_numbers_and_numeric_text() {
        for (a, b, want) in [
            (json!(6), json!(7), json!(42)),
            (json!(" 2.5 "), json!("4"), json!(10)),
            (json!(0.1), json!(3), json!(0.30000000000000004)),
            (json!(""), json!(5), json!(0)),
            (json!(-3), json!(1.5), json!(-4.5)),
        ] {
            let one = mul(a.clone(), b.clone());
            assert_eq!(one.outcome, Some(Outcome::Done));
            assert_eq!(one.results, json!({ "value": want }), "{a} * {b}");
            assert!(one.calls.is_empty());
        }
    }

    #[test]
    fn overflow_is_null_and_non_numbers_are_errors() {
        let one = mul(json!(1e308), json!(10));
        assert_eq!(one.results, json!({"value": null}));
        assert!(one.report.trace.iter().any(
            |t| matches!(t, TraceEntry::Note { message, .. } if message.contains("Infinity"))
        ));
        let one = run_block_with(
            "SE_CoreMultiply",
            json!({"a": "$.payload.a", "b": 2}),
            voice_event(json!({"a": "abc"})),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("control `a`"));
    }
}
