//! # Is Contact Transfer?
//!
//! **What it does.** Branches on whether the run's contact was transferred
//! to the agent.
//!
//! **Controls.** None. **Ports.** `true`, `false`.
//! **Host calls.** None: reads `$.contact.isTransfer` (filled by the
//! engine's contact enricher), else computes it the same way.
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"x","type":"SE_ContactIsTransfer","controls":{},"ports":{"true":"end","false":"pop"}}`
//!
//! **Accepted quirks.** The type id is inferred. A transfer is an initiation
//! method of `transfer` or `queue_transfer`, or an initial contact id
//! (`initialContactId`, or `originalContactId`) that differs from the
//! contact id (v5.10 fixed it "always returning true"). No contact in
//! context takes `false`.

use crate::bridge_util::text;
use crate::prelude::*;

/// `SE_ContactIsTransfer`.
pub struct IsTransfer;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactIsTransfer",
    aliases: &[],
    name: "Is Contact Transfer?",
    family: Family::Contact,
    description: "True when the run's contact was transferred to the agent.",
    controls: &[],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

fn is_transfer(c: &Value) -> bool {
    if let Some(Value::Bool(b)) = c.get("isTransfer") {
        return *b;
    }
    let method = text(c, "initiationMethod");
    let id = text(c, "contactId");
    let initial = match text(c, "initialContactId") {
        "" => text(c, "originalContactId"),
        s => s,
    };
    matches!(method, "transfer" | "queue_transfer") || (!initial.is_empty() && initial != id)
}

impl Block for IsTransfer {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(BlockOutput::decision(ctx.with_contact(is_transfer))) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    fn outcome(fields: Value) -> Option<Outcome> {
        run_block_with(
            "SE_ContactIsTransfer",
            json!({}),
            contact_event(fields),
            &host(),
        )
        .outcome
    }

    #[test]
    fn detects_transfers() {
        assert_eq!(outcome(json!({})), Some(Outcome::False));
        assert_eq!(
            outcome(json!({"initiationMethod": "queue_transfer"})),
            Some(Outcome::True)
        );
        assert_eq!(
            outcome(json!({"initialContactId": "c-first"})),
            Some(Outcome::True)
        );
        assert_eq!(
            outcome(json!({"isTransfer": false, "initialContactId": "c-first"})),
            Some(Outcome::False)
        );
    }

    #[test]
    fn no_contact_is_false() {
        let r = run_block_with(
            "SE_ContactIsTransfer",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::False));
    }
}
