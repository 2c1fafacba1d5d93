//! # Get Agent Workload on Salesforce
//!
//! **What it does.** Reads the agent's Omni-Channel capacity and current
//! workload.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `omni.getAgentWorkload {}`.
//! **Results.** The answer as is: `{configuredCapacity, currentWorkload}`
//! (Lightning adds `configuredInterruptibleCapacity`,
//! `currentInterruptibleWorkload`).
//!
//! **Example.** `{"id":"w","type":"SE_SFGetAgentWorkload","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. A host without Omni-Channel
//! (the agent is not logged in to Omni) answers an error: `failure`.

use crate::prelude::*;

/// `SE_SFGetAgentWorkload`.
pub struct GetAgentWorkload;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFGetAgentWorkload",
    aliases: &[],
    name: "Get Agent Workload on Salesforce",
    family: Family::Omni,
    description: "Reads the agent's Omni-Channel {configuredCapacity, currentWorkload}.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "{configuredCapacity, currentWorkload, ...}",
    calls: &["omni.getAgentWorkload"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetAgentWorkload {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(ctx.call_outcome(Bridge::Omni, "getAgentWorkload", json!({}), |v| v))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn reads_the_workload() {
        let w = json!({"configuredCapacity": 5, "currentWorkload": 2});
        let h = host_with(json!({"answers": {"omni.getAgentWorkload": {"ok": w.clone()}}}));
        let r = run_block("SE_SFGetAgentWorkload", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("omni.getAgentWorkload").args, json!({}));
        assert_eq!(r.results, w);
    }

    #[test]
    fn omni_error_takes_failure() {
        let r = run_block(
            "SE_SFGetAgentWorkload",
            json!({}),
            &fails("omni.getAgentWorkload"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
