//! `sitemap.xml`: every HTML page the build wrote except the three kinds the
//! contract leaves out: `404.html`, the search page, and pages 2.. of paginated
//! listings (`cases/page/2/`, a term's `tags/ai/page/2/`, any listing). Page 1 of
//! every listing and term, the taxonomy indexes and the insight pages are listed.
//!
//! The renderer decides which pages exist and which of them are pages 2.. of a
//! listing (pagination is its business), so the build hands this module, after
//! rendering, the list of HTML paths and the list of those later pages; this module
//! sits below the renderer and does not ask it. Nothing is guessed from the shape of a path: a plain page
//! `content/page/2.md` (`/page/2/`) or `content/news/page/2.md` is listed like any
//! page. Locations are absolute and percent-encoded as the sitemap protocol
//! asks (CJK tag pages included); item pages carry `lastmod` (their `updated`, else
//! `date`, written `YYYY-MM-DD` or RFC 3339 as in the source). Entries are sorted
//! and de-duplicated, so the file depends only on the site. Written with
//! `quick-xml`, which escapes.

use std::collections::{BTreeMap, HashMap, HashSet};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::absolute_uri;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// The sitemap namespace.
pub(crate) const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The pages that are never listed: `404.html` and the search page.
fn excluded() -> [String; 2] {
    [urls::NOT_FOUND.to_owned(), urls::page_file(urls::SEARCH)]
}

/// `sitemap.xml` from the paths of every HTML file the build writes (relative to
/// the output folder, like [`OutputFile::path`]) and the paths of those that are
/// pages 2.. of a paginated listing (`later_pages`, as the renderer names them),
/// which are left out. Other paths are ignored.
pub fn sitemap(site: &Site, html_paths: &[&str], later_pages: &[&str]) -> OutputFile {
    let later: HashSet<&str> = later_pages.iter().map(|p| p.trim_start_matches('/')).collect();
    // Each language's tree: its folder and its site.
    let trees: Vec<(&str, &Site)> = site.trees().map(|t| (t.config.tree.as_str(), t)).collect();
    let items: HashMap<String, &crate::model::Item> = trees
        .iter()
        .flat_map(|(folder, tree)| {
            tree.items
                .iter()
                .filter(|i| tree.is_here(i))
                .map(move |i| (format!("{folder}{}", i.rel_url), i))
        })
        .collect();
    let pages: HashSet<&str> = html_paths.iter().map(|p| urls::page_url(p)).collect();
    let excluded = excluded();
    let mut locations: BTreeMap<String, Entry> = BTreeMap::new();
    for path in html_paths {
        let path = path.trim_start_matches('/');
        // The root's folder is `` and matches any path: try the others first.
        let in_tree =
            trees.iter().rev().find_map(|(folder, _)| path.strip_prefix(folder)).unwrap_or(path);
        if !path.ends_with(".html") || excluded.iter().any(|e| e == in_tree) || later.contains(path)
        {
            continue;
        }
        let url = urls::page_url(path);
        let rel = urls::page_url(in_tree);
        let item = items.get(url);
        let lastmod = item
            .filter(|i| i.dated || i.updated.is_some())
            .map(|i| i.last_changed().to_rfc3339_or_date());
        // The page in each language: an item's translations, or the same page of
        // every tree that has it.
        let mut alternates = Vec::new();
        if trees.len() > 1 {
            for (other, tree) in &trees {
                let has = match item {
                    Some(i) => i.versions.iter().any(|(_, t)| t == other),
                    None => pages.contains(format!("{other}{rel}").as_str()),
                };
                if has {
                    let href = absolute_uri(site, &format!("{other}{rel}"));
                    alternates.push((tree.config.language.clone(), href));
                }
            }
            if alternates.len() < 2 {
                alternates.clear();
            }
        }
        locations.insert(absolute_uri(site, url), Entry { lastmod, alternates });
    }

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let io = "writing to memory cannot fail";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(io);
    let mut urlset = BytesStart::new("urlset").with_attributes([("xmlns", NAMESPACE)]);
    if trees.len() > 1 {
        urlset.push_attribute(("xmlns:xhtml", XHTML));
    }
    w.write_event(Event::Start(urlset)).expect(io);
    for (loc, entry) in &locations {
        w.write_event(Event::Start(BytesStart::new("url"))).expect(io);
        w.create_element("loc").write_text_content(BytesText::new(loc)).expect(io);
        if let Some(date) = &entry.lastmod {
            w.create_element("lastmod").write_text_content(BytesText::new(date)).expect(io);
        }
        for (lang, href) in &entry.alternates {
            w.create_element("xhtml:link")
                .with_attributes([("rel", "alternate"), ("hreflang", lang), ("href", href)])
                .write_empty()
                .expect(io);
        }
        w.write_event(Event::End(BytesEnd::new("url"))).expect(io);
    }
    w.write_event(Event::End(BytesEnd::new("urlset"))).expect(io);
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    OutputFile::new(urls::SITEMAP, bytes)
}

/// The XHTML namespace of the sitemap's `xhtml:link` alternates.
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// One page of the sitemap.
struct Entry {
    /// Its item's `updated`, else `date`.
    lastmod: Option<String>,
    /// `(language, URL)` of the page in each language, itself included; empty
    /// when it has no translation.
    alternates: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excludes_404_and_the_search_page() {
        assert_eq!(excluded(), ["404.html", "search/index.html"]);
    }
}
