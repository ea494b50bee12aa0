//! The mistakes a Chinese keyboard makes in TOML, found before the TOML parser
//! gets confused by them: curly quotes (`“…”`, `‘…’`), full-width punctuation
//! (`，` `、` `：` `＝` `【】` `［］` `｛｝`), the ideographic space, `key: value`,
//! dates written `2025/3/18` or `2025年3月18日`, text without quotes, a Windows path
//! whose backslashes TOML reads as escapes, and keys written in Chinese.
//!
//! [`scan`] reads the TOML text as the parser would (strings, comments, arrays and
//! inline tables), outside strings and comments only, and gives each mistake at
//! its exact character, with the line as it should be written; and the text with
//! every mistake understood ([`Repair`]), which is what is parsed, so the rest of
//! the file is still checked. Offsets in the repaired text map back to the text as
//! written ([`Repair::original`]).

use std::ops::Range;

use crate::diagnostics::Code;

/// One mistake: where it is (offsets in the TOML text as written), what it is, and
/// its line as it should be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The code it is reported with.
    pub(crate) code: Code,
    /// The mistaken text (a character, a date, a value).
    pub(crate) span: Range<usize>,
    /// The id of the words that name it (`char-fullwidth-comma`), for characters.
    pub(crate) name: Option<&'static str>,
    /// What is written there.
    pub(crate) found: String,
    /// What it should be (the character or the value as TOML wants it).
    pub(crate) wanted: String,
    /// The whole line, every mistake of it fixed.
    pub(crate) fixed: String,
    /// The line's span in the TOML text.
    pub(crate) line: Range<usize>,
}

/// The TOML text with every mistake understood, and how its offsets map back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Repair {
    /// The text to parse.
    pub(crate) text: String,
    /// Each replacement: (range as written, range in `text`), in order.
    edits: Vec<(Range<usize>, Range<usize>)>,
}

impl Repair {
    /// Whether anything was changed.
    pub(crate) fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The offset as written of an offset in the repaired text.
    pub(crate) fn original(&self, offset: usize) -> usize {
        let i = self.edits.partition_point(|(_, new)| new.start <= offset);
        if i == 0 {
            return offset;
        }
        let (old, new) = &self.edits[i - 1];
        if offset < new.end {
            old.start + (offset - new.start).min(old.len().saturating_sub(1))
        } else {
            old.end + (offset - new.end)
        }
    }
}

/// The line of `text` that holds `offset` (without its line break), and its span.
pub(crate) fn line_at(text: &str, offset: usize) -> (&str, Range<usize>) {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if text[..end].ends_with('\r') { end - 1 } else { end };
    (&text[start..end.max(start)], start..end.max(start))
}

/// A date written another way than `2025-03-18` (`2025/3/18`, `2025.3.18`,
/// `2025年3月18日`, `2025-3-8`, with or without quotes), as `2025-03-18`, when it
/// is a real date.
pub(crate) fn iso_date(text: &str) -> Option<String> {
    let t = text.trim().trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”'));
    let parts: Vec<&str> = if let Some(rest) = t.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        t.split(['/', '.', '-']).collect()
    };
    let [y, m, d] = parts.as_slice() else { return None };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4
        || !all_digits(y)
        || !all_digits(m)
        || !all_digits(d)
        || m.len() > 2
        || d.len() > 2
    {
        return None;
    }
    let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    let iso = date.to_string();
    (iso != t).then_some(iso)
}

/// A full-width or Chinese character that stands for an ASCII one in TOML: the
/// words that name it, and what TOML wants.
fn ascii_for(c: char) -> Option<(&'static str, char)> {
    Some(match c {
        '，' => ("char-fullwidth-comma", ','),
        '、' => ("char-enumeration-comma", ','),
        '：' => ("char-fullwidth-colon", '='),
        '＝' => ("char-fullwidth-equals", '='),
        '【' | '［' => ("char-fullwidth-bracket", '['),
        '】' | '］' => ("char-fullwidth-bracket", ']'),
        '｛' => ("char-fullwidth-brace", '{'),
        '｝' => ("char-fullwidth-brace", '}'),
        '\u{3000}' => ("char-ideographic-space", ' '),
        '\u{a0}' => ("char-no-break-space", ' '),
        _ => return None,
    })
}

/// A curly quote: the words that name it, and the straight quote TOML wants.
fn straight_for(c: char) -> Option<(&'static str, char)> {
    Some(match c {
        '“' | '”' | '„' | '＂' => ("char-chinese-double-quote", '"'),
        '‘' | '’' | '＇' => ("char-chinese-single-quote", '\''),
        _ => None?,
    })
}

/// The words that name a round bracket, which TOML has no use for.
fn paren_name(c: char) -> &'static str {
    if c.is_ascii() { "char-paren" } else { "char-fullwidth-paren" }
}

fn is_bare_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A character a key or bare value written in Chinese is made of.
fn is_wide_word_char(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && ascii_for(c).is_none() && straight_for(c).is_none()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nest {
    Array,
    Table,
}

/// One replacement: the written range, what to read instead, and the mistake it
/// is, if it is reported (a key written in Chinese is quoted silently: the field
/// rules say which key it should be).
struct Edit {
    range: Range<usize>,
    with: String,
    finding: Option<Mistake>,
}

/// What an edit fixes, when it is reported.
struct Mistake {
    code: Code,
    name: Option<&'static str>,
    found: String,
    /// What to write instead, when it is not the edit's text.
    wanted: Option<String>,
    /// Where to report it, when not at the edit (a whole quoted value).
    at: Option<Range<usize>>,
}

fn mistake(code: Code, name: Option<&'static str>, found: impl Into<String>) -> Option<Mistake> {
    Some(Mistake { code, name, found: found.into(), wanted: None, at: None })
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    edits: Vec<Edit>,
    nest: Vec<Nest>,
    /// Whether a key is expected next (line start at top level, after `{` or `,` in a table).
    expect_key: bool,
    /// Whether a value is expected next (after `=`, `[` or `,` in an array).
    expect_value: bool,
    /// The key of the current top-level line.
    key: String,
}

/// Finds the keyboard mistakes of a TOML text.
pub(crate) fn scan(toml: &str) -> (Repair, Vec<Finding>) {
    let mut s = Scanner {
        text: toml,
        pos: 0,
        edits: Vec::new(),
        nest: Vec::new(),
        expect_key: true,
        expect_value: false,
        key: String::new(),
    };
    s.run();
    s.finish()
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn prev_char(&self, at: usize) -> Option<char> {
        self.text[..at].chars().next_back()
    }

    fn replace(&mut self, range: Range<usize>, with: String, finding: Option<Mistake>) {
        self.edits.push(Edit { range, with, finding });
    }

    /// Replaces the character at `self.pos` by `ascii`, with spaces around `=`.
    fn replace_char(&mut self, c: char, ascii: char, name: &'static str, code: Code) {
        let start = self.pos;
        let end = start + c.len_utf8();
        let next = self.text[end..].chars().next();
        let space_after = !next.is_none_or(|n| n.is_whitespace() || n == '\n');
        let with = match ascii {
            ',' if space_after && !matches!(next, Some(']' | '】' | '］' | '}' | '｝')) => {
                ", ".to_owned()
            }
            '=' => {
                let before = self.prev_char(start).is_some_and(|p| !p.is_whitespace());
                format!("{}={}", if before { " " } else { "" }, if space_after { " " } else { "" })
            }
            other => other.to_string(),
        };
        self.replace(start..end, with, mistake(code, Some(name), c.to_string()));
        self.pos = end;
    }

    fn run(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                '\n' => {
                    self.pos += 1;
                    if self.nest.is_empty() {
                        self.expect_key = true;
                        self.expect_value = false;
                    }
                }
                ' ' | '\t' | '\r' => self.pos += 1,
                '#' => self.skip_line(),
                '"' => {
                    self.expect_value = false;
                    self.basic_string();
                }
                '\'' => {
                    self.expect_value = false;
                    self.literal_string();
                }
                '[' | '【' | '［' if self.expect_key && self.nest.is_empty() => self.header(),
                '[' => self.open(Nest::Array, 1),
                '{' => self.open(Nest::Table, 1),
                ']' | '}' => {
                    self.nest.pop();
                    self.pos += 1;
                    self.expect_value = false;
                }
                ',' => self.comma(),
                '=' => {
                    self.pos += 1;
                    self.expect_key = false;
                    self.expect_value = true;
                }
                ':' if self.expect_key_done() => {
                    // `key: value`, as YAML writes it.
                    let with = if self.text[self.pos + 1..].starts_with([' ', '\t']) {
                        " ="
                    } else {
                        " = "
                    };
                    let start = self.pos;
                    self.replace(
                        start..start + 1,
                        with.to_owned(),
                        mistake(Code::E0110, None, ":"),
                    );
                    self.pos += 1;
                    self.expect_key = false;
                    self.expect_value = true;
                }
                c if straight_for(c).is_some() => {
                    self.expect_value = false;
                    self.curly_string(c);
                }
                '（' | '(' if self.expect_value => self.open_paren(c),
                '）' | ')' if !self.nest.is_empty() => {
                    let (name, closer) = match self.nest.last() {
                        Some(Nest::Table) => (paren_name(c), '}'),
                        _ => (paren_name(c), ']'),
                    };
                    self.replace_char(c, closer, name, Code::E0108);
                    self.nest.pop();
                    self.expect_value = false;
                }
                c if ascii_for(c).is_some() => {
                    let (name, ascii) = ascii_for(c).unwrap_or(("", ' '));
                    self.replace_char(c, ascii, name, Code::E0108);
                    match ascii {
                        '[' => self.nest.push(Nest::Array),
                        '{' => self.nest.push(Nest::Table),
                        ']' | '}' => {
                            self.nest.pop();
                            self.expect_value = false;
                        }
                        ',' => self.after_comma(),
                        '=' => {
                            self.expect_key = false;
                            self.expect_value = true;
                        }
                        _ => {}
                    }
                }
                _ if self.expect_key => self.key_token(),
                _ if self.expect_value => self.value_token(),
                _ => self.pos += c.len_utf8(),
            }
        }
    }

    /// Whether a key has been read on this line and `=` is what comes next.
    fn expect_key_done(&self) -> bool {
        !self.expect_key && !self.expect_value && self.nest.is_empty() && !self.key.is_empty() && {
            let (line, span) = line_at(self.text, self.pos);
            !line[..self.pos - span.start].contains('=')
        }
    }

    /// A list or inline table opened with a round bracket (`（"a"，"b"）`): a list,
    /// unless an `=` before its closing bracket makes it a table.
    fn open_paren(&mut self, c: char) {
        let rest = &self.text[self.pos + c.len_utf8()..];
        let inner = rest.split(['\n', '）', ')']).next().unwrap_or("");
        let table = inner.contains(['=', '＝', '：']);
        self.replace_char(c, if table { '{' } else { '[' }, paren_name(c), Code::E0108);
        self.nest.push(if table { Nest::Table } else { Nest::Array });
        self.expect_key = table;
        self.expect_value = !table;
    }

    fn skip_line(&mut self) {
        self.pos = self.text[self.pos..].find('\n').map_or(self.text.len(), |i| self.pos + i);
    }

    fn open(&mut self, nest: Nest, len: usize) {
        self.nest.push(nest);
        self.pos += len;
        self.expect_key = nest == Nest::Table;
        self.expect_value = nest == Nest::Array;
    }

    fn comma(&mut self) {
        self.pos += 1;
        self.after_comma();
    }

    fn after_comma(&mut self) {
        match self.nest.last() {
            Some(Nest::Array) => self.expect_value = true,
            Some(Nest::Table) => self.expect_key = true,
            None => {}
        }
    }

    /// `[table]` or `[[array]]` at the start of a line, with full-width brackets fixed.
    fn header(&mut self) {
        let end = self.text[self.pos..].find('\n').map_or(self.text.len(), |i| self.pos + i);
        while self.pos < end {
            let Some(c) = self.peek() else { break };
            if c == '#' {
                break;
            }
            if let Some((name, ascii)) = ascii_for(c) {
                self.replace_char(c, ascii, name, Code::E0108);
            } else {
                self.pos += c.len_utf8();
            }
        }
        self.expect_key = false;
        self.key.clear();
        self.pos = end;
    }

    /// A bare key (`title`, `venue.city`), or a key written in Chinese, which is
    /// quoted so that the field rules can name the English key.
    fn key_token(&mut self) {
        let start = self.pos;
        let mut end = start;
        let mut wide = false;
        for (i, c) in self.text[start..].char_indices() {
            if is_bare_key_char(c) || c == '.' {
                end = start + i + c.len_utf8();
            } else if is_wide_word_char(c) {
                wide = true;
                end = start + i + c.len_utf8();
            } else {
                break;
            }
        }
        if end == start {
            // Not a key at all: leave it to the parser.
            self.pos += self.peek().map_or(1, char::len_utf8);
            self.expect_key = false;
            return;
        }
        let key = &self.text[start..end];
        if wide && !key.contains('.') {
            self.replace(start..end, format!("\"{key}\""), None);
        }
        if self.nest.is_empty() {
            self.key = key.to_owned();
        }
        self.pos = end;
        self.expect_key = false;
    }

    /// A bare value: a number, a date, `true`; or a date written another way, or
    /// text without quotes.
    fn value_token(&mut self) {
        self.expect_value = false;
        let start = self.pos;
        let rest = &self.text[start..];
        let in_list = !self.nest.is_empty();
        let stop = |c: char| {
            c == '\n'
                || c == '#'
                || (in_list
                    && matches!(c, ',' | ']' | '}' | ')' | '，' | '、' | '】' | '］' | '｝' | '）'))
        };
        let end = start + rest.find(stop).unwrap_or(rest.len());
        let token = self.text[start..end].trim_end();
        let end = start + token.len();
        if token.is_empty() {
            self.pos += self.peek().map_or(1, char::len_utf8);
            return;
        }
        let first = token.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() {
            // A date of another form; a TOML date or number is left alone.
            let word_end = token.find([' ', '\t']).unwrap_or(token.len());
            let word = &token[..word_end];
            if let Some(iso) = iso_date(word).filter(|_| !is_toml_date(word)) {
                self.replace(
                    start..start + word.len(),
                    iso.clone(),
                    mistake(Code::E0109, None, word),
                );
                self.pos = start + word.len();
                return;
            }
            self.pos = start + word.len();
            return;
        }
        if is_wide_word_char(first) {
            // Text without quotes.
            let quoted = format!("\"{}\"", token.replace('\\', "\\\\").replace('"', "\\\""));
            self.replace(start..end, quoted, mistake(Code::E0113, None, token));
            self.pos = end;
            return;
        }
        // true, false, inf, a word the parser will explain.
        let word_end = token
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.' | ':'))
            })
            .unwrap_or(token.len());
        self.pos = start + word_end.max(first.len_utf8());
    }

    /// A `"…"` string (or `"""…"""`): a backslash that starts no escape (a Windows
    /// path) and a curly closing quote are mistakes.
    fn basic_string(&mut self) {
        let start = self.pos;
        if self.text[start..].starts_with("\"\"\"") {
            let body = start + 3;
            let end = self.text[body..].find("\"\"\"").map_or(self.text.len(), |i| body + i + 3);
            self.pos = end;
            return;
        }
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let mut i = start + 1;
        let mut bad_escape = false;
        let mut close = None;
        while i < line_end {
            let c = self.text[i..].chars().next().unwrap_or('"');
            match c {
                '\\' => {
                    let next = self.text[i + 1..].chars().next();
                    let ok = match next {
                        Some('b' | 't' | 'n' | 'f' | 'r' | '"' | '\\' | 'e') => true,
                        Some('u') => hex_run(&self.text[i + 2..], 4),
                        Some('U') => hex_run(&self.text[i + 2..], 8),
                        _ => false,
                    };
                    if !ok {
                        bad_escape = true;
                    }
                    i += 1 + next.map_or(0, char::len_utf8);
                }
                '"' => {
                    close = Some(i);
                    break;
                }
                '”' | '“' if !self.text[i + c.len_utf8()..line_end].contains('"') => {
                    // `"text”`: opened straight, closed curly.
                    let (name, _) = straight_for(c).unwrap_or(("", '"'));
                    self.replace(
                        i..i + c.len_utf8(),
                        "\"".to_owned(),
                        mistake(Code::E0107, Some(name), c.to_string()),
                    );
                    close = Some(i + c.len_utf8() - 1);
                    break;
                }
                _ => i += c.len_utf8(),
            }
        }
        let end = close.map_or(line_end, |c| c + 1);
        if bad_escape {
            let inner = &self.text[start + 1..close.unwrap_or(line_end)];
            let path = looks_like_windows_path(inner);
            let code = if path { Code::E0307 } else { Code::E0111 };
            // Read as written: every backslash a `/` (a path) or itself (`\\`).
            let fixed = if path { inner.replace('\\', "/") } else { inner.replace('\\', "\\\\") };
            let wanted = if path { suggested_image(inner) } else { fixed.clone() };
            let finding = Some(Mistake {
                code,
                name: None,
                found: inner.to_owned(),
                wanted: Some(wanted),
                at: Some(start..end),
            });
            self.replace(start + 1..start + 1 + inner.len(), fixed, finding);
        }
        self.pos = end;
    }

    fn literal_string(&mut self) {
        let start = self.pos;
        if self.text[start..].starts_with("'''") {
            let body = start + 3;
            self.pos = self.text[body..].find("'''").map_or(self.text.len(), |i| body + i + 3);
            return;
        }
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        self.pos =
            self.text[start + 1..line_end].find('\'').map_or(line_end, |i| start + 1 + i + 1);
    }

    /// A value opened with a curly quote: read to the next quote of any kind on the
    /// line, both made straight.
    fn curly_string(&mut self, open: char) {
        let start = self.pos;
        let (name, straight) = straight_for(open).unwrap_or(("", '"'));
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let body = start + open.len_utf8();
        let closers: &[char] = if straight == '"' {
            &['”', '“', '"', '＂', '„']
        } else {
            &['’', '‘', '\'', '＇']
        };
        let close = self.text[body..line_end].find(closers).map(|i| body + i);
        let finding = mistake(Code::E0107, Some(name), open.to_string());
        let inner_end = close.unwrap_or(line_end);
        let inner = &self.text[body..inner_end];
        if straight == '"' && inner.contains(['\\', '"']) {
            // Literal quotes keep backslashes and quotes as written.
            self.replace(start..body, "'".to_owned(), finding);
        } else {
            self.replace(start..body, straight.to_string(), finding);
        }
        let quote = if straight == '"' && inner.contains(['\\', '"']) { '\'' } else { straight };
        match close {
            Some(c) => {
                let cl = self.text[c..].chars().next().unwrap_or('"');
                if cl != quote {
                    self.replace(c..c + cl.len_utf8(), quote.to_string(), None);
                }
                self.pos = c + cl.len_utf8();
            }
            None => self.pos = line_end,
        }
    }

    fn finish(self) -> (Repair, Vec<Finding>) {
        let mut edits = self.edits;
        edits.sort_by_key(|e| e.range.start);
        // The fixed line of every line with a mistake.
        let mut findings = Vec::new();
        let mut text = String::with_capacity(self.text.len() + 16);
        let mut map = Vec::new();
        let mut last = 0;
        for e in &edits {
            if e.range.start < last {
                continue;
            }
            text.push_str(&self.text[last..e.range.start]);
            let new_start = text.len();
            text.push_str(&e.with);
            map.push((e.range.clone(), new_start..text.len()));
            last = e.range.end;
        }
        text.push_str(&self.text[last..]);
        for e in &edits {
            let Some(m) = &e.finding else { continue };
            let (_, line_span) = line_at(self.text, e.range.start);
            let mut fixed = String::new();
            let mut at = line_span.start;
            for other in edits
                .iter()
                .filter(|o| o.range.start >= line_span.start && o.range.end <= line_span.end)
            {
                if other.range.start < at {
                    continue;
                }
                fixed.push_str(&self.text[at..other.range.start]);
                fixed.push_str(&other.with);
                at = other.range.end;
            }
            fixed.push_str(&self.text[at..line_span.end]);
            findings.push(Finding {
                code: m.code,
                span: m.at.clone().unwrap_or_else(|| e.range.clone()),
                name: m.name,
                found: m.found.clone(),
                wanted: m.wanted.clone().unwrap_or_else(|| match e.with.trim() {
                    "" => "space".to_owned(),
                    other => other.to_owned(),
                }),
                fixed: fixed.trim_end().to_owned(),
                line: line_span,
            });
        }
        // One finding a line, the first: its fixed line shows every fix of the line.
        findings.dedup_by(|b, a| a.line == b.line);
        (Repair { text, edits: map }, findings)
    }
}

fn hex_run(s: &str, n: usize) -> bool {
    s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_hexdigit)
}

/// `C:\Users\…`, `D:\照片\x.jpg`, `\\server\share`: a path on a Windows computer.
pub(crate) fn looks_like_windows_path(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/'))
        || s.starts_with("\\\\")
}

/// What a path on the editor's computer becomes once the file is in `static/images/`.
pub(crate) fn suggested_image(path: &str) -> String {
    let name = path.rsplit(['\\', '/']).next().unwrap_or(path);
    format!("/images/{name}")
}

/// `2025-03-18`, `2025-03-18T09:30:00`, as TOML writes dates.
fn is_toml_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(toml: &str) -> Vec<(Code, usize, String)> {
        let (repair, findings) = scan(toml);
        assert!(
            toml::de::DeTable::parse(&repair.text).is_ok(),
            "repaired text does not parse: {:?}",
            repair.text
        );
        findings.into_iter().map(|f| (f.code, f.span.start, f.fixed)).collect()
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            fixed("title = “数控订单班”\n"),
            vec![(Code::E0107, 8, "title = \"数控订单班\"".to_owned())]
        );
        assert_eq!(fixed("title = \"数控订单班”\n")[0].2, "title = \"数控订单班\"");
        assert_eq!(fixed("title = ‘x’\n")[0].2, "title = 'x'");
        // Inside a string, curly quotes are text.
        assert!(fixed("title = \"他说“你好”\"\n").is_empty());
    }

    #[test]
    fn full_width_punctuation() {
        assert_eq!(
            fixed("partners = [\"a\"，\"b\"]\n"),
            vec![(Code::E0108, 15, "partners = [\"a\", \"b\"]".to_owned())]
        );
        assert_eq!(fixed("tags = 【\"a\"】\n")[0].2, "tags = [\"a\"]");
        assert_eq!(fixed("title：\"x\"\n")[0].2, "title = \"x\"");
        assert_eq!(fixed("title　= \"x\"\n")[0].2, "title = \"x\"");
        assert_eq!(fixed("【extra】\nnote = 1\n")[0].2, "[extra]");
        assert_eq!(fixed("tags = [\"a\"、\"b\"]\n")[0].2, "tags = [\"a\", \"b\"]");
        assert!(fixed("title = \"校企合作，共赢\" # 注释，也不算\n").is_empty());
        assert_eq!(fixed("tags = （\"a\"，\"b\"）\n")[0].2, "tags = [\"a\", \"b\"]");
        assert_eq!(fixed("tags = (\"a\", \"b\")\n")[0].2, "tags = [\"a\", \"b\"]");
        assert_eq!(
            fixed("contact = （name = \"李老师\"）\n")[0].2,
            "contact = {name = \"李老师\"}"
        );
        // In a string or a key written in Chinese, round brackets are text.
        assert!(fixed("title = \"数控（五轴）订单班\"\n").is_empty());
    }

    #[test]
    fn dates_and_text_and_paths() {
        assert_eq!(
            fixed("date = 2025/3/18\n"),
            vec![(Code::E0109, 7, "date = 2025-03-18".to_owned())]
        );
        assert_eq!(fixed("date = 2025年3月18日\n")[0].2, "date = 2025-03-18");
        assert_eq!(fixed("date = 2025.3.8\n")[0].2, "date = 2025-03-08");
        assert!(
            fixed("date = 2025-03-18\nvalue = 82.5\nstart = 2026-05-20T14:00:00+08:00\n")
                .is_empty()
        );
        assert_eq!(fixed("title = 数控订单班\n")[0].2, "title = \"数控订单班\"");
        let f = fixed("cover = \"C:\\Users\\me\\x.jpg\"\n");
        assert_eq!(f[0].0, Code::E0307);
        assert_eq!(fixed("title: \"x\"\n")[0].2, "title = \"x\"");
        assert!(fixed("标题 = \"x\"\n").is_empty(), "quoted silently");
        assert!(fixed("url = \"https://a.org/x\"\ntime = 2026-05-20T14:00:00\n").is_empty());
    }

    #[test]
    fn offsets_map_back() {
        let (repair, _) = scan("a = 2025/3/8\nb = 1\n");
        let b = repair.text.find('b').unwrap();
        assert_eq!(repair.original(b), 13);
        assert_eq!(repair.original(4), 4);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("2025/3/18").as_deref(), Some("2025-03-18"));
        assert_eq!(iso_date("2025年3月18日").as_deref(), Some("2025-03-18"));
        assert_eq!(iso_date("2025-3-8").as_deref(), Some("2025-03-08"));
        assert_eq!(iso_date("2025-03-18"), None);
        assert_eq!(iso_date("2025/2/30"), None);
        assert_eq!(iso_date("82.5"), None);
    }
}
