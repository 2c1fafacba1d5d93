//! Salesforce data (bridges.md 6.4): Apex, SOQL queries and the Do Not Call
//! check. Record lookups, saves and tasks live in `salesforce`.

mod is_contact_do_not_call;
mod query_value;
mod run_apex;
mod soql_query;

pub use is_contact_do_not_call::IsContactDoNotCall;
pub use query_value::QueryValue;
pub use run_apex::RunApex;
pub use soql_query::SoqlQuery;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&RunApex, &QueryValue, &SoqlQuery, &IsContactDoNotCall];
