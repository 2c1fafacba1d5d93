//! The property store beyond Get/Set Property: Get All Properties, Unset
//! Property, Clear All Properties, Get Counter, Update Counter. Every one
//! goes through `platform` bridge calls; the store itself is the host's.

mod clear_all_properties;
mod get_all_properties;
mod get_counter;
mod unset_property;
mod update_counter;

pub use clear_all_properties::ClearAllProperties;
pub use get_all_properties::GetAllProperties;
pub use get_counter::GetCounter;
pub use unset_property::UnsetProperty;
pub use update_counter::UpdateCounter;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &GetAllProperties,
    &UnsetProperty,
    &ClearAllProperties,
    &GetCounter,
    &UpdateCounter,
];
