//! Decisions and values: If-else, Is One Of?, Text Starts/Ends With Value,
//! Cast a Value to a Type, Get Payload, Length, Slice. Pure blocks: no host
//! calls, and no input makes them panic.

mod cast;
mod cmp;
mod ends_with;
mod get_payload;
mod if_else;
mod is_one_of;
mod length;
mod slice;
mod starts_with;

pub use cast::Cast;
pub use ends_with::EndsWith;
pub use get_payload::GetPayload;
pub use if_else::IfElse;
pub use is_one_of::IsOneOf;
pub use length::Length;
pub use slice::Slice;
pub use starts_with::StartsWith;

pub(crate) use cmp::text;
pub(crate) use get_payload::lookup;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &IfElse,
    &IsOneOf,
    &StartsWith,
    &EndsWith,
    &Cast,
    &GetPayload,
    &Length,
    &Slice,
];
