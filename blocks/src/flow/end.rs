//! # End
//!
//! **What it does.** Ends the run.
//!
//! **Controls.** None (`null` or `{}`). **Ports.** None. **Host calls.** None.
//! **Results.** `null`.

use crate::prelude::*;

/// `SE_End`.
pub struct End;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_End",
    aliases: &[],
    name: "End",
    family: Family::Flow,
    description: "Ends the run.",
    controls: &[],
    ports: NO_PORTS,
    results: "null",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for End {
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
    fn end_ends_the_run() {
        let r = run_flow(
            &json!({"actions":[{"id":"s","type":"SE_Start","ports":{"done":"e"}},{"id":"e","type":"SE_End","controls":null}]}),
            Event::default(),
            &host(),
        );
        assert_eq!(r.end, EndReason::End);
        assert_eq!(r.steps, 2);
    }
}
