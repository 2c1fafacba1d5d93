//! Loading a rules file: JSON text → checked [`Rule`]s plus a [`Report`].
//!
//! A rules file is a JSON array of rule objects, or an object whose `rules`
//! member is that array. A rule object mirrors the adapter's Presence Sync
//! Rule record:
//!
//! | field | record label | accepted spellings of the key |
//! |---|---|---|
//! | `name` | Presence Sync Rule Name | `name`, `Name`, `Presence Sync Rule Name`, `ruleName` |
//! | `source` | Source | `source`, `sourceEvent`, `event` |
//! | `operandA` | Operand A | `operandA`, `Operand A` |
//! | `operandAValue` | Operand A Value (Static Value only) | `operandAValue`, `Operand A Value` |
//! | `comparator` | Comparator | `comparator` |
//! | `operandB` | Operand B | `operandB`, `Operand B` |
//! | `operandBValue` | Operand B Value (Static Value only) | `operandBValue`, `Operand B Value` |
//! | `destination` | Destination | `destination` |
//! | `value` | Value (the target state) | `value`, `targetState`, `destinationValue` |
//!
//! Keys are matched loosely (case, spaces and `_` ignored), and a
//! Salesforce-style API name is reduced first: an optional namespace prefix
//! (`amazonconnect__`) and the `__c` suffix are dropped, so an exported
//! record such as `{"Name": .., "amazonconnect__Operand_A__c": ..}` loads
//! too. (The managed package's exact field API names are not in the public
//! adapter docs; this covers the usual `Label_With_Underscores__c` form.)
//! `Id`, `attributes` and `description` are ignored; any other key is
//! reported as a warning, so a typo does not pass silently.

use crate::eval::{Mode, Rule, RuleSet, Term};
use crate::model::{normalize, Comparator, OperandKind, Side, SourceEvent, CONNECT_SYSTEM_STATES};
use crate::report::{Diagnostic, Report, Severity};
use ctiflow_engine::value::{is_js_space, js_string_to_number};
use serde_json::{Map, Value};

/// The rules that passed the checks, and every diagnostic.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The usable rules, in file order. A rule with an error is left out, and
    /// so is a Salesforce Agent Logout rule the adapter would ignore.
    pub rules: RuleSet,
    /// Everything found.
    pub report: Report,
}

/// Checks a rules file without keeping the rules (`ctiflow presence check`).
pub fn check(text: &str) -> Report {
    load(text).report
}

/// Loads a rules file from its text.
pub fn load(text: &str) -> Loaded {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => load_value(&v),
        Err(e) => {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let msg = full.strip_suffix(&suffix).unwrap_or(&full);
            let (line, column) = if e.line() == 0 {
                (None, None)
            } else {
                (Some(e.line()), Some(e.column()))
            };
            Loaded {
                rules: RuleSet::default(),
                report: Report {
                    diagnostics: vec![Diagnostic {
                        severity: Severity::Error,
                        code: "malformed-json",
                        rule: None,
                        index: None,
                        message: format!("the rules file is not valid JSON: {msg}"),
                        line,
                        column,
                    }],
                },
            }
        }
    }
}

/// Loads rules from parsed JSON.
pub fn load_value(v: &Value) -> Loaded {
    let mut diags = Vec::new();
    let items = match v {
        Value::Array(a) => Some(a),
        Value::Object(m) => m
            .iter()
            .find(|(k, _)| matches!(normalize(k).as_str(), "rules" | "presencesyncrules"))
            .and_then(|(_, v)| v.as_array()),
        _ => None,
    };
    let Some(items) = items else {
        diags.push(Diagnostic {
            severity: Severity::Error,
            code: "not-a-rules-file",
            rule: None,
            index: None,
            message: "a rules file is a JSON array of rules, or an object with a \"rules\" array"
                .into(),
            line: None,
            column: None,
        });
        return Loaded {
            rules: RuleSet::default(),
            report: Report { diagnostics: diags },
        };
    };
    if items.is_empty() {
        diags.push(Diagnostic {
            severity: Severity::Warning,
            code: "no-rules",
            rule: None,
            index: None,
            message: "the rules file has no rules".into(),
            line: None,
            column: None,
        });
    }
    let mut rules = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut cx = RuleCx {
            name: None,
            index: i + 1,
            diags: &mut diags,
            errors: 0,
        };
        if let Some(rule) = check_rule(&mut cx, item) {
            rules.push(rule);
        }
        if let Some(name) = cx.name.clone() {
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == name) {
                let first = *first;
                cx.warn(
                    "duplicate-name",
                    format!("has the same name as rule #{first}; diagnostics and action logs cannot tell them apart"),
                );
            } else {
                names.push((name, i + 1));
            }
        }
    }
    Loaded {
        rules: RuleSet::new(rules),
        report: Report { diagnostics: diags },
    }
}

/// The record fields, by position in [`RuleCx::fields`].
#[derive(Clone, Copy)]
enum F {
    Name,
    Source,
    OperandA,
    OperandAValue,
    Comparator,
    OperandB,
    OperandBValue,
    Destination,
    Target,
}

fn field_of(key: &str) -> Result<Option<F>, ()> {
    // `amazonconnect__Operand_A__c` → `Operand_A`.
    let mut k = key;
    if let Some(stem) = k.strip_suffix("__c").or_else(|| k.strip_suffix("__C")) {
        k = stem.rsplit_once("__").map_or(stem, |(_, s)| s);
    }
    Ok(Some(match normalize(k).as_str() {
        "name" | "presencesyncrulename" | "rulename" => F::Name,
        "source" | "sourceevent" | "event" => F::Source,
        "operanda" => F::OperandA,
        "operandavalue" | "operandastaticvalue" | "valuea" => F::OperandAValue,
        "comparator" => F::Comparator,
        "operandb" => F::OperandB,
        "operandbvalue" | "operandbstaticvalue" | "valueb" => F::OperandBValue,
        "destination" => F::Destination,
        "value" | "targetstate" | "target" | "destinationvalue" | "destinationstate" => F::Target,
        "id" | "attributes" | "description" | "comment" => return Ok(None),
        _ => return Err(()),
    }))
}

struct RuleCx<'d> {
    name: Option<String>,
    index: usize,
    diags: &'d mut Vec<Diagnostic>,
    errors: usize,
}

impl RuleCx<'_> {
    fn push(&mut self, severity: Severity, code: &'static str, message: String) {
        self.diags.push(Diagnostic {
            severity,
            code,
            rule: self.name.clone(),
            index: Some(self.index),
            message,
            line: None,
            column: None,
        });
    }
    fn err(&mut self, code: &'static str, message: String) {
        self.errors += 1;
        self.push(Severity::Error, code, message);
    }
    fn warn(&mut self, code: &'static str, message: String) {
        self.push(Severity::Warning, code, message);
    }

    /// A required string field; `None` (with an error) when absent or not a string.
    fn string<'v>(&mut self, v: Option<&'v Value>, what: &str, key: &str) -> Option<&'v str> {
        match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
            None | Some(Value::Null) => {
                self.err("missing-field", format!("has no {what} (`{key}`)"));
                None
            }
            Some(Value::String(_)) => {
                self.err("missing-field", format!("{what} (`{key}`) is empty"));
                None
            }
            Some(other) => {
                self.err(
                    "bad-field",
                    format!("{what} (`{key}`) must be a string, not {other}"),
                );
                None
            }
        }
    }
}

fn quoted_list<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|&x| format!("{:?}", label(x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Static Value's text, with its number when it is one.
fn static_term(v: &Value) -> Result<Term, String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => return Err(format!("must be a string or a number, not {other}")),
    };
    // JavaScript's `Number(text)`, except that blank text and infinities
    // are not numbers a rule can compare with.
    let number = Some(js_string_to_number(&text))
        .filter(|n| n.is_finite() && !text.trim_matches(is_js_space).is_empty());
    Ok(Term::Static { text, number })
}

fn check_rule(cx: &mut RuleCx<'_>, item: &Value) -> Option<Rule> {
    let Value::Object(obj) = item else {
        cx.err(
            "not-an-object",
            format!("is not a JSON object but {}", type_name(item)),
        );
        return None;
    };
    let fields = collect_fields(cx, obj);
    let get = |f: F| fields[f as usize];

    // Name first, so that every later diagnostic names the rule.
    match get(F::Name) {
        Some(Value::String(s)) if !s.trim().is_empty() => cx.name = Some(s.clone()),
        _ => {
            cx.string(get(F::Name), "name", "name");
        }
    }

    let source = cx
        .string(get(F::Source), "source event", "source")
        .and_then(|s| {
            let parsed = SourceEvent::parse(s);
            if parsed.is_none() {
                cx.err(
                    "unknown-source",
                    format!(
                        "unknown source event {s:?} (expected one of: {})",
                        quoted_list(&SourceEvent::ALL, SourceEvent::label)
                    ),
                );
            }
            parsed
        });

    let a = operand(cx, source, get(F::OperandA), get(F::OperandAValue), "A");
    let comparator = cx
        .string(get(F::Comparator), "comparator", "comparator")
        .and_then(|s| {
            let parsed = Comparator::parse(s);
            if parsed.is_none() {
                cx.err(
                    "unknown-comparator",
                    format!(
                        "unknown comparator {s:?} (expected one of: {})",
                        quoted_list(&Comparator::ALL, Comparator::label)
                    ),
                );
            }
            parsed
        });
    let b = operand(cx, source, get(F::OperandB), get(F::OperandBValue), "B");

    let mode = match (&a, comparator, &b) {
        (Some(a), Some(c), Some(b)) => types(cx, a, c, b),
        _ => None,
    };

    let destination = cx
        .string(get(F::Destination), "destination", "destination")
        .and_then(|s| {
            let parsed = Side::parse_destination(s);
            if parsed.is_none() {
                cx.err(
                    "unknown-destination",
                    format!(
                        "unknown destination {s:?} (expected {:?} or {:?})",
                        Side::Connect.destination_label(),
                        Side::Salesforce.destination_label()
                    ),
                );
            }
            parsed
        });
    let target = cx.string(get(F::Target), "target state", "value");
    if let (Some(Side::Connect), Some(t)) = (destination, target) {
        if CONNECT_SYSTEM_STATES.contains(&t) {
            cx.err(
                "system-status",
                format!(
                    "destination state {t:?} is a Connect system status and cannot be set (system statuses: {})",
                    CONNECT_SYSTEM_STATES.join(", ")
                ),
            );
        }
    }

    if cx.errors > 0 {
        return None;
    }
    let (source, a, comparator, b, mode, destination, target) =
        (source?, a?, comparator?, b?, mode?, destination?, target?);

    if source == SourceEvent::SalesforceAgentLogout && !tests_offline(&a, comparator, &b) {
        cx.warn(
            "logout-not-offline",
            format!(
                "the adapter ignores Salesforce Agent Logout rules unless they test {:?} {:?} the exact value \"Offline\" (case-sensitive); this rule is never applied",
                OperandKind::SalesforceAgentNewState.label(),
                Comparator::Equal.label()
            ),
        );
        return None;
    }

    Some(Rule {
        name: cx.name.clone().unwrap_or_default(),
        source,
        a,
        comparator,
        b,
        mode,
        destination,
        target: target.to_owned(),
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn collect_fields<'v>(cx: &mut RuleCx<'_>, obj: &'v Map<String, Value>) -> [Option<&'v Value>; 9] {
    let mut fields = [None; 9];
    let mut unknown = Vec::new();
    for (k, v) in obj {
        match field_of(k) {
            Ok(Some(f)) => {
                let slot = &mut fields[f as usize];
                if slot.is_none() {
                    *slot = Some(v);
                }
            }
            Ok(None) => {}
            Err(()) => unknown.push(k.as_str()),
        }
    }
    // Read the name before reporting unknown fields, so the warning names it.
    if let Some(Value::String(s)) = fields[F::Name as usize] {
        if !s.trim().is_empty() {
            cx.name = Some(s.clone());
        }
    }
    for k in unknown {
        cx.warn("unknown-field", format!("unknown field {k:?} (ignored)"));
    }
    fields
}

/// Reads operand `which` (`A` or `B`) and its Static Value.
fn operand(
    cx: &mut RuleCx<'_>,
    source: Option<SourceEvent>,
    v: Option<&Value>,
    value: Option<&Value>,
    which: &str,
) -> Option<Term> {
    let key = format!("operand{which}");
    let s = cx.string(v, &format!("operand {which}"), &key)?;
    let Some(kind) = OperandKind::parse(s) else {
        cx.err(
            "unknown-operand",
            format!(
                "unknown operand {which} {s:?} (expected one of: {})",
                quoted_list(&OperandKind::ALL, OperandKind::label)
            ),
        );
        return None;
    };
    if let Some(src) = source {
        if !src.operands().contains(&kind) {
            cx.err(
                "operand-not-available",
                format!(
                    "operand {which} {:?} is not available for source event {:?} (available: {})",
                    kind.label(),
                    src.label(),
                    quoted_list(src.operands(), OperandKind::label)
                ),
            );
            return None;
        }
    }
    if kind != OperandKind::StaticValue {
        return Some(Term::Field(kind));
    }
    match value {
        None | Some(Value::Null) => {
            cx.err(
                "missing-static-value",
                format!(
                    "operand {which} is \"Static Value\" but the rule has no `operand{which}Value`"
                ),
            );
            None
        }
        Some(v) => match static_term(v) {
            Ok(t) => Some(t),
            Err(e) => {
                cx.err("bad-field", format!("`operand{which}Value` {e}"));
                None
            }
        },
    }
}

fn describe(t: &Term) -> String {
    match t {
        Term::Field(k) => format!("{:?}", k.label()),
        Term::Static { text, .. } => format!("(Static Value {text:?})"),
    }
}

/// Checks that the operands suit the comparator; returns how to compare.
fn types(cx: &mut RuleCx<'_>, a: &Term, c: Comparator, b: &Term) -> Option<Mode> {
    let sides = [("A", a), ("B", b)];
    let numeric = |t: &Term| match t {
        Term::Field(k) => k.is_numeric(),
        Term::Static { .. } => false,
    };
    if c.is_ordering() {
        for (w, t) in sides {
            if let Term::Field(k) = t {
                if k.is_name() {
                    let what = if *k == OperandKind::SalesforceServiceChannel {
                        "a channel name"
                    } else {
                        "a state name"
                    };
                    cx.err(
                        "numeric-comparator-on-name",
                        format!(
                            "comparator {:?} compares numbers, but operand {w} {:?} is {what}; use {:?} or {:?}",
                            c.label(),
                            k.label(),
                            Comparator::Equal.label(),
                            Comparator::NotEqual.label()
                        ),
                    );
                    return None;
                }
            }
        }
        for (w, t) in sides {
            if let Term::Static { number: None, .. } = t {
                cx.err(
                    "not-a-number",
                    format!(
                        "comparator {:?} compares numbers, but operand {w} {} is not a number",
                        c.label(),
                        describe(t)
                    ),
                );
                return None;
            }
        }
    } else {
        for ((wn, n), (ws, s)) in [(sides[0], sides[1]), (sides[1], sides[0])] {
            if numeric(n) {
                if let Term::Static { number: None, .. } = s {
                    cx.err(
                        "not-a-number",
                        format!(
                            "operand {wn} {} is a number, but operand {ws} {} is not a number, so the rule can never fire as meant",
                            describe(n),
                            describe(s)
                        ),
                    );
                    return None;
                }
            }
        }
    }
    if let (Term::Static { .. }, Term::Static { .. }) = (a, b) {
        cx.warn(
            "constant-criterion",
            "compares two static values, so its criterion never depends on the event".into(),
        );
    }
    let both_static_numbers = matches!(
        (a, b),
        (
            Term::Static {
                number: Some(_),
                ..
            },
            Term::Static {
                number: Some(_),
                ..
            }
        )
    );
    Some(
        if c.is_ordering() || numeric(a) || numeric(b) || both_static_numbers {
            Mode::Number
        } else {
            Mode::Text
        },
    )
}

/// Whether the criterion is `Salesforce Agent New State` `Equal to` `Offline`
/// (either way round), the only Logout criterion the adapter applies.
fn tests_offline(a: &Term, c: Comparator, b: &Term) -> bool {
    let is_offline = |t: &Term| matches!(t, Term::Static { text, .. } if text == "Offline");
    let is_state = |t: &Term| *t == Term::Field(OperandKind::SalesforceAgentNewState);
    c == Comparator::Equal && ((is_state(a) && is_offline(b)) || (is_offline(a) && is_state(b)))
}
