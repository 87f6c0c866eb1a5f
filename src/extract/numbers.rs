//! Percentages, money, durations and counts.

use std::ops::Range;

use serde_json::Value;

use super::Context;
use crate::claim::{Claim, ClaimKind, number};
use crate::normalize::{parse_number, scale};
use crate::rules::{Capture, RuleKind, RuleMatch};

pub(super) fn extract(cx: &Context<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (kind, claim_kind) in [
        (RuleKind::Money, ClaimKind::Money),
        (RuleKind::Percentage, ClaimKind::Percentage),
        (RuleKind::Duration, ClaimKind::Duration),
        (RuleKind::Number, ClaimKind::Number),
    ] {
        // A count's pattern reads a few words past its noun; the next claim may start in them.
        let resume = |m: &RuleMatch| counted_noun(cx, m).map_or(m.span.end, |noun| claim_end(m, &noun));
        for m in cx.scan_resuming(kind, resume) {
            if let Some(claim) = build(cx, &m, claim_kind) {
                claims.push(claim);
            }
        }
    }
    claims
}

fn build(cx: &Context<'_>, m: &RuleMatch, kind: ClaimKind) -> Option<Claim> {
    let rule = &cx.rules.rules[m.rule];
    let lexicon = &cx.rules.lexicon;
    let get = |c: Capture| m.get(c).map(|r| cx.slice(&r));
    let scale = scale(get(Capture::Scale), lexicon);
    let from = get(Capture::From).and_then(|t| parse_number(t, lexicon)).map(|n| n * scale);
    let main = get(Capture::To).or(get(Capture::Num)).or(get(Capture::N))?;
    let value = parse_number(main, lexicon)? * scale;
    let mut claim = Claim::new(kind, &rule.id, cx.text, m.claim_span(), number(value));
    claim.qualifier = get(Capture::Qualifier).map(super::hedge);
    if let Some(from) = from {
        claim.detail.from = Some(from);
        claim.detail.change = Some(if m.get(Capture::To).is_some() && rule.direction == Some(0) {
            "range".into()
        } else if value >= from {
            "up".into()
        } else {
            "down".into()
        });
    }
    let unit = get(Capture::Unit).map(str::to_string).or_else(|| rule.unit.clone());
    match kind {
        ClaimKind::Money => {
            let currency = get(Capture::Currency).or(rule.unit.as_deref())?;
            claim.detail.currency = Some(lexicon.string("currency", currency.trim()).unwrap_or(currency).to_string());
        }
        ClaimKind::Percentage => {
            let points = unit.as_deref().is_some_and(|u| u.to_lowercase().contains("point"));
            claim.detail.unit = Some(if points { "percentage point" } else { "percent" }.into());
        }
        ClaimKind::Duration => {
            let unit = unit?;
            let canonical = lexicon.string("time_unit", &unit).unwrap_or(&unit).to_string();
            claim.value = iso_duration(value, &canonical).map_or(Value::Null, Value::String);
            claim.detail.unit = Some(canonical);
            claim.detail.from = None;
            claim.detail.amount = Some(value);
        }
        // A count rule without a `noun` group ("passed 52-48") stands as matched.
        ClaimKind::Number if m.get(Capture::Noun).is_some() => {
            // The claim ends with the counted noun, not with the words the pattern read past it.
            let noun = counted_noun(cx, m)?;
            let at = claim.at.start..claim_end(m, &noun);
            claim = Claim { text: cx.slice(&at).to_string(), span: [at.start, at.end], at, ..claim };
            claim.detail.noun = Some(cx.slice(&noun).to_string());
        }
        _ => {}
    }
    Some(claim)
}

/// Where a count's claim ends: after its noun ("3,200 workers") or its number ("magnitude 6.1").
fn claim_end(m: &RuleMatch, noun: &Range<usize>) -> usize {
    m.get(Capture::Num).map_or(noun.end, |num| num.end.max(noun.end))
}

/// Where the counted noun is: up to its first plural, without the words the pattern read past
/// it ("3,200 firms applied" → "firms", "412,000 Vantor SUVs" → "Vantor SUVs"); `None` when a
/// function word comes first ("2025 that") or a capitalised word is not followed by a plural
/// ("10 Downing Street").
fn counted_noun(cx: &Context<'_>, m: &RuleMatch) -> Option<Range<usize>> {
    let lexicon = &cx.rules.lexicon;
    let noun = m.get(Capture::Noun)?;
    let text = cx.slice(&noun);
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w.trim_end_matches(|c: char| !c.is_alphanumeric())))
        .take_while(|(_, w)| !w.is_empty() && !lexicon.contains("stopword", w))
        .collect();
    let is_plural = |w: &str| {
        let regular = w.len() > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
        regular || lexicon.contains("plural_noun", w)
    };
    // "1.9 million TEU": a unit written as an acronym, last, counts like a plural.
    let acronym = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let last = match words.iter().position(|(_, w)| is_plural(w)) {
        Some(i) => i,
        None if words.last().is_some_and(|(_, w)| acronym(w)) => words.len() - 1,
        None if words.first().is_some_and(|(_, w)| w.starts_with(char::is_lowercase)) => 0,
        None => return None,
    };
    let (offset, word) = words[last];
    Some(noun.start..noun.start + offset + word.len())
}

/// ISO 8601 duration ("P6M", "P60D", "PT3H").
fn iso_duration(amount: f64, unit: &str) -> Option<String> {
    let n = if amount.fract() == 0.0 { format!("{}", amount as i64) } else { format!("{amount}") };
    Some(match unit {
        "year" => format!("P{n}Y"),
        "month" => format!("P{n}M"),
        "week" => format!("P{n}W"),
        "day" => format!("P{n}D"),
        "decade" => format!("P{}Y", amount * 10.0),
        "hour" => format!("PT{n}H"),
        "minute" => format!("PT{n}M"),
        _ => return None,
    })
}
