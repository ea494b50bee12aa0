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

/// The sitemap namespace.
pub(crate) const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Pages that are never listed.
pub(crate) const EXCLUDED: [&str; 2] = ["404.html", "search/index.html"];

/// The site path (as in [`crate::model::Item::rel_url`]) an HTML file is served at:
/// `cases/x/index.html` -> `cases/x/`, `index.html` -> ``, `a/b.html` -> `a/b.html`.
pub(crate) fn page_path(html_path: &str) -> &str {
    let p = html_path.trim_start_matches('/');
    if p == "index.html" {
        ""
    } else {
        p.strip_suffix("/index.html").map_or(p, |dir| &p[..dir.len() + 1])
    }
}

/// `sitemap.xml` from the paths of every HTML file the build writes (relative to
/// the output folder, like [`OutputFile::path`]) and the paths of those that are
/// pages 2.. of a paginated listing (`later_pages`, as the renderer names them),
/// which are left out. Other paths are ignored.
pub fn sitemap(site: &Site, html_paths: &[&str], later_pages: &[&str]) -> OutputFile {
    let later: HashSet<&str> = later_pages.iter().map(|p| p.trim_start_matches('/')).collect();
    let lastmod: HashMap<&str, String> = site
        .items
        .iter()
        .filter(|i| i.dated || i.updated.is_some())
        .map(|i| (i.rel_url.as_str(), i.last_changed().to_rfc3339_or_date()))
        .collect();
    let mut urls: BTreeMap<String, Option<&String>> = BTreeMap::new();
    for path in html_paths {
        let path = path.trim_start_matches('/');
        if !path.ends_with(".html") || EXCLUDED.contains(&path) || later.contains(path) {
            continue;
        }
        let rel = page_path(path);
        urls.insert(absolute_uri(site, rel), lastmod.get(rel));
    }

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let io = "writing to memory cannot fail";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(io);
    w.write_event(Event::Start(BytesStart::new("urlset").with_attributes([("xmlns", NAMESPACE)])))
        .expect(io);
    for (loc, lastmod) in &urls {
        w.write_event(Event::Start(BytesStart::new("url"))).expect(io);
        w.create_element("loc").write_text_content(BytesText::new(loc)).expect(io);
        if let Some(date) = lastmod {
            w.create_element("lastmod").write_text_content(BytesText::new(date)).expect(io);
        }
        w.write_event(Event::End(BytesEnd::new("url"))).expect(io);
    }
    w.write_event(Event::End(BytesEnd::new("urlset"))).expect(io);
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    OutputFile::new("sitemap.xml", bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_paths_become_site_paths() {
        assert_eq!(page_path("index.html"), "");
        assert_eq!(page_path("cases/x/index.html"), "cases/x/");
        assert_eq!(page_path("cases/page/2/index.html"), "cases/page/2/");
        assert_eq!(page_path("standalone.html"), "standalone.html");
    }
}
