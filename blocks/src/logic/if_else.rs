//! # If-else
//!
//! **What it does.** Compares two values and leaves by `true` or `false`.
//! Numbers compare as numbers when both sides are numeric (`"10"` equals `10`,
//! `"9"` is less than `"10"`); otherwise both sides compare as text,
//! case-sensitively. Undefined and `null` read as `""`.
//!
//! **Controls.**
//! - `leftValue` (any): the value to test, usually a magic string.
//! - `operator` (default `equals`): `equals`, `notEquals`, `greaterThan`,
//!   `greaterThanOrEqual`, `lessThan`, `lessThanOrEqual`, `contains`,
//!   `notContains`, `startsWith`, `endsWith`, `isEmpty`, `isNotEmpty`.
//!   `contains` on an array looks for an element equal to `rightValue`; on an
//!   object, for a key named `rightValue`; otherwise for a substring.
//!   `isEmpty` is true for undefined, `null`, `""`, `[]` and `{}`, and ignores
//!   `rightValue`.
//! - `rightValue` (any): the value to compare with.
//!
//! **Ports.** `true`, `false`. **Host calls.** None.
//! **Results.** The boolean.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_CoreIfElse","controls":{"leftValue":"$.contact.queueName",
//!  "operator":"equals","rightValue":"VIP"},"ports":{"true":"4","false":"5"}}
//! ```
//!
//! **Accepted quirks.** The type id is inferred (`SE_CoreIfElse`); `SE_IfElse`
//! is accepted too. Control names follow bridges.md §6.2's proposal.

use super::cmp::{loose_eq, order, text};
use crate::prelude::*;
use std::cmp::Ordering;

/// `SE_CoreIfElse`.
pub struct IfElse;

const OPERATORS: &[&str] = &[
    "equals",
    "notEquals",
    "greaterThan",
    "greaterThanOrEqual",
    "lessThan",
    "lessThanOrEqual",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
    "isEmpty",
    "isNotEmpty",
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreIfElse",
    aliases: &["SE_IfElse"],
    name: "If-else",
    family: Family::Core,
    description:
        "Compares two values (numerically when both are numbers) and leaves by true or false.",
    controls: &[
        ControlSpec::opt("leftValue", Kind::Any, "The value to test."),
        ControlSpec::def(
            "operator",
            Kind::OneOf(OPERATORS),
            "\"equals\"",
            "How to compare.",
        ),
        ControlSpec::opt("rightValue", Kind::Any, "The value to compare with."),
    ],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(m)) => m.is_empty(),
        _ => false,
    }
}

fn contains(l: Option<&Value>, r: Option<&Value>) -> bool {
    match l {
        Some(Value::Array(a)) => a.iter().any(|x| loose_eq(Some(x), r)),
        Some(Value::Object(m)) => m.contains_key(&text(r)),
        _ => text(l).contains(&text(r)),
    }
}

/// Applies an operator; `None` for an unknown one.
pub(crate) fn compare(op: &str, l: Option<&Value>, r: Option<&Value>) -> Option<bool> {
    Some(match op {
        "equals" => loose_eq(l, r),
        "notEquals" => !loose_eq(l, r),
        "greaterThan" => order(l, r) == Ordering::Greater,
        "greaterThanOrEqual" => order(l, r) != Ordering::Less,
        "lessThan" => order(l, r) == Ordering::Less,
        "lessThanOrEqual" => order(l, r) != Ordering::Greater,
        "contains" => contains(l, r),
        "notContains" => !contains(l, r),
        "startsWith" => text(l).starts_with(&text(r)),
        "endsWith" => text(l).ends_with(&text(r)),
        "isEmpty" => is_empty(l),
        "isNotEmpty" => !is_empty(l),
        _ => return None,
    })
}

impl Block for IfElse {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let op = ctx.string("operator");
            let l = ctx.value("leftValue");
            let r = ctx.value("rightValue");
            match compare(&op, l.as_ref(), r.as_ref()) {
                Some(b) => Ok(BlockOutput::decision(b)),
                None => Err(BlockError::BadControl {
                    control: "operator".into(),
                    message: format!(
                        "unknown operator `{op}`; expected one of {}",
                        OPERATORS.join(", ")
                    ),
                }),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn decide(l: Value, op: &str, r: Value) -> Option<Outcome> {
        let h = host();
        let one = run_block(
            "SE_CoreIfElse",
            json!({"leftValue": l, "operator": op, "rightValue": r}),
            &h,
        );
        assert!(one.calls.is_empty());
        one.outcome
    }

    #[test]
    fn equal_values_take_true_and_others_false() {
        let one = run_block(
            "SE_CoreIfElse",
            json!({"leftValue": "VIP", "rightValue": "VIP"}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
        assert_eq!(one.results, json!(true));
        assert_eq!(
            decide(json!("VIP"), "equals", json!("vip")),
            Some(Outcome::False)
        );
        assert_eq!(
            decide(json!("10"), "equals", json!(10)),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!("a"), "notEquals", json!("b")),
            Some(Outcome::True)
        );
    }

    #[test]
    fn orders_numbers_numerically_and_text_as_text() {
        assert_eq!(
            decide(json!("9"), "lessThan", json!("10")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!("b"), "greaterThan", json!("a10")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!(5), "greaterThanOrEqual", json!("5")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!(5), "lessThanOrEqual", json!(4.5)),
            Some(Outcome::False)
        );
        assert_eq!(
            decide(json!("NaN"), "greaterThan", json!(1)),
            Some(Outcome::True)
        );
    }

    #[test]
    fn contains_starts_ends_and_emptiness() {
        assert_eq!(
            decide(json!("hello world"), "contains", json!("o w")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!(["a", 2]), "contains", json!("2")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!({"k": 1}), "contains", json!("k")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!("abc"), "notContains", json!("z")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!("+1555"), "startsWith", json!("+1")),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!("+1555"), "endsWith", json!("+1")),
            Some(Outcome::False)
        );
        assert_eq!(
            decide(json!(""), "isEmpty", json!(null)),
            Some(Outcome::True)
        );
        assert_eq!(
            decide(json!([]), "isNotEmpty", json!(null)),
            Some(Outcome::False)
        );
        assert_eq!(
            decide(json!(0), "isEmpty", json!(null)),
            Some(Outcome::False)
        );
    }

    #[test]
    fn an_unresolved_left_value_is_empty_text() {
        let one = run_block(
            "SE_IfElse",
            json!({"leftValue": "$.contact.attributes.nope.value", "operator": "equals", "rightValue": ""}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
    }

    #[test]
    fn an_unknown_operator_from_a_magic_string_is_an_error() {
        let one = run_block_with(
            "SE_CoreIfElse",
            json!({"leftValue": 1, "operator": "$.payload.op", "rightValue": 1}),
            Event {
                payload: json!({"op": "=="}),
                ..voice_event(json!({}))
            },
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("unknown operator"));
    }
}
