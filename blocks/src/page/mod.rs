//! The adapter page: HTTP Request, Alert, Show Modal, Call jQuery Method,
//! Send Data to CCP Overlay, Show Attributes. HTTP goes through the
//! `platform` bridge behind the engine's allowlist; the rest through
//! `adapterUi`, which shows flow data as text, never HTML.

mod alert;
mod http_request;
mod jquery;
mod send_data_to_overlay;
mod show_attributes;
mod show_modal;

pub use alert::Alert;
pub use http_request::HttpRequest;
pub use jquery::JQuery;
pub use send_data_to_overlay::SendDataToCcpOverlay;
pub use show_attributes::ShowAttributes;
pub use show_modal::ShowModal;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &HttpRequest,
    &Alert,
    &ShowModal,
    &JQuery,
    &SendDataToCcpOverlay,
    &ShowAttributes,
];
