//! # SOQL Query
//!
//! **What it does.** The Classic palette's name for [Query value](super::QueryValue):
//! runs a SOQL query and returns the records.
//!
//! **Controls.** `query` (SOQL). **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.query {soql}`.
//! **Results.** `{value: [record, ...]}`.
//!
//! **Example.** `{"id":"q","type":"SE_SFSoqlQuery","controls":{"query":"SELECT Id FROM Case WHERE CaseNumber = '00001026'"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred; the appendix gives it the
//! same description as Query value, so it behaves identically.

use super::query_value::{run_query, QUERY_CONTROLS};
use crate::prelude::*;

/// `SE_SFSoqlQuery`.
pub struct SoqlQuery;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFSoqlQuery",
    aliases: &[],
    name: "SOQL Query",
    family: Family::SalesforceData,
    description: "Runs a SOQL query (Classic name of Query value); results {value} = the records.",
    controls: QUERY_CONTROLS,
    ports: SUCCESS_FAILURE,
    results: "{value: record[]}",
    calls: &["salesforceData.query"],
    side_effects: false,
    confirmed: false,
};

impl Block for SoqlQuery {
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
            json!({"answers": {"salesforceData.query": {"ok": {"records": [{"Id": "500A"}]}}}}),
        );
        let r = run_block("SE_SFSoqlQuery", json!({"soql": "SELECT Id FROM Case"}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.query").args,
            json!({"soql": "SELECT Id FROM Case"})
        );
        assert_eq!(r.results, json!({"value": [{"Id": "500A"}]}));
    }

    #[test]
    fn server_error_takes_failure() {
        let r = run_block(
            "SE_SFSoqlQuery",
            json!({"query": "SELECT"}),
            &fails("salesforceData.query"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
