//! Reading a spreadsheet into rows of cells: `.xlsx` (streamed), `.xls`, `.ods`
//! (calamine) and `.csv` (the csv crate, after decoding UTF-8, UTF-8 with BOM or
//! GB18030 with encoding_rs). What a cell means is not decided here.

use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook_auto};
use jiff::civil::{Date, DateTime};

use super::{Place, Report};
use crate::diagnostics::{Code, Problem};

/// More data rows than this is an error: an import is a roster, not a database, and
/// the reader stops there so that memory stays bounded.
pub(crate) const MAX_ROWS: u32 = 50_000;

/// One cell's value as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A real spreadsheet date (no time of day).
    Date(Date),
    /// A real spreadsheet date and time.
    DateTime(DateTime),
    /// `#N/A`, `#DIV/0!` …
    Error(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet read into memory (at most [`MAX_ROWS`] rows).
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// The sheet's name (`None` for CSV).
    pub(crate) sheet: Option<String>,
    /// Rows by 0-based row number, each a list of cells from column A; blank rows left out.
    pub(crate) rows: Vec<(u32, Vec<Cell>)>,
    /// Merged areas: (first row, first column, last row, last column), 0-based.
    pub(crate) merged: Vec<(u32, u32, u32, u32)>,
    /// Cells that hold a formula, 0-based (row, column).
    pub(crate) formulas: Vec<(u32, u32)>,
}

/// Which text encoding a CSV file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// GB18030 (GBK and GB2312 are subsets): what Excel on Chinese Windows saves.
    Gb18030,
}

impl Encoding {
    /// `utf-8`, `gbk`, `gb18030`, `gb2312` (any case).
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

fn file_report(shown: &str, problem: Problem) -> Report {
    Report { place: Place::File(shown.to_owned()), problem }
}

/// Reads `path` (shown in messages as `shown`).
pub(crate) fn read(
    path: &Path,
    shown: &str,
    sheet: Option<&str>,
    encoding: Option<Encoding>,
) -> Result<Grid, Vec<Report>> {
    let ext =
        path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let io = |e: std::io::Error| {
        vec![file_report(shown, Problem::new(Code::E0901).arg("error", e.to_string()))]
    };
    match ext.as_str() {
        "csv" => {
            let file = std::fs::File::open(path).map_err(io)?;
            read_csv(std::io::BufReader::new(file), shown, encoding)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let mut head = [0u8; 8];
            {
                use std::io::Read;
                let mut f = std::fs::File::open(path).map_err(io)?;
                let n = f.read(&mut head).map_err(io)?;
                if n == 0 {
                    return Err(vec![file_report(
                        shown,
                        Problem::new(Code::E0901).arg("error", "0 bytes"),
                    )]);
                }
            }
            // An encrypted .xlsx or .ods is an OLE compound file, not a zip.
            let ole = head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            if ole && ext != "xls" {
                return Err(vec![file_report(shown, Problem::new(Code::E0902))]);
            }
            if ext == "xlsx" || ext == "xlsm" {
                read_xlsx(path, shown, sheet)
            } else {
                read_other(path, shown, sheet)
            }
        }
        _ => Err(vec![file_report(shown, Problem::new(Code::E0903).arg("ext", ext))]),
    }
}

fn open_error(shown: &str, e: impl std::fmt::Display) -> Vec<Report> {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        vec![file_report(shown, Problem::new(Code::E0902))]
    } else {
        vec![file_report(shown, Problem::new(Code::E0901).arg("error", text))]
    }
}

/// Chooses the sheet: the one named, else the first.
fn choose(names: &[String], sheet: Option<&str>, shown: &str) -> Result<String, Vec<Report>> {
    match sheet {
        Some(s) => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            vec![file_report(
                shown,
                Problem::new(Code::E0904).arg("sheet", s).arg("sheets", names.to_vec()),
            )]
        }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| vec![file_report(shown, Problem::new(Code::E0905).arg("sheet", ""))]),
    }
}

fn too_many(shown: &str, sheet: Option<&str>, row: u32) -> Vec<Report> {
    vec![Report {
        place: Place::cell(shown, sheet, row, 0),
        problem: Problem::new(Code::E0911).arg("limit", MAX_ROWS as usize),
    }]
}

fn read_xlsx(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Grid, Vec<Report>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|e| open_error(shown, e))?;
    let names = book.sheet_names();
    let name = choose(&names, sheet, shown)?;
    let mut grid = Grid { sheet: Some(name.clone()), ..Grid::default() };
    if let Ok(merged) = book.merge_cells_by_sheet_name(&name) {
        grid.merged = merged.iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
    }
    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| open_error(shown, e))?;
    let mut current: Option<(u32, Vec<Cell>)> = None;
    loop {
        let next = reader.next_cell_with_formula_metadata().map_err(|e| open_error(shown, e))?;
        let Some(record) = next else { break };
        let (row, col) = record.pos;
        if row > MAX_ROWS {
            return Err(too_many(shown, Some(&name), row));
        }
        if record.formula.is_some() {
            grid.formulas.push((row, col));
        }
        let cell = from_ref(record.value);
        if current.as_ref().is_some_and(|(r, _)| *r != row) {
            push_row(&mut grid, current.take());
        }
        let entry = current.get_or_insert_with(|| (row, Vec::new()));
        let col = col as usize;
        if entry.1.len() <= col {
            entry.1.resize(col + 1, Cell::Empty);
        }
        entry.1[col] = cell;
    }
    push_row(&mut grid, current);
    Ok(grid)
}

fn push_row(grid: &mut Grid, row: Option<(u32, Vec<Cell>)>) {
    if let Some((r, cells)) = row
        && cells.iter().any(|c| !c.is_empty())
    {
        grid.rows.push((r, cells));
    }
}

fn read_other(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Grid, Vec<Report>> {
    let mut book = open_workbook_auto(path).map_err(|e| open_error(shown, e))?;
    let names = book.sheet_names();
    let name = choose(&names, sheet, shown)?;
    let mut grid = Grid { sheet: Some(name.clone()), ..Grid::default() };
    if let calamine::Sheets::Xls(xls) = &mut book
        && let Ok(merged) = xls.merge_cells_by_sheet_name(&name)
    {
        grid.merged = merged.iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
    }
    if let calamine::Sheets::Ods(_) = &book {
        grid.merged = ods_merged(path, &name).unwrap_or_default();
    }
    let range = book.worksheet_range(&name).map_err(|e| open_error(shown, e))?;
    if let Ok(formulas) = book.worksheet_formula(&name)
        && let Some((r0, c0)) = formulas.start()
    {
        for (r, row) in formulas.rows().enumerate() {
            for (c, f) in row.iter().enumerate() {
                if !f.is_empty() {
                    grid.formulas.push((r0 + r as u32, c0 + c as u32));
                }
            }
        }
    }
    let Some((r0, c0)) = range.start() else { return Ok(grid) };
    for (i, row) in range.rows().enumerate() {
        let r = r0 + i as u32;
        if r > MAX_ROWS {
            return Err(too_many(shown, Some(&name), r));
        }
        let mut cells = vec![Cell::Empty; c0 as usize];
        cells.extend(row.iter().map(from_data));
        push_row(&mut grid, Some((r, cells)));
    }
    Ok(grid)
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => serial(d.as_f64()),
        Data::DateTimeIso(s) => iso(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

fn from_ref(d: DataRef<'_>) -> Cell {
    match d {
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_owned()),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(d) => serial(d.as_f64()),
        DataRef::DateTimeIso(s) => iso(&s),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

/// An Excel serial date (days since 1899-12-30, the fraction the time of day).
fn serial(value: f64) -> Cell {
    let days = value.floor();
    let seconds = ((value - days) * 86_400.0).round() as i64;
    let base = Date::constant(1899, 12, 30);
    let Ok(date) = base.checked_add(jiff::Span::new().days(days as i64)) else {
        return Cell::Number(value);
    };
    if seconds == 0 {
        Cell::Date(date)
    } else {
        let dt = date.at(0, 0, 0, 0);
        match dt.checked_add(jiff::Span::new().seconds(seconds)) {
            Ok(dt) => Cell::DateTime(dt),
            Err(_) => Cell::Date(date),
        }
    }
}

/// An ISO date or date-time as ODS holds them.
fn iso(s: &str) -> Cell {
    if let Ok(d) = s.parse::<Date>() {
        return Cell::Date(d);
    }
    match s.parse::<DateTime>() {
        Ok(dt) if dt.time() == jiff::civil::Time::midnight() => Cell::Date(dt.date()),
        Ok(dt) => Cell::DateTime(dt),
        Err(_) => Cell::Text(s.to_owned()),
    }
}

/// Decodes a CSV file line by line (a line break is never part of a multi-byte
/// character in UTF-8 or GB18030) and hands the text to the csv reader, so that
/// a huge file is read only as far as [`MAX_ROWS`].
struct Decoding<R> {
    inner: R,
    encoding: Option<Encoding>,
    /// Bytes read so far, and lines.
    offset: usize,
    line: usize,
    /// Decoded text not yet handed on.
    pending: Vec<u8>,
    at: usize,
    raw: Vec<u8>,
    /// The first line in an encoding the file is not in: (line, offset, byte, encoding).
    bad: Option<(usize, usize, u8, &'static str)>,
}

impl<R: std::io::BufRead> Decoding<R> {
    fn decode_line(&mut self) -> std::io::Result<bool> {
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let n = self.inner.read_until(b'\n', &mut raw);
        let result = match n {
            Ok(0) => Ok(false),
            Ok(_) => self.decode(&raw),
            Err(e) => Err(e),
        };
        self.raw = raw;
        result
    }

    fn decode(&mut self, raw: &[u8]) -> std::io::Result<bool> {
        let mut bytes: &[u8] = raw;
        if self.line == 0
            && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            bytes = rest;
            self.offset += 3;
            self.encoding.get_or_insert(Encoding::Utf8);
        }
        self.line += 1;
        // Without a BOM or --encoding, the first line that is not ASCII decides.
        if self.encoding.is_none() && !bytes.is_ascii() {
            self.encoding = Some(if std::str::from_utf8(bytes).is_ok() {
                Encoding::Utf8
            } else {
                Encoding::Gb18030
            });
        }
        let fail = |this: &mut Self, at: usize, name: &'static str| {
            let byte = bytes.get(at).copied().unwrap_or(0);
            this.bad = Some((this.line, this.offset + at, byte, name));
            Err(std::io::Error::other("encoding"))
        };
        match self.encoding.unwrap_or(Encoding::Utf8) {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => self.pending.extend_from_slice(s.as_bytes()),
                Err(e) => return fail(self, e.valid_up_to(), "UTF-8"),
            },
            Encoding::Gb18030 => {
                if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                    // A line pasted in from a UTF-8 file.
                    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
                    return fail(self, first, "GB18030");
                }
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                if had_errors {
                    return fail(self, first_bad_gb18030(bytes), "GB18030");
                }
                self.pending.extend_from_slice(text.as_bytes());
            }
        }
        self.offset += bytes.len();
        Ok(true)
    }
}

impl<R: std::io::BufRead> std::io::Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.pending.len() {
            self.pending.clear();
            self.at = 0;
            if !self.decode_line()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn read_csv(
    input: impl std::io::BufRead,
    shown: &str,
    encoding: Option<Encoding>,
) -> Result<Grid, Vec<Report>> {
    let mut grid = Grid::default();
    let decoding = Decoding {
        inner: input,
        encoding,
        offset: 0,
        line: 0,
        pending: Vec::new(),
        at: 0,
        raw: Vec::new(),
        bad: None,
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(decoding);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let row = record.position().map_or(0, |p| p.record() as u32);
                if row > MAX_ROWS {
                    return Err(too_many(shown, None, row));
                }
                let cells = record
                    .iter()
                    .map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) })
                    .collect();
                push_row(&mut grid, Some((row, cells)));
            }
            Err(e) => {
                if let Some((line, offset, byte, name)) = reader.get_ref().bad {
                    return Err(vec![file_report(
                        shown,
                        Problem::new(Code::E0912)
                            .arg("line", line)
                            .arg("offset", offset)
                            .arg("byte", format!("{byte:02X}"))
                            .arg("encoding", name),
                    )]);
                }
                return Err(vec![file_report(
                    shown,
                    Problem::new(Code::E0901).arg("error", e.to_string()),
                )]);
            }
        }
    }
    Ok(grid)
}

/// The byte offset of the first byte GB18030 cannot decode.
fn first_bad_gb18030(body: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3 + 16);
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&body[read..], &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(len, _) => {
                return read.saturating_sub(len as usize);
            }
            encoding_rs::DecoderResult::InputEmpty => return read,
            encoding_rs::DecoderResult::OutputFull => out.reserve(body.len()),
        }
    }
}

/// The merged areas of one sheet of an `.ods` file, which calamine does not report:
/// cells with `table:number-rows-spanned` or `table:number-columns-spanned` in
/// `content.xml`, read as a stream.
fn ods_merged(path: &Path, sheet: &str) -> Option<Vec<(u32, u32, u32, u32)>> {
    use quick_xml::events::Event;
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let text = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<String> {
        let a = e.try_get_attribute(name).ok()??;
        let raw = std::str::from_utf8(&a.value).ok()?;
        quick_xml::escape::unescape(raw).ok().map(|s| s.into_owned())
    };
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<u32> {
        text(e, name)?.parse().ok()
    };
    let mut buf = Vec::new();
    let mut merged = Vec::new();
    let (mut inside, mut row, mut col) = (false, 0u32, 0u32);
    loop {
        let event = xml.read_event_into(&mut buf).ok()?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => {
                    inside = text(&e, "table:name").is_some_and(|n| n == sheet);
                    row = 0;
                }
                b"table:table-row" if inside => {
                    col = 0;
                    if empty {
                        row += attr(&e, "table:number-rows-repeated").unwrap_or(1);
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" if inside => {
                    let rows = attr(&e, "table:number-rows-spanned").unwrap_or(1);
                    let cols = attr(&e, "table:number-columns-spanned").unwrap_or(1);
                    if rows > 1 || cols > 1 {
                        merged.push((row, col, row + rows - 1, col + cols - 1));
                    }
                    col += attr(&e, "table:number-columns-repeated").unwrap_or(1);
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"table:table-row" if inside => row += 1,
                b"table:table" if inside => return Some(merged),
                _ => {}
            },
            Event::Eof => return Some(merged),
            _ => {}
        }
        buf.clear();
    }
}
