//! A tiny private catalog so engine tests do not depend on the block catalog.
#![allow(dead_code)]

use ctiflow_engine::block::*;
use ctiflow_engine::{Bridge, Catalog, Engine};
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

// Joins `a` and `b` with `sep` (Join Strings in small): a loop feeding it
// its own result doubles its text each step.
static JOIN_CONTROLS: &[ControlSpec] = &[
    ControlSpec::opt("a", Kind::Any, "first"),
    ControlSpec::opt("b", Kind::Any, "second"),
    ControlSpec::opt("sep", Kind::String, "between"),
];
struct Join;
static JOIN: BlockSpec = BlockSpec {
    type_id: "T_Join",
    aliases: &[],
    name: "T_Join",
    family: Family::Core,
    description: "test block joining two texts",
    controls: JOIN_CONTROLS,
    ports: DONE,
    results: "{value: string}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
impl Block for Join {
    fn spec(&self) -> &'static BlockSpec {
        &JOIN
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let v = [ctx.string("a"), ctx.string("b")].join(&ctx.string("sep"));
            Ok(BlockOutput::value(Value::String(v)))
        })
    }
}

// Calls `platform.echo` with its `data` control, then `platform.after`;
// the first answer is its results.
static CALL_CONTROLS: &[ControlSpec] = &[ControlSpec::opt("data", Kind::Any, "the arguments")];
struct Call;
static CALL: BlockSpec = BlockSpec {
    type_id: "T_Call",
    aliases: &[],
    name: "T_Call",
    family: Family::Core,
    description: "test block making two bridge calls",
    controls: CALL_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "any",
    calls: &["platform.echo", "platform.after"],
    side_effects: true,
    confirmed: false,
};
impl Block for Call {
    fn spec(&self) -> &'static BlockSpec {
        &CALL
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let data = ctx.value("data").unwrap_or(Value::Null);
            let first = ctx.call(Bridge::Platform, "echo", data).await;
            let _ = ctx.call(Bridge::Platform, "after", Value::Null).await;
            Ok(match first {
                Ok(v) => BlockOutput::success(v),
                Err(e) => BlockOutput::failure(e.to_value()),
            })
        })
    }
}

// Builds `n` copies of `text` the way an amplifying block must: checking
// `Ctx::value_limit` as it goes.
static REPEAT_CONTROLS: &[ControlSpec] = &[
    ControlSpec::opt("text", Kind::String, "what to repeat"),
    ControlSpec::opt("n", Kind::Number, "how many times"),
];
struct Repeat;
static REPEAT: BlockSpec = BlockSpec {
    type_id: "T_Repeat",
    aliases: &[],
    name: "T_Repeat",
    family: Family::Core,
    description: "test block repeating a text",
    controls: REPEAT_CONTROLS,
    ports: DONE,
    results: "{value: string}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};
impl Block for Repeat {
    fn spec(&self) -> &'static BlockSpec {
        &REPEAT
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let text = ctx.string("text");
            let n = ctx.number("n")?;
            let mut out = String::new();
            for _ in 0..n as u64 {
                out.push_str(&text);
                if out.len() as u64 > ctx.value_limit() {
                    return Err(ctx.too_large("results", out.len() as u64));
                }
            }
            Ok(BlockOutput::value(Value::String(out)))
        })
    }
}

/// An engine over the test blocks and the ones the memory limit tests use.
pub fn memory_engine() -> Engine {
    let mut c = engine().catalog().clone();
    c.extend([&Join as &dyn Block, &Call, &Repeat]);
    Engine::new(c)
}
