//! # Logout Agent on Salesforce
//!
//! **What it does.** Logs the agent out of Omni-Channel.
//!
//! **Controls.** None. **Ports.** `success`, `failure`.
//! **Host calls.** `omni.logout {}`.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"o","type":"SE_SFLogoutAgent","controls":{},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred.

use crate::prelude::*;

/// `SE_SFLogoutAgent`.
pub struct LogoutAgent;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFLogoutAgent",
    aliases: &[],
    name: "Logout Agent on Salesforce",
    family: Family::Omni,
    description: "Logs the agent out of Omni-Channel.",
    controls: &[],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["omni.logout"],
    side_effects: true,
    confirmed: false,
};

impl Block for LogoutAgent {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(crate::bridge_util::act(
            ctx,
            Bridge::Omni,
            "logout",
            json!({}),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn logs_out() {
        let r = run_block("SE_SFLogoutAgent", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.call("omni.logout").args, json!({}));
    }

    #[test]
    fn omni_error_takes_failure() {
        let r = run_block("SE_SFLogoutAgent", json!({}), &fails("omni.logout"));
        assert_failure(&r, "GENERIC_ERROR");
    }
}
