//! How a scripted answer is read (`ctiflow_engine::scripted::parse_answer`).

use ctiflow_engine::scripted::parse_answer;
use serde_json::json;

#[test]
fn an_error_with_only_a_code_keeps_the_code() {
    let e = parse_answer(&json!({"error": {"code": "NOT_FOUND"}})).unwrap_err();
    assert_eq!(e.code, "NOT_FOUND");
    assert_eq!(e.message, "NOT_FOUND");
    let e = parse_answer(
        &json!({"error": {"code": "BUSY", "message": "line busy", "details": {"n": 1}}}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.message.as_str()), ("BUSY", "line busy"));
    assert_eq!(e.details, json!({"n": 1}));
    // Not an object with a code: the whole value is the message.
    let e = parse_answer(&json!({"error": "nope"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ERROR", "nope"));
}

#[test]
fn ok_error_or_sequence_next_to_other_keys_is_rejected() {
    for bad in [
        json!({"ok": "003X", "note": "hi"}),
        json!({"error": {"code": "E"}, "ok": 1}),
        json!({"sequence": [], "x": 1}),
    ] {
        let e = parse_answer(&bad).unwrap_err();
        assert_eq!(e.code, "BAD_ANSWER", "{bad}");
        assert!(e.message.contains("alone"), "{}", e.message);
    }
    // A bare value (no reserved key) is still a success.
    assert_eq!(
        parse_answer(&json!({"Id": "003"})).unwrap(),
        json!({"Id": "003"})
    );
    assert_eq!(parse_answer(&json!({"ok": null})).unwrap(), json!(null));
}
