//! # Is Contact Inbound?
//!
//! **What it does.** Branches on whether the run's contact came in (as
//! opposed to an outbound call the agent placed).
//!
//! **Controls.** None. **Ports.** `true`, `false`.
//! **Host calls.** None: reads `$.contact.isInbound` (Streams
//! `contact.isInbound()`), else `$.contact.initiationMethod`.
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"i","type":"SE_ContactIsInbound","controls":{},"ports":{"true":"pop","false":"end"}}`
//!
//! **Accepted quirks.** The type id is inferred. v5.16: it must stay true
//! when the customer hangs up before answer, when Streams can no longer
//! tell; so when the snapshot has no boolean `isInbound`, any initiation
//! method other than `outbound` counts as inbound. With neither, or no
//! contact in context, the block takes `false`.

use crate::bridge_util::text;
use crate::prelude::*;

/// `SE_ContactIsInbound`.
pub struct IsInbound;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactIsInbound",
    aliases: &[],
    name: "Is Contact Inbound?",
    family: Family::Contact,
    description: "True when the run's contact is inbound.",
    controls: &[],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for IsInbound {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let inbound = ctx.with_contact(|c| match c.get("isInbound") {
                Some(Value::Bool(b)) => *b,
                _ => {
                    let m = text(c, "initiationMethod");
                    !m.is_empty() && m != "outbound"
                }
            });
            Ok(BlockOutput::decision(inbound))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_is_inbound_then_the_initiation_method() {
        let r = run_block("SE_ContactIsInbound", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::True));
        let e = contact_event(json!({"isInbound": false}));
        assert_eq!(
            run_block_with("SE_ContactIsInbound", json!({}), e, &host()).outcome,
            Some(Outcome::False)
        );
        let e = contact_event(json!({"isInbound": null, "initiationMethod": "transfer"}));
        assert_eq!(
            run_block_with("SE_ContactIsInbound", json!({}), e, &host()).outcome,
            Some(Outcome::True)
        );
        let e = contact_event(json!({"isInbound": null, "initiationMethod": "outbound"}));
        assert_eq!(
            run_block_with("SE_ContactIsInbound", json!({}), e, &host()).outcome,
            Some(Outcome::False)
        );
    }

    #[test]
    fn no_contact_is_false() {
        let r = run_block_with(
            "SE_ContactIsInbound",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::False));
    }
}
