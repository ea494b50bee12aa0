//! `qiao export KIND FILE`: every item of a kind as one row, with exactly the
//! columns `import` reads (Chinese headers and enumeration labels on a Chinese
//! site), so that an unchanged export imported with `--update` changes no file.
//! `.xlsx` (rust_xlsxwriter: header row frozen, column widths set, real dates) or
//! `.csv` (UTF-8 with a BOM, which Excel needs to read it as UTF-8).

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::columns::{self, Column, Type};
use super::{Report, SheetError, kind_of};
use crate::config;
use crate::content::front_matter;
use crate::diagnostics::{self, Diagnostic};

/// One exported cell.
enum Out {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(jiff::civil::Date),
}

impl Out {
    fn text(&self) -> String {
        match self {
            Out::Empty => String::new(),
            Out::Text(s) => s.clone(),
            Out::Number(n) => super::values::number_text(*n),
            Out::Bool(b) => b.to_string(),
            Out::Date(d) => d.to_string(),
        }
    }
}

fn cell(column: &Column, value: Option<&toml::Value>, labels: bool) -> Out {
    let label = |s: &str| match column.ty {
        Type::Enum(section) | Type::EnumList(section) if labels => columns::enum_label(section, s),
        _ => s.to_owned(),
    };
    match value {
        None => Out::Empty,
        Some(toml::Value::String(s)) => Out::Text(label(s)),
        Some(toml::Value::Integer(i)) => Out::Number(*i as f64),
        Some(toml::Value::Float(f)) => Out::Number(*f),
        Some(toml::Value::Boolean(b)) => Out::Bool(*b),
        Some(toml::Value::Datetime(d)) => match (d.date, d.time, d.offset) {
            (Some(date), None, None) => {
                match jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8) {
                    Ok(d) => Out::Date(d),
                    Err(_) => Out::Text(d.to_string()),
                }
            }
            _ => Out::Text(d.to_string()),
        },
        Some(toml::Value::Array(a)) => Out::Text(
            a.iter()
                .map(|v| match v {
                    toml::Value::String(s) => label(s),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Some(other) => Out::Text(other.to_string()),
    }
}

fn lookup<'a>(table: &'a toml::Table, key: &str) -> Option<&'a toml::Value> {
    match key.split_once('.') {
        Some((t, c)) => table.get(t)?.as_table()?.get(c),
        None => table.get(key),
    }
}

/// Writes every item of `kind` under `root` to `file`; returns how many rows.
pub fn export(root: &Path, kind: &str, file: &Path) -> Result<usize, SheetError> {
    let kind = kind_of(kind)?;
    let ext =
        file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext != "xlsx" && ext != "csv" {
        return Err(SheetError::Usage(format!(
            "`{}`: export writes .xlsx or .csv",
            file.display()
        )));
    }
    let config = config::load(root).map_err(super::site_reports)?;
    let chinese = config.language.starts_with("zh");
    let (site, mut found) = super::parse_site(root, &config);
    let mut rows: Vec<(String, toml::Table)> = Vec::new();
    for (f, p) in &site {
        found.extend(p.diagnostics.iter().cloned());
        let Some(item) = &p.item else { continue };
        if item.kind != kind || super::is_translation(f) {
            continue;
        }
        let text = std::fs::read_to_string(&f.path)
            .map_err(|e| SheetError::Io(anyhow::anyhow!("{}: {e}", f.rel)))?;
        let Ok(split) = front_matter::split(&f.rel, &text) else { continue };
        let table: toml::Table = toml::from_str(split.toml).unwrap_or_default();
        rows.push((item.slug.clone(), table));
    }
    if diagnostics::has_errors(&found) {
        let errors: Vec<Diagnostic> = found.into_iter().filter(Diagnostic::is_error).collect();
        return Err(SheetError::Problems(errors.into_iter().map(Report::of).collect()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let cols = columns::columns(kind);
    let header: Vec<String> =
        cols.iter().map(|c| if chinese { c.zh[0].to_owned() } else { c.key.to_owned() }).collect();
    let grid: Vec<Vec<Out>> = rows
        .iter()
        .map(|(slug, table)| {
            cols.iter()
                .map(|c| {
                    if c.key == "slug" {
                        Out::Text(slug.clone())
                    } else {
                        cell(c, lookup(table, c.key), chinese)
                    }
                })
                .collect()
        })
        .collect();
    let io = |e: &dyn std::fmt::Display| SheetError::Io(anyhow::anyhow!("{}: {e}", file.display()));
    if ext == "csv" {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut bytes);
            w.write_record(&header).map_err(|e| io(&e))?;
            for row in &grid {
                w.write_record(row.iter().map(Out::text)).map_err(|e| io(&e))?;
            }
            w.flush().map_err(|e| io(&e))?;
        }
        std::fs::write(file, bytes).map_err(|e| io(&e))?;
    } else {
        write_xlsx(file, kind.folder(), &header, &grid).map_err(|e| io(&e))?;
    }
    Ok(grid.len())
}

/// How wide a text shows, in Excel's character widths (CJK counts two).
fn width(s: &str) -> usize {
    s.chars().map(|c| if crate::text::is_cjk(c) { 2 } else { 1 }).sum()
}

fn write_xlsx(
    file: &Path,
    name: &str,
    header: &[String],
    grid: &[Vec<Out>],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in grid {
        for (c, v) in row.iter().enumerate() {
            widths[c] = widths[c].max(width(&v.text()));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w).clamp(8, 50) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in grid.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Out::Empty => {}
                Out::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                Out::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Out::Bool(b) => {
                    sheet.write_boolean(r, c, *b)?;
                }
                Out::Date(d) => {
                    let x =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &x, &date)?;
                }
            }
        }
    }
    book.save(file)
}
