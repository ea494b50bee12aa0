//! Editor-facing errors. Every problem qiao finds in a site becomes a [`Diagnostic`]
//! that names a file and a byte offset; offsets turn into `line:col` late, in
//! [`line_index`], and one function ([`render`]) formats the line editors and IDEs
//! understand: `content/cases/x.md:7:12: error: ...`. Problems are collected, never
//! raised one at a time, so a run reports all of them.
//!
//! What it is not: failures that are not the site's (a file that cannot be written,
//! a bad flag), which the layers above report in their own way. The bottom layer;
//! it imports nothing of qiao's.

pub(crate) mod line_index;
pub(crate) mod suggest;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub(crate) use line_index::LineIndex;

/// A position in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Position {
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
}

impl Position {
    /// The start of a file, where whole-file problems point.
    pub(crate) const START: Position = Position { line: 1, column: 1 };
}

/// One problem found in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators (`content/cases/x.md`).
    pub(crate) path: String,
    /// Where in that file.
    pub(crate) position: Position,
    /// What is wrong, including what was expected and what was found.
    pub(crate) message: String,
}

impl Diagnostic {
    /// A problem at a known position.
    pub(crate) fn new(
        path: impl Into<String>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Self { path: path.into(), position, message: message.into() }
    }

    /// A problem about a whole file, reported at 1:1.
    pub(crate) fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(path, Position::START, message)
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: ",
            Printable(&self.path),
            self.position.line,
            self.position.column
        )?;
        Printable(&self.message).fmt(f)
    }
}

/// Text quoted from a site, made safe to print on one terminal line: control
/// characters (a line break, an escape sequence) and invisible direction marks that
/// would reorder the line are written as `\n`, `\u{1b}`, `\u{202e}`.
struct Printable<'a>(&'a str);

impl std::fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in self.0.chars() {
            if c.is_control()
                || matches!(c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
            {
                write!(f, "{}", c.escape_default())?;
            } else {
                std::fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, then position, and drops exact repeats.
pub(crate) fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (a.path.as_str(), a.position, a.message.as_str()).cmp(&(
            b.path.as_str(),
            b.position,
            b.message.as_str(),
        ))
    });
    diagnostics.dedup();
}

/// The whole report: one line per diagnostic, then a count.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{d}");
    }
    let n = diagnostics.len();
    let _ = writeln!(out, "{n} error{}", if n == 1 { "" } else { "s" });
    out
}

/// A site-relative path with `/` separators, for messages.
pub(crate) fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf =
        path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
