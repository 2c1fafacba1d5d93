//! # Get CCP Logs
//!
//! **What it does.** Returns the CCP (Streams) log as text, e.g. to attach it
//! to a case when an agent reports a problem.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** `agent.getLog {}` (Streams `connect.getLog().toString()`).
//! **Results.** `{value: string}`.
//!
//! **Example.** `{"id":"l","type":"SE_AgentGetCcpLogs","controls":{},"ports":{"done":"save"}}`
//!
//! **Accepted quirks.** The type id is inferred; no "download a file" option.
//! An answer that is not text is written as text. A host error ends the run
//! (no failure port).

use crate::prelude::*;

/// `SE_AgentGetCcpLogs`.
pub struct GetCcpLogs;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetCcpLogs",
    aliases: &[],
    name: "Get CCP Logs",
    family: Family::Agent,
    description: "Returns the CCP (Streams) log as text.",
    controls: &[],
    ports: DONE,
    results: "{value: string}",
    calls: &["agent.getLog"],
    side_effects: false,
    confirmed: false,
};

impl Block for GetCcpLogs {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let log = ctx
                .call_required(Bridge::Agent, "getLog", json!({}))
                .await?;
            let text = match log {
                Value::Null => String::new(),
                v => js_string(Some(&v)),
            };
            Ok(BlockOutput::value(Value::String(text)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn returns_the_log_text() {
        let h =
            host_with(json!({"answers": {"agent.getLog": {"ok": "2026-01-01 INFO ccp started"}}}));
        let r = run_block("SE_AgentGetCcpLogs", json!({}), &h);
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.call("agent.getLog").args, json!({}));
        assert_eq!(r.results, json!({"value": "2026-01-01 INFO ccp started"}));
    }

    #[test]
    fn host_error_ends_the_run() {
        let r = run_block("SE_AgentGetCcpLogs", json!({}), &fails("agent.getLog"));
        assert_run_error(&r, "agent.getLog");
    }
}
