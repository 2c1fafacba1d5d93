//! # Start Recording
//!
//! **What it does.** Starts recording the run's contact (once per contact).
//!
//! **Controls.** `track` (`ALL`, `FROM_AGENT` or `TO_AGENT`; default `ALL`). **Ports.** `success`, `failure`.
//! **Host calls.** `contact.startRecording {"track": "ALL"}` (Connect `StartContactRecording` through the host (Salesforce Named Credential); the host adds instance, contact and initial contact ids).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"c","type":"SE_ContactStartRecording","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. The `track` control is a proposal (`VoiceRecordingTrack`); recording starts once per contact. No contact in context
//! takes `failure` (`NO_CONTACT`) without a call.

use crate::prelude::*;

/// `SE_ContactStartRecording`.
pub struct StartRecording;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactStartRecording",
    aliases: &[],
    name: "Start Recording",
    family: Family::Contact,
    description: "Starts recording the run's contact (once per contact).",
    controls: &[ControlSpec::def(
        "track",
        Kind::OneOf(&["ALL", "FROM_AGENT", "TO_AGENT"]),
        "\"ALL\"",
        "Which side to record.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["contact.startRecording"],
    side_effects: true,
    confirmed: false,
};

impl Block for StartRecording {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let track = match ctx.string("track").as_str() {
                t @ ("FROM_AGENT" | "TO_AGENT") => t.to_string(),
                _ => "ALL".to_string(),
            };
            let args = json!({"track": track});
            crate::bridge_util::contact_act(ctx, "startRecording", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn calls_the_contact() {
        let r = run_block("SE_ContactStartRecording", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("contact.startRecording").args,
            json!({"track": "ALL"})
        );
        let r = run_block(
            "SE_ContactStartRecording",
            json!({"track": "TO_AGENT"}),
            &host(),
        );
        assert_eq!(
            r.call("contact.startRecording").args,
            json!({"track": "TO_AGENT"})
        );
    }

    #[test]
    fn errors_and_no_contact_take_failure() {
        let r = run_block(
            "SE_ContactStartRecording",
            json!({}),
            &fails("contact.startRecording"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block_with(
            "SE_ContactStartRecording",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_failure(&r, "NO_CONTACT");
        assert!(r.calls.is_empty());
    }
}
