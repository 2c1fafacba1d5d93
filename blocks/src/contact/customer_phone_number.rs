//! # Get Customer Phone Number
//!
//! **What it does.** Gives the customer's phone number of the run's contact,
//! parsed as the adapter's legacy libphonenumber `parse()` did.
//!
//! **Controls.** None (`{}`). **Ports.** `done`.
//! **Host calls.** None: reads the snapshot. The number is the initial
//! connection's endpoint (`$.contact.rawPhoneNumber`), stripped of `sip:`
//! and `@host`, parsed with region US unless it is E.164.
//! **Results.** `{phone, country}`: `phone` is the national number
//! (`5555550123`), `country` the ISO code (`US`).
//!
//! **Example.** For a call from `+1 555-555-0123` → `{"phone": "5555550123",
//! "country": "US"}`; Format Phone Number then gives `(555) 555-0123`.
//!
//! **Accepted quirks.** Reads the enriched `$.contact.phone` and `.country`
//! when the snapshot has them (the host may fill them). Chat and task
//! contacts, and runs with no contact, give `{"phone": "", "country": ""}`.
//! A number libphonenumber cannot read (`anonymous`) comes back as given in
//! `phone` with `country` empty.

use crate::phone;
use crate::prelude::*;

/// `SE_ContactCustomerPhoneNumber`.
pub struct CustomerPhoneNumber;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactCustomerPhoneNumber",
    aliases: &[],
    name: "Get Customer Phone Number",
    family: Family::Contact,
    description: "The customer's phone number as {phone (national number), country}.",
    controls: &[],
    ports: DONE,
    results: "{phone, country}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for CustomerPhoneNumber {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let text = |v: Option<Value>| match v {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            // The snapshot's own fields, else the ones the engine derives;
            // with neither (an engine without the enricher), derive here.
            let given = text(ctx.contact_field("phone")).zip(text(ctx.contact_field("country")));
            let (phone, country) = given.unwrap_or_else(|| {
                let mut c = ctx.contact();
                phone::enrich_contact(&mut c);
                let read = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
                read("phone").zip(read("country")).unwrap_or_default()
            });
            Ok(BlockOutput::done(
                json!({ "phone": phone, "country": country }),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn with_raw(raw: Value) -> One {
        let mut e = voice_event(json!({}));
        e.contact["rawPhoneNumber"] = raw;
        run_block_with("SE_ContactCustomerPhoneNumber", json!({}), e, &host())
    }

    #[test]
    fn parses_the_customer_number() {
        let r = run_block("SE_ContactCustomerPhoneNumber", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"phone": "5555550123", "country": "US"}));
        assert!(r.calls.is_empty());
        let sip = with_raw(json!("sip:+442071838750@pstn.example"));
        assert_eq!(sip.results, json!({"phone": "2071838750", "country": "GB"}));
    }

    #[test]
    fn no_number_gives_empty_fields() {
        let chat = Event {
            payload: json!({}),
            contact: json!({"contactId": "c", "type": "chat"}),
            agent: agent(),
        };
        let r = run_block_with("SE_ContactCustomerPhoneNumber", json!({}), chat, &host());
        assert_eq!(r.results, json!({"phone": "", "country": ""}));
        let none = Event::default();
        let r = run_block_with("SE_ContactCustomerPhoneNumber", json!(null), none, &host());
        assert_eq!(r.results, json!({"phone": "", "country": ""}));
        assert_eq!(
            with_raw(json!("anonymous")).results,
            json!({"phone": "anonymous", "country": ""})
        );
        assert_eq!(
            with_raw(json!(12)).results,
            json!({"phone": "", "country": ""})
        );
    }
}
