//! # Text Starts With Value
//!
//! **What it does.** Leaves by `true` when a text starts with any of several
//! values, by `false` otherwise. Case-sensitive; numbers are read as their
//! text (`15551234` starts with `"1555"`).
//!
//! **Controls.**
//! - `text` (string): the text to test; undefined reads as `""`.
//! - `values` (array, or a comma-separated text such as `"+1, +44"`; entries
//!   are trimmed and empty entries dropped).
//!
//! **Ports.** `true`, `false`. **Host calls.** None.
//! **Results.** The boolean.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_CoreStartsWith","controls":{"text":"$.contact.customerPhoneNumber",
//!  "values":"+1, +44"},"ports":{"true":"3","false":"4"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #81). An empty entry would match every text, so empty entries are
//! dropped; no values means `false`.

use super::cmp::{list, text};
use crate::prelude::*;

/// `SE_CoreStartsWith`.
pub struct StartsWith;

/// The controls Starts With and Ends With share.
pub(crate) const CONTROLS: &[ControlSpec] = &[
    ControlSpec::opt("text", Kind::String, "The text to test."),
    ControlSpec::opt(
        "values",
        Kind::Any,
        "The values to look for: an array or a comma-separated text.",
    ),
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreStartsWith",
    aliases: &["SE_CoreTextStartsWith", "SE_TextStartsWith"],
    name: "Text Starts With Value",
    family: Family::Core,
    description: "True when a text starts with any of several values (array or comma list).",
    controls: CONTROLS,
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// Whether `text` starts (or ends) with any non-empty entry of `values`.
pub(crate) fn affix(ctx: &Ctx<'_>, ends: bool) -> BlockOutput {
    let t = text(ctx.value("text").as_ref());
    let hit = list(ctx.value("values"))
        .iter()
        .map(|v| text(Some(v)))
        .filter(|v| !v.is_empty())
        .any(|v| {
            if ends {
                t.ends_with(&v)
            } else {
                t.starts_with(&v)
            }
        });
    BlockOutput::decision(hit)
}

impl Block for StartsWith {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(affix(ctx, false)) })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn a_matching_prefix_is_true() {
        let one = run_block(
            "SE_CoreStartsWith",
            json!({"text": "$.contact.customerPhoneNumber", "values": "+44, +1555"}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
        assert_eq!(one.results, json!(true));
        assert!(one.calls.is_empty());
        let one = run_block(
            "SE_CoreStartsWith",
            json!({"text": 15551234, "values": [1555]}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
    }

    #[test]
    fn no_match_empty_values_or_no_text_is_false() {
        for (t, v) in [
            (json!("+15555550123"), json!(["+44", "5555"])),
            (json!("abc"), json!(",,")),
            (json!("abc"), json!([""])),
            (json!(null), json!("a")),
            (json!("Abc"), json!("a")),
        ] {
            let one = run_block(
                "SE_CoreStartsWith",
                json!({"text": t, "values": v}),
                &host(),
            );
            assert_eq!(one.outcome, Some(Outcome::False), "{t} {v}");
        }
    }
}
