//! # Screenpop Object
//!
//! **What it does.** Opens a Salesforce record by id (Open CTI `screenPop`
//! of type `sobject`).
//!
//! **Controls.** `recordId` (text), `noPopOnEmpty` (boolean, default
//! `false`; the control may be absent). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "sobject", params:
//! {recordId}}`. **Results.** `null` (Open CTI returns nothing); on failure
//! the exception is the error.
//!
//! **Example.** `08-create-task.json` pops the Task it created:
//! `{"recordId": "$.actions.uid-3.results.id", "noPopOnEmpty": false}`.
//!
//! **Accepted quirks.** The adapter leaves `noPopOnEmpty` undocumented. Our
//! choice: when the record id is empty, `"null"` or `"undefined"` (an
//! unresolved magic string counts as empty) and `noPopOnEmpty` is true, no
//! call is made and the block takes `success`; when it is false the call is
//! made anyway and Salesforce's refusal takes `failure`, which
//! `02-chat-contact-screenpop.json` uses as its "no record, search instead"
//! branch.

use crate::args::is_empty_id;
use crate::prelude::*;

/// `SE_SFScreenpopObject`.
pub struct ScreenpopObject;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopObject",
    aliases: &[],
    name: "Screenpop Object",
    family: Family::SalesforceUi,
    description: "Opens a Salesforce record by id.",
    controls: &[
        ControlSpec::opt("recordId", Kind::String, "The record to open."),
        ControlSpec::def(
            "noPopOnEmpty",
            Kind::Bool,
            "false",
            "With no record id: take success without popping.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop"],
    side_effects: true,
    confirmed: true,
};

impl Block for ScreenpopObject {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = ctx.string("recordId").trim().to_string();
            if is_empty_id(&id) && ctx.bool("noPopOnEmpty") {
                ctx.note("no record id and noPopOnEmpty: nothing popped");
                return Ok(BlockOutput::success(Value::Null));
            }
            let args = json!({"type": "sobject", "params": {"recordId": id}});
            ctx.call_outcome(Bridge::SalesforceUi, "screenPop", args, |_| Value::Null)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn pops_the_record() {
        let r = run_block(
            "SE_SFScreenpopObject",
            json!({"recordId": "00Txx", "noPopOnEmpty": false}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "sobject", "params": {"recordId": "00Txx"}})
        );
        assert_eq!(r.results, json!(null));
    }

    #[test]
    fn empty_ids_skip_or_fail_per_no_pop_on_empty() {
        for id in [json!(""), json!("null"), json!("$.payload.none")] {
            let r = run_block(
                "SE_SFScreenpopObject",
                json!({"recordId": id, "noPopOnEmpty": true}),
                &host(),
            );
            assert_eq!(r.outcome, Some(Outcome::Success));
            assert!(r.calls.is_empty());
        }
        let h = host_with(
            json!({"answers": {"salesforceUi.screenPop": {"error": {"code": "INVALID_PARAM", "message": "recordId"}}}}),
        );
        let r = run_block("SE_SFScreenpopObject", json!({"recordId": ""}), &h);
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.call("salesforceUi.screenPop").args["params"]["recordId"],
            ""
        );
    }
}
