//! # Get Contact Interaction Metadata
//!
//! **What it does.** Reports how long the run's contact rang and how long
//! the agent has been talking, from the contact snapshot's timestamps.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.contact.contactStartMs` (when the page
//! first saw the contact), `$.contact.status {type, timestamp}` and the
//! platform clock.
//! **Results.** `{contactId, state, callIncomingDuration,
//! callInteractionDuration}`, durations in whole seconds.
//!
//! **Example.** `{"id":"m","type":"SE_ContactInteractionMetadata","controls":{},"ports":{"done":"task"}}`
//!
//! **Accepted quirks.** Type id, units and most fields are inferred; the
//! adapter documents only the two durations (v5.16). The snapshot holds the
//! current state only, so: `callIncomingDuration` is start → state change
//! once the contact is `connected`, `missed` or `rejected`, start → now while
//! it is still incoming/connecting, `null` when ended (the moment it was
//! answered is gone); `callInteractionDuration` is state change → now while
//! `connected`, `0` when missed, rejected or not yet answered, `null` when
//! ended. A missing timestamp gives `null`. No contact in context gives `{}`.

use crate::bridge_util::text;
use crate::prelude::*;

/// `SE_ContactInteractionMetadata`.
pub struct InteractionMetadata;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactInteractionMetadata",
    aliases: &[],
    name: "Get Contact Interaction Metadata",
    family: Family::Contact,
    description: "Reports the contact's ringing and talking durations in seconds.",
    controls: &[],
    ports: DONE,
    results: "{contactId, state, callIncomingDuration, callInteractionDuration}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

fn seconds(from: Option<f64>, to: Option<f64>) -> Value {
    match (from, to) {
        (Some(a), Some(b)) if b >= a => number_value(((b - a) / 1000.0).round()),
        (Some(_), Some(_)) => json!(0),
        _ => Value::Null,
    }
}

impl Block for InteractionMetadata {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            // The delivered snapshot's own fields: no derived field is read.
            let read = ctx.with_contact(|c| {
                c.is_object().then(|| {
                    let status = c.get("status");
                    (
                        c.get("contactStartMs").and_then(Value::as_f64),
                        status
                            .map(|s| text(s, "type").to_string())
                            .unwrap_or_default(),
                        status
                            .and_then(|s| s.get("timestamp"))
                            .and_then(Value::as_f64),
                        c.get("contactId").cloned().unwrap_or(Value::Null),
                    )
                })
            });
            let Some((start, state, changed, contact_id)) = read else {
                return Ok(BlockOutput::done(json!({})));
            };
            let now = Some(ctx.now_ms());
            let (incoming, interaction) = match state.as_str() {
                "connected" => (seconds(start, changed), seconds(changed, now)),
                "missed" | "rejected" => (seconds(start, changed), json!(0)),
                "ended" | "error" => (Value::Null, Value::Null),
                _ => (seconds(start, now), json!(0)),
            };
            Ok(BlockOutput::done(json!({
                "contactId": contact_id,
                "state": state,
                "callIncomingDuration": incoming,
                "callInteractionDuration": interaction,
            })))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;
    use ctiflow_engine::scripted::DEFAULT_START_MS as NOW;

    #[test]
    fn computes_the_durations() {
        let e = contact_event(json!({
            "contactStartMs": NOW - 60_000.0,
            "status": {"type": "connected", "timestamp": NOW - 45_000.0}
        }));
        let r = run_block_with("SE_ContactInteractionMetadata", json!({}), e, &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.results,
            json!({"contactId": "c-voice-1", "state": "connected", "callIncomingDuration": 15, "callInteractionDuration": 45})
        );
        let e = contact_event(
            json!({"contactStartMs": NOW - 20_000.0, "status": {"type": "missed", "timestamp": NOW - 2_000.0}}),
        );
        let r = run_block_with("SE_ContactInteractionMetadata", json!({}), e, &host());
        assert_eq!(r.results["callIncomingDuration"], json!(18));
        assert_eq!(r.results["callInteractionDuration"], json!(0));
    }

    #[test]
    fn no_contact_or_no_timestamps_give_empty_values() {
        let r = run_block_with(
            "SE_ContactInteractionMetadata",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.results, json!({}));
        let r = run_block("SE_ContactInteractionMetadata", json!({}), &host());
        assert_eq!(r.results["callIncomingDuration"], Value::Null);
    }
}
