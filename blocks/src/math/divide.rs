//! # Divide
//!
//! **What it does.** Divides `a` by `b`. Leaves by `success` with the
//! quotient, or by `failure` when `b` is 0 or either value is not a number.
//!
//! **Controls.**
//! - `a` (number): the dividend. `b` (number): the divisor. Numbers or
//!   numeric texts; `""` reads as 0.
//!
//! **Ports.** `success`, `failure`. **Host calls.** None.
//! **Results.** `{value: number}`. The failure's exception is
//! `{code: "DIVIDE_BY_ZERO" | "NOT_A_NUMBER", message}`.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_CoreDivide","controls":{"a":"$.contact.statusDuration","b":1000},
//!  "ports":{"success":"4","failure":"9"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #85). bridges.md notes that JavaScript gives `Infinity` for a
//! division by 0; `Infinity` has no JSON form and would reach later blocks as
//! `null`, so this block takes its `failure` port instead (a deliberate
//! departure, which is why it has `success`/`failure` rather than `done`).

use super::multiply::{finite, OPERANDS};
use crate::prelude::*;
use ctiflow_engine::HostError;

/// `SE_CoreDivide`.
pub struct Divide;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreDivide",
    aliases: &["SE_Divide"],
    name: "Divide",
    family: Family::Core,
    description: "Divides a by b; failure on division by zero or a non-number.",
    controls: OPERANDS,
    ports: SUCCESS_FAILURE,
    results: "{value: number}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for Divide {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let (a, b) = match (ctx.number("a"), ctx.number("b")) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => {
                    return Ok(BlockOutput::failure(
                        HostError::new("NOT_A_NUMBER", e.to_string()).to_value(),
                    ))
                }
            };
            if b == 0.0 {
                return Ok(BlockOutput::failure(
                    HostError::new("DIVIDE_BY_ZERO", format!("cannot divide {a} by zero"))
                        .to_value(),
                ));
            }
            Ok(BlockOutput::success(json!({ "value": finite(ctx, a / b) })))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn div(a: Value, b: Value) -> One {
        run_block("SE_CoreDivide", json!({"a": a, "b": b}), &host())
    }

    #[test]
    fn divides_on_success() {
        for (a, b, want) in [
            (json!(84), json!(2), json!(42)),
            (json!("7"), json!("2"), json!(3.5)),
            (json!(-1), json!(3), json!(-0.3333333333333333)),
        ] {
            let one = div(a.clone(), b.clone());
            assert_eq!(one.outcome, Some(Outcome::Success));
            assert_eq!(one.results, json!({ "value": want }), "{a} / {b}");
            assert!(one.calls.is_empty());
        }
    }

    #[test]
    fn zero_or_non_numbers_take_failure() {
        for (a, b, code) in [
            (json!(1), json!(0), "DIVIDE_BY_ZERO"),
            (json!(1), json!(""), "DIVIDE_BY_ZERO"),
            (json!(1), json!("-0"), "DIVIDE_BY_ZERO"),
            (json!("x"), json!(2), "NOT_A_NUMBER"),
            (json!(2), json!({"a": 1}), "NOT_A_NUMBER"),
        ] {
            // Through the payload: the validator refuses non-numeric literals.
            let one = run_block_with(
                "SE_CoreDivide",
                json!({"a": "$.payload.a", "b": "$.payload.b"}),
                voice_event(json!({"a": a, "b": b})),
                &host(),
            );
            assert_eq!(one.outcome, Some(Outcome::Failure), "{a} / {b}");
            assert_eq!(
                one.exception.as_ref().and_then(|e| e.get("code")),
                Some(&json!(code))
            );
        }
    }
}
