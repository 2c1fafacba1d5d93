//! `ctiflow run --max-event-seconds`: a flow that computes in a loop is
//! stopped by the real-time cap (the scripted clock does not move while
//! blocks compute), reported naming flow, action and block type, exit 1;
//! a normal flow is untouched by a small cap.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Start → two `Replace String` blocks looping on a 20 KB payload with a
/// costly pattern: about 3 ms a step in release, so the step budget (or the
/// trace limit) would stop it only after seconds.
const HEAVY: &str = r##"{"name":"Heavy","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"a"}},
  {"id":"a","type":"SE_CoreReplaceString","controls":{"input":"$.payload.text",
   "searchValue":"/(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y)*[0-9]{3}z/g",
   "replaceValue":"#"},"ports":{"done":"b"}},
  {"id":"b","type":"SE_CoreReplaceString","controls":{"input":"$.payload.text",
   "searchValue":"/(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y)*[0-9]{3}z/g",
   "replaceValue":"#"},"ports":{"done":"a"}}]}"##;
const QUICK: &str = r#"{"name":"Quick","actions":[
  {"id":"s","type":"SE_Start","ports":{"done":"e"}},{"id":"e","type":"SE_End"}]}"#;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ctiflow-cap-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn payload() -> String {
    let text = "abcdefghijklmnopqrstuvwxy".repeat(40) + "12z";
    serde_json::json!({ "text": text.repeat(20) }).to_string()
}

fn run(flow: &str, dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let f = dir.join("flow.json");
    std::fs::write(&f, flow).unwrap();
    let p = dir.join("payload.json");
    std::fs::write(&p, payload()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ctiflow"))
        .arg("run")
        .arg(&f)
        .args(["--event", "Voice Contact/onConnecting", "--format", "json"])
        .arg(format!("--payload=@{}", p.display()))
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_flow_over_the_real_time_cap_is_stopped_naming_flow_action_and_block_type() {
    let dir = tmp("heavy");
    let (code, out, err) = run(HEAVY, &dir, &["--max-event-seconds", "0.2"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("flow `Heavy`, action `a` (SE_CoreReplaceString)")
            || err.contains("flow `Heavy`, action `b` (SE_CoreReplaceString)"),
        "{err}"
    );
    assert!(err.contains("more than 0.2 s of real time"), "{err}");
    assert!(err.contains("--max-event-seconds"), "{err}");
    let end: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(end["kind"], "runEnd");
    assert_eq!(end["reason"], "stopped");
    assert_eq!(end["blockType"], "SE_CoreReplaceString");
    assert_eq!(end["flow"], "Heavy");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_normal_flow_is_untouched_by_a_small_cap() {
    let dir = tmp("quick");
    let (code, out, err) = run(QUICK, &dir, &["--max-event-seconds", "0.2"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains(r#""reason":"end""#), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_cap_is_a_usage_error() {
    let dir = tmp("bad");
    for bad in ["0", "-1", "soon", "inf", "NaN"] {
        let (code, _, err) = run(QUICK, &dir, &["--max-event-seconds", bad]);
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(
            err.contains("--max-event-seconds must be a positive number"),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
