//! Rule-file errors reported the way rustc reports code: file:line:column, the rule id, the
//! line with a caret under the problem, and a hint.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Clone)]
pub struct RuleError {
    pub file: String,
    /// The whole rule file, so the error can show the line.
    pub source: Arc<str>,
    /// Byte span of the problem in `source`.
    pub span: Range<usize>,
    pub rule: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl RuleError {
    pub fn new(file: &str, source: &Arc<str>, span: Range<usize>, rule: Option<String>, message: String) -> RuleError {
        RuleError { file: file.to_string(), source: source.clone(), span, rule, message, hint: None }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> RuleError {
        RuleError::plain(format!("cannot read rule pack {}: {err}", path.display())).in_file(path)
    }

    /// An error with no place in a file.
    pub fn plain(message: String) -> RuleError {
        RuleError { file: String::new(), source: Arc::from(""), span: 0..0, rule: None, message, hint: None }
    }

    fn in_file(mut self, path: &Path) -> RuleError {
        self.file = path.display().to_string();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> RuleError {
        self.hint = Some(hint.into());
        self
    }

    /// 1-based line and column of the problem.
    pub fn line_col(&self) -> (usize, usize) {
        line_col(&self.source, self.span.start)
    }

    /// Renders the error with the offending line and a caret; `color` for a terminal.
    pub fn render(&self, color: bool) -> String {
        let title = match &self.rule {
            Some(rule) => format!("{} (rule `{rule}`)", self.message),
            None => self.message.clone(),
        };
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        if self.source.is_empty() {
            let report = &[Group::with_title(Level::ERROR.primary_title(&title))];
            return renderer.render(report);
        }
        let end = self.span.end.clamp(self.span.start, self.source.len());
        let span = self.span.start.min(self.source.len())..end;
        let label = self.rule.as_ref().map(|r| format!("in rule `{r}`")).unwrap_or_default();
        let mut report =
            vec![
                Level::ERROR.primary_title(&title).element(
                    Snippet::source(&*self.source)
                        .path(&self.file)
                        .annotation(AnnotationKind::Primary.span(span).label(label)),
                ),
            ];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(Level::HELP.secondary_title(hint)));
        }
        renderer.render(&report)
    }
}

/// Debug output stays one line per error (the whole rule file is not worth printing).
impl fmt::Debug for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_col();
        write!(f, "{}:{line}:{column}: {}", self.file, self.message)
    }
}

/// 1-based line and column (characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let head = source.get(..offset).unwrap_or(source);
    let line = head.matches('\n').count() + 1;
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    (line, head[line_start..].chars().count() + 1)
}
