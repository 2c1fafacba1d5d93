//! The recorded sessions in tests/recordings replay as expected, and a
//! one-control change in one flow of the set fails the matching replay with
//! a diff naming the action.

use ctiflow_replay::cli::run;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn recordings() -> Vec<String> {
    let dir = repo().join("tests/recordings");
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".jsonl") && !n.ends_with(".trace.jsonl")
        })
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

fn replay(args: &[String]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn every_recording_replays_as_expected() {
    let recs = recordings();
    assert!(recs.len() >= 10, "{recs:?}");
    let (code, out, err) = replay(&recs);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(out.matches("ok    ").count(), recs.len(), "{out}");
}

#[test]
fn changing_one_control_fails_the_matching_replay_naming_the_action() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-{}", std::process::id()));
    // The scenario set binds the project's flows by relative path
    // (../../../flows/): copy both, keeping the layout.
    let flows = tmp.join("tests/recordings/flows");
    let project = tmp.join("flows");
    for (src, dst) in [
        (repo().join("tests/recordings/flows"), &flows),
        (repo().join("flows"), &project),
    ] {
        std::fs::create_dir_all(dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
    }
    // The project's pop: search by the contact id instead of the number.
    let f = project.join("screenpop-phone.json");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("\"searchParams\": \"$.actions.format.results.value\""));
    std::fs::write(
        &f,
        text.replace("$.actions.format.results.value", "$.contact.contactId"),
    )
    .unwrap();
    let rec = repo()
        .join("tests/recordings/inbound-call-life.jsonl")
        .display()
        .to_string();
    let junit = tmp.join("junit.xml");
    let (code, out, err) = replay(&[
        rec.clone(),
        "--flows".into(),
        flows.join("flow-set.json").display().to_string(),
        "--junit".into(),
        junit.display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("FAIL"), "{out}");
    assert!(
        out.contains("event 1 (Voice Contact/onConnecting)"),
        "{out}"
    );
    assert!(out.contains("flow `Screenpop on phone number`"), "{out}");
    assert!(out.contains("(SE_SFSearchAndScreenpop)"), "{out}");
    assert!(
        out.contains("first differing bridge call: salesforceUi.searchAndScreenPop by action"),
        "{out}"
    );
    assert!(
        out.contains("(555) 555-0123") && out.contains("7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa"),
        "{out}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("failures=\"1\""), "{xml}");
    // the unchanged set still passes; a missing expected trace is an error (2)
    let (code, ..) = replay(std::slice::from_ref(&rec));
    assert_eq!(code, 0);
    let (code, _, err) = replay(&[
        rec,
        "--expect".into(),
        tmp.join("none.trace.jsonl").display().to_string(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--bless"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_property_store_carries_a_changed_value_across_the_reload() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-props-{}", std::process::id()));
    let flows = tmp.join("tests/recordings/flows");
    let project = tmp.join("flows");
    for (src, dst) in [
        (repo().join("tests/recordings/flows"), &flows),
        (repo().join("flows"), &project),
    ] {
        std::fs::create_dir_all(dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
    }
    // Before the reload, store the agent's username as the state.
    let f = flows.join("page-unload-save.json");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("$.agent.state.name"));
    std::fs::write(&f, text.replace("$.agent.state.name", "$.agent.username")).unwrap();
    let rec = repo()
        .join("tests/recordings/session-across-reload.jsonl")
        .display()
        .to_string();
    let (code, out, err) = replay(&[
        rec.clone(),
        "--flows".into(),
        flows.join("flow-set.json").display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}\n{err}");
    // the reloaded page reads back what the changed flow stored, not the
    // recorded answer
    assert!(out.contains("event 1 (Initialization/onInit)"), "{out}");
    assert!(out.contains("jane.agent"), "{out}");
    let _ = std::fs::remove_dir_all(&tmp);
    let (code, out, _) = replay(&[rec]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn presence_rules_drive_the_presence_recording_and_other_rules_differ() {
    let rec = repo()
        .join("tests/recordings/presence-sync-both-ways.jsonl")
        .display()
        .to_string();
    let trace = std::fs::read_to_string(
        repo().join("tests/recordings/presence-sync-both-ways.trace.jsonl"),
    )
    .unwrap();
    assert!(trace.contains("\"flow\":\"Presence sync\""), "{trace}");
    assert!(trace.contains("\"method\":\"setServicePresenceStatus\""));
    assert!(trace.contains("\"method\":\"setState\""));
    assert!(trace.contains("echo of our own action"));
    // Rules without the Omni -> Connect direction: event 3 no longer sets
    // the Connect state.
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-rules-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let rules: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/presence/adapter-example.json")).unwrap(),
    )
    .unwrap();
    let kept: Vec<_> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["source"] != "Salesforce Agent State Change")
        .cloned()
        .collect();
    let one_way = tmp.join("one-way.json");
    std::fs::write(&one_way, serde_json::json!({ "rules": kept }).to_string()).unwrap();
    let (code, out, err) = replay(&[rec, "--rules".into(), one_way.display().to_string()]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("event 3 (Salesforce Agent/onStateChange)"),
        "{out}"
    );
    assert!(out.contains("Presence sync"), "{out}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_burst_recording_interleaves_the_calls_of_overlapping_contacts() {
    let text =
        std::fs::read_to_string(repo().join("tests/recordings/burst-overlapping-contacts.jsonl"))
            .unwrap();
    let events: Vec<u64> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["kind"] == "call")
        .filter_map(|v| v["event"].as_u64())
        .collect();
    // calls are filed under their own event, but not in event order
    let mut sorted = events.clone();
    sorted.sort_unstable();
    assert_ne!(events, sorted, "{events:?}");
    let (code, out, _) = replay(&[repo()
        .join("tests/recordings/burst-overlapping-contacts.jsonl")
        .display()
        .to_string()]);
    assert_eq!(code, 0, "{out}");
}

/// The `<testcase>`s of a JUnit file: (name, failed).
fn junit_cases(xml: &str) -> Vec<(String, bool)> {
    xml.split("<testcase ")
        .skip(1)
        .map(|c| {
            let name = c.split(" name=\"").nth(1).and_then(|r| r.split('"').next());
            let end = c.find("</testcase>").unwrap_or(c.len());
            (
                name.unwrap_or("").to_string(),
                c[..end].contains("<failure"),
            )
        })
        .collect()
}

/// Per-event JUnit cases cover the expected events the recording no longer
/// has (once dropped: tests="1" failures="0" beside an exit of 1), and keep
/// one name per event whether it passes or fails.
#[test]
fn per_event_junit_reports_every_expected_event_under_a_stable_name() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-junit-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let rec = repo().join("tests/recordings/transfer.jsonl");
    let expect = repo().join("tests/recordings/transfer.trace.jsonl");
    let set = repo().join("flows/flow-set.json").display().to_string();
    let junit = tmp.join("junit.xml");
    let run_junit = |rec: &Path, expect: &Path| {
        let (code, out, err) = replay(&[
            rec.display().to_string(),
            "--flows".into(),
            set.clone(),
            "--expect".into(),
            expect.display().to_string(),
            "--junit".into(),
            junit.display().to_string(),
            "--junit-per-event".into(),
        ]);
        let xml = std::fs::read_to_string(&junit).unwrap();
        (code, out, err, xml)
    };
    let names = [
        "event 0 (Voice Contact/onConnecting)".to_string(),
        "event 1 (Voice Contact/onConnected)".to_string(),
    ];

    // As recorded: every event passes.
    let (code, out, err, xml) = run_junit(&rec, &expect);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(
        junit_cases(&xml),
        vec![(names[0].clone(), false), (names[1].clone(), false)],
        "{xml}"
    );

    // The recording cut to its first event (header, event 0, its call):
    // event 1 is expected but never replayed.
    let text = std::fs::read_to_string(&rec).unwrap();
    let cut = tmp.join("transfer-cut.jsonl");
    let first: Vec<&str> = text.lines().take(3).collect();
    std::fs::write(&cut, first.join("\n") + "\n").unwrap();
    let (code, out, err, xml) = run_junit(&cut, &expect);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("FAIL"), "{out}");
    assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
    assert_eq!(
        junit_cases(&xml),
        vec![(names[0].clone(), false), (names[1].clone(), true)],
        "{xml}"
    );

    // Event 0 differs: it fails under the name it passed with.
    let changed = tmp.join("transfer-changed.trace.jsonl");
    let trace = std::fs::read_to_string(&expect).unwrap();
    assert!(trace.contains("\"title\":\"Call is ringing\""));
    std::fs::write(
        &changed,
        trace.replacen("\"title\":\"Call is ringing\"", "\"title\":\"Ringing\"", 1),
    )
    .unwrap();
    let (code, out, err, xml) = run_junit(&rec, &changed);
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(
        junit_cases(&xml),
        vec![(names[0].clone(), true), (names[1].clone(), false)],
        "{xml}"
    );

    // The replay stops at event 1 (an event no source has): event 0 keeps
    // its passing case, and event 1 is an error case under its own name.
    let bad = tmp.join("transfer-bad-event.jsonl");
    assert!(text.contains("\"event\":\"onConnected\""));
    std::fs::write(
        &bad,
        text.replacen(
            "\"event\":\"onConnected\"",
            "\"event\":\"onNoSuchEvent\"",
            1,
        ),
    )
    .unwrap();
    let (code, out, err, xml) = run_junit(&bad, &expect);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("event 1 (Voice Contact/onNoSuchEvent)"),
        "{err}"
    );
    assert!(
        xml.contains("tests=\"2\" failures=\"0\" errors=\"1\""),
        "{xml}"
    );
    assert_eq!(
        junit_cases(&xml),
        vec![
            (names[0].clone(), false),
            ("event 1 (Voice Contact/onNoSuchEvent)".to_string(), false)
        ],
        "{xml}"
    );
    assert!(xml.contains("<error"), "{xml}");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// With several recordings, an error loading what one replays against (its
/// flow set, its rules, its configuration) names that recording.
#[test]
fn load_errors_name_the_recording() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-names-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let text = std::fs::read_to_string(repo().join("tests/recordings/transfer.jsonl")).unwrap();
    let trace = repo().join("tests/recordings/transfer.trace.jsonl");
    let (header, rest) = text.split_once('\n').unwrap();
    let header: serde_json::Value = serde_json::from_str(header).unwrap();
    let set = repo().join("flows/flow-set.json").display().to_string();
    let mut recs = Vec::new();
    for (name, flows, rules, allow) in [
        ("a-ok", set.as_str(), None, None),
        ("b-no-set", "missing-set.json", None, None),
        ("c-no-rules", set.as_str(), Some("missing-rules.json"), None),
        // An entry that is not an origin would allow nothing, silently.
        (
            "d-bad-allowlist",
            set.as_str(),
            None,
            Some("https://api.example.com/v1"),
        ),
    ] {
        let mut h = header.clone();
        h["flows"] = flows.into();
        if let Some(r) = rules {
            h["rules"] = r.into();
        }
        if let Some(a) = allow {
            h["config"]["httpAllowlist"] = serde_json::json!([a]);
        }
        let rec = tmp.join(format!("{name}.jsonl"));
        std::fs::write(&rec, format!("{h}\n{rest}")).unwrap();
        std::fs::copy(&trace, tmp.join(format!("{name}.trace.jsonl"))).unwrap();
        recs.push(rec.display().to_string());
    }
    let (code, out, err) = replay(&recs);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains(&format!("ok    {}", recs[0])), "{out}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 3, "{err}");
    assert!(
        errors[0].starts_with(&format!(
            "error: {}: cannot read {}",
            recs[1],
            tmp.join("missing-set.json").display()
        )),
        "{err}"
    );
    assert!(
        errors[1].starts_with(&format!(
            "error: {}: cannot read {}",
            recs[2],
            tmp.join("missing-rules.json").display()
        )),
        "{err}"
    );
    assert_eq!(
        errors[2],
        format!(
            "error: {}: header `config`: httpAllowlist entry \"https://api.example.com/v1\" is not an origin such as \"https://api.example.com\": not an origin alone (it has a path, query or fragment)",
            recs[3]
        ),
        "{err}"
    );
    // --flows naming a missing set: each recording says so under its name.
    let (code, _, err) = replay(&[
        recs[0].clone(),
        recs[2].clone(),
        "--flows".into(),
        tmp.join("nowhere.json").display().to_string(),
    ]);
    assert_eq!(code, 2, "{err}");
    for rec in [&recs[0], &recs[2]] {
        assert!(
            err.contains(&format!("error: {rec}: cannot read ")),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A corrupt expected trace (a line without `eventIndex`) is an error naming
/// the file and the line, not a report about event 18446744073709551615.
#[test]
fn a_trace_line_without_event_index_is_an_error_naming_file_and_line() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-corrupt-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let trace =
        std::fs::read_to_string(repo().join("tests/recordings/transfer.trace.jsonl")).unwrap();
    let mut lines: Vec<&str> = trace.lines().collect();
    lines.insert(3, "{}");
    let corrupt = tmp.join("corrupt.trace.jsonl");
    std::fs::write(&corrupt, lines.join("\n")).unwrap();
    let (code, out, err) = replay(&[
        repo()
            .join("tests/recordings/transfer.jsonl")
            .display()
            .to_string(),
        "--expect".into(),
        corrupt.display().to_string(),
    ]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains(&format!(
            "error: {}:4: not a trace line: no `eventIndex`",
            corrupt.display()
        )),
        "{err}"
    );
    assert!(!out.contains("18446744073709551615"), "{out}");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A replayed event whose flow computes in a loop (the replay clock does
/// not move while blocks compute) is stopped by `--max-event-seconds`: the
/// recording fails with an error naming the event, flow, action and block
/// type, not with a trace difference; the events before it replayed.
#[test]
fn an_event_over_the_real_time_cap_fails_naming_flow_action_and_block_type() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-cap-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let pattern = "/(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y)*[0-9]{3}z/g";
    let replace = |id: &str, next: &str| {
        serde_json::json!({"id": id, "type": "SE_CoreReplaceString",
            "controls": {"input": "$.payload.text", "searchValue": pattern, "replaceValue": "#"},
            "ports": {"done": next}})
    };
    let heavy = serde_json::json!({"name": "Heavy", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "a"}},
        replace("a", "b"), replace("b", "a")]});
    let quick = serde_json::json!({"name": "Quick", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "e"}}, {"id": "e", "type": "SE_End"}]});
    let set = serde_json::json!({"flows": [
        {"flow": quick, "source": "Voice Contact", "event": "onConnected"},
        {"flow": heavy, "source": "Voice Contact", "event": "onConnecting"}]});
    let text = ("abcdefghijklmnopqrstuvwxy".repeat(40) + "12z").repeat(20);
    let lines = [
        serde_json::json!({"kind": "header", "format": "ctiflow-recording", "version": 1,
            "engine": "0.1.0", "startMs": 0.0, "flows": set}),
        serde_json::json!({"kind": "event", "index": 0, "atMs": 0.0,
            "source": "Voice Contact", "event": "onConnected"}),
        serde_json::json!({"kind": "event", "index": 1, "atMs": 10.0,
            "source": "Voice Contact", "event": "onConnecting", "payload": {"text": text}}),
    ];
    let rec = tmp.join("heavy.jsonl");
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&rec, body).unwrap();
    let rec = rec.display().to_string();
    // Blessing: an error, and no trace is written.
    let (code, _, err) = replay(&[
        rec.clone(),
        "--bless".into(),
        "--max-event-seconds=0.2".into(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("more than 0.2 s of real time"), "{err}");
    assert!(!tmp.join("heavy.trace.jsonl").exists());
    // Comparing (against an expected trace that has none of it): the same
    // error, not a difference; event 0, replayed before it, does differ.
    std::fs::write(tmp.join("heavy.trace.jsonl"), "").unwrap();
    let (code, out, err) = replay(&[rec.clone(), "--max-event-seconds".into(), "0.2".into()]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains("1 event(s) differ before it stopped"), "{out}");
    assert!(out.contains("event 0 (Voice Contact/onConnected)"), "{out}");
    assert!(!out.contains("event 1"), "{out}");
    let line = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    assert!(
        line.starts_with(&format!(
            "error: {rec}: event 1 (Voice Contact/onConnecting): flow `Heavy`, action `"
        )),
        "{err}"
    );
    assert!(line.contains("(SE_CoreReplaceString): stopped"), "{err}");
    assert!(line.contains("more than 0.2 s of real time"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}
