//! # ctiflow-blocks
//!
//! The block catalog. Each family is a module (`flow`, `core`, `store`,
//! `page`, `salesforce`, `console`, `omni`, `agent`, `contact`); each block is
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

pub mod docs;
pub mod flow;
pub mod logic;
pub mod math;
pub mod page;
mod prelude;
pub mod props;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod time;

use ctiflow_engine::{Block, Catalog};

/// Every family's blocks, in catalog order.
pub fn all_blocks() -> impl Iterator<Item = &'static dyn Block> {
    flow::BLOCKS
        .iter()
        .chain(logic::BLOCKS)
        .chain(text::BLOCKS)
        .chain(math::BLOCKS)
        .chain(time::BLOCKS)
        .chain(props::BLOCKS)
        .chain(page::BLOCKS)
        .copied()
}

/// The full catalog: every block, plus the contact enricher that fills
/// `$.contact`'s derived phone fields.
pub fn catalog() -> Catalog {
    let mut c = Catalog::new();
    c.extend(all_blocks());
    c
}
