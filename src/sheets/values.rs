//! One cell to one TOML value, by what its column holds: dates in the forms editors
//! type (`2025/3/18`, `2025年3月18日`) or real spreadsheet dates, enumeration labels,
//! lists, numbers, references by title. A cell that fits no form is written as the
//! string it is, so that the content checks report it with their own code.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, DateTime, Time};

use super::columns::{Type, enum_value, split_list};
use super::read::Cell;
use crate::text::{toml_string as quote, toml_strings as list};

/// Titles and slugs that references in a sheet may name.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Member slugs, and member title → slug.
    pub(crate) members: (BTreeSet<String>, BTreeMap<String, String>),
    /// Policy slugs, and policy title → slug.
    pub(crate) policies: (BTreeSet<String>, BTreeMap<String, String>),
}

impl Names {
    fn resolve(pair: &(BTreeSet<String>, BTreeMap<String, String>), name: &str) -> String {
        let name = name.trim();
        if pair.0.contains(name) {
            return name.to_owned();
        }
        pair.1.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }
}

/// A number as an editor sees it: `13800000000`, not `13800000000.0`.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// The text of a cell, for a column that holds text.
pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.trim().to_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::DateTime(dt) => dt.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

/// Year, month and day of `2025-03-18`, `2025/3/18`, `2025.3.18`, `2025年3月18日`.
fn date_parts(s: &str) -> Option<(i16, i8, i8)> {
    let s = s.trim().trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?))
}

/// `2025-03-18`, `2025/3/18`, `2025.3.18`, `2025年3月18日`, when the day exists.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let (y, m, d) = date_parts(s)?;
    Date::new(y, m, d).ok()
}

/// A date and a time of day: `2026-12-18 14:00`, `2026/12/18 14:00:00`.
fn parse_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let (d, t) = s.split_once([' ', 'T'])?;
    let date = parse_date(d)?;
    let t = t.trim().replace('：', ":");
    let nums: Vec<&str> = t.split(':').collect();
    if !(2..=3).contains(&nums.len()) {
        return None;
    }
    let h: i8 = nums[0].parse().ok()?;
    let m: i8 = nums[1].parse().ok()?;
    let sec: i8 = nums.get(2).map_or(Some(0), |x| x.parse().ok())?;
    Some(date.to_datetime(Time::new(h, m, sec, 0).ok()?))
}

/// A TOML date-time literal as written (`2026-12-18T14:00:00+08:00`), kept as it is.
fn toml_datetime(s: &str) -> Option<String> {
    let s = s.trim();
    let v: toml::Table = toml::from_str(&format!("v = {s}")).ok()?;
    matches!(v.get("v"), Some(toml::Value::Datetime(_))).then(|| s.to_owned())
}

fn date_value(cell: &Cell, with_time: bool) -> String {
    match cell {
        Cell::Date(d) => d.to_string(),
        Cell::DateTime(dt) if with_time => format!("{}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
        Cell::DateTime(dt) => dt.date().to_string(),
        Cell::Text(s) => {
            if let Some(d) = parse_date(s) {
                return d.to_string();
            }
            if let Some((y, m, d)) = date_parts(s) {
                // A date in an editor's form that does not exist (`2025年13月1日`):
                // written the TOML way, so that the check says what is wrong with it.
                return quote(&format!("{y:04}-{m:02}-{d:02}"));
            }
            if with_time && let Some(dt) = parse_datetime(s) {
                return format!("{}", dt.strftime("%Y-%m-%dT%H:%M:%S"));
            }
            if with_time && let Some(raw) = toml_datetime(s) {
                return raw;
            }
            quote(s.trim())
        }
        other => quote(&cell_text(other)),
    }
}

fn bool_value(cell: &Cell) -> String {
    match cell {
        Cell::Bool(b) => b.to_string(),
        Cell::Number(n) if *n == 1.0 => "true".into(),
        Cell::Number(n) if *n == 0.0 => "false".into(),
        other => {
            let t = cell_text(other);
            match t.to_lowercase().as_str() {
                "true" | "yes" | "是" | "y" => "true".into(),
                "false" | "no" | "否" | "n" => "false".into(),
                _ => quote(&t),
            }
        }
    }
}

fn number_value(cell: &Cell, whole: bool) -> String {
    let n = match cell {
        Cell::Number(n) => Some(*n),
        other => cell_text(other).replace([',', '，'], "").parse::<f64>().ok(),
    };
    match n {
        Some(n) if !whole || n.fract() == 0.0 => number_text(n),
        _ => quote(&cell_text(cell)),
    }
}

/// The TOML value of `cell` in a column of type `ty` (the cell is not empty).
pub(crate) fn toml_value(ty: Type, cell: &Cell, names: &Names) -> String {
    match ty {
        Type::Text => quote(&cell_text(cell)),
        Type::List => list(&split_list(&cell_text(cell))),
        Type::TextOrList => one_or_list(split_list(&cell_text(cell))),
        Type::Date => date_value(cell, false),
        Type::DateTime | Type::DateOrTime => date_value(cell, true),
        Type::Bool => bool_value(cell),
        Type::Int => number_value(cell, true),
        Type::Number => number_value(cell, false),
        Type::Enum(section) => quote(&enum_value(section, &cell_text(cell))),
        Type::EnumList(section) => {
            let values: Vec<String> =
                split_list(&cell_text(cell)).iter().map(|v| enum_value(section, v)).collect();
            list(&values)
        }
        Type::Member => quote(&Names::resolve(&names.members, &cell_text(cell))),
        Type::MemberList | Type::MemberOrList | Type::PolicyList => {
            let pair = if ty == Type::PolicyList { &names.policies } else { &names.members };
            let values: Vec<String> =
                split_list(&cell_text(cell)).iter().map(|v| Names::resolve(pair, v)).collect();
            if ty == Type::MemberOrList { one_or_list(values) } else { list(&values) }
        }
    }
}

fn one_or_list(values: Vec<String>) -> String {
    if values.len() == 1 { quote(&values[0]) } else { list(&values) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_editors_type() {
        let d = Date::constant(2025, 3, 18);
        for s in ["2025-03-18", "2025/3/18", "2025年3月18日", "2025.3.18", " 2025-3-18 "] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("2025-13-45"), None);
        assert_eq!(parse_date("18/3/2025"), None);
        assert_eq!(date_value(&Cell::Text("2026/12/18 14:00".into()), true), "2026-12-18T14:00:00");
        assert_eq!(
            date_value(&Cell::Text("2026-12-18T14:00:00+08:00".into()), true),
            "2026-12-18T14:00:00+08:00"
        );
        assert_eq!(date_value(&Cell::Text("明天".into()), false), "\"明天\"");
    }

    #[test]
    fn numbers_and_booleans() {
        assert_eq!(
            toml_value(Type::Text, &Cell::Number(13800000000.0), &Names::default()),
            "\"13800000000\""
        );
        assert_eq!(toml_value(Type::Int, &Cell::Text("6".into()), &Names::default()), "6");
        assert_eq!(toml_value(Type::Bool, &Cell::Text("是".into()), &Names::default()), "true");
    }
}
