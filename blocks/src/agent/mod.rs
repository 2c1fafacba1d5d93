//! Amazon Connect agent: reads of the agent snapshot and agent actions.

mod dial_number;

pub use dial_number::DialNumber;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&DialNumber];
