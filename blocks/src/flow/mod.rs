//! Flow structure: Start and End.

mod end;
mod start;

pub use end::End;
pub use start::Start;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&Start, &End];
