//! Two sets of sources, topic by topic: what both say, what they say differently, what only
//! one says. Both sides are compared together, so their figures share topics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, ClaimKind};
use crate::compare::{self, Comparison, ConflictKind, Side};
use crate::pipeline::Report;
use crate::rules::RuleSet;

/// How a topic compares across the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Same,
    Different,
    OnlyA,
    OnlyB,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub status: Status,
    /// Claim kind, or "title"/"quote" for differences found between actors' titles or quotes.
    pub kind: String,
    pub topic: String,
    pub label: String,
    pub a: Vec<Side>,
    pub b: Vec<Side>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub a: Vec<String>,
    pub b: Vec<String>,
    pub entries: Vec<Entry>,
}

impl Diff {
    pub fn count(&self, status: Status) -> usize {
        self.entries.iter().filter(|e| e.status == status).count()
    }
}

const A: &str = "A:";
const B: &str = "B:";

/// Diffs two reports (extracted or read from claim files).
pub fn diff(rules: &RuleSet, a: Report, b: Report) -> Diff {
    let label = |r: &Report| r.sources.iter().map(|s| s.path.clone()).collect::<Vec<_>>();
    let mut result = Diff { a: label(&a), b: label(&b), entries: Vec::new() };
    let mut claims: Vec<Claim> = Vec::new();
    for (prefix, report) in [(A, a), (B, b)] {
        for mut claim in report.claims {
            claim.source = format!("{prefix}{}", claim.source);
            claim.id = format!("{prefix}{}", claim.id);
            claims.push(claim);
        }
    }
    crate::pipeline::reset_comparison(&mut claims);
    let Comparison { conflicts, topics: labels, .. } = compare::compare(rules, &mut claims);

    let mut topics: BTreeMap<String, (ClaimKind, Vec<usize>)> = BTreeMap::new();
    for (i, claim) in claims.iter().enumerate() {
        if let Some(topic) = &claim.topic {
            topics.entry(topic.clone()).or_insert((claim.kind, Vec::new())).1.push(i);
        }
    }
    for (topic, (kind, members)) in topics {
        let (in_a, in_b): (Vec<usize>, Vec<usize>) = members.iter().partition(|&&i| claims[i].source.starts_with(A));
        let status = match (in_a.is_empty(), in_b.is_empty()) {
            (false, true) => Status::OnlyA,
            (true, false) => Status::OnlyB,
            _ if in_a.iter().any(|&x| in_b.iter().any(|&y| compare::agree(rules, &claims[x], &claims[y]))) => {
                Status::Same
            }
            _ => Status::Different,
        };
        let sides = |members: &[usize]| members.iter().map(|&i| compare::side_of(&claims[i])).collect();
        let label = labels.get(&topic).cloned().unwrap_or_else(|| topic.clone());
        result.entries.push(Entry {
            status,
            kind: kind.name().to_string(),
            topic,
            label,
            a: sides(&in_a),
            b: sides(&in_b),
        });
    }
    // Titles and quotes differ per actor, not per topic: take them from the conflicts that
    // cross the two sides.
    for conflict in conflicts.iter().filter(|c| matches!(c.kind, ConflictKind::Title | ConflictKind::Quote)) {
        let (a, b): (Vec<Side>, Vec<Side>) = conflict.sides.iter().cloned().partition(|s| s.source.starts_with(A));
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let kind = if conflict.kind == ConflictKind::Title { "title" } else { "quote" };
        result.entries.push(Entry {
            status: Status::Different,
            kind: kind.into(),
            topic: conflict.topic.id.clone(),
            label: conflict.topic.label.clone(),
            a,
            b,
        });
    }
    result.entries.sort_by_key(|e| (e.status as u8, e.kind.clone(), e.label.clone()));
    result
}
