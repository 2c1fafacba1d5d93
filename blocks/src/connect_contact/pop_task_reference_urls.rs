//! # Pop Task Contact's Reference Urls
//!
//! **What it does.** Opens every URL reference of the run's task contact in
//! a new browser tab.
//!
//! **Controls.** None. **Ports.** `done`.
//! **Host calls.** `adapterUi.openUrl {url}` for each reference of type
//! `URL` in `$.contact.references` (Streams `contact.getReferences()`)
//! whose value is an absolute `http(s)` URL.
//! **Results.** `{value: n}`, how many URLs it opened (0 for a contact that
//! is not a task, or no contact).
//!
//! **Example.** `{"id":"p","type":"SE_ContactPopTaskReferenceUrls","controls":{},"ports":{"done":"end"}}`
//!
//! **Accepted quirks.** The type id is inferred. References with another
//! scheme are skipped (noted in the trace): the page never opens
//! `javascript:` or `data:` URLs. There is no failure port: a refused
//! `openUrl` (e.g. a blocked pop-up) ends the run with the error traced.

use crate::prelude::*;

/// `SE_ContactPopTaskReferenceUrls`.
pub struct PopTaskReferenceUrls;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactPopTaskReferenceUrls",
    aliases: &[],
    name: "Pop Task Contact's Reference Urls",
    family: Family::Contact,
    description:
        "Opens the task contact's URL references in new browser tabs; results {value} = how many.",
    controls: &[],
    ports: DONE,
    results: "{value: number}",
    calls: &["adapterUi.openUrl"],
    side_effects: true,
    confirmed: false,
};

impl Block for PopTaskReferenceUrls {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let refs =
                ctx.with_contact(|c| c.get("references").and_then(Value::as_object).cloned());
            let mut opened = 0u32;
            for (name, r) in refs.iter().flatten() {
                let is_url = r
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("url"));
                let url = r.get("value").and_then(Value::as_str).unwrap_or("").trim();
                if !is_url {
                    continue;
                }
                let lower = url.to_ascii_lowercase();
                if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                    ctx.note(format!(
                        "reference `{name}` is not an http(s) URL; not opened"
                    ));
                    continue;
                }
                ctx.call_required(Bridge::AdapterUi, "openUrl", json!({ "url": url }))
                    .await?;
                opened += 1;
            }
            Ok(BlockOutput::value(json!(opened)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::bridge_util::test_util::*;
    use crate::testing::*;

    fn task() -> Event {
        contact_event(json!({"type": "task", "references": {
            "Case": {"type": "URL", "value": "https://example.my.salesforce.com/500A"},
            "Note": {"type": "STRING", "value": "hello"},
            "Bad": {"type": "URL", "value": "javascript:alert(1)"}
        }}))
    }

    #[test]
    fn opens_the_url_references() {
        let r = run_block_with("SE_ContactPopTaskReferenceUrls", json!({}), task(), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({"value": 1}));
        assert_eq!(r.calls.len(), 1);
        assert_eq!(
            r.call("adapterUi.openUrl").args,
            json!({"url": "https://example.my.salesforce.com/500A"})
        );
        let r = run_block_with(
            "SE_ContactPopTaskReferenceUrls",
            json!({}),
            no_contact_event(),
            &host(),
        );
        assert_eq!(r.results, json!({"value": 0}));
    }

    #[test]
    fn refused_open_ends_the_run() {
        let r = run_block_with(
            "SE_ContactPopTaskReferenceUrls",
            json!({}),
            task(),
            &fails("adapterUi.openUrl"),
        );
        assert_run_error(&r, "adapterUi.openUrl");
    }
}
