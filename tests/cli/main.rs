//! End-to-end tests of the `ctiflow` binary (jaq's golden.rs style): they run
//! the built binary and read what it prints.
//!
//! Modules:
mod bad_input; // each malformed or invalid flow gives one precise diagnostic and a non-zero exit; folders with link loops end
mod presence; // presence check exit codes; presence sync wired into run --rules
mod samples; // the 14 real exports validate; the project's flows and demo run
mod scenarios; // golden traces of the project's flows (REGENERATE_GOLDEN=1 to bless)
mod tour; // the catalog tour uses every block, validates clean and runs through every action

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared/ folder beside the repository (CTIFLOW_SHARED overrides), if present.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("CTIFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    p.join("sample-flows").is_dir().then_some(p)
}

/// Runs `ctiflow` with arguments from the repository root.
pub fn ctiflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctiflow"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run ctiflow")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
