//! # Screenpop Object Home
//!
//! **What it does.** Opens the home page of a Salesforce object (its tab), e.g. Case.
//!
//! **Controls.** `scope` (object API name, e.g. `Case`). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceUi.screenPop {type: "objecthome", params}` (Open CTI
//! `screenPop`, `SCREENPOP_TYPE` `objecthome`).
//! **Results.** `null` (Open CTI's `returnValue` is always null).
//!
//! **Example.** `{"id":"p","type":"SE_SFScreenpopObjectHome","controls":{"scope":"Case"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id and control names are inferred (no
//! export seen). An empty required value takes `failure` without a call;
//! anything else Salesforce refuses takes `failure` with its error.

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFScreenpopObjectHome`.
pub struct ScreenpopObjectHome;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFScreenpopObjectHome",
    aliases: &[],
    name: "Screenpop Object Home",
    family: Family::SalesforceUi,
    description: "Opens the home page of a Salesforce object (its tab), e.g. Case.",
    controls: &[ControlSpec::req(
        "scope",
        Kind::String,
        "The object API name, e.g. `Case`.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["salesforceUi.screenPop"],
    side_effects: true,
    confirmed: false,
};

impl Block for ScreenpopObjectHome {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let scope = try_out!(need(ctx, "scope"));
            let args = json!({"type": "objecthome", "params": {"scope": scope}});
            crate::bridge_util::act(ctx, Bridge::SalesforceUi, "screenPop", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn pops_the_objecthome() {
        let r = run_block(
            "SE_SFScreenpopObjectHome",
            json!({"scope": "Case"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceUi.screenPop").args,
            json!({"type": "objecthome", "params": {"scope": "Case"}})
        );
        assert_eq!(r.results, Value::Null);
    }

    #[test]
    fn open_cti_error_takes_failure() {
        let r = run_block(
            "SE_SFScreenpopObjectHome",
            json!({"scope": "Case"}),
            &fails("salesforceUi.screenPop"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }

    #[test]
    fn empty_value_fails_without_calling() {
        let r = run_block(
            "SE_SFScreenpopObjectHome",
            json!({"scope": "$.payload.none"}),
            &host(),
        );
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
