//! # Alert
//!
//! **What it does.** Shows the agent a message in an alert box on the
//! adapter page and waits until it is dismissed.
//!
//! **Controls.**
//! - `message` (any): the text; written with JavaScript `String()` rules
//!   (objects as JSON). Shown as text, never as HTML.
//!
//! **Ports.** `done`. **Host calls.** `adapterUi.alert {message}`.
//! **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"4","type":"SE_CoreAlert","controls":{"message":"VIP caller: $.contact.queueName"},
//!  "ports":{"done":"5"}}
//! ```
//! (A magic string inside a longer text is not substituted; use String
//! Template for that.)
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.10, X4; a browser alert box in the adapter). The wait for dismissal
//! counts toward the 60 s run window. A host that cannot show it ends the run
//! with an error naming the call.

use crate::prelude::*;

/// `SE_CoreAlert`.
pub struct Alert;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreAlert",
    aliases: &["SE_Alert"],
    name: "Alert",
    family: Family::Page,
    description: "Shows the agent a message in an alert box (text, never HTML).",
    controls: &[ControlSpec::req("message", Kind::Any, "The text to show.")],
    ports: DONE,
    results: "null",
    calls: &["adapterUi.alert"],
    side_effects: true,
    confirmed: false,
};

impl Block for Alert {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let message = crate::logic::text(ctx.value("message").as_ref());
            ctx.call_required(Bridge::AdapterUi, "alert", json!({ "message": message }))
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn shows_the_message_as_text() {
        let h = host();
        let one = run_block(
            "SE_CoreAlert",
            json!({"message": "<b>$.contact.queue.name</b>"}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(
            one.call("adapterUi.alert").args,
            json!({"message": "<b>$.contact.queue.name</b>"})
        );
        let one = run_block(
            "SE_CoreAlert",
            json!({"message": "$.contact.queue.name"}),
            &h,
        );
        assert_eq!(
            one.call("adapterUi.alert").args,
            json!({"message": "BasicQueue"})
        );
    }

    #[test]
    fn a_host_without_ui_ends_the_run() {
        let h = host_with(
            json!({"answers": {"adapterUi.alert": {"error": {"code": "UNSUPPORTED", "message": "no page"}}}}),
        );
        let one = run_block("SE_CoreAlert", json!({"message": false}), &h);
        assert_eq!(one.calls[0].args, json!({"message": "false"}));
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("adapterUi.alert"));
    }
}
