//! Editor-facing errors. Every problem qiao finds in a site becomes a [`Diagnostic`]
//! that names a file, a byte offset turned into `line:col` (in [`line_index`], late),
//! a stable [`Code`] and the arguments of its message. A diagnostic is worded only
//! when it is printed, in the language the editor reads ([`Lang`]; the words are
//! Project Fluent resources, [`words`]), and one function ([`render`]) formats the
//! line editors and IDEs understand: `content/cases/x.md:7:12: error[E0301]: ...`,
//! whose prefix stays ASCII in every language. Problems are collected, never raised
//! one at a time, so a run reports all of them; warnings ride along and do not fail
//! the run.
//!
//! What it is not: failures that are not the site's (a file that cannot be written,
//! a bad flag), which the layers above report in their own way. The bottom layer;
//! it imports nothing of qiao's.

pub(crate) mod catalog;
pub(crate) mod codes;
pub(crate) mod failure;
pub(crate) mod lang;
pub(crate) mod line_index;
pub(crate) mod suggest;
pub(crate) mod words;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use codes::Code;
pub(crate) use failure::{Failure, word_error};
pub use lang::Lang;
pub(crate) use line_index::LineIndex;

/// A position in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Whether a diagnostic fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site has an error: nothing is written.
    Error,
    /// Worth fixing, but the site builds.
    Warning,
}

impl Severity {
    /// `error` or `warning`, the ASCII word of the line's prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Arg {
    /// Text from the site or from qiao, shown as it is.
    Str(String),
    /// A number (Fluent chooses plural forms by it).
    Num(i64),
    /// Names, each shown in backticks, joined the language's way
    /// (`` `a`, `b` `` or `` `a`、`b` ``).
    List(Vec<String>),
    /// A piece worded in the same language (a type's name, a hint).
    Msg(Message),
}

impl Arg {
    /// The argument's words in `lang`.
    pub(crate) fn word(&self, lang: Lang) -> String {
        match self {
            Arg::Str(s) => s.clone(),
            Arg::Num(n) => n.to_string(),
            Arg::List(names) => {
                let sep = match lang {
                    Lang::En => ", ",
                    Lang::Zh => "、",
                };
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(sep)
            }
            Arg::Msg(m) => m.word(lang),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Msg(m)
    }
}

impl From<Vec<String>> for Arg {
    fn from(names: Vec<String>) -> Self {
        Arg::List(names)
    }
}

impl From<Vec<&str>> for Arg {
    fn from(names: Vec<&str>) -> Self {
        Arg::List(names.into_iter().map(str::to_owned).collect())
    }
}

/// A worded piece that is not a diagnostic of its own: a hint, a type's name, a
/// character's name, a progress line. `id` names it in the messages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message `id`, without arguments yet.
    pub(crate) fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// Adds an argument.
    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The words in `lang`.
    pub(crate) fn word(&self, lang: Lang) -> String {
        words::word(lang, self.id, None, &self.args)
    }
}

/// What is wrong, before it is placed in a file: a code, the arguments of its
/// message, and hints that follow it (`did you mean …?`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    code: Code,
    args: Vec<(&'static str, Arg)>,
    /// Boxed: a diagnostic stays small, and most have no hint.
    helps: Box<[Message]>,
}

impl Problem {
    /// A problem of `code`.
    pub(crate) fn new(code: Code) -> Self {
        Self { code, args: Vec::new(), helps: Box::default() }
    }

    /// Adds an argument of the code's message.
    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Adds a hint after the message.
    pub(crate) fn help(mut self, help: Message) -> Self {
        let mut helps = std::mem::take(&mut self.helps).into_vec();
        helps.push(help);
        self.helps = helps.into_boxed_slice();
        self
    }

    /// Adds a hint, when there is one.
    pub(crate) fn help_opt(self, help: Option<Message>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    /// The code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The value of argument `name`, as text.
    pub(crate) fn arg_str(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).and_then(|(_, a)| match a {
            Arg::Str(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// The whole message in `lang`: the code's words, then every hint.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = words::word(lang, self.code.as_str(), None, &self.args);
        let sep = match lang {
            Lang::En => "; ",
            Lang::Zh => "；",
        };
        for h in &self.helps {
            text.push_str(sep);
            text.push_str(&h.word(lang));
        }
        text
    }

    /// This problem at a place in a file.
    pub(crate) fn at(self, path: impl Into<String>, position: Position) -> Diagnostic {
        Diagnostic::new(path, position, self)
    }
}

/// A replacement that fixes the problem: `text` for what is between `start` and `end`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Suggestion {
    /// Where the replaced text starts.
    pub(crate) start: Position,
    /// Where it ends (exclusive).
    pub(crate) end: Position,
    /// What to write instead.
    pub(crate) text: String,
}

/// One problem found in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators (`content/cases/x.md`).
    pub(crate) path: String,
    /// Where in that file.
    pub(crate) position: Position,
    /// Where the text it is about ends, when known.
    pub(crate) end: Option<Position>,
    /// What is wrong.
    pub(crate) problem: Problem,
    /// A fix, when there is an unambiguous one.
    pub(crate) suggestion: Option<Box<Suggestion>>,
}

impl Diagnostic {
    /// A problem at a known position.
    pub(crate) fn new(path: impl Into<String>, position: Position, problem: Problem) -> Self {
        Self { path: path.into(), position, end: None, problem, suggestion: None }
    }

    /// A problem about a whole file, reported at 1:1.
    pub(crate) fn file(path: impl Into<String>, problem: Problem) -> Self {
        Self::new(path, Position::START, problem)
    }

    /// The code.
    pub fn code(&self) -> Code {
        self.problem.code
    }

    /// Whether it fails the run.
    pub fn severity(&self) -> Severity {
        self.problem.code.severity()
    }

    /// Whether it is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The message after the prefix, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }

    /// The line editors understand: `path:line:col: error[CODE]: message`.
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            Printable(&self.path),
            self.position.line,
            self.position.column,
            self.severity().as_str(),
            self.code(),
            Printable(&self.message(lang))
        )
    }

    /// One JSON object: code, severity, path, line, column, end, message, suggestion.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let pos = |p: &Position| serde_json::json!({"line": p.line, "column": p.column});
        serde_json::json!({
            "code": self.code().as_str(),
            "severity": self.severity().as_str(),
            "path": self.path,
            "line": self.position.line,
            "column": self.position.column,
            "end": self.end.as_ref().map(pos),
            "message": self.message(lang),
            "suggestion": self.suggestion.as_ref().map(|s| serde_json::json!({
                "line": s.start.line,
                "column": s.start.column,
                "end": pos(&s.end),
                "text": s.text,
            })),
        })
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line(Lang::En))
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
    diagnostics.sort();
    diagnostics.dedup();
}

/// Whether any of `diagnostics` is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The count line: `2 errors`, `1 error, 1 warning`, `2 个错误`.
pub fn count_line(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let e = Message::new("count-errors").arg("count", errors).word(lang);
    let w = Message::new("count-warnings").arg("count", warnings).word(lang);
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "，",
    };
    match (errors, warnings) {
        (_, 0) => e,
        (0, _) => w,
        _ => format!("{e}{sep}{w}"),
    }
}

/// The whole report in English: one line per diagnostic, then a count.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    render_in(diagnostics, Lang::En)
}

/// The whole report in `lang`: one line per diagnostic, then a count.
pub fn render_in(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}", d.line(lang));
    }
    let _ = writeln!(out, "{}", count_line(diagnostics, lang));
    out
}

/// The report for machines: one JSON object a line.
pub fn render_json(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}", d.to_json(lang));
    }
    out
}

/// Words that are not a diagnostic (progress lines, `explain`'s headings), by id.
pub fn say(
    lang: Lang,
    id: &'static str,
    args: &[(&'static str, &dyn std::fmt::Display)],
) -> String {
    let mut m = Message::new(id);
    for (name, value) in args {
        m = m.arg(name, value.to_string());
    }
    m.word(lang)
}

/// Like [`say`], with a number that chooses the plural form.
pub fn say_count(
    lang: Lang,
    id: &'static str,
    count: usize,
    args: &[(&'static str, &dyn std::fmt::Display)],
) -> String {
    let mut m = Message::new(id).arg("count", count);
    for (name, value) in args {
        m = m.arg(name, value.to_string());
    }
    m.word(lang)
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
