//! Helpers shared by the bridge blocks (`opencti`, `console`, `records`,
//! `omni`, `connect_agent`, `connect_contact`): the repeated "call → success
//! or failure" shape, failures a block decides itself, and readers of the
//! agent snapshot and of bridge answers.
//!
//! Conventions every bridge block follows (see `docs/host-contract.md`):
//!
//! - A block with a `failure` port never ends the run over bad input: a
//!   missing value (a magic string that resolved to undefined) or a missing
//!   snapshot takes `failure` with an exception shaped like a host error
//!   (`{code, message}`), the way the adapter's call with `undefined` would
//!   have been refused. Codes: `INVALID_PARAM`, `NOT_FOUND`, `NO_CONTACT`,
//!   `NO_AGENT`.
//! - A block with no `failure` port (getters, decisions, `done` actions)
//!   ends the run with a [`BlockError`] when a bridge call fails or the agent
//!   snapshot is missing (Streams getters throw before the first snapshot).

use crate::prelude::*;
use ctiflow_engine::HostError;

/// The `failure` a helper hands back for the block to take (boxed: a
/// [`BlockOutput`] is large).
pub(crate) type Fail = Box<BlockOutput>;

/// The `failure` for a host error.
pub(crate) fn failure_of(e: &HostError) -> Fail {
    Box::new(BlockOutput::failure(e.to_value()))
}

/// `failure` with a `{code, message}` exception, for failures the block
/// decides without calling the host.
pub(crate) fn fail(code: &str, message: impl Into<String>) -> BlockOutput {
    BlockOutput::failure(HostError::new(code, message).to_value())
}

/// `failure`: the run has no contact in context (bridges.md 6.8).
pub(crate) fn no_contact() -> BlockOutput {
    fail("NO_CONTACT", "the run has no contact in context")
}

/// `failure`: a control the call needs has no value.
pub(crate) fn missing(control: &str) -> BlockOutput {
    fail("INVALID_PARAM", format!("control `{control}` has no value"))
}

/// A text control that must not be empty; `Err` is the `failure` to take.
pub(crate) fn need(ctx: &Ctx<'_>, name: &str) -> Result<String, Fail> {
    let s = ctx.string(name);
    if s.trim().is_empty() {
        Err(Box::new(missing(name)))
    } else {
        Ok(s)
    }
}

/// Unwraps a `Result<T, Fail>` inside a block's `run`, returning the
/// `failure` output early.
macro_rules! try_out {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(out) => return Ok(*out),
        }
    };
}
pub(crate) use try_out;

/// Calls the host; `success` with `null` results, or `failure` with the
/// host's error as the exception.
pub(crate) async fn act(ctx: &Ctx<'_>, bridge: Bridge, method: &str, args: Value) -> BlockResult {
    ctx.call_outcome(bridge, method, args, |_| Value::Null)
        .await
}

/// Like [`act`] for an action on the run's contact: `failure` without a call
/// when there is no contact.
pub(crate) async fn contact_act(ctx: &Ctx<'_>, method: &str, args: Value) -> BlockResult {
    if !ctx.has_contact() {
        return Ok(no_contact());
    }
    act(ctx, Bridge::Contact, method, args).await
}

/// The agent snapshot for a block with no failure port: an error when the
/// event carried none (Streams getters throw before the first snapshot).
pub(crate) fn agent_or_error<'c>(ctx: &'c Ctx<'_>) -> Result<&'c Map<String, Value>, BlockError> {
    ctx.agent().as_object().ok_or_else(|| {
        BlockError::Other("the event carried no agent snapshot ($.agent is not an object)".into())
    })
}

/// A getter block's `{value}`: one field of the agent snapshot, `default`
/// when it is absent or null (Streams getters read the latest snapshot).
pub(crate) fn agent_field(ctx: &Ctx<'_>, key: &str, default: Value) -> BlockResult {
    let agent = agent_or_error(ctx)?;
    let v = match agent.get(key) {
        Some(v) if !v.is_null() => v.clone(),
        _ => default,
    };
    Ok(BlockOutput::value(v))
}

/// The agent snapshot for a block with a failure port.
pub(crate) fn agent_or_fail<'c>(ctx: &'c Ctx<'_>) -> Result<&'c Map<String, Value>, Fail> {
    ctx.agent()
        .as_object()
        .ok_or_else(|| Box::new(fail("NO_AGENT", "the event carried no agent snapshot")))
}

/// `agent.getConfiguration()` from the snapshot: everything but the state
/// fields the page adds.
pub(crate) fn agent_configuration(agent: &Map<String, Value>) -> Map<String, Value> {
    let mut cfg = agent.clone();
    cfg.remove("state");
    cfg.remove("availabilityState");
    cfg
}

/// `agent.getAgentStates()` from the snapshot (empty when absent).
pub(crate) fn agent_states(agent: &Map<String, Value>) -> &[Value] {
    agent
        .get("agentStates")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A text field of a JSON object (`""` when absent or not text).
pub(crate) fn text<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The queues whose quick connects the native CCP lists: the routing
/// profile's queues plus its default outbound queue, without repeats.
pub(crate) fn quick_connect_queue_arns(agent: &Map<String, Value>) -> Vec<Value> {
    let rp = agent.get("routingProfile").unwrap_or(&Value::Null);
    let mut arns: Vec<Value> = Vec::new();
    let queues = rp.get("queues").and_then(Value::as_array);
    let default = rp.get("defaultOutboundQueue");
    for q in queues.into_iter().flatten().chain(default) {
        let arn = text(q, "queueARN");
        if !arn.is_empty() && !arns.iter().any(|a| a == arn) {
            arns.push(Value::String(arn.to_string()));
        }
    }
    arns
}

/// The endpoints of an `agent.getEndpoints` answer (`{endpoints}` or a bare
/// array).
pub(crate) fn endpoints_of(answer: Value) -> Vec<Value> {
    match answer {
        Value::Array(a) => a,
        Value::Object(mut m) => match m.remove("endpoints") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Calls `agent.getEndpoints` for the agent's quick-connect queues.
pub(crate) async fn quick_connects(
    ctx: &Ctx<'_>,
    agent: &Map<String, Value>,
) -> Result<Vec<Value>, Fail> {
    let args = json!({ "queueARNs": quick_connect_queue_arns(agent) });
    match ctx.call(Bridge::Agent, "getEndpoints", args).await {
        Ok(v) => Ok(endpoints_of(v)),
        Err(e) => Err(failure_of(&e)),
    }
}

/// The records of a `salesforceData.query` answer (an array, or `{records}`).
pub(crate) fn records_of(answer: Value) -> Vec<Value> {
    match answer {
        Value::Array(a) => a,
        Value::Object(mut m) => match m.remove("records") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A SOQL string literal: quotes and backslashes escaped, in single quotes.
pub(crate) fn soql_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The id a console toolkit call answered: the text itself, or `{id}`.
pub(crate) fn answer_id(v: &Value) -> Value {
    match v {
        Value::String(s) if !s.is_empty() => v.clone(),
        Value::Object(m) => match m.get("id") {
            Some(Value::String(s)) if !s.is_empty() => Value::String(s.clone()),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

/// `{id, value}`, both the id (the adapter kept `value` for compatibility).
pub(crate) fn id_value(id: Value) -> Value {
    json!({ "id": id.clone(), "value": id })
}

/// The ids of a `getPrimaryTabIds` answer (an array, or `{ids}`).
pub(crate) fn tab_ids_of(answer: &Value) -> Vec<String> {
    let list = match answer {
        Value::Array(a) => Some(a),
        Value::Object(m) => m.get("ids").and_then(Value::as_array),
        _ => None,
    };
    list.into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Calls `getPrimaryTabIds`, then `getPageInfo` for each tab, and returns
/// `(tabId, pageInfo object)` pairs. `pageInfo` arrives as a JSON string
/// (the toolkit's shape), as `{pageInfo: "..."}`, or as an object.
pub(crate) async fn tabs_with_page_info(
    ctx: &Ctx<'_>,
) -> Result<Vec<(String, Map<String, Value>)>, Fail> {
    let ids = match ctx
        .call(Bridge::SalesforceUi, "getPrimaryTabIds", json!({}))
        .await
    {
        Ok(v) => tab_ids_of(&v),
        Err(e) => return Err(failure_of(&e)),
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let answer = ctx
            .call(Bridge::SalesforceUi, "getPageInfo", json!({ "tabId": id }))
            .await
            .map_err(|e| failure_of(&e))?;
        out.push((id, page_info(answer)));
    }
    Ok(out)
}

fn page_info(answer: Value) -> Map<String, Value> {
    let inner = match answer {
        Value::Object(mut m) if m.contains_key("pageInfo") => {
            m.remove("pageInfo").unwrap_or(Value::Null)
        }
        other => other,
    };
    match inner {
        Value::String(s) => match serde_json::from_str(&s) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// A decision on the run's contact type (Streams `contact.getType()`):
/// `true` when it is `ty`, `false` otherwise or with no contact.
pub(crate) fn contact_type_is(ctx: &Ctx<'_>, ty: &str) -> BlockResult {
    Ok(BlockOutput::decision(
        ctx.with_contact(|c| c.get("type").is_some_and(|t| t == ty)),
    ))
}

/// Whether the run's contact is live (not ended, missed, rejected or in
/// error): `agent.setState` must then be enqueued.
pub(crate) fn live_contact(ctx: &Ctx<'_>) -> bool {
    ctx.with_contact(|c| {
        let state = c.get("status").map(|s| text(s, "type")).unwrap_or_default();
        c.is_object() && !matches!(state, "ended" | "missed" | "rejected" | "error")
    })
}

/// Resolves an Omni-Channel status given as a record id (`0N5...`) or a
/// DeveloperName (what Presence Sync Rules use) to the id, querying
/// `ServicePresenceStatus` for a name.
pub(crate) async fn presence_status_id(ctx: &Ctx<'_>, status: &str) -> Result<String, Fail> {
    let s = status.trim();
    let is_id = s.starts_with("0N5")
        && (s.len() == 15 || s.len() == 18)
        && s.chars().all(|c| c.is_ascii_alphanumeric());
    if is_id {
        return Ok(s.to_string());
    }
    let soql = format!(
        "SELECT Id FROM ServicePresenceStatus WHERE DeveloperName = {} LIMIT 1",
        soql_quote(s)
    );
    let answer = ctx
        .call(Bridge::SalesforceData, "query", json!({ "soql": soql }))
        .await
        .map_err(|e| failure_of(&e))?;
    records_of(answer)
        .first()
        .map(|r| text(r, "Id").to_string())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            Box::new(fail(
                "NOT_FOUND",
                format!("no Omni-Channel presence status named `{s}`"),
            ))
        })
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Test helpers for the bridge blocks.
    use crate::testing::*;

    /// A host whose `key` call fails with `GENERIC_ERROR`.
    pub fn fails(key: &str) -> ScriptedHost {
        host_with(
            json!({"answers": {key: {"error": {"code": "GENERIC_ERROR", "message": "scripted failure"}}}}),
        )
    }

    /// The block took `failure` with this exception code.
    #[track_caller]
    pub fn assert_failure(r: &One, code: &str) {
        assert_eq!(r.outcome, Some(Outcome::Failure), "report: {:?}", r.report);
        let got = r.exception.as_ref().and_then(|e| e.get("code")).cloned();
        assert_eq!(got, Some(json!(code)), "exception: {:?}", r.exception);
    }

    /// The run ended with an error at the block, naming the failed call.
    #[track_caller]
    pub fn assert_run_error(r: &One, needle: &str) {
        assert_eq!(r.outcome, None);
        match &r.report.end {
            EndReason::Error { message, .. } => {
                assert!(message.contains(needle), "{message}")
            }
            other => panic!("expected a run error, got {other:?}"),
        }
    }

    /// An event with the default agent and no contact.
    pub fn no_contact_event() -> Event {
        Event {
            payload: json!({}),
            contact: Value::Null,
            agent: agent(),
        }
    }

    /// An event with no agent snapshot.
    pub fn no_agent_event() -> Event {
        Event {
            payload: json!({}),
            contact: voice_contact(),
            agent: Value::Null,
        }
    }

    /// The voice event with these contact fields replaced.
    pub fn contact_event(fields: Value) -> Event {
        let mut e = voice_event(json!({}));
        if let (Some(c), Some(f)) = (e.contact.as_object_mut(), fields.as_object()) {
            for (k, v) in f {
                c.insert(k.clone(), v.clone());
            }
        }
        e
    }

    /// The voice event with these agent fields replaced.
    pub fn agent_event(fields: Value) -> Event {
        let mut e = voice_event(json!({}));
        if let (Some(a), Some(f)) = (e.agent.as_object_mut(), fields.as_object()) {
            for (k, v) in f {
                a.insert(k.clone(), v.clone());
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soql_literals_are_escaped() {
        assert_eq!(soql_quote("O'Brien\\"), r"'O\'Brien\\'");
    }

    #[test]
    fn answers_are_read_in_every_shape() {
        assert_eq!(answer_id(&json!("ctab0")), json!("ctab0"));
        assert_eq!(
            answer_id(&json!({"success": true, "id": "ctab1"})),
            json!("ctab1")
        );
        assert_eq!(answer_id(&json!(null)), Value::Null);
        assert_eq!(tab_ids_of(&json!({"ids": ["a", 1, "b"]})), ["a", "b"]);
        assert_eq!(records_of(json!({"records": [1]})), vec![json!(1)]);
        assert_eq!(endpoints_of(json!("x")), Vec::<Value>::new());
        assert_eq!(
            page_info(json!({"pageInfo": "{\"objectId\":\"001\"}"})).get("objectId"),
            Some(&json!("001"))
        );
        assert!(page_info(json!("not json")).is_empty());
    }

    #[test]
    fn quick_connect_queues_are_deduplicated() {
        let agent = json!({"routingProfile": {
            "queues": [{"queueARN": "q1"}, {"queueARN": "q2"}, {"name": "no arn"}],
            "defaultOutboundQueue": {"queueARN": "q1"}
        }});
        let m = agent.as_object().cloned().unwrap_or_default();
        assert_eq!(quick_connect_queue_arns(&m), vec![json!("q1"), json!("q2")]);
    }
}
