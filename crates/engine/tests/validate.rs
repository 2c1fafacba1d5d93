//! Validation finds every problem at once, each naming the flow, the action
//! and the block type.

mod common;

use common::engine;
use ctiflow_engine::Diagnostic;

fn diags(flow: &str) -> Vec<Diagnostic> {
    engine().validate_text("f.json", flow).diagnostics
}

fn codes(flow: &str) -> Vec<(&'static str, bool, Option<String>)> {
    diags(flow)
        .into_iter()
        .map(|d| (d.code, d.is_error(), d.action))
        .collect()
}

#[test]
fn a_clean_flow_has_no_diagnostic() {
    assert!(diags(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"n"}},
        {"id":"n","type":"T_Needs","controls":{"text":"x"},"ports":{"true":"e","false":"e"}},
        {"id":"e","type":"SE_End"}]}"#
    )
    .is_empty());
}

#[test]
fn missing_required_control_and_wrong_type() {
    let d = diags(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"n"}},
        {"id":"n","type":"T_Needs","controls":{"flag":"sometimes","data":"x","extra":1},"ports":{"true":"e"}},
        {"id":"e","type":"SE_End"}]}"#,
    );
    let text: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert!(text.contains(&"f.json: action n (T_Needs): error: control `text`: required control is missing (string)".to_string()), "{text:#?}");
    assert!(
        text.iter()
            .any(|t| t.contains("control `flag`: expected boolean, found string \"sometimes\"")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("control `data`: expected object, found string")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("warning: control `extra`: not a control of T_Needs")),
        "{text:#?}"
    );
}

#[test]
fn may_be_undefined_when_not_on_every_path() {
    let c = codes(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"n"}},
        {"id":"n","type":"T_Needs","controls":{"text":"x"},"ports":{"true":"a","false":"b"}},
        {"id":"a","type":"T_Noop","ports":{"done":"b"}},
        {"id":"b","type":"T_Needs","controls":{"text":"$.actions.a.results.value","data":{"k":["$.actions.n.results"]}},"ports":{"true":"e"}},
        {"id":"e","type":"SE_End"}]}"#,
    );
    // `a` is skipped on the false branch: warning. `n` dominates `b`: fine.
    assert_eq!(c, vec![("may-be-undefined", false, Some("b".into()))]);
}

#[test]
fn unreachable_and_loops_warn() {
    let c = codes(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"a"}},
        {"id":"a","type":"T_Noop","ports":{"done":"a"}},
        {"id":"lost","type":"T_Noop","ports":{"done":"a"}}]}"#,
    );
    assert!(
        c.contains(&("unreachable", false, Some("lost".into()))),
        "{c:?}"
    );
    assert!(c.contains(&("cycle", false, Some("a".into()))), "{c:?}");
    assert!(c.iter().all(|(_, err, _)| !err));
}

#[test]
fn unknown_port_warns_and_bad_magic_string_errors() {
    let c = codes(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"n","success":"n"}},
        {"id":"n","type":"T_Needs","controls":{"text":"$.actions.s.result"}},
        {"id":"e","type":"SE_End"}]}"#,
    );
    assert!(
        c.contains(&("unknown-port", false, Some("s".into()))),
        "{c:?}"
    );
    assert!(
        c.contains(&("bad-magic-string", true, Some("n".into()))),
        "{c:?}"
    );
}

#[test]
fn duplicate_ids_and_missing_start() {
    let c = codes(r#"{"actions":[{"id":"a","type":"T_Noop"},{"id":"a","type":"T_Noop"}]}"#);
    assert!(
        c.contains(&("duplicate-id", true, Some("a".into()))),
        "{c:?}"
    );
    assert!(c.iter().any(|x| x.0 == "no-start" && x.1), "{c:?}");
}

#[test]
fn missing_action_suggests_the_near_id() {
    let d = diags(
        r#"{"actions":[{"id":"s","type":"SE_Start","ports":{"done":"uid-12"}},
        {"id":"uid-12","type":"T_Needs","controls":{"text":"$.actions.uid12.results.x"}}]}"#,
    );
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message
            .ends_with("names action `uid12`, which does not exist; did you mean `uid-12`?"),
        "{}",
        d[0]
    );
}

/// A flow of `n` actions `n0..n{n-1}` after the start, each with a port to
/// `m{i}`, which does not exist (`n{i}` is one edit away).
fn dangling(n: usize) -> String {
    let mut actions = vec![serde_json::json!({"id":"s","type":"SE_Start","ports":{"done":"n0"}})];
    actions.extend((0..n).map(|i| {
        serde_json::json!({"id": format!("n{i}"), "type": "T_Noop", "ports": {"done": format!("m{i}")}})
    }));
    serde_json::json!({ "actions": actions }).to_string()
}

fn dangling_ports(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.code == "dangling-port").collect()
}

// Review finding: hints compared every bad reference with every id, with
// no caps (a 100,000-char id took 22 s). Long words get no hint.
#[test]
fn a_long_id_gets_its_error_without_a_hint() {
    let id = "a".repeat(3_000);
    let flow = serde_json::json!({"actions": [
        {"id": "s", "type": "SE_Start", "ports": {"done": format!("{id}x")}},
        {"id": id, "type": "SE_End"}]})
    .to_string();
    let d = diags(&flow);
    let ports = dangling_ports(&d);
    assert_eq!(ports.len(), 1, "{d:?}");
    assert!(!ports[0].message.contains("did you mean"), "{}", ports[0]);
}

// Review finding: 20,000 actions with dangling ports took > 120 s. Above
// `MAX_HINT_CANDIDATES` ids, no hint is looked for.
#[test]
fn many_dangling_ports_are_reported_without_hints() {
    let n = ctiflow_engine::catalog::MAX_HINT_CANDIDATES + 500;
    let d = diags(&dangling(n));
    let ports = dangling_ports(&d);
    assert_eq!(ports.len(), n);
    assert!(ports.iter().all(|p| !p.message.contains("did you mean")));
}

// Under the candidate cap, hints stop when the validation's hint budget is
// spent: the first bad ports get one, the last do not.
#[test]
fn hints_stop_when_the_budget_is_spent() {
    let d = diags(&dangling(900));
    let ports = dangling_ports(&d);
    assert_eq!(ports.len(), 900);
    assert!(
        ports[0].message.ends_with("did you mean `n0`?"),
        "{}",
        ports[0]
    );
    assert!(
        !ports[899].message.contains("did you mean"),
        "{}",
        ports[899]
    );
    let hinted = ports
        .iter()
        .filter(|p| p.message.contains("did you mean"))
        .count();
    assert!((10..900).contains(&hinted), "{hinted} hinted");
}
