//! # Is Voice Contact?
//!
//! **What it does.** Branches on whether the run's contact is a voice call.
//!
//! **Controls.** None. **Ports.** `true`, `false`.
//! **Host calls.** None: reads `$.contact.type` (Streams
//! `contact.getType()`).
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"t","type":"SE_ContactIsVoice","controls":{},"ports":{"true":"pop","false":"end"}}`
//!
//! **Accepted quirks.** The type id is inferred. A queue callback (`queue_callback`) is not a voice contact here; use Is Callback?. With no contact in
//! context the block takes `false` (bridges.md 6.8).

use crate::bridge_util::contact_type_is;
use crate::prelude::*;

/// `SE_ContactIsVoice`.
pub struct IsVoice;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactIsVoice",
    aliases: &[],
    name: "Is Voice Contact?",
    family: Family::Contact,
    description: "True when the run's contact is of type voice.",
    controls: &[],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for IsVoice {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { contact_type_is(ctx, "voice") })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn true_for_voice() {
        let e = contact_event(json!({"type": "voice"}));
        let r = run_block_with("SE_ContactIsVoice", json!({}), e, &host());
        assert_eq!(r.outcome, Some(Outcome::True));
        assert_eq!(r.results, json!(true));
        let e = contact_event(json!({"type": "other"}));
        let r = run_block_with("SE_ContactIsVoice", json!({}), e, &host());
        assert_eq!(r.outcome, Some(Outcome::False));
    }

    #[test]
    fn no_contact_is_false() {
        let r = run_block_with("SE_ContactIsVoice", json!({}), no_contact_event(), &host());
        assert_eq!(r.outcome, Some(Outcome::False));
        assert!(r.calls.is_empty());
    }
}
