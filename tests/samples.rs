//! The 14 real CTI Flow exports (`shared/sample-flows`), run headless.
//!
//! Every file must validate with no errors against the full catalog, and
//! each one runs against a scripted host; the tests assert the bridge calls
//! made (method and arguments) and the branch taken. The sample flows are
//! read from `<repo root>/../shared/sample-flows` (or `$CTIFLOW_SHARED/
//! sample-flows`); when they are absent each test says so and passes.
//!
//! Declared from `blocks/Cargo.toml` as the `samples` test of
//! `ctiflow-blocks`: `cargo test -p ctiflow-blocks --test samples`.

use ctiflow_engine::exec::block_on;
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::{Engine, Event, EventKey, HostCall, RawFlow, RunReport, TraceEntry};
use serde_json::{json, Value};
use std::path::PathBuf;

fn samples_dir() -> Option<PathBuf> {
    let shared = match std::env::var_os("CTIFLOW_SHARED") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    let dir = shared.join("sample-flows");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no sample flows at {} (set CTIFLOW_SHARED to the shared dir)",
            dir.display()
        );
        None
    }
}

fn engine() -> Engine {
    Engine::new(ctiflow_blocks::catalog())
}

/// Every sample file, relative to the samples dir.
fn sample_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["aws-examples", "aws-default"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// Runs one sample on an event; `None` (skipped) when the samples are absent.
fn run(file: &str, key: &str, event: &Event, host: &ScriptedHost) -> Option<RunReport> {
    let dir = samples_dir()?;
    let text = std::fs::read_to_string(dir.join(file)).expect("sample readable");
    let e = engine();
    let v = e.validate_text(file, &text);
    let program = v
        .program
        .unwrap_or_else(|| panic!("{file}: {:#?}", v.diagnostics));
    let key = EventKey::parse(key).expect("event key");
    let report = block_on(e.run_program(&program, key, event, host, None));
    assert!(
        report.end.is_normal(),
        "{file} ended abnormally: {:?}",
        report.end
    );
    Some(report)
}

fn calls(host: &ScriptedHost) -> Vec<HostCall> {
    host.calls()
}

fn keys(host: &ScriptedHost) -> Vec<String> {
    host.call_keys()
}

fn host(answers: Value) -> ScriptedHost {
    ScriptedHost::new(serde_json::from_value(json!({ "answers": answers })).expect("script"))
}

fn err(code: &str) -> Value {
    json!({"error": {"code": code, "message": "scripted failure"}})
}

/// The actions a run stepped through, in order.
fn path(r: &RunReport) -> Vec<String> {
    r.trace
        .iter()
        .filter_map(|t| match t {
            TraceEntry::Step { action, .. } => Some(action.to_string()),
            _ => None,
        })
        .collect()
}

/// The results an action stored.
fn results(r: &RunReport, id: &str) -> Value {
    r.trace
        .iter()
        .find_map(|t| match t {
            TraceEntry::Step {
                action, results, ..
            } if &**action == id => Some(results.clone()),
            _ => None,
        })
        .unwrap_or(Value::Null)
}

fn agent() -> Value {
    json!({
        "name": "Jane Agent", "username": "jane", "extension": "+15555550100",
        "softphoneEnabled": true, "dialableCountries": ["us", "ca"], "permissions": ["outboundCall"],
        "state": {"name": "Available", "type": "routable"}
    })
}

/// An inbound voice call from +1 555-555-0123, ringing (not yet connected).
fn voice(attributes: Value) -> Event {
    Event {
        payload: json!({}),
        contact: json!({
            "contactId": "c-voice-1", "initialContactId": "c-voice-1", "type": "voice",
            "status": {"type": "connecting"}, "initiationMethod": "inbound", "isInbound": true,
            "isSoftphoneCall": true, "isConnected": false,
            "queue": {"name": "BasicQueue", "queueARN": "arn:q1", "queueId": "q1"},
            "attributes": attributes, "rawPhoneNumber": "+15555550123"
        }),
        agent: agent(),
    }
}

fn chat(attributes: Value) -> Event {
    Event {
        payload: json!({}),
        contact: json!({
            "contactId": "c-chat-1", "initialContactId": "c-chat-1", "type": "chat",
            "initiationMethod": "api", "isInbound": true,
            "queue": {"name": "ChatQueue", "queueARN": "arn:q2", "queueId": "q2"},
            "attributes": attributes
        }),
        agent: agent(),
    }
}

fn attr(name: &str, value: &str) -> Value {
    json!({ name: {"name": name, "value": value} })
}

fn click_to_dial(number: &str) -> Event {
    Event {
        payload: json!({"number": number, "recordId": "003B", "objectType": "Contact"}),
        contact: Value::Null,
        agent: agent(),
    }
}

#[test]
fn all_fourteen_samples_validate_with_no_errors() {
    let Some(dir) = samples_dir() else { return };
    let files = sample_files(&dir);
    assert_eq!(files.len(), 14, "{files:?}");
    let e = engine();
    for f in &files {
        let text = std::fs::read_to_string(dir.join(f)).expect("readable");
        let v = e.validate_text(f, &text);
        let errors: Vec<String> = v
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{f}: {errors:#?}");
        assert!(v.program.is_some(), "{f}");
        for d in &v.diagnostics {
            eprintln!("{f}: {d}");
        }
    }
}

/// The page hands inline flows over already parsed (`Engine::validate_value`,
/// `RawFlow::from_value`): every export must read, and validate, exactly as
/// its text does.
#[test]
fn every_sample_reads_the_same_from_its_text_and_from_a_parsed_value() {
    let Some(dir) = samples_dir() else { return };
    let e = engine();
    for f in sample_files(&dir) {
        let text = std::fs::read_to_string(dir.join(&f)).expect("readable");
        let value: Value = serde_json::from_str(&text).expect("json");
        let from_text = RawFlow::parse(&f, &text).expect("parses");
        let from_value = RawFlow::from_value(&f, value.clone()).expect("reads");
        assert_eq!(
            serde_json::to_value(&from_text).ok(),
            serde_json::to_value(&from_value).ok(),
            "{f}"
        );
        let a: Vec<String> = e
            .validate_text(&f, &text)
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        let b: Vec<String> = e
            .validate_value(&f, value)
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(a, b, "{f}");
    }
}

#[test]
fn legacy_01_pops_the_record_attribute_then_the_customer_number() {
    let h = host(json!({}));
    let event = voice(attr("acsf-screenpop-record", "500xx"));
    let Some(r) = run(
        "aws-examples/01-legacy.json",
        "Voice Contact/onConnecting",
        &event,
        &h,
    ) else {
        return;
    };
    let c = calls(&h);
    assert_eq!(
        keys(&h),
        [
            "salesforceUi.searchAndScreenPop",
            "salesforceUi.searchAndScreenPop"
        ]
    );
    assert_eq!(c[0].args["searchParams"], "500xx");
    assert_eq!(
        c[1].args,
        json!({"searchParams": "(555) 555-0123", "queryParams": "", "defaultFieldValues": {}, "callType": "inbound", "deferred": false})
    );
    assert_eq!(
        results(&r, "uid-8"),
        json!({"phone": "5555550123", "country": "US"})
    );

    // A failed search logs the record attribute and ends.
    let h = host(json!({"salesforceUi.searchAndScreenPop": err("GENERIC_ERROR")}));
    run(
        "aws-examples/01-legacy.json",
        "Voice Contact/onConnecting",
        &event,
        &h,
    );
    assert_eq!(
        keys(&h),
        ["salesforceUi.searchAndScreenPop", "platform.log"]
    );
    assert_eq!(
        calls(&h)[1].args,
        json!({"level": "debug", "message": "500xx"})
    );
}

#[test]
fn chat_02_pops_the_record_or_falls_back_to_a_search() {
    let h = host(json!({}));
    let Some(_) = run(
        "aws-examples/02-chat-contact-screenpop.json",
        "Chat Contact/onConnecting",
        &chat(attr("acsf-screenpop-record", "003xx")),
        &h,
    ) else {
        return;
    };
    assert_eq!(keys(&h), ["salesforceUi.screenPop"]);
    assert_eq!(
        calls(&h)[0].args,
        json!({"type": "sobject", "params": {"recordId": "003xx"}})
    );

    // No record attribute: the pop is attempted (noPopOnEmpty is false),
    // Salesforce refuses it, and the flow searches the search attribute.
    let h = host(json!({"salesforceUi.screenPop": err("INVALID_PARAM")}));
    let r = run(
        "aws-examples/02-chat-contact-screenpop.json",
        "Chat Contact/onConnecting",
        &chat(attr("acsf-screenpop-search", "pat@example.com")),
        &h,
    )
    .expect("samples present");
    assert_eq!(
        keys(&h),
        ["salesforceUi.screenPop", "salesforceUi.searchAndScreenPop"]
    );
    assert_eq!(calls(&h)[0].args["params"]["recordId"], "");
    assert_eq!(calls(&h)[1].args["searchParams"], "pat@example.com");
    assert_eq!(
        path(&r),
        ["uid-0", "uid-1", "uid-3", "uid-5", "uid-6", "uid-13"]
    );
}

#[test]
fn click_to_dial_03_formats_then_dials_e164() {
    let h = host(json!({}));
    let Some(r) = run(
        "aws-examples/03-click-to-dial.json",
        "Salesforce UI/onClickToDial",
        &click_to_dial("555-555-0123"),
        &h,
    ) else {
        return;
    };
    assert_eq!(results(&r, "uid-16"), json!({"value": "+15555550123"}));
    assert_eq!(keys(&h), ["agent.connect"]);
    assert_eq!(
        calls(&h)[0].args,
        json!({"endpoint": {"endpointARN": null, "endpointId": null, "type": "phone_number",
                            "name": "+15555550123", "phoneNumber": "+15555550123",
                            "agentLogin": null, "queue": null}})
    );

    let h = host(json!({"agent.connect": err("BUSY")}));
    run(
        "aws-examples/03-click-to-dial.json",
        "Salesforce UI/onClickToDial",
        &click_to_dial("555-555-0123"),
        &h,
    );
    assert_eq!(keys(&h), ["agent.connect", "platform.log"]);
    assert_eq!(calls(&h)[1].args["message"], "error");
}

#[test]
fn customer_06_searches_the_formatted_customer_number() {
    let h = host(json!({"salesforceUi.searchAndScreenPop": {"ok": {"003B": {"Id": "003B"}}}}));
    let Some(r) = run(
        "aws-examples/06-screenpop-on-customer.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    ) else {
        return;
    };
    assert_eq!(results(&r, "uid-25"), json!({"value": "(555) 555-0123"}));
    assert_eq!(keys(&h), ["salesforceUi.searchAndScreenPop"]);
    let a = &calls(&h)[0].args;
    assert_eq!(a["searchParams"], "(555) 555-0123");
    assert_eq!(a["callType"], "inbound");
    assert_eq!(a["deferred"], false);
    assert_eq!(path(&r), ["uid-0", "uid-22", "uid-25", "uid-27", "uid-13"]);

    let h = host(json!({"salesforceUi.searchAndScreenPop": err("GENERIC_ERROR")}));
    run(
        "aws-examples/06-screenpop-on-customer.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    );
    assert_eq!(
        calls(&h)[1].args,
        json!({"level": "debug", "message": "5555550123"})
    );
}

#[test]
fn case_07_pops_the_case_or_a_new_case() {
    let h = host(json!({}));
    let Some(r) = run(
        "aws-examples/07-screenpop-case.json",
        "Voice Contact/onConnecting",
        &voice(attr("caseNumber", "00001026")),
        &h,
    ) else {
        return;
    };
    assert_eq!(keys(&h), ["salesforceUi.searchAndScreenPop"]);
    assert_eq!(calls(&h)[0].args["searchParams"], "00001026");
    assert_eq!(path(&r), ["uid-0", "uid-1", "uid-3", "uid-5", "uid-9"]);

    let h = host(json!({}));
    let r = run(
        "aws-examples/07-screenpop-case.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    )
    .expect("samples present");
    assert_eq!(keys(&h), ["salesforceUi.screenPop"]);
    assert_eq!(
        calls(&h)[0].args,
        json!({"type": "newRecord", "params": {"entityName": "Case", "defaultFieldValues": {}}})
    );
    assert_eq!(path(&r), ["uid-0", "uid-1", "uid-3", "uid-7", "uid-9"]);
}

fn task_host(search: Value) -> ScriptedHost {
    host(json!({
        "salesforceData.search": search,
        "salesforceData.retrieve": {"ok": {"attributes": {"type": "Contact"}, "AccountId": "001A"}},
        "salesforceData.saveLog": {"ok": {"recordId": "00TNEW"}}
    }))
}

#[test]
fn task_08_creates_the_task_with_who_and_what_and_pops_it() {
    let h = task_host(
        json!({"ok": [{"attributes": {"type": "Contact"}, "Id": "003B", "Phone": "(555) 555-0123"}]}),
    );
    let Some(r) = run(
        "aws-examples/08-create-task.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    ) else {
        return;
    };
    assert_eq!(
        keys(&h),
        [
            "salesforceData.search",
            "salesforceData.retrieve",
            "salesforceData.saveLog",
            "salesforceUi.screenPop"
        ]
    );
    let c = calls(&h);
    assert_eq!(
        c[0].args["sosl"],
        "FIND {5555550123} IN PHONE FIELDS RETURNING Contact(Id, Phone)"
    );
    assert_eq!(
        c[1].args,
        json!({"type": "Contact", "id": "003B", "fields": "AccountId"})
    );
    assert_eq!(
        c[2].args,
        json!({"value": {
            "entityApiName": "Task", "Subject": "voice - BasicQueue", "CallObject": "c-voice-1",
            "Type": "Call", "Status": "In Progress", "Priority": "High", "WhoId": "003B", "WhatId": "001A",
            "TaskSubtype": "Task", "IsClosed": false, "CallType": "Inbound"
        }})
    );
    assert_eq!(
        c[3].args,
        json!({"type": "sobject", "params": {"recordId": "00TNEW"}})
    );
    assert_eq!(
        path(&r),
        ["uid-0", "uid-1", "uid-11", "uid-16", "uid-17", "uid-3", "uid-5", "uid-7", "uid-9"]
    );

    // No Contact with that number: the task is created anyway, with no
    // WhoId or WhatId, and popped.
    let h = task_host(json!({"ok": []}));
    let r = run(
        "aws-examples/08-create-task.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    )
    .expect("samples present");
    assert_eq!(
        keys(&h),
        [
            "salesforceData.search",
            "salesforceData.saveLog",
            "salesforceUi.screenPop"
        ]
    );
    let v = &calls(&h)[1].args["value"];
    assert!(v.get("WhoId").is_none() && v.get("WhatId").is_none(), "{v}");
    assert_eq!(
        path(&r),
        ["uid-0", "uid-1", "uid-11", "uid-3", "uid-5", "uid-7", "uid-9"]
    );
}

#[test]
fn email_09_never_searches_because_its_truthy_value_is_empty() {
    let h = host(json!({}));
    let Some(r) = run(
        "aws-examples/09-screenpop-cust-email.json",
        "Chat Contact/onConnecting",
        &chat(attr("emailAddress", "pat@example.com")),
        &h,
    ) else {
        return;
    };
    assert!(keys(&h).is_empty(), "{:?}", keys(&h));
    assert_eq!(path(&r), ["uid-0", "uid-1", "uid-6", "uid-5"]);
    assert_eq!(results(&r, "uid-1"), json!({"value": "pat@example.com"}));
}

fn callback(payload: Value) -> Event {
    let mut e = voice(json!({}));
    e.contact["type"] = json!("queue_callback");
    e.payload = payload;
    e
}

#[test]
fn callback_10_creates_and_pops_a_task_for_either_number() {
    let answers = || {
        host(json!({
            "salesforceData.search": {"ok": [{"Id": "003B"}]},
            "salesforceData.saveLog": {"ok": {"recordId": "00TCB"}}
        }))
    };
    let h = answers();
    let payload = json!({"CallbackPhone": "+15555550199", "SubjectPrepend": "Callback", "FirstName": "Pat", "LastName": "Lee"});
    let Some(r) = run(
        "aws-examples/10-create-callback-task.json",
        "Queue Callback Contact/onIncoming",
        &callback(payload),
        &h,
    ) else {
        return;
    };
    assert_eq!(
        keys(&h),
        [
            "salesforceData.search",
            "salesforceData.saveLog",
            "salesforceUi.screenPop"
        ]
    );
    let c = calls(&h);
    assert_eq!(
        c[0].args["sosl"],
        "FIND {5555550199} IN PHONE FIELDS RETURNING Contact(Id)"
    );
    assert_eq!(
        c[1].args,
        json!({"value": {
            "entityApiName": "Task", "Subject": "Callback - Pat - Lee", "CallObject": "c-voice-1",
            "Type": "Call", "Status": "In Progress", "Priority": "low", "WhoId": "003B",
            "TaskSubtype": "Call", "IsClosed": false, "CallType": "Inbound", "Description": "+15555550199"
        }})
    );
    assert_eq!(c[2].args["params"]["recordId"], "00TCB");
    assert_eq!(path(&r)[..4], ["uid-0", "uid-5", "uid-3", "uid-24"]);

    // No callback number in the payload: the contact's own number is used
    // and the task is an outbound one.
    let h = answers();
    run(
        "aws-examples/10-create-callback-task.json",
        "Queue Callback Contact/onIncoming",
        &callback(json!({"SubjectPrepend": "Callback"})),
        &h,
    );
    let c = calls(&h);
    assert_eq!(
        c[0].args["sosl"],
        "FIND {5555550123} IN PHONE FIELDS RETURNING Contact(Id)"
    );
    assert_eq!(c[1].args["value"]["CallType"], "Outbound");
    assert_eq!(c[1].args["value"]["Subject"], "Callback");
    assert_eq!(c[1].args["value"]["Description"], "(555) 555-0123");
}

#[test]
fn contact_11_creates_a_contact_stores_its_id_and_reads_it_back() {
    let h = host(json!({"salesforceData.saveLog": {"ok": {"recordId": "003NEW"}}}));
    let Some(r) = run(
        "aws-examples/11-salesforce-contact-creation.json",
        "Voice Contact/onConnecting",
        &voice(json!({})),
        &h,
    ) else {
        return;
    };
    assert_eq!(
        keys(&h),
        [
            "salesforceData.saveLog",
            "contact.updateAttributes",
            "salesforceUi.screenPop"
        ]
    );
    let c = calls(&h);
    assert_eq!(
        c[0].args,
        json!({"value": {"entityApiName": "Contact", "Name": "c-voice-1", "LastName": "c-voice-1"}})
    );
    assert_eq!(
        c[1].args,
        json!({"attributes": {"salesforceContactId": "003NEW"}})
    );
    assert_eq!(results(&r, "uid-22"), json!({"value": "003NEW"}));
    assert_eq!(
        c[2].args,
        json!({"type": "sobject", "params": {"recordId": "003NEW"}})
    );
}

#[test]
fn multichat_12_pops_the_contact_or_nothing() {
    let h = host(json!({}));
    let Some(_) = run(
        "aws-examples/12-screenpop-contact-multichat.json",
        "Chat Contact/onConnecting",
        &chat(attr("salesforceContactId", "003B")),
        &h,
    ) else {
        return;
    };
    assert_eq!(
        calls(&h)[0].args,
        json!({"type": "sobject", "params": {"recordId": "003B"}})
    );

    let h = host(json!({}));
    let r = run(
        "aws-examples/12-screenpop-contact-multichat.json",
        "Chat Contact/onConnecting",
        &chat(json!({})),
        &h,
    )
    .expect("samples present");
    assert!(keys(&h).is_empty(), "noPopOnEmpty: no call");
    assert_eq!(path(&r), ["uid-0", "uid-1", "uid-15", "uid-9"]);
}

#[test]
fn default_01_dials_the_clicked_number() {
    let h = host(json!({}));
    let Some(_) = run(
        "aws-default/01-salesforceUiOnClickToDial.json",
        "Salesforce UI/onClickToDial",
        &click_to_dial("(555) 555-0123"),
        &h,
    ) else {
        return;
    };
    assert_eq!(keys(&h), ["agent.connect"]);
    assert_eq!(calls(&h)[0].args["endpoint"]["phoneNumber"], "+15555550123");
}

#[test]
fn default_02_and_04_search_the_parsed_number() {
    for (file, key) in [
        (
            "aws-default/02-voiceContactOnConnecting.json",
            "Voice Contact/onConnecting",
        ),
        (
            "aws-default/04-queueCallbackContactOnConnecting.json",
            "Queue Callback Contact/onIncoming",
        ),
    ] {
        let h = host(json!({}));
        let Some(_) = run(file, key, &voice(json!({})), &h) else {
            return;
        };
        assert_eq!(
            calls(&h),
            [HostCall {
                bridge: ctiflow_engine::Bridge::SalesforceUi,
                method: "searchAndScreenPop".into(),
                args: json!({"searchParams": "5555550123", "queryParams": "", "defaultFieldValues": {}, "callType": "inbound", "deferred": false}),
            }],
            "{file}"
        );
    }
}

#[test]
fn default_03_searches_its_literal_email() {
    let h = host(json!({"salesforceUi.searchAndScreenPop": err("GENERIC_ERROR")}));
    let Some(r) = run(
        "aws-default/03-chatContactOnConnecting.json",
        "Chat Contact/onConnecting",
        &chat(json!({})),
        &h,
    ) else {
        return;
    };
    assert_eq!(keys(&h), ["salesforceUi.searchAndScreenPop"]);
    assert_eq!(calls(&h)[0].args["searchParams"], "test@amazon.com");
    assert_eq!(path(&r), ["0", "1", "4"], "failure is wired to End too");
}
