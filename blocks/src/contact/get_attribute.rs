//! # Get Contact Attribute
//!
//! **What it does.** Reads one contact attribute (set by the Amazon Connect
//! contact flow, or by Update Contact Attributes earlier in the run).
//!
//! **Controls.** `attributeName` (text, required), `defaultValue` (any;
//! default `""`). **Ports.** `done`.
//! **Host calls.** None: reads `$.contact.attributes[attributeName].value`
//! from the snapshot (Streams `contact.getAttributes()`).
//! **Results.** `{value}`: the attribute's value, else `defaultValue`.
//!
//! **Example.** `{"attributeName": "caseNumber", "defaultValue": ""}` →
//! `{"value": "00001026"}`.
//!
//! **Accepted quirks.** With no contact in the run, no attribute map (a
//! monitoring contact), or an attribute whose value is `null`, the default is
//! returned. An attribute map flattened to `{key: value}` is read too. An
//! attribute set to `""` returns `""`, not the default.

use crate::prelude::*;

/// `SE_ContactGetAttributeValue`.
pub struct GetAttribute;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactGetAttributeValue",
    aliases: &[],
    name: "Get Contact Attribute",
    family: Family::Contact,
    description: "Reads a contact attribute, or a default.",
    controls: &[
        ControlSpec::req("attributeName", Kind::String, "The attribute's key."),
        ControlSpec::def(
            "defaultValue",
            Kind::Any,
            "\"\"",
            "Returned when the attribute is not set.",
        ),
    ],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

/// The value of an attribute in a contact snapshot, either Streams shape.
pub(crate) fn attribute(contact: &Value, name: &str) -> Option<Value> {
    let a = contact.get("attributes")?.get(name)?;
    let v = match a {
        Value::Object(m) => m.get("value")?,
        other => other,
    };
    (!v.is_null()).then(|| v.clone())
}

impl Block for GetAttribute {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let name = ctx.required_string("attributeName")?;
            let v = ctx
                .with_contact(|c| attribute(c, &name))
                .or_else(|| ctx.value("defaultValue"))
                .unwrap_or(Value::String(String::new()));
            Ok(BlockOutput::value(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn reads_the_attribute() {
        let r = run_block(
            "SE_ContactGetAttributeValue",
            json!({"attributeName": "caseNumber", "defaultValue": "none"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": "00001026"}));
        assert!(r.calls.is_empty());
    }

    #[test]
    fn falls_back_to_the_default() {
        let r = run_block(
            "SE_ContactGetAttributeValue",
            json!({"attributeName": "missing", "defaultValue": "none"}),
            &host(),
        );
        assert_eq!(r.results, json!({"value": "none"}));
        let no_contact = Event {
            payload: json!({}),
            contact: json!(null),
            agent: agent(),
        };
        let r = run_block_with(
            "SE_ContactGetAttributeValue",
            json!({"attributeName": "caseNumber", "defaultValue": ""}),
            no_contact,
            &host(),
        );
        assert_eq!(r.results, json!({"value": ""}));
        let mut odd = voice_event(json!({}));
        odd.contact["attributes"] =
            json!({"flat": "yes", "nul": {"name": "nul", "value": null}, "weird": 5});
        let r = run_block_with(
            "SE_ContactGetAttributeValue",
            json!({"attributeName": "flat"}),
            odd.clone(),
            &host(),
        );
        assert_eq!(r.results, json!({"value": "yes"}));
        let r = run_block_with(
            "SE_ContactGetAttributeValue",
            json!({"attributeName": "nul"}),
            odd,
            &host(),
        );
        assert_eq!(r.results, json!({"value": ""}));
    }
}
