//! Dates as editors write them: a calendar date, or a date and time of day with
//! its offset, and how both are read from text and written as RFC 3339.
//!
//! What it is for: the one value every date field holds, below the layers that read
//! it (`source::fields`, for front matter and `site.toml`) and those that show it
//! (`model` re-exports it; render, outputs). What it is not: "today", or what a
//! date-only value means as an instant (midnight in the site's timezone, decided
//! where a format needs an instant, in `outputs`).

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

/// A date, or a date with a time of day in a known offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateOrTime {
    /// `2025-03-18`
    Date(Date),
    /// `2025-03-18T09:30:00+08:00`, or a local time read in the site's timezone.
    DateTime(ZonedDateTime),
}

impl DateOrTime {
    /// The calendar date (in the value's own offset).
    pub(crate) fn date(&self) -> Date {
        match self {
            DateOrTime::Date(d) => *d,
            DateOrTime::DateTime(z) => z.date(),
        }
    }

    /// A sort key: dates sort as their midnight in UTC-less terms, datetimes by their date then time.
    pub fn sort_key(&self) -> (Date, jiff::civil::Time) {
        match self {
            DateOrTime::Date(d) => (*d, jiff::civil::Time::midnight()),
            DateOrTime::DateTime(z) => (z.date(), z.time()),
        }
    }

    /// `YYYY-MM-DD` for dates, RFC 3339 with offset for datetimes.
    pub(crate) fn to_rfc3339_or_date(&self) -> String {
        match self {
            DateOrTime::Date(d) => d.to_string(),
            DateOrTime::DateTime(z) => rfc3339(z),
        }
    }
}

impl Serialize for DateOrTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339_or_date())
    }
}

/// RFC 3339 with the value's own offset and no zone annotation.
pub(crate) fn rfc3339(z: &ZonedDateTime) -> String {
    z.timestamp().display_with_offset(z.offset()).to_string()
}

/// Parses `2025-03-18`, `2025-03-18T09:30:00`, `2025-03-18 09:30`, or either with
/// an offset (`+08:00`, `Z`). A local time is read in `tz`; a written offset is kept.
pub(crate) fn parse_date_or_time(text: &str, tz: &TimeZone) -> Result<DateOrTime, String> {
    let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(|e| short_jiff(&e))?;
    let Some(time) = pieces.time() else { return Ok(DateOrTime::Date(pieces.date())) };
    let zone = match pieces.to_numeric_offset() {
        Some(offset) => TimeZone::fixed(offset),
        None => tz.clone(),
    };
    pieces
        .date()
        .to_datetime(time)
        .to_zoned_datetime(zone)
        .map(DateOrTime::DateTime)
        .map_err(|e| short_jiff(&e))
}

/// Why `text` is not a date, in the message tables' words: a month or a day that
/// does not exist (`2024-13-02`, `2025-02-30`), a time that does not, or a form
/// qiao cannot read.
pub(crate) fn why_not_a_date(text: &str) -> crate::diagnostics::Message {
    use crate::diagnostics::Message;
    let t = text.trim();
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i16>().ok());
    let ymd = (t.as_bytes().get(4) == Some(&b'-') && t.as_bytes().get(7) == Some(&b'-'))
        .then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?)))
        .flatten();
    let Some((y, m, d)) = ymd else { return Message::new("date-unreadable") };
    if !(1..=12).contains(&m) {
        return Message::new("date-bad-month").arg("month", m.to_string());
    }
    let last = Date::new(y, m as i8, 1).map(|first| first.days_in_month()).unwrap_or(31);
    if d < 1 || d > i16::from(last) {
        return Message::new("date-bad-day")
            .arg("year", y.to_string())
            .arg("month", m.to_string())
            .arg("mm", format!("{m:02}"))
            .arg("day", d.to_string())
            .arg("last", last.to_string());
    }
    if t.len() > 10 {
        return Message::new("date-bad-time");
    }
    Message::new("date-unreadable")
}

fn short_jiff(e: &jiff::Error) -> String {
    let s = e.to_string();
    s.rsplit(": ").next().unwrap_or(&s).to_owned()
}
