//! Catalog-wide invariants (ripgrep's tests at the end of `defs.rs`): type ids
//! and names are unique, every block is documented, and the catalog covers
//! every block of `shared/reference/block-list.tsv`.

use ctiflow_engine::block::Family;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("CTIFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")));
    p.join("reference/block-list.tsv").is_file().then_some(p)
}

#[test]
fn type_ids_aliases_and_names_are_unique() {
    let c = ctiflow_blocks::catalog();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut names = BTreeSet::new();
    for s in c.specs() {
        for id in std::iter::once(&s.type_id).chain(s.aliases) {
            if let Some(prev) = ids.insert(id, s.name) {
                panic!("type id `{id}` is used by `{prev}` and `{}`", s.name);
            }
        }
        assert!(names.insert(s.name), "display name `{}` twice", s.name);
    }
}

#[test]
fn every_block_is_documented_and_shaped() {
    for s in ctiflow_blocks::catalog().specs() {
        assert!(
            s.type_id.starts_with("SE_"),
            "{}: type ids start with SE_",
            s.type_id
        );
        assert!(
            !s.description.trim().is_empty(),
            "{}: no description",
            s.type_id
        );
        assert!(
            !s.results.trim().is_empty(),
            "{}: no results shape",
            s.type_id
        );
        if s.family != Family::Flow {
            assert!(!s.ports.is_empty(), "{}: no ports", s.type_id);
        }
        let mut seen = BTreeSet::new();
        for c in s.controls {
            assert!(
                seen.insert(c.name),
                "{}: control `{}` twice",
                s.type_id,
                c.name
            );
            if let Some(d) = c.default {
                assert!(
                    serde_json::from_str::<serde_json::Value>(d).is_ok(),
                    "{}: default of `{}` is not JSON",
                    s.type_id,
                    c.name
                );
            }
        }
        for call in s.calls {
            let (bridge, method) = call
                .split_once('.')
                .unwrap_or_else(|| panic!("{}: call `{call}` is not bridge.method", s.type_id));
            assert!(
                ctiflow_engine::Bridge::parse(bridge).is_some(),
                "{}: unknown bridge in `{call}`",
                s.type_id
            );
            assert!(!method.is_empty());
        }
    }
}

#[test]
fn the_catalog_covers_every_block_of_the_reference_list() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/reference/block-list.tsv is absent");
        return;
    };
    let tsv = std::fs::read_to_string(shared.join("reference/block-list.tsv"))
        .expect("read block-list.tsv");
    let listed: BTreeSet<String> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|n| n.trim().to_string())
        .collect();
    assert_eq!(listed.len(), 111, "block-list.tsv should list 111 blocks");
    let have: BTreeSet<String> = ctiflow_blocks::catalog()
        .specs()
        .filter(|s| s.family != Family::Flow)
        .map(|s| s.name.to_string())
        .collect();
    let missing: Vec<&String> = listed.difference(&have).collect();
    let extra: Vec<&String> = have.difference(&listed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the catalog: {missing:?}\nnot in block-list.tsv: {extra:?}"
    );
}
