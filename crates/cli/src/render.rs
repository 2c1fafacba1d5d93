//! Readable text for a run trace.

use ctiflow_engine::trace::{Answer, EndReason, TraceEntry};
use ctiflow_engine::RunError;
use serde_json::Value;

fn short(v: &Value, max: usize) -> String {
    let s = v.to_string();
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

/// Writes one run's trace as text. Calls are printed under the step that
/// made them.
pub fn text(trace: &[TraceEntry]) -> String {
    let mut out = String::new();
    let mut pending: Vec<String> = Vec::new();
    for e in trace {
        match e {
            TraceEntry::RunStart {
                flow,
                source,
                event,
                ..
            } => {
                out.push_str(&format!("▶ {flow}  ({source}/{event})\n"));
            }
            TraceEntry::Call {
                bridge,
                method,
                args,
                answer,
                ..
            } => {
                let ans = match answer {
                    Answer::Ok(v) => format!("ok {}", short(v, 80)),
                    Answer::Err(e) => format!("error {}: {}", e.code, e.message),
                };
                pending.push(format!(
                    "      ↳ {bridge}.{method} {} → {ans}\n",
                    short(args, 160)
                ));
            }
            TraceEntry::Note { message, .. } => pending.push(format!("      · {message}\n")),
            TraceEntry::Step {
                step,
                action,
                block_type,
                title,
                outcome,
                results,
                exception,
                next,
                undefined,
                ..
            } => {
                let port = outcome.map_or("ERROR", |o| o.as_str());
                let to = next
                    .as_deref()
                    .map(|n| format!(" → {n}"))
                    .unwrap_or_default();
                let label = title
                    .as_deref()
                    .map(|t| format!(" \"{t}\""))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {step:>3}  {action} {block_type}{label}: {port}{to}\n"
                ));
                if !results.is_null() {
                    out.push_str(&format!("      results {}\n", short(results, 160)));
                }
                if let Some(x) = exception {
                    out.push_str(&format!("      exception {}\n", short(x, 160)));
                }
                for u in undefined {
                    out.push_str(&format!("      · {u} is undefined\n"));
                }
                out.extend(pending.drain(..));
            }
            TraceEntry::RunEnd {
                flow,
                reason,
                steps,
                ..
            } => {
                out.extend(pending.drain(..));
                let why = match reason {
                    EndReason::End => "reached SE_End".to_string(),
                    EndReason::NoPort { action, outcome } => {
                        format!(
                            "action {action} took `{}`, which is not connected",
                            outcome.as_str()
                        )
                    }
                    EndReason::StepBudget {
                        limit,
                        action,
                        block_type,
                    } => {
                        format!(
                            "STOPPED: step budget of {limit} (maxSteps) used up at action {action} ({block_type}) (a loop?)"
                        )
                    }
                    EndReason::RunWindow {
                        limit_ms,
                        action,
                        block_type,
                    } => {
                        format!("STOPPED: run window of {limit_ms} ms (runWindowMs) exceeded at action {action} ({block_type})")
                    }
                    EndReason::ValueSize {
                        limit,
                        bytes,
                        what,
                        action,
                        block_type,
                    } => {
                        format!("STOPPED: {what} of action {action} ({block_type}) would hold {bytes} bytes, over the value limit of {limit} (maxValueBytes)")
                    }
                    EndReason::TraceSize {
                        limit,
                        bytes,
                        what,
                        action,
                        block_type,
                    } => {
                        format!("STOPPED: {what} of action {action} ({block_type}) would take the run's trace to {bytes} bytes, over its limit of {limit} (maxTraceBytes)")
                    }
                    EndReason::Stopped {
                        message,
                        action,
                        block_type,
                    } => {
                        format!("STOPPED: flow `{flow}`, action {action} ({block_type}): {message}")
                    }
                    // The engine's own wording, as in the JSON output: the
                    // flow, the action and the block type, then the message.
                    EndReason::Error {
                        message,
                        action,
                        block_type,
                    } => format!(
                        "ERROR: {}",
                        RunError {
                            flow: flow.to_string(),
                            action: action.clone(),
                            block_type: block_type.clone(),
                            message: message.clone(),
                        }
                    ),
                };
                out.push_str(&format!("■ {why} ({steps} steps)\n"));
            }
        }
    }
    out
}
