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
    /// Whether lower-case `word` is in list (or table) `name`. The word first: most words of
    /// an article are in no list, and then the name needs no look-up.
    fn contains(&self, name: &str, word: &[u8]) -> bool {
        let Some(&row) = self.words.get(word) else { return false };
        self.names.get(name).is_some_and(|&bit| self.bits[row * self.stride + bit / 64] & (1 << (bit % 64)) != 0)
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

/// A short ASCII `word` lower-cased into `buffer` (pack words are short, and an ASCII word
/// needs no `String`); `None` for a long or non-ASCII word.
fn ascii_lower<'b>(word: &str, buffer: &'b mut [u8; SHORT_WORD]) -> Option<&'b [u8]> {
    let lowered = buffer.get_mut(..word.len())?;
    for (to, &from) in lowered.iter_mut().zip(word.as_bytes()) {
        if !from.is_ascii() {
            return None;
        }
        *to = from.to_ascii_lowercase();
    }
    Some(lowered)
}

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
        let mut buffer = [0; SHORT_WORD];
        match ascii_lower(word, &mut buffer) {
            Some(lowered) => self.index.contains(name, lowered),
            None => self.contains_lower(name, &lower(word)),
        }
    }

    /// Like [`Lexicon::contains`] for a word already in lower case (no allocation).
    pub fn contains_lower(&self, name: &str, lower: &str) -> bool {
        self.index.contains(name, lower.as_bytes())
    }

    pub fn number(&self, table: &str, word: &str) -> Option<f64> {
        match self.table_value(table, word)? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn string(&self, table: &str, word: &str) -> Option<&str> {
        self.table_value(table, word)?.as_str()
    }

    /// `word`'s value in `table`, ignoring case; asked of most capitalised words (given names),
    /// so a word in no list is turned away by the index before any lower-cased copy is made.
    fn table_value(&self, table: &str, word: &str) -> Option<&toml::Value> {
        let mut buffer = [0; SHORT_WORD];
        let lowered = ascii_lower(word, &mut buffer);
        if lowered.is_some_and(|w| !self.index.words.contains_key(w)) {
            return None;
        }
        let table = self.tables.get(table)?;
        match lowered.and_then(|w| std::str::from_utf8(w).ok()) {
            Some(w) => table.get(w),
            None => table.get(lower(word).as_ref()),
        }
    }

    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.lists.get(name).into_iter().flatten().map(String::as_str)
    }
}
