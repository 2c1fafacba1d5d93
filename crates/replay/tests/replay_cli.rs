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
    assert!(recs.len() >= 8, "{recs:?}");
    let (code, out, err) = replay(&recs);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(out.matches("ok    ").count(), recs.len(), "{out}");
}

#[test]
fn changing_one_control_fails_the_matching_replay_naming_the_action() {
    let tmp = std::env::temp_dir().join(format!("ctiflow-replay-{}", std::process::id()));
    let flows = tmp.join("flows");
    std::fs::create_dir_all(&flows).unwrap();
    let src = repo().join("tests/recordings/flows");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, flows.join(p.file_name().unwrap())).unwrap();
    }
    // Search the caller by the contact id instead of the phone number.
    let f = flows.join("voice-connecting-pop.json");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("\"searchString\": \"$.contact.rawPhoneNumber\""));
    std::fs::write(
        &f,
        text.replace("$.contact.rawPhoneNumber", "$.contact.contactId"),
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
    assert!(out.contains("flow `Voice: pop the caller`"), "{out}");
    assert!(out.contains("action `pop` (SE_SFScreenpopSearch)"), "{out}");
    assert!(
        out.contains("first differing bridge call: salesforceUi.screenPop by action `pop`"),
        "{out}"
    );
    assert!(
        out.contains("+15555550123") && out.contains("7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa"),
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
