//! `ctiflow run --allow`: the origins HTTP Request may reach, as the
//! adapter page's `httpAllowlist`. Without it the request is refused before
//! the host file's answer is used; with it the scripted answer is used; an
//! entry that is not an origin is a usage error naming it.

use std::process::Command;

const HTTP: &str = r#"{"name":"Http","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"h"}},
  {"id":"h","type":"SE_CoreHttpRequest","controls":{"url":"https://API.example.com:443/v1/customers"},
   "ports":{"success":"e","failure":"e"}},
  {"id":"e","type":"SE_End"}]}"#;
const HOST: &str =
    r#"{"answers":{"platform.http":{"ok":{"status":200,"headers":{},"body":"{\"id\":7}"}}}}"#;

/// Runs the HTTP flow; returns the exit code, the `h` step's outcome and stderr.
fn run(extra: &[&str]) -> (Option<i32>, Option<String>, String) {
    // A file per call: the tests run in parallel threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ctiflow-allow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(format!("http-{n}.json"));
    std::fs::write(&f, HTTP).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ctiflow"))
        .arg("run")
        .arg(&f)
        .args([
            "--event",
            "Voice Contact/onConnecting",
            "--format",
            "json",
            "--host",
            HOST,
        ])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let outcome = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["kind"] == "step" && v["action"] == "h")
        .and_then(|v| v["outcome"].as_str().map(String::from));
    (
        out.status.code(),
        outcome,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn http_request_reaches_only_the_allowed_origins() {
    let (code, outcome, err) = run(&[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(outcome.as_deref(), Some("failure"));
    let (code, outcome, err) = run(&[
        "--allow",
        "https://other.example.com, https://api.example.com",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(outcome.as_deref(), Some("success"), "{err}");
}

#[test]
fn a_repeated_allow_is_refused_not_half_used() {
    let (code, outcome, err) = run(&[
        "--allow",
        "https://a.example.com",
        "--allow",
        "https://api.example.com",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(outcome, None);
    assert!(err.contains("--allow is given twice"), "{err}");
}

#[test]
fn an_allow_entry_that_is_not_an_origin_is_a_usage_error() {
    let (code, outcome, err) = run(&["--allow", "https://api.example.com/v1"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(outcome, None);
    assert!(
        err.contains(
            "--allow: httpAllowlist entry \"https://api.example.com/v1\" is not an origin"
        ),
        "{err}"
    );
}
