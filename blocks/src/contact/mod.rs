//! Amazon Connect contact: reads of the run's contact snapshot and actions
//! on the contact.

mod customer_phone_number;
mod get_attribute;
mod properties;
mod update_attributes;

pub use customer_phone_number::CustomerPhoneNumber;
pub use get_attribute::GetAttribute;
pub use properties::Properties;
pub use update_attributes::UpdateAttributes;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &GetAttribute,
    &CustomerPhoneNumber,
    &Properties,
    &UpdateAttributes,
];
