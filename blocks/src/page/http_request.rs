//! # HTTP Request
//!
//! **What it does.** Sends an HTTP request from the agent's page and leaves
//! by `success` on a 2xx answer, by `failure` otherwise.
//!
//! Only origins on the engine's HTTP allowlist (`EngineConfig.httpAllowlist`,
//! e.g. `["https://api.example.com"]`) can be reached; the default list is
//! empty. A request to any other origin, or to a URL that is not absolute
//! `http(s)://` (or carries credentials), takes the `failure` port with code
//! `REFUSED` and makes **no** bridge call. Origins are compared normalised
//! (scheme and host in lower case, the default port left out:
//! `https://API.example.com:443/x` is on `https://api.example.com`); a host
//! must be plain ASCII, so an international name is written in punycode
//! (`xn--…`), in the allowlist and the URL alike. In the browser the origin must
//! also be a CSP Trusted URL of the Salesforce org, and a redirect is not
//! followed: it takes `failure` with code `REDIRECT_REFUSED` (it would take
//! the request to an origin the allowlist did not name), so request the
//! final URL.
//!
//! **Controls.**
//! - `url` (string, required): absolute `https://…` URL.
//! - `method` (default `GET`): `GET`, `POST`, `PUT`, `PATCH`, `DELETE`.
//! - `headers` (object): header values are sent as text; `null` values are
//!   dropped.
//! - `body` (text or object): an object or array is sent as JSON with
//!   `Content-Type: application/json` unless a content type is given. Not
//!   sent with `GET` (browsers refuse it; a trace note says so).
//!
//! **Ports.** `success`, `failure`.
//! **Host calls.** `platform.http {url, method, headers, body}` (answer
//! `{status, headers, body}`).
//! **Results.** `{status, headers, body, value}`: `value` is the body parsed
//! as JSON when it is JSON, else the body text. A non-2xx answer keeps these
//! results and adds the exception `{code: "HTTP_STATUS", message, details:
//! {status}}`; a refused or failed request has the exception only.
//!
//! **Example.**
//! ```json
//! {"id":"3","type":"SE_CoreHttpRequest","controls":{
//!  "url":"https://api.example.com/customers?phone=$.contact.customerPhoneNumber",
//!  "method":"GET","headers":{"Accept":"application/json"}},
//!  "ports":{"success":"4","failure":"9"}}
//! ```
//! (A magic string inside a longer text is not substituted; build such URLs
//! with String Template first.)
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #2).

use crate::prelude::*;
use ctiflow_engine::engine::origin_of;
use ctiflow_engine::HostError;

/// `SE_CoreHttpRequest`.
pub struct HttpRequest;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreHttpRequest",
    aliases: &["SE_HttpRequest", "SE_CoreHTTPRequest"],
    name: "HTTP Request",
    family: Family::Page,
    description: "Sends an HTTP request to an allowlisted origin; success on 2xx with {status, headers, body, value}.",
    controls: &[
        ControlSpec::req("url", Kind::String, "Absolute https:// URL on the engine's allowlist."),
        ControlSpec::def("method", Kind::OneOf(METHODS), "\"GET\"", "The HTTP method."),
        ControlSpec::opt("headers", Kind::Object, "Request headers."),
        ControlSpec::opt("body", Kind::Any, "Text, or an object sent as JSON (not with GET)."),
    ],
    ports: SUCCESS_FAILURE,
    results: "{status, headers, body, value}",
    calls: &["platform.http"],
    side_effects: true,
    confirmed: false,
};

fn failure(code: &str, message: String) -> BlockOutput {
    BlockOutput::failure(HostError::new(code, message).to_value())
}

/// The results for an answer `{status, headers, body}`.
fn results(answer: &Value) -> (f64, Value) {
    let status = js_number(answer.get("status"));
    let headers = match answer.get("headers") {
        Some(h @ Value::Object(_)) => h.clone(),
        _ => json!({}),
    };
    let (body, value) = match answer.get("body") {
        Some(Value::String(s)) => (
            s.clone(),
            serde_json::from_str::<Value>(s).unwrap_or_else(|_| Value::String(s.clone())),
        ),
        None | Some(Value::Null) => (String::new(), Value::String(String::new())),
        // A host that already parsed the body.
        Some(other) => (other.to_string(), other.clone()),
    };
    let out = json!({
        "status": number_value(status),
        "headers": headers,
        "body": body,
        "value": value,
    });
    (status, out)
}

impl Block for HttpRequest {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let url = ctx.required_string("url")?.trim().to_string();
            if !ctx.config().http_allowed(&url) {
                let why = match origin_of(&url) {
                    Ok(o) => format!("origin {o} is not on the engine's HTTP allowlist"),
                    Err(why) => why.to_string(),
                };
                return Ok(failure(
                    "REFUSED",
                    format!("HTTP Request to `{url}` refused: {why}"),
                ));
            }
            let method = ctx.string("method").to_ascii_uppercase();
            if !METHODS.contains(&method.as_str()) {
                return Err(BlockError::BadControl {
                    control: "method".into(),
                    message: format!(
                        "unknown method `{method}`; expected one of {}",
                        METHODS.join(", ")
                    ),
                });
            }
            let mut headers: Map<String, Value> = ctx
                .object("headers")
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, Value::String(js_string(Some(&v)))))
                .collect();
            let body = match ctx.value("body") {
                None => Value::Null,
                Some(_) if method == "GET" => {
                    ctx.note("a GET request carries no body; `body` was not sent");
                    Value::Null
                }
                Some(v @ (Value::Object(_) | Value::Array(_))) => {
                    if !headers
                        .keys()
                        .any(|k| k.eq_ignore_ascii_case("content-type"))
                    {
                        headers.insert("Content-Type".into(), json!("application/json"));
                    }
                    Value::String(v.to_string())
                }
                Some(v) => Value::String(js_string(Some(&v))),
            };
            let args = json!({"url": url, "method": method, "headers": headers, "body": body});
            match ctx.call(Bridge::Platform, "http", args).await {
                Err(e) => Ok(BlockOutput::failure(e.to_value())),
                Ok(answer) => {
                    let (status, out) = results(&answer);
                    if (200.0..300.0).contains(&status) {
                        Ok(BlockOutput::success(out))
                    } else {
                        let mut e = HostError::new(
                            "HTTP_STATUS",
                            format!("HTTP {} from {url}", js_string(out.get("status"))),
                        );
                        e.details = json!({ "status": out["status"].clone() });
                        Ok(BlockOutput {
                            outcome: Outcome::Failure,
                            results: out,
                            exception: Some(e.to_value()),
                        })
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;
    use ctiflow_engine::EngineConfig;

    /// Runs the block on an engine whose allowlist holds api.example.com.
    fn request(controls: Value, h: &ScriptedHost) -> One {
        let mut e = engine();
        e.set_config(EngineConfig {
            http_allowlist: vec!["https://api.example.com".into()],
            ..EngineConfig::default()
        });
        let flow = json!({"actions":[
            {"id":"start","type":"SE_Start","ports":{"done":"b"}},
            {"id":"b","type":"SE_CoreHttpRequest","controls":controls,"ports":{"success":"end","failure":"end"}},
            {"id":"end","type":"SE_End"}
        ]});
        let v = e.validate_text("http.json", &flow.to_string());
        let p = v.program.expect("valid flow");
        h.clear_calls();
        let key = EventKey::parse("Voice Contact/onConnecting").expect("key");
        let report = block_on(e.run_program(&p, key, &voice_event(json!({})), h, None));
        let (outcome, results, exception) = report
            .trace
            .iter()
            .find_map(|t| match t {
                TraceEntry::Step {
                    action,
                    outcome,
                    results,
                    exception,
                    ..
                } if &**action == "b" => Some((*outcome, results.clone(), exception.clone())),
                _ => None,
            })
            .unwrap_or((None, Value::Null, None));
        One {
            outcome,
            results,
            exception,
            calls: h.calls(),
            report,
        }
    }

    #[test]
    fn an_allowed_request_succeeds_with_parsed_json() {
        let h = host_with(json!({"answers": {"platform.http": {"ok": {
            "status": 200, "headers": {"content-type": "application/json"}, "body": "{\"id\":\"001\"}"
        }}}}));
        let one = request(
            json!({"url": "https://api.example.com/v1/customers", "method": "POST",
                   "headers": {"X-Agent": "$.agent.username", "X-None": null}, "body": {"phone": "$.contact.customerPhoneNumber"}}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Success));
        assert_eq!(one.results["status"], json!(200));
        assert_eq!(one.results["value"], json!({"id": "001"}));
        assert_eq!(one.results["body"], json!("{\"id\":\"001\"}"));
        assert_eq!(
            one.call("platform.http").args,
            json!({"url": "https://api.example.com/v1/customers", "method": "POST",
                   "headers": {"X-Agent": "jane", "Content-Type": "application/json"},
                   "body": "{\"phone\":\"+15555550123\"}"})
        );
    }

    #[test]
    fn get_sends_no_body_and_text_bodies_stay_text() {
        let h =
            host_with(json!({"answers": {"platform.http": {"ok": {"status": 204, "body": "ok"}}}}));
        let one = request(
            json!({"url": "https://api.example.com/ping", "body": "x"}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Success));
        assert_eq!(one.results["value"], json!("ok"));
        assert_eq!(one.call("platform.http").args["body"], json!(null));
        assert_eq!(one.call("platform.http").args["method"], json!("GET"));
    }

    #[test]
    fn a_refused_origin_takes_failure_without_a_call() {
        for url in [
            "https://evil.example.net/x",
            "https://api.example.com.evil.net/",
            "/relative",
            "https://u:p@api.example.com/",
            "http://api.example.com/",
            "https://api.example.com:8443/",
            "https://äpi.example.com/",
        ] {
            let h = host();
            let one = request(json!({ "url": url }), &h);
            assert_eq!(one.outcome, Some(Outcome::Failure), "{url}");
            assert!(one.calls.is_empty(), "{url}");
            let e = one.exception.expect("exception");
            assert_eq!(e["code"], json!("REFUSED"));
            assert!(e["message"].as_str().unwrap_or("").contains("refused"));
        }
        // The default engine allows nothing.
        let h = host();
        let one = run_block(
            "SE_CoreHttpRequest",
            json!({"url": "https://api.example.com/v1"}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Failure));
        assert!(one.calls.is_empty());
    }

    #[test]
    fn the_origin_is_compared_normalised_and_refusals_say_why() {
        for url in [
            "https://API.Example.com/v1",
            "HTTPS://api.example.com:443/v1",
        ] {
            let h = host();
            let one = request(json!({ "url": url }), &h);
            assert_eq!(one.outcome, Some(Outcome::Success), "{url}");
            assert_eq!(one.call("platform.http").args["url"], json!(url));
        }
        for (url, why) in [
            (
                "https://evil.example:443/x",
                "origin https://evil.example is not on the engine's HTTP allowlist",
            ),
            ("https://bücher.example/", "punycode"),
            ("https://u:p@api.example.com/", "credentials"),
            ("/relative", "not an absolute http(s) URL"),
        ] {
            let h = host();
            let e = request(json!({ "url": url }), &h)
                .exception
                .expect("exception");
            let message = e["message"].as_str().unwrap_or("");
            assert!(message.contains(why), "{url}: {message}");
        }
    }

    #[test]
    fn non_2xx_and_host_errors_take_failure() {
        let h = host_with(
            json!({"answers": {"platform.http": {"ok": {"status": 404, "headers": {}, "body": "{\"error\":\"nope\"}"}}}}),
        );
        let one = request(json!({"url": "https://api.example.com/x"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Failure));
        assert_eq!(one.results["status"], json!(404));
        assert_eq!(one.results["value"], json!({"error": "nope"}));
        let e = one.exception.expect("exception");
        assert_eq!(e["code"], json!("HTTP_STATUS"));
        assert_eq!(e["details"], json!({"status": 404}));
        let h = host_with(
            json!({"answers": {"platform.http": {"error": {"code": "NETWORK", "message": "offline"}}}}),
        );
        let one = request(json!({"url": "https://api.example.com/x"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Failure));
        assert_eq!(one.exception.expect("exception")["code"], json!("NETWORK"));
    }
}
