//! iCalendar (RFC 5545): `roadshows/calendar.ics` with every roadshow and
//! `roadshows/<slug>/event.ics` with one, written by a small serializer here.
//!
//! Choices, and why:
//! - **Times are UTC** (`DTSTART:20260520T060000Z`), which RFC 5545 allows as the
//!   alternative to `TZID` plus a matching `VTIMEZONE`. Every client converts UTC to
//!   the reader's own zone, and no hand-built `VTIMEZONE` rules can drift from the
//!   tz database. The instant is exact: roadshow times carry their offset.
//! - **Every roadshow is listed**, cancelled ones with `STATUS:CANCELLED` (so a
//!   subscribed calendar removes them), postponed ones `TENTATIVE`, others `CONFIRMED`.
//! - **`UID`** is `roadshow-<slug>@<host of base_url>` in both files, so importing the
//!   single event and subscribing to the calendar never gives duplicates.
//! - **`DTSTAMP`** is the item's `updated`, else its `date` (a date alone is midnight
//!   in the site's timezone), never the clock.
//! - With no roadshows, `calendar.ics` is still written (an empty `VCALENDAR`), so
//!   its link on the listing page never breaks.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
//! character; TEXT values escape `\`, `;`, `,` and line breaks; control characters,
//! which TEXT may not hold, are dropped.

use jiff::ZonedDateTime;
use rayon::prelude::*;

use super::{Texts, absolute_uri, instant, item_url};
use crate::model::{Item, Kind, KindData, Roadshow, RoadshowStatus, Site};
use crate::output::OutputFile;
use crate::urls;

/// The `PRODID` of every calendar.
pub const PRODID: &str = "-//qiao//qiao static site generator//EN";

/// `roadshows/calendar.ics` and every `roadshows/<slug>/event.ics`. The calendar
/// is named as the roadshows' feed; an event describes its roadshow with the
/// summary its card shows.
pub fn calendars(site: &Site, texts: &Texts) -> Vec<OutputFile> {
    let mut roadshows: Vec<(&Item, &Roadshow, &str)> = site
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.data {
            KindData::Roadshow(r) if item.kind == Kind::Roadshows && site.is_here(item) => {
                Some((item, r, texts.summary(i)))
            }
            _ => None,
        })
        .collect();
    // Calendar order: by start, then slug.
    roadshows.sort_by(|(a, ra, _), (b, rb, _)| {
        ra.start.timestamp().cmp(&rb.start.timestamp()).then_with(|| a.slug.cmp(&b.slug))
    });

    // Each event is written once and shared by both files.
    let events: Vec<(&Item, String)> = roadshows
        .par_iter()
        .map(|&(item, r, summary)| (item, event(site, item, r, summary)))
        .collect();
    let mut all = calendar_head(texts.kind_title(Kind::Roadshows));
    let mut files = Vec::with_capacity(events.len() + 1);
    for (item, event) in &events {
        all.push_str(event);
        let mut one = calendar_head(&item.title);
        one.push_str(event);
        files.push(OutputFile::new(urls::event(&item.rel_url), calendar_end(one)));
    }
    files.push(OutputFile::new(urls::CALENDAR, calendar_end(all)));
    files
}

/// The `UID` of a roadshow's event.
pub fn uid(site: &Site, item: &Item) -> String {
    format!("roadshow-{}@{}", item.slug, site.config.host)
}

/// The start of a `VCALENDAR`, up to its first event.
fn calendar_head(name: &str) -> String {
    let mut cal = Lines::default();
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line(&format!("PRODID:{PRODID}"));
    cal.line("CALSCALE:GREGORIAN");
    cal.line("METHOD:PUBLISH");
    cal.text("X-WR-CALNAME", name);
    cal.0
}

/// A calendar with its closing line, as bytes.
fn calendar_end(mut cal: String) -> Vec<u8> {
    fold_into(&mut cal, "END:VCALENDAR");
    cal.into_bytes()
}

/// One `VEVENT`, folded, with CRLFs.
fn event(site: &Site, item: &Item, r: &Roadshow, summary: &str) -> String {
    let mut ev = Lines::default();
    let url = item_url(site, item);
    ev.line("BEGIN:VEVENT");
    ev.text("UID", &uid(site, item));
    ev.line(&format!("DTSTAMP:{}", utc(&instant(site, item.last_changed()))));
    ev.line(&format!("DTSTART:{}", utc(&r.start)));
    if let Some(end) = &r.end {
        ev.line(&format!("DTEND:{}", utc(end)));
    }
    ev.text("SUMMARY", &item.title);
    let description = if summary.is_empty() { url } else { format!("{summary}\n\n{url}") };
    ev.text("DESCRIPTION", &description);
    if let Some(location) = location(r) {
        ev.text("LOCATION", &location);
    }
    // A URI value, not TEXT: percent-encoded rather than escaped.
    ev.line(&format!("URL:{}", absolute_uri(site, &item.rel_url)));
    ev.line(match r.status {
        RoadshowStatus::Cancelled => "STATUS:CANCELLED",
        RoadshowStatus::Postponed => "STATUS:TENTATIVE",
        RoadshowStatus::Scheduled | RoadshowStatus::MovedOnline => "STATUS:CONFIRMED",
    });
    let categories: Vec<String> =
        item.industries.iter().map(|s| escape_text(site.config.taxonomies.industry(s))).collect();
    if !categories.is_empty() {
        ev.line(&format!("CATEGORIES:{}", categories.join(",")));
    }
    if let Some(organizer) = organizer(site, r) {
        ev.line(&organizer);
    }
    ev.line("END:VEVENT");
    ev.0
}

/// Content lines being written.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }

    /// One content line, folded, with its CRLF.
    fn line(&mut self, line: &str) {
        fold_into(&mut self.0, line);
    }
}

/// `LOCATION`: the venue's name, address and city, else the online link; both
/// when the roadshow has both.
fn location(r: &Roadshow) -> Option<String> {
    let venue = r.venue.as_ref().map(|v| {
        [&v.name, &v.address, &v.city]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    });
    match (venue.filter(|v| !v.is_empty()), &r.online_url) {
        (Some(v), Some(u)) => Some(format!("{v} / {u}")),
        (Some(v), None) => Some(v),
        (None, Some(u)) => Some(u.clone()),
        (None, None) => None,
    }
}

/// `ORGANIZER;CN="Name":mailto:addr` for the first organizer with a contact email
/// (the property's value must be an address, so without one it is left out).
fn organizer(site: &Site, r: &Roadshow) -> Option<String> {
    r.organizer.iter().find_map(|slug| {
        let member = site.find(Kind::Members, slug)?;
        let email = member.as_member()?.contact.as_ref()?.email.as_deref()?;
        let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"\"<>,;:\\".contains(c);
        if email.matches('@').count() != 1 || !email.chars().all(plain) {
            return None;
        }
        // A quoted parameter value may hold anything but controls and `"`.
        let cn: String = strip_controls(&member.title).chars().filter(|&c| c != '"').collect();
        Some(format!("ORGANIZER;CN=\"{cn}\":mailto:{email}"))
    })
}

/// An instant as a UTC DATE-TIME: `20260520T060000Z`.
pub fn utc(z: &ZonedDateTime) -> String {
    z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value: `\` `;` `,` and line breaks (CRLF, CR or LF become `\n`);
/// other control characters are dropped, as TEXT cannot hold them.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn strip_controls(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Appends `line` folded at 75 octets (a continuation line starts with one space,
/// which counts) and ends every physical line with CRLF. A UTF-8 character is
/// never split across lines.
pub fn fold_into(out: &mut String, line: &str) {
    const MAX: usize = 75;
    let mut rest = line;
    let mut first = true;
    loop {
        let room = if first { MAX } else { MAX - 1 };
        if !first {
            out.push(' ');
        }
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = format!("DESCRIPTION:{}", "a".repeat(200));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?} is {} octets", physical.len());
        }
        assert_eq!(folded.split("\r\n").next().unwrap().len(), 75);
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        // 3-octet characters after a 12-octet name: 75 is not a multiple of 3 past it.
        let line = format!("DESCRIPTION:{}", "产教融合路演".repeat(30));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75);
        }
        // Every physical line is valid UTF-8 on its own (it is a &str slice), and
        // unfolding gives back the logical line.
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
        let emoji = format!("SUMMARY:{}", "🚀".repeat(40));
        assert_eq!(unfold(&fold(&emoji)), format!("{emoji}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(escape_text("bell\u{7}less"), "bellless");
        assert_eq!(escape_text("中文：冒号"), "中文：冒号");
    }
}
