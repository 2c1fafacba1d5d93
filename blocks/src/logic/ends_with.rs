//! # Text Ends With Value
//!
//! **What it does.** Leaves by `true` when a text ends with any of several
//! values, by `false` otherwise. Case-sensitive; numbers are read as their
//! text.
//!
//! **Controls.**
//! - `text` (string): the text to test; undefined reads as `""`.
//! - `values` (array, or a comma-separated text such as `"@example.com, .org"`;
//!   entries are trimmed and empty entries dropped).
//!
//! **Ports.** `true`, `false`. **Host calls.** None.
//! **Results.** The boolean.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_CoreEndsWith","controls":{"text":"$.contact.attributes.email.value",
//!  "values":["@example.com"]},"ports":{"true":"3","false":"4"}}
//! ```
//!
//! **Accepted quirks.** As Text Starts With Value (inferred type id and
//! control names, bridges.md §6.2 #82; empty entries dropped).

use super::starts_with::{affix, CONTROLS};
use crate::prelude::*;

/// `SE_CoreEndsWith`.
pub struct EndsWith;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreEndsWith",
    aliases: &["SE_CoreTextEndsWith", "SE_TextEndsWith"],
    name: "Text Ends With Value",
    family: Family::Core,
    description: "True when a text ends with any of several values (array or comma list).",
    controls: CONTROLS,
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for EndsWith {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(affix(ctx, true)) })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn a_matching_suffix_is_true() {
        let one = run_block(
            "SE_CoreEndsWith",
            json!({"text": "jane@example.com", "values": [".org", "@example.com"]}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::True));
        assert_eq!(one.results, json!(true));
        assert!(one.calls.is_empty());
    }

    #[test]
    fn no_match_is_false() {
        let one = run_block(
            "SE_CoreEndsWith",
            json!({"text": "jane@example.com", "values": "example, .org"}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::False));
    }
}
