//! The property store: values kept across runs of the agent's session.

mod get_property;
mod set_property;

pub use get_property::GetProperty;
pub use set_property::SetProperty;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&SetProperty, &GetProperty];
