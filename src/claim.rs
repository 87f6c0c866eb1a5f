//! The claim record: what was found, where, and who says so. Field names are the output
//! contract documented in the README.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::rules::ActorType;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Date,
    Duration,
    Percentage,
    Number,
    Money,
    Actor,
    Quote,
    /// Reported speech: what somebody said, in the writer's words.
    Statement,
}

impl ClaimKind {
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::Duration => "duration",
            ClaimKind::Percentage => "percentage",
            ClaimKind::Number => "number",
            ClaimKind::Money => "money",
            ClaimKind::Actor => "actor",
            ClaimKind::Quote => "quote",
            ClaimKind::Statement => "statement",
        }
    }
}

/// How a quotation is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// A whole statement: “We will not back down,” she said.
    Direct,
    /// Quoted words inside the writer's sentence: would supply “all magnets” to …
    Partial,
    /// A quoted term or name with no speech cue: a 'time bomb', “Truth Social”.
    Term,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    pub id: String,
    pub source: String,
    pub kind: ClaimKind,
    pub text: String,
    /// Byte span `[start, end)` in the file as it is on disk.
    pub span: [usize; 2],
    pub line: usize,
    pub column: usize,
    /// The sentence the claim is in, tidied. In JSON Lines it is written once per source as a
    /// `sentence` record and the claim names it by `sentence_id` (unless `--sentences full`).
    /// Shared by the claims in one sentence: a sentence of hundreds of figures is held once.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub sentence: Arc<str>,
    /// JSON Lines: the id of the `sentence` record holding this claim's sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_id: Option<String>,
    pub rule: String,
    pub value: Value,
    pub qualifier: Option<String>,
    pub actor: Option<String>,
    pub title: Option<String>,
    pub speaker: Option<String>,
    pub attributed_to: Option<String>,
    pub topic: Option<String>,
    /// Absent from JSON Lines (since 0.3) when there are none.
    #[serde(default)]
    pub flags: Vec<String>,
    /// The corroboration this claim takes part in: other sources state the same value on the
    /// same topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corroborated_by: Option<Corroborated>,
    #[serde(flatten)]
    pub detail: Detail,
    /// Span in the decoded text; not part of the output.
    #[serde(skip)]
    pub(crate) at: Range<usize>,
}

/// Kind-specific fields, present only where they apply.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Detail {
    /// Dates: day, week, month, year or decade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
    /// Dates: whether the value needed the reference date (relative or year-less dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<bool>,
    /// Durations, percentages ("percentage point"), numbers with a scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Durations: the number of units ("six months": 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Money: ISO 4217 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Numbers: what is counted ("member companies").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    /// Changes and ranges: the first value ("from 30% to 145%": 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// Changes and ranges: "up", "down" or "range".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// Actors: person, org or place. (`type` is the JSON Lines record tag, hence the name.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<ActorType>,
    /// Quotes: direct, partial or term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<QuoteForm>,
    /// Quotes: ids of the other pieces of a quotation that runs over several paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continued_in: Vec<String>,
    /// Quotes and statements: the words that tied them to their speaker ("said", "according to").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_cue: Option<String>,
}

impl Claim {
    /// A claim at `at` in the text, with the fields every kind has; the pipeline fills in
    /// position, sentence and attribution afterwards.
    pub(crate) fn new(kind: ClaimKind, rule: &str, text: &str, at: Range<usize>, value: Value) -> Claim {
        Claim {
            id: String::new(),
            source: String::new(),
            kind,
            text: text.get(at.clone()).unwrap_or_default().to_string(),
            span: [at.start, at.end],
            line: 0,
            column: 0,
            sentence: Arc::default(),
            sentence_id: None,
            rule: rule.to_string(),
            value,
            qualifier: None,
            actor: None,
            title: None,
            speaker: None,
            attributed_to: None,
            topic: None,
            flags: Vec::new(),
            corroborated_by: None,
            detail: Detail::default(),
            at,
        }
    }

    /// Start of the claim in the decoded text.
    pub fn text_start(&self) -> usize {
        self.at.start
    }
}

/// The capitals that begin the words of an organisation's name, the way its acronym spells
/// them: "United Dock and Harbour Workers" → "UDHW".
pub fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// Marks a corroborated claim: the corroboration it takes part in, and how many sources that
/// corroboration names (the sources themselves are listed once, in the corroboration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corroborated {
    pub id: String,
    pub count: usize,
}

/// A JSON number: integral values print without a fractional part.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

fn is_empty(text: &Arc<str>) -> bool {
    text.is_empty()
}
