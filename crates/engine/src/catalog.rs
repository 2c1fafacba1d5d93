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

    /// The closest known type id to an unknown one ("did you mean"),
    /// within `budget`.
    pub fn suggest(&self, unknown: &str, budget: &mut HintBudget) -> Option<&'static str> {
        budget.closest(unknown, self.by_type.keys().copied())
    }
}

/// Words longer than this (in chars) get no "did you mean": a typo hint for
/// a 100,000-char id helps nobody, and the edit distance is quadratic.
pub const MAX_HINT_CHARS: usize = 64;
/// Above this many candidates, no hint is looked for (a flow of 20,000
/// actions with dangling ports would otherwise compare every pair).
pub const MAX_HINT_CANDIDATES: usize = 1_000;
/// The work one validation may spend on hints, in edit-distance cells (plus
/// one per candidate looked at): a few milliseconds. Once it is spent, the
/// remaining diagnostics go without a hint.
pub const HINT_BUDGET_CELLS: u64 = 4_000_000;

/// Bounds the work spent on "did you mean" hints: one per validation, so
/// a flow with thousands of bad references still validates in
/// milliseconds. A hint is a courtesy; when the budget says no, the
/// diagnostic is reported without one.
#[derive(Clone, Debug)]
pub struct HintBudget {
    left: u64,
    spent: u64,
}

impl Default for HintBudget {
    fn default() -> Self {
        HintBudget::new(HINT_BUDGET_CELLS)
    }
}

impl HintBudget {
    /// A budget of `cells` edit-distance cells.
    pub fn new(cells: u64) -> Self {
        HintBudget {
            left: cells,
            spent: 0,
        }
    }

    /// The work spent so far, in cells.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    fn take(&mut self, cells: u64) -> bool {
        if cells > self.left {
            self.left = 0;
            return false;
        }
        self.left -= cells;
        self.spent += cells;
        true
    }

    /// The candidate nearest to `word` by edit distance (case-insensitive),
    /// when it is near enough to be a plausible typo. `None`, without
    /// looking, when the word is longer than [`MAX_HINT_CHARS`], when there
    /// are more than [`MAX_HINT_CANDIDATES`] candidates, or when the budget
    /// is spent.
    pub fn closest<'c, I>(&mut self, word: &str, candidates: I) -> Option<&'c str>
    where
        I: IntoIterator<Item = &'c str>,
        I::IntoIter: ExactSizeIterator,
    {
        let candidates = candidates.into_iter();
        if word.len() > MAX_HINT_CHARS * 4 || candidates.len() > MAX_HINT_CANDIDATES {
            return None;
        }
        let w: Vec<char> = word.to_lowercase().chars().collect();
        if w.len() > MAX_HINT_CHARS {
            return None;
        }
        let limit = (w.len() / 3).max(2);
        let mut best: Option<(usize, &str)> = None;
        let mut c_chars: Vec<char> = Vec::with_capacity(MAX_HINT_CHARS + limit);
        for c in candidates {
            if !self.take(1) {
                return None;
            }
            // The length difference is a lower bound of the distance: a
            // candidate too long or too short is never near enough.
            if c.len() > (MAX_HINT_CHARS + limit) * 4 {
                continue;
            }
            c_chars.clear();
            c_chars.extend(c.chars().flat_map(char::to_lowercase));
            if c_chars.len().abs_diff(w.len()) > limit {
                continue;
            }
            if !self.take((w.len() * c_chars.len()) as u64) {
                return None;
            }
            let d = levenshtein(&w, &c_chars);
            if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// [`HintBudget::closest`] with a budget of its own.
pub fn closest<'c, I>(word: &str, candidates: I) -> Option<&'c str>
where
    I: IntoIterator<Item = &'c str>,
    I::IntoIter: ExactSizeIterator,
{
    HintBudget::default().closest(word, candidates)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
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

    #[test]
    fn long_words_get_no_hint_and_cost_nothing() {
        let long = "a".repeat(100_000);
        let near = format!("{long}x");
        let mut b = HintBudget::default();
        assert_eq!(b.closest(&near, [long.as_str()]), None);
        assert_eq!(b.spent(), 0);
        // A word at the cap still gets its hint; a long candidate is skipped
        // by its length without computing a distance.
        let w = "b".repeat(MAX_HINT_CHARS);
        let c = format!("{w}c");
        let mut b = HintBudget::default();
        assert_eq!(b.closest(&w, [long.as_str(), c.as_str()]), Some(c.as_str()));
        assert_eq!(
            b.spent(),
            2 + (MAX_HINT_CHARS * (MAX_HINT_CHARS + 1)) as u64
        );
    }

    #[test]
    fn many_candidates_get_no_hint() {
        let ids: Vec<String> = (0..=MAX_HINT_CANDIDATES)
            .map(|i| format!("uid-{i}"))
            .collect();
        let mut b = HintBudget::default();
        assert_eq!(b.closest("uid-1x", ids.iter().map(String::as_str)), None);
        assert_eq!(b.spent(), 0);
        assert_eq!(
            b.closest("uid-1x", ids[..10].iter().map(String::as_str)),
            Some("uid-1")
        );
    }

    #[test]
    fn a_spent_budget_gives_no_more_hints() {
        let c = ["SE_CoreTruthy"];
        let mut b = HintBudget::new(200);
        assert_eq!(b.closest("SE_CoreTruty", c), Some("SE_CoreTruthy"));
        assert_eq!(b.spent(), 1 + 12 * 13);
        assert_eq!(b.closest("SE_CoreTruty", c), None);
        assert_eq!(b.closest("SE_CoreTruty", c), None);
        assert!(b.spent() <= 200);
    }
}
