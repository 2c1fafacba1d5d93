//! Events and rule evaluation: for one event, the rules whose source is the
//! event's kind are tested in file order, and every rule whose criterion
//! holds yields its destination and target state.
//!
//! Numbers compare as numbers (`10` > `9`); states and channels compare as
//! exact, case-sensitive strings (`Available` ≠ `available`).

use crate::model::{Comparator, OperandKind, Side, SourceEvent};
use ctiflow_engine::value::{is_js_space, js_string_to_number};
use serde::Serialize;
use serde_json::Value;

/// One presence event with the values the rules can read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum Event {
    /// Streams `agent.onStateChange`: `{oldState, newState}`.
    #[serde(rename_all = "camelCase")]
    ConnectAgentStateChange {
        /// The previous state name.
        old_state: String,
        /// The new state name.
        new_state: String,
    },
    /// Omni-Channel status changed: `{statusId, statusApiName, ...}`.
    #[serde(rename_all = "camelCase")]
    SalesforceAgentStateChange {
        /// The status DeveloperName (`statusApiName`): what rules compare.
        new_state: String,
        /// The status record id, when the host has it (used to recognise
        /// the echo of our own change).
        status_id: Option<String>,
    },
    /// The agent logged out of Omni-Channel (new state reads `Offline`).
    SalesforceAgentLogout,
    /// Omni-Channel work accepted.
    #[serde(rename_all = "camelCase")]
    SalesforceWorkAccepted {
        /// The service channel's DeveloperName.
        service_channel: String,
    },
    /// Omni-Channel workload changed: `{configuredCapacity,
    /// previousWorkload, newWorkload}`.
    #[serde(rename_all = "camelCase")]
    SalesforceWorkloadChanged {
        /// Workload before.
        previous_workload: f64,
        /// Workload after.
        new_workload: f64,
        /// Configured capacity (the percentages divide by it).
        configured_capacity: f64,
    },
}

impl Event {
    /// A Connect agent state change.
    pub fn connect(old_state: impl Into<String>, new_state: impl Into<String>) -> Event {
        Event::ConnectAgentStateChange {
            old_state: old_state.into(),
            new_state: new_state.into(),
        }
    }

    /// An Omni-Channel status change to the status with this DeveloperName.
    pub fn salesforce(new_state: impl Into<String>) -> Event {
        Event::SalesforceAgentStateChange {
            new_state: new_state.into(),
            status_id: None,
        }
    }

    /// The source event this is.
    pub fn source(&self) -> SourceEvent {
        match self {
            Event::ConnectAgentStateChange { .. } => SourceEvent::ConnectAgentStateChange,
            Event::SalesforceAgentStateChange { .. } => SourceEvent::SalesforceAgentStateChange,
            Event::SalesforceAgentLogout => SourceEvent::SalesforceAgentLogout,
            Event::SalesforceWorkAccepted { .. } => SourceEvent::SalesforceWorkAccepted,
            Event::SalesforceWorkloadChanged { .. } => SourceEvent::SalesforceWorkloadChanged,
        }
    }

    /// The state this event reports for its side, when it is a state change:
    /// `(side, state, status id)`.
    pub fn reported_state(&self) -> Option<(Side, &str, Option<&str>)> {
        match self {
            Event::ConnectAgentStateChange { new_state, .. } => {
                Some((Side::Connect, new_state, None))
            }
            Event::SalesforceAgentStateChange {
                new_state,
                status_id,
            } => Some((Side::Salesforce, new_state, status_id.as_deref())),
            _ => None,
        }
    }

    /// The text value of a name operand, if this event carries it.
    pub fn text(&self, op: OperandKind) -> Option<&str> {
        match (self, op) {
            (
                Event::ConnectAgentStateChange { new_state, .. },
                OperandKind::ConnectAgentNewState,
            ) => Some(new_state),
            (
                Event::ConnectAgentStateChange { old_state, .. },
                OperandKind::ConnectAgentOldState,
            ) => Some(old_state),
            (
                Event::SalesforceAgentStateChange { new_state, .. },
                OperandKind::SalesforceAgentNewState,
            ) => Some(new_state),
            (Event::SalesforceAgentLogout, OperandKind::SalesforceAgentNewState) => Some("Offline"),
            (
                Event::SalesforceWorkAccepted { service_channel },
                OperandKind::SalesforceServiceChannel,
            ) => Some(service_channel),
            _ => None,
        }
    }

    /// The value of a numeric operand, if this event carries it. The
    /// percentages are `workload / configured capacity × 100`, absent when
    /// the capacity is 0.
    pub fn number(&self, op: OperandKind) -> Option<f64> {
        let Event::SalesforceWorkloadChanged {
            previous_workload: p,
            new_workload: n,
            configured_capacity: c,
        } = self
        else {
            return None;
        };
        let pct = |w: f64| (*c != 0.0).then(|| w / *c * 100.0);
        match op {
            OperandKind::SalesforcePreviousWorkload => Some(*p),
            OperandKind::SalesforcePreviousWorkloadPct => pct(*p),
            OperandKind::SalesforceNewWorkload => Some(*n),
            OperandKind::SalesforceNewWorkloadPct => pct(*n),
            OperandKind::SalesforceConfiguredCapacity => Some(*c),
            _ => None,
        }
    }

    /// Builds an event from the payload a host receives:
    ///
    /// | source | payload fields read |
    /// |---|---|
    /// | Connect Agent State Change | `oldState`, `newState` (Streams) |
    /// | Salesforce Agent State Change | `statusApiName` (or `developerName`, `newState`), `statusId` |
    /// | Salesforce Agent Logout | none |
    /// | Salesforce Work Accepted | `serviceChannel` (or `channel`, `channelDeveloperName`), added by the host page |
    /// | Salesforce Workload Changed | `previousWorkload`, `newWorkload`, `configuredCapacity` |
    ///
    /// Numbers may arrive as JSON numbers or numeric strings. The error
    /// names the missing or malformed field.
    pub fn from_payload(source: SourceEvent, payload: &Value) -> Result<Event, String> {
        let text = |keys: &[&str]| -> Result<String, String> {
            for k in keys {
                match payload.get(k) {
                    Some(Value::String(s)) => return Ok(s.clone()),
                    Some(Value::Null) | None => continue,
                    Some(other) => return Err(format!("`{k}` is not a string: {other}")),
                }
            }
            Err(format!("payload has no `{}`", keys.join("` or `")))
        };
        let number = |k: &str| -> Result<f64, String> {
            match payload.get(k) {
                Some(Value::Number(n)) => n.as_f64().ok_or_else(|| format!("`{k}` is not finite")),
                // JavaScript's `Number(s)`, but blank text and infinities,
                // which no workload can be, are malformed.
                Some(Value::String(s)) => Some(js_string_to_number(s))
                    .filter(|n| n.is_finite() && !s.trim_matches(is_js_space).is_empty())
                    .ok_or_else(|| format!("`{k}` is not a number: {s:?}")),
                Some(other) => Err(format!("`{k}` is not a number: {other}")),
                None => Err(format!("payload has no `{k}`")),
            }
        };
        Ok(match source {
            SourceEvent::ConnectAgentStateChange => Event::ConnectAgentStateChange {
                old_state: text(&["oldState"]).unwrap_or_default(),
                new_state: text(&["newState"])?,
            },
            SourceEvent::SalesforceAgentStateChange => Event::SalesforceAgentStateChange {
                new_state: text(&["statusApiName", "developerName", "newState"])?,
                status_id: text(&["statusId"]).ok(),
            },
            SourceEvent::SalesforceAgentLogout => Event::SalesforceAgentLogout,
            SourceEvent::SalesforceWorkAccepted => Event::SalesforceWorkAccepted {
                service_channel: text(&["serviceChannel", "channel", "channelDeveloperName"])?,
            },
            SourceEvent::SalesforceWorkloadChanged => Event::SalesforceWorkloadChanged {
                previous_workload: number("previousWorkload")?,
                new_workload: number("newWorkload")?,
                configured_capacity: number("configuredCapacity")?,
            },
        })
    }
}

/// One side of a compiled criterion.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Term {
    /// A value read from the event.
    Field(OperandKind),
    /// A Static Value; `number` is set when the text parses as a number.
    Static { text: String, number: Option<f64> },
}

impl Term {
    pub(crate) fn kind(&self) -> OperandKind {
        match self {
            Term::Field(k) => *k,
            Term::Static { .. } => OperandKind::StaticValue,
        }
    }

    fn text<'a>(&'a self, ev: &'a Event) -> Option<&'a str> {
        match self {
            Term::Field(k) => ev.text(*k),
            Term::Static { text, .. } => Some(text),
        }
    }

    fn number(&self, ev: &Event) -> Option<f64> {
        match self {
            Term::Field(k) => ev.number(*k),
            Term::Static { number, .. } => *number,
        }
    }
}

/// How a compiled criterion compares: decided once, when the rule loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Number,
    Text,
}

/// A validated rule: when `source` happens and `a comparator b` holds, set
/// `destination` to `target`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub(crate) name: String,
    pub(crate) source: SourceEvent,
    pub(crate) a: Term,
    pub(crate) comparator: Comparator,
    pub(crate) b: Term,
    pub(crate) mode: Mode,
    pub(crate) destination: Side,
    pub(crate) target: String,
}

impl Rule {
    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The event that triggers it.
    pub fn source(&self) -> SourceEvent {
        self.source
    }
    /// Which side it sets.
    pub fn destination(&self) -> Side {
        self.destination
    }
    /// The state it sets: a Connect state name, or an Omni-Channel status
    /// DeveloperName.
    pub fn target(&self) -> &str {
        &self.target
    }
    /// Operand A, the comparator and operand B.
    pub fn criterion(&self) -> (OperandKind, Comparator, OperandKind) {
        (self.a.kind(), self.comparator, self.b.kind())
    }

    /// Whether the rule's criterion holds for `event` (false when the event
    /// is of another source, or lacks a value the criterion reads).
    #[inline]
    pub fn matches(&self, event: &Event) -> bool {
        if event.source() != self.source {
            return false;
        }
        match self.mode {
            Mode::Number => match (self.a.number(event), self.b.number(event)) {
                (Some(x), Some(y)) => x.partial_cmp(&y).is_some_and(|o| self.comparator.holds(o)),
                _ => false,
            },
            Mode::Text => match (self.a.text(event), self.b.text(event)) {
                (Some(x), Some(y)) => self.comparator.holds(x.cmp(y)),
                _ => false,
            },
        }
    }
}

/// The loaded rules, in file order, indexed by source event.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    by_source: [Vec<usize>; 5],
}

impl RuleSet {
    /// A rule set from validated rules (use [`crate::load`] to get them from
    /// a rules file).
    pub(crate) fn new(rules: Vec<Rule>) -> RuleSet {
        let mut by_source: [Vec<usize>; 5] = Default::default();
        for (i, r) in rules.iter().enumerate() {
            if let Some(v) = by_source.get_mut(r.source.index()) {
                v.push(i);
            }
        }
        RuleSet { rules, by_source }
    }

    /// All rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// How many rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules with this source, in file order.
    pub fn for_source(&self, source: SourceEvent) -> impl Iterator<Item = &Rule> + '_ {
        self.by_source
            .get(source.index())
            .into_iter()
            .flatten()
            .filter_map(|&i| self.rules.get(i))
    }

    /// The rules that fire for `event`, in file order.
    pub fn evaluate<'a>(&'a self, event: &'a Event) -> impl Iterator<Item = &'a Rule> + 'a {
        self.for_source(event.source())
            .filter(move |r| r.matches(event))
    }
}
