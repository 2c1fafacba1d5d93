use crate::{ctiflow, stdout};

/// Validates one bad file: exit 2, exactly one error line, which names what
/// the test expects.
fn one_error(file: &str, expect: &[&str]) {
    let path = format!("tests/bad-flows/{file}");
    let out = ctiflow(&["validate", &path]);
    let text = stdout(&out);
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{file}: exit code; output:\n{text}"
    );
    assert_eq!(errors.len(), 1, "{file}: expected one error, got:\n{text}");
    for e in expect {
        assert!(
            errors[0].contains(e),
            "{file}: `{}` does not contain `{e}`",
            errors[0]
        );
    }
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{file}: panicked"
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    one_error(
        "malformed.json",
        &["tests/bad-flows/malformed.json:4:", "error: trailing comma"],
    );
}

#[test]
fn dangling_port() {
    one_error(
        "dangling-port.json",
        &[
            "action log (SE_Log)",
            "port `done` points to action `the-end`, which does not exist",
        ],
    );
}

#[test]
fn two_starts() {
    one_error(
        "two-starts.json",
        &["action s2 (SE_Start)", "a second SE_Start"],
    );
}

#[test]
fn unknown_type_suggests() {
    one_error(
        "unknown-type.json",
        &[
            "action pop (SE_SFSearchAndScreenPop)",
            "did you mean `SE_SFSearchAndScreenpop`?",
        ],
    );
}

#[test]
fn control_naming_a_missing_action() {
    one_error(
        "missing-action-ref.json",
        &[
            "action log (SE_Log)",
            "control `message`",
            "names action `uid12`, which does not exist",
        ],
    );
}

#[test]
fn control_of_the_wrong_type() {
    one_error(
        "wrong-control-type.json",
        &[
            "action fmt (SE_CoreFormatPhoneNumber)",
            "control `phoneNumber`",
            "found object",
        ],
    );
}

#[test]
fn nothing_panics_on_garbage() {
    let dir = std::env::temp_dir().join(format!("ctiflow-garbage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let cases = [
        "", "null", "[]", "{}", "{\"actions\": 5}", "{\"actions\": [5, null, \"x\"]}",
        "{\"actions\": [{\"id\": {}, \"type\": 7, \"controls\": [], \"ports\": \"x\"}]}",
        "{\"actions\": [{\"id\": \"s\", \"type\": \"SE_Start\", \"ports\": {\"done\": [\"a\"]}}]}",
        "{\"actions\": [{\"id\": \"s\", \"type\": \"SE_Start\", \"controls\": {\"x\": \"$.actions..results\"}}]}",
        "{\"name\": 5, \"actions\": []}",
    ];
    for (i, c) in cases.iter().enumerate() {
        let f = dir.join(format!("g{i}.json"));
        std::fs::write(&f, c).expect("write");
        let out = ctiflow(&["validate", f.to_str().expect("utf8")]);
        assert_eq!(out.status.code(), Some(2), "case {c}: {}", stdout(&out));
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "case {c} panicked"
        );
        let out = ctiflow(&[
            "run",
            f.to_str().expect("utf8"),
            "--event",
            "Voice Contact/onConnecting",
        ]);
        assert_eq!(out.status.code(), Some(2), "run case {c}");
    }
}

/// A folder holding links back to itself: once the walk followed every link
/// and never ended (two links doubled the work at each level).
#[cfg(unix)]
#[test]
fn validate_searches_each_folder_once_through_link_loops() {
    use std::os::unix::fs::symlink;
    let dir = std::env::temp_dir().join(format!("ctiflow-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("tmp");
    std::fs::write(dir.join("a.json"), "{").expect("write");
    std::fs::write(dir.join("sub/b.json"), "{").expect("write");
    symlink(&dir, dir.join("loop1")).expect("symlink");
    symlink(&dir, dir.join("loop2")).expect("symlink");
    symlink("..", dir.join("sub/up")).expect("symlink");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ctiflow"))
        .args(["validate", dir.to_str().expect("utf8")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ctiflow");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("ctiflow validate did not end on a folder with link loops");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "each file once: {text}");
    assert!(
        lines[0].starts_with(&format!("{}:", dir.join("a.json").display())),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{}:", dir.join("sub/b.json").display())),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("2 files: 2 errors"));
    // A link to a folder outside is followed, and so are the links in it
    // (`up` leads back to the first folder, searched then once).
    let outside = std::env::temp_dir().join(format!("ctiflow-links-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("tmp");
    symlink(dir.join("sub"), outside.join("linked")).expect("symlink");
    let out = ctiflow(&["validate", outside.to_str().expect("utf8")]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(&format!("{}:", outside.join("linked/b.json").display())),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{}:", outside.join("linked/up/a.json").display())),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

/// A run stopped by a block error: the text summary names the flow, the
/// action and the block type, as the JSON `runEnd` does.
#[test]
fn a_run_error_names_flow_action_and_type_in_text_and_json() {
    let dir = std::env::temp_dir().join(format!("ctiflow-run-error-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let flow = dir.join("wait.json");
    std::fs::write(
        &flow,
        r#"{"name": "Wait flow", "actions": [
            {"id": "s", "type": "SE_Start", "ports": {"done": "d"}},
            {"id": "d", "type": "SE_CoreDelay", "controls": {"milliseconds": "$.payload.ms"}, "ports": {"done": "e"}},
            {"id": "e", "type": "SE_End"}]}"#,
    )
    .expect("write");
    let args = |format: &'static str| {
        ctiflow(&[
            "run",
            flow.to_str().expect("utf8"),
            "--event",
            "Voice Contact/onConnecting",
            "--payload",
            r#"{"ms": "soon"}"#,
            "--format",
            format,
        ])
    };
    let out = args("text");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.lines().last(),
        Some("■ ERROR: flow `Wait flow`, action `d` (SE_CoreDelay): control `milliseconds`: `soon` is not a number (2 steps)"),
        "{text}"
    );
    let out = args("json");
    assert_eq!(out.status.code(), Some(1));
    let end: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().last().expect("a line")).expect("JSON");
    assert_eq!(end["kind"], "runEnd");
    assert_eq!(end["flow"], "Wait flow");
    assert_eq!(end["action"], "d");
    let _ = std::fs::remove_dir_all(&dir);
}
