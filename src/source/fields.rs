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
use crate::diagnostics::{Diagnostic, LineIndex, Position, suggest};

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
}

impl Source<'_> {
    /// The file position of a span inside the TOML text.
    pub(crate) fn position(&self, span: &Range<usize>) -> Position {
        self.index.position(self.text, self.base + span.start)
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

/// A short name of a TOML value's type, for "found ..." messages.
pub(crate) fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(d) if d.time.is_none() => "a date",
        DeValue::Datetime(d) if d.date.is_none() => "a time of day",
        DeValue::Datetime(_) => "a date and time",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn quoted(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("\"{s}\""),
        DeValue::Integer(i) => i.as_str().to_owned(),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        other => type_name(other).to_owned(),
    }
}

impl<'a> Reporter<'a> {
    /// A reporter for one file.
    pub(crate) fn new(source: Source<'a>) -> Self {
        Self { source, diagnostics: Vec::new() }
    }

    /// Records a problem at a span of the TOML text.
    pub(crate) fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let position = self.source.position(span);
        self.diagnostics.push(Diagnostic::new(self.source.path, position, message));
    }

    /// Records a problem about the whole file (at 1:1).
    pub(crate) fn file_error(&mut self, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::file(self.source.path, message));
    }

    fn wrong_type(&mut self, field: &str, v: &Value<'_>, expected: &str) {
        let found = type_name(v.get_ref());
        self.error(
            &v.span(),
            format!("`{field}` must be {expected}, found {found} {}", quoted(v.get_ref()))
                .trim_end()
                .to_owned(),
        );
    }

    /// A string value.
    pub(crate) fn string(&mut self, field: &str, v: &Value<'_>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(field, v, "a string in quotes");
                None
            }
        }
    }

    /// A non-empty string value.
    pub(crate) fn text(&mut self, field: &str, v: &Value<'_>) -> Option<String> {
        let s = self.string(field, v)?;
        if s.trim().is_empty() {
            self.error(&v.span(), format!("`{field}` must not be empty"));
            return None;
        }
        Some(s)
    }

    /// A boolean value.
    pub(crate) fn boolean(&mut self, field: &str, v: &Value<'_>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(field, v, "true or false");
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
            self.wrong_type(field, v, "a whole number");
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
                self.error(
                    &v.span(),
                    format!(
                        "`{field}` must be between {} and {}, found {}",
                        range.start(),
                        range.end(),
                        i.as_str()
                    ),
                );
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
                self.wrong_type(field, v, "a number");
                return None;
            }
        };
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
        match text.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            Some(n) => Some(n),
            None => {
                self.error(&v.span(), format!("`{field}` must be a finite number, found {text}"));
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
        let near = suggest::did_you_mean(&s, all.iter().copied());
        let allowed: Vec<String> = all.iter().map(|a| format!("`{a}`")).collect();
        let message = if near.is_empty() {
            format!("`{field}` must be one of {}, found `{s}`", allowed.join(", "))
        } else {
            format!("`{field}` has an unknown value `{s}`{near} (allowed: {})", allowed.join(", "))
        };
        self.error(&v.span(), message);
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
                self.wrong_type(field, v, "a list in square brackets, like [\"a\", \"b\"]");
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
                self.error(
                    &v.span(),
                    format!("`{field}` must be a date like 2025-03-18, without a time of day"),
                );
                None
            }
        }
    }

    /// A date and time; a local one is read in the site's timezone.
    pub(crate) fn datetime(&mut self, field: &str, v: &Value<'_>) -> Option<ZonedDateTime> {
        match self.date_or_time(field, v)? {
            DateOrTime::DateTime(z) => Some(z),
            DateOrTime::Date(_) => {
                self.error(
                    &v.span(),
                    format!("`{field}` must be a date and time like 2026-05-20T14:00:00, found a date only"),
                );
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
                self.wrong_type(field, v, "a date like 2025-03-18");
                return None;
            }
        };
        match parse_date_or_time(&text, self.source.tz) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(&v.span(), format!("`{field}` is not a valid date: `{text}` ({why})"));
                None
            }
        }
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
                self.error(
                    &v.span(),
                    format!(
                        "`{field}` must be an http:// or https:// address, found scheme `{}:`",
                        u.scheme()
                    ),
                );
                None
            }
            Err(e) => {
                self.error(&v.span(), format!("`{field}` is not a valid web address: `{s}` ({e}); write it in full, like https://example.org/"));
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

    /// The value of a required `key`; missing is an error at the table (1:1 at top level).
    pub(crate) fn require(
        &mut self,
        key: &'static str,
        r: &mut Reporter<'_>,
        table_span: Option<&Range<usize>>,
        hint: &str,
    ) -> Option<&'t Value<'i>> {
        let v = self.get(key);
        if v.is_none() {
            let message = format!("missing required field `{}`{hint}", self.name(key));
            match table_span {
                Some(span) => r.error(span, message),
                None => r.file_error(message),
            }
        }
        v
    }

    /// Declares keys as known without reading them.
    pub(crate) fn allow(&mut self, keys: &[&'static str]) {
        self.known.extend(keys);
    }

    /// The span of `key`'s name in the source.
    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    /// Reports every key that was never asked for, with a suggestion.
    pub(crate) fn finish(self, r: &mut Reporter<'_>, extra_hint: bool) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.known.contains(name) {
                continue;
            }
            let near = suggest::did_you_mean(name, self.known.iter().copied());
            let hint = if near.is_empty() && extra_hint {
                "; free-form data goes under [extra]".to_owned()
            } else {
                near
            };
            r.error(&key.span(), format!("unknown field `{}{name}`{hint}", self.prefix));
        }
    }
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
            r.error(
                &v.span(),
                format!("`{field}` must be a table like {example}, found {}", type_name(other)),
            );
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
