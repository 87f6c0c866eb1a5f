//! One actor named differently in different sources gets one name: "Lutnick" / "Howard
//! Lutnick", "UDHW" / "United Dock and Harbour Workers". Runs over every source's records
//! before comparison (names are only linked when the whole folder is known).

use std::collections::HashMap;

use serde_json::Value;

use crate::claim::ClaimKind;
use crate::rules::ActorType;

use super::record::{Name, Record};

pub fn link_across_sources(claims: &mut [Record]) {
    link_people_across_sources(claims);
    link_acronyms_across_sources(claims);
}

/// "the UDHW" in one article is the "United Dock and Harbour Workers" another names in full,
/// when exactly one organisation named anywhere spells that acronym.
fn link_acronyms_across_sources(claims: &mut [Record]) {
    let is_org = |c: &Record| c.kind == ClaimKind::Actor && c.actor_type == Some(ActorType::Org);
    let mut by_initials: HashMap<String, Vec<Name>> = HashMap::new();
    for name in claims.iter().filter(|c| is_org(c)).filter_map(|c| c.actor.as_ref()).filter(|n| n.contains(' ')) {
        let names = by_initials.entry(crate::claim::initials(name)).or_default();
        if !names.iter().any(|n| n == name) {
            names.push(name.clone());
        }
    }
    let renames: HashMap<String, Name> = by_initials
        .into_iter()
        .filter(|(initials, names)| initials.len() >= 3 && names.len() == 1)
        .map(|(initials, mut names)| (initials, names.remove(0)))
        .collect();
    for claim in claims.iter_mut() {
        for field in [&mut claim.actor, &mut claim.speaker, &mut claim.attributed_to] {
            if let Some(full) = field.as_deref().and_then(|n| renames.get(n)) {
                *field = Some(full.clone());
            }
        }
        if is_org(claim) {
            name_value(claim);
        }
    }
}

/// An actor claim's value is its (linked) name; set only where it differs, since nearly all
/// are already.
fn name_value(claim: &mut Record) {
    if let Some(actor) = &claim.actor
        && claim.value.as_str() != Some(&**actor)
    {
        claim.value = Value::String(actor.to_string());
    }
}

/// "Lutnick" alone in one article and "Howard Lutnick" in another are one person: a one-word
/// person name takes the only full name across all sources that ends with it.
fn link_people_across_sources(claims: &mut [Record]) {
    let mut by_surname: HashMap<&str, Vec<&Name>> = HashMap::new();
    for claim in claims.iter().filter(|c| c.kind == ClaimKind::Actor && c.actor_type == Some(ActorType::Person)) {
        let Some(name) = claim.actor.as_ref() else {
            continue;
        };
        if let Some((_, last)) = name.rsplit_once(' ') {
            let names = by_surname.entry(last).or_default();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let renames: HashMap<String, Name> = by_surname
        .into_iter()
        .filter(|(_, names)| names.len() == 1)
        .map(|(surname, names)| (surname.to_string(), names[0].clone()))
        .collect();
    if renames.is_empty() {
        return;
    }
    let rename = |field: &mut Option<Name>| {
        if let Some(full) = field.as_deref().and_then(|name| renames.get(name)) {
            *field = Some(full.clone());
        }
    };
    for claim in claims.iter_mut() {
        let person = claim.actor_type == Some(ActorType::Person);
        if person {
            rename(&mut claim.actor);
            name_value(claim);
        }
        if matches!(claim.kind, ClaimKind::Quote | ClaimKind::Statement) {
            rename(&mut claim.speaker);
            rename(&mut claim.actor);
        }
        rename(&mut claim.attributed_to);
    }
}
