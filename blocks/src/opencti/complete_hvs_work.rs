//! # Complete High Velocity Sales Work With Task Saved
//!
//! **What it does.** Completes a High Velocity Sales (Sales Engagement) work
//! item whose `completeWorkWhen` is TaskSaved, naming the saved task and the
//! call disposition.
//!
//! **Controls.** `workId` (the HVS work id, usually `$.payload.workId` from
//! the HVS onWorkStart event), `disposition`, `taskId` (the saved Task).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `platform.getProperty {key: "hvsWasConnected"}`, then
//! `salesforceUi.hvs.completeWork {workId, attributes: {disposition, taskId,
//! wasConnected}}` (Open CTI `hvs.completeWork`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"h","type":"SE_SFCompleteHvsWorkWithTaskSaved","controls":{"workId":"$.payload.workId","disposition":"Connected","taskId":"$.actions.task.results.id"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** `wasConnected` has no control: the adapter's HVS
//! sample sets the property `hvsWasConnected` to `"true"`, so the block reads
//! it; unset means `true` (Open CTI's default), `"false"`/`false`/`""` mean
//! false. A failed property read is noted and counts as unset. An empty
//! `workId`, `disposition` or `taskId` takes `failure` without calling
//! (Open CTI requires them for TaskSaved work).

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFCompleteHvsWorkWithTaskSaved`.
pub struct CompleteHvsWork;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFCompleteHvsWorkWithTaskSaved",
    aliases: &[],
    name: "Complete High Velocity Sales Work With Task Saved",
    family: Family::SalesforceUi,
    description: "Completes a High Velocity Sales work item with the saved task and disposition.",
    controls: &[
        ControlSpec::req(
            "workId",
            Kind::String,
            "The HVS work id (from the onWorkStart payload).",
        ),
        ControlSpec::req("disposition", Kind::String, "The call disposition."),
        ControlSpec::req("taskId", Kind::String, "The id of the saved Task."),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["platform.getProperty", "salesforceUi.hvs.completeWork"],
    side_effects: true,
    confirmed: true,
};

impl Block for CompleteHvsWork {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let work_id = try_out!(need(ctx, "workId"));
            let disposition = try_out!(need(ctx, "disposition"));
            let task_id = try_out!(need(ctx, "taskId"));
            let prop = ctx
                .call(
                    Bridge::Platform,
                    "getProperty",
                    json!({"key": "hvsWasConnected"}),
                )
                .await;
            let was_connected = match prop {
                Ok(Value::Null) => true,
                Ok(Value::String(s)) if s == "false" => false,
                Ok(v) => truthy(Some(&v)),
                Err(e) => {
                    ctx.note(format!("could not read hvsWasConnected ({e}); using true"));
                    true
                }
            };
            let args = json!({
                "workId": work_id,
                "attributes": {"disposition": disposition, "taskId": task_id, "wasConnected": was_connected}
            });
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "hvs.completeWork", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    fn controls() -> Value {
        json!({"workId": "0Z1xx", "disposition": "Connected", "taskId": "00Txx"})
    }

    #[test]
    fn completes_the_work_with_the_stored_connected_flag() {
        let h = host_with(json!({"properties": {"hvsWasConnected": "false"}}));
        let r = run_block("SE_SFCompleteHvsWorkWithTaskSaved", controls(), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.hvs.completeWork").args,
            json!({"workId": "0Z1xx", "attributes": {"disposition": "Connected", "taskId": "00Txx", "wasConnected": false}})
        );
        let r = run_block("SE_SFCompleteHvsWorkWithTaskSaved", controls(), &host());
        assert_eq!(
            r.call("salesforceUi.hvs.completeWork").args["attributes"]["wasConnected"],
            json!(true)
        );
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFCompleteHvsWorkWithTaskSaved",
            controls(),
            &fails("salesforceUi.hvs.completeWork"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn undefined_work_id_fails_without_calling() {
        let r = run_block(
            "SE_SFCompleteHvsWorkWithTaskSaved",
            json!({"workId": "$.payload.workId", "disposition": "x", "taskId": "y"}),
            &host(),
        );
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
