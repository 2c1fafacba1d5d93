//! Comparing a replay's trace with the expected trace, and saying what
//! changed in terms a flow author acts on: the event, the flow, the action
//! and the first bridge call that differs.

use crate::json_eq;
use crate::replay::{EventTrace, ReplayOutput};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The first difference within one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The event index.
    pub event: usize,
    /// `Source/event`.
    pub label: String,
    /// The flow whose run differs (the run the first differing line is in).
    pub flow: Option<String>,
    /// The action the first differing line concerns.
    pub action: Option<String>,
    /// Its block type.
    pub block_type: Option<String>,
    /// 1-based position of the first differing line within the event.
    pub position: usize,
    /// The expected line (`None`: the replay has extra lines).
    pub expected: Option<Value>,
    /// The actual line (`None`: the replay stopped short).
    pub actual: Option<Value>,
    /// The first bridge call of the event that differs, expected vs actual.
    pub call: Option<(Option<Value>, Option<Value>)>,
}

/// The `eventIndex` of a trace line: read from the prefix the replay
/// writes, else by parsing the line.
pub fn event_index(line: &str) -> usize {
    let fast = line
        .strip_prefix("{\"eventIndex\":")
        .and_then(|r| r.split([',', '}']).next())
        .and_then(|n| n.parse().ok());
    fast.unwrap_or_else(|| {
        serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|v| v.get("eventIndex")?.as_u64())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(usize::MAX)
    })
}

/// Lines grouped by event, in ascending event order. Traces are written in
/// event order, so this is one pass; lines out of order are sorted first.
fn group<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(usize, Vec<&'a str>)> {
    let mut out: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut in_order = true;
    for l in lines {
        let i = event_index(l);
        match out.last_mut() {
            Some((j, v)) if *j == i => v.push(l),
            Some((j, _)) => {
                in_order &= *j < i;
                out.push((i, vec![l]));
            }
            None => out.push((i, vec![l])),
        }
    }
    if !in_order {
        let mut m: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (i, v) in out {
            m.entry(i).or_default().extend(v);
        }
        out = m.into_iter().collect();
    }
    out
}

fn lines_of<'g, 'a>(groups: &'g [(usize, Vec<&'a str>)], ev: usize) -> &'g [&'a str] {
    groups
        .binary_search_by_key(&ev, |(i, _)| *i)
        .ok()
        .and_then(|at| groups.get(at))
        .map_or(&[], |(_, v)| v.as_slice())
}

fn parse(l: &str) -> Value {
    serde_json::from_str(l).unwrap_or(Value::Null)
}

/// Whether an expected trace line and an actual one say the same: equal
/// text, or equal JSON (numbers by value, so a hand-edited `1` still matches
/// `1.0`). Traces written before `stepBudget` and `runWindow` ends named the
/// block type have no `blockType` there: such an expected line matches an
/// actual one that differs only by having it.
fn same(expected: &str, actual: &str) -> bool {
    if expected == actual {
        return true;
    }
    let (e, mut a) = (parse(expected), parse(actual));
    if json_eq(&e, &a) {
        return true;
    }
    let older_end = kind(&e) == "runEnd"
        && matches!(
            e.get("reason").and_then(Value::as_str),
            Some("stepBudget" | "runWindow")
        )
        && e.get("blockType").is_none();
    if !older_end {
        return false;
    }
    match &mut a {
        Value::Object(m) => m.remove("blockType").is_some() && json_eq(&e, &a),
        _ => false,
    }
}

fn str_field(v: Option<&Value>, k: &str) -> Option<String> {
    v?.get(k)?.as_str().map(str::to_string)
}

fn kind(v: &Value) -> &str {
    v.get("kind").and_then(Value::as_str).unwrap_or("")
}

/// The action a line concerns: its `action` field (calls, steps, notes, and
/// run ends that name where they stopped).
fn action_of(v: Option<&Value>) -> Option<String> {
    str_field(v, "action")
}

/// Compares expected trace lines (compact JSON, one per line; see
/// [`crate::load::parse_trace`]) with a replay. One [`Difference`] per event
/// that differs, in event order.
pub fn compare(expected: &[String], actual: &ReplayOutput) -> Vec<Difference> {
    let mut c = Comparison::new(expected);
    for t in &actual.events {
        c.event(t);
    }
    c.finish()
}

/// A comparison fed one replayed event at a time (with
/// [`crate::replay::replay_each`]): each event's lines are compared while
/// they are fresh and can then be dropped. [`compare`] is this over a whole
/// [`ReplayOutput`].
pub struct Comparison<'e> {
    expected: Vec<(usize, Vec<&'e str>)>,
    /// Per expected event, whether a replayed event answered it.
    seen: Vec<bool>,
    out: Vec<Difference>,
}

impl<'e> Comparison<'e> {
    /// A comparison against the expected trace lines.
    pub fn new(expected: &'e [String]) -> Self {
        let expected = group(expected.iter().map(String::as_str));
        let seen = vec![false; expected.len()];
        Comparison {
            expected,
            seen,
            out: Vec::new(),
        }
    }

    /// Compares one replayed event with the expected lines of its index.
    pub fn event(&mut self, t: &EventTrace) {
        let actual = group(t.lines());
        for (ev, a) in actual {
            let at = self.expected.binary_search_by_key(&ev, |(i, _)| *i).ok();
            // (Recordings number their events 0, 1, 2, ...: an index seen
            // twice, or not expected, has no expected lines to match.)
            let e = match at.and_then(|i| self.seen.get_mut(i)) {
                Some(seen) if !*seen => {
                    *seen = true;
                    lines_of(&self.expected, ev)
                }
                _ => &[],
            };
            self.out.extend(difference(ev, e, &a, Some(&t.label)));
        }
    }

    /// The differences of the events replayed so far, in event order
    /// (for a replay that stopped part way: the events after it are not
    /// counted as differing).
    pub fn replayed_differences(mut self) -> Vec<Difference> {
        self.out.sort_by_key(|d| d.event);
        self.out
    }

    /// The differences, in event order: expected events that were never
    /// replayed count as differing.
    pub fn finish(mut self) -> Vec<Difference> {
        for (i, (ev, e)) in self.expected.iter().enumerate() {
            if !self.seen.get(i).copied().unwrap_or(true) {
                self.out.extend(difference(*ev, e, &[], None));
            }
        }
        self.out.sort_by_key(|d| d.event);
        self.out
    }
}

/// The first difference between the expected and actual lines of one event.
fn difference(ev: usize, e: &[&str], a: &[&str], label: Option<&str>) -> Option<Difference> {
    let n = e.len().max(a.len());
    let pos = (0..n).find(|&i| match (e.get(i), a.get(i)) {
        (Some(x), Some(y)) => !same(x, y),
        _ => true,
    })?;
    let e: Vec<Value> = e.iter().map(|l| parse(l)).collect();
    let a: Vec<Value> = a.iter().map(|l| parse(l)).collect();
    let (el, al) = (e.get(pos), a.get(pos));
    // The run the line is in: the last runStart at or before it.
    let flow_at = |lines: &[Value]| {
        lines
            .iter()
            .take(pos + 1)
            .rev()
            .find(|l| kind(l) == "runStart")
            .and_then(|l| str_field(Some(l), "flow"))
    };
    let flow = flow_at(&a).or_else(|| flow_at(&e));
    let action = action_of(al).or_else(|| action_of(el));
    let block_type = str_field(al, "blockType").or_else(|| str_field(el, "blockType"));
    let calls = |lines: &[Value]| -> Vec<Value> {
        lines
            .iter()
            .filter(|l| kind(l) == "call")
            .cloned()
            .collect()
    };
    let (ec, ac) = (calls(&e), calls(&a));
    let call = (0..ec.len().max(ac.len()))
        .find(|&i| match (ec.get(i), ac.get(i)) {
            (Some(x), Some(y)) => !json_eq(x, y),
            _ => true,
        })
        .map(|i| (ec.get(i).cloned(), ac.get(i).cloned()));
    let label = label
        .map(str::to_string)
        .or_else(|| {
            let d = e.first()?;
            Some(format!(
                "{}/{}",
                d.get("source")?.as_str()?,
                d.get("on")?.as_str()?
            ))
        })
        .unwrap_or_else(|| "?".into());
    Some(Difference {
        event: ev,
        label,
        flow,
        action,
        block_type,
        position: pos + 1,
        expected: el.cloned(),
        actual: al.cloned(),
        call,
    })
}

/// Paths whose values differ between two JSON values (at most `limit`).
pub fn changed_paths(a: &Value, b: &Value, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    walk(a, b, String::new(), &mut out, limit);
    out
}

fn walk(a: &Value, b: &Value, path: String, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit || json_eq(a, b) {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                walk(va, y.get(k).unwrap_or(&Value::Null), join(k), out, limit);
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    walk(&Value::Null, vb, join(k), out, limit);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                walk(va, vb, join(&i.to_string()), out, limit);
            }
        }
        _ => {
            let p = if path.is_empty() {
                "(line)".into()
            } else {
                path
            };
            out.push(format!("{p}: {} → {}", short(a), short(b)));
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "(nothing)".to_string(), short)
}

impl Difference {
    /// A one-line summary: event, flow, action.
    pub fn headline(&self) -> String {
        let mut s = format!("event {} ({})", self.event, self.label);
        if let Some(f) = &self.flow {
            let _ = write!(s, ", flow `{f}`");
        }
        if let Some(a) = &self.action {
            let _ = write!(s, ", action `{a}`");
            if let Some(b) = &self.block_type {
                let _ = write!(s, " ({b})");
            }
        }
        s
    }

    /// The full, readable report.
    pub fn render(&self) -> String {
        let mut s = format!("{}\n", self.headline());
        let k = |v: Option<&Value>| v.map(kind).unwrap_or("").to_string();
        let _ = writeln!(
            s,
            "  first difference at line {} of the event ({} expected, {} found)",
            self.position,
            if self.expected.is_some() {
                k(self.expected.as_ref())
            } else {
                "nothing".into()
            },
            if self.actual.is_some() {
                k(self.actual.as_ref())
            } else {
                "nothing".into()
            },
        );
        if let (Some(e), Some(a)) = (&self.expected, &self.actual) {
            for p in changed_paths(e, a, 8) {
                let _ = writeln!(s, "    {p}");
            }
        } else {
            let _ = writeln!(s, "    expected: {}", show(self.expected.as_ref()));
            let _ = writeln!(s, "    actual:   {}", show(self.actual.as_ref()));
        }
        match &self.call {
            Some((e, a)) => {
                let which = a.as_ref().or(e.as_ref());
                let name = which
                    .map(|c| {
                        format!(
                            "{}.{} by action `{}`",
                            c.get("bridge").and_then(Value::as_str).unwrap_or("?"),
                            c.get("method").and_then(Value::as_str).unwrap_or("?"),
                            c.get("action").and_then(Value::as_str).unwrap_or("?")
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(s, "  first differing bridge call: {name}");
                let f = |v: &Option<Value>, k: &str| show(v.as_ref().and_then(|c| c.get(k)));
                let _ = writeln!(s, "    expected args:   {}", f(e, "args"));
                let _ = writeln!(s, "    actual args:     {}", f(a, "args"));
                let _ = writeln!(s, "    expected answer: {}", f(e, "answer"));
                let _ = writeln!(s, "    actual answer:   {}", f(a, "answer"));
            }
            None => {
                let _ = writeln!(s, "  every bridge call of the event is as expected");
            }
        }
        s
    }
}
