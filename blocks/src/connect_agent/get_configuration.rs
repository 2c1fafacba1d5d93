//! # Get Agent Configuration
//!
//! **What it does.** Reads the agent's configuration: name, username,
//! extension, softphone flag, dialable countries, permissions, routing
//! profile, agent states, ARN.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent` (Streams `agent.getConfiguration()`).
//! **Results.** The configuration object: `$.agent` without the `state` and
//! `availabilityState` the page adds.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetConfiguration","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. No agent snapshot ends the
//! run with an error.

use crate::bridge_util::{agent_configuration, agent_or_error};
use crate::prelude::*;

/// `SE_AgentGetConfiguration`.
pub struct GetConfiguration;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetConfiguration",
    aliases: &[],
    name: "Get Agent Configuration",
    family: Family::Agent,
    description: "Reads the agent's configuration (agent.getConfiguration()).",
    controls: &[],
    ports: DONE,
    results: "{name, username, extension, softphoneEnabled, dialableCountries, permissions, routingProfile, agentStates, agentARN}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetConfiguration {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let agent = agent_or_error(ctx)?;
            Ok(BlockOutput::done(Value::Object(agent_configuration(agent))))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_configuration_without_state() {
        let r = run_block("SE_AgentGetConfiguration", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results["username"], json!("jane"));
        assert_eq!(r.results["softphoneEnabled"], json!(true));
        assert!(r.results.get("state").is_none());
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with(
            "SE_AgentGetConfiguration",
            json!({}),
            no_agent_event(),
            &host(),
        );
        assert_run_error(&r, "agent snapshot");
    }
}
