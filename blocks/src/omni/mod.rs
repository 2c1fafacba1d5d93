//! Salesforce Omni-Channel presence (bridges.md 6.6), through the `omni`
//! bridge the host page normalises (Classic presence API or Lightning
//! `omniToolkitAPI`).

mod get_agent_state;
mod get_agent_workload;
mod login_agent;
mod logout_agent;
mod set_agent_state;

pub use get_agent_state::GetAgentState;
pub use get_agent_workload::GetAgentWorkload;
pub use login_agent::LoginAgent;
pub use logout_agent::LogoutAgent;
pub use set_agent_state::SetAgentState;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[
    &GetAgentWorkload,
    &GetAgentState,
    &SetAgentState,
    &LoginAgent,
    &LogoutAgent,
];
