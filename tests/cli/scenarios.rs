//! Golden traces for the project's flows. Each `tests/scenarios/NAME.json`
//! names a flow, an event and the inputs; `NAME.trace.jsonl` is the trace
//! `ctiflow run --format json` must print. `REGENERATE_GOLDEN=1` rewrites the
//! traces; read the diff before committing it.

use crate::{ctiflow, root, stdout};
use serde_json::Value;

#[test]
fn every_scenario_matches_its_golden_trace() {
    let dir = root().join("tests/scenarios");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "expected a scenario per project flow");
    let regen = std::env::var_os("REGENERATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for spec_path in names {
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&spec_path).expect("read"))
            .expect("json");
        let s = |k: &str| spec.get(k).map(|v| v.to_string());
        let mut args = vec![
            "run".to_string(),
            spec["flow"].as_str().expect("flow").to_string(),
            "--event".into(),
            spec["event"].as_str().expect("event").to_string(),
            "--format".into(),
            "json".into(),
        ];
        for (k, opt) in [
            ("payload", "--payload"),
            ("contact", "--contact"),
            ("agent", "--agent"),
            ("host", "--host"),
        ] {
            if let Some(v) = s(k) {
                args.push(opt.into());
                args.push(v);
            }
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ctiflow(&refs);
        let got = stdout(&out);
        let golden = spec_path.with_extension("trace.jsonl");
        if regen {
            std::fs::write(&golden, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let first = got.lines().zip(want.lines()).position(|(a, b)| a != b);
            failures.push(format!(
                "{}: trace differs{}\n  got:  {}\n  want: {}",
                spec_path.display(),
                first
                    .map(|i| format!(" at line {}", i + 1))
                    .unwrap_or_default(),
                first.and_then(|i| got.lines().nth(i)).unwrap_or("<end>"),
                first.and_then(|i| want.lines().nth(i)).unwrap_or("<end>"),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
