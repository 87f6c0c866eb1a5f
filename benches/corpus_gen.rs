//! Deterministic generator of news-like articles for the speed benchmark.
//!
//! Every article is invented by template: made-up people, organisations and towns, mixed with
//! some real country names and news outlets, so the rule pack sees the shapes it is written
//! for (dates, percentages, money, durations, counts, titles, quotes, attributions, the modal
//! "may", non-ASCII punctuation, missing spaces after full stops, site boilerplate). Nothing is
//! copied from real articles. The same seed gives byte-identical output.
//!
//! Shared by `benches/extract.rs` and `examples/gen_corpus.rs` through `#[path]`/`mod`. Cargo
//! also builds this file as its own (libtest) bench target, where the tests below run.

/// Articles totalling at least `target_bytes` bytes of UTF-8 text, each 2–8 KB, as
/// `(file name, text)`. File names are unique, sort in generation order and end in `.txt`.
pub fn generate(seed: u64, target_bytes: usize) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let mut articles = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let (name, text) = article(&mut rng, articles.len());
        total += text.len();
        articles.push((name, text));
    }
    articles
}

const MIN_ARTICLE: usize = 2 * 1024;
const MAX_ARTICLE: usize = 8 * 1024;

/// SplitMix64: tiny, fast, and good enough to pick templates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform-ish in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FIRST_NAMES: &[&str] = &[
    "Marisol",
    "Tobias",
    "Ingrid",
    "Kofi",
    "Anneliese",
    "Ravi",
    "Hélène",
    "Joaquín",
    "Siobhan",
    "Tomasz",
    "Yuki",
    "Amara",
    "Bertrand",
    "Lena",
    "Oskar",
    "Priya",
    "Émile",
    "Nadia",
    "Callum",
    "Zoë",
    "Søren",
    "Imogen",
    "Desmond",
    "Farah",
    "Gideon",
    "Rosalind",
    "Matteo",
    "Ottilie",
    "Kwame",
    "Beatriz",
    "Linnea",
    "Cormac",
    "Aiyana",
    "Teodor",
];

const SURNAMES: &[&str] = &[
    "Haverford",
    "Okonjo",
    "Marchetti",
    "Brennick",
    "Castellano",
    "Renshaw",
    "Valcourt",
    "Ashgrove",
    "Delacroix",
    "Quillon",
    "Tremaine",
    "Vasquez-Hale",
    "Morrow",
    "Edevane",
    "Szabo",
    "Kettering",
    "Nakamura-Reid",
    "Oduya",
    "Pellegrin",
    "Strand",
    "Halloran",
    "Ferreira",
    "Abernathy",
    "Lindgren",
    "Mbeki-Cole",
    "Thorne",
    "Varga",
    "Duchêne",
];

const INSTITUTES: &[&str] = &[
    "Harrowgate Institute",
    "Institute for Coastal Economics",
    "Velmont Policy Centre",
    "Brightwater Institute",
    "Centre for Labour Studies",
    "Kessel Foundation",
];

const COMPANIES: &[&str] = &[
    "Northmere Shipping Group",
    "Kestrel Motors",
    "Bellhaven Energy",
    "Orrin Rail",
    "Tamsworth Foods",
    "Calder & Wynn",
    "Solvane Pharmaceuticals",
    "Greyport Logistics",
    "Umbra Data Systems",
    "Fairlight Holdings",
];

const UNIONS: &[&str] = &[
    "Federation of Port Workers",
    "United Rail and Transit Union",
    "Allied Nurses’ Association",
    "Growers’ Cooperative of the North",
    "Union of Public Employees",
];

const TOWNS: &[&str] = &[
    "Port Aldren",
    "Castleby",
    "Marrow Bay",
    "Lindenfeld",
    "Santa Oriel",
    "Vrellmouth",
    "Dunmore Heights",
    "Saint-Éloi",
    "Kirkhaven",
    "New Tessaly",
    "Ostrava Vale",
    "Brackwater",
];

const COUNTRIES: &[&str] = &[
    "Germany",
    "Brazil",
    "Japan",
    "Kenya",
    "Canada",
    "France",
    "India",
    "Australia",
    "Mexico",
    "South Korea",
    "Nigeria",
    "Poland",
    "Indonesia",
    "Chile",
    "Norway",
    "the United States",
    "the United Kingdom",
];

const OUTLETS: &[&str] = &[
    "Reuters",
    "Bloomberg",
    "the Associated Press",
    "the BBC",
    "The Guardian",
    "the Financial Times",
    "Al Jazeera",
    "Nikkei",
    "Xinhua",
    "Politico",
    "the Marrow Bay Courier",
    "FreightLine Weekly",
];

const PAPERS: &[&str] =
    &["The Kirkhaven Ledger", "Coastline Daily", "Brackwater Post", "The Vale Observer", "Newsdesk24"];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const NUMBER_WORDS: &[&str] = &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"];

const ROLES: &[&str] = &["researcher", "senior fellow", "economist", "policy analyst", "professor", "director"];

const EXEC_TITLES: &[&str] = &["chief executive", "spokesperson", "chief financial officer", "general secretary"];

const OFFICE_TITLES: &[&str] = &["Mayor", "Governor", "Senator", "Deputy Mayor", "Councillor"];

struct Topic {
    slug: &'static str,
    headline: &'static str,
    event: &'static str,
    group: &'static str,
    thing: &'static str,
    ministry: &'static str,
}

const TOPICS: &[Topic] = &[
    Topic {
        slug: "port-strike",
        headline: "Port strike",
        event: "strike",
        group: "dock workers",
        thing: "containers",
        ministry: "Transport",
    },
    Topic {
        slug: "vehicle-recall",
        headline: "Vehicle recall",
        event: "recall",
        group: "drivers",
        thing: "vehicles",
        ministry: "Industry",
    },
    Topic {
        slug: "tariff-talks",
        headline: "Tariff talks",
        event: "trade dispute",
        group: "exporters",
        thing: "shipments",
        ministry: "Trade",
    },
    Topic {
        slug: "flood-recovery",
        headline: "Flood recovery",
        event: "flooding",
        group: "residents",
        thing: "homes",
        ministry: "Interior",
    },
    Topic {
        slug: "hospital-funding",
        headline: "Hospital funding",
        event: "funding row",
        group: "nurses",
        thing: "hospital beds",
        ministry: "Health",
    },
    Topic {
        slug: "rail-merger",
        headline: "Rail merger",
        event: "merger",
        group: "commuters",
        thing: "passengers",
        ministry: "Transport",
    },
    Topic {
        slug: "harvest",
        headline: "Grain harvest",
        event: "drought",
        group: "farmers",
        thing: "tonnes of wheat",
        ministry: "Agriculture",
    },
    Topic {
        slug: "data-breach",
        headline: "Data breach",
        event: "breach",
        group: "customers",
        thing: "accounts",
        ministry: "Digital Affairs",
    },
    Topic {
        slug: "wildfire",
        headline: "Wildfire",
        event: "wildfire",
        group: "residents",
        thing: "hectares",
        ministry: "Environment",
    },
];

const QUOTES: &[&str] = &[
    "We will not accept a deal that leaves our members worse off",
    "This is about dignity, not just money",
    "Nobody wins when the whole town stands still",
    "We’ve been patient for far too long",
    "The numbers simply don’t add up",
    "Our offer is generous and it is final",
    "We are doing everything we can to keep people safe",
    "I have never seen anything like this in my career",
    "There is no quick fix here, and anyone who says otherwise is wrong",
    "We expect to be back to normal within weeks, not months",
    "This was a failure of planning, plain and simple",
    "Families deserve answers — and they deserve them now",
    "It’s a difficult situation for everyone involved",
];

const PHRASES: &[&str] = &[
    "a historic step",
    "deeply disappointing",
    "a betrayal of working families",
    "the only responsible choice",
    "reckless",
    "a good start",
    "far from over",
];

const TERMS: &[&str] = &["time bomb", "perfect storm", "wake-up call", "race to the bottom", "slow-motion crisis"];

const ADJECTIVES: &[&str] = &["alarming", "encouraging", "worse than expected", "broadly in line", "unprecedented"];

const ASIDES: &[&str] = &[
    "The ministry’s position — unchanged since the spring — remains firm.",
    "Officials declined to comment on the committee’s findings.",
    "The café owners’ association said trade had “all but vanished.”",
    "It’s unclear whether the agreement will hold — or for how long.",
    "Local businesses say they’re bracing for a long dispute.",
    "The régime of inspections — introduced years ago — was never fully funded.",
];

struct Person {
    first: &'static str,
    last: &'static str,
    pronoun: &'static str,
    /// "Transport Minister", "Northmere Shipping Group chief executive", …
    title: String,
    /// ", a researcher at the Harrowgate Institute" or empty.
    appositive: String,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

struct Ctx<'a> {
    topic: &'a Topic,
    people: Vec<Person>,
    company: &'static str,
    union: &'static str,
    institute: &'static str,
    town: &'static str,
    country: &'static str,
    year: u64,
    month: usize,
    day: u64,
}

fn article(rng: &mut Rng, index: usize) -> (String, String) {
    let topic = &TOPICS[rng.below(TOPICS.len())];
    let company = rng.pick(COMPANIES);
    let union = rng.pick(UNIONS);
    let institute = rng.pick(INSTITUTES);
    let mut people = Vec::new();
    for n in 0..rng.range(3, 5) {
        let title = match n {
            0 => format!("{} Minister", topic.ministry),
            1 => format!("{company} {}", rng.pick(EXEC_TITLES)),
            2 => format!("{union} {}", rng.pick(&["leader", "general secretary", "spokesperson"])),
            _ => rng.pick(OFFICE_TITLES).to_string(),
        };
        let appositive =
            if rng.chance(50) { format!(", a {} at the {institute}", rng.pick(ROLES)) } else { String::new() };
        people.push(Person {
            first: rng.pick(FIRST_NAMES),
            last: rng.pick(SURNAMES),
            pronoun: rng.pick(&["she", "he", "they"]),
            title,
            appositive,
        });
    }
    let ctx = Ctx {
        topic,
        people,
        company,
        union,
        institute,
        town: rng.pick(TOWNS),
        country: rng.pick(COUNTRIES),
        year: rng.range(2019, 2026),
        month: rng.below(12),
        day: rng.range(1, 28),
    };

    let budget = MIN_ARTICLE + rng.below(MAX_ARTICLE - MIN_ARTICLE);
    let footer = footer(rng, &ctx);
    let mut lines = vec![headline(rng, &ctx), byline(rng, &ctx)];
    let mut len: usize = lines.iter().map(|l| l.len() + 1).sum::<usize>() + footer.len();
    loop {
        let paragraph = paragraph(rng, &ctx);
        if len + paragraph.len() + 1 > MAX_ARTICLE {
            if len >= MIN_ARTICLE {
                break;
            }
            continue; // too long to fit; draw another
        }
        len += paragraph.len() + 1;
        lines.push(paragraph);
        if len >= budget {
            break;
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text.push_str(&footer);
    (format!("{index:05}-{}-{}.txt", topic.slug, slug(ctx.town)), text)
}

fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

fn headline(rng: &mut Rng, c: &Ctx) -> String {
    let t = c.topic;
    match rng.below(4) {
        0 => format!(
            "{} in {} enters {} week as talks stall",
            t.headline,
            c.town,
            rng.pick(&["second", "third", "fourth"])
        ),
        1 => format!("{} {}: what we know so far", c.town, t.headline.to_lowercase()),
        2 => format!("{} says {} will cost ‘billions’ — critics disagree", c.company, t.event),
        _ => format!("{}: {} hit as {} drags on", c.town, t.group, t.event),
    }
}

fn byline(rng: &mut Rng, c: &Ctx) -> String {
    let month = MONTHS[c.month];
    match rng.below(3) {
        0 => format!("By {} {} — {month} {}, {}", rng.pick(FIRST_NAMES), rng.pick(SURNAMES), c.day, c.year),
        1 => format!(
            "{}, {month} {}, {} ({}) — {}",
            c.town.to_uppercase(),
            c.day,
            c.year,
            rng.pick(&["Reuters", "AP", "AFP"]),
            sentence(rng, c)
        ),
        _ => format!(
            "Published: {}, {} {month} {} at {:02}:{:02}",
            rng.pick(WEEKDAYS),
            c.day,
            c.year,
            rng.range(6, 22),
            rng.range(0, 59)
        ),
    }
}

fn footer(rng: &mut Rng, c: &Ctx) -> String {
    let paper = rng.pick(PAPERS);
    let mut out = String::new();
    if rng.chance(60) {
        out.push_str("Share this:\nFacebook | X | Email\n");
    }
    if rng.chance(50) {
        out.push_str(&format!("Related: {}\n", headline(rng, c)));
    }
    if rng.chance(50) {
        out.push_str("Leave a Reply\nYour email address will not be published. Required fields are marked *\n");
    }
    if rng.chance(70) {
        out.push_str("Contact us: press@example.com, +1 (555) 014-2231\n");
    }
    out.push_str(&format!("© {} {paper}. All rights reserved.\n", c.year));
    out
}

fn paragraph(rng: &mut Rng, c: &Ctx) -> String {
    let n = rng.range(2, 5);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            // Sloppy copy: now and then the space after a full stop is missing.
            p.push_str(if rng.chance(4) { "" } else { " " });
        }
        p.push_str(&sentence(rng, c));
    }
    if p.is_ascii() && rng.chance(80) {
        p.push(' ');
        p.push_str(rng.pick(ASIDES));
    }
    p
}

fn person<'a>(rng: &mut Rng, c: &'a Ctx) -> &'a Person {
    &c.people[rng.below(c.people.len())]
}

fn sentence(rng: &mut Rng, c: &Ctx) -> String {
    let t = c.topic;
    match rng.below(22) {
        0 => format!(
            "On {}, the {} said that {} {} would join the {}.",
            full_date(rng, c),
            c.union,
            count(rng),
            t.group,
            t.event
        ),
        1 => {
            let p = person(rng, c);
            format!(
                "{} {} said {} that the {} had cost {}.",
                p.title,
                p.full(),
                weekday_phrase(rng),
                t.event,
                money(rng)
            )
        }
        2 => {
            let a = rng.range(10, 60);
            let b = a + rng.range(1, 30);
            format!(
                "Support for the plan rose from {a}% to {b}% in {}, according to a survey by the {}.",
                rng.pick(MONTHS),
                c.institute
            )
        }
        3 => format!(
            "{} of {} in {} backed the measure, {} reported.",
            capitalize(&percentage(rng)),
            t.group,
            c.town,
            rng.pick(OUTLETS)
        ),
        4 => format!(
            "{} reported that {} may cut {} jobs over the next {}.",
            capitalize(rng.pick(OUTLETS)),
            c.company,
            thousands(rng.range(120, 9_000)),
            duration(rng)
        ),
        5 => {
            let p = person(rng, c);
            format!("“{},” {} said.", rng.pick(QUOTES), p.last)
        }
        6 => {
            let p = person(rng, c);
            format!("“{},” said {}{}.", rng.pick(QUOTES), p.full(), p.appositive)
        }
        7 => {
            let p = person(rng, c);
            format!("\"{},\" {} told reporters in {}.", rng.pick(QUOTES), p.pronoun, c.town)
        }
        8 => {
            let p = person(rng, c);
            format!("{} said: “{}.”", p.last, rng.pick(QUOTES))
        }
        9 => {
            let p = person(rng, c);
            format!(
                "{} described the agreement as “{}” and called for {} in emergency funding.",
                p.last,
                rng.pick(PHRASES),
                money(rng)
            )
        }
        10 => format!("Critics have called the plan a ‘{}’.", rng.pick(TERMS)),
        11 => format!(
            "The {}-day {} has left {} {} stranded.",
            rng.range(3, 21),
            t.event,
            thousands(rng.range(200, 40_000)),
            t.thing
        ),
        12 => format!(
            "Not since the {}0s has {} seen {} on this scale.",
            rng.pick(&["197", "198", "199", "200"]),
            c.country,
            t.event
        ),
        13 => format!(
            "Last week, the {} Ministry said {} of affected {} had been cleared.",
            t.ministry,
            percentage(rng),
            t.thing
        ),
        14 => match rng.below(3) {
            0 => format!("The government may yet intervene, officials in {} said.", c.town),
            1 => format!("Talks may resume in {}, though no date has been set.", rng.pick(MONTHS)),
            _ => format!("The {} may face fines of up to {}.", c.company, money(rng)),
        },
        15 => {
            let a = rng.range(3, 14);
            format!(
                "Unemployment in {} stands at {a} per cent, up from {} per cent a year earlier.",
                c.town,
                a - rng.range(1, 2)
            )
        }
        16 => format!(
            "The {} has pledged €{}m to the recovery, while {} has offered {}.",
            c.union,
            rng.range(5, 900),
            c.country,
            money(rng)
        ),
        17 => {
            let p = person(rng, c);
            format!(
                "{}, a {} at the {}, said the figures were “{}.”",
                p.full(),
                rng.pick(ROLES),
                c.institute,
                rng.pick(ADJECTIVES)
            )
        }
        18 => format!(
            "Officials in {} and {} are watching the {} closely, according to {}.",
            c.country,
            rng.pick(COUNTRIES),
            t.event,
            rng.pick(OUTLETS)
        ),
        19 => format!(
            "A hearing is scheduled for {}-{:02}-{:02}, {} after the {} began.",
            c.year,
            rng.range(1, 12),
            rng.range(1, 28),
            duration(rng),
            t.event
        ),
        20 => format!(
            "{} {}, worth about {}, were delayed between {} and {}.",
            capitalize(&count(rng)),
            t.thing,
            money(rng),
            rng.pick(MONTHS),
            rng.pick(MONTHS)
        ),
        _ => {
            let p = person(rng, c);
            format!(
                "{} {}, who has led the {} since {}, said the {} would last at least {}.",
                p.title,
                p.full(),
                c.company,
                rng.range(1998, 2023),
                t.event,
                duration(rng)
            )
        }
    }
}

fn full_date(rng: &mut Rng, c: &Ctx) -> String {
    let month = MONTHS[c.month];
    match rng.below(3) {
        0 => format!("{month} {}, {}", c.day, c.year),
        1 => format!("{} {month} {}", c.day, c.year),
        _ => format!("{}, {month} {}", rng.pick(WEEKDAYS), c.day),
    }
}

fn weekday_phrase(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("on {}", rng.pick(WEEKDAYS)),
        1 => "last week".to_string(),
        2 => format!("in {}", rng.pick(MONTHS)),
        3 => "earlier this month".to_string(),
        _ => format!("last {}", rng.pick(WEEKDAYS)),
    }
}

fn percentage(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("over {}%", rng.range(50, 95)),
        1 => format!("{} per cent", rng.range(2, 80)),
        2 => format!("{}.{} percent", rng.range(1, 40), rng.range(1, 9)),
        3 => format!("nearly {}%", rng.range(10, 70)),
        _ => {
            let a = rng.range(5, 50);
            format!("between {a}% and {}%", a + rng.range(2, 30))
        }
    }
}

fn money(rng: &mut Rng) -> String {
    match rng.below(7) {
        0 => format!("${}.{} billion", rng.range(1, 40), rng.range(1, 9)),
        1 => format!("€{}m", rng.range(5, 900)),
        2 => format!("£{} million", rng.range(2, 500)),
        3 => format!("US${}.{}bn", rng.range(1, 12), rng.range(1, 9)),
        4 => format!("${},000", thousands(rng.range(10, 950))),
        5 => format!("¥{} billion", rng.range(10, 900)),
        _ => format!("{} million euros", rng.range(2, 300)),
    }
}

fn duration(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("{} months", rng.pick(NUMBER_WORDS)),
        1 => format!("{} weeks", rng.pick(NUMBER_WORDS)),
        2 => format!("{} hours", rng.range(12, 96)),
        3 => format!("{} days", rng.range(2, 30)),
        _ => "a decade".to_string(),
    }
}

fn count(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => thousands(rng.range(100, 20_000)),
        1 => format!("about {}", thousands(rng.range(1_000, 90_000))),
        2 => format!("more than {}", rng.range(20, 900)),
        _ => format!("{}.{} million", rng.range(1, 9), rng.range(1, 9)),
    }
}

fn thousands(n: u64) -> String {
    let mut out = n.to_string();
    let mut i = out.len();
    while i > 3 {
        i -= 3;
        out.insert(i, ',');
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    // Paths, not `use super::*`: the `extract` bench includes this file with `--cfg test` but
    // no test harness, so the tests are stripped there and an import would go unused.
    #[test]
    fn same_seed_same_bytes() {
        assert_eq!(super::generate(7, 300_000), super::generate(7, 300_000));
        assert_ne!(super::generate(7, 50_000), super::generate(8, 50_000));
    }

    #[test]
    fn sizes_and_names() {
        let corpus = super::generate(42, 1_000_000);
        let total: usize = corpus.iter().map(|(_, t)| t.len()).sum();
        assert!(total >= 1_000_000);
        for (name, text) in &corpus {
            assert!(name.ends_with(".txt"));
            assert!((super::MIN_ARTICLE..=super::MAX_ARTICLE).contains(&text.len()), "{name}: {} bytes", text.len());
        }
        let mut names: Vec<_> = corpus.iter().map(|(n, _)| n).collect();
        names.dedup();
        assert_eq!(names.len(), corpus.len());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(3200), "3,200");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
