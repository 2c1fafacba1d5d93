//! Salesforce UI through Lightning Open CTI (bridges.md 6.3): click-to-dial,
//! app view, softphone layout and panel, High Velocity Sales, and the screen
//! pops other than Search And Screenpop, Screenpop Object and New Record
//! (which live in `salesforce`).

mod can_make_outbound_calls;
mod complete_hvs_work;
mod disable_click_to_dial;
mod enable_click_to_dial;
mod get_app_view_info;
mod get_softphone_layout;
mod hide_softphone_panel;
mod refresh_view;
mod screenpop_list;
mod screenpop_object_home;
mod screenpop_search;
mod screenpop_url;
mod set_softphone_panel_height;
mod set_softphone_panel_width;
mod show_softphone_panel;

pub use can_make_outbound_calls::CanMakeOutboundCalls;
pub use complete_hvs_work::CompleteHvsWork;
pub use disable_click_to_dial::DisableClickToDial;
pub use enable_click_to_dial::EnableClickToDial;
pub use get_app_view_info::GetAppViewInfo;
pub use get_softphone_layout::GetSoftphoneLayout;
pub use hide_softphone_panel::HideSoftphonePanel;
pub use refresh_view::RefreshView;
pub use screenpop_list::ScreenpopList;
pub use screenpop_object_home::ScreenpopObjectHome;
pub use screenpop_search::ScreenpopSearch;
pub use screenpop_url::ScreenpopUrl;
pub use set_softphone_panel_height::SetSoftphonePanelHeight;
pub use set_softphone_panel_width::SetSoftphonePanelWidth;
pub use show_softphone_panel::ShowSoftphonePanel;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &CanMakeOutboundCalls,
    &EnableClickToDial,
    &DisableClickToDial,
    &GetAppViewInfo,
    &GetSoftphoneLayout,
    &CompleteHvsWork,
    &RefreshView,
    &ShowSoftphonePanel,
    &HideSoftphonePanel,
    &SetSoftphonePanelHeight,
    &SetSoftphonePanelWidth,
    &ScreenpopUrl,
    &ScreenpopObjectHome,
    &ScreenpopList,
    &ScreenpopSearch,
];
