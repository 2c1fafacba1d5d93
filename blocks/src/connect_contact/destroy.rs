//! # Destroy Agent Connection to Live Contact
//!
//! **What it does.** Ends the agent's leg of the live contact (hangs up, or rejects an incoming one).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `contact.destroyAgentConnection {}` (Streams `contact.getAgentConnection().destroy()`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"c","type":"SE_ContactDestroy","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. Not for a contact in After Call Work: use Clear Contact. No contact in context
//! takes `failure` (`NO_CONTACT`) without a call.

use crate::prelude::*;

/// `SE_ContactDestroy`.
pub struct Destroy;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactDestroy",
    aliases: &[],
    name: "Destroy Agent Connection to Live Contact",
    family: Family::Contact,
    description: "Ends the agent's leg of the live contact (hangs up, or rejects an incoming one).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["contact.destroyAgentConnection"],
    side_effects: true,
    confirmed: false,
};

impl Block for Destroy {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let args = json!({});
            crate::bridge_util::contact_act(ctx, "destroyAgentConnection", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_contact() {
        let r = run_block("SE_ContactDestroy", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("contact.destroyAgentConnection").args, json!({}));
    }

    #[test]
    fn errors_and_no_contact_take_failure() {
        let r = run_block(
            "SE_ContactDestroy",
            json!({}),
            &fails("contact.destroyAgentConnection"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block_with("SE_ContactDestroy", json!({}), no_contact_event(), &host());
        assert_failure(&r, "NO_CONTACT");
        assert!(r.calls.is_empty());
    }
}
