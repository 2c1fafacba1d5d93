use crate::{ctiflow, root, stdout};

#[test]
fn every_bad_rules_file_gives_one_message_and_a_non_zero_exit() {
    let dir = root().join("tests/presence/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/presence/bad")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "one bad file per validation rule");
    for f in files {
        let out = ctiflow(&["presence", "check", f.to_str().expect("utf8")]);
        let text = stdout(&out);
        assert_ne!(out.status.code(), Some(0), "{}: {text}", f.display());
        assert_eq!(
            text.lines().count(),
            1,
            "{}: one message, got:\n{text}",
            f.display()
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    let good = ctiflow(&["presence", "check", "tests/presence/adapter-example.json"]);
    assert_eq!(good.status.code(), Some(0), "{}", stdout(&good));
}

#[test]
fn a_connect_state_change_reaches_omni_through_the_rules() {
    let out = ctiflow(&[
        "run",
        "flows/flow-set.json",
        "--rules",
        "tests/presence/adapter-example.json",
        "--event",
        "Amazon Connect Agent/onStateChange",
        "--payload",
        r#"{"oldState":"Offline","newState":"Available"}"#,
        "--format",
        "json",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let calls: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["kind"] == "call")
        .collect();
    assert_eq!(calls.len(), 1, "{text}");
    assert_eq!(calls[0]["method"], "setServicePresenceStatus");
    assert_eq!(calls[0]["args"]["statusId"], "Available");
}
