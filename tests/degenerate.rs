//! Degenerate documents (small versions of the shapes in `benches/degenerate_gen.rs`): what
//! comes out of each is asserted, so making their cost linear does not change their output.
//! Full-size timings: `cargo run --release --example gen_degenerate -- DIR 3` and the README's
//! Performance section.

use std::collections::BTreeMap;
use std::path::Path;

use claimscan::{Claim, ClaimKind, Report, RuleSet};

#[path = "../benches/corpus_gen.rs"]
mod corpus_gen;
#[path = "../benches/degenerate_gen.rs"]
mod degenerate_gen;

const BYTES: usize = 12_000;

fn extract_each() -> BTreeMap<&'static str, (String, Report)> {
    let rules = RuleSet::default_pack().expect("the default pack compiles");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = BTreeMap::new();
    for shape in degenerate_gen::shapes(BYTES, &corpus_gen::generate) {
        let path = dir.path().join(shape.name);
        std::fs::write(&path, &shape.text).expect("write");
        let report = claimscan::extract_files(&rules, &[path], None);
        out.insert(shape.name, (shape.text, report));
    }
    out
}

fn of_kind(report: &Report, kind: ClaimKind) -> Vec<&Claim> {
    report.claims.iter().filter(|c| c.kind == kind).collect()
}

#[test]
fn degenerate_documents_give_what_they_hold() {
    let all = extract_each();
    for (name, (text, report)) in &all {
        assert_eq!(report.sources.len(), 1, "{name}");
        // Every claim's span is its text in the file, and its line and column point there.
        for c in &report.claims {
            let [start, end] = c.span;
            assert_eq!(&text[start..end], c.text, "{name}: {}", c.id);
            let line = text[..start].matches('\n').count() + 1;
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..start].chars().count() + 1;
            assert_eq!((c.line, c.column), (line, column), "{name}: {}", c.id);
        }
    }

    // A table of percentages: every cell, with its value.
    let (text, table) = &all["table.txt"];
    let rows: Vec<&str> = text.lines().collect();
    let percentages = of_kind(table, ClaimKind::Percentage);
    assert_eq!(percentages.len(), rows.len());
    for (n, c) in percentages.iter().enumerate() {
        assert_eq!(c.text, format!("{}.{}%", n % 97, n % 10), "row {n}");
    }

    // The same figures on one line, with no sentence end: every one, each in a bounded sentence.
    let (text, line) = &all["figures-one-line.txt"];
    let percentages = of_kind(line, ClaimKind::Percentage);
    assert_eq!(percentages.len(), text.split_whitespace().count());
    for (n, c) in percentages.iter().enumerate() {
        assert_eq!(c.text, format!("{}.{}%", n % 97, n % 10), "figure {n}");
        assert!(c.sentence.len() <= claimscan::segment::MAX_SENTENCE, "{}", c.sentence.len());
    }

    // Thousands of short quotes: each one, spoken by Jane Doe.
    let (text, said) = &all["said.txt"];
    let quotes = of_kind(said, ClaimKind::Quote);
    assert_eq!(quotes.len(), text.matches('“').count());
    assert!(quotes.iter().all(|q| q.value == "a" && q.speaker.as_deref() == Some("Jane Doe")));

    // Nothing to find in quote marks alone, or in capitalised words alone.
    for name in ["quote-marks.txt", "capitals.txt"] {
        assert!(all[name].1.claims.is_empty(), "{name}: {:?}", all[name].1.claims.first());
    }

    // A page on one line holds the same claims as the same text in paragraphs.
    let values = |r: &Report| {
        let mut v: Vec<(ClaimKind, String)> = r.claims.iter().map(|c| (c.kind, c.value.to_string())).collect();
        v.sort();
        v
    };
    let (feed, line) = (&all["feed.txt"].1, &all["one-line.txt"].1);
    assert!(feed.claims.len() > 100, "{}", feed.claims.len());
    assert_eq!(values(feed), values(line));
    assert!(Path::new(&line.sources[0].path).ends_with("one-line.txt"));
}
