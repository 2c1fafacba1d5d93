//! Dates and time: Format a Date object, Delay. Both read or wait on the
//! platform clock, so headless runs stay deterministic.

mod delay;
mod format_date;

pub use delay::Delay;
pub use format_date::FormatDate;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&FormatDate, &Delay];
