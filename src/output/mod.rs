//! Report → bytes: one JSON document, or JSON Lines with a `type` on every record; files are
//! written whole or not at all.

mod lines;
mod spool;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::pipeline::Report;

pub use lines::{source_jsonl, write_jsonl};
pub use spool::{Compared, Spool, SpoolFor, write_spooled_json, write_spooled_jsonl};

/// A JSON Lines record: the record's own fields plus its `type`.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    record_type: &'static str,
    #[serde(flatten)]
    record: &'a T,
}

pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// One JSON Lines record: `record`'s fields with a `type`, and a line break.
pub fn write_record<T: Serialize>(out: &mut impl Write, record_type: &'static str, record: &T) -> io::Result<()> {
    write_buffered(&mut Vec::new(), out, record_type, record)
}

/// [`write_record`] through `buffer`: the record is serialised into memory and written in one
/// call, not token by token through `out` (often a `dyn Write`).
fn write_buffered<T: Serialize>(
    buffer: &mut Vec<u8>,
    out: &mut impl Write,
    record_type: &'static str,
    record: &T,
) -> io::Result<()> {
    buffer.clear();
    serde_json::to_writer(&mut *buffer, &Tagged { record_type, record })?;
    buffer.push(b'\n');
    out.write_all(buffer)
}

/// How JSON Lines carry each claim's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sentences {
    /// Once per source, as a `sentence` record before the first claim in it; claims name it
    /// by `sentence_id`.
    #[default]
    Records,
    /// In full on every claim (the output of version 0.1).
    Full,
}

/// A sentence written once for the claims in it.
#[derive(Serialize)]
struct SentenceRecord<'a> {
    id: &'a str,
    source: &'a str,
    text: &'a str,
}

/// The first line of every JSON Lines output: which version wrote it (the JSON document's
/// `claimscan` field).
pub fn write_header(out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Header {
        claimscan: &'static str,
    }
    write_record(out, "header", &Header { claimscan: env!("CARGO_PKG_VERSION") })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file and a failed run leaves the old file in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], streaming: `write` fills the temporary file, which replaces `path`
/// only if it succeeds.
/// Writes through `write` to `path` whole or not at all, or to standard output when there is no
/// path.
pub fn write_to(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match path {
        Some(path) => write_atomic_with(path, write),
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
    }
}

pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output path has no file name"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = fs::File::create(&temp).and_then(|f| {
        let mut out = io::BufWriter::new(f);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    match result.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

/// JSON Schema of the `extract` output (`claimscan schema`).
pub const OUTPUT_SCHEMA: &str = include_str!("../../schema/output.schema.json");

/// JSON Schema of a rule file (`claimscan schema --rules`).
pub const RULES_SCHEMA: &str = include_str!("../../schema/rules.schema.json");
