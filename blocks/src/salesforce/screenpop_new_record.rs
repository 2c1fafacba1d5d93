//! # Screenpop New Record
//!
//! **What it does.** Opens the "new record" form of an object, with field
//! defaults (Open CTI `screenPop` of type `newRecord`).
//!
//! **Controls.** `entityName` (text, required: object API name, e.g.
//! `Case`), `defaultFieldValues` (object; values may be magic strings).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "newRecord", params:
//! {entityName, defaultFieldValues}}`. **Results.** `null`; on failure the
//! exception is the error.
//!
//! **Example.** `07-screenpop-case.json`, when the contact has no case
//! number: `{"entityName": "Case", "defaultFieldValues": {}}`.
//!
//! **Accepted quirks.** `defaultFieldValues` `null` or absent is sent as
//! `{}`; JSON text holding an object is parsed.

use crate::args::object_arg;
use crate::prelude::*;

/// `SE_SFScreenpopNewRecord`.
pub struct ScreenpopNewRecord;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopNewRecord",
    aliases: &[],
    name: "Screenpop New Record",
    family: Family::SalesforceUi,
    description: "Opens a new record form with default field values.",
    controls: &[
        ControlSpec::req("entityName", Kind::String, "Object API name, e.g. Case."),
        ControlSpec::opt(
            "defaultFieldValues",
            Kind::Object,
            "Field defaults for the form.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop"],
    side_effects: true,
    confirmed: true,
};

impl Block for ScreenpopNewRecord {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let args = json!({
                "type": "newRecord",
                "params": {
                    "entityName": ctx.string("entityName").trim(),
                    "defaultFieldValues": object_arg(ctx.value("defaultFieldValues")),
                },
            });
            ctx.call_outcome(Bridge::SalesforceUi, "screenPop", args, |_| Value::Null)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn opens_the_new_record_form() {
        let r = run_block(
            "SE_SFScreenpopNewRecord",
            json!({"entityName": "Case", "defaultFieldValues": {"Subject": "$.contact.queueName"}}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "newRecord", "params": {"entityName": "Case", "defaultFieldValues": {"Subject": "BasicQueue"}}})
        );
    }

    #[test]
    fn a_refusal_takes_failure() {
        let h = host_with(
            json!({"answers": {"salesforceUi.screenPop": {"error": {"code": "INVALID_PARAM", "message": "entityName"}}}}),
        );
        let r = run_block(
            "SE_SFScreenpopNewRecord",
            json!({"entityName": "Nope", "defaultFieldValues": null}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.call("salesforceUi.screenPop").args["params"]["defaultFieldValues"],
            json!({})
        );
    }
}
