//! # Show Attributes
//!
//! **What it does.** Shows the contact's attributes on the adapter page
//! (the Classic attribute list).
//!
//! **Controls.** None.
//!
//! **Ports.** `done`. **Host calls.** `adapterUi.showAttributes {attributes}`,
//! with the contact snapshot's attributes in Streams' shape
//! `{key: {name, value}}`. **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_ShowAttributes","controls":{},"ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id is inferred (bridges.md §6.9, #106; adapter
//! v5.5 called it "Show All Attributes", also accepted as
//! `SE_ShowAllAttributes`). On an event without a contact, or a monitoring
//! contact, the list is empty (`{}`) and a trace note says so. Attributes
//! written earlier in the run by Update Contact Attributes are included.
//! Values are shown as text, never HTML.

use crate::prelude::*;

/// `SE_ShowAttributes`.
pub struct ShowAttributes;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ShowAttributes",
    aliases: &["SE_ShowAllAttributes", "SE_ContactShowAttributes"],
    name: "Show Attributes",
    family: Family::Page,
    description: "Shows the contact's attributes on the adapter page.",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &["adapterUi.showAttributes"],
    side_effects: true,
    confirmed: false,
};

impl Block for ShowAttributes {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let given =
                ctx.with_contact(|c| c.get("attributes").filter(|a| a.is_object()).cloned());
            let attributes = match given {
                Some(a) => a,
                None => {
                    ctx.note("no contact attributes in context; showing an empty list");
                    json!({})
                }
            };
            ctx.call_required(
                Bridge::AdapterUi,
                "showAttributes",
                json!({ "attributes": attributes }),
            )
            .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn shows_the_contacts_attributes() {
        let h = host();
        let one = run_block("SE_ShowAttributes", json!({}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(
            one.call("adapterUi.showAttributes").args,
            json!({"attributes": {"caseNumber": {"name": "caseNumber", "value": "00001026"}}})
        );
    }

    #[test]
    fn no_contact_shows_an_empty_list_and_a_failing_host_ends_the_run() {
        let h = host();
        let one = run_block_with(
            "SE_ShowAttributes",
            json!(null),
            Event {
                agent: agent(),
                ..Event::default()
            },
            &h,
        );
        assert_eq!(
            one.call("adapterUi.showAttributes").args,
            json!({"attributes": {}})
        );
        let h = host_with(
            json!({"answers": {"adapterUi.showAttributes": {"error": {"code": "UNSUPPORTED", "message": "Lightning"}}}}),
        );
        let one = run_block("SE_ShowAttributes", json!({}), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("adapterUi.showAttributes"));
    }
}
