//! # Get Payload
//!
//! **What it does.** Reads the event's payload (`$.payload`): the whole of it,
//! or one key. Click-to-dial events carry `{number, ...}`, CTI Actions their
//! form fields, HVS events the work id.
//!
//! **Controls.**
//! - `key` (string, optional): the key to read. A dotted path (`record.Id`,
//!   `items.0`) walks into objects and arrays when no key has that exact name.
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value}`: the payload or the key's value; `null` when the
//! key is not there.
//!
//! **Example.**
//! ```json
//! {"id":"1","type":"SE_GetPayload","controls":{"key":"number"},"ports":{"done":"2"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #100). The adapter's log shows the whole payload as
//! `results.value` when no key is given, which is what this does.

use crate::prelude::*;

/// `SE_GetPayload`.
pub struct GetPayload;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_GetPayload",
    aliases: &["SE_CoreGetPayload"],
    name: "Get Payload",
    family: Family::Core,
    description: "Reads the event payload, or one key (dotted paths walk in).",
    controls: &[ControlSpec::opt(
        "key",
        Kind::String,
        "The key to read; the whole payload when empty.",
    )],
    ports: DONE,
    results: "{value}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// The value at `key` in `v`: the exact key first, else a dotted path.
pub(crate) fn lookup<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    if let Some(x) = v.as_object().and_then(|m| m.get(key)) {
        return Some(x);
    }
    key.split('.').try_fold(v, |cur, step| match cur {
        Value::Object(m) => m.get(step),
        Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

impl Block for GetPayload {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.string("key");
            let p = ctx.payload();
            let v = if key.is_empty() {
                p.clone()
            } else {
                lookup(p, &key).cloned().unwrap_or(Value::Null)
            };
            Ok(BlockOutput::value(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    fn payload(key: Value) -> One {
        run_block_with(
            "SE_GetPayload",
            json!({ "key": key }),
            voice_event(
                json!({"number": "+12345678900", "record": {"ids": ["001", "002"]}, "a.b": 1}),
            ),
            &host(),
        )
    }

    #[test]
    fn reads_the_whole_payload_or_a_key() {
        let one = payload(json!(null));
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results["value"]["number"], json!("+12345678900"));
        assert_eq!(
            payload(json!("number")).results,
            json!({"value": "+12345678900"})
        );
        assert_eq!(
            payload(json!("record.ids.1")).results,
            json!({"value": "002"})
        );
        assert_eq!(payload(json!("a.b")).results, json!({"value": 1}));
        assert!(payload(json!("number")).calls.is_empty());
    }

    #[test]
    fn a_missing_key_is_null() {
        assert_eq!(payload(json!("nope")).results, json!({"value": null}));
        assert_eq!(
            payload(json!("record.ids.9")).results,
            json!({"value": null})
        );
        assert_eq!(payload(json!("number.x")).results, json!({"value": null}));
    }
}
