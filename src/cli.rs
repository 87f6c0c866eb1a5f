//! Command-line interface: argument definitions and the commands, printing only here.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use claimscan::rules::{PackOptions, RuleErrors, RuleSet};
use claimscan::{Report, output, pipeline, ruletest, source};
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
    /// Compare two sources (files, folders, or claim files written by `extract`) topic by topic.
    Diff(DiffArgs),
    /// Recompute conflicts and corroborations from claim files written earlier (JSON or JSONL).
    Conflicts(ConflictsArgs),
    /// Rule packs: check that they load.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Run every rule's examples and the pack's case files against their snapshots.
    Test(TestArgs),
    /// Show, for each claim in a file (or on one line of it), which rule found it and why.
    Explain(ExplainArgs),
    /// Print the JSON Schema of the `extract` output (or, with --rules, of a rule file).
    Schema {
        /// The schema of rule files instead, for editors (Taplo / Even Better TOML).
        #[arg(long)]
        rules: bool,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Parse and validate rule packs on top of the default pack (./rules in a checkout when no
    /// folder is given); report every error with file:line:column and a caret. Exit 2 on errors.
    Check {
        /// Rule pack folders to check (with the default pack they build on).
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct TestArgs {
    /// Rule pack folders to test, with the default pack they build on (default: ./rules in a
    /// checkout, cases in its tests/ folder).
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Accept every changed snapshot.
    #[arg(long)]
    update: bool,
    /// Accept or reject changed snapshots one by one (on a terminal).
    #[arg(long, conflicts_with = "update")]
    review: bool,
    /// Only rules and case files whose id or name contains this text.
    #[arg(long, value_name = "TEXT", default_value = "")]
    filter: String,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// An article, optionally with a line: story.txt:12
    #[arg(value_name = "FILE[:LINE]")]
    target: String,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(clap::Args)]
struct InputArgs {
    /// File extensions to read inside folders (files named explicitly are always read).
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',', default_value = "txt,md")]
    extensions: Vec<String>,
    /// Resolve relative dates ("last week", "on the 11th") against this date instead of each
    /// article's own date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    reference_date: Option<jiff::civil::Date>,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// First side: an article, a folder of articles, or a .json/.jsonl claim file.
    a: PathBuf,
    /// Second side, likewise.
    b: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// Aligned, coloured on a terminal unless NO_COLOR is set.
    Text,
    Json,
}

#[derive(clap::Args)]
struct ConflictsArgs {
    /// Claim files written by `claimscan extract` (JSON or JSON Lines).
    #[arg(required = true, value_name = "CLAIMS")]
    files: Vec<PathBuf>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// JSON Lines: each sentence once per source as a `sentence` record that claims name by
    /// `sentence_id` (records), or in full on every claim (full).
    #[arg(long, value_enum, default_value_t = SentenceMode::Records)]
    sentences: SentenceMode,
    #[command(flatten)]
    pack: PackArgs,
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
    /// JSON Lines: each sentence once per source as a `sentence` record that claims name by
    /// `sentence_id` (records), or in full on every claim (full).
    #[arg(long, value_enum, default_value_t = SentenceMode::Records)]
    sentences: SentenceMode,
    #[command(flatten)]
    input: InputArgs,
    /// Do not print warnings about skipped or re-encoded files.
    #[arg(short, long)]
    quiet: bool,
    /// Extract only: no comparison and no linking of names across sources (the map step of a
    /// sharded run; `claimscan conflicts` compares the files afterwards). With `--format jsonl`
    /// each file's records are written as soon as it is read, in memory independent of the
    /// folder's size.
    #[arg(long)]
    no_compare: bool,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum SentenceMode {
    /// Once per source, as a `sentence` record.
    Records,
    /// In full on every claim.
    Full,
}

impl SentenceMode {
    fn output(self) -> output::Sentences {
        match self {
            SentenceMode::Records => output::Sentences::Records,
            SentenceMode::Full => output::Sentences::Full,
        }
    }
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
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
        Command::Diff(args) => diff(args),
        Command::Conflicts(args) => conflicts(args),
        Command::Rules(RulesCommand::Check { dirs }) => rules_check(&dirs),
        Command::Test(args) => test(args),
        Command::Explain(args) => explain(args),
        Command::Schema { rules } => {
            let schema = if rules { claimscan::output::RULES_SCHEMA } else { claimscan::output::OUTPUT_SCHEMA };
            let mut out = io::stdout().lock();
            out.write_all(schema.as_bytes())?;
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
    match (args.format, args.no_compare) {
        (Format::Jsonl, true) => return extract_streaming(&rules, &args),
        (_, false) => return extract_spooled(&rules, &args),
        (Format::Json, true) => {}
    }
    let progress = Progress::new(args.quiet);
    let report = extract_paths_with(&rules, &args.paths, &args.input, !args.no_compare, &progress)?;
    if !args.quiet {
        warn(&report.skipped, &report.sources);
    }
    emit(report, args.format, args.sentences.output(), args.output.as_deref())
}

/// Reads articles from files and folders; a missing path is a usage error.
fn extract_paths(rules: &RuleSet, paths: &[PathBuf], input: &InputArgs) -> Result<Report, Failure> {
    extract_paths_with(rules, paths, input, true, &Progress::hidden())
}

/// Reads and extracts the inputs, comparing them when `compare`, with progress shown.
fn extract_paths_with(
    rules: &RuleSet,
    paths: &[PathBuf],
    input: &InputArgs,
    compare: bool,
    progress: &Progress,
) -> Result<Report, Failure> {
    let inputs = source::discover(paths, &input.extensions);
    if let Some((path, reason)) = inputs.problems.first() {
        return Err(Failure::Usage(format!("{}: {reason}", path.display())));
    }
    progress.start(inputs.files.len());
    let mut report = claimscan::pipeline::extract_files_observed(rules, &inputs.files, input.reference_date, |done| {
        progress.file(done.as_ref().ok().map(|(source, claims)| (source.bytes, claims.len())))
    });
    if compare {
        progress.comparing(report.claims.len());
        claimscan::pipeline::compare_report(rules, &mut report);
    }
    progress.finish();
    Ok(report)
}

/// Progress on stderr (files, MB, claims, rate) while a long run goes on: drawn only when
/// stderr is a terminal and `-q` was not given, so pipes and logs stay clean.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    bytes: std::cell::Cell<u64>,
    claims: std::cell::Cell<u64>,
}

impl Progress {
    fn hidden() -> Progress {
        Progress { bar: None, bytes: Default::default(), claims: Default::default() }
    }

    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        Progress { bar: Some(bar), ..Progress::hidden() }
    }

    fn start(&self, files: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(files as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_msg} [{elapsed_precise}]")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    /// One more file done: its size and claim count, or `None` if it was skipped.
    fn file(&self, done: Option<(usize, usize)>) {
        let Some(bar) = &self.bar else { return };
        if let Some((bytes, claims)) = done {
            self.bytes.set(self.bytes.get() + bytes as u64);
            self.claims.set(self.claims.get() + claims as u64);
        }
        bar.inc(1);
        let mb = self.bytes.get() as f64 / 1e6;
        let rate = mb / bar.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{mb:.1} MB, {} claims, {rate:.1} MB/s", self.claims.get()));
    }

    fn comparing(&self, claims: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("comparing {claims} claims…"));
        }
    }

    /// Runs `f` (which prints to stderr) with the bar cleared, then draws it again.
    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn warn(skipped: &[pipeline::Skipped], sources: &[pipeline::SourceRecord]) {
    let mut err = io::stderr().lock();
    for skipped in skipped {
        let _ = writeln!(err, "claimscan: skipped {}: {}", skipped.path, skipped.reason);
    }
    for source in sources {
        for warning in &source.warnings {
            let _ = writeln!(err, "claimscan: warning: {}: {warning}", source.path);
        }
    }
}

/// Streams a report to a file (atomically) or stdout; exit 1 if inputs were skipped.
/// `extract --no-compare --format jsonl`: each file's source and claim records are written as
/// soon as its batch is extracted; skipped files are listed at the end.
fn extract_streaming(rules: &RuleSet, args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let inputs = source::discover(&args.paths, &args.input.extensions);
    if let Some((path, reason)) = inputs.problems.first() {
        return Err(Failure::Usage(format!("{}: {reason}", path.display())));
    }
    let mut skipped = Vec::new();
    let progress = Progress::new(args.quiet);
    progress.start(inputs.files.len());
    let mode = args.sentences.output();
    // A file's records are serialised on the worker threads; this thread only writes them.
    let render = |result: pipeline::Extracted| {
        result.map(|(source, claims)| {
            let count = claims.len();
            let records = output::source_jsonl(&source, claims, mode);
            (source, count, records)
        })
    };
    let mut write = |out: &mut dyn Write| -> io::Result<()> {
        let mut out = out;
        output::write_header(&mut out)?;
        let write_file = |result: Result<(pipeline::SourceRecord, usize, io::Result<Vec<u8>>), pipeline::Skipped>| {
            match result {
                Ok((source, claims, records)) => {
                    progress.file(Some((source.bytes, claims)));
                    if !args.quiet && !source.warnings.is_empty() {
                        progress.suspend(|| {
                            let mut err = io::stderr().lock();
                            for warning in &source.warnings {
                                let _ = writeln!(err, "claimscan: warning: {}: {warning}", source.path);
                            }
                        });
                    }
                    out.write_all(&records?)?;
                }
                Err(skip) => {
                    progress.file(None);
                    skipped.push(skip);
                }
            }
            Ok::<(), io::Error>(())
        };
        pipeline::extract_each_rendered(rules, &inputs.files, args.input.reference_date, render, write_file)?;
        for skip in &skipped {
            output::write_record(&mut out, "skipped", skip)?;
        }
        Ok(())
    };
    output::write_to(args.output.as_deref(), &mut write)?;
    progress.finish();
    if !args.quiet {
        let mut err = io::stderr().lock();
        for skip in &skipped {
            let _ = writeln!(err, "claimscan: skipped {}: {}", skip.path, skip.reason);
        }
    }
    Ok(if skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `extract` with comparison: each file's claims go to a scratch file next to the output as
/// soon as its batch is extracted, and only their compact records stay in memory for
/// comparison; the output (JSON Lines or the JSON document) is written from the scratch file
/// once the folder is compared, the same bytes as from a report held whole.
fn extract_spooled(rules: &RuleSet, args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let inputs = source::discover(&args.paths, &args.input.extensions);
    if let Some((path, reason)) = inputs.problems.first() {
        return Err(Failure::Usage(format!("{}: {reason}", path.display())));
    }
    let progress = Progress::new(args.quiet);
    progress.start(inputs.files.len());
    let (dir, name) = match args.output.as_deref() {
        Some(path) => (
            path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new(".")).to_path_buf(),
            path.file_name().map_or("claimscan".into(), |n| n.to_string_lossy().into_owned()),
        ),
        None => (std::env::temp_dir(), "claimscan".to_string()),
    };
    let format = match args.format {
        Format::Jsonl => output::SpoolFor::Lines(args.sentences.output()),
        Format::Json => output::SpoolFor::Document,
    };
    let mut spool = output::Spool::create(&dir, &name, format)?;
    let (mut sources, mut skipped, mut records) = (Vec::new(), Vec::new(), Vec::new());
    let mut names = claimscan::compare::Names::default();
    // A file's claims are rendered for the scratch file on the worker threads.
    let render = |result: pipeline::Extracted| {
        result.map(|(source, claims)| {
            let lines = output::Spool::render(&claims, format);
            (source, claims, lines)
        })
    };
    pipeline::extract_each_rendered(rules, &inputs.files, args.input.reference_date, render, |result| {
        match result {
            Ok((source, claims, lines)) => {
                progress.file(Some((source.bytes, claims.len())));
                spool.push(&lines?, claims.len())?;
                records.extend(claimscan::compare::Record::all(&claims, &mut names));
                sources.push(source);
            }
            Err(skip) => {
                progress.file(None);
                skipped.push(skip);
            }
        }
        Ok::<(), io::Error>(())
    })?;
    drop(names);
    progress.comparing(records.len());
    claimscan::compare::link_records(&mut records);
    let comparison = claimscan::compare::compare_records(rules, &mut records);
    let compared =
        output::Compared { sources: &sources, records: &records, comparison: &comparison, skipped: &skipped };
    let mut write = |mut out: &mut dyn Write| match args.format {
        Format::Jsonl => output::write_spooled_jsonl(&compared, &mut spool, &mut out),
        Format::Json => output::write_spooled_json(&compared, &mut spool, &mut out),
    };
    output::write_to(args.output.as_deref(), &mut write)?;
    progress.finish();
    if !args.quiet {
        warn(&skipped, &sources);
    }
    Ok(if skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn emit(
    report: Report,
    format: Format,
    sentences: output::Sentences,
    output: Option<&std::path::Path>,
) -> Result<ExitCode, Failure> {
    let report = &report;
    let write = |mut out: &mut dyn Write| match format {
        Format::Json => output::write_json(report, &mut out),
        Format::Jsonl => output::write_jsonl(report, sentences, &mut out),
    };
    output::write_to(output, write)?;
    Ok(if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_out(bytes: &[u8], output: Option<&std::path::Path>) -> Result<(), Failure> {
    match output {
        Some(path) => output::write_atomic(path, bytes)?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn conflicts(args: ConflictsArgs) -> Result<ExitCode, Failure> {
    let rules = load_pack(&args.pack)?;
    let reports = args
        .files
        .iter()
        .map(|path| pipeline::read_report(path).map_err(|e| Failure::Usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let report = pipeline::combine(&rules, reports);
    emit(report, args.format, args.sentences.output(), args.output.as_deref())
}

/// One side of a diff: a claim file is read, anything else extracted.
fn diff_side(rules: &RuleSet, path: &std::path::Path, input: &InputArgs) -> Result<Report, Failure> {
    let claim_file = path.is_file() && path.extension().is_some_and(|e| e == "json" || e == "jsonl");
    if claim_file {
        pipeline::read_report(path).map_err(|e| Failure::Usage(e.to_string()))
    } else {
        extract_paths(rules, &[path.to_path_buf()], input)
    }
}

fn diff(args: DiffArgs) -> Result<ExitCode, Failure> {
    let rules = load_pack(&args.pack)?;
    let a = diff_side(&rules, &args.a, &args.input)?;
    let b = diff_side(&rules, &args.b, &args.input)?;
    let result = claimscan::diff::diff(&rules, a, b);
    let mut bytes = Vec::new();
    match args.format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &result).map_err(io::Error::from)?;
            bytes.push(b'\n');
        }
        DiffFormat::Text => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            bytes = render_diff(&result, color).into_bytes();
        }
    }
    write_out(&bytes, None)?;
    Ok(ExitCode::SUCCESS)
}

/// The human-readable diff: one section per status, entries aligned, sentences under the
/// values that differ.
fn render_diff(diff: &claimscan::diff::Diff, color: bool) -> String {
    use claimscan::diff::Status;
    use std::fmt::Write as _;
    let paint = |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() };
    // What each side says: the words as written, or for a title the title itself.
    let values = |kind: &str, sides: &[claimscan::compare::Side]| {
        let mut seen: Vec<String> = Vec::new();
        for s in sides {
            let shown = match (kind, s.value.as_str()) {
                ("title", Some(title)) => title.to_string(),
                _ => s.text.clone(),
            };
            if !seen.contains(&shown) {
                seen.push(shown);
            }
        }
        seen.join(" / ")
    };
    let mut out = String::new();
    let _ = writeln!(out, "A: {}", diff.a.join(", "));
    let _ = writeln!(out, "B: {}", diff.b.join(", "));
    let width = diff.entries.iter().map(|e| e.label.chars().count()).max().unwrap_or(0).min(48);
    for (status, title, code) in [
        (Status::Different, "Different", "31"),
        (Status::Same, "Same in both", "32"),
        (Status::OnlyA, "Only in A", "33"),
        (Status::OnlyB, "Only in B", "36"),
    ] {
        let entries: Vec<_> = diff.entries.iter().filter(|e| e.status == status).collect();
        let _ = writeln!(out, "\n{} ({})", paint(&format!("1;{code}"), title), entries.len());
        for e in entries {
            let label: String = e.label.chars().take(width).collect();
            let a = if e.a.is_empty() { "—".to_string() } else { values(&e.kind, &e.a) };
            let b = if e.b.is_empty() { "—".to_string() } else { values(&e.kind, &e.b) };
            let _ =
                writeln!(out, "  {:<10} {:<width$}  A: {}   B: {}", e.kind, label, paint(code, &a), paint(code, &b));
            if status == Status::Different {
                for (side, name) in [(&e.a, "A"), (&e.b, "B")] {
                    if let Some(s) = side.first() {
                        let _ = writeln!(out, "  {:<10} {:<width$}  {name}: {}", "", "", s.sentence);
                    }
                }
            }
        }
    }
    out
}

/// The pack folders a rule command works on: those given, else `./rules` when run in a
/// checkout (so edits count without a rebuild), else none (the embedded pack alone).
fn pack_dirs(dirs: &[PathBuf]) -> Vec<PathBuf> {
    if dirs.is_empty() && std::path::Path::new("rules").is_dir() { vec![PathBuf::from("rules")] } else { dirs.to_vec() }
}

/// The embedded pack with `dirs` on top of it.
fn pack_for(dirs: &[PathBuf]) -> Result<RuleSet, Failure> {
    RuleSet::load(&PackOptions { add: dirs.to_vec(), replace: Vec::new() }).map_err(Failure::Rules)
}

fn rules_check(dirs: &[PathBuf]) -> Result<ExitCode, Failure> {
    let rules = pack_for(&pack_dirs(dirs))?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "ok: {} files, {} rules, {} gazetteer actors, {} topics",
        rules.files.len(),
        rules.rules.len(),
        rules.actors.len(),
        rules.topics.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Exit 0 when every example and case passes, 1 when some fail, 2 when the pack is broken.
fn test(args: TestArgs) -> Result<ExitCode, Failure> {
    let packs = pack_dirs(&args.dirs);
    let rules = pack_for(&packs)?;
    let mut outcome = ruletest::Outcome::default();
    ruletest::run_examples(&rules, &args.filter, &mut outcome);
    ruletest::run_cases(&rules, &packs, &args.filter, &mut outcome);
    let mut out = io::stdout().lock();
    for failure in &outcome.failures {
        writeln!(out, "FAIL {}: {}", failure.name, failure.message)?;
    }
    let interactive = args.review && io::stdin().is_terminal();
    let mut pending = 0;
    for change in &outcome.changed {
        let what = if change.expected.is_none() { "new snapshot" } else { "snapshot changed" };
        writeln!(out, "{what}: {}\n{}", change.case.display(), ruletest::unified_diff(change))?;
        let accept = args.update || (interactive && ask(&mut out, "accept this snapshot? [y/N] ")?);
        if accept {
            ruletest::accept(change)?;
            writeln!(out, "accepted {}", change.snapshot.display())?;
        } else {
            pending += 1;
        }
    }
    writeln!(
        out,
        "{} examples, {} cases: {} failed, {} snapshots to review{}",
        outcome.examples_run,
        outcome.cases_run,
        outcome.failures.len(),
        pending,
        if pending > 0 { " (claimscan test --update accepts them, --review one by one)" } else { "" }
    )?;
    Ok(if outcome.failures.is_empty() && pending == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn ask(out: &mut impl Write, question: &str) -> io::Result<bool> {
    write!(out, "{question}")?;
    out.flush()?;
    let mut answer = String::new();
    io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn explain(args: ExplainArgs) -> Result<ExitCode, Failure> {
    let rules = load_pack(&args.pack)?;
    let (path, line) = match args.target.rsplit_once(':') {
        Some((path, line)) if line.parse::<usize>().is_ok() => (PathBuf::from(path), line.parse::<usize>().ok()),
        _ => (PathBuf::from(&args.target), None),
    };
    let report = extract_paths(&rules, std::slice::from_ref(&path), &args.input)?;
    let mut out = io::stdout().lock();
    for claim in report.claims.iter().filter(|c| line.is_none_or(|l| c.line == l)) {
        writeln!(out, "{}", claimscan::explain::explain(&rules, claim))?;
    }
    Ok(ExitCode::SUCCESS)
}
