//! # Update Contact Attributes
//!
//! **What it does.** Writes attributes on the run's contact (Amazon Connect
//! UpdateContactAttributes). On success the new values are merged into the
//! run's contact snapshot, so a later Get Contact Attribute in the same run
//! reads them back (`11-salesforce-contact-creation.json` does this).
//!
//! **Controls.** `attributes` (object `{key: value}`; values may be magic
//! strings). **Ports.** `success`, `failure`.
//! **Host calls.** `contact.updateAttributes {attributes}` with every value
//! as text (Connect attributes are strings).
//! **Results.** `null`; on failure the exception is the host's error.
//!
//! **Example.** `{"attributes": {"salesforceContactId":
//! "$.actions.uid-17.results.id"}}`.
//!
//! **Accepted quirks.** Values are written as JavaScript's `String()` would
//! (`true` → `"true"`, objects as JSON); `null` and unresolved magic strings
//! become `""`. With no contact in the run it takes `failure` without a call
//! (exception code `NO_CONTACT`).

use crate::prelude::*;

/// `SE_ContactUpdateAttributes`.
pub struct UpdateAttributes;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactUpdateAttributes",
    aliases: &[],
    name: "Update Contact Attributes",
    family: Family::Contact,
    description: "Writes attributes on the contact; later reads in the run see them.",
    controls: &[ControlSpec::req(
        "attributes",
        Kind::Object,
        "{key: value} to write; values may be magic strings.",
    )],
    ports: SUCCESS_FAILURE,
    results: "null",
    calls: &["contact.updateAttributes"],
    side_effects: true,
    confirmed: true,
};

impl Block for UpdateAttributes {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            if !ctx.has_contact() {
                return Ok(BlockOutput::failure(json!({
                    "code": "NO_CONTACT",
                    "message": "the run has no contact whose attributes could be updated",
                })));
            }
            let attrs: Map<String, Value> = ctx
                .object("attributes")
                .into_iter()
                .map(|(k, v)| {
                    let s = if v.is_null() {
                        String::new()
                    } else {
                        js_string(Some(&v))
                    };
                    (k, Value::String(s))
                })
                .collect();
            match ctx
                .call(
                    Bridge::Contact,
                    "updateAttributes",
                    json!({"attributes": attrs}),
                )
                .await
            {
                Ok(_) => {
                    ctx.merge_contact_attributes(&attrs);
                    Ok(BlockOutput::success(Value::Null))
                }
                Err(e) => Ok(BlockOutput::failure(e.to_value())),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn writes_and_merges_into_the_snapshot() {
        let flow = json!({"actions": [
            {"id": "s", "type": "SE_Start", "ports": {"done": "u"}},
            {"id": "u", "type": "SE_ContactUpdateAttributes",
             "controls": {"attributes": {"sfId": "$.payload.id", "flag": true, "gone": null}},
             "ports": {"success": "g", "failure": "e"}},
            {"id": "g", "type": "SE_ContactGetAttributeValue",
             "controls": {"attributeName": "sfId", "defaultValue": "none"}, "ports": {"done": "e"}},
            {"id": "e", "type": "SE_End"}
        ]});
        let h = host();
        let r = run_flow(&flow, voice_event(json!({"id": "003xx"})), &h);
        assert!(r.end.is_normal(), "{:?}", r.end);
        assert_eq!(
            h.calls()[0].args,
            json!({"attributes": {"sfId": "003xx", "flag": "true", "gone": ""}})
        );
        let read = r.trace.iter().find_map(|t| match t {
            TraceEntry::Step {
                action, results, ..
            } if &**action == "g" => Some(results.clone()),
            _ => None,
        });
        assert_eq!(read, Some(json!({"value": "003xx"})));
    }

    #[test]
    fn a_refusal_takes_failure_and_changes_nothing() {
        let h = host_with(
            json!({"answers": {"contact.updateAttributes": {"error": {"code": "ACCESS_DENIED", "message": "no"}}}}),
        );
        let r = run_block(
            "SE_ContactUpdateAttributes",
            json!({"attributes": {"caseNumber": "x"}}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Failure));
        assert_eq!(
            r.exception.as_ref().map(|e| e["code"].clone()),
            Some(json!("ACCESS_DENIED"))
        );
        let none = run_block_with(
            "SE_ContactUpdateAttributes",
            json!({"attributes": {"a": "b"}}),
            Event::default(),
            &host(),
        );
        assert_eq!(none.outcome, Some(Outcome::Failure));
        assert!(none.calls.is_empty());
    }
}
