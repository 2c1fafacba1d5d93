//! Core utilities: pure blocks (decisions, strings, phone numbers) and Log.

mod extract_value;
mod format_phone;
mod format_phone_e164;
mod log;
mod truthy;

pub use extract_value::ExtractValue;
pub use format_phone::FormatPhoneNumber;
pub use format_phone_e164::FormatPhoneNumberE164;
pub use log::Log;
pub use truthy::Truthy;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &FormatPhoneNumber,
    &FormatPhoneNumberE164,
    &Truthy,
    &Log,
    &ExtractValue,
];
