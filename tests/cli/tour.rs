//! The catalog tour (`flows/catalog-tour.json`, written by
//! `scripts/gen-catalog-tour.py`): one flow that uses every block of the
//! catalog, validates clean and runs through every action to SE_End on the
//! default scripted host.

use crate::{ctiflow, root, stdout};
use serde_json::Value;
use std::collections::BTreeSet;

const TOUR: &str = "flows/catalog-tour.json";

fn tour() -> Value {
    let text = std::fs::read_to_string(root().join(TOUR)).expect("read the tour");
    serde_json::from_str(&text).expect("the tour is JSON")
}

fn actions(tour: &Value) -> &Vec<Value> {
    tour["actions"].as_array().expect("actions array")
}

#[test]
fn the_tour_validates_with_no_error_or_warning() {
    let out = ctiflow(&["validate", TOUR]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}\n{}", stdout(&out));
    assert!(
        err.contains("1 file: 0 errors, 0 warnings"),
        "{err}\n{}",
        stdout(&out)
    );
}

#[test]
fn the_tour_uses_every_block_of_the_catalog() {
    let out = ctiflow(&["blocks", "--json"]);
    let catalog: Value = serde_json::from_slice(&out.stdout).expect("blocks --json");
    let catalog: BTreeSet<&str> = catalog
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|b| b["type"].as_str())
        .collect();
    let tour = tour();
    let used: BTreeSet<&str> = actions(&tour)
        .iter()
        .filter_map(|a| a["type"].as_str())
        .collect();
    let missing: Vec<_> = catalog.difference(&used).collect();
    let unknown: Vec<_> = used.difference(&catalog).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "the tour is out of date (run scripts/gen-catalog-tour.py): \
         blocks not used {missing:?}, types not in the catalog {unknown:?}"
    );
    assert!(catalog.len() >= 113, "{} blocks", catalog.len());
}

#[test]
fn the_tour_runs_through_every_action_to_se_end() {
    let out = ctiflow(&[
        "run",
        TOUR,
        "--event",
        "Voice Contact/onConnecting",
        "--format",
        "json",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let steps: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "step").collect();
    let visited: BTreeSet<&str> = steps.iter().filter_map(|s| s["action"].as_str()).collect();
    let tour = tour();
    let all: BTreeSet<&str> = actions(&tour)
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    let skipped: Vec<_> = all.difference(&visited).collect();
    assert!(skipped.is_empty(), "actions never run: {skipped:?}\n{text}");
    assert_eq!(visited.len(), actions(&tour).len());
    assert_eq!(
        steps.last().map(|s| &s["blockType"]),
        Some(&Value::from("SE_End")),
        "{text}"
    );
    let end = lines.last().expect("a runEnd line");
    assert_eq!(end["kind"], "runEnd", "{text}");
    assert_eq!(end["reason"], "end", "{text}");
}
