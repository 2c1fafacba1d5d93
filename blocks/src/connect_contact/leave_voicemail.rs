//! # Leave a Voicemail
//!
//! **What it does.** Voicemail drop: hands the customer to a quick connect
//! whose Connect flow plays a prerecorded message, and drops the agent (who
//! goes to After Call Work), so the agent need not wait for the beep.
//!
//! **Controls.** `voicemailDropName` (which recorded message),
//! `quickConnectName` (the quick connect whose transfer flow plays it).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `agent.getEndpoints {queueARNs}` to find the quick
//! connect; `contact.updateAttributes {attributes: {voicemailDropName}}` so
//! the transfer flow knows which message to play; `contact.addConnection
//! {endpoint}`; `contact.destroyAgentConnection {}`.
//! **Results.** `null`.
//!
//! **Example.** `{"id":"v","type":"SE_LeaveVoicemail","controls":{"voicemailDropName":"Renewal reminder","quickConnectName":"VoicemailDrop"},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** The type id is inferred; control names come from
//! the release notes. The adapter's own Connect flow looks the message up
//! in an `AC_VoicemailDrop__c` record whose fields are not public; this
//! block passes the name as the contact attribute `voicemailDropName`
//! instead (a Connect flow reads it with "Check contact attributes").
//! Any failed step takes `failure` and stops (a failed transfer leaves the
//! agent on the call). No contact takes `failure` (`NO_CONTACT`); an unknown
//! quick connect `NOT_FOUND`.

use crate::bridge_util::{agent_or_fail, fail, need, no_contact, quick_connects, text, try_out};
use crate::prelude::*;

/// `SE_LeaveVoicemail`.
pub struct LeaveVoicemail;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_LeaveVoicemail",
    aliases: &["SE_ContactLeaveVoicemail"],
    name: "Leave a Voicemail",
    family: Family::Contact,
    description: "Transfers the customer to a voicemail-drop quick connect and drops the agent.",
    controls: &[
        ControlSpec::req(
            "voicemailDropName",
            Kind::String,
            "The recorded message to play.",
        ),
        ControlSpec::req(
            "quickConnectName",
            Kind::String,
            "The quick connect whose flow plays it.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &[
        "agent.getEndpoints",
        "contact.updateAttributes",
        "contact.addConnection",
        "contact.destroyAgentConnection",
    ],
    side_effects: true,
    confirmed: false,
};

impl Block for LeaveVoicemail {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            if !ctx.has_contact() {
                return Ok(no_contact());
            }
            let drop_name = try_out!(need(ctx, "voicemailDropName"));
            let qc = try_out!(need(ctx, "quickConnectName"));
            let agent = try_out!(agent_or_fail(ctx));
            let endpoints = try_out!(quick_connects(ctx, agent).await);
            let Some(endpoint) = endpoints.into_iter().find(|e| text(e, "name") == qc) else {
                return Ok(fail("NOT_FOUND", format!("no quick connect named `{qc}`")));
            };
            let steps = [
                (
                    "updateAttributes",
                    json!({"attributes": {"voicemailDropName": drop_name}}),
                ),
                ("addConnection", json!({ "endpoint": endpoint })),
                ("destroyAgentConnection", json!({})),
            ];
            for (method, args) in steps {
                if let Err(e) = ctx.call(Bridge::Contact, method, args).await {
                    return Ok(BlockOutput::failure(e.to_value()));
                }
            }
            Ok(BlockOutput::success(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    fn with_qc(extra: Value) -> ScriptedHost {
        let mut answers = json!({"agent.getEndpoints": {"ok": [{"endpointARN": "arn:e/vm", "type": "queue", "name": "VoicemailDrop"}]}});
        if let (Some(a), Some(x)) = (answers.as_object_mut(), extra.as_object()) {
            a.extend(x.clone());
        }
        host_with(json!({ "answers": answers }))
    }

    fn controls() -> Value {
        json!({"voicemailDropName": "Renewal", "quickConnectName": "VoicemailDrop"})
    }

    #[test]
    fn transfers_and_drops_the_agent() {
        let r = run_block("SE_LeaveVoicemail", controls(), &with_qc(json!({})));
        assert_eq!(r.outcome, Some(Outcome::Success));
        let keys: Vec<String> = r.calls.iter().map(HostCall::key).collect();
        assert_eq!(
            keys,
            [
                "agent.getEndpoints",
                "contact.updateAttributes",
                "contact.addConnection",
                "contact.destroyAgentConnection"
            ]
        );
        assert_eq!(
            r.call("contact.updateAttributes").args,
            json!({"attributes": {"voicemailDropName": "Renewal"}})
        );
        assert_eq!(
            r.call("contact.addConnection").args["endpoint"]["endpointARN"],
            json!("arn:e/vm")
        );
    }

    #[test]
    fn a_failed_transfer_stops_and_takes_failure() {
        let h = with_qc(
            json!({"contact.addConnection": {"error": {"code": "GENERIC_ERROR", "message": "busy"}}}),
        );
        let r = run_block("SE_LeaveVoicemail", controls(), &h);
        assert_failure(&r, "GENERIC_ERROR");
        assert!(!r.calls.iter().any(|c| c.method == "destroyAgentConnection"));
        let r = run_block_with("SE_LeaveVoicemail", controls(), no_contact_event(), &host());
        assert_failure(&r, "NO_CONTACT");
        let r = run_block(
            "SE_LeaveVoicemail",
            json!({"voicemailDropName": "R", "quickConnectName": "Other"}),
            &with_qc(json!({})),
        );
        assert_failure(&r, "NOT_FOUND");
    }
}
