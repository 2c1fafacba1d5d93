//! # Retrieve Salesforce Record
//!
//! **What it does.** Reads fields of one Salesforce record by id.
//!
//! **Controls.** `fields` (text: comma list of field API names, e.g.
//! `Id, Call_Result__c`), `type` (text: object API name, e.g. `Contact`),
//! `id` (text: the record id). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.retrieve {type, id, fields}` with
//! `fields` as a comma list without spaces (`Id,Call_Result__c`), the form
//! the REST retrieve API takes.
//! **Results.** `{record: {field: value, ...}}`.
//!
//! **Example.** `08-create-task.json`: `{"fields": "AccountId", "type":
//! "Contact", "id": "$.actions.uid-11.results.sfContactId"}`, then Extract
//! Value reads `AccountId` from `record`.
//!
//! **Accepted quirks.** An empty id or a `type`/field name that is not an
//! API name takes `failure` without a call (`INVALID_PARAM`); empty entries
//! of the field list (`"Id,,Name,"`) are dropped, and an empty list asks for
//! `Id`. An answer of `null` (no such record) takes `failure` (`NOT_FOUND`).

use crate::args::{is_api_name, is_empty_id};
use crate::prelude::*;

/// `SE_SFRetrieve`.
pub struct Retrieve;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFRetrieve",
    aliases: &[],
    name: "Retrieve Salesforce Record",
    family: Family::SalesforceData,
    description: "Reads fields of one record by id.",
    controls: &[
        ControlSpec::opt("fields", Kind::String, "Comma list of field API names."),
        ControlSpec::req("type", Kind::String, "Object API name, e.g. Contact."),
        ControlSpec::opt("id", Kind::String, "The record id."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{record}",
    calls: &["salesforceData.retrieve"],
    side_effects: false,
    confirmed: true,
};

fn invalid(message: String) -> BlockResult {
    Ok(BlockOutput::failure(
        json!({"code": "INVALID_PARAM", "message": message}),
    ))
}

impl Block for Retrieve {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let ty = ctx.string("type").trim().to_string();
            if !is_api_name(&ty) {
                return invalid(format!("type `{ty}` is not an object API name"));
            }
            let id = ctx.string("id").trim().to_string();
            if is_empty_id(&id) {
                return invalid("no record id to retrieve".into());
            }
            let list = ctx.string("fields");
            let mut fields = Vec::new();
            for f in list.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                // `Owner.Name` reads a field of a related record.
                if !f.split('.').all(is_api_name) {
                    return invalid(format!("`{f}` is not a field API name"));
                }
                fields.push(f);
            }
            if fields.is_empty() {
                fields.push("Id");
            }
            let args = json!({"type": ty, "id": id, "fields": fields.join(",")});
            Ok(
                match ctx.call(Bridge::SalesforceData, "retrieve", args).await {
                    Ok(Value::Null) => BlockOutput::failure(json!({
                        "code": "NOT_FOUND",
                        "message": format!("no {ty} with id {id}"),
                    })),
                    Ok(record) => BlockOutput::success(json!({"record": record})),
                    Err(e) => BlockOutput::failure(e.to_value()),
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn reads_the_record() {
        let h = host_with(
            json!({"answers": {"salesforceData.retrieve": {"ok": {"Id": "003B", "AccountId": "001A"}}}}),
        );
        let r = run_block(
            "SE_SFRetrieve",
            json!({"fields": " AccountId, Owner.Name,", "type": "Contact", "id": "003B"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.retrieve").args,
            json!({"type": "Contact", "id": "003B", "fields": "AccountId,Owner.Name"})
        );
        assert_eq!(
            r.results,
            json!({"record": {"Id": "003B", "AccountId": "001A"}})
        );
    }

    #[test]
    fn bad_input_and_missing_records_take_failure() {
        let r = run_block(
            "SE_SFRetrieve",
            json!({"fields": "Id", "type": "Contact", "id": "003B"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.exception.as_ref().map(|e| e["code"].clone()),
            Some(json!("NOT_FOUND"))
        );
        for bad in [
            json!({"fields": "Id", "type": "Contact", "id": "$.payload.none"}),
            json!({"fields": "Id FROM User", "type": "Contact", "id": "003"}),
            json!({"fields": "Id", "type": "Contact;", "id": "003"}),
            json!({"fields": "a..b", "type": "Contact", "id": "003"}),
        ] {
            let r = run_block("SE_SFRetrieve", bad.clone(), &host());
            assert_eq!(r.outcome, Some(Outcome::Failure), "{bad}");
            assert!(r.calls.is_empty(), "{bad}");
        }
    }
}
