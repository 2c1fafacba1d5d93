//! # Format Phone Number
//!
//! **What it does.** Formats a phone number in the national format of its
//! country, as libphonenumber does: `5555550123` with `US` →
//! `(555) 555-0123`; `+44 20 7183 8750` → `020 7183 8750`.
//!
//! **Controls.** `phoneNumber` (text), `countryCode` (ISO 3166 alpha-2, the
//! region for numbers written without `+`; default `US`).
//! **Ports.** `done`. **Host calls.** None. **Results.** `{value}`.
//!
//! **Example.** After Get Customer Phone Number:
//! `{"phoneNumber": "$.actions.uid-22.results.phone", "countryCode": "US"}`
//! → `{"value": "(555) 555-0123"}`, which Search And Screenpop then searches.
//!
//! **Accepted quirks.** Input that libphonenumber cannot read (empty,
//! `anonymous`, letters) comes back unchanged; the adapter documents no
//! failure for this block. A `countryCode` that is not a region code reads
//! only numbers written with `+`. Numbers are accepted as JSON numbers too.

use crate::phone;
use crate::prelude::*;

/// `SE_CoreFormatPhoneNumber`.
pub struct FormatPhoneNumber;

pub(crate) static COUNTRY: ControlSpec = ControlSpec::def(
    "countryCode",
    Kind::String,
    "\"US\"",
    "ISO 3166 alpha-2 region for numbers written without +.",
);

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreFormatPhoneNumber",
    aliases: &[],
    name: "Format Phone Number",
    family: Family::Core,
    description: "Formats a phone number in its country's national format.",
    controls: &[
        ControlSpec::opt("phoneNumber", Kind::String, "The number to format."),
        COUNTRY,
    ],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for FormatPhoneNumber {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { format(ctx, |p| &p.national) })
    }
}

/// `phoneNumber` in the rendering `pick` chooses (read in `countryCode`,
/// default US); a number libphonenumber cannot read is given back as is.
/// Shared with Format Phone Number E164.
pub(super) fn format(ctx: &Ctx<'_>, pick: fn(&phone::Parsed) -> &String) -> BlockResult {
    let input = ctx.string("phoneNumber");
    let out = phone::parse_in_with(&input, &ctx.string("countryCode"), |p| p.map(pick).cloned())
        .unwrap_or(input);
    Ok(BlockOutput::value(Value::String(out)))
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn format(n: Value, cc: &str) -> Value {
        let r = run_block(
            "SE_CoreFormatPhoneNumber",
            json!({"phoneNumber": n, "countryCode": cc}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert!(r.calls.is_empty());
        r.results["value"].clone()
    }

    #[test]
    fn formats_in_national_format() {
        assert_eq!(format(json!("5555550123"), "US"), "(555) 555-0123");
        assert_eq!(format(json!("+1 555-555-0123"), "US"), "(555) 555-0123");
        assert_eq!(format(json!(5555550123_u64), "us"), "(555) 555-0123");
        assert_eq!(format(json!("+442071838750"), "US"), "020 7183 8750");
        assert_eq!(format(json!("020 7183 8750"), "GB"), "020 7183 8750");
        assert_eq!(format(json!("5555550123"), ""), "(555) 555-0123");
    }

    #[test]
    fn unreadable_input_comes_back_unchanged() {
        assert_eq!(format(json!("anonymous"), "US"), "anonymous");
        assert_eq!(format(json!(""), "US"), "");
        assert_eq!(format(json!(null), "US"), "");
        assert_eq!(format(json!("5555550123"), "NOT A REGION"), "5555550123");
        let huge = "1".repeat(1_000_000);
        assert_eq!(format(json!(huge.clone()), "US"), huge);
    }
}
