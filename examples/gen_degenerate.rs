//! Write the degenerate documents (one file per shape) to a folder, to time the CLI on each:
//!
//! ```text
//! cargo run --release --example gen_degenerate -- OUT_DIR [MB]
//! for f in OUT_DIR/*; do /usr/bin/time -v target/release/claimscan extract "$f" --format jsonl -o /tmp/out.jsonl; done
//! ```
//!
//! MB (per file) defaults to 3.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/corpus_gen.rs"]
mod corpus_gen;
#[path = "../benches/degenerate_gen.rs"]
mod degenerate_gen;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: gen_degenerate OUT_DIR [MB]");
        return ExitCode::from(2);
    };
    let mb = match args.get(1).map(|s| s.parse::<f64>()) {
        None => 3.0,
        Some(Ok(mb)) if mb > 0.0 => mb,
        Some(_) => {
            eprintln!("MB must be a positive number");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for shape in degenerate_gen::shapes((mb * 1_000_000.0) as usize, &corpus_gen::generate) {
        let path = dir.join(shape.name);
        if let Err(e) = std::fs::write(&path, &shape.text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{} {} bytes", path.display(), shape.text.len());
    }
    ExitCode::SUCCESS
}
