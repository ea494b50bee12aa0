//! The machine-readable side of a build: Atom feeds, iCalendar files, the sitemap,
//! `robots.txt`, the per-kind JSON exports and the JSON-LD that item pages embed.
//!
//! Every function here is a pure function of the [`Site`] and of what the renderer
//! hands over ([`Texts`]: the words of titles from the theme's tables, and every
//! item's summary; for the sitemap, the list of HTML pages): no clock, no disk, no
//! machine time zone. This module sits below the renderer and never asks it for
//! anything; the build passes what it needs. A date-only value is read as midnight in the site's timezone wherever
//! a format needs an instant, so two builds of the same sources give the same bytes.
//!
//! Each format is written by the library that knows its escaping rules (Atom by
//! `atom_syndication`, the sitemap by `quick-xml`, JSON by `serde_json`); iCalendar
//! has its own small serializer in [`ics`] because its folding and TEXT escaping
//! are easy to get exactly right by hand and hard to check in a crate.

pub mod feeds;
pub mod ics;
pub mod insight;
pub mod json;
pub mod jsonld;
pub mod redirects;
pub mod robots;
pub mod sitemap;
pub mod text;

use std::cmp::Reverse;
use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime};

use crate::model::{DateOrTime, Item, Kind, Site};
use crate::output::OutputFile;

pub use sitemap::sitemap;

/// What the outputs show that the renderer decides, handed over by the build
/// (`Renderer::texts`): titles in the words of the site's language, and every
/// item's summary, so that a feed entry, a calendar event and the item's card show
/// the same one.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The title of each kind's feed, and of the roadshows' calendar
    /// (`浔江产教融合联盟 · 合作案例`).
    pub kind_titles: BTreeMap<Kind, String>,
    /// Every item's summary, by index into `site.items`.
    pub summaries: Vec<String>,
    /// The reasons of every suggestion in `demands/matches.json`, in the words of
    /// each demand's language: by demand (in `Insights::docked` order), by
    /// suggestion.
    pub reasons: Vec<Vec<Vec<String>>>,
    /// The title of each section's feed, by folder (`浔江产教融合联盟 · 通知公告`).
    pub section_titles: BTreeMap<String, String>,
    /// The redirect page of an alias ([`redirects`]): its title and the words
    /// before the link, in the site's language (`moved_title`, `moved_text`).
    pub moved: [String; 2],
}

impl Texts {
    /// The title of `kind`'s feed.
    pub fn kind_title(&self, kind: Kind) -> &str {
        self.kind_titles.get(&kind).map_or("", String::as_str)
    }

    /// The summary of item `i`.
    pub fn summary(&self, i: usize) -> &str {
        self.summaries.get(i).map_or("", String::as_str)
    }
}

/// Every machine-readable file but the sitemap (which needs the list of rendered
/// HTML pages: call [`sitemap()`] after rendering), the insight files
/// ([`insight::files`]) and the JSON-LD (embedded in pages by the renderer through
/// [`jsonld::for_item`]). Sorted by path.
pub fn all(site: &Site, texts: &Texts) -> Vec<OutputFile> {
    let ((mut files, calendars), exports) = rayon::join(
        || rayon::join(|| feeds::feeds(site, texts), || ics::calendars(site, texts)),
        || json::exports(site),
    );
    files.extend(calendars);
    files.extend(exports);
    files.push(robots::robots(site));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The files of [`all`] that show items of `kinds`: the site feed, those kinds'
/// feeds and exports, the calendars when roadshows are among them, and robots.txt.
/// For `serve`, when only items of these kinds changed. Sorted by path.
pub fn of_kinds(
    site: &Site,
    kinds: &std::collections::BTreeSet<Kind>,
    texts: &Texts,
) -> Vec<OutputFile> {
    let mut files = vec![feeds::feed(site, None, texts), robots::robots(site)];
    for &kind in kinds.iter().filter(|k| Kind::SECTIONS.contains(k)) {
        files.push(feeds::feed(site, Some(kind), texts));
        files.push(json::export(site, kind));
    }
    if kinds.contains(&Kind::Roadshows) {
        files.extend(ics::calendars(site, texts));
    }
    if kinds.contains(&Kind::Pages) {
        files.extend(feeds::section_feeds(site, &newest_first(site, None), texts));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The instant of a date or datetime: a date alone is midnight in the site's timezone.
pub fn instant(site: &Site, value: &DateOrTime) -> ZonedDateTime {
    match value {
        DateOrTime::DateTime(z) => z.clone(),
        DateOrTime::Date(d) => midnight(site, *d),
    }
}

/// Midnight of `date` in the site's timezone. Dates at the very edge of the
/// representable range (year 9999) are clamped instead of failing.
pub fn midnight(site: &Site, date: Date) -> ZonedDateTime {
    let tz = site.config.tz.clone();
    date.to_zoned_datetime(tz.clone()).unwrap_or_else(|_| {
        let edge = if date.year() > 0 { Timestamp::MAX } else { Timestamp::MIN };
        edge.to_zoned_datetime(tz)
    })
}

/// The items of the five kinds and the pages of the sections (or the items of one
/// kind), as indices into `site.items`, newest
/// `date` first; ties go by slug, then by kind, so the order never depends on the
/// file system.
pub fn newest_first(site: &Site, kind: Option<Kind>) -> Vec<usize> {
    let mut items: Vec<usize> = (0..site.items.len())
        .filter(|&i| {
            let item = &site.items[i];
            (item.kind != Kind::Pages || item.section().is_some())
                && kind.is_none_or(|k| item.kind == k)
                && site.is_here(item)
        })
        .collect();
    items.sort_by_cached_key(|&i| {
        let item = &site.items[i];
        (Reverse(instant(site, &item.date).timestamp()), item.slug.clone(), item.kind)
    });
    items
}

/// The absolute URL of an item's page.
pub fn item_url(site: &Site, item: &Item) -> String {
    item.permalink(&site.config)
}

/// A cover or other site path as an absolute URL: a value with a scheme is kept,
/// anything else is read from the site's root (`/img/a.png` and `img/a.png` alike).
pub fn absolute_asset(site: &Site, path: &str) -> String {
    if url::Url::parse(path).is_ok() { path.to_owned() } else { site.config.root_absolute(path) }
}

/// The absolute URL of a site path as an RFC 3986 URI: the path's non-ASCII
/// characters (CJK slugs and tags) and any character a URI path cannot hold are
/// percent-encoded (`tags/产教融合/` -> `tags/%E4%BA%A7.../`). For formats whose
/// URLs must be URIs: the sitemap and iCalendar's `URL`.
pub fn absolute_uri(site: &Site, rel: &str) -> String {
    let mut out = site.config.base_url.clone();
    for &b in rel.trim_start_matches('/').as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
