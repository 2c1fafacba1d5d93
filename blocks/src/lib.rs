//! # ctiflow-blocks
//!
//! The block catalog. Each family is a module (`flow`, `core`, `store`,
//! `page`, `salesforce` (Open CTI UI), `sfdata` (Salesforce records),
//! `console`, `omni`, `agent`, `contact`); each block is
//! one file holding its doc comment (What it does / Controls / Ports / Host
//! calls / Example / Accepted quirks), its [`BlockSpec`](ctiflow_engine::BlockSpec),
//! its code and its tests. Each family exposes `BLOCKS`; [`catalog`] joins them.
//!
//! ```
//! let engine = ctiflow_engine::Engine::new(ctiflow_blocks::catalog());
//! assert!(engine.catalog().get("SE_Start").is_some());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod agent;
mod args;
pub mod contact;
pub mod core;
pub mod docs;
pub mod flow;
pub mod phone;
mod prelude;
pub mod salesforce;
pub mod sfdata;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use ctiflow_engine::{Block, Catalog};

/// Every family's blocks, in catalog order.
pub fn all_blocks() -> impl Iterator<Item = &'static dyn Block> {
    [
        flow::BLOCKS,
        crate::core::BLOCKS,
        store::BLOCKS,
        salesforce::BLOCKS,
        sfdata::BLOCKS,
        agent::BLOCKS,
        contact::BLOCKS,
    ]
    .into_iter()
    .flat_map(|f| f.iter().copied())
}

/// The full catalog: every block, plus the contact enricher that fills
/// `$.contact`'s derived phone fields.
pub fn catalog() -> Catalog {
    let mut c = Catalog::new();
    c.extend(all_blocks());
    c.set_contact_enricher(phone::enrich_contact);
    c
}
