//! # ctiflow-presence
//!
//! Presence sync (issue 5): the Amazon Connect CTI Adapter's Presence Sync
//! Rules, which keep the Connect agent state and the Salesforce Omni-Channel
//! presence status in step, both ways. Pure Rust: no JavaScript, no async
//! runtime, no I/O, no clock; it builds for `wasm32-unknown-unknown`.
//!
//! Three stages, one type each:
//!
//! 1. **Load and check** a JSON rules file: [`load()`] → [`Loaded`] (the
//!    usable [`RuleSet`] and a [`Report`] of [`Diagnostic`]s); [`check`]
//!    gives only the report (`ctiflow presence check`).
//! 2. **Evaluate**: [`RuleSet::evaluate`] yields the rules that fire for an
//!    [`Event`], in file order.
//! 3. **Drive**: a [`Driver`] is a state machine between the two sides. Push
//!    events in, execute the [`Action`]s it returns, report each action's
//!    end with [`Driver::complete`], call [`Driver::tick`] now and then. It
//!    recognises the echo of its own changes (no ping-pong), handles every
//!    event in arrival order (none is lost), and coalesces only identical
//!    repeats inside a settle window (100 ms by default, on the caller's
//!    clock).
//!
//! ```
//! use ctiflow_presence::{load, Completion, Driver, DriverConfig, Event, Side};
//!
//! let rules = r#"[
//!   {"name": "Connect Lunch to Omni", "source": "Connect Agent State Change",
//!    "operandA": "Connect Agent New State", "comparator": "Equal to",
//!    "operandB": "Static Value", "operandBValue": "Lunch",
//!    "destination": "Salesforce Agent State", "value": "Lunch"},
//!   {"name": "Omni Lunch to Connect", "source": "Salesforce Agent State Change",
//!    "operandA": "Salesforce Agent New State", "comparator": "Equal to",
//!    "operandB": "Static Value", "operandBValue": "Lunch",
//!    "destination": "Connect Agent State", "value": "Lunch"}
//! ]"#;
//! let loaded = load(rules);
//! assert_eq!(loaded.report.exit_code(), 0, "{}", loaded.report);
//!
//! let mut driver = Driver::new(loaded.rules, DriverConfig::default());
//! // The agent picks Lunch in the CCP:
//! let step = driver.push(Event::connect("Available", "Lunch"), 1_000);
//! let [action] = &step.actions[..] else { panic!() };
//! assert_eq!((action.side, action.state.as_str()), (Side::Salesforce, "Lunch"));
//! assert_eq!((action.bridge(), action.method()), ("omni", "setServicePresenceStatus"));
//! // ... the caller runs the bridge call, then:
//! driver.complete(action.id, Completion::Succeeded, 1_040);
//! // Omni-Channel reports the change: that is our echo, so the reverse rule
//! // does not fire and nothing bounces back to Connect.
//! let echo = driver.push(Event::salesforce("Lunch"), 1_050);
//! assert!(echo.actions.is_empty());
//! assert_eq!(driver.stats().echoes, 1);
//! ```
//!
//! ## Wiring it to a host
//!
//! The engine (or any host) owns one [`Driver`] per agent session:
//!
//! - Build it from [`load()`]`(text).rules` and a [`DriverConfig`] (it
//!   deserializes from camelCase JSON: `settleMs`, `echoTimeoutMs`,
//!   `actionTimeoutMs`, `omniStatusIds` (DeveloperName → statusId),
//!   `connectEnqueueNextState`).
//! - Turn each event payload into an [`Event`] with [`Event::from_payload`]
//!   (Streams `agent.onStateChange`; the Omni-Channel status changed,
//!   logout, work accepted and workload changed events) and
//!   [`Driver::push`] it with the platform clock's `now` in ms.
//! - For each returned [`Action`], call bridge [`Action::bridge`] method
//!   [`Action::method`] with [`Action::bridge_args`]`(&agent_snapshot)`:
//!   `agent.setState {state, enqueueNextState}` with the state object found
//!   by name in `agentStates`, or `omni.setServicePresenceStatus
//!   {statusId}` (see docs/host-contract.md). Then call
//!   [`Driver::complete`] with [`Completion::Succeeded`] or
//!   [`Completion::Failed`] (also when `bridge_args` fails), and execute the
//!   actions it returns.
//! - Call [`Driver::tick`] from a timer (e.g. once a second) and execute
//!   what it returns; `push` and `complete` tick too.
//!
//! ## Module map
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`] | source events, operands, comparators, destinations, with their record labels |
//! | [`load`](mod@load) | the rules file: JSON → [`RuleSet`] + [`Report`]; the accepted field names |
//! | [`report`] | [`Diagnostic`], [`Severity`], [`Report`] and its exit code |
//! | [`eval`] | [`Event`], [`Rule`], [`RuleSet`]: evaluation |
//! | [`driver`] | [`Driver`], [`Action`], [`DriverConfig`], [`Stats`]: the sync state machine |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod driver;
pub mod eval;
pub mod load;
pub mod model;
pub mod report;
#[cfg(feature = "engine")]
pub mod wire;

pub use driver::{Action, ActionId, Completion, Disposition, Driver, DriverConfig, Stats, Step};
pub use eval::{Event, Rule, RuleSet};
pub use load::{check, load, load_value, Loaded};
pub use model::{Comparator, OperandKind, Side, SourceEvent, CONNECT_SYSTEM_STATES};
pub use report::{Diagnostic, Report, Severity};
