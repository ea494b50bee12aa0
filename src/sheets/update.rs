//! `import --update`: the fields a sheet has, written into a file that exists, with
//! everything else (other fields, comments, the body) kept byte for byte. The
//! front matter is edited with `toml_edit`, which keeps what it does not touch as it
//! was written; a field whose value is the same is not touched at all.

use std::ops::Range;

use toml_edit::{DocumentMut, InlineTable, Item, Value};

use crate::content::front_matter;
use crate::diagnostics::Problem;

/// The fields of one row: (column, dotted key, TOML value text or `None` for an
/// empty cell, which removes the field).
pub(crate) type Fields<'a> = [(usize, &'a str, Option<String>)];

/// Which lines of a file (first, last, 1-based) hold which column.
pub(crate) type Lines = Vec<(usize, usize, u32)>;

fn same(old: &Value, new: &str) -> bool {
    let parse = |s: &str| toml::from_str::<toml::Table>(&format!("v = {s}")).ok();
    let a = parse(&old.to_string());
    a.is_some() && a == parse(new)
}

fn parse_value(text: &str) -> Value {
    text.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

/// `old` with `fields` written in, and which lines of the result hold which column.
pub(crate) fn merge(old: &str, fields: &Fields<'_>) -> Result<(String, Lines), Problem> {
    let split = front_matter::split("", old).map_err(|d| d.problem)?;
    let mut doc: DocumentMut = split.toml.parse().map_err(|e: toml_edit::TomlError| {
        Problem::new(crate::diagnostics::Code::E0106).arg("error", e.message().to_owned())
    })?;
    for (_, key, value) in fields {
        let (top, child) = match key.split_once('.') {
            Some((t, c)) => (t, Some(c)),
            None => (*key, None),
        };
        match (child, value) {
            (None, Some(v)) => {
                if doc.get(top).and_then(Item::as_value).is_some_and(|old| same(old, v)) {
                    continue;
                }
                let decor = doc.get(top).and_then(Item::as_value).map(|o| o.decor().clone());
                let mut new = parse_value(v);
                if let Some(d) = decor {
                    *new.decor_mut() = d;
                }
                doc[top] = Item::Value(new);
            }
            (None, None) => {
                doc.remove(top);
            }
            (Some(c), Some(v)) => match doc.get_mut(top) {
                Some(Item::Value(Value::InlineTable(t))) => {
                    if t.get(c).is_some_and(|old| same(old, v)) {
                        continue;
                    }
                    t.insert(c, parse_value(v));
                }
                Some(Item::Table(t)) => {
                    if t.get(c).and_then(Item::as_value).is_some_and(|old| same(old, v)) {
                        continue;
                    }
                    t.insert(c, Item::Value(parse_value(v)));
                }
                _ => {
                    let mut t = InlineTable::new();
                    t.insert(c, parse_value(v));
                    doc[top] = Item::Value(Value::InlineTable(t));
                }
            },
            (Some(c), None) => {
                let empty = match doc.get_mut(top) {
                    Some(Item::Value(Value::InlineTable(t))) => {
                        t.remove(c);
                        t.is_empty()
                    }
                    Some(Item::Table(t)) => {
                        t.remove(c);
                        t.is_empty()
                    }
                    _ => false,
                };
                if empty {
                    doc.remove(top);
                }
            }
        }
    }
    let mut toml = doc.to_string();
    if !toml.is_empty() && !toml.ends_with('\n') {
        toml.push('\n');
    }
    let start = split.toml_offset;
    let end = start + split.toml.len();
    let text = if toml == split.toml {
        old.to_owned()
    } else {
        format!("{}{}{}", &old[..start], toml, &old[end..])
    };
    let lines = lines_of(&text, start, fields);
    Ok((text, lines))
}

/// Which lines of `text` (front matter from byte `start`) hold each field.
fn lines_of(text: &str, start: usize, fields: &Fields<'_>) -> Lines {
    let Ok(split) = front_matter::split("", text) else { return Vec::new() };
    let Ok(doc) = split.toml.parse::<toml_edit::Document<String>>() else { return Vec::new() };
    let line_at = |offset: usize| text[..start + offset].matches('\n').count() + 1;
    let span = |r: Option<Range<usize>>, v: Option<Range<usize>>| -> Option<(usize, usize)> {
        let a = r?.start;
        let b = v.map_or(a, |v| v.end.saturating_sub(1).max(a));
        Some((line_at(a), line_at(b)))
    };
    let mut out = Vec::new();
    for (col, key, _) in fields {
        if *col == usize::MAX {
            continue;
        }
        let (top, child) = match key.split_once('.') {
            Some((t, c)) => (t, Some(c)),
            None => (*key, None),
        };
        let Some((k, item)) = doc.as_table().get_key_value(top) else { continue };
        let found = match child {
            None => span(k.span(), item.span()),
            Some(c) => match item {
                Item::Value(Value::InlineTable(t)) => {
                    t.get_key_value(c).and_then(|(k, v)| span(k.span(), v.span()))
                }
                Item::Table(t) => t.get_key_value(c).and_then(|(k, v)| span(k.span(), v.span())),
                _ => None,
            },
        };
        if let Some((a, b)) = found {
            out.push((a, b, *col as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "+++\ntitle = \"甲\"  # 名称\ndate = 2025-01-02\ncontact = { name = \"王\", email = \"a@b.cn\" }\n\n[extra]\nx = 1\n+++\n\n正文 *不变*\n";

    #[test]
    fn same_values_change_nothing() {
        let fields = vec![
            (0, "title", Some("\"甲\"".to_owned())),
            (1, "contact.email", Some("\"a@b.cn\"".to_owned())),
        ];
        let (text, lines) = merge(OLD, &fields).unwrap();
        assert_eq!(text, OLD);
        assert_eq!(lines, vec![(2, 2, 0), (4, 4, 1)]);
    }

    #[test]
    fn changed_fields_only_and_the_body_kept() {
        let fields = vec![
            (0, "title", Some("\"乙\"".to_owned())),
            (1, "contact.phone", Some("\"123\"".to_owned())),
            (2, "summary", None),
        ];
        let (text, _) = merge(OLD, &fields).unwrap();
        assert!(text.contains("title = \"乙\"  # 名称\n"), "{text}");
        assert!(text.contains("phone = \"123\""), "{text}");
        assert!(text.contains("[extra]\nx = 1\n"), "{text}");
        assert!(text.ends_with("+++\n\n正文 *不变*\n"), "{text}");
    }
}
