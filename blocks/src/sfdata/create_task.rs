//! # Create a Task
//!
//! **What it does.** Creates a Salesforce Task (an activity) for the call:
//! who it was with, what it was about, its subject and call details.
//!
//! **Controls.** Task fields by API name: `CallObject` (the Connect contact
//! id), `Type`, `Status`, `Priority`, `IsClosed` (boolean), `TaskSubtype`
//! (old spelling `TaskSubType` also read), `WhoId`, `WhatId`,
//! `CallDisposition`, `CallDurationInSeconds` (number or `""`), `CallType`
//! (`inbound`, `outbound`, `internal`), `ActivityDate`; `subject1`,
//! `subject2`, `subject3` (parts of the Subject); `otherTaskFields` (object
//! of any further fields). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.saveLog {value: {entityApiName: "Task",
//! Subject, ...fields, ...otherTaskFields}}`.
//! **Results.** `{id}`: the new Task's id.
//!
//! **Example.** `08-create-task.json` creates the task with `WhoId` from Get
//! Salesforce Contact Id and `WhatId` from Extract Value, then pops it with
//! Screenpop Object on `$.actions.uid-3.results.id`.
//!
//! **Accepted quirks** (bridges.md §6.4 PROPOSAL; the adapter's transport is
//! not public). Subject is `subject1 - subject2 - subject3`, skipping empty
//! parts, and left out when all are empty. Fields that are `""`, `null` or
//! unresolved are left out (lookups and dates reject `""`). When both
//! `TaskSubtype` and `TaskSubType` are set (`08-create-task.json` has
//! `"Task"` and `"Call"`), `TaskSubtype` wins; either is sent as
//! `TaskSubtype`. `CallType` is sent as the picklist value `Inbound`,
//! `Outbound` or `Internal` (other text as given). `IsClosed` accepts
//! `"true"`/`"false"`; `CallDurationInSeconds` is sent as a number when it
//! reads as one. `otherTaskFields` is merged last and wins.

use super::save_log::save;
use crate::args::object_map;
use crate::prelude::*;

/// `SE_SFCreateTask`.
pub struct CreateTask;

const TEXT_FIELDS: &[&str] = &[
    "CallObject",
    "Type",
    "Status",
    "Priority",
    "WhoId",
    "WhatId",
    "CallDisposition",
    "ActivityDate",
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFCreateTask",
    aliases: &[],
    name: "Create a Task",
    family: Family::SalesforceData,
    description: "Creates a Salesforce Task for the call.",
    controls: &[
        ControlSpec::opt("CallObject", Kind::String, "The Connect contact id."),
        ControlSpec::opt("Type", Kind::String, "Task type, e.g. Call."),
        ControlSpec::opt("Status", Kind::String, "e.g. In Progress, Completed."),
        ControlSpec::opt("Priority", Kind::String, "e.g. High, Normal, Low."),
        ControlSpec::opt("IsClosed", Kind::Bool, "Whether the task is closed."),
        ControlSpec::opt("TaskSubtype", Kind::String, "Task, Email, Call, ..."),
        ControlSpec::opt("TaskSubType", Kind::String, "Old spelling of TaskSubtype."),
        ControlSpec::opt("WhoId", Kind::String, "Contact or Lead id."),
        ControlSpec::opt(
            "WhatId",
            Kind::String,
            "Related record id (Account, Case, ...).",
        ),
        ControlSpec::opt("CallDisposition", Kind::String, "Call result."),
        ControlSpec::opt(
            "CallDurationInSeconds",
            Kind::Number,
            "Call length in seconds.",
        ),
        ControlSpec::opt("CallType", Kind::String, "inbound, outbound or internal."),
        ControlSpec::opt("ActivityDate", Kind::String, "Due date, YYYY-MM-DD."),
        ControlSpec::opt("subject1", Kind::String, "First part of the Subject."),
        ControlSpec::opt("subject2", Kind::String, "Second part of the Subject."),
        ControlSpec::opt("subject3", Kind::String, "Third part of the Subject."),
        ControlSpec::opt("otherTaskFields", Kind::Object, "Any further Task fields."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{id}",
    calls: &["salesforceData.saveLog"],
    side_effects: true,
    confirmed: true,
};

/// The Task record the controls describe.
fn task(ctx: &Ctx<'_>) -> Map<String, Value> {
    let mut v = Map::new();
    v.insert("entityApiName".into(), Value::String("Task".into()));
    let subject: Vec<String> = ["subject1", "subject2", "subject3"]
        .iter()
        .map(|k| ctx.string(k).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !subject.is_empty() {
        v.insert("Subject".into(), Value::String(subject.join(" - ")));
    }
    for f in TEXT_FIELDS {
        let s = ctx.string(f);
        if !s.trim().is_empty() {
            v.insert((*f).into(), Value::String(s));
        }
    }
    let subtype = ctx.string_any(&["TaskSubtype", "TaskSubType"]);
    if !subtype.trim().is_empty() {
        v.insert("TaskSubtype".into(), Value::String(subtype));
    }
    if ctx.value("IsClosed").is_some_and(|x| x != "") {
        v.insert("IsClosed".into(), Value::Bool(ctx.bool("IsClosed")));
    }
    let dur = ctx.string("CallDurationInSeconds");
    if !dur.trim().is_empty() {
        let n = js_number(Some(&Value::String(dur.clone())));
        let d = if n.is_finite() {
            number_value(n)
        } else {
            Value::String(dur)
        };
        v.insert("CallDurationInSeconds".into(), d);
    }
    let ct = ctx.string("CallType");
    let ct = match ct.trim().to_ascii_lowercase().as_str() {
        "inbound" => "Inbound".to_string(),
        "outbound" => "Outbound".to_string(),
        "internal" => "Internal".to_string(),
        _ => ct.trim().to_string(),
    };
    if !ct.is_empty() {
        v.insert("CallType".into(), Value::String(ct));
    }
    for (k, x) in object_map(ctx.value("otherTaskFields")) {
        if k == "entityApiName" || x.is_null() || x == "" {
            continue;
        }
        v.insert(k, x);
    }
    v
}

impl Block for CreateTask {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { save(ctx, task(ctx)).await })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn controls() -> Value {
        json!({
            "CallObject": "$.contact.contactId", "Type": "Call", "Status": "In Progress",
            "Priority": "High", "IsClosed": false, "TaskSubType": "Call", "WhoId": "003B",
            "WhatId": "", "CallDisposition": "", "CallDurationInSeconds": "", "CallType": "inbound",
            "ActivityDate": "", "subject1": "voice", "subject2": "$.payload.none", "subject3": "BasicQueue",
            "TaskSubtype": "Task", "otherTaskFields": {"Description": "$.contact.formattedNumber", "Blank": ""}
        })
    }

    #[test]
    fn creates_the_task() {
        let h = host_with(
            json!({"answers": {"salesforceData.saveLog": {"ok": {"recordId": "00TNEW"}}}}),
        );
        let r = run_block("SE_SFCreateTask", controls(), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.saveLog").args,
            json!({"value": {
                "entityApiName": "Task", "Subject": "voice - BasicQueue", "CallObject": "c-voice-1",
                "Type": "Call", "Status": "In Progress", "Priority": "High", "WhoId": "003B",
                "TaskSubtype": "Task", "IsClosed": false, "CallType": "Inbound",
                "Description": "(555) 555-0123"
            }})
        );
        assert_eq!(r.results, json!({"id": "00TNEW"}));
    }

    #[test]
    fn old_spelling_numbers_and_failures() {
        let h = host_with(
            json!({"answers": {"salesforceData.saveLog": {"error": {"code": "SERVER_ERROR", "message": "bad"}}}}),
        );
        let r = run_block(
            "SE_SFCreateTask",
            json!({"TaskSubType": "Call", "CallDurationInSeconds": "42", "IsClosed": "true", "CallType": "OUTBOUND"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.call("salesforceData.saveLog").args,
            json!({"value": {"entityApiName": "Task", "TaskSubtype": "Call", "IsClosed": true,
                              "CallDurationInSeconds": 42, "CallType": "Outbound"}})
        );
    }
}
