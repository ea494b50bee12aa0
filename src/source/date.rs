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

fn short_jiff(e: &jiff::Error) -> String {
    let s = e.to_string();
    s.rsplit(": ").next().unwrap_or(&s).to_owned()
}
