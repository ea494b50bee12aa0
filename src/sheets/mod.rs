//! Spreadsheets in and out: `qiao import` turns the rows of a sheet into content
//! files, `qiao export` writes the items of a kind as a sheet with the same columns.
//!
//! An import reads the sheet ([`read`]), maps its header row to fields
//! ([`columns`]), turns every row into the front matter a content file would hold
//! ([`values`]), and checks those texts with the content checks of `check`
//! (`content::parse_file` and `content::assemble`), against the site and the other
//! rows. Each generated line is one cell, so a diagnostic's line names the cell it
//! came from: `FILE:SHEET!B7`. Nothing is written unless every row passes.
//!
//! What it is not: the content rules themselves (`content`), or the command line
//! (`cli`, which prints what this returns).

pub(crate) mod columns;
mod export;
pub(crate) mod read;
mod slug;
mod update;
pub(crate) mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{self, SiteConfig};
use crate::content::{self, ContentFile, Parsed};
use crate::diagnostics::{self, Code, Diagnostic, Lang, Message, Position, Problem, suggest};
use crate::model::Kind;

pub use export::export;
pub use read::Encoding;

use columns::Column;
use read::Cell;
use values::Names;

/// Where a report points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The spreadsheet file as a whole.
    File(String),
    /// One cell, by 0-based row and column (so that B7 comes before B10), shown
    /// as `FILE:SHEET!B7` (CSV: `FILE:B7`).
    Cell(u32, u32, String),
    /// A content file of the site, at a line and column.
    Content(String, usize, usize),
}

impl Place {
    /// The place of a cell (0-based row and column).
    pub(crate) fn cell(shown: &str, sheet: Option<&str>, row: u32, col: u32) -> Place {
        let name = cell_name(row, col);
        match sheet {
            Some(s) => Place::Cell(row, col, format!("{shown}:{s}!{name}")),
            None => Place::Cell(row, col, format!("{shown}:{name}")),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::File(s) | Place::Cell(_, _, s) => f.write_str(s),
            Place::Content(p, l, c) => write!(f, "{p}:{l}:{c}"),
        }
    }
}

/// `B7` for 0-based row 6, column 1.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// One problem of an import, at a cell, the file, or a content file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Report {
    /// Where.
    pub place: Place,
    /// What.
    pub(crate) problem: Problem,
}

impl Report {
    /// The code.
    pub fn code(&self) -> Code {
        self.problem.code()
    }

    /// Whether it fails the import.
    pub fn is_error(&self) -> bool {
        self.code().severity() == diagnostics::Severity::Error
    }

    /// `PLACE: error[CODE]: message`, as `check` prints its lines.
    pub fn line(&self, lang: Lang) -> String {
        let message = self.problem.message(lang).replace(['\n', '\r'], " ");
        format!("{}: {}[{}]: {}", self.place, self.code().severity().as_str(), self.code(), message)
    }

    fn of(d: Diagnostic) -> Report {
        Report {
            place: Place::Content(d.path.clone(), d.position.line, d.position.column),
            problem: d.problem,
        }
    }
}

/// Every report, then the count line.
pub fn render(reports: &[Report], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&r.line(lang));
        out.push('\n');
    }
    let errors = reports.iter().filter(|r| r.is_error()).count();
    let warnings = reports.len() - errors;
    let e = Message::new("count-errors").arg("count", errors).word(lang);
    let w = Message::new("count-warnings").arg("count", warnings).word(lang);
    out.push_str(&match (errors, warnings) {
        (_, 0) => e,
        (0, _) => w,
        _ => format!("{e}{}{w}", if lang == Lang::Zh { "，" } else { ", " }),
    });
    out.push('\n');
    out
}

/// Why an import or export did not happen.
#[derive(Debug)]
pub enum SheetError {
    /// The command line is wrong (an unknown kind or encoding, a bad file name).
    Usage(String),
    /// The sheet or the site has errors; nothing was written.
    Problems(Vec<Report>),
    /// A file could not be written.
    Io(anyhow::Error),
}

/// What `qiao import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site root.
    pub root: PathBuf,
    /// members, cases, policies, demands or roadshows.
    pub kind: String,
    /// The spreadsheet.
    pub file: PathBuf,
    /// The sheet to read (default: the first).
    pub sheet: Option<String>,
    /// Rewrite the fields the sheet has in files that exist.
    pub update: bool,
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// The encoding of a CSV file (default: detected).
    pub encoding: Option<Encoding>,
    /// "Today" (the default `date` of a new item, and the checks that need it).
    pub today: Option<Date>,
    /// The language of messages.
    pub lang: Lang,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Imported {
    /// Files written new, site-relative.
    pub created: Vec<String>,
    /// Files rewritten.
    pub updated: Vec<String>,
    /// Files whose fields the sheet did not change.
    pub unchanged: Vec<String>,
    /// Slugs qiao chose: (cell of the title, title, slug).
    pub derived: Vec<(String, String, String)>,
    /// Warnings.
    pub warnings: Vec<Report>,
}

/// A row on its way to a file.
struct Row {
    /// 0-based row number.
    number: u32,
    cells: Vec<Cell>,
    /// The existing file this row updates.
    existing: Option<(ContentFile, String)>,
    /// The file it becomes.
    file: ContentFile,
    /// The file's text.
    text: String,
    /// Which 1-based lines of `text` hold which column (index into the columns).
    lines: Vec<(usize, usize, u32)>,
}

pub(crate) fn kind_of(name: &str) -> Result<Kind, SheetError> {
    Kind::from_folder(name.trim()).ok_or_else(|| {
        SheetError::Usage(format!(
            "unknown kind `{name}`: use members, cases, policies, demands or roadshows"
        ))
    })
}

fn site_reports(list: Vec<Diagnostic>) -> SheetError {
    SheetError::Problems(list.into_iter().map(Report::of).collect())
}

/// The site's files, parsed as `check` parses them.
pub(crate) fn parse_site(
    root: &Path,
    config: &SiteConfig,
) -> (Vec<(ContentFile, Parsed)>, Vec<Diagnostic>) {
    let (files, walk_diagnostics) = content::walk::walk(root);
    let parsed: Vec<Parsed> = files.par_iter().map(|f| content::read_file(f, config)).collect();
    (files.into_iter().zip(parsed).collect(), walk_diagnostics)
}

/// Whether a file is a translation (`x.en.md`), which a sheet never names.
fn is_translation(file: &ContentFile) -> bool {
    file.segments.last().is_some_and(|s| s.contains('.'))
}

/// `qiao import KIND FILE`.
pub fn import(o: &ImportOptions) -> Result<Imported, SheetError> {
    let kind = kind_of(&o.kind)?;
    let config = config::load(&o.root).map_err(site_reports)?;
    let today = o
        .today
        .unwrap_or_else(|| jiff::Timestamp::now().to_zoned_datetime(config.tz.clone()).date());
    let shown = o.file.display().to_string();
    let grid = read::read(&o.file, &shown, o.sheet.as_deref(), o.encoding)
        .map_err(SheetError::Problems)?;
    let sheet = grid.sheet.clone();
    let at = |row: u32, col: u32| Place::cell(&shown, sheet.as_deref(), row, col);

    let Some((header_row, _)) = grid.rows.first() else {
        let place = match &sheet {
            Some(s) => Place::File(format!("{shown}:{s}")),
            None => Place::File(shown.clone()),
        };
        let problem = Problem::new(Code::E0905).arg("sheet", sheet.clone().unwrap_or_default());
        return Err(SheetError::Problems(vec![Report { place, problem }]));
    };
    let header_row = *header_row;
    let (mapped, mut reports) = map_header(kind, &grid, &at);
    reports.extend(sheet_problems(&grid, &at));
    let data: Vec<&(u32, Vec<Cell>)> = grid.rows.iter().skip(1).collect();
    if data.is_empty() {
        reports.push(Report { place: at(header_row, 0), problem: Problem::new(Code::E0906) });
    }
    if !reports.is_empty() {
        reports.sort();
        return Err(SheetError::Problems(reports));
    }

    // The site.
    let (site, walk_diagnostics) = parse_site(&o.root, &config);
    let (site_files, site_parsed): (Vec<ContentFile>, Vec<Parsed>) = site.into_iter().unzip();
    let mut names = Names::default();
    let mut existing: BTreeMap<String, (ContentFile, String)> = BTreeMap::new();
    for (file, parsed) in site_files.iter().zip(&site_parsed) {
        let Some(item) = &parsed.item else { continue };
        if is_translation(file) {
            continue;
        }
        if item.kind == kind {
            existing.insert(item.slug.clone(), (file.clone(), item.title.clone()));
        }
        let pair = match item.kind {
            Kind::Members => &mut names.members,
            Kind::Policies => &mut names.policies,
            _ => continue,
        };
        pair.0.insert(item.slug.clone());
        pair.1.entry(item.title.clone()).or_insert_with(|| item.slug.clone());
    }

    // Slugs.
    let mut by_title: BTreeMap<&str, &str> = BTreeMap::new();
    for (slug, (_, title)) in &existing {
        by_title.entry(title.as_str()).or_insert(slug.as_str());
    }
    let col_of = |key: &str| mapped.iter().position(|c| c.is_some_and(|c| c.key == key));
    let slug_col = col_of("slug");
    let title_col = col_of("title");
    let mut taken: BTreeSet<String> = existing.keys().cloned().collect();
    let mut in_sheet: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut derived = Vec::new();
    for (r, cells) in &data {
        let text_at = |c: Option<usize>| {
            c.and_then(|c| cells.get(c)).map(values::cell_text).unwrap_or_default()
        };
        let given = text_at(slug_col);
        let title = text_at(title_col);
        let (slug, place) = if !given.is_empty() {
            (given, at(*r, slug_col.unwrap_or(0) as u32))
        } else if !title.is_empty() {
            // The same title as an item that exists: that item (so that a sheet
            // imported again names the same files); else a new slug.
            let same = by_title.get(title.as_str()).map(|s| (*s).to_owned());
            let chosen = same.unwrap_or_else(|| slug::unique(&slug::derive(&title), &taken));
            derived.push((
                at(*r, title_col.unwrap_or(0) as u32).to_string(),
                title.clone(),
                chosen.clone(),
            ));
            (chosen, at(*r, title_col.unwrap_or(0) as u32))
        } else {
            reports.push(Report { place: at(*r, 0), problem: Problem::new(Code::E0917) });
            continue;
        };
        if let Some(first) = in_sheet.get(&slug) {
            reports.push(Report {
                place,
                problem: Problem::new(Code::E0915)
                    .arg("slug", slug.clone())
                    .arg("row", (*first + 1) as usize),
            });
            continue;
        }
        in_sheet.insert(slug.clone(), *r);
        taken.insert(slug.clone());
        let found = existing.get(&slug).cloned();
        if found.is_some() && !o.update {
            let path = found.as_ref().map(|(f, _)| f.rel.clone()).unwrap_or_default();
            reports.push(Report {
                place,
                problem: Problem::new(Code::E0914).arg("slug", slug.clone()).arg("path", path),
            });
            continue;
        }
        let file = match &found {
            Some((f, _)) => f.clone(),
            None => {
                let rel = format!("content/{}/{slug}.md", kind.folder());
                ContentFile {
                    path: o.root.join(&rel),
                    rel,
                    kind,
                    segments: vec![kind.folder().to_owned(), slug.clone()],
                    is_intro: false,
                    lang: None,
                }
            }
        };
        // The title of a row names it for references from other rows.
        if !title.is_empty() {
            let pair = match kind {
                Kind::Members => Some(&mut names.members),
                Kind::Policies => Some(&mut names.policies),
                _ => None,
            };
            if let Some(pair) = pair {
                pair.0.insert(slug.clone());
                pair.1.entry(title.clone()).or_insert_with(|| slug.clone());
            }
        }
        let existing_text = match &found {
            Some((f, _)) => match std::fs::read_to_string(&f.path) {
                Ok(t) => Some((f.clone(), t)),
                Err(e) => {
                    return Err(SheetError::Io(anyhow::anyhow!("{}: {e}", f.rel)));
                }
            },
            None => None,
        };
        rows.push(Row {
            number: *r,
            cells: cells.clone(),
            existing: existing_text,
            file,
            text: String::new(),
            lines: Vec::new(),
        });
    }
    if !reports.is_empty() {
        reports.sort();
        return Err(SheetError::Problems(reports));
    }

    // Front matter of every row.
    let (date_col, joined_col) = (col_of("date"), col_of("joined"));
    for row in &mut rows {
        front_matter(row, &mapped, &names, today, date_col, joined_col)?;
    }

    // Check every row with the site, as `check` does.
    let replaced: BTreeSet<&str> =
        rows.iter().filter_map(|r| r.existing.as_ref().map(|(f, _)| f.rel.as_str())).collect();
    let row_parsed: Vec<Parsed> =
        rows.par_iter().map(|r| content::parse_file(&r.file, &r.text, &config)).collect();
    let row_files: Vec<ContentFile> = rows.iter().map(|r| r.file.clone()).collect();
    let mut found = walk_diagnostics;
    let site_files: Vec<ContentFile> = site_files;
    let site_copy: Vec<(&ContentFile, Parsed)> = site_files
        .iter()
        .zip(site_parsed)
        .filter(|(f, _)| !replaced.contains(f.rel.as_str()))
        .chain(row_files.iter().zip(row_parsed))
        .collect();
    content::assemble(&o.root, config.clone(), site_copy, false, today, &mut found);
    diagnostics::sort(&mut found);
    let by_path: BTreeMap<&str, &Row> = rows.iter().map(|r| (r.file.rel.as_str(), r)).collect();
    let mut warnings = Vec::new();
    for d in found {
        let report = match by_path.get(d.path.as_str()) {
            Some(row) => {
                let line = d.position.line;
                let col = row.lines.iter().find(|(a, b, _)| (*a..=*b).contains(&line)).map(|x| x.2);
                let problem = with_title_hint(d.problem.clone(), &names);
                match col {
                    Some(c) => Report { place: at(row.number, c), problem },
                    None if row.existing.is_none() || d.position == Position::START => {
                        Report { place: at(row.number, title_col.unwrap_or(0) as u32), problem }
                    }
                    None => Report::of(d),
                }
            }
            None => Report::of(d),
        };
        if report.is_error() { reports.push(report) } else { warnings.push(report) }
    }
    if !reports.is_empty() {
        reports.sort();
        reports.extend(warnings);
        return Err(SheetError::Problems(reports));
    }

    // Write.
    let mut done = Imported { derived, warnings, ..Imported::default() };
    for row in &rows {
        match &row.existing {
            Some((_, old)) if *old == row.text => done.unchanged.push(row.file.rel.clone()),
            Some(_) => done.updated.push(row.file.rel.clone()),
            None => done.created.push(row.file.rel.clone()),
        }
    }
    if !o.dry_run {
        let dirs: BTreeSet<&Path> = rows.iter().filter_map(|r| r.file.path.parent()).collect();
        for dir in dirs {
            std::fs::create_dir_all(dir)
                .map_err(|e| SheetError::Io(anyhow::anyhow!("{}: {e}", dir.display())))?;
        }
        rows.par_iter()
            .filter(|row| row.existing.as_ref().is_none_or(|(_, old)| *old != row.text))
            .try_for_each(|row| {
                std::fs::write(&row.file.path, &row.text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", row.file.rel))
            })
            .map_err(SheetError::Io)?;
    }
    Ok(done)
}

/// An unknown member or policy in a cell that is part of a title (`恒锐精密` for
/// `浔江恒锐精密机械有限公司`): the title and slug it may mean, as a hint.
fn with_title_hint(problem: Problem, names: &Names) -> Problem {
    if problem.code() != Code::E0301 {
        return problem;
    }
    let Some(wrong) = problem.arg_str("slug").map(str::to_owned) else { return problem };
    if wrong.chars().count() < 2 {
        return problem;
    }
    let hint = [&names.members, &names.policies]
        .into_iter()
        .flat_map(|pair| pair.1.iter())
        .find(|(title, _)| title.contains(wrong.as_str()));
    match hint {
        Some((title, slug)) => problem.help(
            Message::new("sheet-did-you-mean-title")
                .arg("title", title.clone())
                .arg("slug", slug.clone()),
        ),
        None => problem,
    }
}

/// The column each header cell names (the grid has a first row), and the
/// problems of the header: a column that is no field, one named twice, values
/// under no header.
fn map_header(
    kind: Kind,
    grid: &read::Grid,
    at: &dyn Fn(u32, u32) -> Place,
) -> (Vec<Option<Column>>, Vec<Report>) {
    let mut reports = Vec::new();
    let (header_row, header) = &grid.rows[0];
    let width = grid.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let mut mapped: Vec<Option<Column>> = vec![None; width];
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for (col, slot) in mapped.iter_mut().enumerate() {
        let place = at(*header_row, col as u32);
        let name = header.get(col).map(values::cell_text).unwrap_or_default();
        if name.is_empty() {
            let used =
                grid.rows.iter().skip(1).any(|(_, c)| c.get(col).is_some_and(|x| !x.is_empty()));
            if used {
                reports.push(Report { place, problem: Problem::new(Code::E0918) });
            }
            continue;
        }
        match columns::find(kind, &name) {
            Some(c) => match seen.get(c.key) {
                Some(first) => reports.push(Report {
                    place,
                    problem: Problem::new(Code::E0908)
                        .arg("name", name.clone())
                        .arg("first", cell_name(*header_row, *first)),
                }),
                None => {
                    seen.insert(c.key, col as u32);
                    *slot = Some(c);
                }
            },
            None => {
                let names = columns::names(kind);
                reports.push(Report {
                    place,
                    problem: Problem::new(Code::E0907)
                        .arg("name", name.clone())
                        .arg("kind", kind.folder())
                        .help_opt(suggest::did_you_mean(&name, names.iter().copied())),
                });
            }
        }
    }
    (mapped, reports)
}

/// Merged cells, formulas and error values, each at its cell.
fn sheet_problems(grid: &read::Grid, at: &dyn Fn(u32, u32) -> Place) -> Vec<Report> {
    let mut reports = Vec::new();
    for &(r0, c0, r1, c1) in &grid.merged {
        let range = format!("{}:{}", cell_name(r0, c0), cell_name(r1, c1));
        reports.push(Report {
            place: at(r0, c0),
            problem: Problem::new(Code::E0909).arg("range", range),
        });
    }
    for &(r, c) in &grid.formulas {
        reports.push(Report { place: at(r, c), problem: Problem::new(Code::E0910) });
    }
    for (r, cells) in grid.rows.iter().skip(1) {
        for (c, cell) in cells.iter().enumerate() {
            if let Cell::Error(e) = cell {
                reports.push(Report {
                    place: at(*r, c as u32),
                    problem: Problem::new(Code::E0916).arg("value", e.clone()),
                });
            }
        }
    }
    reports
}

/// The text of a row's file: a new file's front matter, one line a cell, or the
/// file that exists with the sheet's fields written in; and which lines hold
/// which column.
fn front_matter(
    row: &mut Row,
    mapped: &[Option<Column>],
    names: &Names,
    today: Date,
    date_col: Option<usize>,
    joined_col: Option<usize>,
) -> Result<(), SheetError> {
    let mut fields: Vec<(usize, &'static str, Option<String>)> = Vec::new();
    for (c, column) in mapped.iter().enumerate() {
        let Some(column) = column else { continue };
        if column.key == "slug" {
            // The file name carries the slug (a file that exists keeps its own).
            continue;
        }
        let cell = row.cells.get(c).cloned().unwrap_or(Cell::Empty);
        let value = (!cell.is_empty()).then(|| values::toml_value(column.ty, &cell, names));
        fields.push((c, column.key, value));
    }
    if row.existing.is_none() && !fields.iter().any(|(_, k, v)| *k == "date" && v.is_some()) {
        // A new item's publication date: the `date` cell, else when it joined, else today.
        let joined = joined_col
            .and_then(|c| row.cells.get(c))
            .filter(|c| !c.is_empty())
            .map(|c| values::toml_value(columns::Type::Date, c, names))
            .filter(|v| !v.starts_with('"'));
        let value = joined.unwrap_or_else(|| today.to_string());
        fields.retain(|(_, k, _)| *k != "date");
        fields.push((date_col.unwrap_or(usize::MAX), "date", Some(value)));
    }
    match &row.existing {
        None => {
            let mut text = String::from("+++\n");
            let mut line = 2;
            for (c, key, value) in &fields {
                let Some(value) = value else { continue };
                text.push_str(&format!("{key} = {value}\n"));
                if *c != usize::MAX {
                    row.lines.push((line, line, *c as u32));
                }
                line += 1;
            }
            text.push_str("+++\n");
            row.text = text;
        }
        Some((file, old)) => {
            let (text, lines) = update::merge(old, &fields).map_err(|d| {
                SheetError::Problems(vec![Report::of(Diagnostic::file(&file.rel, d))])
            })?;
            row.text = text;
            row.lines = lines;
        }
    }
    Ok(())
}
