//! JUnit XML for CI: one `<testcase>` per recording, or one per event.

use std::fmt::Write as _;

/// The outcome of one test case.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseResult {
    /// As expected.
    Passed,
    /// A difference: the message and the full report.
    Failed(String, String),
    /// The case could not run.
    Error(String),
}

/// One test case.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The class name (the recording, for per-event cases).
    pub class: String,
    /// The case name.
    pub name: String,
    /// The result.
    pub result: CaseResult,
}

/// Escapes text for XML content and attributes; drops characters XML 1.0
/// cannot carry.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

/// Renders a `<testsuites>` document with one suite.
pub fn render(suite: &str, cases: &[Case]) -> String {
    let failures = cases
        .iter()
        .filter(|c| matches!(c.result, CaseResult::Failed(..)))
        .count();
    let errors = cases
        .iter()
        .filter(|c| matches!(c.result, CaseResult::Error(_)))
        .count();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">\n  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">",
        escape(suite),
        n = cases.len()
    );
    for c in cases {
        let _ = write!(
            s,
            "    <testcase classname=\"{}\" name=\"{}\"",
            escape(&c.class),
            escape(&c.name)
        );
        match &c.result {
            CaseResult::Passed => s.push_str("/>\n"),
            CaseResult::Failed(msg, body) => {
                let _ = writeln!(
                    s,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(msg),
                    escape(body)
                );
            }
            CaseResult::Error(msg) => {
                let _ = writeln!(
                    s,
                    ">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                    escape(msg.lines().next().unwrap_or("")),
                    escape(msg)
                );
            }
        }
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_counts() {
        let x = render(
            "replay",
            &[
                Case {
                    class: "r".into(),
                    name: "a<b".into(),
                    result: CaseResult::Passed,
                },
                Case {
                    class: "r".into(),
                    name: "c".into(),
                    result: CaseResult::Failed("x \"y\"".into(), "a & b\u{1}".into()),
                },
            ],
        );
        assert!(x.contains("tests=\"2\" failures=\"1\" errors=\"0\""));
        assert!(x.contains("name=\"a&lt;b\""));
        assert!(x.contains("message=\"x &quot;y&quot;\">a &amp; b</failure>"));
    }
}
