//! # Search And Screenpop
//!
//! **What it does.** Searches Salesforce and pops the result the way the
//! call center's softphone layout says (one match: the record; several: a
//! search page; none: the no-match setting), through Open CTI
//! `searchAndScreenPop`.
//!
//! **Controls.** `searchParams` (text: what to search, e.g. a formatted
//! phone number or an email address), `queryParams` (text or `null`: extra
//! URL parameters for the pop), `defaultFieldValues` (object or `null`: new
//! record defaults for the no-match pop), `callType` (`inbound`, `outbound`
//! or `internal`; default `inbound`), `deferred` (boolean: search without
//! popping; the results carry `SCREEN_POP_DATA`).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.searchAndScreenPop {searchParams,
//! queryParams, defaultFieldValues, callType, deferred}`.
//! **Results.** Open CTI's `returnValue` as is: a map from record id to
//! `{Id, Name, RecordType, ...}` (plus `SCREEN_POP_DATA` when deferred);
//! `{}` when it returns nothing. On failure the exception is the error.
//!
//! **Example.** `06-screenpop-on-customer.json`:
//! `{"searchParams": "$.actions.uid-25.results.value", "queryParams": "",
//! "defaultFieldValues": {}, "deferred": false, "callType": "inbound"}`.
//!
//! **Accepted quirks.** `queryParams: null` is sent as `""` and
//! `defaultFieldValues: null` as `{}` (the default flows write `null`);
//! `defaultFieldValues` written as JSON text is parsed. `callType` is read
//! case-insensitively; an unknown value is sent as `inbound` with a trace
//! note. Zero matches is `success` whenever Open CTI reports success. An
//! empty `searchParams` is still sent: Salesforce then applies the no-match
//! setting (`01-legacy.json` relies on whatever it does).

use crate::args::object_arg;
use crate::prelude::*;

/// `SE_SFSearchAndScreenpop`.
pub struct SearchAndScreenpop;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSearchAndScreenpop",
    aliases: &[],
    name: "Search And Screenpop",
    family: Family::SalesforceUi,
    description: "Searches Salesforce and pops the result per the softphone layout.",
    controls: &[
        ControlSpec::opt("searchParams", Kind::String, "What to search for."),
        ControlSpec::opt(
            "queryParams",
            Kind::String,
            "Extra URL parameters for the pop.",
        ),
        ControlSpec::opt(
            "defaultFieldValues",
            Kind::Object,
            "Defaults for a new record on no match.",
        ),
        ControlSpec::def(
            "callType",
            Kind::String,
            "\"inbound\"",
            "inbound, outbound or internal.",
        ),
        ControlSpec::def("deferred", Kind::Bool, "false", "Search only; pop later."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{recordId: {Id, Name, ...}} (+ SCREEN_POP_DATA when deferred)",
    calls: &["salesforceUi.searchAndScreenPop"],
    side_effects: true,
    confirmed: true,
};

/// An Open CTI `CALL_TYPE` value, and whether the input was one.
pub(crate) fn call_type(s: &str) -> (&'static str, bool) {
    match s.trim().to_ascii_lowercase().as_str() {
        "inbound" | "" => ("inbound", true),
        "outbound" => ("outbound", true),
        "internal" => ("internal", true),
        _ => ("inbound", false),
    }
}

impl Block for SearchAndScreenpop {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let given = ctx.string("callType");
            let (ct, known) = call_type(&given);
            if !known {
                ctx.note(format!("unknown callType `{given}`; sent as inbound"));
            }
            let args = json!({
                "searchParams": ctx.string("searchParams"),
                "queryParams": ctx.string("queryParams"),
                "defaultFieldValues": object_arg(ctx.value("defaultFieldValues")),
                "callType": ct,
                "deferred": ctx.bool("deferred"),
            });
            ctx.call_outcome(Bridge::SalesforceUi, "searchAndScreenPop", args, |v| {
                if v.is_null() {
                    Value::Object(Map::new())
                } else {
                    v
                }
            })
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn searches_and_pops() {
        let h = host_with(
            json!({"answers": {"salesforceUi.searchAndScreenPop": {"ok": {"003xx": {"Id": "003xx", "Name": "Pat"}}}}}),
        );
        let r = run_block(
            "SE_SFSearchAndScreenpop",
            json!({"searchParams": "(555) 555-0123", "queryParams": "", "defaultFieldValues": {"Phone": "$.contact.formattedNumber"}, "deferred": false, "callType": "inbound"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.searchAndScreenPop").args,
            json!({"searchParams": "(555) 555-0123", "queryParams": "", "defaultFieldValues": {"Phone": "(555) 555-0123"}, "callType": "inbound", "deferred": false})
        );
        assert_eq!(r.results, json!({"003xx": {"Id": "003xx", "Name": "Pat"}}));
    }

    #[test]
    fn nulls_and_odd_values_are_normalised() {
        let r = run_block(
            "SE_SFSearchAndScreenpop",
            json!({"searchParams": "$.contact.parsedNumber.phone", "queryParams": null, "defaultFieldValues": null, "callType": "Outbound", "deferred": "true"}),
            &host(),
        );
        assert_eq!(
            r.call("salesforceUi.searchAndScreenPop").args,
            json!({"searchParams": "5555550123", "queryParams": "", "defaultFieldValues": {}, "callType": "outbound", "deferred": true})
        );
        assert_eq!(r.results, json!({}));
    }

    #[test]
    fn an_open_cti_error_takes_failure() {
        let h = host_with(
            json!({"answers": {"salesforceUi.searchAndScreenPop": {"error": {"code": "GENERIC_ERROR", "message": "nope"}}}}),
        );
        let r = run_block(
            "SE_SFSearchAndScreenpop",
            json!({"searchParams": "x", "callType": "sideways"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.exception.as_ref().map(|e| e["code"].clone()),
            Some(json!("GENERIC_ERROR"))
        );
        assert_eq!(
            r.call("salesforceUi.searchAndScreenPop").args["callType"],
            "inbound"
        );
    }
}
