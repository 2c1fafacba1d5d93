//! Reading recordings and flow sets from disk, and building the engine a
//! recording replays against.

use crate::format::Recording;
use ctiflow_engine::{Catalog, Engine};
use ctiflow_presence::wire::PresenceSync;
use ctiflow_presence::DriverConfig;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Reads and parses a recording file.
pub fn read_recording(path: &Path) -> Result<Recording, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Recording::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

/// The directory a recording's relative paths are resolved against.
pub fn base_dir(rec_path: &Path) -> PathBuf {
    rec_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Builds an engine over `catalog` with the recording's configuration and
/// flow set. `flows_override` (the CLI's `--flows`) replaces the set named in
/// the header. Any error diagnostic in the set is an error: a replay against
/// a set that does not load would report noise, not differences.
pub fn engine_for(
    catalog: Catalog,
    rec: &Recording,
    base: &Path,
    flows_override: Option<&Path>,
) -> Result<Engine, String> {
    rec.header
        .config
        .check_allowlist()
        .map_err(|e| format!("header `config`: {e}"))?;
    let mut engine = Engine::new(catalog);
    engine.set_config(rec.header.config.clone());
    let (origin, text, set_dir) = match (flows_override, &rec.header.flows) {
        (Some(p), _) => (p.to_path_buf(), read(p)?, base_dir(p)),
        (None, Value::String(rel)) => {
            let p = base.join(rel);
            (p.clone(), read(&p)?, base_dir(&p))
        }
        (None, v @ Value::Object(_)) => (
            base.join("<inline flow set>"),
            v.to_string(),
            base.to_path_buf(),
        ),
        (None, other) => {
            return Err(format!(
                "header `flows` must be a path or a flow set object, found {other}"
            ))
        }
    };
    let read_rel = |f: &str| -> Result<String, String> {
        std::fs::read_to_string(set_dir.join(f)).map_err(|e| e.to_string())
    };
    let diags = engine.load_flow_set(&origin.display().to_string(), &text, &read_rel);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "flow set {} does not load:\n  {}",
            origin.display(),
            errors.join("\n  ")
        ));
    }
    Ok(engine)
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

/// The default expected-trace path: `x.jsonl` → `x.trace.jsonl` beside it.
pub fn default_expect_path(rec_path: &Path) -> PathBuf {
    let name = rec_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    rec_path.with_file_name(format!("{stem}.trace.jsonl"))
}

/// Parses an expected-trace file (JSON Lines; blank lines ignored) into
/// compact JSON lines, as [`crate::diff::compare`] takes them. Every line
/// must be an object with an `eventIndex` (a whole number ≥ 0); the error
/// names the file and the line. Lines in the older spellings are read as
/// today's (see [`modernize`]), so a trace blessed by an older ctiflow
/// still compares.
pub fn parse_trace(origin: &str, text: &str) -> Result<Vec<String>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let at = format!("{origin}:{}", i + 1);
            let mut v = serde_json::from_str::<Value>(l)
                .map_err(|e| format!("{at}: not JSON: {e}"))?;
            match v.get("eventIndex") {
                Some(n) if n.as_u64().is_some_and(|n| usize::try_from(n).is_ok()) => {
                    modernize(&mut v);
                    Ok(v.to_string())
                }
                Some(n) => Err(format!(
                    "{at}: `eventIndex` must be a whole number ≥ 0, found {n}"
                )),
                None => Err(format!(
                    "{at}: not a trace line: no `eventIndex` (each line is an object such as {{\"eventIndex\":0,\"kind\":\"dispatch\",...}})"
                )),
            }
        })
        .collect()
}

/// Rewrites a trace line written by an older ctiflow in today's spelling:
/// `runEnd` lines carried `block_type` and `limit_ms`, and failed calls
/// `{"err": ...}` (now `blockType`, `limitMs` and `{"error": ...}`, as
/// everywhere else). Keys keep their places.
pub fn modernize(line: &mut Value) {
    fn rename(m: &mut serde_json::Map<String, Value>, renames: &[(&str, &str)]) {
        if !renames.iter().any(|(old, _)| m.contains_key(*old)) {
            return;
        }
        *m = std::mem::take(m)
            .into_iter()
            .map(|(k, v)| match renames.iter().find(|(old, _)| *old == k) {
                Some((_, new)) => ((*new).to_string(), v),
                None => (k, v),
            })
            .collect();
    }
    let Value::Object(m) = line else { return };
    match m.get("kind").and_then(Value::as_str) {
        Some("runEnd") => rename(m, &[("block_type", "blockType"), ("limit_ms", "limitMs")]),
        Some("call") => {
            if let Some(Value::Object(a)) = m.get_mut("answer") {
                rename(a, &[("err", "error")]);
            }
        }
        _ => {}
    }
}

/// Loads the presence rules a recording replays with: `rules_override` (the
/// CLI's `--rules`) or the header's `rules` (a path relative to the
/// recording, or the rules inline). `None` when there are none. Rules with
/// errors are an error: a replay with half the rules would report noise.
pub fn presence_for(
    rec: &Recording,
    base: &Path,
    rules_override: Option<&Path>,
) -> Result<Option<PresenceSync>, String> {
    let (origin, text) = match (rules_override, &rec.header.rules) {
        (Some(p), _) => (p.display().to_string(), read(p)?),
        (None, Value::Null) => return Ok(None),
        (None, Value::String(rel)) => {
            let p = base.join(rel);
            (p.display().to_string(), read(&p)?)
        }
        (None, v @ (Value::Object(_) | Value::Array(_))) => {
            ("<inline rules>".to_string(), v.to_string())
        }
        (None, other) => {
            return Err(format!(
                "header `rules` must be a path or the rules object, found {other}"
            ))
        }
    };
    let (sync, report) = PresenceSync::from_rules(&text, DriverConfig::default());
    if report.has_errors() {
        return Err(format!("presence rules {origin} do not load:\n{report}"));
    }
    Ok(Some(sync))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_line_needs_an_event_index() {
        let good =
            "{\"eventIndex\":0,\"kind\":\"dispatch\"}\n\n{\"kind\":\"step\", \"eventIndex\": 1}\n";
        assert_eq!(
            parse_trace("t.jsonl", good),
            Ok(vec![
                "{\"eventIndex\":0,\"kind\":\"dispatch\"}".to_string(),
                "{\"kind\":\"step\",\"eventIndex\":1}".to_string()
            ])
        );
        for (line, why) in [
            ("{}", "t.jsonl:2: not a trace line: no `eventIndex`"),
            ("[1]", "t.jsonl:2: not a trace line: no `eventIndex`"),
            ("7", "t.jsonl:2: not a trace line: no `eventIndex`"),
            (
                "{\"eventIndex\":-1}",
                "t.jsonl:2: `eventIndex` must be a whole number ≥ 0, found -1",
            ),
            (
                "{\"eventIndex\":\"3\"}",
                "t.jsonl:2: `eventIndex` must be a whole number ≥ 0, found \"3\"",
            ),
            (
                "{\"eventIndex\":1.5}",
                "t.jsonl:2: `eventIndex` must be a whole number ≥ 0, found 1.5",
            ),
            ("{\"eventIndex\":", "t.jsonl:2: not JSON: "),
        ] {
            let text = format!("{{\"eventIndex\":0}}\n{line}\n{{\"eventIndex\":0}}\n");
            let e = parse_trace("t.jsonl", &text).expect_err(line);
            assert!(e.starts_with(why), "{line}: {e}");
        }
    }

    #[test]
    fn older_spellings_are_read_as_todays() {
        let old = concat!(
            r#"{"eventIndex":0,"kind":"call","action":"a","blockType":"T","bridge":"agent","method":"connect","args":{},"answer":{"err":{"code":"BUSY","message":"busy"}}}"#,
            "\n",
            r#"{"eventIndex":0,"kind":"runEnd","flow":"f","reason":"runWindow","limit_ms":5.0,"action":"w","steps":2,"elapsedMs":6.0}"#,
            "\n",
            r#"{"eventIndex":0,"kind":"runEnd","flow":"f","reason":"error","message":"m","action":"x","block_type":"T_Fail","steps":1,"elapsedMs":0.0}"#,
        );
        let lines = parse_trace("old.trace.jsonl", old).expect("parses");
        assert_eq!(
            lines,
            [
                r#"{"eventIndex":0,"kind":"call","action":"a","blockType":"T","bridge":"agent","method":"connect","args":{},"answer":{"error":{"code":"BUSY","message":"busy"}}}"#,
                r#"{"eventIndex":0,"kind":"runEnd","flow":"f","reason":"runWindow","limitMs":5.0,"action":"w","steps":2,"elapsedMs":6.0}"#,
                r#"{"eventIndex":0,"kind":"runEnd","flow":"f","reason":"error","message":"m","action":"x","blockType":"T_Fail","steps":1,"elapsedMs":0.0}"#,
            ]
        );
        // Other lines, and today's spellings, are left as they are.
        let step = r#"{"eventIndex":0,"kind":"step","block_type":"kept","answer":{"err":1}}"#;
        assert_eq!(parse_trace("t", step).expect("parses"), [step]);
    }
}
