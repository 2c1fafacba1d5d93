//! # Join Strings
//!
//! **What it does.** Joins two values into one text, with an optional
//! separator between them.
//!
//! **Controls.**
//! - `value1`, `value2` (any): written with JavaScript `String()` rules:
//!   `false` joins as `"false"`, `0` as `"0"`, objects as JSON; undefined and
//!   `null` as `""`.
//! - `separator` (string, default `""`).
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value: string}`.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_CoreJoinStrings","controls":{"value1":"$.contact.queueName",
//!  "value2":"$.contact.customerPhoneNumber","separator":" / "},"ports":{"done":"4"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #83). The separator is written even when a value is empty, as
//! JavaScript's `[a, b].join(sep)` does. `false` became `"false"` in adapter
//! v5.7 and stays so here.

use crate::logic::text;
use crate::prelude::*;

/// `SE_CoreJoinStrings`.
pub struct JoinStrings;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreJoinStrings",
    aliases: &["SE_JoinStrings"],
    name: "Join Strings",
    family: Family::Core,
    description:
        "Joins two values into one text with an optional separator (false joins as \"false\").",
    controls: &[
        ControlSpec::opt("value1", Kind::Any, "The first value."),
        ControlSpec::opt("value2", Kind::Any, "The second value."),
        ControlSpec::def(
            "separator",
            Kind::String,
            "\"\"",
            "Written between the two.",
        ),
    ],
    ports: DONE,
    results: "{value: string}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for JoinStrings {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let joined = [
                text(ctx.value("value1").as_ref()),
                text(ctx.value("value2").as_ref()),
            ]
            .join(&ctx.string("separator"));
            Ok(BlockOutput::value(Value::String(joined)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn joins_with_javascript_string_rules() {
        for (a, b, sep, want) in [
            (json!("Jane"), json!("Agent"), json!(" "), "Jane Agent"),
            (json!(false), json!(0), json!("-"), "false-0"),
            (
                json!("$.contact.queue.name"),
                json!(1.5),
                json!(null),
                "BasicQueue1.5",
            ),
            (json!(null), json!("x"), json!(","), ",x"),
            (json!({"a": 1}), json!([1, 2]), json!(""), "{\"a\":1}1,2"),
        ] {
            let one = run_block(
                "SE_CoreJoinStrings",
                json!({"value1": a, "value2": b, "separator": sep}),
                &host(),
            );
            assert_eq!(one.outcome, Some(Outcome::Done));
            assert_eq!(one.results, json!({ "value": want }));
            assert!(one.calls.is_empty());
        }
    }
}
