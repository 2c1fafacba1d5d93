//! # String Template
//!
//! **What it does.** Fills the holes of a text template with named values:
//! `"Call about {{callReason}}: {{callOutcome}}"`. Both `{{name}}` and
//! `${name}` holes work; spaces inside the braces are ignored, and a dotted
//! name (`{{customer.name}}`) walks into an object value.
//!
//! **Controls.**
//! - `template` (string): the text with holes.
//! - `variables` (object): `{name: value}`. Values may be magic strings
//!   (`"$.contact.attributes.callReason.value"`); the engine resolves them
//!   before the block runs.
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value: string}`.
//!
//! Values are written with JavaScript `String()` rules (`false` as `"false"`,
//! objects as JSON). A name that is not in `variables`, or whose value is
//! undefined or `null`, leaves an empty string, and a trace note lists those
//! names. Substitution is a single pass: a value that itself contains
//! `{{...}}` is inserted as is, never expanded again. Nothing is evaluated:
//! `${1+1}` looks for a variable named `1+1`.
//!
//! **Example.**
//! ```json
//! {"id":"5","type":"SE_CoreStringTemplate","controls":{
//!  "template":"{{callReason}} - {{callOutcome}}",
//!  "variables":{"callReason":"$.contact.attributes.callReason.value","callOutcome":"Resolved"}},
//!  "ports":{"done":"6"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.10, X5, which proposes `${name}`; `{{name}}` is accepted as well). A
//! hole that is never closed is kept as literal text.

use crate::logic::lookup;
use crate::prelude::*;

/// `SE_CoreStringTemplate`.
pub struct StringTemplate;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreStringTemplate",
    aliases: &["SE_StringTemplate"],
    name: "String Template",
    family: Family::Core,
    description: "Fills {{name}} / ${name} holes in a template with named values (no evaluation).",
    controls: &[
        ControlSpec::req(
            "template",
            Kind::String,
            "The text, with {{name}} or ${name} holes.",
        ),
        ControlSpec::opt(
            "variables",
            Kind::Object,
            "The values by name; magic strings allowed.",
        ),
    ],
    ports: DONE,
    results: "{value: string}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// Fills the template; returns the text and the names that had no value.
/// Stops with `Err(len)` once the text is longer than `cap` bytes: a large
/// value in many holes is not bounded by the inputs' size.
pub(crate) fn fill(
    template: &str,
    vars: &Value,
    cap: usize,
) -> Result<(String, Vec<String>), usize> {
    let mut out = String::with_capacity(template.len().min(cap));
    let mut missing = Vec::new();
    let mut rest = template;
    loop {
        // The earliest hole opener of either kind.
        let next = [("{{", "}}"), ("${", "}")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, open, close)))
            .min_by_key(|(i, _, _)| *i);
        let Some((i, open, close)) = next else { break };
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        let name = after[..j].trim();
        out.push_str(&rest[..i]);
        match lookup(vars, name) {
            None | Some(Value::Null) if name.is_empty() => {}
            None | Some(Value::Null) => missing.push(name.to_string()),
            Some(v) => out.push_str(&js_string(Some(v))),
        }
        if out.len() > cap {
            return Err(out.len());
        }
        rest = &after[j + close.len()..];
    }
    out.push_str(rest);
    Ok((out, missing))
}

impl Block for StringTemplate {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let template = ctx.string("template");
            let vars = Value::Object(ctx.object("variables"));
            let cap = usize::try_from(ctx.value_limit()).unwrap_or(usize::MAX);
            let (text, missing) =
                fill(&template, &vars, cap).map_err(|n| ctx.too_large("results", n as u64))?;
            if !missing.is_empty() {
                ctx.note(format!("no value for {}; left empty", missing.join(", ")));
            }
            Ok(BlockOutput::value(Value::String(text)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn fill(template: &str, variables: Value) -> One {
        run_block(
            "SE_CoreStringTemplate",
            json!({"template": template, "variables": variables}),
            &host(),
        )
    }

    #[test]
    fn fills_both_hole_styles_with_resolved_values() {
        let one = fill(
            "Case {{ case }} for ${queue}: {{ok}} {{n}} {{who.name}}",
            json!({
                "case": "$.contact.attributes.caseNumber.value",
                "queue": "$.contact.queue.name",
                "ok": false,
                "n": 3,
                "who": {"name": "Ann"}
            }),
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(
            one.results,
            json!({"value": "Case 00001026 for BasicQueue: false 3 Ann"})
        );
        assert!(one.calls.is_empty());
    }

    #[test]
    fn missing_values_are_empty_and_noted_and_never_expanded_twice() {
        let one = fill(
            "[{{nope}}][{{undef}}][{{loop}}][${1+1}]",
            json!({"undef": "$.payload.nothing", "loop": "{{loop}}"}),
        );
        assert_eq!(one.results, json!({"value": "[][][{{loop}}][]"}));
        let note = one.report.trace.iter().find_map(|t| match t {
            TraceEntry::Note { message, .. } => Some(message.clone()),
            _ => None,
        });
        assert_eq!(
            note.as_deref(),
            Some("no value for nope, undef, 1+1; left empty")
        );
    }

    #[test]
    fn unclosed_holes_and_odd_text_stay_literal() {
        assert_eq!(
            fill("a {{b", json!({"b": 1})).results,
            json!({"value": "a {{b"})
        );
        assert_eq!(
            fill("$ { } {{}} é${", json!({})).results,
            json!({"value": "$ { }  é${"})
        );
        assert_eq!(fill("", json!(null)).results, json!({"value": ""}));
    }

    // One 10 KB value in 1,000 holes would be 10 MB.
    #[test]
    fn a_result_over_the_value_limit_stops_the_run_on_that_limit() {
        let one = run_block(
            "SE_CoreStringTemplate",
            json!({"template": "{{v}}".repeat(1_000), "variables": {"v": "x".repeat(10_000)}}),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(
            matches!(&one.report.end, EndReason::ValueSize { what, action, block_type, bytes, limit }
                if what == "results" && action == "b" && block_type == "SE_CoreStringTemplate"
                    && *bytes > *limit && *bytes <= *limit + 10_000),
            "{:?}",
            one.report.end
        );
    }
}
