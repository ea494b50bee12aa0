//! Atom feeds: `atom.xml` for the whole site and `<kind>/atom.xml` for each of the
//! five kinds, written with `atom_syndication` so escaping is the crate's job.
//!
//! A feed holds the [`LIMIT`] newest items by `date` (ties by slug), each with the
//! summary its card shows. A kind's feed is titled as its listing, in the words the
//! renderer hands over ([`Texts`]). Its `updated`
//! is the newest `updated`-or-`date` among its entries, never the clock, so a feed
//! changes only when its content does. A feed with no entries says it was updated
//! at [`EMPTY_FEED_UPDATED`] (the Unix epoch): it has never had content, and any
//! date taken from elsewhere would change the file without a reason.

use atom_syndication::{
    Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};
use jiff::ZonedDateTime;

use super::text::xml_clean;
use super::{Texts, instant, item_url, newest_first};
use crate::model::{Item, Kind, Site, rfc3339};
use crate::output::OutputFile;
use crate::urls;

/// How many entries a feed holds.
pub const LIMIT: usize = 50;
/// The `updated` of a feed without entries.
pub const EMPTY_FEED_UPDATED: &str = "1970-01-01T00:00:00+00:00";

/// The site feed and one feed per kind.
pub fn feeds(site: &Site, texts: &Texts) -> Vec<OutputFile> {
    // One sort serves every feed: a kind's items keep their order in the whole list.
    let newest = newest_first(site, None);
    let mut files = vec![write(site, None, &newest, texts)];
    for kind in Kind::SECTIONS {
        let of_kind: Vec<usize> =
            newest.iter().copied().filter(|&i| site.items[i].kind == kind).collect();
        files.push(write(site, Some(kind), &of_kind, texts));
    }
    files.extend(section_feeds(site, &newest, texts));
    files
}

/// The feed of each section (`news/atom.xml`), of its pages among `newest` (the
/// site's items newest first, as [`newest_first`] gives them).
pub fn section_feeds(site: &Site, newest: &[usize], texts: &Texts) -> Vec<OutputFile> {
    site.sections
        .iter()
        .map(|s| {
            let of_section: Vec<usize> = newest
                .iter()
                .copied()
                .filter(|&i| site.items[i].section() == Some(s.folder.as_str()))
                .collect();
            let title = texts.section_titles.get(&s.folder).map_or("", String::as_str);
            let (path, page) = (urls::section_feed(&s.folder), urls::section(&s.folder));
            write_to(site, path, page, title.to_owned(), &of_section, texts)
        })
        .collect()
}

/// The feed of one kind, or of the whole site for `None`.
pub fn feed(site: &Site, kind: Option<Kind>, texts: &Texts) -> OutputFile {
    write(site, kind, &newest_first(site, kind), texts)
}

/// A feed of the first [`LIMIT`] of `newest` (items, already newest first).
fn write(site: &Site, kind: Option<Kind>, newest: &[usize], texts: &Texts) -> OutputFile {
    let config = &site.config;
    let (page, title) = match kind {
        None => (urls::HOME.to_owned(), config.title.clone()),
        Some(k) => (urls::listing(k), texts.kind_title(k).to_owned()),
    };
    write_to(site, urls::feed(kind), page, title, newest, texts)
}

/// A feed at `path`, for the page `page`, of the first [`LIMIT`] of `newest`.
fn write_to(
    site: &Site,
    path: String,
    page: String,
    title: String,
    newest: &[usize],
    texts: &Texts,
) -> OutputFile {
    let config = &site.config;
    let items = &newest[..newest.len().min(LIMIT)];
    let entries: Vec<Entry> =
        items.iter().map(|&i| entry(site, &site.items[i], texts.summary(i))).collect();
    let updated = items
        .iter()
        .map(|&i| instant(site, site.items[i].last_changed()))
        .max_by_key(ZonedDateTime::timestamp)
        .map(|z| fixed(&z))
        .unwrap_or_else(|| EMPTY_FEED_UPDATED.parse().expect("a valid RFC 3339 constant"));

    let feed_url = config.absolute(&path);
    let feed = Feed {
        title: Text::plain(xml_clean(&title)),
        id: feed_url.clone(),
        updated,
        authors: vec![author(site)],
        generator: Some(Generator { value: "qiao".to_owned(), uri: None, version: None }),
        links: vec![
            Link {
                href: feed_url,
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            Link {
                href: config.absolute(&page),
                rel: "alternate".to_owned(),
                mime_type: Some("text/html".to_owned()),
                ..Link::default()
            },
        ],
        subtitle: config.description.as_deref().map(|d| Text::plain(xml_clean(d))),
        lang: Some(config.language.clone()),
        entries,
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(1) };
    let mut bytes =
        feed.write_with_config(Vec::new(), config).expect("writing to memory cannot fail");
    bytes.push(b'\n');
    OutputFile::new(path, bytes)
}

fn entry(site: &Site, item: &Item, summary: &str) -> Entry {
    let url = item_url(site, item);
    // An item in another language than the site's says so on its text.
    let text = |value: &str| Text {
        lang: (item.lang != site.config.language).then(|| item.lang.clone()),
        ..Text::plain(xml_clean(value))
    };
    Entry {
        title: text(&item.title),
        id: url.clone(),
        updated: fixed(&instant(site, item.last_changed())),
        published: Some(fixed(&instant(site, &item.date))),
        authors: vec![author(site)],
        categories: item
            .industries
            .iter()
            .map(|slug| Category {
                term: slug.clone(),
                scheme: None,
                label: Some(xml_clean(site.config.taxonomies.industry(slug)).into_owned()),
            })
            .collect(),
        links: vec![Link {
            href: url,
            rel: "alternate".to_owned(),
            mime_type: Some("text/html".to_owned()),
            ..Link::default()
        }],
        summary: (!summary.is_empty()).then(|| text(summary)),
        ..Entry::default()
    }
}

fn author(site: &Site) -> Person {
    Person {
        name: xml_clean(&site.config.title).into_owned(),
        email: None,
        uri: Some(site.config.base_url.clone()),
        ..Person::default()
    }
}

/// A jiff instant as the feed crate's date type, through its RFC 3339 text.
fn fixed(z: &ZonedDateTime) -> FixedDateTime {
    rfc3339(z)
        .parse()
        .unwrap_or_else(|_| EMPTY_FEED_UPDATED.parse().expect("a valid RFC 3339 constant"))
}
