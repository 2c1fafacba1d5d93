//! Test blocks for the replay crate's own tests, so they do not depend on
//! which catalog blocks exist: `T_Call` makes one bridge call named by its
//! controls (success/failure ports), `T_Sleep` waits on the platform clock.
#![allow(dead_code)]

use ctiflow_engine::block::*;
use ctiflow_engine::host::Bridge;
use ctiflow_engine::{Catalog, Engine};
use serde_json::Value;

pub struct Call;
pub struct Sleep;

static CALL_CONTROLS: &[ControlSpec] = &[
    ControlSpec::req("bridge", Kind::String, "bridge family"),
    ControlSpec::req("method", Kind::String, "method"),
    ControlSpec::opt("args", Kind::Any, "argument object"),
];
static CALL: BlockSpec = BlockSpec {
    type_id: "T_Call",
    aliases: &[],
    name: "Test call",
    family: Family::Core,
    description: "one bridge call",
    controls: CALL_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "any",
    calls: &[],
    side_effects: true,
    confirmed: true,
};
static SLEEP_CONTROLS: &[ControlSpec] = &[ControlSpec::req("ms", Kind::Number, "ms")];
static SLEEP: BlockSpec = BlockSpec {
    type_id: "T_Sleep",
    aliases: &[],
    name: "Test sleep",
    family: Family::Core,
    description: "waits",
    controls: SLEEP_CONTROLS,
    ports: DONE,
    results: "null",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for Call {
    fn spec(&self) -> &'static BlockSpec {
        &CALL
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let bridge = Bridge::parse(&ctx.string("bridge")).unwrap_or(Bridge::Platform);
            let args = ctx.value("args").unwrap_or(Value::Null);
            ctx.call_outcome(bridge, &ctx.string("method"), args, |v| v)
                .await
        })
    }
}

impl Block for Sleep {
    fn spec(&self) -> &'static BlockSpec {
        &SLEEP
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let ms = ctx.number("ms")?;
            ctx.sleep(ms).await;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

pub fn catalog() -> Catalog {
    let mut c = ctiflow_blocks::catalog();
    c.extend([&Call as &dyn Block, &Sleep]);
    c
}

pub fn engine() -> Engine {
    Engine::new(catalog())
}
