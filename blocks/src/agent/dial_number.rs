//! # Dial Number
//!
//! **What it does.** Places an outbound call to a phone number, or, when the
//! run's contact is a connected voice call, adds the number to it as a third
//! party (the adapter "either dials or conferences in").
//!
//! **Controls.** `phoneNumber` (text, required; E.164 expected), `queueARN`
//! (text, optional: the outbound queue; Streams defaults to the routing
//! profile's default outbound queue). **Ports.** `success`, `failure`.
//! **Host calls.** The endpoint is `connect.Endpoint.byPhoneNumber(number)`:
//! `{endpointARN: null, endpointId: null, type: "phone_number", name,
//! phoneNumber, agentLogin: null, queue: null}`. Then
//! `agent.connect {endpoint, queueARN?}`, or `contact.addConnection
//! {endpoint}` when `$.contact` is a voice contact that is connected
//! (`isConnected`, or `status.type` `connected`).
//! **Results.** `null`; on failure the exception is the host's error.
//!
//! **Example.** `03-click-to-dial.json`: Format Phone Number (E164) of
//! `$.payload.number`, then `{"phoneNumber": "$.actions.uid-16.results.value"}`
//! → `agent.connect` to `+15555550123`.
//!
//! **Accepted quirks.** A number not written in E.164 (the default
//! click-to-dial flow passes `$.payload.number` as Salesforce gives it, e.g.
//! `(555) 555-0123`) is converted to E.164 when libphonenumber can read it,
//! with the agent's first dialable country as region (else US); otherwise
//! it is dialled as given and Streams decides. An empty number takes
//! `failure` without a call (exception code `INVALID_PARAM`). The choice
//! between dialling and conferencing reads only the snapshot: a host that
//! wants another rule can answer `contact.addConnection` with an error.

use crate::phone;
use crate::prelude::*;

/// `SE_AgentDialNumber`.
pub struct DialNumber;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentDialNumber",
    aliases: &[],
    name: "Dial Number",
    family: Family::Agent,
    description: "Calls a number, or adds it to the connected voice call.",
    controls: &[
        ControlSpec::req(
            "phoneNumber",
            Kind::String,
            "The number to dial, E.164 (+15555550123).",
        ),
        ControlSpec::opt(
            "queueARN",
            Kind::String,
            "Outbound queue; default: the routing profile's.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["agent.connect", "contact.addConnection"],
    side_effects: true,
    confirmed: true,
};

/// The region to read a non-E.164 number in: the agent's first dialable
/// country, else US.
fn agent_region(agent: &Value) -> String {
    agent
        .get("dialableCountries")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .filter(|c| phone::region(c).is_some())
        .unwrap_or(phone::DEFAULT_REGION)
        .to_ascii_uppercase()
}

fn on_connected_voice(contact: &Value) -> bool {
    let voice = matches!(
        contact.get("type").and_then(Value::as_str),
        Some("voice" | "queue_callback")
    );
    let connected = contact.get("isConnected") == Some(&Value::Bool(true))
        || contact
            .get("status")
            .and_then(|s| s.get("type"))
            .and_then(Value::as_str)
            == Some("connected");
    voice && connected
}

impl Block for DialNumber {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let given = ctx.string("phoneNumber").trim().to_string();
            if given.is_empty() {
                return Ok(BlockOutput::failure(json!({
                    "code": "INVALID_PARAM",
                    "message": "no phone number to dial",
                })));
            }
            let e164 = given
                .strip_prefix('+')
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
            let number = if e164 {
                given
            } else {
                phone::parse_in(&given, &agent_region(ctx.agent())).map_or(given, |p| p.e164)
            };
            let endpoint = json!({
                "endpointARN": null,
                "endpointId": null,
                "type": "phone_number",
                "name": number,
                "phoneNumber": number,
                "agentLogin": null,
                "queue": null,
            });
            let (bridge, method, args) = if ctx.with_contact(on_connected_voice) {
                (
                    Bridge::Contact,
                    "addConnection",
                    json!({"endpoint": endpoint}),
                )
            } else {
                let mut args = Map::new();
                args.insert("endpoint".into(), endpoint);
                let queue = ctx.string("queueARN");
                if !queue.trim().is_empty() {
                    args.insert("queueARN".into(), Value::String(queue.trim().to_string()));
                }
                (Bridge::Agent, "connect", Value::Object(args))
            };
            ctx.call_outcome(bridge, method, args, |_| Value::Null)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn click_to_dial() -> Event {
        Event {
            payload: json!({"number": "555-555-0123"}),
            contact: json!(null),
            agent: agent(),
        }
    }

    #[test]
    fn dials_the_number_from_the_agent() {
        let r = run_block_with(
            "SE_AgentDialNumber",
            json!({"phoneNumber": "+15555550123", "queueARN": "arn:q"}),
            click_to_dial(),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(r.results, json!(null));
        let c = r.call("agent.connect");
        assert_eq!(c.args["endpoint"]["type"], "phone_number");
        assert_eq!(c.args["endpoint"]["phoneNumber"], "+15555550123");
        assert_eq!(c.args["queueARN"], "arn:q");
        assert_eq!(r.calls.len(), 1);
    }

    #[test]
    fn normalises_a_national_number_and_omits_an_empty_queue() {
        let r = run_block_with(
            "SE_AgentDialNumber",
            json!({"phoneNumber": "$.payload.number", "queueARN": ""}),
            click_to_dial(),
            &host(),
        );
        let c = r.call("agent.connect");
        assert_eq!(c.args["endpoint"]["phoneNumber"], "+15555550123");
        assert!(c.args.get("queueARN").is_none());
    }

    #[test]
    fn conferences_into_a_connected_voice_call() {
        let mut e = voice_event(json!({}));
        e.contact["isConnected"] = json!(true);
        let r = run_block_with(
            "SE_AgentDialNumber",
            json!({"phoneNumber": "+15555550199"}),
            e,
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("contact.addConnection").args["endpoint"]["phoneNumber"],
            "+15555550199"
        );
    }

    #[test]
    fn failures_take_the_failure_port() {
        let h = host_with(
            json!({"answers": {"agent.connect": {"error": {"code": "BUSY", "message": "line busy"}}}}),
        );
        let r = run_block_with(
            "SE_AgentDialNumber",
            json!({"phoneNumber": "+15555550123"}),
            click_to_dial(),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.exception.as_ref().map(|e| e["code"].clone()),
            Some(json!("BUSY"))
        );
        let empty = run_block_with(
            "SE_AgentDialNumber",
            json!({"phoneNumber": "$.payload.none"}),
            click_to_dial(),
            &host(),
        );
        assert_eq!(empty.outcome, Some(Outcome::Failure));
        assert!(empty.calls.is_empty());
    }
}
