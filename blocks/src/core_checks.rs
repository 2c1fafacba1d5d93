//! Checks over every block of the `logic`, `text`, `math`, `time`, `props`
//! and `page` families: names match the block list, ids are unique, calls
//! name real bridges, and no input or host answer makes a block panic.

use crate::testing::*;
use crate::Block;
use std::path::PathBuf;

fn blocks() -> impl Iterator<Item = &'static dyn Block> {
    [
        crate::logic::BLOCKS,
        crate::text::BLOCKS,
        crate::math::BLOCKS,
        crate::time::BLOCKS,
        crate::props::BLOCKS,
        crate::page::BLOCKS,
    ]
    .into_iter()
    .flat_map(|f| f.iter().copied())
}

fn shared_dir() -> PathBuf {
    std::env::var_os("CTIFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

#[test]
fn display_names_are_in_the_block_list() {
    let path = shared_dir().join("reference/block-list.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };
    let names: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    for b in blocks() {
        let s = b.spec();
        assert!(
            names.contains(&s.name),
            "{}: `{}` is not in block-list.tsv",
            s.type_id,
            s.name
        );
    }
    assert_eq!(blocks().count(), 26);
}

#[test]
fn ids_are_unique_across_the_catalog_and_calls_name_real_bridges() {
    let mut seen = std::collections::HashSet::new();
    for s in crate::catalog().specs() {
        for id in std::iter::once(&s.type_id).chain(s.aliases) {
            assert!(seen.insert(*id), "duplicate type id or alias {id}");
        }
    }
    for b in blocks() {
        let s = b.spec();
        assert!(!s.confirmed, "{}: no real export confirms it", s.type_id);
        for c in s.calls {
            let bridge = c.split('.').next().unwrap_or("");
            assert!(
                Bridge::parse(bridge).is_some(),
                "{}: bad call `{c}`",
                s.type_id
            );
        }
    }
}

/// Every control set to odd values (through a payload path, so the validator
/// lets them through), every host answer odd, with and without a contact:
/// each run ends, and the calls a block makes are the ones its spec lists.
#[test]
fn odd_inputs_and_answers_never_panic() {
    let odd = [
        json!(null),
        json!(true),
        json!(0),
        json!(-0.0),
        json!(-1.5),
        json!(1e300),
        json!(-8.64e15),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(""),
        json!(" "),
        json!("1e999"),
        json!("NaN"),
        json!("-"),
        json!("😀é\u{0}"),
        json!("/(/g"),
        json!("/x*/g"),
        json!("$&$1$<n>$"),
        json!("{{a}}${b}{{"),
        json!("[YYYY"),
        json!("+99:99"),
        json!("x'y\\"),
        json!([]),
        json!([1, {}, null]),
        json!({"a": {}}),
        json!({"status": "500", "body": {"x": 1}}),
    ];
    let events = [
        voice_event(json!({})),
        Event {
            payload: json!({}),
            contact: json!("not an object"),
            agent: Value::Null,
        },
    ];
    for b in blocks() {
        let s = b.spec();
        let controls: serde_json::Map<String, Value> = s
            .controls
            .iter()
            .map(|c| (c.name.to_string(), json!("$.payload.v")))
            .collect();
        for v in &odd {
            let answers: serde_json::Map<String, Value> = Bridge::ALL
                .iter()
                .map(|f| (format!("{f}.*"), json!({ "ok": v })))
                .collect();
            let h = host_with(json!({ "answers": answers }));
            for e in &events {
                let mut e = e.clone();
                e.payload = json!({ "v": v });
                let r = run_block_with(s.type_id, Value::Object(controls.clone()), e, &h);
                assert!(
                    r.outcome.is_some() || !r.report.end.is_normal(),
                    "{} {v}",
                    s.type_id
                );
                if let Some(o) = r.outcome {
                    assert!(
                        s.ports.contains(&o),
                        "{} left by undeclared port {o:?}",
                        s.type_id
                    );
                }
                for c in &r.calls {
                    assert!(
                        s.calls.contains(&c.key().as_str()),
                        "{} made unlisted call {}",
                        s.type_id,
                        c.key()
                    );
                }
            }
        }
    }
}
