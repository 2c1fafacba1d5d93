//! Rules-file checks: one bad file per validation rule under
//! `tests/presence/bad/` (repo root), each giving exactly its one message,
//! and the adapter docs' example under `tests/presence/adapter-example.json`
//! giving none.

use ctiflow_presence::{check, load, Severity};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/presence")
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// file → (severity, code, text the message must contain, exit code).
const BAD: &[(&str, Severity, &str, &str, i32)] = &[
    (
        "unknown-operand.json",
        Severity::Error,
        "unknown-operand",
        r#"rule "Connect Lunch to Omni Lunch" (#1): unknown operand A "Connect New State""#,
        1,
    ),
    (
        "unknown-comparator.json",
        Severity::Error,
        "unknown-comparator",
        r#"rule "Connect Lunch to Omni Lunch" (#1): unknown comparator "Contains""#,
        1,
    ),
    (
        "operand-not-available.json",
        Severity::Error,
        "operand-not-available",
        r#"rule "Busy Omni when Connect is full" (#2): operand A "Salesforce New Workload Pct" is not available for source event "Connect Agent State Change""#,
        1,
    ),
    (
        "numeric-comparator-on-state.json",
        Severity::Error,
        "numeric-comparator-on-name",
        r#"rule "Connect state above Available" (#1): comparator "Greater than" compares numbers, but operand A "Connect Agent New State" is a state name"#,
        1,
    ),
    (
        "connect-system-status.json",
        Severity::Error,
        "system-status",
        r#"rule "Omni Wrap Up to Connect ACW" (#1): destination state "AfterCallWork" is a Connect system status and cannot be set"#,
        1,
    ),
    (
        "logout-not-offline.json",
        Severity::Warning,
        "logout-not-offline",
        r#"rule "Omni logout to Connect Offline" (#1): the adapter ignores Salesforce Agent Logout rules unless they test "Salesforce Agent New State" "Equal to" the exact value "Offline""#,
        0,
    ),
    (
        "malformed-json.json",
        Severity::Error,
        "malformed-json",
        "line 5, column 5: the rules file is not valid JSON: expected `,` or `}`",
        2,
    ),
    (
        "unknown-source.json",
        Severity::Error,
        "unknown-source",
        r#"rule "Connect Lunch to Omni Lunch" (#1): unknown source event "Connect Agent Status Updated""#,
        1,
    ),
    (
        "missing-static-value.json",
        Severity::Error,
        "missing-static-value",
        r#"rule "Connect Lunch to Omni Lunch" (#1): operand B is "Static Value" but the rule has no `operandBValue`"#,
        1,
    ),
    (
        "not-a-number.json",
        Severity::Error,
        "not-a-number",
        r#"rule "Omni full to Connect Busy Omni" (#1): comparator "Greater than or equal to" compares numbers, but operand B (Static Value "full") is not a number"#,
        1,
    ),
    (
        "unknown-destination.json",
        Severity::Error,
        "unknown-destination",
        r#"rule "Connect Lunch to Omni Lunch" (#1): unknown destination "Omni Status""#,
        1,
    ),
];

#[test]
fn every_bad_file_gives_its_one_message() {
    let bad = dir().join("bad");
    let mut files: Vec<String> = std::fs::read_dir(&bad)
        .unwrap_or_else(|e| panic!("{}: {e}", bad.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = BAD.iter().map(|b| b.0.to_owned()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every bad file has an expectation, and only those"
    );

    for (file, severity, code, text, exit) in BAD {
        let report = check(&read(&bad.join(file)));
        let [d] = &report.diagnostics[..] else {
            panic!("{file}: expected one diagnostic, got:\n{report}");
        };
        assert_eq!(d.severity, *severity, "{file}: {d}");
        assert_eq!(d.code, *code, "{file}: {d}");
        let shown = d.to_string();
        assert!(
            shown.contains(text),
            "{file}:\n  got  {shown}\n  want {text}"
        );
        assert_eq!(report.exit_code(), *exit, "{file}");
    }
}

#[test]
fn bad_rules_are_left_out_and_good_ones_kept() {
    let loaded = load(&read(&dir().join("bad/operand-not-available.json")));
    let names: Vec<&str> = loaded.rules.rules().iter().map(|r| r.name()).collect();
    assert_eq!(names, ["Connect Available to Omni Available"]);
    // The adapter ignores a Logout rule that does not test exactly "Offline".
    assert!(load(&read(&dir().join("bad/logout-not-offline.json")))
        .rules
        .is_empty());
}

#[test]
fn the_adapter_example_is_clean() {
    let loaded = load(&read(&dir().join("adapter-example.json")));
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    assert_eq!(loaded.report.exit_code(), 0);
    assert_eq!(loaded.rules.len(), 4);
}

#[test]
fn record_field_names_load_like_the_readable_form() {
    // An exported record: label-style and `__c` API-style keys, the
    // `attributes` member of a Salesforce REST record, symbols and loose case.
    let text = r#"[{
      "attributes": {"type": "amazonconnect__AC_PresenceSyncRule__c"},
      "Id": "a0B000000000001",
      "Name": "Connect Lunch",
      "amazonconnect__Source__c": "connect agent state change",
      "amazonconnect__Operand_A__c": "Connect_Agent_New_State",
      "amazonconnect__Comparator__c": "==",
      "Operand B": "Static Value",
      "Operand B Value": "Lunch",
      "amazonconnect__Destination__c": "Salesforce Agent State",
      "amazonconnect__Value__c": "Lunch"
    }]"#;
    let loaded = load(text);
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    let [rule] = loaded.rules.rules() else {
        panic!("one rule")
    };
    assert_eq!(rule.name(), "Connect Lunch");
    assert_eq!(rule.target(), "Lunch");
}

#[test]
fn other_problems_are_reported_without_panicking() {
    let cases: &[(&str, &str)] = &[
        ("", "malformed-json"),
        ("{}", "not-a-rules-file"),
        ("42", "not-a-rules-file"),
        ("[1]", "not-an-object"),
        (
            r#"[{"source": "Connect Agent State Change"}]"#,
            "missing-field",
        ),
        (r#"[{"name": 5}]"#, "bad-field"),
        ("[]", "no-rules"),
    ];
    for (text, code) in cases {
        let report = check(text);
        assert!(
            report.diagnostics.iter().any(|d| d.code == *code),
            "{text:?}: want {code}, got:\n{report}"
        );
    }
    // An unnamed rule is named by position; a typo'd key is a warning.
    let report = check(
        r#"[{"source": "Connect Agent State Change", "operandA": "Connect Agent New State",
             "comparator": "Equal to", "operandB": "Static Value", "operandBValue": "Lunch",
             "destination": "Salesforce Agent State", "value": "Lunch", "comparater": "x"}]"#,
    );
    let shown = report.to_string();
    assert!(
        shown.contains("error: rule #1: has no name (`name`)"),
        "{shown}"
    );
    assert!(
        shown.contains("warning: rule #1: unknown field \"comparater\" (ignored)"),
        "{shown}"
    );
}

#[test]
fn duplicate_names_warn() {
    let rule = r#"{"name": "Same", "source": "Connect Agent State Change",
      "operandA": "Connect Agent New State", "comparator": "Equal to", "operandB": "Static Value",
      "operandBValue": "Lunch", "destination": "Salesforce Agent State", "value": "Lunch"}"#;
    let report = check(&format!("[{rule},{rule}]"));
    let [d] = &report.diagnostics[..] else {
        panic!("{report}")
    };
    assert_eq!(d.code, "duplicate-name");
    assert_eq!(d.to_string(), "warning: rule \"Same\" (#2): has the same name as rule #1; diagnostics and action logs cannot tell them apart");
}

#[test]
fn no_input_panics() {
    let text = read(&dir().join("adapter-example.json"));
    // Every prefix of a good file: malformed JSON with a position.
    for end in (0..text.trim_end().len()).filter(|i| text.is_char_boundary(*i)) {
        let report = check(&text[..end]);
        let [d] = &report.diagnostics[..] else {
            panic!("prefix {end}: {report}")
        };
        assert_eq!(d.code, "malformed-json");
        assert!(d.line.is_some() || end == 0 || text[..end].trim().is_empty());
        assert_eq!(report.exit_code(), 2);
    }
    // Every field of a rule removed, or replaced by every JSON type.
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rule = good["rules"][2].as_object().unwrap().clone();
    let odd = [
        serde_json::json!(null),
        serde_json::json!(-1.5e300),
        serde_json::json!(true),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!(""),
        serde_json::json!("Busy"),
        serde_json::json!("Static Value"),
    ];
    for key in rule.keys() {
        let mut r = rule.clone();
        r.remove(key);
        let loaded = ctiflow_presence::load_value(&serde_json::json!([r]));
        assert!(!loaded.report.diagnostics.is_empty(), "without {key}");
        for v in &odd {
            let mut r = rule.clone();
            r.insert(key.clone(), v.clone());
            let _ = ctiflow_presence::load_value(&serde_json::json!({ "rules": [r] }));
        }
    }
}

#[test]
fn static_numbers_read_as_javascripts_number() {
    for (value, is_number) in [
        ("100", true),
        (" 1e2 ", true),
        ("0x64", true),
        ("\u{FEFF}100", true),
        ("inf", false),
        ("NaN", false),
        ("Infinity", false),
        ("1_00", false),
        ("", false),
    ] {
        let rule = serde_json::json!([{"name": "Full", "source": "Salesforce Workload Changed",
            "operandA": "Salesforce New Workload Pct", "comparator": ">=",
            "operandB": "Static Value", "operandBValue": value,
            "destination": "Connect Agent State", "value": "Omni Full"}]);
        let report = ctiflow_presence::load_value(&rule).report;
        let not_a_number = report.diagnostics.iter().any(|d| d.code == "not-a-number");
        assert_eq!(not_a_number, !is_number, "{value:?}:\n{report}");
    }
}
