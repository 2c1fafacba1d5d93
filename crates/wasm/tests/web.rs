//! The facade as JS calls it, in headless Chromium (wasm-bindgen-test).
//! Run: scripts/test.d/40-web.sh, or
//! `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown -p ctiflow-wasm`.
#![cfg(target_arch = "wasm32")]

use ctiflow_engine::{Bridge, Host, HostCall};
use ctiflow_wasm::js_host::{self, JsHost};
use ctiflow_wasm::{panic_hook_installed, Engine};
use js_sys::{Array, Function, Object, Reflect};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const START_END: &str = r#"{"name":"Hello","actions":[
  {"id":"0","type":"SE_Start","ports":{"done":"1"}},
  {"id":"1","type":"SE_End"}]}"#;
// Start loops to itself: a cycle warning, and a run the step budget stops.
const LOOP: &str = r#"{"name":"Loop","actions":[
  {"id":"0","type":"SE_Start","ports":{"done":"0"}}]}"#;

fn js(v: Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}
fn rs(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}
fn func(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}
fn error_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("not an Error: {e:?}"))
}
fn diagnostics(e: &JsValue) -> Value {
    rs(&Reflect::get(e, &"diagnostics".into()).unwrap())
}

/// A bridges object whose call answers `null` and records `bridge.method`.
fn recording_bridges() -> JsValue {
    let o = Object::new();
    let calls = Array::new();
    Reflect::set(&o, &"calls".into(), &calls).unwrap();
    Reflect::set(
        &o,
        &"call".into(),
        &func("b, m, a", "this.calls.push(b + '.' + m); return null;"),
    )
    .unwrap();
    o.into()
}

fn engine(options: Value) -> Engine {
    Engine::new(js(options)).unwrap()
}

fn set(flows: Value) -> JsValue {
    js(json!({ "flows": flows }))
}

/// An engine with `flow` bound to Voice Contact/onConnecting, on
/// [`recording_bridges`].
fn on_connecting(flow: Value) -> Engine {
    let e = engine(json!({}));
    e.load_flow_set(
        set(json!([{"flow": flow, "source": "Voice Contact", "event": "onConnecting"}])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    e.set_bridges(recording_bridges()).unwrap();
    e
}

/// Start → Get Payload (`p`, which echoes `$.payload`) → End.
fn echo_flow() -> Value {
    json!({"name": "Echo", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "p"}},
        {"id": "p", "type": "SE_GetPayload", "ports": {"done": "e"}},
        {"id": "e", "type": "SE_End"}]})
}

#[wasm_bindgen_test]
fn the_panic_hook_is_installed_by_the_constructor() {
    let _ = engine(json!({}));
    assert!(panic_hook_installed());
}

#[wasm_bindgen_test]
fn bad_options_are_errors_not_traps() {
    for bad in [
        json!({"limits": {"maxSteps": 0}}),
        json!({"limits": {"maxSteps": "ten"}}),
        json!({"limits": {"maxValueBytes": 0}}),
        json!({"limits": {"maxTraceBytes": null}}),
        json!({"limits": {"maxTracebytes": 1_000_000}}),
        json!({"httpAllowList": []}),
        json!({"callTimeoutMs": -1}),
        json!(42),
    ] {
        match Engine::new(js(bad.clone())) {
            Ok(_) => panic!("accepted {bad}"),
            Err(e) => assert!(!error_message(&e).is_empty(), "{bad}"),
        }
    }
    assert!(Engine::new(JsValue::UNDEFINED).is_ok());
}

/// `null` is "unlimited" to the engine's `Limits`, and JSON makes NaN and
/// Infinity `null`: from JS, a limit that is given must be a real one.
#[wasm_bindgen_test]
fn limits_cannot_be_switched_off_from_js() {
    for bad in [
        json!({"limits": {"maxSteps": null}}),
        json!({"limits": {"runWindowMs": null}}),
        json!({"limits": {"runWindowMs": 0}}),
        json!({"limits": {"runWindowMs": -5}}),
        json!({"limits": {"runWindowMs": "abc"}}),
        json!({"limits": {"maxSteps": 2.5}}),
    ] {
        match Engine::new(js(bad.clone())) {
            Ok(_) => panic!("accepted {bad}"),
            Err(e) => assert!(
                error_message(&e).contains("Engine options.limits"),
                "{bad}: {}",
                error_message(&e)
            ),
        }
    }
    for (key, n) in [
        ("maxSteps", f64::NAN),
        ("runWindowMs", f64::NAN),
        ("runWindowMs", f64::INFINITY),
    ] {
        let limits = Object::new();
        Reflect::set(&limits, &key.into(), &JsValue::from_f64(n)).unwrap();
        let options = Object::new();
        Reflect::set(&options, &"limits".into(), &limits).unwrap();
        let e = Engine::new(options.into())
            .err()
            .unwrap_or_else(|| panic!("accepted {key}: {n}"));
        assert!(error_message(&e).contains(key), "{}", error_message(&e));
    }
    assert!(Engine::new(js(json!({"limits": {"maxSteps": 5, "runWindowMs": 0.5}}))).is_ok());
}

/// Integer limits past 2^53 - 1 are refused naming the key: from 1.8e19 on
/// they do not fit the engine's u64 at all, and below that a JS number is
/// no longer an exact integer.
#[wasm_bindgen_test]
fn integer_limits_over_max_safe_integer_are_refused_naming_the_key() {
    for key in ["maxSteps", "maxValueBytes", "maxTraceBytes"] {
        for n in [9_007_199_254_740_992.0, 1.8e19, 1e20, 1.7e308] {
            let e = Engine::new(js(json!({"limits": {key: n}})))
                .err()
                .unwrap_or_else(|| panic!("accepted {key}: {n}"));
            let m = error_message(&e);
            assert!(
                m.contains(key) && m.contains("9007199254740991"),
                "{key}: {n}: {m}"
            );
        }
        assert!(
            Engine::new(js(json!({"limits": {key: 9_007_199_254_740_991_u64}}))).is_ok(),
            "{key}: 2^53 - 1"
        );
    }
    // runWindowMs is a float: any positive finite number.
    assert!(Engine::new(js(json!({"limits": {"runWindowMs": 1e20}}))).is_ok());
}

/// Start → HTTP Request (`url`) → End.
fn http_flow(url: &str) -> Value {
    json!({"name": "Http", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "h"}},
        {"id": "h", "type": "SE_CoreHttpRequest", "controls": {"url": url},
         "ports": {"success": "e", "failure": "e"}},
        {"id": "e", "type": "SE_End"}]})
}

#[wasm_bindgen_test]
async fn the_http_allowlist_compares_normalised_origins_and_refuses_non_origins() {
    let e = engine(json!({"httpAllowlist": ["HTTPS://API.Example.com:443/"]}));
    let opts = js(json!({"source": "Voice Contact", "event": "onConnecting"}));
    for (url, outcome) in [
        ("https://api.example.com/v1", "success"),
        ("https://api.EXAMPLE.com:443/v1", "success"),
        ("http://api.example.com/v1", "failure"),
        ("https://api.example.com:8443/v1", "failure"),
    ] {
        let flow = js(http_flow(url));
        let report = rs(&JsFuture::from(e.run_flow(flow, opts.clone()))
            .await
            .unwrap());
        let step = report["trace"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["kind"] == "step" && t["action"] == "h")
            .cloned()
            .unwrap();
        assert_eq!(step["outcome"], outcome, "{url}: {step}");
    }
    for (entry, why) in [
        ("https://bücher.example", "punycode"),
        ("https://api.example.com/v1", "not an origin alone"),
        ("https://u@api.example.com", "credentials"),
        ("api.example.com", "not an absolute http(s) URL"),
    ] {
        let err = Engine::new(js(json!({"httpAllowlist": [entry]})))
            .err()
            .unwrap_or_else(|| panic!("accepted {entry}"));
        let m = error_message(&err);
        assert!(
            m.contains("httpAllowlist") && m.contains(entry) && m.contains(why),
            "{m}"
        );
    }
}

#[wasm_bindgen_test]
fn catalog_lists_block_specs() {
    let c = rs(&Engine::catalog().unwrap());
    let start = c
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == "SE_Start")
        .expect("SE_Start in the catalog");
    assert_eq!(start["ports"], json!(["done"]));
    assert!(!ctiflow_wasm::version().is_empty());
}

#[wasm_bindgen_test]
fn load_flow_set_reads_files_reports_problems_and_replaces() {
    let e = engine(json!({}));
    let files = js(json!({ "hello.json": START_END }));
    let r = rs(&e
        .load_flow_set(
            set(json!([
                {"file": "hello.json", "source": "Voice Contact", "event": "onConnecting"},
                {"file": "missing.json", "source": "Voice Contact", "event": "onConnected"},
                {"flow": {"actions": [{"id": "0", "type": "SE_Nope"}]}, "source": "Chat", "event": "onConnecting"},
                {"flow": serde_json::from_str::<Value>(START_END).unwrap(), "source": "Salesforce UI", "event": "onClickToDial", "active": false}
            ])),
            files,
        )
        .unwrap());
    assert_eq!(
        r["flows"],
        json!([
            {"name": "Hello", "source": "Voice Contact", "event": "onConnecting", "active": true},
            {"name": "Hello", "source": "Salesforce UI", "event": "onClickToDial", "active": false}
        ])
    );
    let codes: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"bad-flow-set"), "{codes:?}");
    assert!(codes.contains(&"unknown-block"), "{codes:?}");
    // A second load replaces the first.
    let r = rs(&e.load_flow_set(set(json!([])), JsValue::UNDEFINED).unwrap());
    assert_eq!(r["flows"], json!([]));
    assert_eq!(rs(&e.flows().unwrap()), json!([]));
    // Not JSON at all: an Error, not a trap.
    let bad = e
        .load_flow_set(JsValue::from(3), JsValue::UNDEFINED)
        .unwrap_err();
    assert!(error_message(&bad).contains("flow set"));
}

#[wasm_bindgen_test]
fn validate_returns_the_graph_even_with_errors() {
    let e = engine(json!({}));
    let flow = r#"{"actions":[
      {"id":"0","type":"SE_Start","ports":{"done":"x"},"position":[1,2]},
      {"id":"x","type":"SE_Unknown","controls":null}]}"#;
    let v = rs(&e.validate(flow.into(), Some("f.json".into())).unwrap());
    assert_eq!(v["ok"], false);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "unknown-block" && d["action"] == "x"));
    let actions = v["graph"]["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["position"], json!([1, 2]));
    assert_eq!(actions[0]["ports"], json!({"done": "x"}));
    assert_eq!(actions[0]["known"], true);
    assert_eq!(actions[1]["known"], false);
    assert_eq!(v["graph"]["name"], "f.json");
    // Bad JSON: diagnostics with a line, an empty graph.
    let v = rs(&e.validate("{".into(), None).unwrap());
    assert_eq!(v["ok"], false);
    assert_eq!(v["graph"]["actions"], json!([]));
    assert_eq!(v["diagnostics"][0]["code"], "bad-json");
}

#[wasm_bindgen_test]
async fn run_flow_resolves_a_report_or_rejects_with_diagnostics() {
    let e = engine(json!({}));
    let opts =
        js(json!({"source": "Voice Contact", "event": "onConnecting", "script": {"startMs": 5}}));
    let report = rs(&JsFuture::from(e.run_flow(START_END.into(), opts.clone()))
        .await
        .unwrap());
    assert_eq!(report["flow"], "Hello");
    assert_eq!(report["end"]["reason"], "end");
    assert_eq!(report["steps"], 2);
    assert_eq!(report["trace"][0]["kind"], "runStart");
    assert_eq!(report["trace"][0]["atMs"], 5.0);

    let bad = r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"9"}}]}"#;
    let err = JsFuture::from(e.run_flow(bad.into(), opts.clone()))
        .await
        .unwrap_err();
    assert!(error_message(&err).contains("does not validate"));
    assert_eq!(diagnostics(&err)[0]["code"], "dangling-port");

    let err = JsFuture::from(e.run_flow(
        START_END.into(),
        js(json!({"source": "Nowhere", "event": "onX"})),
    ))
    .await
    .unwrap_err();
    assert!(error_message(&err).contains("unknown event source"));
    assert_eq!(diagnostics(&err), json!([]));
}

#[wasm_bindgen_test]
async fn dispatch_keeps_serving_after_a_looping_flow() {
    let e = engine(json!({"limits": {"maxSteps": 50}}));
    e.load_flow_set(
        set(json!([
            {"flow": serde_json::from_str::<Value>(LOOP).unwrap(), "source": "Voice Contact", "event": "onConnecting"},
            {"flow": serde_json::from_str::<Value>(START_END).unwrap(), "source": "Voice Contact", "event": "onConnecting"}
        ])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    // No bridges yet: a rejected promise, not a trap.
    let err = JsFuture::from(e.dispatch("Voice Contact", "onConnecting", JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert!(error_message(&err).contains("setBridges"));

    e.set_bridges(recording_bridges()).unwrap();
    let seen = Array::new();
    let push = func("e", "this.push(e.kind)").bind0(&seen);
    e.on_trace(push.into()).unwrap();
    let input = js(json!({"contact": {"contactId": "c-1"}, "payload": {}}));
    for _ in 0..3 {
        let runs = rs(
            &JsFuture::from(e.dispatch("VoiceContact", "onConnecting", input.clone()))
                .await
                .unwrap(),
        );
        assert_eq!(runs[0]["flow"], "Loop");
        assert_eq!(runs[0]["end"]["reason"], "stepBudget");
        assert_eq!(runs[1]["flow"], "Hello");
        assert_eq!(runs[1]["end"]["reason"], "end");
    }
    assert!(seen.length() > 100);
    // A throwing trace callback is logged, not fatal.
    e.on_trace(func("e", "throw new Error('observer bug')").into())
        .unwrap();
    let runs = rs(
        &JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input))
            .await
            .unwrap(),
    );
    assert_eq!(runs[1]["end"]["reason"], "end");
    // No flows on an event: no runs.
    let runs = rs(
        &JsFuture::from(e.dispatch("Browser", "onBeforeUnload", JsValue::UNDEFINED))
            .await
            .unwrap(),
    );
    assert_eq!(runs, json!([]));
    assert!(e.on_trace(JsValue::from(1)).is_err());
}

// A loop keeping a copy of a payload text each step stops at the trace
// limit, named on the runEnd line in camelCase, and the next flow runs.
#[wasm_bindgen_test]
async fn a_loop_over_the_trace_limit_stops_and_the_next_flow_runs() {
    let copying = json!({"name": "Copying", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "t"}},
        {"id": "t", "type": "SE_CoreTruthy", "controls": {"value": "$.payload.v"},
         "ports": {"true": "t", "false": "t"}}]});
    let e = engine(json!({"limits": {"maxTraceBytes": 100_000}}));
    e.load_flow_set(
        set(json!([
            {"flow": copying, "source": "Voice Contact", "event": "onConnecting"},
            {"flow": serde_json::from_str::<Value>(START_END).unwrap(), "source": "Voice Contact", "event": "onConnecting"}
        ])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    e.set_bridges(recording_bridges()).unwrap();
    let input = js(json!({"payload": {"v": "x".repeat(10_000)}}));
    let runs = rs(
        &JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input))
            .await
            .unwrap(),
    );
    let end = &runs[0]["end"];
    assert_eq!(end["reason"], "traceSize", "{end}");
    assert_eq!(end["limit"], 100_000);
    assert_eq!(end["what"], "control `value`");
    assert_eq!(end["action"], "t");
    assert_eq!(end["blockType"], "SE_CoreTruthy");
    let last = runs[0]["trace"].as_array().and_then(|t| t.last()).cloned();
    assert_eq!(
        last.as_ref().map(|l| &l["blockType"]),
        Some(&json!("SE_CoreTruthy"))
    );
    assert_eq!(runs[1]["end"]["reason"], "end");
}

#[wasm_bindgen_test]
async fn an_unbound_event_answers_without_reading_the_snapshots() {
    let e = on_connecting(serde_json::from_str(START_END).unwrap());
    // A contact JSON.stringify cannot write (a cycle).
    let contact = Object::new();
    Reflect::set(&contact, &"self".into(), &contact).unwrap();
    let input = Object::new();
    Reflect::set(&input, &"contact".into(), &contact).unwrap();
    let input: JsValue = input.into();
    let runs = JsFuture::from(e.dispatch("Chat Contact", "onConnecting", input.clone()))
        .await
        .unwrap();
    assert_eq!(
        rs(&runs),
        json!([]),
        "no flow bound: [] and no snapshot read"
    );
    let err = JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input))
        .await
        .unwrap_err();
    assert!(
        error_message(&err).contains("not JSON-serialisable"),
        "{}",
        error_message(&err)
    );
}

/// `input.flow`: a CTI Action runs the one flow it names, not every flow
/// bound to CTI Action/onAction.
#[wasm_bindgen_test]
async fn a_named_dispatch_runs_only_that_flow() {
    let named = |name: &str| {
        let mut f = echo_flow();
        f["name"] = json!(name);
        json!({"flow": f, "source": "CTI Action", "event": "onAction"})
    };
    let e = engine(json!({}));
    e.load_flow_set(
        set(json!([named("Log call"), named("Transfer")])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    e.set_bridges(recording_bridges()).unwrap();
    let dispatch = |input: Value| JsFuture::from(e.dispatch("CTI Action", "onAction", js(input)));
    let runs = rs(
        &dispatch(json!({"payload": {"reason": "x"}, "flow": "Transfer"}))
            .await
            .unwrap(),
    );
    assert_eq!(runs.as_array().map(Vec::len), Some(1), "{runs}");
    assert_eq!(runs[0]["flow"], "Transfer");
    let step = runs[0]["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["blockType"] == "SE_GetPayload")
        .cloned()
        .unwrap();
    assert_eq!(step["results"]["value"], json!({"reason": "x"}));
    // Without a name (or a null one): every flow bound to the event.
    for input in [json!({}), json!({"flow": null})] {
        let runs = rs(&dispatch(input).await.unwrap());
        assert_eq!(runs[0]["flow"], "Log call");
        assert_eq!(runs[1]["flow"], "Transfer");
    }
    // No active flow of that name: [] without reading the snapshots.
    let contact = Object::new();
    Reflect::set(&contact, &"self".into(), &contact).unwrap();
    let input = Object::new();
    Reflect::set(&input, &"contact".into(), &contact).unwrap();
    Reflect::set(&input, &"flow".into(), &"Nope".into()).unwrap();
    let runs = JsFuture::from(e.dispatch("CTI Action", "onAction", input.into()))
        .await
        .unwrap();
    assert_eq!(rs(&runs), json!([]));
    // Recorded with the name, so that replay runs the same one flow.
    e.start_recording(None).unwrap();
    dispatch(json!({"flow": "Transfer"})).await.unwrap();
    let events: Vec<Value> = e
        .stop_recording()
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["kind"] == "event")
        .collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["flow"], "Transfer");
    // A name that is not a string is an error, not "every flow".
    let err = dispatch(json!({"flow": 3})).await.unwrap_err();
    assert!(
        error_message(&err).contains("input.flow must be a flow name"),
        "{}",
        error_message(&err)
    );
}

#[wasm_bindgen_test]
async fn loading_a_set_during_a_dispatch_swaps_the_engine() {
    let e = engine(json!({}));
    e.set_bridges(recording_bridges()).unwrap();
    let one = set(
        json!([{"flow": serde_json::from_str::<Value>(START_END).unwrap(),
                          "source": "Voice Contact", "event": "onConnecting"}]),
    );
    e.load_flow_set(one, JsValue::UNDEFINED).unwrap();
    let running = e.dispatch("Voice Contact", "onConnecting", JsValue::UNDEFINED);
    e.load_flow_set(set(json!([])), JsValue::UNDEFINED).unwrap();
    let runs = rs(&JsFuture::from(running).await.unwrap());
    assert_eq!(
        runs.as_array().unwrap().len(),
        1,
        "the running dispatch keeps its flows"
    );
    let runs = rs(
        &JsFuture::from(e.dispatch("Voice Contact", "onConnecting", JsValue::UNDEFINED))
            .await
            .unwrap(),
    );
    assert_eq!(runs, json!([]));
}

fn call(method: &str) -> HostCall {
    HostCall {
        bridge: Bridge::SalesforceUi,
        method: method.into(),
        args: json!({"searchParams": "5555550100"}),
    }
}

fn host(body: &str, timeout_ms: f64) -> JsHost {
    let o = Object::new();
    Reflect::set(&o, &"call".into(), &func("bridge, method, args", body)).unwrap();
    Reflect::set(&o, &"now".into(), &func("", "return 1234;")).unwrap();
    JsHost::from_js(&o.into(), timeout_ms).unwrap()
}

#[wasm_bindgen_test]
async fn js_host_maps_answers_rejections_throws_and_timeouts() {
    // Plain value: answered at once, arguments passed through.
    let h = host("return {bridge, method, args};", 1000.0);
    assert_eq!(h.now_ms(), 1234.0);
    let v = h.call(&call("searchAndScreenPop")).await.unwrap();
    assert_eq!(
        v,
        json!({"bridge": "salesforceUi", "method": "searchAndScreenPop",
               "args": {"searchParams": "5555550100"}})
    );
    // Promise resolving with a Date: JSON semantics.
    let h = host("return Promise.resolve({at: new Date(0)});", 1000.0);
    assert_eq!(
        h.call(&call("x")).await.unwrap(),
        json!({"at": "1970-01-01T00:00:00.000Z"})
    );
    // Rejection with {code, message, details}.
    let h = host(
        "return Promise.reject({code: 'INVALID_PARAM', message: 'bad', details: [{code: 'X'}]});",
        1000.0,
    );
    let e = h.call(&call("x")).await.unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("INVALID_PARAM", "bad")
    );
    assert_eq!(e.details, json!([{"code": "X"}]));
    // Synchronous throw of an Error.
    let h = host("throw new TypeError('sforce is not defined');", 1000.0);
    let e = h.call(&call("x")).await.unwrap_err();
    assert_eq!(e.code, "TypeError");
    assert_eq!(e.message, "sforce is not defined");
    // Rejection with a plain string (a Streams failure).
    let h = host(
        "return Promise.reject('{\"type\":\"InvalidStateException\"}');",
        1000.0,
    );
    let e = h.call(&call("x")).await.unwrap_err();
    assert_eq!(e.code, "ERROR");
    assert!(e.message.contains("InvalidStateException"));
    // A promise that never settles: TIMEOUT after the per-call timeout.
    let h = host("return new Promise(() => {});", 30.0);
    let e = h.call(&call("searchAndScreenPop")).await.unwrap_err();
    assert_eq!(e.code, "TIMEOUT");
    assert!(e.message.contains("salesforceUi.searchAndScreenPop"));
    // A cyclic answer: an error, not a trap.
    let h = host("const o = {}; o.o = o; return o;", 1000.0);
    assert_eq!(h.call(&call("x")).await.unwrap_err().code, "BAD_ANSWER");
    // Bridges without call.
    assert!(JsHost::from_js(&Object::new().into(), 10.0).is_err());
    // sleep waits on a real timer.
    let t0 = js_sys::Date::now();
    h.sleep(20.0).await;
    assert!(js_sys::Date::now() - t0 >= 15.0);
}

#[wasm_bindgen_test]
async fn presence_rules_sync_a_connect_change_to_omni_and_ignore_the_echo() {
    let e = engine(json!({}));
    let rules = json!([
        {"name": "Connect Available to Omni", "source": "Connect Agent State Change",
         "operandA": "Connect Agent New State", "comparator": "Equal to",
         "operandB": "Static Value", "operandBValue": "Available",
         "destination": "Salesforce Agent State", "value": "Available"},
        {"name": "Omni Available to Connect", "source": "Salesforce Agent State Change",
         "operandA": "Salesforce Agent New State", "comparator": "Equal to",
         "operandB": "Static Value", "operandBValue": "Available",
         "destination": "Connect Agent State", "value": "Available"}
    ]);
    let bad = rs(&e
        .load_presence_rules(js(json!("not rules")), JsValue::UNDEFINED)
        .unwrap());
    assert_eq!(bad[0]["severity"], "error", "{bad}");
    let config = js(json!({"omniStatusIds": {"Available": "0N5xx0000000001"}}));
    let diags = rs(&e.load_presence_rules(js(rules), config).unwrap());
    assert_eq!(diags, json!([]));
    let bridges = recording_bridges();
    e.set_bridges(bridges.clone()).unwrap();
    let change = js(json!({"payload": {"oldState": "Offline", "newState": "Available"}}));
    let runs = rs(
        &JsFuture::from(e.dispatch("Amazon Connect Agent", "onStateChange", change))
            .await
            .unwrap(),
    );
    assert_eq!(runs[0]["flow"], "Presence sync");
    // Omni reports our own change: recognised as the echo, not fed back.
    let echo =
        js(json!({"payload": {"statusApiName": "Available", "statusId": "0N5xx0000000001"}}));
    JsFuture::from(e.dispatch("Salesforce Agent", "onStateChange", echo))
        .await
        .unwrap();
    let calls = rs(&Reflect::get(&bridges, &"calls".into()).unwrap());
    assert_eq!(calls, json!(["omni.setServicePresenceStatus"]));
}

#[wasm_bindgen_test]
async fn dispatch_reads_each_events_snapshots_even_when_they_repeat() {
    // Length of $.contact.name, $.agent.name and $.payload.name: the facade
    // keeps the last parsed snapshots and re-parses only changed text, so a
    // change in any one of them must show, and a repeat must not go stale.
    let flow = json!({"name": "Lengths", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "c"}},
        {"id": "c", "type": "SE_CoreLength", "controls": {"value": "$.contact.name"}, "ports": {"done": "a"}},
        {"id": "a", "type": "SE_CoreLength", "controls": {"value": "$.agent.name"}, "ports": {"done": "p"}},
        {"id": "p", "type": "SE_CoreLength", "controls": {"value": "$.payload.name"}, "ports": {"done": "e"}},
        {"id": "e", "type": "SE_End"}]});
    let e = on_connecting(flow);
    let lengths = |input: Value| {
        let p = e.dispatch("Voice Contact", "onConnecting", js(input));
        async move {
            let runs = rs(&JsFuture::from(p).await.unwrap());
            let steps = runs[0]["trace"].as_array().unwrap().clone();
            let of = |id: &str| {
                steps
                    .iter()
                    .find(|s| s["kind"] == "step" && s["action"] == id)
                    .map(|s| s["results"]["value"].clone())
                    .unwrap()
            };
            (of("c"), of("a"), of("p"))
        }
    };
    let base =
        json!({"contact": {"name": "ab"}, "agent": {"name": "abc"}, "payload": {"name": "a"}});
    for _ in 0..2 {
        assert_eq!(lengths(base.clone()).await, (json!(2), json!(3), json!(1)));
    }
    let mut changed = base.clone();
    changed["contact"]["name"] = json!("abcdef");
    assert_eq!(
        lengths(changed.clone()).await,
        (json!(6), json!(3), json!(1))
    );
    changed["agent"]["name"] = json!("");
    changed["payload"] = json!({"name": "abcd"});
    assert_eq!(lengths(changed).await, (json!(6), json!(0), json!(4)));
    assert_eq!(
        lengths(json!({"agent": {"name": "abc"}})).await,
        (json!(0), json!(3), json!(0))
    );
    assert_eq!(lengths(base).await, (json!(2), json!(3), json!(1)));
    // A snapshot that is not JSON still rejects, and the next event is read.
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let input = js_sys::Object::new();
    js_sys::Reflect::set(&input, &"contact".into(), &cyclic).unwrap();
    let err = JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input.into()))
        .await
        .unwrap_err();
    assert!(
        error_message(&err).contains("contact"),
        "{}",
        error_message(&err)
    );
    assert_eq!(
        lengths(json!({"contact": {"name": "x"}})).await,
        (json!(1), json!(0), json!(0))
    );
}

#[wasm_bindgen_test]
async fn a_reports_trace_reads_like_a_plain_property() {
    let e = on_connecting(serde_json::from_str(START_END).unwrap());
    let input = js(json!({"contact": {"contactId": "c-1"}}));
    let runs: Array = JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input))
        .await
        .unwrap()
        .unchecked_into();
    let report = runs.get(0);
    // Keys in the order of the Rust report; the trace is there to read,
    // to serialise and to replace.
    let keys = rs(&Object::keys(report.unchecked_ref::<Object>()).into());
    assert_eq!(keys, json!(["flow", "end", "steps", "trace"]));
    let trace = Reflect::get(&report, &"trace".into()).unwrap();
    assert_eq!(rs(&trace)[0]["kind"], "runStart");
    assert!(
        Reflect::get(&report, &"trace".into()).unwrap() == trace,
        "parsed once"
    );
    let whole = rs(&report);
    assert_eq!(whole["flow"], "Hello");
    assert_eq!(whole["end"]["reason"], "end");
    assert_eq!(whole["trace"], rs(&trace));
    // The trace text's length, for a page's memory budget: not a key, so
    // not serialised; about the length of the trace as JSON.
    let chars = Reflect::get(&report, &"traceChars".into())
        .unwrap()
        .as_f64()
        .unwrap();
    let text = String::from(js_sys::JSON::stringify(&trace).unwrap());
    assert!(
        chars > 0.0 && (chars - text.len() as f64).abs() < 64.0,
        "{chars} vs {}",
        text.len()
    );
    assert!(whole.get("traceChars").is_none());
    Reflect::set(&report, &"trace".into(), &JsValue::NULL).unwrap();
    assert!(Reflect::get(&report, &"trace".into()).unwrap().is_null());
}

#[wasm_bindgen_test]
async fn a_snapshot_changed_in_place_is_read_again() {
    // Get Payload echoes $.payload. The page may hand the same object on
    // every event and change it in between; once it has repeated, the facade
    // compares it against a private copy instead of stringifying it, and
    // every change JSON.stringify would see must still show, in its order.
    let e = on_connecting(echo_flow());
    let payload: JsValue = js(json!({"a": 1, "b": "x", "list": [1, 2], "o": {"k": true}}));
    let input = Object::new();
    Reflect::set(&input, &"payload".into(), &payload).unwrap();
    let input: JsValue = input.into();
    // The payload as the run saw it, as JSON text (so the order shows).
    let seen = || {
        let p = e.dispatch("Voice Contact", "onConnecting", input.clone());
        async move {
            let runs = rs(&JsFuture::from(p).await.unwrap());
            let step = runs[0]["trace"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["kind"] == "step" && s["action"] == "p")
                .cloned()
                .unwrap();
            step["results"]["value"].to_string()
        }
    };
    let change = |body: &str| {
        func("p", body).call1(&JsValue::NULL, &payload).unwrap();
    };
    let expect = |text: &str| {
        let want: Value = serde_json::from_str(text).unwrap();
        want.to_string()
    };
    for _ in 0..3 {
        assert_eq!(
            seen().await,
            expect(r#"{"a":1,"b":"x","list":[1,2],"o":{"k":true}}"#)
        );
    }
    let steps: &[(&str, &str)] = &[
        ("p.a = 2", r#"{"a":2,"b":"x","list":[1,2],"o":{"k":true}}"#),
        (
            "p.list.push(3)",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":true}}"#,
        ),
        (
            "p.o.k = 'true'",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":"true"}}"#,
        ),
        // JSON drops undefined fields and writes NaN as null.
        (
            "p.u = undefined; p.f = () => 1",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":"true"}}"#,
        ),
        (
            "p.n = NaN",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":"true"},"n":null}"#,
        ),
        (
            "p.n = 0",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":"true"},"n":0}"#,
        ),
        // A field gone; the same values in a new order; a key renamed.
        (
            "delete p.n",
            r#"{"a":2,"b":"x","list":[1,2,3],"o":{"k":"true"}}"#,
        ),
        (
            "delete p.a; p.a = 2",
            r#"{"b":"x","list":[1,2,3],"o":{"k":"true"},"a":2}"#,
        ),
        (
            "p.z = p.a; delete p.a",
            r#"{"b":"x","list":[1,2,3],"o":{"k":"true"},"z":2}"#,
        ),
        (
            "p.list[1] = undefined",
            r#"{"b":"x","list":[1,null,3],"o":{"k":"true"},"z":2}"#,
        ),
        // A Date is written by its toJSON; changed in place, it shows.
        (
            "delete p.list; delete p.o; p.d = new Date(0)",
            r#"{"b":"x","z":2,"d":"1970-01-01T00:00:00.000Z"}"#,
        ),
        (
            "p.d.setTime(1000)",
            r#"{"b":"x","z":2,"d":"1970-01-01T00:00:01.000Z"}"#,
        ),
        // Values that are objects to a prototype check but not to JSON:
        // an array or a boxed primitive given Object.prototype (or none).
        (
            "delete p.d; p.o = {0: 1, 1: 2}",
            r#"{"b":"x","z":2,"o":{"0":1,"1":2}}"#,
        ),
        (
            "p.o = Object.setPrototypeOf([1, 2], null)",
            r#"{"b":"x","z":2,"o":[1,2]}"#,
        ),
        ("p.o = {}", r#"{"b":"x","z":2,"o":{}}"#),
        (
            "p.o = Object.setPrototypeOf(new Boolean(true), Object.prototype)",
            r#"{"b":"x","z":2,"o":true}"#,
        ),
        ("delete p.o", r#"{"b":"x","z":2}"#),
        // An object's own toJSON is asked every time (here it gives
        // {v: 1} twice, then {v: 3}).
        (
            "delete p.d; let n = 0; p.t = { v: 1, toJSON() { n++; return { v: n < 3 ? 1 : n } } }",
            r#"{"b":"x","z":2,"t":{"v":1}}"#,
        ),
    ];
    for (body, want) in steps {
        change(body);
        for round in 0..3 {
            let got = seen().await;
            let want = if round == 2 {
                want.replace(r#""v":1"#, r#""v":3"#)
            } else {
                want.to_string()
            };
            assert_eq!(got, expect(&want), "after `{body}`, event {round}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_repeated_snapshot_is_compared_not_stringified() {
    // The memo's point: once the agent snapshot has repeated, an unchanged
    // one is not stringified again; a changed one is.
    let e = on_connecting(serde_json::from_str(START_END).unwrap());
    let agent = js(json!({"name": "Ann", "routingProfile": {"name": "Basic", "queues": [1, 2]}}));
    let input = Object::new();
    Reflect::set(&input, &"agent".into(), &agent).unwrap();
    let input: JsValue = input.into();
    // Counts JSON.stringify calls on the agent snapshot.
    func(
        "watched",
        "const s = JSON.stringify; globalThis.__stringified = 0; \
         JSON.__original = JSON.__original || s; \
         JSON.stringify = function (v, ...rest) { \
           if (v === watched) globalThis.__stringified++; \
           return JSON.__original.call(this, v, ...rest); };",
    )
    .call1(&JsValue::NULL, &agent)
    .unwrap();
    let count = || {
        Reflect::get(&js_sys::global(), &"__stringified".into())
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let mut counts = Vec::new();
    for round in 0..6 {
        if round == 4 {
            func("a", "a.routingProfile.queues.push(3)")
                .call1(&JsValue::NULL, &agent)
                .unwrap();
        }
        JsFuture::from(e.dispatch("Voice Contact", "onConnecting", input.clone()))
            .await
            .unwrap();
        counts.push(count());
    }
    func(
        "",
        "JSON.stringify = JSON.__original; delete JSON.__original;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    // Read, repeated (a copy is made), then compared only; changed (read
    // again), then repeated once more.
    assert_eq!(counts, vec![1.0, 2.0, 2.0, 2.0, 3.0, 4.0]);
}

#[wasm_bindgen_test]
async fn a_snapshot_in_another_key_order_is_read_again() {
    // JSON.parse puts integer-like keys first, so a copy made from a text
    // in another order could not tell a reordering: such a text gets no
    // copy. Seen through the recording's trace, which keeps the engine's
    // order (JS objects would reorder it again).
    let e = on_connecting(echo_flow());
    e.start_recording(None).unwrap();
    let input = Object::new();
    let give = |payload: JsValue| {
        Reflect::set(&input, &"payload".into(), &payload).unwrap();
        let p = e.dispatch("Voice Contact", "onConnecting", input.clone().into());
        async move { JsFuture::from(p).await.unwrap() }
    };
    let proxy = js_sys::eval("new Proxy({b: 1, 1: 2}, {ownKeys: () => ['b', '1']})").unwrap();
    // Twice: the second event repeats the text, which is when a copy
    // would be made; the third brings the other order.
    for _ in 0..2 {
        give(proxy.clone()).await;
    }
    give(js_sys::eval("({1: 2, b: 1})").unwrap()).await;
    let seen: Vec<String> = e
        .recording_trace()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["kind"] == "step" && v["action"] == "p")
        .map(|v| v["results"]["value"].to_string())
        .collect();
    let (b_first, one_first) = (r#"{"b":1,"1":2}"#, r#"{"1":2,"b":1}"#);
    assert_eq!(seen, vec![b_first, b_first, one_first]);
}

/// Start → two `Replace String` blocks looping on a 20 KB payload text
/// with a costly pattern: a run that computes without ever waiting.
fn heavy_flow() -> Value {
    let replace = |id: &str, next: &str| {
        json!({"id": id, "type": "SE_CoreReplaceString",
               "controls": {"input": "$.payload.text",
                            "searchValue": "/(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y)*[0-9]{3}z/g",
                            "replaceValue": "#"},
               "ports": {"done": next}})
    };
    json!({"name": "Heavy", "actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": "a"}},
        replace("a", "b"),
        replace("b", "a"),
    ]})
}

// A CPU-heavy looping flow hands the page its turn every few milliseconds:
// a timer set before the dispatch fires while the run is still going, a
// second event dispatched while it is yielded is served at once, and the
// run ends as it would have without yielding.
#[wasm_bindgen_test]
async fn a_busy_run_lets_the_page_run_timers_and_other_events() {
    let e = engine(json!({"limits": {"maxSteps": 60}}));
    e.load_flow_set(
        set(json!([
            {"flow": heavy_flow(), "source": "Voice Contact", "event": "onConnecting"},
            {"flow": serde_json::from_str::<Value>(START_END).unwrap(),
             "source": "Voice Contact", "event": "onConnected"}
        ])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    e.set_bridges(recording_bridges()).unwrap();
    let seen = Array::new();
    e.on_trace(
        func("e", "this.push(e.kind + ':' + (e.flow || ''))")
            .bind0(&seen)
            .into(),
    )
    .unwrap();
    // The timer copies what the runs had traced when it fired.
    let page = Object::new();
    Reflect::set(&page, &"seen".into(), &seen).unwrap();
    func(
        "",
        "const t0 = performance.now(); \
         setTimeout(() => { this.waitedMs = performance.now() - t0; \
                            this.atFire = this.seen.slice(); }, 0);",
    )
    .call0(&page)
    .unwrap();
    let chunk = "abcdefghijklmnopqrstuvwxy".repeat(40) + "12z";
    // 5 KB: about 1 ms a step in release, 25 ms in a debug build.
    let text = chunk.repeat(5);
    let input = js(json!({"payload": {"text": &text}}));
    let started = js_sys::Date::now();
    let heavy = e.dispatch("Voice Contact", "onConnecting", input);
    // The heavy run has yielded (its promise is pending): another event
    // runs now, in full.
    let quick = rs(
        &JsFuture::from(e.dispatch("Voice Contact", "onConnected", JsValue::UNDEFINED))
            .await
            .unwrap(),
    );
    assert_eq!(quick[0]["flow"], "Hello");
    assert_eq!(quick[0]["end"]["reason"], "end");
    let runs = rs(&JsFuture::from(heavy).await.unwrap());
    let run_ms = js_sys::Date::now() - started;
    assert_eq!(runs[0]["end"]["reason"], "stepBudget");
    assert_eq!(runs[0]["steps"], 60);
    let trace = runs[0]["trace"].as_array().unwrap();
    let last_step = trace.iter().rev().find(|t| t["kind"] == "step").unwrap();
    // No match (two digits, not three): the text comes back as it went in.
    assert!(
        last_step["results"]["value"].as_str() == Some(text.as_str()),
        "the last step's results changed"
    );
    let at_fire = rs(&Reflect::get(&page, &"atFire".into()).unwrap());
    let waited = Reflect::get(&page, &"waitedMs".into()).unwrap().as_f64();
    console_log!("heavy run {run_ms} ms; the page's timer waited {waited:?} ms");
    let at_fire = at_fire
        .as_array()
        .expect("the timer fired before the run ended");
    assert!(at_fire.contains(&json!("runStart:Heavy")), "{at_fire:?}");
    assert!(!at_fire.contains(&json!("runEnd:Heavy")), "{at_fire:?}");
    let seen = rs(&seen);
    assert!(seen.as_array().unwrap().contains(&json!("runEnd:Heavy")));
}

/// Sets a 0 ms timer, then starts `run` (a promise for a CPU-heavy run).
/// Returns whether the timer fired while the run was still going, and what
/// the run resolved to. Ordering only, no durations: after the run, a 5 ms
/// timer is awaited, which fires after the 0 ms one set before.
async fn a_timer_fires_during(run: impl FnOnce() -> js_sys::Promise) -> (bool, Value) {
    let page = Object::new();
    func(
        "",
        "this.ended = false; setTimeout(() => { this.endedAtFire = this.ended; }, 0);",
    )
    .call0(&page)
    .unwrap();
    let p = run();
    let watched = func(
        "p",
        "return p.then((v) => { this.ended = true; return v; });",
    )
    .call1(&page, &p)
    .unwrap();
    let v = JsFuture::from(js_sys::Promise::from(watched))
        .await
        .unwrap();
    js_host::sleep(5.0).await;
    let ended_at_fire = Reflect::get(&page, &"endedAtFire".into()).unwrap();
    assert!(ended_at_fire.as_bool().is_some(), "the timer never fired");
    (ended_at_fire.as_bool() == Some(false), rs(&v))
}

fn heavy_payload() -> JsValue {
    let chunk = "abcdefghijklmnopqrstuvwxy".repeat(40) + "12z";
    js(json!({"text": chunk.repeat(5)}))
}

// The busy time is measured on performance.now(), not on the bridges'
// now(): a platform clock that stands still (a test's fake clock, or
// Date.now set back) does not stop a busy run from yielding.
#[wasm_bindgen_test]
async fn a_busy_run_yields_though_the_bridges_clock_stands_still() {
    let e = engine(json!({"limits": {"maxSteps": 20}}));
    e.load_flow_set(
        set(json!([{"flow": heavy_flow(), "source": "Voice Contact", "event": "onConnecting"}])),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let bridges = Object::new();
    Reflect::set(&bridges, &"call".into(), &func("", "return null;")).unwrap();
    Reflect::set(&bridges, &"now".into(), &func("", "return 1234;")).unwrap();
    e.set_bridges(bridges.clone().into()).unwrap();
    let input = Object::new();
    Reflect::set(&input, &"payload".into(), &heavy_payload()).unwrap();
    let (yielded, runs) =
        a_timer_fires_during(|| e.dispatch("Voice Contact", "onConnecting", input.into())).await;
    assert_eq!(runs[0]["end"]["reason"], "stepBudget");
    assert!(yielded, "the page's timer waited for the whole run");
    let h = JsHost::from_js(&bridges.into(), 1000.0).unwrap();
    let (a, b) = (h.real_ms(), h.real_ms());
    assert!(a.is_some() && b >= a && h.now_ms() == 1234.0);
}

/// runFlow options for the heavy flow: a Voice Contact/onConnecting event
/// with the heavy payload.
fn heavy_run_opts() -> Object {
    let opts = Object::new();
    for (k, v) in [("source", "Voice Contact"), ("event", "onConnecting")] {
        Reflect::set(&opts, &k.into(), &v.into()).unwrap();
    }
    Reflect::set(&opts, &"payload".into(), &heavy_payload()).unwrap();
    opts
}

// The lab's runFlow (a scripted host) yields to the page as dispatch does.
#[wasm_bindgen_test]
async fn the_labs_run_flow_yields_to_the_page() {
    let e = engine(json!({"limits": {"maxSteps": 20}}));
    let opts = heavy_run_opts();
    let flow = js(heavy_flow());
    let (yielded, report) = a_timer_fires_during(|| e.run_flow(flow, opts.into())).await;
    assert!(yielded, "the page's timer waited for the whole run");
    assert_eq!(report["end"]["reason"], "stepBudget");
    assert_eq!(report["steps"], 20);
}

// A lab run the page no longer wants (another flow was loaded) is cancelled
// through opts.signal: it stops at its next yield instead of computing on.
#[wasm_bindgen_test]
async fn the_labs_run_flow_stops_when_its_signal_is_aborted() {
    let e = engine(json!({"limits": {"maxSteps": 1000}}));
    let opts = heavy_run_opts();
    let abort = js_sys::eval("new AbortController()").unwrap();
    Reflect::set(&opts, &"signal".into(), &get_js(&abort, "signal")).unwrap();
    let run = e.run_flow(js(heavy_flow()), opts.into());
    // Abort from a timer, which fires at the run's first yield.
    let f = Closure::once_into_js(move || {
        let abort_fn: js_sys::Function = get_js(&abort, "abort").unchecked_into();
        abort_fn.call0(&abort).unwrap();
    });
    web_sys_set_timeout(&f);
    let report = rs(&JsFuture::from(run).await.unwrap());
    let end = &report["end"];
    assert_eq!(end["reason"], "stopped", "{end}");
    assert!(
        end["message"]
            .as_str()
            .unwrap_or("")
            .contains("cancelled by the page"),
        "{end}"
    );
    assert!(
        report["steps"].as_u64().unwrap_or(1000) < 1000,
        "{}",
        report["steps"]
    );
}

fn get_js(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

fn web_sys_set_timeout(f: &JsValue) {
    let set_timeout: js_sys::Function = get_js(&js_sys::global(), "setTimeout").unchecked_into();
    set_timeout.call2(&JsValue::NULL, f, &0.into()).unwrap();
}

// Browsers read a timer delay as a 32-bit integer: 2^31 ms and more would
// wrap to a timer that fires at once. The call timeout and sleep are
// clamped to 2^31 - 1 ms. (Ordering only: a 30 ms timer against them.)
#[wasm_bindgen_test]
async fn call_timeouts_and_sleeps_past_2_31_ms_do_not_fire_at_once() {
    for timeout in [2_147_483_648.0, 4_294_967_297.0, 1e12, f64::INFINITY] {
        let h = host(
            "return new Promise((resolve) => setTimeout(() => resolve('late'), 30));",
            timeout,
        );
        assert_eq!(
            h.call(&call("x")).await,
            Ok(json!("late")),
            "callTimeoutMs {timeout}"
        );
    }
    for ms in [2_147_483_648.0, 4_294_967_297.0, 1e12] {
        let done = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            js_host::sleep(ms).await;
            flag.set(true);
        });
        js_host::sleep(30.0).await;
        assert!(!done.get(), "sleep({ms}) returned at once");
    }
}

// What a yield costs: a MessageChannel message against setTimeout(0)
// (clamped to 4 ms once nested). Printed, not asserted.
#[wasm_bindgen_test]
async fn measure_a_macrotask_by_message_and_by_timer() {
    let f = func(
        "",
        "return (async () => { \
           const n = 200; let t = performance.now(); \
           for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0)); \
           const timer = (performance.now() - t) / n; \
           const ch = new MessageChannel(); let next = null; \
           ch.port1.onmessage = () => next(); \
           t = performance.now(); \
           for (let i = 0; i < n; i++) await new Promise((r) => { next = r; ch.port2.postMessage(0); }); \
           const message = (performance.now() - t) / n; \
           return { timer, message }; })()",
    );
    let p: js_sys::Promise = f.call0(&JsValue::NULL).unwrap().unchecked_into();
    let r = rs(&JsFuture::from(p).await.unwrap());
    console_log!(
        "one macrotask: setTimeout(0) {} ms, MessageChannel {} ms",
        r["timer"],
        r["message"]
    );
}
