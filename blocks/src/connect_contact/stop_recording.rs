//! # Stop Recording
//!
//! **What it does.** Stops the call recording of the run's contact (one-way: it cannot be restarted).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `contact.stopRecording {}` (Connect `StopContactRecording` through the host; the host adds instance and contact ids).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"c","type":"SE_ContactStopRecording","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. Stopping is final for the contact. No contact in context
//! takes `failure` (`NO_CONTACT`) without a call.

use crate::prelude::*;

/// `SE_ContactStopRecording`.
pub struct StopRecording;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactStopRecording",
    aliases: &[],
    name: "Stop Recording",
    family: Family::Contact,
    description: "Stops the call recording of the run's contact (one-way: it cannot be restarted).",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["contact.stopRecording"],
    side_effects: true,
    confirmed: false,
};

impl Block for StopRecording {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let args = json!({});
            crate::bridge_util::contact_act(ctx, "stopRecording", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_contact() {
        let r = run_block("SE_ContactStopRecording", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("contact.stopRecording").args, json!({}));
    }

    #[test]
    fn errors_and_no_contact_take_failure() {
        let r = run_block(
            "SE_ContactStopRecording",
            json!({}),
            &fails("contact.stopRecording"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block_with(
            "SE_ContactStopRecording",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_failure(&r, "NO_CONTACT");
        assert!(r.calls.is_empty());
    }
}
