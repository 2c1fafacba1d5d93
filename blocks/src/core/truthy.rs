//! # Is Truthy?
//!
//! **What it does.** Takes `true` when its value is truthy by JavaScript's
//! rules, else `false`: `false`, `0`, `NaN`, `""`, `null` and undefined are
//! false; everything else is true, including the strings `"false"` and `"0"`,
//! `[]` and `{}`. Booleans work as booleans (fixed in adapter v5.4).
//!
//! **Controls.** `value` (any; usually a magic string, may be `""`).
//! **Ports.** `true`, `false`. **Host calls.** None.
//! **Results.** The boolean.
//!
//! **Example.** `{"value": "$.actions.uid-1.results.value"}` after Get
//! Contact Attribute: `true` when the attribute has a value.
//!
//! **Accepted quirks.** `09-screenpop-cust-email.json` sets `value` to the
//! literal `""`, so it always takes `false`; that is what the adapter does too.

use crate::prelude::*;

/// `SE_CoreTruthy`.
pub struct Truthy;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreTruthy",
    aliases: &[],
    name: "Is Truthy?",
    family: Family::Core,
    description: "Takes true when the value is truthy by JavaScript's rules.",
    controls: &[ControlSpec::opt(
        "value",
        Kind::Any,
        "The value to test (JavaScript truthiness; \"false\" and \"0\" are true).",
    )],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for Truthy {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(BlockOutput::decision(truthy(ctx.controls().get("value")))) })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn truthy_values_take_true() {
        for v in [
            json!(true),
            json!("false"),
            json!("0"),
            json!("x"),
            json!(1),
            json!([]),
            json!({}),
        ] {
            let r = run_block("SE_CoreTruthy", json!({"value": v}), &host());
            assert_eq!(r.outcome, Some(Outcome::True), "{v}");
            assert_eq!(r.results, json!(true));
            assert!(r.calls.is_empty());
        }
    }

    #[test]
    fn falsy_values_take_false() {
        for v in [json!(false), json!(""), json!(0), json!(0.0), json!(null)] {
            let r = run_block("SE_CoreTruthy", json!({"value": v}), &host());
            assert_eq!(r.outcome, Some(Outcome::False), "{v}");
            assert_eq!(r.results, json!(false));
        }
        let undefined = run_block(
            "SE_CoreTruthy",
            json!({"value": "$.payload.nothing"}),
            &host(),
        );
        assert_eq!(undefined.outcome, Some(Outcome::False));
        let absent = run_block("SE_CoreTruthy", json!({}), &host());
        assert_eq!(absent.outcome, Some(Outcome::False));
    }
}
