//! The registry of blocks an engine knows, looked up by type id or alias.

use crate::block::{Block, BlockSpec};
use serde_json::Value;
use std::collections::HashMap;

/// Derives the fields of a contact snapshot that the page leaves out (parsed
/// and formatted phone numbers, ...). The engine asks for one field at a
/// time, the first time a run reads a `$.contact` field the snapshot does
/// not carry, so a flow pays only for what it reads and the snapshot is
/// never copied. Provided by the block catalog, which owns the phone number
/// library.
#[derive(Clone, Copy, Debug)]
pub struct ContactEnricher {
    /// The fields `derive` can give, in the order a whole `$.contact` shows
    /// them.
    pub fields: &'static [&'static str],
    /// The derived field `key` of a snapshot, when the snapshot lacks it and
    /// it can be derived.
    pub derive: fn(&Value, &str) -> Option<Value>,
}

/// A set of blocks, registered by family.
#[derive(Default, Clone)]
pub struct Catalog {
    blocks: Vec<&'static dyn Block>,
    by_type: HashMap<&'static str, usize>,
    enricher: Option<ContactEnricher>,
}

impl Catalog {
    /// An empty catalog (register only what a test needs).
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a block under its type id and aliases. A later block with
    /// the same id replaces the earlier one (a catalog test forbids it).
    pub fn register(&mut self, block: &'static dyn Block) {
        let spec = block.spec();
        let idx = self.blocks.len();
        self.blocks.push(block);
        self.by_type.insert(spec.type_id, idx);
        for a in spec.aliases {
            self.by_type.insert(a, idx);
        }
    }

    /// Registers several blocks.
    pub fn extend(&mut self, blocks: impl IntoIterator<Item = &'static dyn Block>) {
        for b in blocks {
            self.register(b);
        }
    }

    /// Sets the contact enricher.
    pub fn set_contact_enricher(&mut self, f: ContactEnricher) {
        self.enricher = Some(f);
    }

    /// The contact enricher, if any.
    pub fn contact_enricher(&self) -> Option<ContactEnricher> {
        self.enricher
    }

    /// The block for a type id or alias.
    pub fn get(&self, type_id: &str) -> Option<&'static dyn Block> {
        self.by_type.get(type_id).map(|&i| self.blocks[i])
    }

    /// Every registered block, in registration order.
    pub fn blocks(&self) -> impl Iterator<Item = &'static dyn Block> + '_ {
        self.blocks.iter().copied()
    }

    /// Every spec, in registration order.
    pub fn specs(&self) -> impl Iterator<Item = &'static BlockSpec> + '_ {
        self.blocks.iter().map(|b| b.spec())
    }

    /// The closest known type id to an unknown one ("did you mean").
    pub fn suggest(&self, unknown: &str) -> Option<&'static str> {
        closest(unknown, self.by_type.keys().copied())
    }
}

/// The candidate nearest to `word` by edit distance (case-insensitive), when
/// it is near enough to be a plausible typo.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let w = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(&w, &c.to_lowercase());
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    let limit = (w.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        let c = ["SE_SFSearchAndScreenpop", "SE_CoreTruthy", "SE_Log"];
        assert_eq!(
            closest("SE_SFSearchAndScreenPop", c),
            Some("SE_SFSearchAndScreenpop")
        );
        assert_eq!(closest("SE_CoreTruty", c), Some("SE_CoreTruthy"));
        assert_eq!(closest("SE_Completely_Different", c), None);
    }
}
