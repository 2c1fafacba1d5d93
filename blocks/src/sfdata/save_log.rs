//! # Save (or Create) a Record
//!
//! **What it does.** Updates a Salesforce record, or creates one when no
//! record id is given, through Open CTI `saveLog`.
//!
//! **Controls.** `recordId` (text: the record to update; empty or the
//! string `"null"` means create), `entityType` (text: object API name of a
//! new record, e.g. `Contact`), `fieldValues` (object: field → value; values
//! may be magic strings). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.saveLog {value}` with `value`
//! `{Id: recordId, ...fieldValues}` to update, or `{entityApiName:
//! entityType, ...fieldValues}` to create.
//! **Results.** `{id}`: the saved record's id (`returnValue.recordId`).
//!
//! **Example.** `11-salesforce-contact-creation.json`: `{"recordId":
//! "null", "entityType": "Contact", "fieldValues": {"LastName":
//! "$.actions.uid-14.results.contactId"}}` → `{"id": "003xx"}`.
//!
//! **Accepted quirks.** `entityType` is ignored on update (the cheat
//! sheet). `Id` and `entityApiName` given inside `fieldValues` are
//! overridden by the block's own. An answer that is a bare id string is
//! read as the id; an answer without one gives `{"id": null}`. Creating with
//! no `entityType` takes `failure` without a call (`INVALID_PARAM`).

use crate::args::{is_empty_id, object_map};
use crate::prelude::*;

/// `SE_SFSaveLog`.
pub struct SaveLog;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSaveLog",
    aliases: &[],
    name: "Save (or Create) a Record",
    family: Family::SalesforceData,
    description: "Updates a record, or creates one when there is no record id.",
    controls: &[
        ControlSpec::opt(
            "recordId",
            Kind::String,
            "The record to update; empty or \"null\" creates.",
        ),
        ControlSpec::opt(
            "entityType",
            Kind::String,
            "Object API name of a new record.",
        ),
        ControlSpec::opt("fieldValues", Kind::Object, "Field → value."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{id}",
    calls: &["salesforceData.saveLog"],
    side_effects: true,
    confirmed: true,
};

/// The id in a saveLog answer: `{recordId}`, `{id}`/`{Id}`, or a bare string.
pub(crate) fn saved_id(answer: &Value) -> Value {
    match answer {
        Value::String(s) if !s.is_empty() => answer.clone(),
        Value::Object(m) => ["recordId", "id", "Id"]
            .iter()
            .find_map(|k| m.get(*k).filter(|v| v.is_string()).cloned())
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Saves `value` and maps the answer to `{id}`.
pub(crate) async fn save(ctx: &Ctx<'_>, value: Map<String, Value>) -> BlockResult {
    ctx.call_outcome(
        Bridge::SalesforceData,
        "saveLog",
        json!({"value": value}),
        |a| json!({"id": saved_id(&a)}),
    )
    .await
}

impl Block for SaveLog {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = ctx.string("recordId").trim().to_string();
            let mut fields = object_map(ctx.value("fieldValues"));
            fields.remove("Id");
            fields.remove("entityApiName");
            let mut value = Map::new();
            if is_empty_id(&id) {
                let entity = ctx.string("entityType").trim().to_string();
                if entity.is_empty() {
                    return Ok(BlockOutput::failure(json!({
                        "code": "INVALID_PARAM",
                        "message": "no recordId to update and no entityType to create",
                    })));
                }
                value.insert("entityApiName".into(), Value::String(entity));
            } else {
                value.insert("Id".into(), Value::String(id));
            }
            value.extend(fields);
            save(ctx, value).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn creates_when_the_id_is_null() {
        let h = host_with(
            json!({"answers": {"salesforceData.saveLog": {"ok": {"recordId": "003NEW"}}}}),
        );
        let r = run_block(
            "SE_SFSaveLog",
            json!({"recordId": "null", "entityType": "Contact", "fieldValues": {"LastName": "$.contact.contactId"}}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.saveLog").args,
            json!({"value": {"entityApiName": "Contact", "LastName": "c-voice-1"}})
        );
        assert_eq!(r.results, json!({"id": "003NEW"}));
    }

    #[test]
    fn updates_when_there_is_an_id() {
        let h = host_with(json!({"answers": {"salesforceData.saveLog": {"ok": "003OLD"}}}));
        let r = run_block(
            "SE_SFSaveLog",
            json!({"recordId": "003OLD", "entityType": "Contact", "fieldValues": {"Description": "hi", "Id": "other"}}),
            &h,
        );
        assert_eq!(
            r.call("salesforceData.saveLog").args,
            json!({"value": {"Id": "003OLD", "Description": "hi"}})
        );
        assert_eq!(r.results, json!({"id": "003OLD"}));
    }

    #[test]
    fn errors_take_failure() {
        let h = host_with(
            json!({"answers": {"salesforceData.saveLog": {"error": {"code": "SERVER_ERROR", "message": "REQUIRED_FIELD_MISSING"}}}}),
        );
        let r = run_block(
            "SE_SFSaveLog",
            json!({"recordId": "", "entityType": "Contact", "fieldValues": {}}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        let r = run_block(
            "SE_SFSaveLog",
            json!({"recordId": "", "fieldValues": null}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert!(r.calls.is_empty());
    }
}
