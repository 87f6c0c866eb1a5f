//! What comparison keeps of a claim: the fields it reads, names shared between claims
//! (interned), no position, rule name or provenance. Whole claims are written out as each
//! document is done and read back only for the output; these records are what stays in memory
//! for a folder's comparison, and what comparison marks (topic, corroboration).

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde_json::Value;

use crate::claim::{Claim, ClaimKind, Corroborated, QuoteForm};
use crate::rules::ActorType;

/// A name or sentence held once and shared by the records that give it: a thin pointer, half
/// the size of an `Arc<str>`, since a record holds several.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<String>);

impl Name {
    /// Whether both are the one copy (interned names are equal only so).
    pub fn ptr_eq(a: &Name, b: &Name) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The one copy's identity: interned names are equal exactly when their keys are, so a map
    /// of sentences need not hash their text.
    pub fn key(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        Name(Arc::new(name.to_string()))
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Claim fields as comparison reads them; `detail` only for figures.
#[derive(Debug, Clone)]
pub struct Record {
    id: Id,
    pub source: Name,
    pub kind: ClaimKind,
    /// Found by the byline rule: says who wrote a story, not what it is about.
    pub byline: bool,
    pub actor_type: Option<ActorType>,
    pub form: Option<QuoteForm>,
    pub text: Box<str>,
    /// Shared by every claim of one sentence (and by equal sentences of other sources).
    pub sentence: Name,
    pub value: Value,
    pub qualifier: Option<Name>,
    pub actor: Option<Name>,
    pub title: Option<Name>,
    pub speaker: Option<Name>,
    pub attributed_to: Option<Name>,
    pub detail: Option<Box<Figure>>,
    /// Set by comparison.
    pub topic: Option<Name>,
    /// Set by comparison: the corroboration's number (`k<n>`) and how many sources it names.
    pub corroborated_by: Option<(u32, u32)>,
}

/// A claim's id: `<source>:c<n>` as extraction numbers them is held as `n`, any other (a
/// claim file edited by hand) in full.
#[derive(Debug, Clone)]
enum Id {
    Numbered(u32),
    Named(Box<str>),
}

/// What a figure is of, as comparison reads it.
#[derive(Debug, Clone, Default)]
pub struct Figure {
    pub unit: Option<Name>,
    pub currency: Option<Name>,
    pub noun: Option<Name>,
    pub change: Option<Name>,
    pub amount: Option<f64>,
    pub from: Option<f64>,
}

/// One copy of each name and sentence records hold, however many claims give it.
#[derive(Debug, Default)]
pub struct Names(HashSet<Name>);

impl Names {
    pub fn get(&mut self, name: &str) -> Name {
        match self.0.get(name) {
            Some(known) => known.clone(),
            None => {
                let new = Name::from(name);
                self.0.insert(new.clone());
                new
            }
        }
    }

    fn option(&mut self, name: Option<&str>) -> Option<Name> {
        name.map(|n| self.get(n))
    }
}

impl Record {
    /// The record of `claim`, its names and sentence taken from `names`. `sentence` is the
    /// record of the sentence the claim before it was in, when it was `claim.sentence` too:
    /// claims of one sentence come together, so most sentences are looked up once.
    pub fn of(claim: &Claim, names: &mut Names, previous: Option<(&Arc<str>, &Name)>) -> Record {
        let sentence = match previous {
            Some((original, interned)) if Arc::ptr_eq(original, &claim.sentence) => interned.clone(),
            _ => names.get(&claim.sentence),
        };
        let d = &claim.detail;
        // Reported speech is compared by nothing but its sentence and names: no text or value.
        let statement = claim.kind == ClaimKind::Statement;
        let figure = matches!(
            claim.kind,
            ClaimKind::Date | ClaimKind::Duration | ClaimKind::Percentage | ClaimKind::Number | ClaimKind::Money
        );
        Record {
            id: claim
                .id
                .strip_prefix(claim.source.as_str())
                .and_then(|rest| rest.strip_prefix(":c"))
                .filter(|n| !n.starts_with(['0', '+']))
                .and_then(|n| n.parse().ok())
                .map_or_else(|| Id::Named(claim.id.as_str().into()), Id::Numbered),
            source: names.get(&claim.source),
            kind: claim.kind,
            byline: claim.rule == "actor.byline",
            actor_type: d.actor_type,
            form: d.form,
            text: if statement { Box::default() } else { claim.text.as_str().into() },
            sentence,
            value: if statement { Value::Null } else { claim.value.clone() },
            qualifier: names.option(claim.qualifier.as_deref()),
            actor: names.option(claim.actor.as_deref()),
            title: names.option(claim.title.as_deref()),
            speaker: names.option(claim.speaker.as_deref()),
            attributed_to: names.option(claim.attributed_to.as_deref()),
            detail: figure.then(|| {
                Box::new(Figure {
                    unit: names.option(d.unit.as_deref()),
                    currency: names.option(d.currency.as_deref()),
                    noun: names.option(d.noun.as_deref()),
                    change: names.option(d.change.as_deref()),
                    amount: d.amount,
                    from: d.from,
                })
            }),
            topic: None,
            corroborated_by: None,
        }
    }

    /// The records of `claims`, in order.
    pub fn all(claims: &[Claim], names: &mut Names) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::with_capacity(claims.len());
        for (n, claim) in claims.iter().enumerate() {
            let previous = n.checked_sub(1).map(|p| (&claims[p].sentence, &out[p].sentence));
            let record = Record::of(claim, names, previous);
            out.push(record);
        }
        out
    }

    /// The claim's id.
    pub fn id(&self) -> String {
        match &self.id {
            Id::Numbered(n) => format!("{}:c{n}", self.source),
            Id::Named(id) => id.to_string(),
        }
    }

    /// The figure's details (none for actors and quotes).
    pub fn figure(&self) -> &Figure {
        static NONE: Figure = Figure { unit: None, currency: None, noun: None, change: None, amount: None, from: None };
        self.detail.as_deref().unwrap_or(&NONE)
    }

    /// Puts what linking and comparison found into the claim the record was made from:
    /// names linked across sources, the value of a renamed actor, topic and corroboration.
    /// (Conflict flags are added by [`super::Comparison::flag_claims`].)
    pub fn annotate(&self, claim: &mut Claim) {
        let set = |field: &mut Option<String>, linked: &Option<Name>| {
            if field.as_deref() != linked.as_deref() {
                *field = linked.as_deref().map(str::to_string);
            }
        };
        set(&mut claim.actor, &self.actor);
        set(&mut claim.speaker, &self.speaker);
        set(&mut claim.attributed_to, &self.attributed_to);
        // Linking renames actors: no other claim's value changes.
        if claim.kind == ClaimKind::Actor && claim.value != self.value {
            claim.value = self.value.clone();
        }
        claim.topic = self.topic.as_deref().map(str::to_string);
        claim.corroborated_by =
            self.corroborated_by.map(|(n, count)| Corroborated { id: format!("k{n}"), count: count as usize });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_id_comes_back_as_written() {
        let mut names = Names::default();
        for id in ["s12:c7", "s12:c07", "s12:c+7", "s1:c7", "hand-made", "s12:c99999999999"] {
            let mut claim = Claim::new(ClaimKind::Number, "rule", "7 ships", 0..1, Value::from(7));
            claim.id = id.to_string();
            claim.source = "s12".to_string();
            assert_eq!(Record::of(&claim, &mut names, None).id(), id);
        }
    }
}
