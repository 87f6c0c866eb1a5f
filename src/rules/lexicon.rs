//! Word lists and word → value tables from `[lexicon]`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Word lists and tables from `[lexicon]`, keys lower-cased for lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub(super) lists: HashMap<String, HashSet<String, Words>, Words>,
    pub(super) tables: HashMap<String, HashMap<String, toml::Value, Words>, Words>,
    /// Membership in one table, built by [`Lexicon::index`]: extractors ask whether a word is in
    /// a list dozens of times per word, and one look-up of the word answers for every list.
    index: Index,
}

/// List and table names → bit numbers; each pack word (as bytes, so a word lower-cased on the
/// stack needs no UTF-8 check) → its row of bits (one bit per name holding the word), `stride`
/// `u64`s per row.
#[derive(Debug, Default)]
struct Index {
    names: HashMap<String, usize, Words>,
    words: HashMap<Box<[u8]>, usize, Words>,
    stride: usize,
    bits: Vec<u64>,
}

impl Index {
    /// Whether lower-case `word` is in list (or table) `name`.
    fn contains(&self, name: &str, word: &[u8]) -> bool {
        match (self.names.get(name), self.words.get(word)) {
            (Some(&bit), Some(&row)) => self.bits[row * self.stride + bit / 64] & (1 << (bit % 64)) != 0,
            _ => false,
        }
    }
}

/// Every extractor asks the lexicon about every word, and SipHash was a tenth of extraction.
/// The keys are the pack's own words, so a fast hash that is not DoS-resistant costs nothing:
/// input words are only looked up, never inserted.
type Words = BuildHasherDefault<WordHasher>;

/// The multiply-rotate hash of rustc's `FxHasher`, eight bytes at a time.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // The table picks buckets by the low bits: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

/// `word` in lower case, allocating only when it has capitals.
fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) }
}

/// Longest ASCII word lower-cased on the stack rather than in a new `String`.
const SHORT_WORD: usize = 32;

impl Lexicon {
    /// Builds the membership table from the lists and tables; called once the pack is read.
    pub(super) fn index(&mut self) {
        let mut names: Vec<&String> = self.lists.keys().chain(self.tables.keys()).collect();
        names.sort();
        names.dedup();
        let stride = names.len().div_ceil(64).max(1);
        let mut index = Index { stride, ..Index::default() };
        for (bit, name) in names.into_iter().enumerate() {
            index.names.insert(name.clone(), bit);
            let list = self.lists.get(name).into_iter().flatten();
            let table = self.tables.get(name).into_iter().flat_map(|t| t.keys());
            for word in list.chain(table) {
                let next = index.words.len();
                let row = *index.words.entry(word.as_bytes().into()).or_insert(next);
                if row == next {
                    index.bits.resize((row + 1) * stride, 0);
                }
                index.bits[row * stride + bit / 64] |= 1 << (bit % 64);
            }
        }
        self.index = index;
    }

    /// Whether `word` is in list (or table) `name`, ignoring case.
    pub fn contains(&self, name: &str, word: &str) -> bool {
        // Pack words are short: an ASCII word is lower-cased in place of a `String`.
        if word.len() <= SHORT_WORD && word.is_ascii() {
            let mut buffer = [0; SHORT_WORD];
            let lowered = &mut buffer[..word.len()];
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            return self.index.contains(name, lowered);
        }
        self.contains_lower(name, &lower(word))
    }

    /// Like [`Lexicon::contains`] for a word already in lower case (no allocation).
    pub fn contains_lower(&self, name: &str, lower: &str) -> bool {
        self.index.contains(name, lower.as_bytes())
    }

    pub fn number(&self, table: &str, word: &str) -> Option<f64> {
        match self.tables.get(table)?.get(lower(word).as_ref())? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn string(&self, table: &str, word: &str) -> Option<&str> {
        self.tables.get(table)?.get(lower(word).as_ref())?.as_str()
    }

    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.lists.get(name).into_iter().flatten().map(String::as_str)
    }
}
