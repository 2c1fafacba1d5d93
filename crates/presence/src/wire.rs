//! Wiring into the engine (feature `engine`): runs the [`Driver`] from the
//! events the engine dispatches and executes its actions through the
//! engine's host bridges (`agent.setState`, `omni.setServicePresenceStatus`).
//!
//! The outcome of each event is returned as a [`RunReport`] of a pseudo-flow
//! named `Presence sync`, so the CLI, the replay and the page trace presence
//! exactly as they trace flows: a note per disposition and a `call` entry
//! per bridge call.

use crate::{load, Completion, Disposition, Driver, DriverConfig, Event, Report, SourceEvent};
use ctiflow_engine::host::{Bridge, Host, HostCall};
use ctiflow_engine::run::{Observer, RunReport};
use ctiflow_engine::trace::{Answer, EndReason, TraceEntry};
use ctiflow_engine::{Engine, EventKey, Source};
use std::cell::RefCell;

/// The flow name presence entries are traced under.
pub const FLOW: &str = "Presence sync";
const ACTION: &str = "presence";
const BLOCK: &str = "PresenceSync";

/// The presence rule source event an engine event feeds, if any.
pub fn source_event(key: EventKey) -> Option<SourceEvent> {
    Some(match (key.source, key.event) {
        (Source::ConnectAgent, "onStateChange") => SourceEvent::ConnectAgentStateChange,
        (Source::SalesforceAgent, "onStateChange") => SourceEvent::SalesforceAgentStateChange,
        (Source::SalesforceAgent, "onLogout") => SourceEvent::SalesforceAgentLogout,
        (Source::SalesforceAgent, "onWorkAccepted") => SourceEvent::SalesforceWorkAccepted,
        (Source::SalesforceAgent, "onWorkloadChanged") => SourceEvent::SalesforceWorkloadChanged,
        _ => return None,
    })
}

/// A presence-sync driver bound to an engine session.
pub struct PresenceSync {
    driver: RefCell<Driver>,
}

impl PresenceSync {
    /// Loads a rules file; the report lists every problem (rules with errors
    /// are left out).
    pub fn from_rules(text: &str, config: DriverConfig) -> (PresenceSync, Report) {
        let loaded = load(text);
        (
            PresenceSync {
                driver: RefCell::new(Driver::new(loaded.rules, config)),
            },
            loaded.report,
        )
    }

    /// The driver's counters.
    pub fn stats(&self) -> crate::Stats {
        self.driver.borrow().stats().clone()
    }

    /// Feeds one engine event to the driver and executes the actions it
    /// returns. `None` when the event is not a presence event.
    pub async fn on_event(
        &self,
        key: EventKey,
        event: impl Into<ctiflow_engine::EventRef<'_>>,
        host: &dyn Host,
        observer: Option<Observer<'_>>,
    ) -> Option<RunReport> {
        let event: ctiflow_engine::EventRef<'_> = event.into();
        let source = source_event(key)?;
        let started = host.now_ms();
        let mut trace = Vec::new();
        let mut emit = |e: TraceEntry| {
            if let Some(o) = observer {
                o(&e);
            }
            trace.push(e);
        };
        emit(TraceEntry::RunStart {
            flow: FLOW.into(),
            source: key.source.display().into(),
            event: key.event.into(),
            at_ms: started,
        });
        let note = |message: String| TraceEntry::Note {
            action: ACTION.into(),
            message,
        };
        let now = |h: &dyn Host| h.now_ms().max(0.0) as u64;
        let pev: Event = match Event::from_payload(source, event.payload) {
            Ok(e) => e,
            Err(msg) => {
                emit(note(format!("{source}: payload not usable: {msg}")));
                let end = EndReason::Error {
                    message: format!("presence event {source}: {msg}"),
                    action: ACTION.into(),
                    block_type: BLOCK.into(),
                };
                emit(TraceEntry::RunEnd {
                    flow: FLOW.into(),
                    reason: end.clone(),
                    steps: 0,
                    elapsed_ms: 0.0,
                });
                return Some(RunReport {
                    flow: FLOW.into(),
                    end,
                    steps: 0,
                    trace,
                });
            }
        };
        let step = self.driver.borrow_mut().push(pev, now(host));
        emit(note(match &step.disposition {
            Disposition::Evaluated { matched } => {
                format!("{source} #{}: {matched} rule(s) fired", step.seq)
            }
            Disposition::Echo { action } => format!(
                "{source} #{}: echo of our own action {action}, not fed back",
                step.seq
            ),
            Disposition::Coalesced => format!(
                "{source} #{}: identical repeat inside the settle window, coalesced",
                step.seq
            ),
        }));
        let mut queue = step.actions;
        let mut calls = 0u64;
        while let Some(action) = (!queue.is_empty()).then(|| queue.remove(0)) {
            emit(note(format!(
                "rule \"{}\": set {} to \"{}\"",
                action.rule, action.side, action.state
            )));
            let completion = match action.bridge_args(event.agent) {
                Err(msg) => Completion::Failed(msg),
                Ok(args) => {
                    let bridge = if action.bridge() == "agent" {
                        Bridge::Agent
                    } else {
                        Bridge::Omni
                    };
                    let call = HostCall {
                        bridge,
                        method: action.method().into(),
                        args,
                    };
                    let answer = host.call(&call).await;
                    calls += 1;
                    let completion = match &answer {
                        Ok(_) => Completion::Succeeded,
                        Err(e) => Completion::Failed(e.to_string()),
                    };
                    emit(TraceEntry::Call {
                        action: ACTION.into(),
                        block_type: BLOCK.into(),
                        bridge,
                        method: call.method,
                        args: call.args,
                        answer: match answer {
                            Ok(v) => Answer::Ok(v),
                            Err(e) => Answer::Err(e),
                        },
                    });
                    completion
                }
            };
            if let Completion::Failed(msg) = &completion {
                emit(note(format!("rule \"{}\" failed: {msg}", action.rule)));
            }
            let next = self
                .driver
                .borrow_mut()
                .complete(action.id, completion, now(host));
            queue.extend(next);
        }
        let elapsed_ms = host.now_ms() - started;
        emit(TraceEntry::RunEnd {
            flow: FLOW.into(),
            reason: EndReason::End,
            steps: calls,
            elapsed_ms,
        });
        Some(RunReport {
            flow: FLOW.into(),
            end: EndReason::End,
            steps: calls,
            trace,
        })
    }
}

/// [`dispatch`] for an event that may name the one flow it runs (a CTI
/// Action runs the flow its button names): then only that flow runs
/// ([`Engine::dispatch_named`]), and no presence sync. `None` is
/// [`dispatch`]. The adapter page and replay both dispatch through here.
pub async fn dispatch_named(
    engine: &Engine,
    presence: Option<&PresenceSync>,
    key: EventKey,
    flow: Option<&str>,
    event: impl Into<ctiflow_engine::EventRef<'_>>,
    host: &dyn Host,
    observer: Option<Observer<'_>>,
) -> Vec<RunReport> {
    match flow {
        None => dispatch(engine, presence, key, event, host, observer).await,
        Some(_) => {
            engine
                .dispatch_named(key, flow, event, host, observer)
                .await
        }
    }
}

/// Dispatches an event to the engine's flows, then to presence sync (when
/// rules are loaded and the event is a presence event).
pub async fn dispatch(
    engine: &Engine,
    presence: Option<&PresenceSync>,
    key: EventKey,
    event: impl Into<ctiflow_engine::EventRef<'_>>,
    host: &dyn Host,
    observer: Option<Observer<'_>>,
) -> Vec<RunReport> {
    let event: ctiflow_engine::EventRef<'_> = event.into();
    let mut reports = engine.dispatch(key, event, host, observer).await;
    if let Some(p) = presence {
        if let Some(r) = p.on_event(key, event, host, observer).await {
            reports.push(r);
        }
    }
    reports
}
