//! Rule packs: TOML files → one compiled [`RuleSet`].
//!
//! A pack is a folder of `*.toml` files, each holding any of: `[vars]` (regex fragments used as
//! `{name}`), `[lexicon]` (word lists and word → value tables, also usable as `{name}`),
//! `[[rule]]` (regex rules, each of one kind) and `[[actor]]` (gazetteer entries). The pack is
//! compiled once: the rules of one kind into a single alternation (one pass over the text per
//! kind), every gazetteer name and alias into one Aho-Corasick automaton.

mod compile;
mod defs;
mod kinds;
mod lexicon;
mod rule;
mod scan;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aho_corasick::AhoCorasick;

use crate::diagnostic::RuleError;

pub use defs::ExampleDef;
pub use kinds::{Actor, ActorType, Capture, RuleKind, TopicRule, TopicScope};
pub use lexicon::Lexicon;
pub use rule::Rule;
pub use scan::{RuleMatch, is_word_edge};

/// The default pack, embedded at build time from `rules/*.toml`.
const DEFAULT_PACK: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));

/// A compiled rule pack.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicon: Lexicon,
    pub actors: Vec<Actor>,
    /// Files the pack was read from, for `rules check` and `explain`.
    pub files: Vec<String>,
    kinds: Vec<scan::KindMatcher>,
    /// Every gazetteer name and alias; pattern index → actor index.
    gazetteer: Option<AhoCorasick>,
    gazetteer_actor: Vec<usize>,
    pub topics: Vec<TopicRule>,
    /// `[lexicon.synonym]`, stem to stem, for topic comparison.
    pub synonyms: HashMap<String, String>,
    /// Lower-case words that never say what a figure measures (stopwords, hedges, months,
    /// weekdays, `topic_ignore`, number words), in one set for the hot path.
    pub not_topical: HashSet<String>,
    /// Every topic keyword, case-insensitive; pattern index → the keyword.
    topic_keywords: Option<AhoCorasick>,
    topic_keyword_text: Vec<String>,
}

/// Where a pack comes from.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Extra pack folders, loaded after the default pack; a file named like a default file
    /// (`dates.toml`) replaces it.
    pub add: Vec<PathBuf>,
    /// Use only these folders instead of the default pack.
    pub replace: Vec<PathBuf>,
}

/// Errors that stop a pack from loading: every problem found, not only the first.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in rule files", .0.len())]
pub struct RuleErrors(pub Vec<RuleError>);

struct SourceFile {
    name: String,
    text: Arc<str>,
}

impl RuleSet {
    /// The embedded default pack.
    pub fn default_pack() -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&PackOptions::default())
    }

    /// Loads the default pack (unless replaced) plus any extra folders.
    pub fn load(options: &PackOptions) -> Result<RuleSet, RuleErrors> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        if options.replace.is_empty() {
            sources.extend(
                DEFAULT_PACK.iter().map(|(name, text)| SourceFile { name: name.to_string(), text: Arc::from(*text) }),
            );
        }
        for dir in options.replace.iter().chain(&options.add) {
            match read_pack_dir(dir) {
                // A pack file with the name of a default file replaces it: `--rules rules/`
                // in a checkout is the default pack as edited, not a second copy of it.
                Ok(files) => {
                    for file in files {
                        let base = |name: &str| Path::new(name).file_name().map(|n| n.to_os_string());
                        sources.retain(|s: &SourceFile| {
                            !(s.name.starts_with("rules/") && base(&s.name) == base(&file.name))
                        });
                        sources.push(file);
                    }
                }
                Err(err) => errors.push(*err),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        RuleSet::compile(sources)
    }

    /// Compiles a pack from in-memory files (name, TOML text).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<RuleSet, RuleErrors> {
        RuleSet::compile(files.iter().map(|(n, t)| SourceFile { name: n.to_string(), text: Arc::from(*t) }).collect())
    }

    fn compile(sources: Vec<SourceFile>) -> Result<RuleSet, RuleErrors> {
        let mut builder = compile::Builder::default();
        for source in &sources {
            builder.add_file(source);
        }
        builder.finish(sources.iter().map(|s| s.name.clone()).collect())
    }
}

fn read_pack_dir(dir: &Path) -> Result<Vec<SourceFile>, Box<RuleError>> {
    let entries = fs::read_dir(dir).map_err(|e| Box::new(RuleError::io(dir, &e)))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).map_err(|e| Box::new(RuleError::io(&path, &e)))?;
            Ok(SourceFile { name: path.display().to_string(), text: Arc::from(text) })
        })
        .collect()
}
