//! # Get Endpoint by Phone Number
//!
//! **What it does.** Builds the Streams endpoint for a phone number (what
//! dialing, conferencing and transfers take).
//!
//! **Controls.** `phoneNumber` (E.164), `name` (optional display name).
//! **Ports.** `done`.
//! **Host calls.** None (Streams `connect.Endpoint.byPhoneNumber` is a
//! constructor).
//! **Results.** The endpoint: `{endpointARN: null, endpointId: null, type:
//! "phone_number", name, phoneNumber, agentLogin: null, queue: null}`.
//!
//! **Example.** `{"id":"e","type":"SE_AgentGetEndpointByPhoneNumber","controls":{"phoneNumber":"$.actions.fmt.results.value"},"ports":{"done":"next"}}`
//!
//! **Accepted quirks.** Type id and control names are inferred. Like
//! Streams, the number is not checked or reformatted; `name` is `null` when
//! not given.

use crate::prelude::*;

/// `SE_AgentGetEndpointByPhoneNumber`.
pub struct GetEndpointByPhoneNumber;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_AgentGetEndpointByPhoneNumber",
    aliases: &[],
    name: "Get Endpoint by Phone Number",
    family: Family::Agent,
    description: "Builds the Streams phone_number endpoint for a number.",
    controls: &[
        ControlSpec::req("phoneNumber", Kind::String, "The number, E.164."),
        ControlSpec::opt("name", Kind::String, "A display name for the endpoint."),
    ],
    ports: DONE,
    results: "{endpointARN, endpointId, type, name, phoneNumber, agentLogin, queue}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

impl Block for GetEndpointByPhoneNumber {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let name = ctx.string("name");
            Ok(BlockOutput::done(json!({
                "endpointARN": null,
                "endpointId": null,
                "type": "phone_number",
                "name": if name.is_empty() { Value::Null } else { Value::String(name) },
                "phoneNumber": ctx.string("phoneNumber"),
                "agentLogin": null,
                "queue": null,
            })))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn builds_the_endpoint() {
        let r = run_block(
            "SE_AgentGetEndpointByPhoneNumber",
            json!({"phoneNumber": "+12345678900"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(
            r.results,
            json!({"endpointARN": null, "endpointId": null, "type": "phone_number", "name": null,
                   "phoneNumber": "+12345678900", "agentLogin": null, "queue": null})
        );
        assert!(r.calls.is_empty());
    }

    #[test]
    fn undefined_number_gives_an_empty_endpoint_not_an_error() {
        let r = run_block(
            "SE_AgentGetEndpointByPhoneNumber",
            json!({"phoneNumber": "$.payload.number", "name": "Jane"}),
            &host(),
        );
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results["phoneNumber"], json!(""));
        assert_eq!(r.results["name"], json!("Jane"));
    }
}
