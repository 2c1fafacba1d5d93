//! `ctiflow validate PATH...`

use crate::args::Args;
use ctiflow_engine::{Diagnostic, Engine};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every `.json` file under each path (or the path itself when it is a
/// file), each folder's entries sorted.
///
/// Symbolic links to folders are followed (a folder may link to the shared
/// exports), but each folder is searched once, by its canonical path: a link
/// back to a folder already searched is skipped, so a loop of links ends.
pub fn json_files(paths: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut searched = HashSet::new();
    for p in paths {
        walk(p.as_ref(), &mut searched, &mut out)?;
    }
    Ok(out)
}

fn walk(p: &Path, searched: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if p.is_dir() {
        let canonical =
            std::fs::canonicalize(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        if !searched.insert(canonical) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| format!("cannot read {}: {e}", p.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                walk(&e, searched, out)?;
            } else if e.extension().is_some_and(|x| x == "json") {
                out.push(e);
            }
        }
        Ok(())
    } else if p.exists() {
        out.push(p.to_path_buf());
        Ok(())
    } else {
        Err(format!("{}: no such file or folder", p.display()))
    }
}

/// Whether a file's text is a flow set (`{"flows": [...]}`) rather than a flow.
pub fn is_flow_set(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .is_some_and(|v| v.get("flows").is_some_and(|f| f.is_array()) && v.get("actions").is_none())
}

/// Loads a flow set file into `engine`, reading flows relative to it.
pub fn load_set(engine: &mut Engine, path: &Path, text: &str) -> Vec<Diagnostic> {
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let read = move |f: &str| std::fs::read_to_string(base.join(f)).map_err(|e| e.to_string());
    engine.load_flow_set(&path.display().to_string(), text, &read)
}

/// Diagnostics for one file (a flow or a flow set).
pub fn check_file(path: &Path) -> Vec<Diagnostic> {
    let mut engine = Engine::new(ctiflow_blocks::catalog());
    let origin = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            return vec![Diagnostic {
                severity: ctiflow_engine::Severity::Error,
                code: "unreadable",
                flow: origin,
                action: None,
                block_type: None,
                control: None,
                message: format!("cannot read the file: {e}"),
                line: None,
                column: None,
            }]
        }
    };
    if is_flow_set(&text) {
        load_set(&mut engine, path, &text)
    } else {
        engine.validate_text(&origin, &text).diagnostics
    }
}

pub fn main(argv: &[String]) -> Result<u8, String> {
    let a = Args::parse(argv, &["format"], &[])?;
    let json = a.json_format()?;
    if a.positional.is_empty() {
        return Err("validate needs at least one file or folder".into());
    }
    let files = json_files(&a.positional)?;
    let mut all = Vec::new();
    for f in &files {
        all.extend(check_file(f));
    }
    let errors = all.iter().filter(|d| d.is_error()).count();
    let warnings = all.len() - errors;
    if json {
        let text = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
        crate::outln!("{text}");
    } else {
        for d in &all {
            crate::outln!("{d}");
        }
    }
    eprintln!(
        "{} file{}: {errors} error{}, {warnings} warning{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    Ok(if errors == 0 { 0 } else { 2 })
}
