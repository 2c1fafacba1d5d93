//! A tiny private catalog so engine tests do not depend on the block catalog.
#![allow(dead_code)]

use ctiflow_engine::block::*;
use ctiflow_engine::{Catalog, Engine};
use serde_json::Value;

macro_rules! test_block {
    ($name:ident, $spec:ident, $ty:literal, $ports:expr, |$c:ident| $body:block) => {
        struct $name;
        static $spec: BlockSpec = BlockSpec {
            type_id: $ty,
            aliases: &[],
            name: $ty,
            family: Family::Core,
            description: "test block",
            controls: &[],
            ports: $ports,
            results: "null",
            calls: &[],
            side_effects: false,
            confirmed: false,
        };
        impl Block for $name {
            fn spec(&self) -> &'static BlockSpec {
                &$spec
            }
            fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
                #[allow(unused_variables)]
                let $c = ctx;
                Box::pin(async move { $body })
            }
        }
    };
}

test_block!(Start, START, "SE_Start", DONE, |c| {
    Ok(BlockOutput::done(Value::Null))
});
test_block!(End, END, "SE_End", NO_PORTS, |c| {
    Ok(BlockOutput::done(Value::Null))
});
test_block!(Noop, NOOP, "T_Noop", DONE, |c| {
    Ok(BlockOutput::done(Value::Null))
});
test_block!(Wait, WAIT, "T_Wait", DONE, |c| {
    c.sleep(1_000.0).await;
    Ok(BlockOutput::done(Value::Null))
});
static NEEDS_CONTROLS: &[ControlSpec] = &[
    ControlSpec::req("text", Kind::String, "a required text"),
    ControlSpec::opt("flag", Kind::Bool, "an optional flag"),
    ControlSpec::opt("data", Kind::Object, "an optional object"),
];
struct Needs;
static NEEDS: BlockSpec = BlockSpec {
    type_id: "T_Needs",
    aliases: &[],
    name: "T_Needs",
    family: Family::Core,
    description: "test block with controls",
    controls: NEEDS_CONTROLS,
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
impl Block for Needs {
    fn spec(&self) -> &'static BlockSpec {
        &NEEDS
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { Ok(BlockOutput::decision(!ctx.string("text").is_empty())) })
    }
}
test_block!(Fail, FAIL, "T_Fail", DONE, |c| {
    Err(BlockError::Other("boom".into()))
});

/// An engine over the test blocks.
pub fn engine() -> Engine {
    let mut c = Catalog::new();
    c.extend([&Start as &dyn Block, &End, &Noop, &Wait, &Fail, &Needs]);
    Engine::new(c)
}
