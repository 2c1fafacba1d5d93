//! # Unset Property
//!
//! **What it does.** Removes one property from the agent's property store.
//! Removing a key that is not there is not an error.
//!
//! **Controls.**
//! - `key` (string, required): the property to remove.
//!
//! **Ports.** `done`. **Host calls.** `platform.unsetProperty {key}`.
//! **Results.** `null`.
//!
//! **Example.**
//! ```json
//! {"id":"6","type":"SE_UnsetProperty","controls":{"key":"taskId"},"ports":{"done":"7"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #96). An empty key (for example a magic string that resolved to
//! undefined) ends the run with an error rather than touching the store. A
//! failing store ends the run with an error naming the call.

use crate::prelude::*;

/// `SE_UnsetProperty`.
pub struct UnsetProperty;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_UnsetProperty",
    aliases: &["SE_RemoveProperty"],
    name: "Unset Property",
    family: Family::Store,
    description: "Removes one property from the session's property store.",
    controls: &[ControlSpec::req(
        "key",
        Kind::String,
        "The property to remove.",
    )],
    ports: DONE,
    results: "null",
    calls: &["platform.unsetProperty"],
    side_effects: true,
    confirmed: false,
};

impl Block for UnsetProperty {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let key = ctx.required_string("key")?;
            ctx.call_required(Bridge::Platform, "unsetProperty", json!({ "key": key }))
                .await?;
            Ok(BlockOutput::done(Value::Null))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn removes_the_key() {
        let h = host_with(json!({"properties": {"taskId": "00T1", "keep": 1}}));
        let one = run_block("SE_UnsetProperty", json!({"key": "taskId"}), &h);
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(
            one.call("platform.unsetProperty").args,
            json!({"key": "taskId"})
        );
        assert_eq!(
            serde_json::Value::Object(h.properties()),
            json!({"keep": 1})
        );
    }

    #[test]
    fn an_empty_key_makes_no_call() {
        let h = host();
        let one = run_block("SE_UnsetProperty", json!({"key": "$.payload.nothing"}), &h);
        assert_eq!(one.outcome, None);
        assert!(one.calls.is_empty());
        assert!(format!("{:?}", one.report.end).contains("`key`"));
    }
}
