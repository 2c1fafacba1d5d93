use crate::{ctiflow, shared, stdout};

#[test]
fn the_14_real_exports_validate_with_no_error() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/sample-flows is absent");
        return;
    };
    let dir = shared.join("sample-flows");
    let out = ctiflow(&["validate", dir.to_str().expect("utf8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("14 files: 0 errors"),
        "{err}\n{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_projects_flows_validate_with_no_error_or_warning() {
    let out = ctiflow(&["validate", "flows"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}\n{}", stdout(&out));
    assert!(
        err.contains(": 0 errors, 0 warnings"),
        "{err}\n{}",
        stdout(&out)
    );
}

#[test]
fn demo_runs_the_bundled_set() {
    let out = ctiflow(&["demo"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("salesforceUi.searchAndScreenPop"), "{text}");
    assert!(text.contains("agent.connect"), "{text}");
}

#[test]
fn blocks_json_lists_the_catalog() {
    let out = ctiflow(&["blocks", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let types: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|b| b["type"].as_str())
        .collect();
    assert!(types.contains(&"SE_Start") && types.contains(&"SE_SFSearchAndScreenpop"));
}
