//! # Show Modal
//!
//! **What it does.** Opens a modal dialog on the adapter page with a title
//! and a message.
//!
//! **Controls.**
//! - `title` (any, optional): the dialog's title.
//! - `message` (any): the body. Both are written with JavaScript `String()`
//!   rules and shown as **text, never HTML**: a flow author's `<b>` appears
//!   as the characters `<b>` (the page sets `textContent`), so nothing a flow
//!   carries (contact attributes, HTTP answers) can inject markup or script.
//!
//! **Ports.** `done`. **Host calls.** `adapterUi.showModal {title, message}`.
//! **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"4","type":"SE_ShowModal","controls":{"title":"Callback",
//!  "message":"$.actions.3.results.value"},"ports":{"done":"5"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #11; the block was fixed in adapter v5.27). The flow does not wait
//! for the agent to close the modal. A host that cannot show it ends the run
//! with an error naming the call.

use crate::logic::text;
use crate::prelude::*;

/// `SE_ShowModal`.
pub struct ShowModal;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ShowModal",
    aliases: &["SE_CoreShowModal"],
    name: "Show Modal",
    family: Family::Page,
    description: "Opens a modal with a title and a message on the adapter page (text, never HTML).",
    controls: &[
        ControlSpec::opt("title", Kind::Any, "The dialog's title."),
        ControlSpec::req("message", Kind::Any, "The text to show."),
    ],
    ports: DONE,
    results: "null",
    calls: &["adapterUi.showModal"],
    side_effects: true,
    confirmed: false,
};

impl Block for ShowModal {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let args = json!({
                "title": text(ctx.value("title").as_ref()),
                "message": text(ctx.value("message").as_ref()),
            });
            ctx.call_required(Bridge::AdapterUi, "showModal", args)
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn opens_the_modal_with_text() {
        let h = host();
        let one = run_block(
            "SE_ShowModal",
            json!({"title": "Case", "message": "$.contact.attributes.caseNumber.value"}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!(null));
        assert_eq!(
            one.call("adapterUi.showModal").args,
            json!({"title": "Case", "message": "00001026"})
        );
    }

    #[test]
    fn a_failing_host_ends_the_run() {
        let h = host_with(
            json!({"answers": {"adapterUi.*": {"error": {"code": "UNSUPPORTED", "message": "headless"}}}}),
        );
        let one = run_block("SE_ShowModal", json!({"message": {"a": 1}}), &h);
        assert_eq!(
            one.call("adapterUi.showModal").args,
            json!({"title": "", "message": "{\"a\":1}"})
        );
        assert_eq!(one.outcome, None);
    }
}
