//! # Create Task Contact
//!
//! **What it does.** Creates an Amazon Connect task and routes it to a quick
//! connect (an agent or a queue), optionally linked to the current contact.
//!
//! **Controls.** `name` (≤ 512 characters), `description` (≤ 4096),
//! `quickConnectName` (a quick connect available to the agent's queues),
//! `references` (`{name: url}`), `scheduledTime` (optional, passed as
//! given), `linkToCurrentContact` (boolean; sets `previousContactId`).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `agent.getEndpoints {queueARNs}` to find the quick
//! connect, then `agent.createTask {task}` with `task = {name, description,
//! endpoint, references: {k: {type: "URL", value}}, previousContactId?,
//! scheduledTime?}` (TaskJS `agent.createTask`).
//! **Results.** `{contactId}` of the new task.
//!
//! **Example.** `{"id":"t","type":"SE_AgentCreateTaskContact","controls":{"name":"Call back","description":"Customer asked for a call back","quickConnectName":"Billing","references":{"Case":"https://example.my.salesforce.com/500A"},"linkToCurrentContact":true},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control names are inferred. The quick
//! connect is matched by exact name; none found takes `failure` with
//! `NOT_FOUND`. An empty `name` or `quickConnectName` takes `failure`
//! without a call. Lengths are left for Connect to check.

use crate::bridge_util::{agent_or_fail, fail, need, quick_connects, text, try_out};
use crate::prelude::*;

/// `SE_AgentCreateTaskContact`.
pub struct CreateTaskContact;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentCreateTaskContact",
    aliases: &[],
    name: "Create Task Contact",
    family: Family::Agent,
    description: "Creates an Amazon Connect task routed to a quick connect; results {contactId}.",
    controls: &[
        ControlSpec::req(
            "name",
            Kind::String,
            "The task name (up to 512 characters).",
        ),
        ControlSpec::opt(
            "description",
            Kind::String,
            "The description (up to 4096 characters).",
        ),
        ControlSpec::req(
            "quickConnectName",
            Kind::String,
            "The quick connect (agent or queue) to route to.",
        ),
        ControlSpec::opt("references", Kind::Object, "URL references {name: url}."),
        ControlSpec::opt(
            "scheduledTime",
            Kind::Any,
            "When the task should start (passed to Streams).",
        ),
        ControlSpec::def(
            "linkToCurrentContact",
            Kind::Bool,
            "false",
            "Link it to the run's contact.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "{contactId}",
    calls: &["agent.getEndpoints", "agent.createTask"],
    side_effects: true,
    confirmed: false,
};

impl Block for CreateTaskContact {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let name = try_out!(need(ctx, "name"));
            let qc = try_out!(need(ctx, "quickConnectName"));
            let agent = try_out!(agent_or_fail(ctx));
            let endpoints = try_out!(quick_connects(ctx, agent).await);
            let Some(endpoint) = endpoints.into_iter().find(|e| text(e, "name") == qc) else {
                return Ok(fail("NOT_FOUND", format!("no quick connect named `{qc}`")));
            };
            let refs: Map<String, Value> = ctx
                .object("references")
                .into_iter()
                .map(|(k, v)| (k, json!({"type": "URL", "value": js_string(Some(&v))})))
                .collect();
            let mut task = Map::new();
            task.insert("name".into(), Value::String(name));
            task.insert(
                "description".into(),
                Value::String(ctx.string("description")),
            );
            task.insert("endpoint".into(), endpoint);
            if !refs.is_empty() {
                task.insert("references".into(), Value::Object(refs));
            }
            if ctx.bool("linkToCurrentContact") {
                let id = ctx
                    .contact()
                    .get("contactId")
                    .cloned()
                    .unwrap_or(Value::Null);
                if id.is_string() {
                    task.insert("previousContactId".into(), id);
                }
            }
            if let Some(t) = ctx.value("scheduledTime").filter(|v| v != "") {
                task.insert("scheduledTime".into(), t);
            }
            ctx.call_outcome(
                Bridge::Agent,
                "createTask",
                json!({ "task": task }),
                |v| json!({"contactId": v.get("contactId").cloned().unwrap_or(Value::Null)}),
            )
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    fn answers(create: Value) -> ScriptedHost {
        host_with(json!({"answers": {
            "agent.getEndpoints": {"ok": {"endpoints": [{"endpointARN": "arn:e/q", "type": "queue", "name": "Billing"}]}},
            "agent.createTask": create
        }}))
    }

    #[test]
    fn creates_a_linked_task() {
        let h = answers(json!({"ok": {"contactId": "task-1"}}));
        let c = json!({"name": "Call back", "description": "d", "quickConnectName": "Billing",
                       "references": {"Case": "https://x/500A"}, "linkToCurrentContact": true});
        let r = run_block("SE_AgentCreateTaskContact", c, &h);
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("agent.createTask").args,
            json!({"task": {"name": "Call back", "description": "d",
                "endpoint": {"endpointARN": "arn:e/q", "type": "queue", "name": "Billing"},
                "references": {"Case": {"type": "URL", "value": "https://x/500A"}},
                "previousContactId": "c-voice-1"}})
        );
        assert_eq!(r.results, json!({"contactId": "task-1"}));
    }

    #[test]
    fn errors_and_unknown_quick_connects_take_failure() {
        let h = answers(json!({"error": {"code": "GENERIC_ERROR", "message": "no"}}));
        let c = json!({"name": "n", "quickConnectName": "Billing"});
        let r = run_block("SE_AgentCreateTaskContact", c, &h);
        assert_failure(&r, "GENERIC_ERROR");
        let c = json!({"name": "n", "quickConnectName": "Nobody"});
        let r = run_block("SE_AgentCreateTaskContact", c, &h);
        assert_failure(&r, "NOT_FOUND");
        assert_eq!(r.calls.len(), 1);
    }
}
