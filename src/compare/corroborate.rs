//! The same value on one topic in two or more sources: one corroboration per value group.

use std::collections::{BTreeSet, HashMap};

use super::record::Record;

use super::group::{Members, find};
use super::measure::Item;
use super::{Comparison, Corroboration, TopicRef};

/// The same value on one topic in two or more sources.
pub(super) fn corroborations(
    claims: &mut [Record],
    items: &[Item],
    topics: &HashMap<usize, TopicRef>,
    topic_of: &mut [usize],
    groups: &Members,
    comparison: &mut Comparison,
) {
    for members in groups.groups() {
        let sources: BTreeSet<&str> = members.iter().map(|&i| &*claims[items[i].claim].source).collect();
        if sources.len() < 2 {
            continue;
        }
        let first = &items[members[0]];
        let topic = topics[&find(topic_of, members[0])].clone();
        let sources: Vec<String> = sources.into_iter().map(str::to_string).collect();
        let mut ids: Vec<String> = members.iter().map(|&i| claims[items[i].claim].id()).collect();
        ids.dedup();
        let number = comparison.corroborations.len() as u32 + 1;
        for &i in members {
            claims[items[i].claim].corroborated_by = Some((number, sources.len() as u32));
        }
        comparison.corroborations.push(Corroboration {
            id: format!("k{number}"),
            kind: claims[first.claim].kind,
            topic,
            value: first.value.clone(),
            claims: ids,
            count: sources.len(),
            sources,
        });
    }
}
