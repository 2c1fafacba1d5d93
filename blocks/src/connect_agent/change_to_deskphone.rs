//! # Change Agent to Deskphone
//!
//! **What it does.** Switches the agent to a deskphone: calls ring at the
//! given number.
//!
//! **Controls.** `phoneNumber` (E.164; empty keeps the current extension).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `agent.setConfiguration {configuration}` with the agent's
//! configuration, `softphoneEnabled: false` and `extension: phoneNumber`.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"d","type":"SE_AgentChangeToDeskphone","controls":{"phoneNumber":"+15555550100"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control name are inferred. With neither
//! a number nor a current extension the block takes `failure` without a
//! call (Connect would refuse it). The number is not reformatted.

use crate::bridge_util::{agent_configuration, agent_or_fail, missing, try_out};
use crate::prelude::*;

/// `SE_AgentChangeToDeskphone`.
pub struct ChangeToDeskphone;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentChangeToDeskphone",
    aliases: &[],
    name: "Change Agent to Deskphone",
    family: Family::Agent,
    description: "Switches the agent to a deskphone at the given number (E.164).",
    controls: &[ControlSpec::opt(
        "phoneNumber",
        Kind::String,
        "The deskphone number, E.164 (empty keeps the current extension).",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.setConfiguration"],
    side_effects: true,
    confirmed: false,
};

impl Block for ChangeToDeskphone {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let mut cfg = agent_configuration(try_out!(agent_or_fail(ctx)));
            let number = ctx.string("phoneNumber").trim().to_string();
            let number = if number.is_empty() {
                js_string(cfg.get("extension"))
            } else {
                number
            };
            if number.is_empty() || number == "null" {
                return Ok(missing("phoneNumber"));
            }
            cfg.insert("softphoneEnabled".into(), Value::Bool(false));
            cfg.insert("extension".into(), Value::String(number));
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
    fn switches_to_the_deskphone() {
        let r = run_block(
            "SE_AgentChangeToDeskphone",
            json!({"phoneNumber": "+15555550111"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        let cfg = &r.call("agent.setConfiguration").args["configuration"];
        assert_eq!(cfg["softphoneEnabled"], json!(false));
        assert_eq!(cfg["extension"], json!("+15555550111"));
        assert_eq!(cfg["username"], json!("jane"));
    }

    #[test]
    fn errors_take_failure() {
        let r = run_block(
            "SE_AgentChangeToDeskphone",
            json!({}),
            &fails("agent.setConfiguration"),
        );
        assert_failure(&r, "GENERIC_ERROR");
        let e = agent_event(json!({"extension": ""}));
        let r = run_block_with("SE_AgentChangeToDeskphone", json!({}), e, &host());
        assert_failure(&r, "INVALID_PARAM");
        assert!(r.calls.is_empty());
    }
}
