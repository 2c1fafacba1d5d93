//! Salesforce UI through Lightning Open CTI: screen pops and searches.

mod screenpop_new_record;
mod screenpop_object;
mod search_and_screenpop;

pub use screenpop_new_record::ScreenpopNewRecord;
pub use screenpop_object::ScreenpopObject;
pub use search_and_screenpop::SearchAndScreenpop;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] =
    &[&SearchAndScreenpop, &ScreenpopObject, &ScreenpopNewRecord];
