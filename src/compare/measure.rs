//! What a value measures and how two values relate: numbers with their precision, hedge and
//! unit, dates as ISO parts.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::claim::ClaimKind;
use crate::rules::RuleSet;

use super::keys;
use super::record::Record;

/// Relative tolerance of an approximate hedge ("about 1,200" vs "1,214").
pub(super) const APPROXIMATE: f64 = 0.05;

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    Same,
    /// One is the other rounded ("$1.23 billion" / "$1.2 billion"), or within an approximate hedge.
    Consistent,
    /// A bound the other value satisfies ("over 400K" / "412,000"): no conflict, but no
    /// agreement either, since "up to 25%" fits any smaller figure.
    Compatible,
    /// Equal precision, last digit apart ("28.5%" / "28.6%").
    Rounding,
    Different,
    /// Not the same measure (percent vs percentage points, dollars vs euros, unresolved dates).
    Incomparable,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Bound {
    Exact,
    Approximate,
    AtLeast,
    AtMost,
}

/// A value as compared: numbers with their precision and hedge, dates as ISO parts.
#[derive(Debug, Clone)]
pub(super) enum Measure {
    /// `unit`: what the number is of — percent or points, a currency, the counted noun's words.
    Number {
        value: f64,
        step: f64,
        bound: Bound,
        unit: Unit,
    },
    Date {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        week: Option<u32>,
    },
}

/// One value to compare: a claim, or one end of a change ("from 30% to 145%").
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) claim: usize,
    /// 0 plain, 1 "from" end, 2 "to" end: ends of changes only meet plain values or the same end.
    pub(super) slot: u8,
    pub(super) measure: Measure,
    pub(super) value: Value,
}

/// What a number is of, as unit names numbered by [`Units`], ascending: two numbers measure the
/// same thing when their units share a name.
pub(super) type Unit = Box<[u32]>;

/// Unit names numbered once per comparison, so that units are compared as a few numbers.
#[derive(Debug, Default)]
pub(super) struct Units(HashMap<String, u32>);

impl Units {
    fn unit(&mut self, names: impl IntoIterator<Item = String>) -> Unit {
        let mut ids: Vec<u32> = names
            .into_iter()
            .map(|name| {
                let next = self.0.len() as u32;
                *self.0.entry(name).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into()
    }
}

pub(super) fn items_of(rules: &RuleSet, units: &mut Units, index: usize, claim: &Record) -> Vec<Item> {
    let bound = bound_of(rules, claim.qualifier.as_deref());
    let unit = match claim.kind {
        ClaimKind::Percentage => units.unit(claim.figure().unit.iter().map(|u| u.to_string())),
        ClaimKind::Money => units.unit(claim.figure().currency.iter().map(|c| c.to_string())),
        // "412,000 Vantors" and "421,000 Vantor SUVs" count the same things.
        ClaimKind::Number => units.unit(claim.figure().noun.iter().flat_map(|n| noun_stems(rules, n))),
        ClaimKind::Date => Unit::default(),
        _ => units.unit(["day".to_string()]),
    };
    let numbers = written_numbers(&claim.text);
    let number = |value: f64, written: Option<&(f64, u32)>, bound: Bound| {
        let step = match written {
            Some(&(w, decimals)) if w != 0.0 => 10f64.powi(-(decimals as i32)) * (value / w).abs().max(1.0),
            _ => 1.0,
        };
        Measure::Number { value, step, bound, unit: unit.clone() }
    };
    match claim.kind {
        ClaimKind::Date => date_measure(&claim.value)
            .map(|m| vec![Item { claim: index, slot: 0, measure: m, value: claim.value.clone() }])
            .unwrap_or_default(),
        ClaimKind::Duration => {
            let Some(days) = claim.figure().amount.zip(claim.figure().unit.as_deref()).and_then(|(a, u)| days(a, u))
            else {
                return Vec::new();
            };
            let step = days / claim.figure().amount.unwrap_or(1.0).max(1.0);
            vec![Item {
                claim: index,
                slot: 0,
                measure: Measure::Number { value: days, step, bound, unit },
                value: claim.value.clone(),
            }]
        }
        ClaimKind::Percentage | ClaimKind::Number | ClaimKind::Money => {
            let Some(value) = claim.value.as_f64() else { return Vec::new() };
            match claim.figure().from {
                // "from 30% to 145%": two values, the one before and the one after.
                Some(from) if claim.figure().change.as_deref() != Some("range") => vec![
                    Item {
                        claim: index,
                        slot: 1,
                        measure: number(from, numbers.first(), Bound::Exact),
                        value: crate::claim::number(from),
                    },
                    Item {
                        claim: index,
                        slot: 2,
                        measure: number(value, numbers.last(), bound),
                        value: claim.value.clone(),
                    },
                ],
                _ => vec![Item {
                    claim: index,
                    slot: 0,
                    measure: number(value, numbers.last(), bound),
                    value: claim.value.clone(),
                }],
            }
        }
        _ => Vec::new(),
    }
}

/// The hedge's meaning, from `[lexicon.qualifier]`.
pub(super) fn bound_of(rules: &RuleSet, qualifier: Option<&str>) -> Bound {
    let Some(q) = qualifier else { return Bound::Exact };
    match rules.lexicon.string("qualifier", q).unwrap_or(q) {
        "over" | "at least" => Bound::AtLeast,
        "under" | "up to" | "at most" => Bound::AtMost,
        "about" | "nearly" => Bound::Approximate,
        _ => Bound::Exact,
    }
}

/// What a count counts, comparable across spellings: the head noun's stem and its class from
/// `[lexicon.noun_class]` ("members", "dockworkers" → workforce), names in it ("412,000
/// Vantors" / "421,000 Vantor SUVs"), and the words run together ("dock workers").
pub(super) fn noun_stems(rules: &RuleSet, noun: &str) -> BTreeSet<String> {
    let words: Vec<&str> = noun.split_whitespace().collect();
    let Some(head) = words.last() else { return BTreeSet::new() };
    let mut stems = BTreeSet::from([keys::stem(head, rules), keys::stem(&words.concat(), rules)]);
    for word in [*head, &words.concat()] {
        if let Some(class) = rules.lexicon.string("noun_class", &crate::text::suffix_stem(word)) {
            stems.insert(class.to_string());
        }
    }
    stems.extend(words.iter().filter(|w| w.starts_with(char::is_uppercase)).map(|w| keys::stem(w, rules)));
    stems
}

/// Numbers as written in a claim's text, with their decimal places ("$1.23 billion" → 1.23, 2).
pub(super) fn written_numbers(text: &str) -> Vec<(f64, u32)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (!current.is_empty() && (c == '.' || c == ',')) {
            current.push(c);
        } else if !current.is_empty() {
            let cleaned = current.trim_end_matches(['.', ',']).replace(',', "");
            if let Ok(v) = cleaned.parse::<f64>() {
                let decimals = cleaned.split_once('.').map_or(0, |(_, d)| d.len() as u32);
                out.push((v, decimals));
            }
            current.clear();
        }
    }
    out
}

pub(super) fn days(amount: f64, unit: &str) -> Option<f64> {
    let per = match unit {
        "minute" => 1.0 / 1440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 30.436875,
        "year" => 365.2425,
        "decade" => 3652.425,
        _ => return None,
    };
    Some(amount * per)
}

pub(super) fn date_measure(value: &Value) -> Option<Measure> {
    let text = value.as_str()?;
    if text.contains('X') {
        return None;
    }
    if let Some((year, week)) = text.split_once("-W") {
        return Some(Measure::Date { year: year.parse().ok()?, month: None, day: None, week: week.parse().ok() });
    }
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().and_then(|m| m.parse().ok());
    let day = parts.next().and_then(|d| d.parse().ok());
    Some(Measure::Date { year, month, day, week: None })
}

pub(super) fn relation(a: &Measure, b: &Measure) -> Relation {
    match (a, b) {
        (Measure::Number { unit: ua, .. }, Measure::Number { unit: ub, .. }) if !ua.iter().any(|u| ub.contains(u)) => {
            Relation::Incomparable
        }
        (
            Measure::Number { value: va, step: sa, bound: ba, .. },
            Measure::Number { value: vb, step: sb, bound: bb, .. },
        ) => numeric_relation((*va, *sa, *ba), (*vb, *sb, *bb)),
        (
            Measure::Date { year: ya, month: ma, day: da, week: wa },
            Measure::Date { year: yb, month: mb, day: db, week: wb },
        ) => {
            if wa.is_some() || wb.is_some() {
                return if (ya, wa, ma, da) == (yb, wb, mb, db) { Relation::Same } else { Relation::Incomparable };
            }
            if ya != yb {
                return Relation::Different;
            }
            match (ma, mb) {
                (Some(x), Some(y)) if x != y => Relation::Different,
                (Some(_), Some(_)) => match (da, db) {
                    (Some(x), Some(y)) if x != y => Relation::Different,
                    (Some(_), Some(_)) => Relation::Same,
                    _ if da == db => Relation::Same,
                    _ => Relation::Consistent,
                },
                _ if ma == mb => Relation::Same,
                _ => Relation::Consistent,
            }
        }
        _ => Relation::Incomparable,
    }
}

pub(super) fn numeric_relation(
    (a, step_a, bound_a): (f64, f64, Bound),
    (b, step_b, bound_b): (f64, f64, Bound),
) -> Relation {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    if close(a, b) {
        return Relation::Same;
    }
    let approximate = bound_a == Bound::Approximate || bound_b == Bound::Approximate;
    let tolerance = if approximate { (APPROXIMATE * a.abs().max(b.abs())).max(step_a.max(step_b)) } else { 0.0 };
    let within = |x: f64, y: f64| (x - y).abs() <= tolerance + 1e-9;
    match (bound_a, bound_b) {
        (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => Relation::Different,
        (Bound::AtLeast, Bound::AtMost) => {
            if a <= b {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtMost, Bound::AtLeast) => {
            if b <= a {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtLeast, _) => {
            if b > a || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (_, Bound::AtLeast) => {
            if a > b || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtMost, _) => {
            if b <= a || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (_, Bound::AtMost) => {
            if a <= b || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        _ if approximate => {
            if within(a, b) {
                Relation::Consistent
            } else {
                Relation::Different
            }
        }
        _ => {
            // "$1.23 billion" restated as "$1.2 billion": one is the other at the coarser step.
            let coarse = step_a.max(step_b);
            if step_a != step_b && close((a / coarse).round() * coarse, (b / coarse).round() * coarse) {
                Relation::Consistent
            } else if step_a == step_b && step_a < 1.0 && (a - b).abs() <= step_a * 1.0001 {
                Relation::Rounding
            } else {
                Relation::Different
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_and_rounding() {
        use Bound::*;
        assert_eq!(numeric_relation((90.0, 1.0, AtLeast), (80.0, 1.0, AtLeast)), Relation::Different);
        assert_eq!(numeric_relation((28.5, 0.1, Exact), (28.6, 0.1, Exact)), Relation::Rounding);
        assert_eq!(numeric_relation((1.23e9, 1e7, Exact), (1.2e9, 1e8, Exact)), Relation::Consistent);
        assert_eq!(numeric_relation((1200.0, 1.0, Approximate), (1214.0, 1.0, Exact)), Relation::Consistent);
        assert_eq!(numeric_relation((400_000.0, 1000.0, AtLeast), (412_000.0, 1.0, Exact)), Relation::Compatible);
        assert_eq!(numeric_relation((12.0, 1.0, Exact), (14.0, 1.0, Exact)), Relation::Different);
        assert_eq!(numeric_relation((3.8, 0.1, Exact), (4.0, 1.0, Approximate)), Relation::Consistent);
    }

    #[test]
    fn written_numbers_keep_their_precision() {
        assert_eq!(written_numbers("$1.23 billion"), vec![(1.23, 2)]);
        assert_eq!(written_numbers("from 30% to 45%"), vec![(30.0, 0), (45.0, 0)]);
        assert_eq!(written_numbers("3,200 workers."), vec![(3200.0, 0)]);
    }
}
