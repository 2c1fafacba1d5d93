//! The recording format: JSON Lines, one object per line, each tagged by
//! `kind`. See the crate docs and `crates/replay/README.md` for the full
//! description and an example.

use ctiflow_engine::host::{Bridge, HostError, HostResult};
use ctiflow_engine::EngineConfig;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The format name written in every header.
pub const FORMAT: &str = "ctiflow-recording";
/// The newest format version this crate reads and writes. Readers accept
/// this version and older ones. Version 2 added `flow` on event lines (an
/// event that ran one named flow, a CTI Action's); a recording without such
/// an event is written as version 1 ([`BASE_VERSION`]), which older
/// readers still read, and one with such an event as version 2, which they
/// refuse rather than replay every flow.
pub const VERSION: u32 = 2;
/// The version a recording starts as ([`Header::new`]).
pub const BASE_VERSION: u32 = 1;

/// The first line of a recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version: 1, or 2 when an event names its flow.
    pub version: u32,
    /// The ctiflow version that recorded it.
    pub engine: String,
    /// Platform time when recording started, ms since the epoch.
    pub start_ms: f64,
    /// The flow set: a path (relative to the recording) to a flow-set file,
    /// or the flow set object inline (its entries may carry `flow` inline or
    /// `file` paths relative to the recording).
    pub flows: Value,
    /// Presence rules: a path relative to the recording, the rules inline,
    /// or absent.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub rules: Value,
    /// The engine configuration in force.
    #[serde(default)]
    pub config: EngineConfig,
    /// A free-text description (what the scenario is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Header {
    /// A header for this engine version.
    pub fn new(start_ms: f64, flows: Value, config: EngineConfig) -> Self {
        Header {
            format: FORMAT.into(),
            version: BASE_VERSION,
            engine: env!("CARGO_PKG_VERSION").into(),
            start_ms,
            flows,
            rules: Value::Null,
            config,
            description: None,
        }
    }
}

/// One inbound event, as the page delivered it to the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventEntry {
    /// 0-based index of the event in the recording.
    pub index: usize,
    /// Platform time it was dispatched.
    pub at_ms: f64,
    /// The source, as the adapter names it (`Voice Contact`).
    pub source: String,
    /// The event (`onConnecting`).
    pub event: String,
    /// `$.payload`
    #[serde(default)]
    pub payload: Value,
    /// `$.contact` as delivered (`null` when none).
    #[serde(default)]
    pub contact: Value,
    /// `$.agent` as delivered.
    #[serde(default)]
    pub agent: Value,
    /// The one flow the event ran, when it named one (a CTI Action runs
    /// the flow its button names); absent: every flow bound to the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<String>,
}

/// One bridge call made while an event's flows ran, and its answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallEntry {
    /// The index of the event whose flows made the call.
    pub event: usize,
    /// Platform time the answer arrived.
    pub at_ms: f64,
    /// The API family.
    pub bridge: Bridge,
    /// The method.
    pub method: String,
    /// The argument object.
    pub args: Value,
    /// `{"ok": value}` or `{"error": {code, message, details?}}`.
    pub answer: RecordedAnswer,
}

/// A recorded answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordedAnswer {
    /// The call succeeded.
    Ok(Value),
    /// The call failed.
    Error(HostError),
}

impl RecordedAnswer {
    /// From a host result.
    pub fn from_result(r: &HostResult) -> Self {
        match r {
            Ok(v) => RecordedAnswer::Ok(v.clone()),
            Err(e) => RecordedAnswer::Error(e.clone()),
        }
    }

    /// Back into a host result.
    pub fn to_result(&self) -> HostResult {
        match self {
            RecordedAnswer::Ok(v) => Ok(v.clone()),
            RecordedAnswer::Error(e) => Err(e.clone()),
        }
    }
}

/// One line of a recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[allow(clippy::large_enum_variant)]
pub enum Line {
    /// The header (first line only).
    Header(Header),
    /// An inbound event.
    Event(EventEntry),
    /// A bridge call and its answer.
    Call(CallEntry),
}

/// Parses one line. Lines as ctiflow writes them start with their `kind`,
/// so the entry is read in one pass; any other order goes through serde's
/// tagged-enum path (which buffers the line first).
fn parse_line(raw: &str) -> Result<Line, serde_json::Error> {
    let raw = raw.trim_start();
    if raw.starts_with("{\"kind\":\"event\",") {
        serde_json::from_str(raw).map(Line::Event)
    } else if raw.starts_with("{\"kind\":\"call\",") {
        serde_json::from_str(raw).map(Line::Call)
    } else {
        serde_json::from_str(raw)
    }
}

/// A recorded event with the calls its flows made, in the order made.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedEvent {
    /// The event.
    pub entry: EventEntry,
    /// Its calls.
    pub calls: Vec<CallEntry>,
}

/// A recording in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Recording {
    /// The header.
    pub header: Header,
    /// The events, in dispatch order, each with its calls.
    pub events: Vec<RecordedEvent>,
}

/// Why a recording could not be read. Names the line.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct FormatError {
    /// The file.
    pub origin: String,
    /// 1-based line number (0: the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Recording {
    /// Parses JSONL text. Blank lines are ignored. Calls may be interleaved
    /// with later events (overlapping contacts); each goes to the event it
    /// names.
    pub fn parse(origin: &str, text: &str) -> Result<Recording, FormatError> {
        let err = |line: usize, message: String| FormatError {
            origin: origin.to_string(),
            line,
            message,
        };
        let mut header: Option<Header> = None;
        let mut events: Vec<RecordedEvent> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let line = parse_line(raw).map_err(|e| err(n, format!("not a recording line: {e}")))?;
            match line {
                Line::Header(h) => {
                    if header.is_some() {
                        return Err(err(n, "a second header".into()));
                    }
                    if h.format != FORMAT {
                        return Err(err(
                            n,
                            format!("format is `{}`, expected `{FORMAT}`", h.format),
                        ));
                    }
                    if h.version > VERSION || h.version == 0 {
                        return Err(err(
                            n,
                            format!(
                                "format version {} is not supported (this ctiflow reads 1 to {VERSION})",
                                h.version
                            ),
                        ));
                    }
                    header = Some(h);
                }
                _ if header.is_none() => {
                    return Err(err(n, "the first line must be the header".into()));
                }
                Line::Event(e) => {
                    if e.index != events.len() {
                        return Err(err(
                            n,
                            format!(
                                "event index {} out of order (expected {})",
                                e.index,
                                events.len()
                            ),
                        ));
                    }
                    events.push(RecordedEvent {
                        entry: e,
                        calls: Vec::new(),
                    });
                }
                Line::Call(c) => match events.get_mut(c.event) {
                    Some(ev) => ev.calls.push(c),
                    None => {
                        return Err(err(
                            n,
                            format!("call names event {}, which has not been seen", c.event),
                        ))
                    }
                },
            }
        }
        let header = header.ok_or_else(|| err(0, "empty recording: no header".into()))?;
        Ok(Recording { header, events })
    }

    /// Writes JSONL text: the header, then each event followed by its calls.
    pub fn to_jsonl(&self) -> String {
        let mut lines = vec![Line::Header(self.header.clone())];
        for e in &self.events {
            lines.push(Line::Event(e.entry.clone()));
            lines.extend(e.calls.iter().cloned().map(Line::Call));
        }
        lines_to_jsonl(&lines)
    }
}

/// Serialises lines as JSON Lines (trailing newline).
pub fn lines_to_jsonl(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        // Serialising a Value tree cannot fail (string keys only).
        out.push_str(&serde_json::to_string(l).unwrap_or_default());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_the_same_whatever_the_key_order() {
        let pairs = [
            (
                r#"{"kind":"event","index":0,"atMs":1.0,"source":"Voice Contact","event":"onConnecting","contact":{"contactId":"c"}}"#,
                r#"{"index":0,"atMs":1.0,"source":"Voice Contact","event":"onConnecting","contact":{"contactId":"c"},"kind":"event"}"#,
            ),
            (
                r#"{"kind":"call","event":0,"atMs":2.0,"bridge":"agent","method":"connect","args":{},"answer":{"ok":null}}"#,
                r#"{"event":0,"atMs":2.0,"bridge":"agent","method":"connect","kind":"call","args":{},"answer":{"ok":null}}"#,
            ),
        ];
        for (fast, tagged) in pairs {
            let a = parse_line(fast).expect("kind first");
            let b = parse_line(tagged).expect("kind later");
            assert_eq!(a, b);
        }
        assert!(parse_line(r#"{"kind":"event","index":"x"}"#).is_err());
        assert!(parse_line(r#"{"kind":"other"}"#).is_err());
    }
}
