//! Files → documents: finding articles on disk and decoding them without losing byte positions.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use walkdir::WalkDir;

/// One article, decoded to UTF-8, that can still map every text offset back to the bytes on disk.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    /// Size of the file on disk, in bytes.
    pub disk_len: usize,
    /// Name of the encoding the file was decoded from.
    pub encoding: &'static str,
    pub warnings: Vec<String>,
    offsets: DiskOffsets,
}

/// How text offsets relate to disk offsets: a constant shift (UTF-8, maybe after a BOM) or,
/// for transcoded files, a table with one disk offset per text byte (plus one past the end).
#[derive(Debug, Clone)]
enum DiskOffsets {
    Shift(usize),
    Table(Vec<usize>),
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    #[error("binary file (contains NUL bytes), skipped")]
    Binary,
}

impl Document {
    /// Decodes an article: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: &[u8]) -> Result<Document, SourceError> {
        let path = path.into();
        let mut warnings = Vec::new();
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            if encoding == UTF_16LE || encoding == UTF_16BE {
                let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
                if had_errors {
                    warnings.push("malformed UTF-16: bad code units replaced with U+FFFD".into());
                }
                let text = text.into_owned();
                let table = offset_table(&text, bom_len, |c| c.len_utf16() * 2);
                return Ok(Document::new(path, text, bytes.len(), encoding.name(), warnings, table));
            }
            if let Ok(text) = std::str::from_utf8(&bytes[bom_len..]) {
                let doc = Document {
                    path,
                    text: text.to_owned(),
                    disk_len: bytes.len(),
                    encoding: "UTF-8",
                    warnings,
                    offsets: DiskOffsets::Shift(bom_len),
                };
                return Ok(doc);
            }
        }
        if bytes.contains(&0) {
            return Err(SourceError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Document {
                path,
                text: text.to_owned(),
                disk_len: bytes.len(),
                encoding: "UTF-8",
                warnings,
                offsets: DiskOffsets::Shift(0),
            }),
            Err(err) => {
                let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
                warnings.push(format!(
                    "not valid UTF-8 (first bad byte at {}); decoded as Windows-1252",
                    err.valid_up_to()
                ));
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes[bom_len..]);
                let text = text.into_owned();
                // Windows-1252 maps every byte to exactly one character.
                let table = offset_table(&text, bom_len, |_| 1);
                Ok(Document::new(path, text, bytes.len(), "windows-1252", warnings, table))
            }
        }
    }

    /// Reads and decodes a file.
    pub fn read(path: &Path) -> Result<Document, SourceError> {
        let bytes = fs::read(path)?;
        Document::from_bytes(path, &bytes)
    }

    fn new(
        path: PathBuf,
        text: String,
        disk_len: usize,
        encoding: &'static str,
        warnings: Vec<String>,
        table: Vec<usize>,
    ) -> Document {
        Document { path, text, disk_len, encoding, warnings, offsets: DiskOffsets::Table(table) }
    }

    /// Maps a byte offset in `text` to the byte offset in the file on disk.
    pub fn disk_offset(&self, text_offset: usize) -> usize {
        match &self.offsets {
            DiskOffsets::Shift(shift) => text_offset + shift,
            DiskOffsets::Table(table) => table.get(text_offset).or(table.last()).copied().unwrap_or(0),
        }
    }

    /// Maps a text range to the byte range on disk.
    pub fn disk_span(&self, span: &Range<usize>) -> [usize; 2] {
        [self.disk_offset(span.start), self.disk_offset(span.end)]
    }
}

/// One disk offset per UTF-8 byte of `text`, plus the end offset.
fn offset_table(text: &str, start: usize, disk_width: impl Fn(char) -> usize) -> Vec<usize> {
    let mut table = Vec::with_capacity(text.len() + 1);
    let mut disk = start;
    for c in text.chars() {
        table.extend(std::iter::repeat_n(disk, c.len_utf8()));
        disk += disk_width(c);
    }
    table.push(disk);
    table
}

/// What walking the inputs found: files to read, in a stable order, and paths that did not exist.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(PathBuf, String)>,
}

/// Name of a file that lists, one per line, names (or `*.ext` patterns) to skip in its folder
/// and below: notes and expectation files that live beside articles.
pub const IGNORE_FILE: &str = ".claimscanignore";

/// Walks files and folders. Files named explicitly are always taken; inside folders only files
/// with one of `extensions` (case-insensitive) are, hidden entries and names listed in a
/// `.claimscanignore` skipped, sorted by name.
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> Inputs {
    let mut inputs = Inputs::default();
    for root in paths {
        if root.is_file() {
            inputs.files.push(root.clone());
            continue;
        }
        if !root.exists() {
            inputs.problems.push((root.clone(), "no such file or directory".into()));
            continue;
        }
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        let ignored = ignore_patterns(root);
        for entry in walker {
            match entry {
                Ok(entry)
                    if entry.file_type().is_file()
                        && has_extension(entry.path(), extensions)
                        && !ignored.iter().any(|p| matches_pattern(p, &entry.file_name().to_string_lossy())) =>
                {
                    inputs.files.push(entry.into_path());
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    inputs.problems.push((path, err.to_string()));
                }
            }
        }
    }
    inputs
}

/// Patterns from the `.claimscanignore` at the top of a walked folder.
fn ignore_patterns(root: &Path) -> Vec<String> {
    fs::read_to_string(root.join(IGNORE_FILE))
        .map(|text| {
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
        })
        .unwrap_or_default()
}

/// `NAME` matches that file name, `*SUFFIX` any name ending so, `PREFIX*` any name starting so.
fn matches_pattern(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(suffix), _) => name.ends_with(suffix),
        (_, Some(prefix)) => name.starts_with(prefix),
        _ => pattern == name,
    }
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions.iter().any(|want| want.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_offsets_point_at_disk_bytes() {
        // "café “x”" in Windows-1252: é = E9, “ = 93, ” = 94.
        let bytes = b"caf\xE9 \x93x\x94";
        let doc = Document::from_bytes("t.txt", bytes).unwrap();
        assert_eq!(doc.text, "café “x”");
        assert_eq!(doc.encoding, "windows-1252");
        let x = doc.text.find('x').unwrap();
        assert_eq!(doc.disk_offset(x), 6);
        assert_eq!(doc.disk_offset(doc.text.len()), bytes.len());
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn utf8_bom_shifts_offsets() {
        let doc = Document::from_bytes("t.txt", b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(doc.text, "abc");
        assert_eq!(doc.disk_offset(1), 4);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes = b"\xFF\xFEa\x00b\x00";
        let doc = Document::from_bytes("t.txt", bytes).unwrap();
        assert_eq!(doc.text, "ab");
        assert_eq!(doc.disk_offset(1), 4);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(Document::from_bytes("t.bin", b"ab\0cd"), Err(SourceError::Binary)));
    }
}
