//! The vocabulary of a Presence Sync Rule record: source events, operands,
//! comparators and destinations, with their labels as the adapter's record
//! page shows them and the other spellings a rules file may use.
//!
//! Names are matched loosely: case, spaces, `-`, `_` and other punctuation
//! are ignored, so `Connect Agent New State`, `connectAgentNewState` and
//! `CONNECT_AGENT_NEW_STATE` are the same operand. (State *values* are never
//! matched loosely: they compare as exact, case-sensitive strings.)

use serde::Serialize;
use std::fmt;

/// Lower-cases and keeps only letters and digits; `%` becomes `pct`.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '%' {
            out.push_str("pct");
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Finds `s` in a table of normalized spellings.
fn lookup<T: Copy>(table: &[(&str, T)], s: &str) -> Option<T> {
    let n = normalize(s);
    table.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
}

/// Which platform: Amazon Connect or Salesforce Omni-Channel. A rule's
/// destination is a side; every event is reported by a side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// The Amazon Connect agent state (CCP), set with Streams
    /// `agent.setState`.
    Connect,
    /// The Salesforce Omni-Channel presence status, set with
    /// `setServicePresenceStatus`.
    Salesforce,
}

impl Side {
    /// The destination's label on the rule record.
    pub fn destination_label(self) -> &'static str {
        match self {
            Side::Connect => "Connect Agent State",
            Side::Salesforce => "Salesforce Agent State",
        }
    }

    /// Reads a destination in any accepted spelling.
    pub fn parse_destination(s: &str) -> Option<Side> {
        const T: &[(&str, Side)] = &[
            ("connectagentstate", Side::Connect),
            ("connectagentstatus", Side::Connect),
            ("connectstate", Side::Connect),
            ("connect", Side::Connect),
            ("amazonconnect", Side::Connect),
            ("salesforceagentstate", Side::Salesforce),
            ("salesforceagentstatus", Side::Salesforce),
            ("salesforceagentpresence", Side::Salesforce),
            ("salesforcepresence", Side::Salesforce),
            ("salesforce", Side::Salesforce),
            ("omni", Side::Salesforce),
            ("omnichannel", Side::Salesforce),
        ];
        lookup(T, s)
    }

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Connect => Side::Salesforce,
            Side::Salesforce => Side::Connect,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Connect => "Connect",
            Side::Salesforce => "Salesforce",
        })
    }
}

/// The event that makes the adapter evaluate a rule (the record's Source).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum SourceEvent {
    /// The Connect agent's state changed (Streams `agent.onStateChange`).
    ConnectAgentStateChange,
    /// The Omni-Channel presence status changed.
    SalesforceAgentStateChange,
    /// The agent logged out of Omni-Channel.
    SalesforceAgentLogout,
    /// The agent accepted Omni-Channel work.
    SalesforceWorkAccepted,
    /// The agent's Omni-Channel workload changed.
    SalesforceWorkloadChanged,
}

impl SourceEvent {
    /// Every source event, in the order of the adapter's picklist.
    pub const ALL: [SourceEvent; 5] = [
        SourceEvent::ConnectAgentStateChange,
        SourceEvent::SalesforceAgentStateChange,
        SourceEvent::SalesforceAgentLogout,
        SourceEvent::SalesforceWorkAccepted,
        SourceEvent::SalesforceWorkloadChanged,
    ];

    /// The label on the rule record.
    pub fn label(self) -> &'static str {
        match self {
            SourceEvent::ConnectAgentStateChange => "Connect Agent State Change",
            SourceEvent::SalesforceAgentStateChange => "Salesforce Agent State Change",
            SourceEvent::SalesforceAgentLogout => "Salesforce Agent Logout",
            SourceEvent::SalesforceWorkAccepted => "Salesforce Work Accepted",
            SourceEvent::SalesforceWorkloadChanged => "Salesforce Workload Changed",
        }
    }

    /// Reads a source event in any accepted spelling.
    pub fn parse(s: &str) -> Option<SourceEvent> {
        let n = normalize(s);
        Self::ALL.into_iter().find(|e| normalize(e.label()) == n)
    }

    /// The side that reports this event.
    pub fn side(self) -> Side {
        match self {
            SourceEvent::ConnectAgentStateChange => Side::Connect,
            _ => Side::Salesforce,
        }
    }

    /// The operands a rule with this source may use (Static Value always).
    pub fn operands(self) -> &'static [OperandKind] {
        use OperandKind::*;
        match self {
            SourceEvent::ConnectAgentStateChange => {
                &[ConnectAgentNewState, ConnectAgentOldState, StaticValue]
            }
            SourceEvent::SalesforceAgentStateChange | SourceEvent::SalesforceAgentLogout => {
                &[SalesforceAgentNewState, StaticValue]
            }
            SourceEvent::SalesforceWorkAccepted => &[SalesforceServiceChannel, StaticValue],
            SourceEvent::SalesforceWorkloadChanged => &[
                SalesforcePreviousWorkload,
                SalesforcePreviousWorkloadPct,
                SalesforceNewWorkload,
                SalesforceNewWorkloadPct,
                SalesforceConfiguredCapacity,
                StaticValue,
            ],
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for SourceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What an operand reads (the record's Operand A / Operand B picklist).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum OperandKind {
    /// The Connect agent's new state name.
    ConnectAgentNewState,
    /// The Connect agent's previous state name.
    ConnectAgentOldState,
    /// The Omni-Channel status the agent changed to (its DeveloperName;
    /// `Offline` on logout).
    SalesforceAgentNewState,
    /// The service channel the accepted work came on.
    SalesforceServiceChannel,
    /// The workload before the change.
    SalesforcePreviousWorkload,
    /// The previous workload as a percentage of the configured capacity.
    SalesforcePreviousWorkloadPct,
    /// The workload after the change.
    SalesforceNewWorkload,
    /// The new workload as a percentage of the configured capacity.
    SalesforceNewWorkloadPct,
    /// The agent's configured capacity.
    SalesforceConfiguredCapacity,
    /// A value written on the rule (its `...Value` field).
    StaticValue,
}

impl OperandKind {
    /// Every operand, in the order of the adapter's picklist.
    pub const ALL: [OperandKind; 10] = [
        OperandKind::ConnectAgentNewState,
        OperandKind::ConnectAgentOldState,
        OperandKind::SalesforceAgentNewState,
        OperandKind::SalesforceServiceChannel,
        OperandKind::SalesforcePreviousWorkload,
        OperandKind::SalesforcePreviousWorkloadPct,
        OperandKind::SalesforceNewWorkload,
        OperandKind::SalesforceNewWorkloadPct,
        OperandKind::SalesforceConfiguredCapacity,
        OperandKind::StaticValue,
    ];

    /// The label on the rule record.
    pub fn label(self) -> &'static str {
        match self {
            OperandKind::ConnectAgentNewState => "Connect Agent New State",
            OperandKind::ConnectAgentOldState => "Connect Agent Old State",
            OperandKind::SalesforceAgentNewState => "Salesforce Agent New State",
            OperandKind::SalesforceServiceChannel => "Salesforce Service Channel",
            OperandKind::SalesforcePreviousWorkload => "Salesforce Previous Workload",
            OperandKind::SalesforcePreviousWorkloadPct => "Salesforce Previous Workload Pct",
            OperandKind::SalesforceNewWorkload => "Salesforce New Workload",
            OperandKind::SalesforceNewWorkloadPct => "Salesforce New Workload Pct",
            OperandKind::SalesforceConfiguredCapacity => "Salesforce Configured Capacity",
            OperandKind::StaticValue => "Static Value",
        }
    }

    /// Reads an operand in any accepted spelling. Besides the labels this
    /// accepts the docs' other wording of the Omni state
    /// (`Salesforce New Agent State`/`Status`) and `Percent`/`%` for `Pct`.
    pub fn parse(s: &str) -> Option<OperandKind> {
        let n = normalize(s).replace("percent", "pct");
        if let Some(k) = Self::ALL.into_iter().find(|k| normalize(k.label()) == n) {
            return Some(k);
        }
        const ALIASES: &[(&str, OperandKind)] = &[
            (
                "salesforcenewagentstate",
                OperandKind::SalesforceAgentNewState,
            ),
            (
                "salesforcenewagentstatus",
                OperandKind::SalesforceAgentNewState,
            ),
            (
                "salesforceagentnewstatus",
                OperandKind::SalesforceAgentNewState,
            ),
            ("connectagentnewstatus", OperandKind::ConnectAgentNewState),
            ("connectagentoldstatus", OperandKind::ConnectAgentOldState),
            ("static", OperandKind::StaticValue),
        ];
        lookup(ALIASES, &n)
    }

    /// Whether the operand is a number (workloads, percentages, capacity).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            OperandKind::SalesforcePreviousWorkload
                | OperandKind::SalesforcePreviousWorkloadPct
                | OperandKind::SalesforceNewWorkload
                | OperandKind::SalesforceNewWorkloadPct
                | OperandKind::SalesforceConfiguredCapacity
        )
    }

    /// Whether the operand is a name (a state or a channel), compared as an
    /// exact string.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            OperandKind::ConnectAgentNewState
                | OperandKind::ConnectAgentOldState
                | OperandKind::SalesforceAgentNewState
                | OperandKind::SalesforceServiceChannel
        )
    }
}

impl fmt::Display for OperandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How operand A is compared with operand B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Comparator {
    /// A equals B.
    Equal,
    /// A differs from B.
    NotEqual,
    /// A > B (numbers only).
    Greater,
    /// A >= B (numbers only).
    GreaterOrEqual,
    /// A < B (numbers only).
    Less,
    /// A <= B (numbers only).
    LessOrEqual,
}

impl Comparator {
    /// Every comparator, in the order of the adapter's picklist.
    pub const ALL: [Comparator; 6] = [
        Comparator::Equal,
        Comparator::NotEqual,
        Comparator::Greater,
        Comparator::GreaterOrEqual,
        Comparator::Less,
        Comparator::LessOrEqual,
    ];

    /// The label on the rule record.
    pub fn label(self) -> &'static str {
        match self {
            Comparator::Equal => "Equal to",
            Comparator::NotEqual => "Not equal to",
            Comparator::Greater => "Greater than",
            Comparator::GreaterOrEqual => "Greater than or equal to",
            Comparator::Less => "Less than",
            Comparator::LessOrEqual => "Less than or equal to",
        }
    }

    /// Reads a comparator: its label, a short name (`equal`, `greater or
    /// equal`, `gte`, ...) or a symbol (`==`, `!=`, `>`, `>=`, `<`, `<=`).
    pub fn parse(s: &str) -> Option<Comparator> {
        use Comparator::*;
        let sym = match s.trim() {
            "=" | "==" | "===" => Some(Equal),
            "!=" | "!==" | "<>" => Some(NotEqual),
            ">" => Some(Greater),
            ">=" => Some(GreaterOrEqual),
            "<" => Some(Less),
            "<=" => Some(LessOrEqual),
            _ => None,
        };
        if sym.is_some() {
            return sym;
        }
        const T: &[(&str, Comparator)] = &[
            ("equalto", Equal),
            ("equal", Equal),
            ("equals", Equal),
            ("eq", Equal),
            ("notequalto", NotEqual),
            ("notequal", NotEqual),
            ("notequals", NotEqual),
            ("ne", NotEqual),
            ("greaterthan", Greater),
            ("greater", Greater),
            ("gt", Greater),
            ("greaterthanorequalto", GreaterOrEqual),
            ("greaterorequal", GreaterOrEqual),
            ("greaterthanorequal", GreaterOrEqual),
            ("gte", GreaterOrEqual),
            ("ge", GreaterOrEqual),
            ("lessthan", Less),
            ("less", Less),
            ("lt", Less),
            ("lessthanorequalto", LessOrEqual),
            ("lessorequal", LessOrEqual),
            ("lessthanorequal", LessOrEqual),
            ("lte", LessOrEqual),
            ("le", LessOrEqual),
        ];
        lookup(T, s)
    }

    /// Whether the comparator orders its operands (and so needs numbers).
    pub fn is_ordering(self) -> bool {
        !matches!(self, Comparator::Equal | Comparator::NotEqual)
    }

    /// Whether `ord` (A compared with B) satisfies the comparator.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Comparator::Equal => ord == Equal,
            Comparator::NotEqual => ord != Equal,
            Comparator::Greater => ord == Greater,
            Comparator::GreaterOrEqual => ord != Less,
            Comparator::Less => ord == Less,
            Comparator::LessOrEqual => ord != Greater,
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Connect states the platform sets itself; a rule cannot set them.
pub const CONNECT_SYSTEM_STATES: [&str; 5] = [
    "Busy",
    "Pending",
    "PendingBusy",
    "CallingCustomer",
    "AfterCallWork",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for e in SourceEvent::ALL {
            assert_eq!(SourceEvent::parse(e.label()), Some(e));
        }
        for k in OperandKind::ALL {
            assert_eq!(OperandKind::parse(k.label()), Some(k));
        }
        for c in Comparator::ALL {
            assert_eq!(Comparator::parse(c.label()), Some(c));
        }
        for s in [Side::Connect, Side::Salesforce] {
            assert_eq!(Side::parse_destination(s.destination_label()), Some(s));
        }
    }

    #[test]
    fn other_spellings() {
        assert_eq!(
            OperandKind::parse("salesforceNewWorkload%"),
            Some(OperandKind::SalesforceNewWorkloadPct)
        );
        assert_eq!(
            OperandKind::parse("Salesforce New Agent Status"),
            Some(OperandKind::SalesforceAgentNewState)
        );
        assert_eq!(Comparator::parse(">="), Some(Comparator::GreaterOrEqual));
        assert_eq!(
            Comparator::parse("greater or equal"),
            Some(Comparator::GreaterOrEqual)
        );
        assert_eq!(Comparator::parse("about"), None);
        assert_eq!(OperandKind::parse("Connect New State"), None);
    }
}
