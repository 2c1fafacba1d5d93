//! Diagnostics from loading and checking a rules file.

use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule (or the file) cannot be used; it is left out.
    Error,
    /// The rule loads, or is skipped as the adapter would skip it, but
    /// probably not as meant.
    Warning,
}

/// One problem in a rules file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code (`unknown-operand`, `system-status`, ...).
    pub code: &'static str,
    /// The rule's name; `None` for problems with the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The rule's 1-based position in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// 1-based line, for malformed JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, for malformed JSON.
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
    /// `severity: rule "NAME" (#N): message`, or
    /// `severity: line L, column C: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        })?;
        match (&self.rule, self.index) {
            (Some(name), Some(i)) => write!(f, "rule {name:?} (#{i}): ")?,
            (None, Some(i)) => write!(f, "rule #{i}: ")?,
            _ => {}
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything `check` found, in file order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    /// The exit code for `ctiflow presence check`: 0 when there is no error
    /// (warnings allowed), 1 when a rule has an error, 2 when the file could
    /// not be read as a rules file at all (malformed JSON, wrong shape).
    pub fn exit_code(&self) -> i32 {
        if self.errors().any(|d| d.index.is_none()) {
            2
        } else if self.has_errors() {
            1
        } else {
            0
        }
    }
}

impl fmt::Display for Report {
    /// One diagnostic a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
