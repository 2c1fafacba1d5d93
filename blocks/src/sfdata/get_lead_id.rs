//! # Get Salesforce Lead Id
//!
//! **What it does.** Finds the Salesforce Lead whose phone number matches a
//! number, and gives its id (the Lead twin of Get Salesforce Contact Id).
//!
//! **Controls.** `formattedPhoneNumber` (text, any format), `fieldName`
//! (text, optional). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.search {sosl}` with
//! `FIND {5555550123} IN PHONE FIELDS RETURNING Lead(Id)`.
//! **Results.** `{sfLeadId}`. No match takes `failure` (`NOT_FOUND`).
//!
//! **Example.** `{"formattedPhoneNumber": "$.contact.formattedPhoneNumber"}`.
//!
//! **Accepted quirks.** The real exports that use it wire only `success`;
//! the `failure` port is our addition, so a flow that leaves it unconnected
//! just ends there. Otherwise as Get Salesforce Contact Id.

use super::phone_search::find_by_phone;
use crate::prelude::*;

/// `SE_SFGetLeadId`.
pub struct GetLeadId;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetLeadId",
    aliases: &[],
    name: "Get Salesforce Lead Id",
    family: Family::SalesforceData,
    description: "Finds the Lead with a phone number and gives its id.",
    controls: &[
        ControlSpec::opt(
            "formattedPhoneNumber",
            Kind::String,
            "The number to look up, any format.",
        ),
        ControlSpec::opt(
            "fieldName",
            Kind::String,
            "Only this phone field must match (e.g. Phone).",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "{sfLeadId}",
    calls: &["salesforceData.search"],
    side_effects: false,
    confirmed: true,
};

impl Block for GetLeadId {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(find_by_phone(ctx, "Lead", "sfLeadId"))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn finds_the_lead() {
        let h = host_with(
            json!({"answers": {"salesforceData.search": {"ok": [{"attributes": {"type": "Lead"}, "Id": "00QA"}]}}}),
        );
        let r = run_block(
            "SE_SFGetLeadId",
            json!({"formattedPhoneNumber": "+1 555 555 0123"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.search").args,
            json!({"sosl": "FIND {5555550123} IN PHONE FIELDS RETURNING Lead(Id)"})
        );
        assert_eq!(r.results, json!({"sfLeadId": "00QA"}));
    }

    #[test]
    fn no_match_takes_failure() {
        let h = host_with(
            json!({"answers": {"salesforceData.search": {"ok": [{"attributes": {"type": "Contact"}, "Id": "003A"}]}}}),
        );
        let r = run_block(
            "SE_SFGetLeadId",
            json!({"formattedPhoneNumber": "5555550123"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
    }
}
