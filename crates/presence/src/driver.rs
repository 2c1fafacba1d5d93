//! The sync driver: a pure state machine between the two sides.
//!
//! The caller feeds it events ([`Driver::push`]) and the results of the
//! actions it asked for ([`Driver::complete`]), and lets it see time pass
//! ([`Driver::tick`]). Each call returns the [`Action`]s to execute now. The
//! driver does no I/O and reads no clock: every call carries `now_ms` from
//! the platform clock, so a headless run uses virtual time.
//!
//! ## What it guarantees
//!
//! - **No event is lost.** Every pushed event is handled at once, in
//!   arrival order; there is no wait threshold between updates. An event is
//!   either evaluated, recognised as the echo of our own change, or
//!   coalesced as an identical repeat (below). [`Stats`] counts each.
//! - **No ping-pong.** When an action sets a side to state `S`, the driver
//!   expects that side to report `S` back. The first report of `S` from that
//!   side (by name, or by Omni status id) is the echo: it updates the known
//!   state and is *not* evaluated, so a reverse rule cannot bounce it back.
//!   A second guard: an action whose target is the side's known state is
//!   dropped before it reaches the bridge.
//! - **Actions on one side run one at a time, in order.** The next action
//!   for a side is released when the previous one completes (or times out),
//!   so Streams and Omni-Channel apply changes in the order the rules chose.
//!   Actions for the two sides are independent.
//! - **The settle window coalesces only identical repeats.** An event equal
//!   in every value to the last handled event of the same source, within
//!   `settle_ms` (default 100 ms) of it, is a duplicate delivery and is not
//!   evaluated again. An action equal to the one queued just before it (or in
//!   flight) for the same side is not queued twice. Nothing else is merged.
//!
//! An expected echo that does not come within `echo_timeout_ms` (or that is
//! older than the 32 most recent unanswered ones of its side) is
//! forgotten, so a later genuine change to the same state is evaluated. A
//! manual change to exactly the state we are setting, made before our echo
//! arrives, is indistinguishable from the echo and is treated as one (the
//! other side already has that state, so nothing is missed).

use crate::eval::{Event, RuleSet};
use crate::model::{Side, SourceEvent};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::fmt;

/// Driver settings. Deserializes from camelCase JSON; every field has a
/// default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DriverConfig {
    /// Identical repeats of an event within this many ms are coalesced.
    pub settle_ms: u64,
    /// How long an expected echo is waited for.
    pub echo_timeout_ms: u64,
    /// How long an action may stay in flight without [`Driver::complete`]
    /// before the next one on its side is released.
    pub action_timeout_ms: u64,
    /// Omni-Channel status DeveloperName → status id, for
    /// `setServicePresenceStatus {statusId}`. Without an entry the
    /// DeveloperName itself is passed.
    pub omni_status_ids: BTreeMap<String, String>,
    /// `enqueueNextState` for Connect `agent.setState`: when true, a state set
    /// during a contact applies once the contact ends.
    pub connect_enqueue_next_state: bool,
}

impl Default for DriverConfig {
    fn default() -> Self {
        DriverConfig {
            settle_ms: 100,
            echo_timeout_ms: 5_000,
            action_timeout_ms: 10_000,
            omni_status_ids: BTreeMap::new(),
            connect_enqueue_next_state: false,
        }
    }
}

/// Identifies an action, for [`Driver::complete`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActionId(pub u64);

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Something to do on one side: set its state. Plain data; the caller runs it
/// through the `agent` or `omni` bridge and reports back with
/// [`Driver::complete`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Its id.
    pub id: ActionId,
    /// The side to set.
    pub side: Side,
    /// The target: a Connect state name, or an Omni-Channel status
    /// DeveloperName.
    pub state: String,
    /// For Salesforce: the status id from [`DriverConfig::omni_status_ids`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_id: Option<String>,
    /// For Connect: `enqueueNextState`.
    pub enqueue_next_state: bool,
    /// The rule that asked for it.
    pub rule: String,
    /// The sequence number of the event that fired the rule.
    pub cause: u64,
}

impl Action {
    /// The bridge family (docs/host-contract.md): `agent` or `omni`.
    pub fn bridge(&self) -> &'static str {
        match self.side {
            Side::Connect => "agent",
            Side::Salesforce => "omni",
        }
    }

    /// The bridge method: `setState` or `setServicePresenceStatus`.
    pub fn method(&self) -> &'static str {
        match self.side {
            Side::Connect => "setState",
            Side::Salesforce => "setServicePresenceStatus",
        }
    }

    /// The bridge arguments. For Connect, `{state, enqueueNextState}` where
    /// `state` is the entry of the agent snapshot's `agentStates` whose
    /// `name` is the target (exact match); an error when there is none. For
    /// Salesforce, `{statusId}`: the mapped id, or the DeveloperName.
    pub fn bridge_args(&self, agent_snapshot: &Value) -> Result<Value, String> {
        match self.side {
            Side::Salesforce => Ok(json!({
                "statusId": self.status_id.as_deref().unwrap_or(&self.state)
            })),
            Side::Connect => {
                let states = agent_snapshot
                    .get("agentStates")
                    .and_then(Value::as_array)
                    .ok_or_else(|| "the agent snapshot has no agentStates list".to_owned())?;
                let state = states
                    .iter()
                    .find(|s| s.get("name").and_then(Value::as_str) == Some(self.state.as_str()))
                    .ok_or_else(|| {
                        format!(
                            "rule {:?}: the agent has no state named {:?} in agentStates",
                            self.rule, self.state
                        )
                    })?;
                Ok(json!({ "state": state, "enqueueNextState": self.enqueue_next_state }))
            }
        }
    }
}

/// How an action ended, for [`Driver::complete`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completion {
    /// The bridge call succeeded: the side now has the target state.
    Succeeded,
    /// The bridge call failed (the message is kept for the caller's log).
    Failed(String),
}

/// What happened to a pushed event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Disposition {
    /// The rules were evaluated; `matched` of them fired.
    Evaluated {
        /// How many rules fired.
        matched: usize,
    },
    /// The report of our own action: not evaluated.
    Echo {
        /// The action it answers.
        action: ActionId,
    },
    /// An identical repeat within the settle window: not evaluated again.
    Coalesced,
}

/// The result of [`Driver::push`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// The event's sequence number (0, 1, 2, ... in push order).
    pub seq: u64,
    /// What the driver did with it.
    pub disposition: Disposition,
    /// Actions to execute now, in order.
    pub actions: Vec<Action>,
}

/// Counters, for tests and logs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Events pushed.
    pub received: u64,
    /// Events evaluated against the rules.
    pub evaluated: u64,
    /// Events recognised as echoes.
    pub echoes: u64,
    /// Events coalesced as identical repeats.
    pub coalesced_events: u64,
    /// Rule firings (one per matching rule).
    pub fired: u64,
    /// Actions handed to the caller.
    pub emitted: u64,
    /// Actions not queued because an identical one was just before them.
    pub coalesced_actions: u64,
    /// Actions dropped because the side already had the target state.
    pub already_in_state: u64,
    /// Actions completed successfully.
    pub succeeded: u64,
    /// Actions that failed.
    pub failed: u64,
    /// Actions that did not complete within `action_timeout_ms`.
    pub timed_out: u64,
    /// Expected echoes that never came.
    pub echoes_expired: u64,
    /// Completions for unknown or already timed-out actions.
    pub unmatched_completions: u64,
}

/// At most this many unanswered echoes are remembered per side.
const MAX_EXPECTED: usize = 32;

#[derive(Clone, Debug)]
struct Expectation {
    action: ActionId,
    state: String,
    status_id: Option<String>,
    since_ms: u64,
}

#[derive(Clone, Debug, Default)]
struct SideState {
    /// The side's state as last reported or set; `None` until known.
    known: Option<String>,
    outbox: VecDeque<Action>,
    in_flight: Option<(Action, u64)>,
    expected: VecDeque<Expectation>,
}

impl SideState {
    fn enqueue(&mut self, action: Action, stats: &mut Stats) {
        let last = self
            .outbox
            .back()
            .or(self.in_flight.as_ref().map(|(a, _)| a));
        if last.is_some_and(|l| l.state == action.state) {
            stats.coalesced_actions += 1;
        } else {
            self.outbox.push_back(action);
        }
    }

    /// Releases the next action if none is in flight.
    fn pump(&mut self, now_ms: u64, out: &mut Vec<Action>, stats: &mut Stats) {
        while self.in_flight.is_none() {
            let Some(action) = self.outbox.pop_front() else {
                return;
            };
            if self.known.as_deref() == Some(action.state.as_str()) {
                stats.already_in_state += 1;
                continue;
            }
            self.expected.push_back(Expectation {
                action: action.id,
                state: action.state.clone(),
                status_id: action.status_id.clone(),
                since_ms: now_ms,
            });
            // Echoes come in order, so a long backlog of unanswered ones is
            // stale; bounding it keeps every call O(1) in the worst case.
            while self.expected.len() > MAX_EXPECTED {
                self.expected.pop_front();
                stats.echoes_expired += 1;
            }
            stats.emitted += 1;
            out.push(action.clone());
            self.in_flight = Some((action, now_ms));
        }
    }
}

/// The presence sync driver. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Driver {
    rules: RuleSet,
    config: DriverConfig,
    next_seq: u64,
    next_action: u64,
    sides: [SideState; 2],
    /// The last handled (evaluated or echoed) event of each source, and when.
    last: [Option<(Event, u64)>; 5],
    stats: Stats,
}

impl Driver {
    /// A driver over these rules.
    pub fn new(rules: RuleSet, config: DriverConfig) -> Driver {
        Driver {
            rules,
            config,
            next_seq: 0,
            next_action: 0,
            sides: Default::default(),
            last: Default::default(),
            stats: Stats::default(),
        }
    }

    /// The rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The settings.
    pub fn config(&self) -> &DriverConfig {
        &self.config
    }

    /// The counters so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The state a side is known to have (`None` until an event or a
    /// completed action tells).
    pub fn known_state(&self, side: Side) -> Option<&str> {
        self.side(side).known.as_deref()
    }

    /// Tells the driver a side's current state without an event (e.g. the
    /// Connect state from the first agent snapshot).
    pub fn set_known_state(&mut self, side: Side, state: Option<String>) {
        self.side_mut(side).known = state;
    }

    /// Actions released and not yet completed, per side.
    pub fn in_flight(&self) -> impl Iterator<Item = &Action> {
        self.sides
            .iter()
            .filter_map(|s| s.in_flight.as_ref().map(|(a, _)| a))
    }

    /// Actions waiting for their side's in-flight action to complete.
    pub fn queued(&self) -> usize {
        self.sides.iter().map(|s| s.outbox.len()).sum()
    }

    fn side(&self, side: Side) -> &SideState {
        match side {
            Side::Connect => &self.sides[0],
            Side::Salesforce => &self.sides[1],
        }
    }

    fn side_mut(&mut self, side: Side) -> &mut SideState {
        match side {
            Side::Connect => &mut self.sides[0],
            Side::Salesforce => &mut self.sides[1],
        }
    }

    /// Handles one event at `now_ms` (platform clock). Returns what was done
    /// with it and the actions to execute now, in order (these may include
    /// actions released because earlier ones timed out).
    pub fn push(&mut self, event: Event, now_ms: u64) -> Step {
        let mut actions = self.tick(now_ms);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.stats.received += 1;
        let source = event.source();
        let slot = source.index();

        // 1. The echo of our own change?
        if let Some((side, state, status_id)) = event.reported_state() {
            let s = self.side_mut(side);
            s.known = Some(state.to_owned());
            let hit = s.expected.iter().position(|e| {
                e.state == state || (status_id.is_some() && e.status_id.as_deref() == status_id)
            });
            if let Some(pos) = hit {
                // Reports come in order: expectations older than this one
                // will not be answered any more.
                let action = s.expected.drain(..=pos).next_back().map(|e| e.action);
                if let Some(action) = action {
                    self.stats.echoes += 1;
                    if let Some(l) = self.last.get_mut(slot) {
                        *l = Some((event, now_ms));
                    }
                    return Step {
                        seq,
                        disposition: Disposition::Echo { action },
                        actions,
                    };
                }
            }
        }
        if source == SourceEvent::SalesforceAgentLogout {
            self.side_mut(Side::Salesforce).known = Some("Offline".to_owned());
        }

        // 2. An identical repeat inside the settle window?
        if let Some(Some((prev, at))) = self.last.get(slot) {
            if *prev == event && now_ms.saturating_sub(*at) < self.config.settle_ms {
                self.stats.coalesced_events += 1;
                return Step {
                    seq,
                    disposition: Disposition::Coalesced,
                    actions,
                };
            }
        }

        // 3. Evaluate.
        self.stats.evaluated += 1;
        let mut matched = 0;
        for rule in self.rules.evaluate(&event) {
            matched += 1;
            self.stats.fired += 1;
            let id = ActionId(self.next_action);
            self.next_action += 1;
            let action = Action {
                id,
                side: rule.destination(),
                state: rule.target().to_owned(),
                status_id: match rule.destination() {
                    Side::Salesforce => self.config.omni_status_ids.get(rule.target()).cloned(),
                    Side::Connect => None,
                },
                enqueue_next_state: rule.destination() == Side::Connect
                    && self.config.connect_enqueue_next_state,
                rule: rule.name().to_owned(),
                cause: seq,
            };
            let side = &mut self.sides[rule.destination().index()];
            side.enqueue(action, &mut self.stats);
        }
        if let Some(l) = self.last.get_mut(slot) {
            *l = Some((event, now_ms));
        }
        for s in &mut self.sides {
            s.pump(now_ms, &mut actions, &mut self.stats);
        }
        Step {
            seq,
            disposition: Disposition::Evaluated { matched },
            actions,
        }
    }

    /// Reports how an action ended. Returns the actions released by it (the
    /// next one queued for that side). An unknown id is counted and ignored.
    pub fn complete(&mut self, id: ActionId, completion: Completion, now_ms: u64) -> Vec<Action> {
        let mut out = Vec::new();
        let stats = &mut self.stats;
        let Some(side) = self
            .sides
            .iter_mut()
            .find(|s| s.in_flight.as_ref().is_some_and(|(a, _)| a.id == id))
        else {
            stats.unmatched_completions += 1;
            out.extend(self.tick(now_ms));
            return out;
        };
        if let Some((action, _)) = side.in_flight.take() {
            match completion {
                Completion::Succeeded => {
                    stats.succeeded += 1;
                    side.known = Some(action.state);
                }
                Completion::Failed(_) => {
                    stats.failed += 1;
                    side.expected.retain(|e| e.action != id);
                }
            }
        }
        side.pump(now_ms, &mut out, stats);
        out.extend(self.tick(now_ms));
        out
    }

    /// Lets time pass: forgets echoes not seen within `echo_timeout_ms` and
    /// releases the next action on a side whose in-flight action exceeded
    /// `action_timeout_ms`. Returns the released actions.
    pub fn tick(&mut self, now_ms: u64) -> Vec<Action> {
        let mut out = Vec::new();
        let echo_timeout = self.config.echo_timeout_ms;
        let action_timeout = self.config.action_timeout_ms;
        for s in &mut self.sides {
            let before = s.expected.len();
            s.expected
                .retain(|e| now_ms.saturating_sub(e.since_ms) < echo_timeout);
            self.stats.echoes_expired += (before - s.expected.len()) as u64;
            if s.in_flight
                .as_ref()
                .is_some_and(|(_, at)| now_ms.saturating_sub(*at) >= action_timeout)
            {
                s.in_flight = None;
                self.stats.timed_out += 1;
            }
            s.pump(now_ms, &mut out, &mut self.stats);
        }
        out
    }
}
