//! What a pack is made of: rule kinds, the capture groups that carry meaning, actor types,
//! gazetteer entries and topic rules.

use std::fmt;

/// What a regex rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Date,
    Duration,
    Percentage,
    Number,
    Money,
    Actor,
    /// "According to X", "X reported that": who a sentence credits.
    Attribution,
    /// Page furniture: a matching paragraph is skipped.
    Boilerplate,
}

impl RuleKind {
    pub const ALL: [RuleKind; 8] = [
        RuleKind::Date,
        RuleKind::Duration,
        RuleKind::Percentage,
        RuleKind::Number,
        RuleKind::Money,
        RuleKind::Actor,
        RuleKind::Attribution,
        RuleKind::Boilerplate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Date => "date",
            RuleKind::Duration => "duration",
            RuleKind::Percentage => "percentage",
            RuleKind::Number => "number",
            RuleKind::Money => "money",
            RuleKind::Actor => "actor",
            RuleKind::Attribution => "attribution",
            RuleKind::Boilerplate => "boilerplate",
        }
    }

    pub(super) fn parse(name: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Capture groups a rule of this kind may use; the first list needs at least one present.
    pub(super) fn captures(self) -> (&'static [Capture], &'static [Capture]) {
        use Capture::*;
        match self {
            RuleKind::Date => (
                &[Year, Month, Day, Weekday, Decade, Rel, N, Quarter, Half, Season],
                &[Text, Part, Unit, Fiscal, EndYear],
            ),
            RuleKind::Duration => (&[N], &[Text, Unit, Qualifier]),
            RuleKind::Percentage => (&[Num, To], &[Text, Qualifier, From, Unit, Scale]),
            RuleKind::Number => (&[Num], &[Text, Qualifier, Scale, Noun]),
            RuleKind::Money => (&[Num, To], &[Text, Qualifier, Scale, Currency, From]),
            RuleKind::Actor => (&[Name, Org], &[Text, Title, Role]),
            RuleKind::Attribution => (&[Source], &[Text]),
            RuleKind::Boilerplate => (&[], &[Text]),
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Named capture groups with a meaning to the extractors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capture {
    /// Narrows the claim's span to part of the match (the pattern may match context around it).
    Text,
    Year,
    Month,
    Day,
    Weekday,
    Decade,
    Rel,
    Unit,
    N,
    Part,
    Num,
    Qualifier,
    From,
    To,
    Scale,
    Noun,
    Currency,
    Name,
    Title,
    Role,
    Org,
    Source,
    /// Dates: a quarter ("Q4", "fourth").
    Quarter,
    /// Dates: a half year ("H1", "first").
    Half,
    /// Dates: a season of the year ("summer").
    Season,
    /// Dates: the year is a fiscal year ("FY", "fiscal").
    Fiscal,
    /// Dates: the second year of a span ("2023-24"), which must follow the first.
    EndYear,
}

impl Capture {
    pub(super) const ALL: [Capture; 27] = [
        Capture::Text,
        Capture::Year,
        Capture::Month,
        Capture::Day,
        Capture::Weekday,
        Capture::Decade,
        Capture::Rel,
        Capture::Unit,
        Capture::N,
        Capture::Part,
        Capture::Num,
        Capture::Qualifier,
        Capture::From,
        Capture::To,
        Capture::Scale,
        Capture::Noun,
        Capture::Currency,
        Capture::Name,
        Capture::Title,
        Capture::Role,
        Capture::Org,
        Capture::Source,
        Capture::Quarter,
        Capture::Half,
        Capture::Season,
        Capture::Fiscal,
        Capture::EndYear,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Capture::Text => "text",
            Capture::Year => "year",
            Capture::Month => "month",
            Capture::Day => "day",
            Capture::Weekday => "weekday",
            Capture::Decade => "decade",
            Capture::Rel => "rel",
            Capture::Unit => "unit",
            Capture::N => "n",
            Capture::Part => "part",
            Capture::Num => "num",
            Capture::Qualifier => "qualifier",
            Capture::From => "from",
            Capture::To => "to",
            Capture::Scale => "scale",
            Capture::Noun => "noun",
            Capture::Currency => "currency",
            Capture::Name => "name",
            Capture::Title => "title",
            Capture::Role => "role",
            Capture::Org => "org",
            Capture::Source => "source",
            Capture::Quarter => "quarter",
            Capture::Half => "half",
            Capture::Season => "season",
            Capture::Fiscal => "fiscal",
            Capture::EndYear => "end_year",
        }
    }

    pub(super) fn parse(name: &str) -> Option<Capture> {
        Capture::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Actor types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Org,
    Place,
}

impl ActorType {
    pub(super) fn parse(name: &str) -> Option<ActorType> {
        match name {
            "person" => Some(ActorType::Person),
            "org" => Some(ActorType::Org),
            "place" => Some(ActorType::Place),
            _ => None,
        }
    }
}

/// Where a topic rule looks for its keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicScope {
    /// Within a few words of the value (the default).
    Near,
    Clause,
    Sentence,
}

/// A compiled topic rule.
#[derive(Debug, Clone)]
pub struct TopicRule {
    pub id: String,
    pub label: String,
    pub kinds: Vec<String>,
    /// Lower-cased keywords.
    pub all: Vec<String>,
    pub any: Vec<String>,
    /// Where the keywords must be: near the value, in its clause, or in its sentence.
    pub scope: TopicScope,
    pub split_by_actor: bool,
}

/// A gazetteer entry.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub actor_type: ActorType,
}
