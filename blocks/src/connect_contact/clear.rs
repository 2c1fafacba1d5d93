//! # Clear Contact
//!
//! **What it does.** Clears a contact that is ended (After Call Work), missed, rejected or in error, freeing the agent.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `contact.clear {}` (Streams `contact.clear()`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"c","type":"SE_ContactClear","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. Connect refuses it for a live contact: `failure`. No contact in context
//! takes `failure` (`NO_CONTACT`) without a call.

use crate::prelude::*;

/// `SE_ContactClear`.
pub struct Clear;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactClear",
    aliases: &[],
    name: "Clear Contact",
    family: Family::Contact,
    description: "Clears a contact that is ended (After Call Work), missed, rejected or in error, freeing the agent.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["contact.clear"],
    side_effects: true,
    confirmed: false,
};

impl Block for Clear {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let args = json!({});
            crate::bridge_util::contact_act(ctx, "clear", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_contact() {
        let r = run_block("SE_ContactClear", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("contact.clear").args, json!({}));
    }

    #[test]
    fn errors_and_no_contact_take_failure() {
        let r = run_block("SE_ContactClear", json!({}), &fails("contact.clear"));
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block_with("SE_ContactClear", json!({}), no_contact_event(), &host());
        assert_failure(&r, "NO_CONTACT");
        assert!(r.calls.is_empty());
    }
}
