//! Amazon Connect contact (bridges.md 6.8, with Leave a Voicemail from 6.9
//! and Pop Task Contact's Reference Urls from 6.3): decisions and reads of
//! the contact snapshot (`$.contact`) and actions on the run's contact. The
//! attribute, phone number and properties getters and Update Contact
//! Attributes live in `contact`.
//!
//! With no contact in context, decisions take `false`, getters return empty
//! results and actions take `failure` (`NO_CONTACT`).

mod clear;
mod destroy;
mod interaction_metadata;
mod is_callback;
mod is_chat;
mod is_inbound;
mod is_task;
mod is_transfer;
mod is_voice;
mod leave_voicemail;
mod pop_task_reference_urls;
mod start_recording;
mod stop_recording;

pub use clear::Clear;
pub use destroy::Destroy;
pub use interaction_metadata::InteractionMetadata;
pub use is_callback::IsCallback;
pub use is_chat::IsChat;
pub use is_inbound::IsInbound;
pub use is_task::IsTask;
pub use is_transfer::IsTransfer;
pub use is_voice::IsVoice;
pub use leave_voicemail::LeaveVoicemail;
pub use pop_task_reference_urls::PopTaskReferenceUrls;
pub use start_recording::StartRecording;
pub use stop_recording::StopRecording;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &IsVoice,
    &IsChat,
    &IsTask,
    &IsInbound,
    &IsTransfer,
    &IsCallback,
    &InteractionMetadata,
    &StartRecording,
    &StopRecording,
    &Destroy,
    &Clear,
    &LeaveVoicemail,
    &PopTaskReferenceUrls,
];
