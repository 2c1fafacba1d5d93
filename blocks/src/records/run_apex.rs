//! # Run Apex
//!
//! **What it does.** Calls a method of an Apex class in the org and returns
//! what it returned.
//!
//! **Controls.** `apexClass`, `methodName`, `methodParams` (a query string
//! `name=acme&phone=555`, or an object, encoded to one).
//! **Ports.** `success`, `failure`.
//! **Host calls.** `salesforceData.runApex {apexClass, methodName,
//! methodParams}` (Open CTI `runApex`, answer `{runApex}`).
//! **Results.** `{value}`: the method's return value, JSON-parsed when it is
//! JSON text.
//!
//! **Example.** `{"id":"a","type":"SE_SFRunApex","controls":{"apexClass":"AC_Lookup","methodName":"findCase","methodParams":{"number":"$.contact.formattedNumberE164"}},"ports":{"success":"end","failure":"log"}}`
//!
//! **Accepted quirks.** Type id and control names are inferred. Object params
//! are encoded like `encodeURIComponent` (RFC 3986 unreserved characters
//! kept), in the object's order; nested values are written as JSON. An
//! answer without `runApex` is taken whole. An empty class or method takes
//! `failure` without a call.

use crate::bridge_util::{need, try_out};
use crate::prelude::*;

/// `SE_SFRunApex`.
pub struct RunApex;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_SFRunApex",
    aliases: &[],
    name: "Run Apex",
    family: Family::SalesforceData,
    description:
        "Calls an Apex class method; results {value} = its return value (JSON-parsed when JSON).",
    controls: &[
        ControlSpec::req("apexClass", Kind::String, "The Apex class name."),
        ControlSpec::req("methodName", Kind::String, "The method to call."),
        ControlSpec::opt(
            "methodParams",
            Kind::Any,
            "Parameters: a query string (a=1&b=2) or an object.",
        ),
    ],
    ports: SUCCESS_FAILURE,
    results: "{value}",
    calls: &["salesforceData.runApex"],
    side_effects: true,
    confirmed: false,
};

/// `encodeURIComponent`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `methodParams` query string.
fn params(v: Option<Value>) -> String {
    match v {
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(&js_string(Some(v)))))
            .collect::<Vec<_>>()
            .join("&"),
        v => js_string(v.as_ref()),
    }
}

/// `returnValue.runApex`, parsed when JSON.
fn result(answer: Value) -> Value {
    let raw = match answer {
        Value::Object(mut m) if m.contains_key("runApex") => {
            m.remove("runApex").unwrap_or(Value::Null)
        }
        other => other,
    };
    let value = match &raw {
        Value::String(s) => serde_json::from_str(s).unwrap_or(raw),
        _ => raw,
    };
    json!({ "value": value })
}

impl Block for RunApex {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let class = try_out!(need(ctx, "apexClass"));
            let method = try_out!(need(ctx, "methodName"));
            let args = json!({
                "apexClass": class,
                "methodName": method,
                "methodParams": params(ctx.value("methodParams")),
            });
            ctx.call_outcome(Bridge::SalesforceData, "runApex", args, result)
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    #[test]
    fn runs_apex_with_encoded_params_and_parses_json() {
        let h = host_with(
            json!({"answers": {"salesforceData.runApex": {"ok": {"runApex": "{\"caseId\":\"500A\"}"}}}}),
        );
        let r = run_block(
            "SE_SFRunApex",
            json!({"apexClass": "AC_Lookup", "methodName": "findCase", "methodParams": {"name": "A&B Co", "phone": "$.contact.customerPhoneNumber"}}),
            &h,
        );
        assert_eq!(r.outcome, Some(Outcome::Success));
        assert_eq!(
            r.call("salesforceData.runApex").args,
            json!({"apexClass": "AC_Lookup", "methodName": "findCase", "methodParams": "name=A%26B%20Co&phone=%2B15555550123"})
        );
        assert_eq!(r.results, json!({"value": {"caseId": "500A"}}));
    }

    #[test]
    fn plain_text_results_and_query_strings_pass_through() {
        let h =
            host_with(json!({"answers": {"salesforceData.runApex": {"ok": {"runApex": "done"}}}}));
        let c = json!({"apexClass": "C", "methodName": "m", "methodParams": "a=1&b=2"});
        let r = run_block("SE_SFRunApex", c, &h);
        assert_eq!(
            r.call("salesforceData.runApex").args["methodParams"],
            json!("a=1&b=2")
        );
        assert_eq!(r.results, json!({"value": "done"}));
    }

    #[test]
    fn apex_error_takes_failure() {
        let c = json!({"apexClass": "C", "methodName": "m"});
        let r = run_block("SE_SFRunApex", c, &fails("salesforceData.runApex"));
        assert_failure(&r, "GENERIC_ERROR");
        assert_eq!(
            r.call("salesforceData.runApex").args["methodParams"],
            json!("")
        );
    }
}
