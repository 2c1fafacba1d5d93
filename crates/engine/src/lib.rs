//! # ctiflow-engine
//!
//! The core of ctiflow: loads CTI Flows exactly as the Amazon Connect CTI
//! Adapter exports them, validates them, and runs them block by block with
//! the adapter's semantics against host bridges. It knows nothing of
//! JavaScript: the wasm facade and the CLI supply the hosts.
//!
//! ```
//! use ctiflow_engine::{Catalog, Engine, Event, EventKey, exec::block_on, scripted::ScriptedHost};
//! # use ctiflow_engine::block::*;
//! # struct Start; struct End;
//! # static START: BlockSpec = BlockSpec { type_id: "SE_Start", aliases: &[], name: "Start", family: Family::Flow,
//! #   description: "", controls: &[], ports: DONE, results: "null", calls: &[], side_effects: false, confirmed: true };
//! # static END: BlockSpec = BlockSpec { type_id: "SE_End", aliases: &[], name: "End", family: Family::Flow,
//! #   description: "", controls: &[], ports: NO_PORTS, results: "null", calls: &[], side_effects: false, confirmed: true };
//! # impl Block for Start { fn spec(&self) -> &'static BlockSpec { &START }
//! #   fn run<'a>(&'a self, _: &'a Ctx<'a>) -> BlockFuture<'a> { Box::pin(async { Ok(BlockOutput::done(serde_json::Value::Null)) }) } }
//! # impl Block for End { fn spec(&self) -> &'static BlockSpec { &END }
//! #   fn run<'a>(&'a self, _: &'a Ctx<'a>) -> BlockFuture<'a> { Box::pin(async { Ok(BlockOutput::done(serde_json::Value::Null)) }) } }
//! let mut catalog = Catalog::new();
//! catalog.extend([&Start as &dyn Block, &End]); // normally: ctiflow_blocks::catalog()
//! let mut engine = Engine::new(catalog);
//! let flow = r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"1"}},{"id":"1","type":"SE_End"}]}"#;
//! let checked = engine.validate_text("hello.json", flow);
//! assert!(checked.diagnostics.is_empty());
//! let key = EventKey::parse("Voice Contact/onConnecting").unwrap();
//! engine.register(key, checked.program.unwrap(), true);
//! let host = ScriptedHost::default();
//! let runs = block_on(engine.dispatch(key, &Event::default(), &host, None));
//! assert!(runs[0].end.is_normal());
//! ```
//!
//! ## Module map
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`] | [`RawFlow`]: the file as exported, lenient about quirks |
//! | [`path`] | magic strings (`$.actions.<id>.results.<path>`, ...) |
//! | [`program`] | validation into a [`Program`] (petgraph: reachability, cycles, dominators) |
//! | [`block`] | the [`Block`] trait, [`BlockSpec`] (the catalog as data), [`Ctx`] |
//! | [`host`] | the [`Host`] seam and its [`Bridge`] families |
//! | [`run`] | the interpreter, limits, [`RunReport`] |
//! | [`trace`] | [`TraceEntry`], the run trace |
//! | [`event`] | sources and events in every spelling |
//! | [`engine`] | [`Engine`], flow sets, dispatch |
//! | [`scripted`] | [`scripted::ScriptedHost`], the headless host |
//! | [`value`] | JavaScript value semantics (truthiness, `String()`, `Number()`) |
//!
//! ## How the core waits
//!
//! Blocks are `async`: a block awaits its bridge calls, and
//! [`Engine::dispatch`] is a future. The core names no executor. The wasm
//! facade hands that future to the browser's event loop as a Promise; the
//! CLI drives it with [`exec::block_on`], since its hosts answer at once.
//! The alternative, an engine that yields host requests to its caller as a
//! state machine, would make each of the ~40 multi-call blocks a hand-written
//! state machine; async lets them read as the sequence of calls they are.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod block;
pub mod catalog;
pub mod diag;
pub mod engine;
pub mod event;
#[cfg(not(target_arch = "wasm32"))]
pub mod exec;
pub mod host;
pub mod model;
pub mod path;
pub mod program;
pub mod run;
pub mod scripted;
pub mod trace;
pub mod value;

pub use block::{Block, BlockError, BlockOutput, BlockSpec, Ctx, Outcome};
pub use catalog::Catalog;
pub use diag::{Diagnostic, Severity};
pub use engine::{Engine, EngineConfig, Event, EventRef, FlowSetFile, Limits};
pub use event::{EventKey, Source};
pub use host::{Bridge, Host, HostCall, HostError, HostResult};
pub use model::{LoadError, RawFlow};
pub use program::{validate, Program, Validated};
pub use run::{RunError, RunReport};
pub use trace::{EndReason, TraceEntry};
