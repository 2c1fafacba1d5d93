//! # Get Contact Properties
//!
//! **What it does.** Gives the run's contact snapshot as results, so later
//! blocks can read `contactId`, `type`, `queueName`, `formattedPhoneNumber`,
//! `callType`, ... from it.
//!
//! **Controls.** None (`{}`). **Ports.** `done`. **Host calls.** None.
//! **Results.** The same object as `$.contact` (see docs/host-contract.md),
//! with the enriched fields: `contactId`, `initialContactId`, `type`,
//! `queue`, `queueName`, `attributes`, `isInbound`, `callType`, `channel`,
//! `isTransfer`, `isMonitor`, `phone`, `country`, `parsedNumber`,
//! `formattedNumber`, `formattedNumberE164`, `formattedPhoneNumber`, ...
//!
//! **Example.** `08-create-task.json` uses `$.actions.uid-1.results.contactId`
//! as the Task's CallObject and `.formattedPhoneNumber` to find the
//! Salesforce Contact.
//!
//! **Accepted quirks.** With no contact in the run the results are `{}`.
//! The snapshot is read when the block runs, so attributes written by Update
//! Contact Attributes earlier in the run are included.

use crate::phone;
use crate::prelude::*;

/// `SE_ContactProperties`.
pub struct Properties;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_ContactProperties",
    aliases: &[],
    name: "Get Contact Properties",
    family: Family::Contact,
    description: "The contact snapshot: id, type, queue, formatted number, attributes, ...",
    controls: &[],
    ports: DONE,
    results: "{contactId, type, queueName, formattedPhoneNumber, callType, ...}",
    calls: &[],
    side_effects: false,
    confirmed: true,
};

impl Block for Properties {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let mut c = ctx.contact();
            if !c.is_object() {
                c = Value::Object(Map::new());
            }
            phone::enrich_contact(&mut c);
            Ok(BlockOutput::done(c))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;

    #[test]
    fn gives_the_enriched_snapshot() {
        let r = run_block("SE_ContactProperties", json!({}), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results["contactId"], "c-voice-1");
        assert_eq!(r.results["type"], "voice");
        assert_eq!(r.results["queueName"], "BasicQueue");
        assert_eq!(r.results["formattedPhoneNumber"], "(555) 555-0123");
        assert_eq!(r.results["callType"], "inbound");
        assert_eq!(r.results["isTransfer"], false);
        assert!(r.calls.is_empty());
    }

    #[test]
    fn no_contact_gives_an_empty_object() {
        let r = run_block_with("SE_ContactProperties", json!({}), Event::default(), &host());
        assert_eq!(r.outcome, Some(Outcome::Done));
        assert_eq!(r.results, json!({}));
    }
}
