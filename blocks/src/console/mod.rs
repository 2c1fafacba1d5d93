//! Salesforce console tabs through the Console Integration Toolkit
//! (bridges.md 6.5). Calls go to the `salesforceUi` bridge with the
//! toolkit's method names and named arguments.

mod close_tab;
mod get_focused_primary_tab_object_id;
mod get_focused_subtab_object_id;
mod get_primary_tab_ids;
mod get_tab_object_map;
mod get_tabs_with_matching_url;
mod open_primary_tab;
mod open_subtab;

pub use close_tab::CloseTab;
pub use get_focused_primary_tab_object_id::GetFocusedPrimaryTabObjectId;
pub use get_focused_subtab_object_id::GetFocusedSubtabObjectId;
pub use get_primary_tab_ids::GetPrimaryTabIds;
pub use get_tab_object_map::GetTabObjectMap;
pub use get_tabs_with_matching_url::GetTabsWithMatchingUrl;
pub use open_primary_tab::OpenPrimaryTab;
pub use open_subtab::OpenSubtab;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &OpenPrimaryTab,
    &OpenSubtab,
    &GetFocusedPrimaryTabObjectId,
    &GetFocusedSubtabObjectId,
    &CloseTab,
    &GetPrimaryTabIds,
    &GetTabObjectMap,
    &GetTabsWithMatchingUrl,
];
