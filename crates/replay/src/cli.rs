//! `ctiflow replay`: the command behind the CLI subcommand, kept here so it
//! is tested with the crate. The CLI's `replay` module only forwards to
//! [`run`].
//!
//! ```text
//! ctiflow replay REC... [--flows SET] [--rules FILE] [--expect TRACE] [--bless]
//!                       [--junit FILE] [--junit-per-event] [--max-event-seconds S]
//! ```
//! Exit codes (ripgrep style): 0 every replay as expected, 1 a difference,
//! 2 an error (a file that does not read, a flow set that does not load, a
//! missing expected trace).

use crate::diff::{Comparison, Difference};
use crate::junit::{self, Case, CaseResult};
use crate::load::{
    base_dir, default_expect_path, engine_for, parse_trace, presence_for, read_recording,
};
use crate::replay::{replay_each, replay_with, Mismatch, ReplayError};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The usage text.
pub const USAGE: &str = "\
usage: ctiflow replay REC... [--flows SET] [--rules FILE] [--expect TRACE] [--bless]
                             [--junit FILE] [--junit-per-event] [--max-event-seconds S]

Replays each recording (JSON Lines, see crates/replay/README.md) headless:
every recorded event is dispatched through the flow set, every bridge call is
answered from the recording, on the recording's clock. The trace is compared
with the expected trace (default: REC with .jsonl replaced by .trace.jsonl).
Arguments ending in .trace.jsonl are skipped, so a shell glob *.jsonl works.

  --flows SET        replay against this flow-set file instead of the recording's
  --rules FILE       presence rules instead of the recording's (header `rules`)
  --expect TRACE     the expected trace (only with one REC)
  --bless            write the expected trace instead of comparing
  --junit FILE       write JUnit XML, one testcase per recording
  --junit-per-event  ... one testcase per event (replayed or expected) instead;
                     a replay that stops at an event makes that event an error case
  --max-event-seconds S
                     real time one event may take (default 60). The replay clock
                     moves only on recorded answers and Delay, so the run window
                     never stops a flow that computes in a loop; past S seconds
                     its run stops and the recording fails (exit 2), naming the
                     event, flow, action and block type

exit: 0 as expected, 1 a difference, 2 an error";

/// Parsed options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// The recordings.
    pub recordings: Vec<PathBuf>,
    /// `--flows`
    pub flows: Option<PathBuf>,
    /// `--rules`
    pub rules: Option<PathBuf>,
    /// `--expect`
    pub expect: Option<PathBuf>,
    /// `--bless`
    pub bless: bool,
    /// `--junit`
    pub junit: Option<PathBuf>,
    /// `--junit-per-event`
    pub junit_per_event: bool,
    /// `--max-event-seconds` (`None`: no cap; [`parse_args`] sets the
    /// default, [`DEFAULT_MAX_EVENT`]).
    pub max_event: Option<Duration>,
}

/// `--max-event-seconds` when not given: the adapter's run window.
pub const DEFAULT_MAX_EVENT: Duration = Duration::from_secs(60);

/// Reads a `--max-event-seconds` value: a positive number of seconds.
pub fn parse_seconds(v: &str) -> Result<Duration, String> {
    v.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("--max-event-seconds must be a positive number, not `{v}`"))
}

/// Parses the arguments after `replay`.
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        max_event: Some(DEFAULT_MAX_EVENT),
        ..Options::default()
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (a, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a {
            "--flows" => o.flows = Some(value("--flows")?),
            "--rules" => o.rules = Some(value("--rules")?),
            "--expect" => o.expect = Some(value("--expect")?),
            "--junit" => o.junit = Some(value("--junit")?),
            "--bless" => o.bless = true,
            "--junit-per-event" => o.junit_per_event = true,
            "--max-event-seconds" => {
                let v = value("--max-event-seconds")?;
                o.max_event = Some(parse_seconds(&v.to_string_lossy())?);
            }
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            // `tests/recordings/*.jsonl` also matches the expected traces
            s if s.ends_with(".trace.jsonl") => {}
            s => o.recordings.push(PathBuf::from(s)),
        }
    }
    if o.recordings.is_empty() {
        return Err("no recording given".into());
    }
    if o.expect.is_some() && o.recordings.len() > 1 {
        return Err("--expect names one trace: give one recording".into());
    }
    Ok(o)
}

/// The index and `Source/event` label of a replayed event.
type Replayed = (usize, String);

enum Verdict {
    Same(Vec<Replayed>),
    Blessed(usize, PathBuf),
    Differs(Vec<Difference>, Vec<Replayed>),
    Error(String),
    /// The replay stopped at an event (`at`) after replaying others: the
    /// error, the events replayed before it and their differences.
    Stopped {
        error: String,
        at: Replayed,
        replayed: Vec<Replayed>,
        diffs: Vec<Difference>,
    },
}

/// One JUnit case per event that was replayed or expected, in event order.
/// The name, `event 3 (Voice Contact/onConnecting)`, is the same whether
/// the event passes or fails, so CI tracks each event's history; an
/// expected event the recording no longer has is a failing case too.
fn per_event_cases(class: &str, replayed: &[Replayed], diffs: &[Difference]) -> Vec<Case> {
    let mut labels: BTreeMap<usize, &str> =
        replayed.iter().map(|(i, l)| (*i, l.as_str())).collect();
    for d in diffs {
        labels.entry(d.event).or_insert(&d.label);
    }
    labels
        .into_iter()
        .map(|(i, label)| Case {
            class: class.to_string(),
            name: format!("event {i} ({label})"),
            result: match diffs.iter().find(|d| d.event == i) {
                Some(d) => CaseResult::Failed(d.headline(), d.render()),
                None => CaseResult::Passed,
            },
        })
        .collect()
}

fn one(o: &Options, rec_path: &Path) -> (Verdict, Vec<String>) {
    let rec = match read_recording(rec_path) {
        Ok(r) => r,
        Err(e) => return (Verdict::Error(e), Vec::new()),
    };
    // What the recording replays against: its errors name the recording,
    // since several recordings may share (or miss) a flow set.
    let in_rec = |e: String| Verdict::Error(format!("{}: {e}", rec_path.display()));
    let engine = match engine_for(
        ctiflow_blocks::catalog(),
        &rec,
        &base_dir(rec_path),
        o.flows.as_deref(),
    ) {
        Ok(e) => e,
        Err(e) => return (in_rec(e), Vec::new()),
    };
    let presence = match presence_for(&rec, &base_dir(rec_path), o.rules.as_deref()) {
        Ok(p) => p,
        Err(e) => return (in_rec(e), Vec::new()),
    };
    let expect = o
        .expect
        .clone()
        .unwrap_or_else(|| default_expect_path(rec_path));
    let replay_error = |e: ReplayError| Verdict::Error(format!("{}: {e}", rec_path.display()));
    let mismatch_notes = |mismatches: &[Mismatch]| -> Vec<String> {
        mismatches
            .iter()
            .map(|m| format!("event {}: {}: {}", m.event, m.call, m.message))
            .collect()
    };
    // The expected trace, read before replaying so that each event is
    // compared as it is replayed (bounded memory on long recordings).
    let expected = if o.bless {
        None
    } else {
        Some(
            std::fs::read_to_string(&expect)
                .map_err(|e| {
                    format!(
                        "cannot read the expected trace {}: {e} (run with --bless to write it)",
                        expect.display()
                    )
                })
                .and_then(|text| parse_trace(&expect.display().to_string(), &text)),
        )
    };
    let expected = match expected {
        Some(Ok(lines)) => lines,
        // Blessing, or the expected trace is unusable: replay whole (a
        // recording that cannot be replayed says so before anything else).
        other => {
            let out = match replay_with(&engine, presence.as_ref(), &rec, o.max_event) {
                Ok(out) => out,
                Err(e) => return (replay_error(e), Vec::new()),
            };
            let notes = mismatch_notes(&out.mismatches);
            return match other {
                Some(Err(e)) => (Verdict::Error(e), notes),
                _ => match std::fs::write(&expect, out.to_jsonl()) {
                    Ok(()) => (Verdict::Blessed(out.event_count(), expect), notes),
                    Err(e) => (
                        Verdict::Error(format!("cannot write {}: {e}", expect.display())),
                        notes,
                    ),
                },
            };
        }
    };
    let mut comparison = Comparison::new(&expected);
    let mut replayed = Vec::new();
    let mismatches = replay_each(&engine, presence.as_ref(), &rec, o.max_event, |t| {
        replayed.push((t.index, t.label.clone()));
        comparison.event(&t);
    });
    let mismatches = match mismatches {
        Ok(m) => m,
        Err(e) => {
            let error = format!("{}: {e}", rec_path.display());
            let stopped = Verdict::Stopped {
                error,
                at: (e.index, e.label),
                replayed,
                diffs: comparison.replayed_differences(),
            };
            return (stopped, Vec::new());
        }
    };
    let notes = mismatch_notes(&mismatches);
    let diffs = comparison.finish();
    if diffs.is_empty() {
        (Verdict::Same(replayed), notes)
    } else {
        (Verdict::Differs(diffs, replayed), notes)
    }
}

/// Runs `ctiflow replay` with the arguments after `replay`; returns the exit
/// code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let o = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "error: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let (mut errors, mut differing) = (0, 0);
    let mut cases = Vec::new();
    for rec_path in &o.recordings {
        let name = rec_path.display().to_string();
        let (verdict, notes) = one(&o, rec_path);
        match verdict {
            Verdict::Same(replayed) => {
                let _ = writeln!(out, "ok    {name} ({} events)", replayed.len());
                if o.junit_per_event {
                    cases.extend(per_event_cases(&name, &replayed, &[]));
                } else {
                    cases.push(Case {
                        class: "replay".into(),
                        name: name.clone(),
                        result: CaseResult::Passed,
                    });
                }
            }
            Verdict::Blessed(n, p) => {
                let _ = writeln!(out, "bless {name} ({n} events) -> {}", p.display());
            }
            Verdict::Differs(diffs, replayed) => {
                differing += 1;
                let _ = writeln!(out, "FAIL  {name}: {} event(s) differ", diffs.len());
                for d in &diffs {
                    for l in d.render().lines() {
                        let _ = writeln!(out, "  {l}");
                    }
                }
                if o.junit_per_event {
                    cases.extend(per_event_cases(&name, &replayed, &diffs));
                } else {
                    let body: Vec<String> = diffs.iter().map(Difference::render).collect();
                    cases.push(Case {
                        class: "replay".into(),
                        name: name.clone(),
                        result: CaseResult::Failed(
                            diffs.first().map(Difference::headline).unwrap_or_default(),
                            body.join("\n"),
                        ),
                    });
                }
            }
            Verdict::Stopped {
                error,
                at,
                replayed,
                diffs,
            } => {
                errors += 1;
                let _ = writeln!(err, "error: {error}");
                if !diffs.is_empty() {
                    let _ = writeln!(
                        out,
                        "FAIL  {name}: {} event(s) differ before it stopped",
                        diffs.len()
                    );
                    for l in diffs
                        .iter()
                        .flat_map(|d| d.render().lines().map(String::from).collect::<Vec<_>>())
                    {
                        let _ = writeln!(out, "  {l}");
                    }
                }
                if o.junit_per_event {
                    // The events replayed before it keep their cases; the
                    // event it stopped at is an error case of its own.
                    cases.extend(per_event_cases(&name, &replayed, &diffs));
                    cases.push(Case {
                        class: name.clone(),
                        name: format!("event {} ({})", at.0, at.1),
                        result: CaseResult::Error(error),
                    });
                } else {
                    cases.push(Case {
                        class: "replay".into(),
                        name: name.clone(),
                        result: CaseResult::Error(error),
                    });
                }
            }
            Verdict::Error(e) => {
                errors += 1;
                let _ = writeln!(err, "error: {e}");
                cases.push(Case {
                    class: "replay".into(),
                    name: name.clone(),
                    result: CaseResult::Error(e),
                });
            }
        }
        for n in notes.iter().take(10) {
            let _ = writeln!(out, "  note: {n}");
        }
        if notes.len() > 10 {
            let _ = writeln!(
                out,
                "  note: ... and {} more replay mismatches",
                notes.len() - 10
            );
        }
    }
    if let Some(j) = &o.junit {
        if let Err(e) = std::fs::write(j, junit::render("ctiflow replay", &cases)) {
            let _ = writeln!(err, "error: cannot write {}: {e}", j.display());
            errors += 1;
        }
    }
    if errors > 0 {
        2
    } else if differing > 0 {
        1
    } else {
        0
    }
}
