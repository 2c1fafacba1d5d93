//! # Get Agent Extension
//!
//! **What it does.** Reads the agent's extension (the deskphone number when softphone is off).
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** None: reads `$.agent.extension` (Streams `agent.getExtension()`).
//! **Results.** `{value}`.
//!
//! **Example.** `{"id":"g","type":"SE_AgentGetExtension","controls":{},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** The type id is inferred. An absent extension is `""`. With no agent snapshot
//! the run ends with an error (Streams getters throw before the first
//! snapshot).

use crate::bridge_util::agent_field;
use crate::prelude::*;

/// `SE_AgentGetExtension`.
pub struct GetExtension;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetExtension",
    aliases: &[],
    name: "Get Agent Extension",
    family: Family::Agent,
    description: "Reads the agent's extension (the deskphone number when softphone is off).",
    controls: &[],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetExtension {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move { agent_field(ctx, "extension", json!("")) })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_snapshot() {
        let r = run_block("SE_AgentGetExtension", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": "+15555550100"}));
        assert!(r.calls.is_empty());
        let r = run_block_with(
            "SE_AgentGetExtension",
            json!({}),
            agent_event(json!({"extension": null})),
            &host(),
        );
        assert_eq!(r.results, json!({"value": ""}));
    }

    #[test]
    fn no_agent_snapshot_is_a_run_error() {
        let r = run_block_with("SE_AgentGetExtension", json!({}), no_agent_event(), &host());
        assert_run_error(&r, "agent snapshot");
    }
}
