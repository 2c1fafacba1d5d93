//! Salesforce data: record lookups, reads and writes.

mod create_task;
mod get_contact_id;
mod get_lead_id;
mod phone_search;
mod retrieve;
mod save_log;

pub use create_task::CreateTask;
pub use get_contact_id::GetContactId;
pub use get_lead_id::GetLeadId;
pub use retrieve::Retrieve;
pub use save_log::SaveLog;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] =
    &[&GetContactId, &GetLeadId, &Retrieve, &SaveLog, &CreateTask];
