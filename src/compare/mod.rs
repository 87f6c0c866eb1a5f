//! Claims → comparisons: topics, conflicts and corroborations across sources (and within one).
//!
//! Values are compared within a story (sources that cover the same events) and a topic. A
//! different value needs strong topic evidence to be a conflict; the same value needs less to
//! count as corroboration, since agreeing figures are themselves evidence of one topic.

mod corroborate;
mod group;
pub mod keys;
mod link;
mod measure;
mod numeric;
mod quotes;
pub mod record;
mod titles;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::claim::{Claim, ClaimKind};
use crate::rules::RuleSet;

use measure::{Relation, items_of, relation};
pub use record::{Name, Names, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    Numeric,
    Date,
    Title,
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    CrossSource,
    SameSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Low,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicRef {
    pub id: String,
    pub label: String,
}

/// One side of a conflict: a claim and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub claim: String,
    pub source: String,
    pub text: String,
    pub value: Value,
    pub qualifier: Option<String>,
    pub sentence: String,
    /// Other claims that say the same as this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreeing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: String,
    pub kind: ConflictKind,
    pub topic: TopicRef,
    pub scope: Scope,
    pub sides: Vec<Side>,
    pub values: Vec<Value>,
    pub reason: String,
    pub confidence: f64,
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corroboration {
    pub id: String,
    pub kind: ClaimKind,
    pub topic: TopicRef,
    pub value: Value,
    pub claims: Vec<String>,
    pub sources: Vec<String>,
    /// Number of sources.
    pub count: usize,
}

/// Everything comparison adds to a set of claims.
#[derive(Debug, Default)]
pub struct Comparison {
    pub conflicts: Vec<Conflict>,
    pub corroborations: Vec<Corroboration>,
    /// Topic id → label, for every topic given to a claim.
    pub topics: BTreeMap<String, String>,
    /// Conflict flags to add to claims: (claim index, flag), by claim index and in the order
    /// given.
    pub flags: Vec<(usize, String)>,
}

impl Comparison {
    /// Adds the conflict flags to the claims the records were made from.
    pub fn flag_claims(&self, claims: &mut [Claim]) {
        for (i, flag) in &self.flags {
            if let Some(claim) = claims.get_mut(*i) {
                claim.flags.push(flag.clone());
            }
        }
    }
}

/// Assigns topics, finds conflicts and corroborations, and marks the claims taking part
/// (names as they are: see [`link_and_compare`]).
pub fn compare(rules: &RuleSet, claims: &mut [Claim]) -> Comparison {
    compare_claims(rules, claims, false)
}

/// Links people and organisations named differently across sources, then compares, as
/// [`compare`].
pub fn link_and_compare(rules: &RuleSet, claims: &mut [Claim]) -> Comparison {
    compare_claims(rules, claims, true)
}

fn compare_claims(rules: &RuleSet, claims: &mut [Claim], link: bool) -> Comparison {
    let mut records = Record::all(claims, &mut Names::default());
    if link {
        link_records(&mut records);
    }
    let comparison = compare_records(rules, &mut records);
    for (claim, record) in claims.iter_mut().zip(&records) {
        record.annotate(claim);
    }
    comparison.flag_claims(claims);
    comparison
}

/// [`link_and_compare`]'s linking, on records.
pub fn link_records(records: &mut [Record]) {
    link::link_across_sources(records);
}

/// [`compare`] on records: what comparison finds is marked on them (topic, corroboration) and
/// returned (conflicts, corroborations, flags), for [`Record::annotate`] to put into claims.
pub fn compare_records(rules: &RuleSet, records: &mut [Record]) -> Comparison {
    let mut comparison = Comparison::default();
    numeric::compare_figures(rules, records, &mut comparison);
    titles::title_conflicts(rules, records, &mut comparison);
    quotes::quote_comparisons(rules, records, &mut comparison);
    comparison.flags.sort_by_key(|(i, _)| *i);
    comparison
}

/// Whether two claims give the same value (or one restating the other), for the same measure.
pub fn agree(rules: &RuleSet, a: &Claim, b: &Claim) -> bool {
    let mut units = measure::Units::default();
    let mut names = Names::default();
    let (a, b) = (Record::of(a, &mut names, None), Record::of(b, &mut names, None));
    let (items_a, items_b) = (items_of(rules, &mut units, 0, &a), items_of(rules, &mut units, 1, &b));
    items_a.iter().any(|x| {
        items_b.iter().any(|y| {
            x.slot == y.slot && matches!(relation(&x.measure, &y.measure), Relation::Same | Relation::Consistent)
        })
    })
}

/// A claim as one side of a comparison.
pub fn side_of(claim: &Claim) -> Side {
    side(&Record::of(claim, &mut Names::default(), None), &claim.value)
}

fn side(claim: &Record, value: &Value) -> Side {
    Side {
        claim: claim.id(),
        source: claim.source.to_string(),
        text: claim.text.to_string(),
        value: value.clone(),
        qualifier: claim.qualifier.as_deref().map(str::to_string),
        sentence: claim.sentence.to_string(),
        agreeing: Vec::new(),
    }
}
