//! Arithmetic: Multiply, Divide. Pure blocks: no host calls, and no input
//! makes them panic.

mod divide;
mod multiply;

pub use divide::Divide;
pub use multiply::Multiply;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&Multiply, &Divide];
