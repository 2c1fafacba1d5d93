//! # Clear All Properties
//!
//! **What it does.** Empties the agent's property store: every property
//! that flows wrote with Set Property.
//!
//! **Controls.** None.
//!
//! **Ports.** `done`. **Host calls.** `platform.clearProperties {}`.
//! **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"9","type":"SE_ClearAllProperties","controls":{},"ports":{"done":"10"}}
//! ```
//!
//! **Accepted quirks.** Type id is inferred (bridges.md §6.2, #95). The
//! adapter's own keys (adapter v5.15; the recording named credential, v5.27)
//! must survive: the host keeps them under a separate prefix that this call
//! never reaches. Counters live in the same store and are cleared too. A
//! failing store ends the run with an error naming the call.

use crate::prelude::*;

/// `SE_ClearAllProperties`.
pub struct ClearAllProperties;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ClearAllProperties",
    aliases: &["SE_ClearProperties"],
    name: "Clear All Properties",
    family: Family::Store,
    description: "Empties the session's property store (never the adapter's own keys).",
    controls: &[],
    ports: DONE,
    results: "null",
    calls: &["platform.clearProperties"],
    side_effects: true,
    confirmed: false,
};

impl Block for ClearAllProperties {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            ctx.call_required(Bridge::Platform, "clearProperties", json!({}))
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn empties_the_store() {
        let h = host_with(json!({"properties": {"a": 1, "b": "x"}}));
        let one = run_block("SE_ClearAllProperties", json!({}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.call("platform.clearProperties").args, json!({}));
        assert!(h.properties().is_empty());
    }

    #[test]
    fn a_failing_store_ends_the_run() {
        let h = host_with(
            json!({"answers": {"platform.clearProperties": {"error": {"code": "STORAGE", "message": "denied"}}}}),
        );
        let one = run_block("SE_ClearAllProperties", json!({}), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("denied"));
    }
}
