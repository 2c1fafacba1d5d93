//! # Start
//!
//! **What it does.** Where every run begins. A flow has exactly one.
//!
//! **Controls.** None (`{}`). **Ports.** `done`. **Host calls.** None.
//! **Results.** `null`.

use crate::prelude::*;

/// `SE_Start`.
pub struct Start;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_Start",
    aliases: &[],
    name: "Start",
    family: Family::Flow,
    description: "Where the run begins; every flow has exactly one.",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for Start {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, _ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async { Ok(BlockOutput::done(Value::Null)) })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn start_takes_done() {
        let h = host();
        let r = run_flow(
            &json!({"actions":[{"id":"s","type":"SE_Start","controls":{},"ports":{"done":"e"}},{"id":"e","type":"SE_End"}]}),
            Event::default(),
            &h,
        );
        let first = r.trace.iter().find_map(|t| match t {
            TraceEntry::Step {
                action,
                outcome,
                next,
                ..
            } => Some((action.clone(), *outcome, next.clone())),
            _ => None,
        });
        assert_eq!(
            first,
            Some(("s".into(), Some(Outcome::Done), Some("e".into())))
        );
        assert!(h.calls().is_empty());
    }
}
