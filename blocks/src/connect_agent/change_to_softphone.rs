//! # Change Agent to Softphone
//!
//! **What it does.** Switches the agent to the softphone (calls ring in the
//! browser).
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `agent.setConfiguration {configuration}` with the agent's
//! configuration and `softphoneEnabled: true` (Streams applies only
//! `softphoneEnabled` and `extension`).
//! **Results.** `null`.
//!
//! **Example.** `{"id":"s","type":"SE_AgentChangeToSoftphone","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred. The configuration is
//! `$.agent` without `state`/`availabilityState`. No agent snapshot takes
//! `failure`.

use crate::bridge_util::{agent_configuration, agent_or_fail, try_out};
use crate::prelude::*;

/// `SE_AgentChangeToSoftphone`.
pub struct ChangeToSoftphone;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentChangeToSoftphone",
    aliases: &[],
    name: "Change Agent to Softphone",
    family: Family::Agent,
    description: "Switches the agent to the softphone.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.setConfiguration"],
    side_effects: true,
    confirmed: false,
};

impl Block for ChangeToSoftphone {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let mut cfg = agent_configuration(try_out!(agent_or_fail(ctx)));
            cfg.insert("softphoneEnabled".into(), Value::Bool(true));
            let args = json!({ "configuration": cfg });
            crate::bridge_util::act(ctx, Bridge::Agent, "setConfiguration", args).await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn enables_the_softphone() {
        let e = agent_event(json!({"softphoneEnabled": false}));
        let r = run_block_with("SE_AgentChangeToSoftphone", json!({}), e, &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        let cfg = &r.call("agent.setConfiguration").args["configuration"];
        assert_eq!(cfg["softphoneEnabled"], json!(true));
        assert_eq!(cfg["extension"], json!("+15555550100"));
        assert!(cfg.get("state").is_none());
    }

    #[test]
    fn streams_error_takes_failure() {
        let r = run_block(
            "SE_AgentChangeToSoftphone",
            json!({}),
            &fails("agent.setConfiguration"),
        );
        assert_failure(&r, "GENERIC_ERROR");
    }
}
