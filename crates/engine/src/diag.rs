//! Validation diagnostics. Every diagnostic names the flow, and the action
//! and block type when it concerns one.

use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The flow cannot run.
    Error,
    /// The flow runs, but probably not as meant.
    Warning,
}

/// One problem found while loading or validating a flow.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code (`dangling-port`, `unknown-block`, ...).
    pub code: &'static str,
    /// The flow: its file (or name).
    pub flow: String,
    /// The action id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The action's block type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_type: Option<String>,
    /// The control concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// 1-based line, for load errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, for load errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Diagnostic {
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `FILE: action ID (TYPE): severity: message`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.flow)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        if let Some(a) = &self.action {
            write!(f, ": action {a}")?;
            if let Some(t) = &self.block_type {
                write!(f, " ({t})")?;
            }
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: ")?;
        if let Some(c) = &self.control {
            write!(f, "control `{c}`: ")?;
        }
        f.write_str(&self.message)
    }
}
