//! Write the benchmark's generated corpus to a folder, to time the CLI on it:
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [MB] [SEED]
//! /usr/bin/time -v target/release/claimscan extract OUT_DIR -o /tmp/out.json
//! ```
//!
//! MB defaults to 20 (1 MB = 1,000,000 bytes), SEED to the benchmark's seed, so
//! `gen_corpus DIR 20` writes exactly the corpus `cargo bench --bench extract` measures.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/corpus_gen.rs"]
mod corpus_gen;

const DEFAULT_SEED: u64 = 0x00C1_A135_CA17;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus OUT_DIR [MB] [SEED]";
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let mb = match args.get(1).map(|s| s.parse::<f64>()) {
        None => 20.0,
        Some(Ok(mb)) if mb > 0.0 => mb,
        Some(_) => {
            eprintln!("MB must be a positive number\n{usage}");
            return ExitCode::from(2);
        }
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => DEFAULT_SEED,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("SEED must be an unsigned integer\n{usage}");
            return ExitCode::from(2);
        }
    };
    if args.len() > 3 {
        eprintln!("{usage}");
        return ExitCode::from(2);
    }

    let corpus = corpus_gen::generate(seed, (mb * 1_000_000.0) as usize);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut bytes = 0;
    for (name, text) in &corpus {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        bytes += text.len();
    }
    println!(
        "wrote {} files, {bytes} bytes ({:.1} MB), seed {seed}, to {}",
        corpus.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    ExitCode::SUCCESS
}
