//! # Get All Properties
//!
//! **What it does.** Reads every property of the agent's property store (the
//! values Set Property wrote, shared by all flows of the session).
//!
//! **Controls.** None.
//!
//! **Ports.** `done`. **Host calls.** `platform.getAllProperties {}`.
//! **Results.** `{value: {key: value, ...}}`.
//!
//! **Example.**
//! ```json
//! {"id":"2","type":"SE_GetAllProperties","controls":{},"ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id is inferred (bridges.md §6.2, #4). It must
//! keep working in `onDestroy` flows (adapter v5.31); the store is the host's,
//! so nothing here depends on the contact. An answer that is not an object
//! (a host bug) is stored as `{}`. A failing store ends the run with an
//! error naming the call (the block has no failure port).

use crate::prelude::*;

/// `SE_GetAllProperties`.
pub struct GetAllProperties;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_GetAllProperties",
    aliases: &[],
    name: "Get All Properties",
    family: Family::Store,
    description: "Reads every property of the session's property store.",
    controls: &[],
    ports: DONE,
    results: "{value: object}",
    calls: &["platform.getAllProperties"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetAllProperties {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let all = ctx
                .call_required(Bridge::Platform, "getAllProperties", json!({}))
                .await?;
            let all = if all.is_object() { all } else { json!({}) };
            Ok(BlockOutput::value(all))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn reads_the_store() {
        let h = host_with(json!({"properties": {"taskId": "00T1", "n": 2}}));
        let one = run_block("SE_GetAllProperties", json!({}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!({"value": {"taskId": "00T1", "n": 2}}));
        assert_eq!(one.call("platform.getAllProperties").args, json!({}));
    }

    #[test]
    fn a_failing_store_ends_the_run_naming_the_call() {
        let h = host_with(
            json!({"answers": {"platform.getAllProperties": {"error": {"code": "STORAGE", "message": "quota"}}}}),
        );
        let one = run_block("SE_GetAllProperties", json!(null), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("platform.getAllProperties"));
    }
}
