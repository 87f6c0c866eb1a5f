//! Command-line interface: argument definitions and the commands, printing only here.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use claimscan::output;
use claimscan::rules::{PackOptions, RuleErrors, RuleSet};
use claimscan::source;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "claimscan",
    version,
    about = "Who claims what, when, and where news sources disagree — with exact provenance."
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract dates, durations, percentages, numbers, money, actors and quotes from articles.
    Extract(ExtractArgs),
    /// Print the JSON Schema of the `extract` output.
    Schema,
}

#[derive(clap::Args)]
struct PackArgs {
    /// Add a rule pack folder on top of the embedded default pack (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    add: Vec<PathBuf>,
    /// Use only this rule pack folder, replacing the embedded default pack (repeatable).
    #[arg(long = "only-rules", value_name = "DIR")]
    replace: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files and folders to read; folders are walked in sorted order.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// File extensions to read inside folders (files named explicitly are always read).
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',', default_value = "txt,md")]
    extensions: Vec<String>,
    /// Resolve relative dates ("last week", "on the 11th") against this date instead of each
    /// article's own date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    reference_date: Option<jiff::civil::Date>,
    /// Do not print warnings about skipped or re-encoded files.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON document.
    Json,
    /// JSON Lines: one record per line, each with a "type".
    Jsonl,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    claimscan::normalize::parse_iso_date(text).ok_or_else(|| format!("`{text}` is not a date like 2025-06-12"))
}

/// Why a command failed (exit code 2).
pub enum Failure {
    Io(io::Error),
    Rules(RuleErrors),
    Usage(String),
}

impl Failure {
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "claimscan: error: {e}"),
            Failure::Rules(errors) => {
                let color = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                for error in &errors.0 {
                    writeln!(f, "{}", error.render(color))?;
                }
                write!(f, "claimscan: error: {errors}; nothing was written")
            }
            Failure::Usage(message) => write!(f, "claimscan: error: {message}"),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    match args.command {
        Command::Extract(args) => extract(args),
        Command::Schema => {
            let mut out = io::stdout().lock();
            out.write_all(claimscan::output::OUTPUT_SCHEMA.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_pack(pack: &PackArgs) -> Result<RuleSet, Failure> {
    RuleSet::load(&PackOptions { add: pack.add.clone(), replace: pack.replace.clone() }).map_err(Failure::Rules)
}

fn extract(args: ExtractArgs) -> Result<ExitCode, Failure> {
    let rules = load_pack(&args.pack)?;
    let inputs = source::discover(&args.paths, &args.extensions);
    if let Some((path, reason)) = inputs.problems.first() {
        return Err(Failure::Usage(format!("{}: {reason}", path.display())));
    }
    let report = claimscan::extract_files(&rules, &inputs.files, args.reference_date);
    if !args.quiet {
        let mut err = io::stderr().lock();
        for skipped in &report.skipped {
            let _ = writeln!(err, "claimscan: skipped {}: {}", skipped.path, skipped.reason);
        }
        for source in &report.sources {
            for warning in &source.warnings {
                let _ = writeln!(err, "claimscan: warning: {}: {warning}", source.path);
            }
        }
    }
    let mut bytes = Vec::new();
    match args.format {
        Format::Json => output::write_json(&report, &mut bytes)?,
        Format::Jsonl => output::write_jsonl(&report, &mut bytes)?,
    }
    match &args.output {
        Some(path) => output::write_atomic(path, &bytes)?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
