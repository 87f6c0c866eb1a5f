//! Claims → comparisons: topics, conflicts and corroborations across sources (and within one).
//!
//! Values are compared within a story (sources that cover the same events) and a topic. A
//! different value needs strong topic evidence to be a conflict; the same value needs less to
//! count as corroboration, since agreeing figures are themselves evidence of one topic.

mod corroborate;
mod group;
pub mod keys;
mod measure;
mod numeric;
mod quotes;
mod titles;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::claim::{Claim, ClaimKind};
use crate::rules::RuleSet;

use measure::{Relation, items_of, relation};

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
}

/// Assigns topics, finds conflicts and corroborations, and marks the claims taking part.
pub fn compare(rules: &RuleSet, claims: &mut [Claim]) -> Comparison {
    let mut comparison = Comparison::default();
    numeric::compare_figures(rules, claims, &mut comparison);
    titles::title_conflicts(rules, claims, &mut comparison);
    quotes::quote_comparisons(rules, claims, &mut comparison);
    comparison
}

/// Whether two claims give the same value (or one restating the other), for the same measure.
pub fn agree(rules: &RuleSet, a: &Claim, b: &Claim) -> bool {
    let mut units = measure::Units::default();
    let (items_a, items_b) = (items_of(rules, &mut units, 0, a), items_of(rules, &mut units, 1, b));
    items_a.iter().any(|x| {
        items_b.iter().any(|y| {
            x.slot == y.slot && matches!(relation(&x.measure, &y.measure), Relation::Same | Relation::Consistent)
        })
    })
}

/// A claim as one side of a comparison.
pub fn side_of(claim: &Claim) -> Side {
    side(claim, &claim.value)
}

fn side(claim: &Claim, value: &Value) -> Side {
    Side {
        claim: claim.id.clone(),
        source: claim.source.clone(),
        text: claim.text.clone(),
        value: value.clone(),
        qualifier: claim.qualifier.clone(),
        sentence: claim.sentence.to_string(),
        agreeing: Vec::new(),
    }
}
