//! The shapes of a rule file, as TOML deserialises them; spans kept for diagnostics.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleFile {
    #[serde(default)]
    pub(super) vars: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub(super) lexicon: BTreeMap<String, Spanned<LexiconDef>>,
    #[serde(default)]
    pub(super) rule: Vec<RuleDef>,
    #[serde(default)]
    pub(super) actor: Vec<ActorDef>,
    #[serde(default)]
    pub(super) topic: Vec<TopicDef>,
}

/// A topic rule: claims of these kinds whose clause (or sentence) holds all of `all` and one of
/// `any` are about this topic.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TopicDef {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) kinds: Spanned<Vec<String>>,
    #[serde(default)]
    pub(super) all: Vec<String>,
    #[serde(default)]
    pub(super) any: Vec<String>,
    /// `near` (default: within a few words of the value), `clause` or `sentence`.
    #[serde(default)]
    pub(super) scope: Option<Spanned<String>>,
    /// One topic per country or organisation named with the claim ("US tariff" vs "Chinese tariff").
    #[serde(default)]
    pub(super) split_by_actor: bool,
    /// For readers of the rule file only.
    #[serde(default, rename = "description")]
    pub(super) _description: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum LexiconDef {
    List(Vec<String>),
    Table(BTreeMap<String, toml::Value>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleDef {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) pattern: Spanned<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    /// Keep `\b` Unicode-aware (slow on non-ASCII text; see README "Speed").
    #[serde(default)]
    pub(super) unicode: bool,
    /// Date rules: a fixed offset ("yesterday" = -1 with unit "day").
    #[serde(default)]
    pub(super) shift: Option<i64>,
    /// Date rules: the sign applied to a captured count ("two days ago" = -1).
    #[serde(default)]
    pub(super) direction: Option<i64>,
    /// A unit when the pattern does not capture one.
    #[serde(default)]
    pub(super) unit: Option<String>,
    /// A match is dropped when the text right before it ends with this pattern ("Mrs May").
    #[serde(default)]
    pub(super) not_before: Option<Spanned<String>>,
    /// A match is dropped when the text right after it starts with this pattern ("the 21st century").
    #[serde(default)]
    pub(super) not_after: Option<Spanned<String>>,
    /// A match counts only when the text right before it ends with this pattern ("and March"
    /// after a month).
    #[serde(default)]
    pub(super) only_after: Option<Spanned<String>>,
    /// Boilerplate rules: the matching paragraph and everything after it is page furniture.
    #[serde(default)]
    pub(super) ends_article: bool,
    /// Actor rules: what a match names.
    #[serde(default, rename = "type")]
    pub(super) actor_type: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) examples: Vec<ExampleDef>,
    #[serde(default)]
    pub(super) counter_examples: Vec<String>,
}

/// An example a rule must match, checked by `claimscan test`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    pub text: String,
    /// The claim's text; defaults to the whole example text.
    #[serde(default, rename = "match")]
    pub matched: Option<String>,
    #[serde(default)]
    pub value: Option<toml::Value>,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub reference_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActorDef {
    pub(super) name: Spanned<String>,
    #[serde(rename = "type")]
    pub(super) actor_type: Spanned<String>,
    #[serde(default)]
    pub(super) aliases: Vec<Spanned<String>>,
    /// For readers of the rule file only.
    #[serde(default, rename = "note")]
    pub(super) _note: Option<serde::de::IgnoredAny>,
}
