//! Word lists and word → value tables from `[lexicon]`.

use std::collections::{HashMap, HashSet};

/// Word lists and tables from `[lexicon]`, keys lower-cased for lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub(super) lists: HashMap<String, HashSet<String>>,
    pub(super) tables: HashMap<String, HashMap<String, toml::Value>>,
}

impl Lexicon {
    /// Whether `word` is in list (or table) `name`, ignoring case.
    pub fn contains(&self, name: &str, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.contains_lower(name, &word.to_lowercase())
        } else {
            self.contains_lower(name, word)
        }
    }

    /// Like [`Lexicon::contains`] for a word already in lower case (no allocation).
    pub fn contains_lower(&self, name: &str, lower: &str) -> bool {
        self.lists.get(name).is_some_and(|l| l.contains(lower))
            || self.tables.get(name).is_some_and(|t| t.contains_key(lower))
    }

    pub fn number(&self, table: &str, word: &str) -> Option<f64> {
        match self.tables.get(table)?.get(&word.to_lowercase())? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn string(&self, table: &str, word: &str) -> Option<&str> {
        self.tables.get(table)?.get(&word.to_lowercase())?.as_str()
    }

    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.lists.get(name).into_iter().flatten().map(String::as_str)
    }
}
