//! The same value on one topic in two or more sources: one corroboration per value group.

use std::collections::{BTreeSet, HashMap};

use crate::claim::{Claim, Corroborated};

use super::group::{Members, find};
use super::measure::Item;
use super::{Comparison, Corroboration, TopicRef};

/// The same value on one topic in two or more sources.
pub(super) fn corroborations(
    claims: &mut [Claim],
    items: &[Item],
    topics: &HashMap<usize, TopicRef>,
    topic_of: &mut [usize],
    groups: &Members,
    comparison: &mut Comparison,
) {
    for members in groups.groups() {
        let sources: BTreeSet<&str> = members.iter().map(|&i| claims[items[i].claim].source.as_str()).collect();
        if sources.len() < 2 {
            continue;
        }
        let first = &items[members[0]];
        let topic = topics[&find(topic_of, members[0])].clone();
        let sources: Vec<String> = sources.into_iter().map(str::to_string).collect();
        let mut ids: Vec<String> = members.iter().map(|&i| claims[items[i].claim].id.clone()).collect();
        ids.dedup();
        let id = format!("k{}", comparison.corroborations.len() + 1);
        for &i in members {
            claims[items[i].claim].corroborated_by = Some(Corroborated { id: id.clone(), count: sources.len() });
        }
        comparison.corroborations.push(Corroboration {
            id,
            kind: claims[first.claim].kind,
            topic,
            value: first.value.clone(),
            claims: ids,
            count: sources.len(),
            sources,
        });
    }
}
