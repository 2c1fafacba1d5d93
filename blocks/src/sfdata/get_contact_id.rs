//! # Get Salesforce Contact Id
//!
//! **What it does.** Finds the Salesforce Contact whose phone number matches
//! a number, and gives its id.
//!
//! **Controls.** `formattedPhoneNumber` (text: any format, E.164 included),
//! `fieldName` (text, optional: the one phone field that must match, e.g.
//! `Phone`). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.search {sosl}` with
//! `FIND {5555550123} IN PHONE FIELDS RETURNING Contact(Id)` (or
//! `Contact(Id, <fieldName>)`); the search term is the national number.
//! **Results.** `{sfContactId}`: the first match. No match takes `failure`
//! with exception code `NOT_FOUND`.
//!
//! **Example.** `08-create-task.json`: `{"formattedPhoneNumber":
//! "$.actions.uid-1.results.formattedPhoneNumber", "fieldName": "Phone"}`;
//! its failure port goes on to create the task without a WhoId.
//!
//! **Accepted quirks.** The adapter's transport is not public (bridges.md
//! §8); SOSL phone search matches across formats (adapter v5.13, v5.18).
//! With `fieldName`, a returned record whose field holds other digits is
//! skipped; a record without the field in the answer is accepted. A
//! `fieldName` that is not an API name takes `failure` without a call
//! (`INVALID_PARAM`), as does a number with no digits. The answer may be an
//! array of records or `{searchRecords: [...]}`.

use super::phone_search::find_by_phone;
use crate::prelude::*;

/// `SE_SFGetContactId`.
pub struct GetContactId;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetContactId",
    aliases: &[],
    name: "Get Salesforce Contact Id",
    family: Family::SalesforceData,
    description: "Finds the Contact with a phone number and gives its id.",
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
    results: "{sfContactId}",
    calls: &["salesforceData.search"],
    side_effects: false,
    confirmed: true,
};

impl Block for GetContactId {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(find_by_phone(ctx, "Contact", "sfContactId"))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn finds_the_contact() {
        let h = host_with(json!({"answers": {"salesforceData.search": {"ok": [
            {"attributes": {"type": "Contact"}, "Id": "003A", "Phone": "(555) 555-9999"},
            {"attributes": {"type": "Contact"}, "Id": "003B", "Phone": "+1 555-555-0123"}
        ]}}}));
        let r = run_block(
            "SE_SFGetContactId",
            json!({"formattedPhoneNumber": "(555) 555-0123", "fieldName": "Phone"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.search").args,
            json!({"sosl": "FIND {5555550123} IN PHONE FIELDS RETURNING Contact(Id, Phone)"})
        );
        assert_eq!(r.results, json!({"sfContactId": "003B"}));
        let h = host_with(
            json!({"answers": {"salesforceData.search": {"ok": {"searchRecords": [{"Id": "003C"}]}}}}),
        );
        let r = run_block(
            "SE_SFGetContactId",
            json!({"formattedPhoneNumber": "+15555550123"}),
            &h,
        );
        assert_eq!(
            r.call("salesforceData.search").args["sosl"],
            "FIND {5555550123} IN PHONE FIELDS RETURNING Contact(Id)"
        );
        assert_eq!(r.results, json!({"sfContactId": "003C"}));
    }

    #[test]
    fn no_match_takes_failure() {
        let r = run_block(
            "SE_SFGetContactId",
            json!({"formattedPhoneNumber": "(555) 555-0123"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.exception.as_ref().map(|e| e["code"].clone()),
            Some(json!("NOT_FOUND"))
        );
        let h = host_with(
            json!({"answers": {"salesforceData.search": {"error": {"code": "SERVER_ERROR", "message": "x"}}}}),
        );
        let r = run_block(
            "SE_SFGetContactId",
            json!({"formattedPhoneNumber": "5555550123"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        for bad in [
            json!({"formattedPhoneNumber": ""}),
            json!({"formattedPhoneNumber": "1", "fieldName": "Phone) FROM"}),
        ] {
            let r = run_block("SE_SFGetContactId", bad, &host());
            assert_eq!(r.outcome, Some(Outcome::Failure));
            assert!(r.calls.is_empty());
        }
    }
}
