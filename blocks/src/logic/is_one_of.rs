//! # Is One Of?
//!
//! **What it does.** Leaves by `true` when a value equals any of several
//! candidates, by `false` otherwise. Equality is If-else's `equals`: numeric
//! when both sides are numbers (`"7"` matches `7`), else exact text.
//!
//! **Controls.**
//! - `value` (any): the value to look for.
//! - `candidates` (array, or a comma-separated text such as `"VIP, Gold"`;
//!   entries are trimmed and empty entries dropped).
//!
//! **Ports.** `true`, `false`. **Host calls.** None.
//! **Results.** The boolean.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_CoreIsOneOf","controls":{"value":"$.contact.queueName",
//!  "candidates":"VIP, Gold"},"ports":{"true":"3","false":"4"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.10, X1). No candidates means `false`.

use super::cmp::{list, loose_eq};
use crate::prelude::*;

/// `SE_CoreIsOneOf`.
pub struct IsOneOf;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreIsOneOf",
    aliases: &["SE_IsOneOf"],
    name: "Is One Of?",
    family: Family::Core,
    description: "True when a value equals any of several candidates (array or comma list).",
    controls: &[
        ControlSpec::opt("value", Kind::Any, "The value to look for."),
        ControlSpec::opt(
            "candidates",
            Kind::Any,
            "The accepted values: an array or a comma-separated text.",
        ),
    ],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for IsOneOf {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let v = ctx.value("value");
            let found = list(ctx.value("candidates"))
                .iter()
                .any(|c| loose_eq(v.as_ref(), Some(c)));
            Ok(BlockOutput::decision(found))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn a_listed_value_is_true() {
        let one = run_block(
            "SE_CoreIsOneOf",
            json!({"value": "$.contact.queue.name", "candidates": "VIP, BasicQueue"}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
        assert_eq!(one.results, json!(true));
        assert!(one.calls.is_empty());
        let one = run_block(
            "SE_CoreIsOneOf",
            json!({"value": "7", "candidates": [1, 7]}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
    }

    #[test]
    fn an_unlisted_value_or_no_candidates_is_false() {
        for c in [json!(["a", "b"]), json!(""), json!(null), json!("A")] {
            let one = run_block(
                "SE_CoreIsOneOf",
                json!({"value": "a ", "candidates": c}),
                &host(),
            );
            assert_eq!(one.outcome, Some(Outcome::False), "{c}");
        }
    }
}
