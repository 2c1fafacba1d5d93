//! # Query value
//!
//! **What it does.** Runs a SOQL query and returns the records (read one
//! field with `$.actions.<id>.results.value.[0].Field`).
//!
//! **Controls.** `query` (SOQL; magic strings inside are resolved first).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.query {soql}`.
//! **Results.** `{value: [record, ...]}` (empty when nothing matches).
//!
//! **Example.** `{"id":"q","type":"SE_SFQueryValue","controls":{"query":"SELECT Id, Name FROM Account LIMIT 1"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred (`soql` is
//! accepted as another spelling). The text goes to the server exactly as
//! resolved (v5.4 fixed HTML-encoded quotes; nothing is encoded here). Zero
//! records is `success`. The answer may be an array or `{records}`.

use crate::bridge_util::{missing, records_of};
use crate::prelude::*;

/// `SE_SFQueryValue`.
pub struct QueryValue;

/// The controls of both query blocks.
pub(super) static QUERY_CONTROLS: &[ControlSpec] = &[
    ControlSpec::opt("query", Kind::String, "The SOQL query."),
    ControlSpec::opt("soql", Kind::String, "Another spelling of query."),
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFQueryValue",
    aliases: &[],
    name: "Query value",
    family: Family::SalesforceData,
    description: "Runs a SOQL query; results {value} = the array of records.",
    controls: QUERY_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "{value: record[]}",
    calls: &["salesforceData.query"],
    side_effects: false,
    confirmed: false,
};

/// Runs the query of a query block.
pub(super) async fn run_query(ctx: &Ctx<'_>) -> BlockResult {
    let soql = ctx.string_any(&["query", "soql"]);
    if soql.trim().is_empty() {
        return Ok(missing("query"));
    }
    ctx.call_outcome(
        Bridge::SalesforceData,
        "query",
        json!({"soql": soql}),
        |v| json!({"value": records_of(v)}),
    )
    .await
}

impl Block for QueryValue {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(run_query(ctx))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn returns_the_records() {
        let h = host_with(
            json!({"answers": {"salesforceData.query": {"ok": [{"Id": "001A", "Name": "Acme"}]}}}),
        );
        let q = "SELECT Id, Name FROM Account WHERE Phone = '$.contact.customerPhoneNumber'";
        let r = run_block("SE_SFQueryValue", json!({ "query": q }), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.results,
            json!({"value": [{"Id": "001A", "Name": "Acme"}]})
        );
        let sent = r.call("salesforceData.query").args["soql"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_default();
        assert!(
            sent.starts_with("SELECT Id, Name FROM Account WHERE Phone = '"),
            "{sent}"
        );
    }

    #[test]
    fn server_error_takes_failure() {
        let r = run_block(
            "SE_SFQueryValue",
            json!({"query": "SELECT"}),
            &fails("salesforceData.query"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let r = run_block("SE_SFQueryValue", json!({}), &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
