//! # Send Data to CCP Overlay
//!
//! **What it does.** Shows key/value data in the "Data" panel of the CCP
//! overlay on the adapter page.
//!
//! **Controls.**
//! - `data` (object, required): the data; values may be magic strings at any
//!   depth (`{"Case": "$.contact.attributes.caseNumber.value"}`), resolved
//!   before the block runs. Shown as text, never HTML.
//!
//! **Ports.** `done`. **Host calls.** `adapterUi.showData {data}`.
//! **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_SendDataToCcpOverlay","controls":{"data":{
//!  "Queue":"$.contact.queueName","Caller":"$.contact.customerPhoneNumber"}},"ports":{"done":"4"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.9, #101: "an arbitrary object"). A `data` that is not an object (for
//! example a magic string that resolved to text) is sent as `{value: data}`
//! so the panel still has a label. A host that cannot show it ends the run
//! with an error naming the call.

use crate::prelude::*;

/// `SE_SendDataToCcpOverlay`.
pub struct SendDataToCcpOverlay;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SendDataToCcpOverlay",
    aliases: &["SE_CoreSendDataToCcpOverlay", "SE_SendDataToCCPOverlay"],
    name: "Send Data to CCP Overlay",
    family: Family::Page,
    description: "Shows key/value data in the CCP overlay's Data panel (text, never HTML).",
    controls: &[ControlSpec::req(
        "data",
        Kind::Any,
        "The data to show: an object, values may be magic strings.",
    )],
    ports: DONE,
    results: "null",
    calls: &["adapterUi.showData"],
    side_effects: true,
    confirmed: false,
};

impl Block for SendDataToCcpOverlay {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let data = match ctx.value("data") {
                Some(o @ Value::Object(_)) => o,
                Some(other) => json!({ "value": other }),
                None => json!({}),
            };
            ctx.call_required(Bridge::AdapterUi, "showData", json!({ "data": data }))
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn sends_the_resolved_object() {
        let h = host();
        let one = run_block(
            "SE_SendDataToCcpOverlay",
            json!({"data": {"Queue": "$.contact.queue.name", "Nested": {"Case": "$.contact.attributes.caseNumber.value"}}}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(
            one.call("adapterUi.showData").args,
            json!({"data": {"Queue": "BasicQueue", "Nested": {"Case": "00001026"}}})
        );
        let one = run_block(
            "SE_SendDataToCcpOverlay",
            json!({"data": "$.contact.queue.name"}),
            &h,
        );
        assert_eq!(
            one.call("adapterUi.showData").args,
            json!({"data": {"value": "BasicQueue"}})
        );
    }

    #[test]
    fn a_failing_host_ends_the_run() {
        let h = host_with(
            json!({"answers": {"adapterUi.showData": {"error": {"code": "UNSUPPORTED", "message": "no overlay"}}}}),
        );
        let one = run_block("SE_SendDataToCcpOverlay", json!({"data": {}}), &h);
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("no overlay"));
    }
}
