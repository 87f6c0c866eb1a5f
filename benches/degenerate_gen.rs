//! Degenerate documents: shapes a user's odd file (or a hostile one) may take, each one file of
//! about `bytes` bytes. Cost per document must stay linear in its size whatever the shape.
//!
//! Used by `examples/gen_degenerate.rs` (full size, to time the CLI), `tests/degenerate.rs`
//! (small versions, output asserted) and `benches/extract.rs`.

#![allow(dead_code)]

/// One shape: a file name and its text.
pub struct Shape {
    pub name: &'static str,
    pub text: String,
}

const FOOTER: [&str; 5] = ["Share this:", "Related:", "Leave a Reply", "Contact us:", "©"];
const SEED: u64 = 0x00C1_A135_CA17;

/// Ordinary news text of about `bytes` bytes: generated articles one after another, each
/// without its footer (a footer ends an article: what follows it would be boilerplate).
fn news(bytes: usize, generate: &dyn Fn(u64, usize) -> Vec<(String, String)>) -> String {
    let mut text = String::with_capacity(bytes + 10_000);
    let mut seed = SEED;
    while text.len() < bytes {
        for (_, article) in generate(seed, (bytes - text.len()).max(20_000)) {
            for line in article.lines() {
                if FOOTER.iter().any(|f| line.starts_with(f)) {
                    break;
                }
                text.push_str(line);
                text.push('\n');
            }
            text.push('\n');
            if text.len() >= bytes {
                break;
            }
        }
        seed += 1;
    }
    text
}

fn repeat_to(unit: impl Fn(usize) -> String, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 100);
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(&unit(n));
        n += 1;
    }
    text
}

/// Every shape at about `bytes` bytes; `generate` is the corpus generator
/// (`corpus_gen::generate`), the source of ordinary news text.
pub fn shapes(bytes: usize, generate: &dyn Fn(u64, usize) -> Vec<(String, String)>) -> Vec<Shape> {
    let feed = news(bytes, generate);
    vec![
        // A scraped page: ordinary words on a single line.
        Shape { name: "one-line.txt", text: feed.split_whitespace().collect::<Vec<_>>().join(" ") },
        // A table of percentages, one figure per cell.
        Shape { name: "table.txt", text: repeat_to(|n| format!("| {} | {}.{}% |\n", n, n % 97, n % 10), bytes) },
        // The same figures run together on one line: no sentence end anywhere.
        Shape { name: "figures-one-line.txt", text: repeat_to(|n| format!("{}.{}% ", n % 97, n % 10), bytes) },
        // Thousands of short quotes, all by one speaker.
        Shape { name: "said.txt", text: repeat_to(|_| "“a ” said Jane Doe. ".to_string(), bytes) },
        // Only quote marks.
        Shape {
            name: "quote-marks.txt", text: repeat_to(|n| ["“", "”", "\"", "‘", "’"][n % 5].to_string(), bytes)
        },
        // Only capitalised words: every token a name candidate.
        Shape {
            name: "capitals.txt",
            text: repeat_to(|n| format!("{} ", ["Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma"][n % 6]), bytes),
        },
        // A feed dump: tens of thousands of ordinary news sentences in one file.
        Shape { name: "feed.txt", text: feed },
    ]
}
