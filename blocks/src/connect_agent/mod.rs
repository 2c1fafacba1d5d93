//! Amazon Connect agent (bridges.md 6.7): reads of the agent snapshot
//! (`$.agent`) and actions through the `agent` bridge (Streams). Dial Number
//! lives in `agent`.

mod change_to_deskphone;
mod change_to_softphone;
mod create_task_contact;
mod get_available_states;
mod get_ccp_logs;
mod get_configuration;
mod get_deskphone_number;
mod get_dialable_countries;
mod get_endpoint_by_phone_number;
mod get_extension;
mod get_name;
mod get_quick_connection_list;
mod get_state;
mod get_transfer_connection_list;
mod is_softphone_enabled;
mod mute;
mod set_available;
mod set_state;
mod set_state_by_name;
mod unmute;

pub use change_to_deskphone::ChangeToDeskphone;
pub use change_to_softphone::ChangeToSoftphone;
pub use create_task_contact::CreateTaskContact;
pub use get_available_states::GetAvailableStates;
pub use get_ccp_logs::GetCcpLogs;
pub use get_configuration::GetConfiguration;
pub use get_deskphone_number::GetDeskphoneNumber;
pub use get_dialable_countries::GetDialableCountries;
pub use get_endpoint_by_phone_number::GetEndpointByPhoneNumber;
pub use get_extension::GetExtension;
pub use get_name::GetName;
pub use get_quick_connection_list::GetQuickConnectionList;
pub use get_state::GetState;
pub use get_transfer_connection_list::GetTransferConnectionList;
pub use is_softphone_enabled::IsSoftphoneEnabled;
pub use mute::Mute;
pub use set_available::SetAvailable;
pub use set_state::SetState;
pub use set_state_by_name::SetStateByName;
pub use unmute::Unmute;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &Mute,
    &Unmute,
    &GetState,
    &SetState,
    &SetStateByName,
    &SetAvailable,
    &GetQuickConnectionList,
    &GetTransferConnectionList,
    &GetEndpointByPhoneNumber,
    &GetAvailableStates,
    &GetName,
    &GetExtension,
    &GetDeskphoneNumber,
    &IsSoftphoneEnabled,
    &ChangeToSoftphone,
    &ChangeToDeskphone,
    &GetConfiguration,
    &GetDialableCountries,
    &CreateTaskContact,
    &GetCcpLogs,
];
