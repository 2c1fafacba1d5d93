//! # ctiflow-blocks
//!
//! The block catalog. Each family is a module (`flow`, `core`, `store`,
//! `page`, `salesforce` (Open CTI UI), `sfdata` (Salesforce records),
//! `agent`, `contact`, the pure families `logic`, `text`, `math`, `time`,
//! the store family `props`, and the bridge families `opencti`, `console`,
//! `records`, `omni`, `connect_agent`, `connect_contact`, whose shared
//! helpers are in `bridge_util`); each block is
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
mod bridge_util;
pub mod connect_agent;
pub mod connect_contact;
pub mod console;
pub mod contact;
pub mod core;
pub mod docs;
pub mod flow;
pub mod logic;
pub mod math;
#[cfg(test)]
mod odd_inputs;
pub mod omni;
pub mod opencti;
pub mod page;
pub mod phone;
mod prelude;
pub mod props;
pub mod records;
pub mod salesforce;
pub mod sfdata;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod time;

use ctiflow_engine::{Block, Catalog};

/// Every family's blocks, in catalog order.
pub fn all_blocks() -> impl Iterator<Item = &'static dyn Block> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

/// One line per family module.
#[rustfmt::skip]
static FAMILIES: &[&[&dyn Block]] = &[
    flow::BLOCKS,
    crate::core::BLOCKS,
    store::BLOCKS,
    salesforce::BLOCKS,
    sfdata::BLOCKS,
    agent::BLOCKS,
    contact::BLOCKS,
    logic::BLOCKS,
    text::BLOCKS,
    math::BLOCKS,
    time::BLOCKS,
    props::BLOCKS,
    page::BLOCKS,
    opencti::BLOCKS,
    console::BLOCKS,
    records::BLOCKS,
    omni::BLOCKS,
    connect_agent::BLOCKS,
    connect_contact::BLOCKS,
];

/// The full catalog: every block, plus the contact enricher that fills
/// `$.contact`'s derived phone fields.
pub fn catalog() -> Catalog {
    let mut c = Catalog::new();
    c.extend(all_blocks());
    c.set_contact_enricher(phone::ENRICHER);
    c
}
