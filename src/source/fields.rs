//! Reading typed values out of parsed TOML while keeping every key's position.
//!
//! Front matter and `site.toml` are parsed into `toml`'s spanned document tree, not
//! straight into serde structs, so that every message can point at the exact key
//! or value, name what was expected and what was found, and suggest the nearest
//! field name. [`Fields`] hands out one table's values by key, remembers which keys
//! were read, and reports the rest as unknown.
//!
//! What it is not: which fields a file has or what they mean; `config` and
//! `content::parse` ask for the keys they know.

use std::collections::BTreeSet;
use std::ops::Range;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::date::{DateOrTime, parse_date_or_time};
use super::keyboard::{self, Repair};
use crate::diagnostics::{
    Arg, Code, Diagnostic, LineIndex, Message, Position, Problem, Suggestion, suggest,
};

/// Where values come from: a file, its text, and where the TOML starts in it.
pub(crate) struct Source<'a> {
    /// Site-relative path for messages.
    pub(crate) path: &'a str,
    /// The whole file text.
    pub(crate) text: &'a str,
    /// Line index of `text`.
    pub(crate) index: &'a LineIndex,
    /// Byte offset of the TOML text within `text`.
    pub(crate) base: usize,
    /// The site's timezone, for local datetimes.
    pub(crate) tz: &'a TimeZone,
    /// What was read differs from what is written (the keyboard mistakes
    /// understood, [`keyboard`]): offsets in the TOML read map back through it.
    pub(crate) repair: Option<&'a Repair>,
}

impl Source<'_> {
    /// The file offset of an offset in the TOML read.
    pub(crate) fn offset(&self, toml_offset: usize) -> usize {
        self.base + self.repair.map_or(toml_offset, |r| r.original(toml_offset))
    }

    /// The file position of a span inside the TOML text.
    pub(crate) fn position(&self, span: &Range<usize>) -> Position {
        self.index.position(self.text, self.offset(span.start))
    }

    /// The file position where a span inside the TOML text ends.
    pub(crate) fn end_position(&self, span: &Range<usize>) -> Position {
        self.index.position(self.text, self.offset(span.end))
    }

    /// The text of the file line that holds a TOML offset, and its span in the file.
    pub(crate) fn line_of(&self, toml_offset: usize) -> (&str, Range<usize>) {
        keyboard::line_at(self.text, self.offset(toml_offset))
    }
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter<'a> {
    /// The file.
    pub(crate) source: Source<'a>,
    /// Problems found so far.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// A TOML value with its span.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The short name of a TOML value's type, for "found ..." messages.
pub(crate) fn type_name(v: &DeValue<'_>) -> Message {
    Message::new(match v {
        DeValue::String(_) => "type-string",
        DeValue::Integer(_) => "type-integer",
        DeValue::Float(_) => "type-number",
        DeValue::Boolean(_) => "type-boolean",
        DeValue::Datetime(d) if d.time.is_none() => "type-date",
        DeValue::Datetime(d) if d.date.is_none() => "type-time",
        DeValue::Datetime(_) => "type-datetime",
        DeValue::Array(_) => "type-list",
        DeValue::Table(_) => "type-table",
    })
}

/// The value as written, for "found ..." messages; `none` for lists and tables.
fn quoted(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("\"{s}\""),
        DeValue::Integer(i) => i.as_str().to_owned(),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        _ => "none".to_owned(),
    }
}

/// `none` or the hint's words, for messages with an optional hint.
pub(crate) fn optional(hint: Option<&'static str>) -> Arg {
    match hint {
        Some(id) => Arg::Msg(Message::new(id)),
        None => Arg::Str("none".to_owned()),
    }
}

impl<'a> Reporter<'a> {
    /// A reporter for one file.
    pub(crate) fn new(source: Source<'a>) -> Self {
        Self { source, diagnostics: Vec::new() }
    }

    /// Records a problem at a span of the TOML text (a warning when its code is one).
    pub(crate) fn error(&mut self, span: &Range<usize>, problem: Problem) {
        let mut d = Diagnostic::new(self.source.path, self.source.position(span), problem);
        if span.end > span.start {
            d.end = Some(self.source.end_position(span));
        }
        self.diagnostics.push(d);
    }

    /// Records a problem at a span, with `text` as the replacement of the span.
    pub(crate) fn error_fix(&mut self, span: &Range<usize>, problem: Problem, text: String) {
        self.error(span, problem);
        if let Some(d) = self.diagnostics.last_mut() {
            d.suggestion = Some(Box::new(Suggestion {
                start: d.position,
                end: d.end.unwrap_or(d.position),
                text,
            }));
        }
    }

    /// Records a problem about the whole file (at 1:1).
    pub(crate) fn file_error(&mut self, problem: Problem) {
        self.diagnostics.push(Diagnostic::file(self.source.path, problem));
    }

    fn wrong_type(&mut self, field: &str, v: &Value<'_>, expected: &'static str) {
        let problem = Problem::new(Code::E0203)
            .arg("field", field)
            .arg("expected", Message::new(expected))
            .arg("found", type_name(v.get_ref()))
            .arg("value", quoted(v.get_ref()));
        self.error(&v.span(), problem);
    }

    /// A string value.
    pub(crate) fn string(&mut self, field: &str, v: &Value<'_>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(field, v, "expect-string");
                None
            }
        }
    }

    /// A non-empty string value.
    pub(crate) fn text(&mut self, field: &str, v: &Value<'_>) -> Option<String> {
        let s = self.string(field, v)?;
        if s.trim().is_empty() {
            self.error(&v.span(), Problem::new(Code::E0204).arg("field", field));
            return None;
        }
        Some(s)
    }

    /// A boolean value.
    pub(crate) fn boolean(&mut self, field: &str, v: &Value<'_>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(field, v, "expect-boolean");
                None
            }
        }
    }

    /// An integer within `range`.
    pub(crate) fn integer(
        &mut self,
        field: &str,
        v: &Value<'_>,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let DeValue::Integer(i) = v.get_ref() else {
            self.wrong_type(field, v, "expect-whole-number");
            return None;
        };
        let parsed = i64::from_str_radix(
            &i.as_str().replace('_', "").replace("0x", "").replace("0o", "").replace("0b", ""),
            i.radix(),
        )
        .ok();
        match parsed {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let problem = Problem::new(Code::E0205)
                    .arg("field", field)
                    .arg("min", range.start().to_string())
                    .arg("max", range.end().to_string())
                    .arg("found", i.as_str());
                self.error(&v.span(), problem);
                None
            }
        }
    }

    /// A number (integer or decimal), kept as written.
    pub(crate) fn number(&mut self, field: &str, v: &Value<'_>) -> Option<serde_json::Number> {
        let text = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().replace('_', ""),
            DeValue::Float(f) => f.as_str().replace('_', ""),
            _ => {
                self.wrong_type(field, v, "expect-number");
                return None;
            }
        };
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
        match text.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            Some(n) => Some(n),
            None => {
                self.error(
                    &v.span(),
                    Problem::new(Code::E0206).arg("field", field).arg("found", text),
                );
                None
            }
        }
    }

    /// A string from a fixed list; an unknown one gets the nearest allowed values.
    pub(crate) fn one_of<T>(
        &mut self,
        field: &str,
        v: &Value<'_>,
        all: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(field, v)?;
        if let Some(t) = parse(&s) {
            return Some(t);
        }
        let near = suggest::nearest(&s, all.iter().copied());
        let problem = Problem::new(Code::E0207)
            .arg("field", field)
            .arg("value", s.as_str())
            .arg("allowed", all.to_vec())
            .arg("near", if near.is_empty() { Arg::Str("none".into()) } else { near.into() });
        self.error(&v.span(), problem);
        None
    }

    /// A list; a single value is an error unless `single_ok`.
    pub(crate) fn list<'v, 'i>(
        &mut self,
        field: &str,
        v: &'v Value<'i>,
        single_ok: bool,
    ) -> Option<Vec<&'v Value<'i>>> {
        match v.get_ref() {
            DeValue::Array(items) => Some(array_items(items)),
            _ if single_ok => Some(vec![v]),
            _ => {
                self.wrong_type(field, v, "expect-list");
                None
            }
        }
    }

    /// A list of strings; each bad element is reported.
    pub(crate) fn string_list(
        &mut self,
        field: &str,
        v: &Value<'_>,
        single_ok: bool,
    ) -> Vec<(String, Range<usize>)> {
        let Some(items) = self.list(field, v, single_ok) else { return Vec::new() };
        items
            .into_iter()
            .filter_map(|item| self.text(field, item).map(|s| (s, item.span())))
            .collect()
    }

    /// A list of values from a fixed set.
    pub(crate) fn enum_list<T>(
        &mut self,
        field: &str,
        v: &Value<'_>,
        all: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Vec<T> {
        let Some(items) = self.list(field, v, false) else { return Vec::new() };
        items.into_iter().filter_map(|item| self.one_of(field, item, all, parse)).collect()
    }

    /// A calendar date (`2025-03-18`, or the same in quotes).
    pub(crate) fn date(&mut self, field: &str, v: &Value<'_>) -> Option<Date> {
        match self.date_or_time(field, v)? {
            DateOrTime::Date(d) => Some(d),
            DateOrTime::DateTime(_) => {
                self.error(&v.span(), Problem::new(Code::E0209).arg("field", field));
                None
            }
        }
    }

    /// A date and time; a local one is read in the site's timezone.
    pub(crate) fn datetime(&mut self, field: &str, v: &Value<'_>) -> Option<ZonedDateTime> {
        match self.date_or_time(field, v)? {
            DateOrTime::DateTime(z) => Some(z),
            DateOrTime::Date(_) => {
                self.error(&v.span(), Problem::new(Code::E0210).arg("field", field));
                None
            }
        }
    }

    /// A date or a date and time.
    pub(crate) fn date_or_time(&mut self, field: &str, v: &Value<'_>) -> Option<DateOrTime> {
        let text = match v.get_ref() {
            DeValue::Datetime(d) => d.to_string(),
            DeValue::String(s) => s.trim().to_string(),
            _ => {
                self.wrong_type(field, v, "expect-date");
                return None;
            }
        };
        match parse_date_or_time(&text, self.source.tz) {
            Ok(d) => Some(d),
            Err(_) => {
                // `2025/3/18`, `2025.3.18`, `2025年3月18日`, `2025-3-8`: the date is
                // clear, only its form is not.
                if let Some(iso) = keyboard::iso_date(&text) {
                    self.date_form(v, &text, &iso);
                    return None;
                }
                let why = super::date::why_not_a_date(&text);
                let problem = Problem::new(Code::E0208)
                    .arg("field", field)
                    .arg("value", text)
                    .arg("why", why);
                self.error(&v.span(), problem);
                None
            }
        }
    }

    /// A date written in another form than `2025-03-18`: shown fixed, in its line.
    fn date_form(&mut self, v: &Value<'_>, written: &str, iso: &str) {
        let span = v.span();
        let (line, line_span) = self.source.line_of(span.start);
        let start = self.source.offset(span.start) - line_span.start;
        let end = (self.source.offset(span.end) - line_span.start).min(line.len());
        let fixed = format!("{}{iso}{}", &line[..start], &line[end..]);
        let problem = Problem::new(Code::E0109)
            .arg("found", written)
            .arg("date", iso)
            .arg("fixed", fixed.trim_end());
        self.error_fix(&span, problem, iso.to_owned());
    }

    /// An absolute `http(s)` or `mailto` URL.
    pub(crate) fn url(&mut self, field: &str, v: &Value<'_>) -> Option<String> {
        let s = self.text(field, v)?;
        match url::Url::parse(s.trim()) {
            Ok(u)
                if matches!(u.scheme(), "http" | "https")
                    && u.host_str().is_some_and(|h| !h.is_empty()) =>
            {
                Some(s.trim().to_owned())
            }
            Ok(u) if u.scheme() == "mailto" => Some(s.trim().to_owned()),
            Ok(u) => {
                let problem = Problem::new(Code::E0211)
                    .arg("field", field)
                    .arg("value", s.as_str())
                    .arg("scheme", u.scheme())
                    .arg("detail", "none");
                self.error(&v.span(), problem);
                None
            }
            Err(e) => {
                let problem = Problem::new(Code::E0211)
                    .arg("field", field)
                    .arg("value", s.as_str())
                    .arg("scheme", "none")
                    .arg("detail", url_error(e));
                self.error(&v.span(), problem);
                None
            }
        }
    }
}

/// The elements of a TOML array.
pub(crate) fn array_items<'v, 'i>(a: &'v DeArray<'i>) -> Vec<&'v Value<'i>> {
    a.iter().collect()
}

/// One TOML table handed out key by key. Keys never asked for are unknown.
pub(crate) struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    prefix: String,
    known: BTreeSet<&'static str>,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Wraps a table; `prefix` names it in messages (`venue.`), empty at top level.
    pub(crate) fn new(table: &'t DeTable<'i>, prefix: impl Into<String>) -> Self {
        Self { table, prefix: prefix.into(), known: BTreeSet::new() }
    }

    /// The full field name for messages (`venue.city`).
    pub(crate) fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The value of `key`, if present. Declares `key` as a known field.
    pub(crate) fn get(&mut self, key: &'static str) -> Option<&'t Value<'i>> {
        self.known.insert(key);
        self.table.get(key)
    }

    /// The value of a required `key`; missing is an error at the table (1:1 at top
    /// level). `hint` is the id of the words that say what the field holds.
    pub(crate) fn require(
        &mut self,
        key: &'static str,
        r: &mut Reporter<'_>,
        table_span: Option<&Range<usize>>,
        hint: Option<&'static str>,
    ) -> Option<&'t Value<'i>> {
        let v = self.get(key);
        if v.is_none() {
            let problem =
                Problem::new(Code::E0201).arg("field", self.name(key)).arg("hint", optional(hint));
            match table_span {
                Some(span) => r.error(span, problem),
                None => r.file_error(problem),
            }
        }
        v
    }

    /// Whether `key` has been asked for (or allowed).
    pub(crate) fn is_known(&self, key: &str) -> bool {
        self.known.contains(key)
    }

    /// Declares keys as known without reading them.
    pub(crate) fn allow(&mut self, keys: &[&'static str]) {
        self.known.extend(keys);
    }

    /// The span of `key`'s name in the source.
    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    /// Whether the table has `key` (without declaring it known).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// Reports every key that was never asked for, with a suggestion: the nearest
    /// known name, or, when `extra_hint`, that free-form data goes under `[extra]`.
    pub(crate) fn finish(self, r: &mut Reporter<'_>, extra_hint: bool) {
        self.finish_with(r, extra_hint, &[]);
    }

    /// [`Fields::finish`], knowing the names the editors' guide gives the fields
    /// (`标题` for `title`): such a key is told its English name.
    pub(crate) fn finish_with(
        self,
        r: &mut Reporter<'_>,
        extra_hint: bool,
        aliases: &[(&str, &str)],
    ) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.known.contains(name) {
                continue;
            }
            let alias = aliases
                .iter()
                .find(|(alias, _)| *alias == name.trim())
                .filter(|(_, key)| self.known.contains(key))
                .map(|(_, key)| Message::new("did-you-mean").arg("names", vec![*key]));
            let help = alias
                .or_else(|| suggest::did_you_mean(name, self.known.iter().copied()))
                .or_else(|| extra_hint.then(|| Message::new("help-extra")));
            let problem = Problem::new(Code::E0202)
                .arg("field", format!("{}{name}", self.prefix))
                .help_opt(help);
            r.error(&key.span(), problem);
        }
    }
}

/// Reports the keyboard's mistakes ([`keyboard::scan`]), each at its character as
/// written, with its line fixed (also as the suggested replacement of the line).
pub(crate) fn report_findings(r: &mut Reporter<'_>, findings: &[keyboard::Finding]) {
    for f in findings {
        let mut problem = Problem::new(f.code);
        problem = match f.code {
            Code::E0107 | Code::E0108 => problem
                .arg("name", Message::new(f.name.unwrap_or("char-other")))
                .arg("char", f.found.as_str())
                .arg("ascii", f.wanted.as_str()),
            Code::E0109 => problem.arg("found", f.found.as_str()).arg("date", f.wanted.as_str()),
            Code::E0307 => problem
                .arg(
                    "field",
                    key_at(r.source.text, r.source.base + f.span.start).unwrap_or("cover"),
                )
                .arg("value", f.found.as_str())
                .arg("image", f.wanted.as_str()),
            _ => problem.arg("value", f.found.as_str()),
        };
        problem = problem.arg("fixed", f.fixed.as_str());
        let at = |o: usize| r.source.index.position(r.source.text, r.source.base + o);
        let mut d = Diagnostic::new(r.source.path, at(f.span.start), problem);
        d.end = Some(at(f.span.end));
        d.suggestion = Some(Box::new(Suggestion {
            start: at(f.line.start),
            end: at(f.line.end),
            text: f.fixed.clone(),
        }));
        r.diagnostics.push(d);
    }
}

/// The key of the `key = value` line holding `offset` of `text`, if it is one.
pub(crate) fn key_at(text: &str, offset: usize) -> Option<&str> {
    let (line, _) = keyboard::line_at(text, offset);
    let (key, _) = line.split_once(['=', '：', '＝'])?;
    let key = key.trim().trim_start_matches('\u{feff}');
    (!key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    .then_some(key)
}

/// A TOML syntax error the keyboard scan did not explain, at the parser's span,
/// naming the key of its line.
pub(crate) fn syntax_error(
    r: &mut Reporter<'_>,
    toml_text: &str,
    span: &Range<usize>,
    message: &str,
    code: Code,
) {
    let key = key_at(toml_text, span.start).unwrap_or("none");
    let detail = message.trim().replace('\n', " ");
    r.error(span, Problem::new(code).arg("key", key).arg("detail", detail));
}

/// One message a line for the lines the keyboard scan reported (the first
/// `findings` diagnostics): anything else found there follows from the same mistake.
pub(crate) fn one_per_line(mut diagnostics: Vec<Diagnostic>, findings: usize) -> Vec<Diagnostic> {
    let lines: BTreeSet<usize> =
        diagnostics[..findings.min(diagnostics.len())].iter().map(|d| d.position.line).collect();
    let mut i = 0;
    diagnostics.retain(|d| {
        i += 1;
        i <= findings || !lines.contains(&d.position.line)
    });
    diagnostics
}

/// A table value, or a type error.
pub(crate) fn as_table<'v, 'i>(
    r: &mut Reporter<'_>,
    field: &str,
    v: &'v Value<'i>,
    example: &str,
) -> Option<&'v DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            let problem = Problem::new(Code::E0212)
                .arg("field", field)
                .arg("example", example)
                .arg("found", type_name(other));
            r.error(&v.span(), problem);
            None
        }
    }
}

/// Converts a TOML value to JSON for templates and exports (`[extra]`).
pub(crate) fn to_json(v: &DeValue<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(
            &i.as_str().replace('_', "").replace("0x", "").replace("0o", "").replace("0b", ""),
            i.radix(),
        )
        .map(J::from)
        .unwrap_or(J::Null),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number)
            .unwrap_or(J::Null),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(d) => J::String(d.to_string()),
        DeValue::Array(a) => J::Array(a.iter().map(|x| to_json(x.get_ref())).collect()),
        DeValue::Table(t) => J::Object(table_to_json(t)),
    }
}

/// Converts a TOML table to a JSON object.
pub(crate) fn table_to_json(t: &DeTable<'_>) -> serde_json::Map<String, serde_json::Value> {
    t.iter().map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref()))).collect()
}

/// What the URL parser found wrong, in the message tables' words.
pub(crate) fn url_error(e: url::ParseError) -> Message {
    use url::ParseError as P;
    Message::new(match e {
        P::RelativeUrlWithoutBase | P::RelativeUrlWithCannotBeABaseBase => "url-not-full",
        P::EmptyHost => "url-no-host",
        P::InvalidPort => "url-bad-port",
        P::InvalidDomainCharacter | P::IdnaError => "url-bad-host",
        P::InvalidIpv4Address | P::InvalidIpv6Address => "url-bad-ip",
        _ => "url-invalid",
    })
}
