//! Percentages, money, durations and counts.

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
        for m in cx.scan(kind) {
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
    let from = get(Capture::From)
        .and_then(|t| parse_number(t, lexicon))
        .map(|n| n * scale);
    let main = get(Capture::To).or(get(Capture::Num)).or(get(Capture::N))?;
    let value = parse_number(main, lexicon)? * scale;
    let mut claim = Claim::new(kind, &rule.id, cx.text, m.claim_span(), number(value));
    claim.qualifier = get(Capture::Qualifier).map(|q| canonical_qualifier(cx, q));
    if let Some(from) = from {
        claim.detail.from = Some(from);
        claim.detail.change = Some(
            if m.get(Capture::To).is_some() && rule.direction == Some(0) {
                "range".into()
            } else if value >= from {
                "up".into()
            } else {
                "down".into()
            },
        );
    }
    let unit = get(Capture::Unit)
        .map(str::to_string)
        .or_else(|| rule.unit.clone());
    match kind {
        ClaimKind::Money => {
            let currency = get(Capture::Currency).or(rule.unit.as_deref())?;
            claim.detail.currency = Some(
                lexicon
                    .string("currency", currency.trim())
                    .unwrap_or(currency)
                    .to_string(),
            );
        }
        ClaimKind::Percentage => {
            let points = unit
                .as_deref()
                .is_some_and(|u| u.to_lowercase().contains("point"));
            claim.detail.unit = Some(
                if points {
                    "percentage point"
                } else {
                    "percent"
                }
                .into(),
            );
        }
        ClaimKind::Duration => {
            let unit = unit?;
            let canonical = lexicon
                .string("time_unit", &unit)
                .unwrap_or(&unit)
                .to_string();
            claim.value = iso_duration(value, &canonical).map_or(Value::Null, Value::String);
            claim.detail.unit = Some(canonical);
            claim.detail.from = None;
            claim.detail.amount = Some(value);
        }
        ClaimKind::Number => {
            let noun_at = m.get(Capture::Noun)?;
            let noun = counted_noun(cx, Some(cx.slice(&noun_at)))?;
            // The claim ends with the counted noun, not with the words the pattern read past it.
            let end = noun_at.start + cx.slice(&noun_at).find(&noun).unwrap_or(0) + noun.len();
            claim = Claim {
                text: cx.text[claim.at.start..end].to_string(),
                at: claim.at.start..end,
                span: [claim.at.start, end],
                ..claim
            };
            claim.detail.noun = Some(noun);
        }
        _ => {}
    }
    Some(claim)
}

/// "more than" → "over", "almost" → "nearly": hedges compared by meaning, as the lexicon says.
fn canonical_qualifier(cx: &Context<'_>, raw: &str) -> String {
    let raw = super::collapse_whitespace(raw).to_lowercase();
    cx.rules
        .lexicon
        .string("qualifier", &raw)
        .map_or(raw, str::to_string)
}

/// The counted noun without trailing function words ("member companies in" → "member
/// companies"); `None` when nothing is left, so "2025 that" is not a count.
fn counted_noun(cx: &Context<'_>, noun: Option<&str>) -> Option<String> {
    let words: Vec<&str> = noun?
        .split_whitespace()
        .take_while(|w| {
            !cx.rules
                .lexicon
                .contains("stopword", w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
        .collect();
    let noun = words.join(" ");
    let noun = noun.trim_end_matches(|c: char| !c.is_alphanumeric());
    (!noun.is_empty()).then(|| noun.to_string())
}

/// ISO 8601 duration ("P6M", "P60D", "PT3H").
fn iso_duration(amount: f64, unit: &str) -> Option<String> {
    let n = if amount.fract() == 0.0 {
        format!("{}", amount as i64)
    } else {
        format!("{amount}")
    };
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
