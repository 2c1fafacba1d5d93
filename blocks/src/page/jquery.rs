//! # Call jQuery Method
//!
//! **What it does.** Calls a jQuery method on elements of the adapter page:
//! `$(selector)[method](...args)`, and gives back what it returned.
//!
//! **Controls.**
//! - `selector` (string, required): a jQuery selector (`#banner`, `.note`).
//! - `method` (string, required): one of the allowed methods below.
//! - `args` (array): the arguments; a single value is taken as a one-item
//!   list, absent as none.
//!
//! Allowed methods: `text`, `val`, `show`, `hide`, `toggle`, `addClass`,
//! `removeClass`, `toggleClass`, `hasClass`, `css`, `attr`, `removeAttr`,
//! `prop`, `data`, `is`, `focus`, `blur`, `click`, `trigger`, `remove`,
//! `empty`, `fadeIn`, `fadeOut`, `slideUp`, `slideDown`. Methods that parse
//! HTML (`html`, `append`, `after`, `wrap`, `load`, ...) are refused, and so
//! are `attr`/`prop` on event handlers (`on…`) and on URL or markup
//! properties (`href`, `src`, `srcdoc`, `action`, `formaction`, `innerHTML`,
//! `outerHTML`): nothing a flow carries is ever rendered as HTML or run as
//! script. A refused call ends the run with an error naming the control and
//! makes no bridge call.
//!
//! **Ports.** `done`. **Host calls.** `adapterUi.jquery {selector, method,
//! args}`. **Results.** `{value}`: the method's return value as the page
//! serialises it (`null` for jQuery objects).
//!
//! **Example.**
//! ```json
//! {"id":"4","type":"SE_CoreJQuery","controls":{"selector":"#vip-banner","method":"show",
//!  "args":[]},"ports":{"done":"5"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #79). The capability is optional: a host with no page (CLI, a
//! headless replay without a recording) answers with an error, which ends the
//! run naming the call.

use crate::prelude::*;

/// `SE_CoreJQuery`.
pub struct JQuery;

const ALLOWED: &[&str] = &[
    "text",
    "val",
    "show",
    "hide",
    "toggle",
    "addClass",
    "removeClass",
    "toggleClass",
    "hasClass",
    "css",
    "attr",
    "removeAttr",
    "prop",
    "data",
    "is",
    "focus",
    "blur",
    "click",
    "trigger",
    "remove",
    "empty",
    "fadeIn",
    "fadeOut",
    "slideUp",
    "slideDown",
];

const UNSAFE_NAMES: &[&str] = &[
    "href",
    "src",
    "srcdoc",
    "action",
    "formaction",
    "xlink:href",
    "innerhtml",
    "outerhtml",
];

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreJQuery",
    aliases: &["SE_CoreCallJQueryMethod", "SE_JQuery"],
    name: "Call jQuery Method",
    family: Family::Page,
    description:
        "Calls an allowed jQuery method on adapter page elements (no HTML-parsing methods).",
    controls: &[
        ControlSpec::req("selector", Kind::String, "A jQuery selector."),
        ControlSpec::req(
            "method",
            Kind::String,
            "The method (text, val, show, hide, addClass, css, ...).",
        ),
        ControlSpec::opt("args", Kind::Any, "The arguments, as an array."),
    ],
    ports: DONE,
    results: "{value}",
    calls: &["adapterUi.jquery"],
    side_effects: true,
    confirmed: false,
};

/// Why a call is refused, if it is.
fn refusal(method: &str, args: &[Value]) -> Option<String> {
    if !ALLOWED.contains(&method) {
        return Some(format!(
            "method `{method}` is not allowed (HTML-parsing and unknown methods are refused); allowed: {}",
            ALLOWED.join(", ")
        ));
    }
    if matches!(method, "attr" | "prop") {
        let names: Vec<String> = match args.first() {
            Some(Value::Object(m)) => m.keys().cloned().collect(),
            Some(v) => vec![js_string(Some(v))],
            None => Vec::new(),
        };
        let setting = args.len() > 1 || matches!(args.first(), Some(Value::Object(_)));
        if let Some(bad) = names.iter().find(|n| {
            let n = n.trim().to_ascii_lowercase();
            n.starts_with("on") || UNSAFE_NAMES.contains(&n.as_str())
        }) {
            if setting {
                return Some(format!("setting `{bad}` with {method} is not allowed"));
            }
        }
    }
    None
}

impl Block for JQuery {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let selector = ctx.required_string("selector")?;
            let method = ctx.required_string("method")?.trim().to_string();
            let args = match ctx.value("args") {
                None => Vec::new(),
                Some(Value::Array(a)) => a,
                Some(v) => vec![v],
            };
            if let Some(message) = refusal(&method, &args) {
                return Err(BlockError::BadControl {
                    control: "method".into(),
                    message,
                });
            }
            let v = ctx
                .call_required(
                    Bridge::AdapterUi,
                    "jquery",
                    json!({"selector": selector, "method": method, "args": args}),
                )
                .await?;
            Ok(BlockOutput::value(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn calls_an_allowed_method() {
        let h = host_with(json!({"answers": {"adapterUi.jquery": {"ok": "42"}}}));
        let one = run_block(
            "SE_CoreJQuery",
            json!({"selector": "#amount", "method": "val"}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!({"value": "42"}));
        assert_eq!(
            one.call("adapterUi.jquery").args,
            json!({"selector": "#amount", "method": "val", "args": []})
        );
        let one = run_block(
            "SE_CoreJQuery",
            json!({"selector": "#q", "method": "text", "args": "$.contact.queue.name"}),
            &h,
        );
        assert_eq!(
            one.call("adapterUi.jquery").args["args"],
            json!(["BasicQueue"])
        );
        let one = run_block(
            "SE_CoreJQuery",
            json!({"selector": "a", "method": "attr", "args": ["href"]}),
            &h,
        );
        assert_eq!(one.outcome, Some(Outcome::Done), "reading href is fine");
    }

    #[test]
    fn html_and_script_paths_are_refused_without_a_call() {
        for (method, args) in [
            ("html", json!(["<img src=x onerror=alert(1)>"])),
            ("append", json!(["<b>x</b>"])),
            ("attr", json!(["onclick", "alert(1)"])),
            ("attr", json!([{"HREF": "javascript:alert(1)"}])),
            ("prop", json!(["innerHTML", "<b>"])),
            ("constructor", json!([])),
        ] {
            let h = host();
            let one = run_block(
                "SE_CoreJQuery",
                json!({"selector": "#x", "method": method, "args": args}),
                &h,
            );
            assert_eq!(one.outcome, None, "{method} {args}");
            assert!(one.calls.is_empty(), "{method} {args}");
            assert!(format!("{:?}", one.report.end).contains("control `method`"));
        }
    }

    #[test]
    fn a_host_without_a_page_ends_the_run() {
        let h = host_with(
            json!({"answers": {"adapterUi.jquery": {"error": {"code": "UNSUPPORTED", "message": "no DOM"}}}}),
        );
        let one = run_block(
            "SE_CoreJQuery",
            json!({"selector": "#x", "method": "hide"}),
            &h,
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("adapterUi.jquery"));
    }
}
