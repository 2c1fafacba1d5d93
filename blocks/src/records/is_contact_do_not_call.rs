//! # Is Contact "Do Not Call"?
//!
//! **What it does.** Branches on the `DoNotCall` flag of a Salesforce
//! Contact.
//!
//! **Controls.** `contactId` (Salesforce Contact id, e.g. from Get Salesforce
//! Contact Id). **Ports.** `true`, `false`.
//! **Host calls.** `salesforceData.query {soql: "SELECT DoNotCall FROM
//! Contact WHERE Id = '<id>' LIMIT 1"}`.
//! **Results.** The boolean.
//!
//! **Example.** `{"id":"d","type":"SE_SFIsContactDoNotCall","controls":{"contactId":"$.actions.c.results.sfContactId"},"ports":{"true":"end","false":"dial"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred. An empty id
//! or no matching Contact is `false` (no call for an empty id). The id is
//! quoted as a SOQL literal, so no input can change the query. There is no
//! failure port: a query error ends the run with the error traced.

use crate::bridge_util::{records_of, soql_quote};
use crate::prelude::*;

/// `SE_SFIsContactDoNotCall`.
pub struct IsContactDoNotCall;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFIsContactDoNotCall",
    aliases: &[],
    name: "Is Contact \"Do Not Call\"?",
    family: Family::SalesforceData,
    description: "True when the Salesforce Contact has Do Not Call set.",
    controls: &[ControlSpec::opt(
        "contactId",
        Kind::String,
        "The Salesforce Contact id.",
    )],
    ports: TRUE_FALSE,
    results: "boolean",
    calls: &["salesforceData.query"],
    side_effects: false,
    confirmed: false,
};

impl Block for IsContactDoNotCall {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let id = ctx.string("contactId");
            let id = id.trim();
            if id.is_empty() || id == "null" {
                return Ok(BlockOutput::decision(false));
            }
            let soql = format!(
                "SELECT DoNotCall FROM Contact WHERE Id = {} LIMIT 1",
                soql_quote(id)
            );
            let answer = ctx
                .call_required(Bridge::SalesforceData, "query", json!({ "soql": soql }))
                .await?;
            let dnc = records_of(answer)
                .first()
                .and_then(|r| r.get("DoNotCall"))
                .is_some_and(|v| v == &Value::Bool(true) || v == "true");
            Ok(BlockOutput::decision(dnc))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_do_not_call() {
        let h =
            host_with(json!({"answers": {"salesforceData.query": {"ok": [{"DoNotCall": true}]}}}));
        let r = run_block(
            "SE_SFIsContactDoNotCall",
            json!({"contactId": "003A'x"}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::True));
        assert_eq!(
            r.call("salesforceData.query").args,
            json!({"soql": "SELECT DoNotCall FROM Contact WHERE Id = '003A\\'x' LIMIT 1"})
        );
        let r = run_block(
            "SE_SFIsContactDoNotCall",
            json!({"contactId": "003A"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::False));
        let r = run_block("SE_SFIsContactDoNotCall", json!({"contactId": ""}), &host());
        assert_eq!(r.outcome, Some(Outcome::False));
        assert!(r.calls.is_empty());
    }

    #[test]
    fn query_error_ends_the_run() {
        let r = run_block(
            "SE_SFIsContactDoNotCall",
            json!({"contactId": "003A"}),
            &fails("salesforceData.query"),
        );
        assert_run_error(&r, "salesforceData.query");
    }
}
