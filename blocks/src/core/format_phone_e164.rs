//! # Format Phone Number (E164)
//!
//! **What it does.** Formats a phone number in E.164: `555-555-0123` with
//! `US` → `+15555550123`. Dial Number wants this form.
//!
//! **Controls.** `phoneNumber` (text), `countryCode` (ISO 3166 alpha-2, the
//! region for numbers written without `+`; default `US`).
//! **Ports.** `done`. **Host calls.** None. **Results.** `{value}`.
//!
//! **Example.** `{"phoneNumber": "$.payload.number", "countryCode": "US"}`
//! on a click-to-dial of `555-555-0123` → `{"value": "+15555550123"}`.
//!
//! **Accepted quirks.** As Format Phone Number: unreadable input comes back
//! unchanged.

use crate::prelude::*;

/// `SE_CoreFormatPhoneNumberE164`.
pub struct FormatPhoneNumberE164;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreFormatPhoneNumberE164",
    aliases: &[],
    name: "Format Phone Number (E164)",
    family: Family::Core,
    description: "Formats a phone number in E.164 (+15555550123).",
    controls: &[
        ControlSpec::opt("phoneNumber", Kind::String, "The number to format."),
        super::format_phone::COUNTRY,
    ],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for FormatPhoneNumberE164 {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { super::format_phone::format(ctx, |p| &p.e164) })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn format(n: Value, cc: &str) -> Value {
        let r = run_block(
            "SE_CoreFormatPhoneNumberE164",
            json!({"phoneNumber": n, "countryCode": cc}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        r.results["value"].clone()
    }

    #[test]
    fn formats_in_e164() {
        assert_eq!(format(json!("555-555-0123"), "US"), "+15555550123");
        assert_eq!(format(json!("(555) 555-0123"), "US"), "+15555550123");
        assert_eq!(format(json!("020 7183 8750"), "GB"), "+442071838750");
        assert_eq!(format(json!("+15555550123"), "GB"), "+15555550123");
    }

    #[test]
    fn unreadable_input_comes_back_unchanged() {
        assert_eq!(format(json!("call me"), "US"), "call me");
        // A value of the wrong type (an object, through a magic string).
        let v = format(json!("$.contact.queue"), "US");
        assert!(
            v.as_str().is_some_and(|s| s.starts_with("{\"name\"")),
            "{v}"
        );
    }
}
