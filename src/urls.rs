//! Every URL and output path qiao writes of its own, and what owns each: the home
//! page, the listings of the five kinds and their pagination, the taxonomy and term
//! pages, the search page and its index, the insight pages and their JSON, the feeds,
//! calendars and exports, the site-wide files and the theme's folders.
//!
//! What it is for: one place that names those paths. The renderer's jobs and the
//! set of files its link check accepts, the outputs (feeds, calendars, exports,
//! the sitemap's exclusions, robots), the insight data, the search index and its
//! page script, the preview server and the incremental renders of `serve` all take
//! their paths from the functions and constants here; and [`owner`] tells which of
//! them is at a path, so that a content file whose URL would be one of qiao's own
//! is an error naming the path and what owns it (`content/policies/finder.md`,
//! `content/cases.md`, `content/index.md`) instead of a page that one of them
//! silently overwrites. A test in `build` builds a site and checks that every file
//! of it but the items' own has an owner and that the renderer's link check knows
//! every one of them.
//!
//! What it is not: the URL of an item or a plain page. That is decided once, from
//! the content file, when it is read (`content`: `<kind>/<slug>/`, or the file's
//! path for a plain page, `content/join/how.md` -> `join/how/`) and kept in
//! [`crate::model::Item::rel_url`]; this module turns it into the item's files
//! ([`page_file`], [`event`]) and [`owner`] guarantees no item URL is one of
//! qiao's. Nor how a path is joined with `base_url` (that is `config`), nor the
//! inner layout of the search index (its file names inside [`SEARCH_INDEX`] are
//! `search::index`'s), nor how many pages a listing has (the renderer's).
//!
//! Paths are relative to the site root, without a leading `/`. A page is named by
//! its URL, a folder ending in `/` (`policies/finder/`, `` for the home page), and
//! written to [`page_file`] of it (`policies/finder/index.html`); other files are
//! named by their path (`roadshows/calendar.ics`).

use crate::model::Kind;

/// The home page.
pub(crate) const HOME: &str = "";
/// The page every unknown URL gets, a file of its own at the root.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The search page's folder.
pub(crate) const SEARCH: &str = "search/";
/// The cooperation network.
pub(crate) const NETWORK: &str = "network/";
/// The statistics page.
pub(crate) const STATS: &str = "stats/";
/// The policy finder, inside the policies listing's folder.
pub(crate) const POLICY_FINDER: &str = "policies/finder/";
/// The folder segment of a paginated page's pages 2.. (`cases/page/2/`).
pub(crate) const PAGINATION: &str = "page";
/// The taxonomies, each a folder of term pages (`industries/intelligent-manufacturing/`).
pub(crate) const TAXONOMIES: [&str; 3] = ["industries", "regions", "tags"];

/// The sitemap.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// `robots.txt`.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The calendar of every roadshow, in the roadshows listing's folder.
pub(crate) const CALENDAR: &str = "roadshows/calendar.ics";
/// Every open demand with its suggested partners, in the demands listing's folder.
pub(crate) const MATCHES: &str = "demands/matches.json";
/// The cooperation network as JSON, in the network page's folder.
pub(crate) const NETWORK_DATA: &str = "network/index.json";
/// Every count of the statistics page as JSON, in its folder.
pub(crate) const STATS_DATA: &str = "stats/index.json";

/// The folder of the search index's files (`manifest.json`, `t/3.jz`, …), which
/// is the search page's too.
pub(crate) const SEARCH_INDEX: &str = "search/";
/// The search page's one script: the index's manifest and the theme's code
/// ([`SEARCH_PAGE_CODE`]).
pub(crate) const SEARCH_SCRIPT: &str = "search/search.js";
/// The theme's static files that make up [`SEARCH_SCRIPT`]'s code, in order.
pub(crate) const SEARCH_PAGE_CODE: [&str; 2] = ["js/search-core.js", "js/search.js"];

/// The theme's folders of static files.
pub(crate) const THEME_FOLDERS: [&str; 2] = ["css", "js"];
/// The theme's static files at the root.
pub(crate) const THEME_FILES: [&str; 1] = ["favicon.svg"];

/// The folder of the resized variants of the images an editor names
/// ([`image_variant`]).
pub(crate) const IMAGES: &str = "_img/";

/// Whether the file at `path` (as a tree's render names it) is one every
/// language shares, at the site's root: the images' variants ([`IMAGES`]).
pub(crate) fn is_shared(path: &str) -> bool {
    path.starts_with(IMAGES)
}

/// The preview server's own files (`qiao serve`: live reload, its events, the
/// error overlay's style), never written to the output folder.
pub(crate) const PREVIEW: &str = "__qiao/";

/// Site-wide files, with the first segment a content folder would need to shadow
/// them (a page `/404/` beside `/404.html` is refused too).
const SITE_FILES: [(&str, &str); 4] =
    [(NOT_FOUND, "404"), (SITEMAP, "sitemap"), (ROBOTS, "robots"), (REDIRECTS, REDIRECTS)];

/// The file a page is written to: `cases/x/` -> `cases/x/index.html`, `` ->
/// `index.html`.
pub(crate) fn page_file(url: &str) -> String {
    format!("{url}index.html")
}

/// The page an HTML file is served as, the inverse of [`page_file`]:
/// `cases/x/index.html` -> `cases/x/`, `index.html` -> ``; any other path is
/// its own (`404.html`, `a/b.html`).
pub(crate) fn page_url(file: &str) -> &str {
    let p = file.trim_start_matches('/');
    if p == "index.html" {
        HOME
    } else {
        p.strip_suffix("/index.html").map_or(p, |dir| &p[..dir.len() + 1])
    }
}

/// Page `n` (from 1) of a paginated page whose first page is `first`: `first`
/// itself, then `<first>page/<n>/`.
pub(crate) fn paginated(first: &str, n: usize) -> String {
    if n <= 1 { first.to_owned() } else { format!("{first}{PAGINATION}/{n}/") }
}

/// A kind's listing (`cases/`).
pub(crate) fn listing(kind: Kind) -> String {
    format!("{}/", kind.folder())
}

/// Page `n` (from 1) of a kind's listing (`cases/`, `cases/page/2/`).
pub(crate) fn listing_page(kind: Kind, n: usize) -> String {
    paginated(&listing(kind), n)
}

/// A taxonomy's index of terms (`tags/`).
pub(crate) fn taxonomy(name: &str) -> String {
    format!("{name}/")
}

/// A term's page (`tags/产教融合/`); `segment` is the term's slug, or a tag's
/// [`crate::text::tag_slug`].
pub(crate) fn term(taxonomy: &str, segment: &str) -> String {
    format!("{taxonomy}/{segment}/")
}

/// Page `n` (from 1) of a term's page (`tags/ai/`, `tags/ai/page/3/`).
pub(crate) fn term_page(taxonomy: &str, segment: &str, n: usize) -> String {
    paginated(&term(taxonomy, segment), n)
}

/// The Atom feed of a kind (`cases/atom.xml`), or of the whole site (`atom.xml`).
pub(crate) fn feed(kind: Option<Kind>) -> String {
    match kind {
        Some(kind) => format!("{}atom.xml", listing(kind)),
        None => "atom.xml".to_owned(),
    }
}

/// The JSON export of a kind (`cases/index.json`).
pub(crate) fn export(kind: Kind) -> String {
    format!("{}index.json", listing(kind))
}

/// The calendar of one roadshow, beside its page (`roadshows/x/event.ics` for the
/// page `roadshows/x/`).
pub(crate) fn event(item_url: &str) -> String {
    format!("{item_url}event.ics")
}

/// A file of the search index, by its name inside [`SEARCH_INDEX`]
/// (`manifest.json` -> `search/manifest.json`).
pub(crate) fn search_index_file(name: &str) -> String {
    format!("{SEARCH_INDEX}{name}")
}

/// The files qiao writes whatever the content holds, besides pages and the search
/// index: the feeds and exports of every kind, the site feed, the calendar, the
/// insight data, the sitemap and `robots.txt`. In path order.
pub(crate) fn site_files() -> Vec<String> {
    let mut files: Vec<String> =
        Kind::SECTIONS.iter().flat_map(|&k| [feed(Some(k)), export(k)]).collect();
    files.push(feed(None));
    files.extend(
        [CALENDAR, MATCHES, NETWORK_DATA, STATS_DATA, SITEMAP, ROBOTS, REDIRECTS]
            .map(str::to_owned),
    );
    files.sort();
    files
}

/// `/_redirects`: every alias, `OLD NEW 301` a line (the format of Netlify,
/// Cloudflare Pages and other hosts that read it; written even when empty).
pub(crate) const REDIRECTS: &str = "_redirects";

/// The site path of an alias as an editor writes it, below `base_url`:
/// `/old/path/` and `/old/path` are the page `old/path/`, `/old.html` (a name
/// ending in `.html` or `.htm`) is that file; percent-escapes are decoded
/// (`/%E6%96%B0/` is `新/`). `None` when it is no path of the site: no leading
/// `/`, a scheme or host (`//`), an empty, `.` or `..` segment, `?`, `#`, `\`,
/// whitespace or control characters, bad escapes, or the home page itself.
pub(crate) fn alias(written: &str) -> Option<String> {
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\');
    let rest = written.strip_prefix('/').filter(|r| !r.contains(bad))?;
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    // A `%` left after decoding is a bad escape (or an escaped `%`).
    if decoded.is_empty() || decoded.contains(bad) || decoded.contains('%') {
        return None;
    }
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if trimmed.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    let path = if !decoded.ends_with('/') && (lower.ends_with(".html") || lower.ends_with(".htm")) {
        // `/old/index.html` is the page `old/`.
        page_url(trimmed).to_owned()
    } else {
        format!("{trimmed}/")
    };
    (!path.is_empty()).then_some(path)
}

/// The file an alias's redirect page is written to: `old/path/` ->
/// `old/path/index.html`, `old.html` -> itself.
pub(crate) fn alias_file(alias: &str) -> String {
    if alias.ends_with('/') { page_file(alias) } else { alias.to_owned() }
}

/// What qiao writes at a site path of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// `/`.
    Home,
    /// `/<kind>/` and its pages 2.. (`/cases/page/2/`).
    Listing(Kind),
    /// `/atom.xml`, `/<kind>/atom.xml`.
    Feed(Option<Kind>),
    /// `/<kind>/index.json`.
    Export(Kind),
    /// `/roadshows/calendar.ics`.
    Calendar,
    /// `/demands/matches.json`.
    Matches,
    /// `/search/`, its script and its index files.
    Search,
    /// `/<taxonomy>/` and every term page below it.
    Taxonomy(&'static str),
    /// `/network/` and its JSON.
    Network,
    /// `/stats/` and its JSON.
    Stats,
    /// `/policies/finder/`.
    PolicyFinder,
    /// `/css/`, `/js/`, `/favicon.svg`: the theme's files.
    ThemeFiles,
    /// `/404.html`, `/sitemap.xml`, `/robots.txt`.
    SiteFile(&'static str),
    /// `/__qiao/`: the preview server's own files.
    Preview,
    /// `/<section>/`, its pages 2.. and its feed (`/news/atom.xml`), for the
    /// folders that are sections ([`section_owner`]).
    Section,
    /// `/_img/`: the variants of the images an editor names.
    Images,
}

impl Owner {
    /// What the owner is, for a message to an editor.
    pub(crate) fn describe(self) -> String {
        match self {
            Owner::Home => "the home page".into(),
            Owner::Listing(kind) => format!("the listing of {}", kind.folder()),
            Owner::Feed(None) => "the site's Atom feed".into(),
            Owner::Feed(Some(kind)) => format!("the Atom feed of {}", kind.folder()),
            Owner::Export(kind) => format!("the JSON export of {}", kind.folder()),
            Owner::Calendar => "the roadshows' calendar".into(),
            Owner::Matches => "the demands' suggested partners".into(),
            Owner::Search => "the search page".into(),
            Owner::Taxonomy(t) => format!("the {t} pages"),
            Owner::Network => "the cooperation network".into(),
            Owner::Stats => "the statistics page".into(),
            Owner::PolicyFinder => "the policy finder".into(),
            Owner::ThemeFiles => "the theme's files".into(),
            Owner::SiteFile(name) => format!("the site's {name} file"),
            Owner::Preview => "the preview server".into(),
            Owner::Section => "the listing of a section".into(),
            Owner::Images => "the resized images".into(),
        }
    }
}

/// Which of qiao's own outputs is at `path`, or anything below it, if any. `path`
/// is a page's URL relative to the site root (as [`crate::model::Item::rel_url`]:
/// `cases/x/`, `` for the root) or the path of an output file
/// (`cases/atom.xml`, `cases/index.html`, which is the page `cases/`).
pub(crate) fn owner(path: &str) -> Option<Owner> {
    let path = page_url(path);
    if path.is_empty() {
        return Some(Owner::Home);
    }
    let mut segments = path.trim_end_matches('/').split('/');
    let first = segments.next().unwrap_or_default();
    let second = segments.next();
    if path == POLICY_FINDER {
        return Some(Owner::PolicyFinder);
    }
    if let Some(kind) = Kind::from_folder(first).filter(|k| *k != Kind::Pages) {
        return match second {
            None => Some(Owner::Listing(kind)),
            // `cases/page/` holds `cases/page/2/`, … : a case may not be called `page`.
            Some(PAGINATION) => Some(Owner::Listing(kind)),
            Some(_) if path == feed(Some(kind)) => Some(Owner::Feed(Some(kind))),
            Some(_) if path == export(kind) => Some(Owner::Export(kind)),
            Some(_) if path == CALENDAR => Some(Owner::Calendar),
            Some(_) if path == MATCHES => Some(Owner::Matches),
            // An item's page and its files (`roadshows/x/event.ics`).
            Some(_) => None,
        };
    }
    if let Some(t) = TAXONOMIES.iter().find(|t| **t == first) {
        return Some(Owner::Taxonomy(t));
    }
    if let Some((file, _)) = SITE_FILES.iter().find(|(file, stem)| first == *file || first == *stem)
    {
        return Some(Owner::SiteFile(file));
    }
    let folder = |f: &str| f.trim_end_matches('/') == first;
    match first {
        _ if path == feed(None) => Some(Owner::Feed(None)),
        _ if folder(SEARCH) || folder(SEARCH_INDEX) => Some(Owner::Search),
        _ if folder(NETWORK) => Some(Owner::Network),
        _ if folder(STATS) => Some(Owner::Stats),
        _ if THEME_FOLDERS.contains(&first) || THEME_FILES.contains(&first) => {
            Some(Owner::ThemeFiles)
        }
        _ if folder(PREVIEW) => Some(Owner::Preview),
        _ if folder(IMAGES) => Some(Owner::Images),
        _ => None,
    }
}

/// A section's listing (`news/`), for the section in `content/news/`.
pub(crate) fn section(folder: &str) -> String {
    format!("{folder}/")
}

/// Page `n` (from 1) of a section's listing (`news/`, `news/page/2/`).
pub(crate) fn section_page(folder: &str, n: usize) -> String {
    paginated(&section(folder), n)
}

/// The Atom feed of a section (`news/atom.xml`).
pub(crate) fn section_feed(folder: &str) -> String {
    format!("{}atom.xml", section(folder))
}

/// [`owner`], knowing which top-level folders are sections (`content` decides
/// that from the files): a section's listing, its pages 2.. and its feed are
/// [`Owner::Section`]'s; its pages (`news/x/`) are their own.
pub(crate) fn section_owner<'a>(
    path: &str,
    mut sections: impl Iterator<Item = &'a str>,
) -> Option<Owner> {
    let url = page_url(path);
    let mut segments = url.trim_end_matches('/').split('/');
    let first = segments.next().unwrap_or_default();
    if url.is_empty() || !sections.any(|s| s == first) {
        return owner(path);
    }
    match segments.next() {
        None | Some(PAGINATION) => Some(Owner::Section),
        Some(_) if url == section_feed(first) => Some(Owner::Section),
        Some(_) => None,
    }
}

/// A variant of the image at `site_path` (`images/Harbour 1.jpg`): `width` pixels
/// wide, of the cached entry whose key starts with `hash`, as `ext`
/// (`_img/harbour-1-3fa2c1d9e0-640.webp`). The name keeps the original's name in
/// ASCII (for whoever reads a page's source) and changes whenever its bytes do, so
/// hosts may cache it forever.
pub(crate) fn image_variant(site_path: &str, hash: &str, width: u32, ext: &str) -> String {
    let name = site_path.rsplit('/').next().unwrap_or(site_path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut clean = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            clean.push(c);
        } else if !clean.is_empty() && !clean.ends_with('-') {
            clean.push('-');
        }
        if clean.len() >= 40 {
            break;
        }
    }
    let clean = clean.trim_end_matches('-');
    let stem = if clean.is_empty() { "image" } else { clean };
    format!("{IMAGES}{stem}-{hash}-{width}.{ext}")
}

/// The part of a variant's file name that does not depend on the original's
/// name (`3fa2c1d9e0-640.webp`): what the image cache stores it by.
pub(crate) fn image_variant_tail(name: &str) -> &str {
    let mut dashes = name.rmatch_indices('-').map(|(i, _)| i);
    let _width = dashes.next();
    match dashes.next() {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qiaos_own_paths_have_owners_and_items_do_not() {
        assert_eq!(owner(""), Some(Owner::Home));
        assert_eq!(owner("cases/"), Some(Owner::Listing(Kind::Cases)));
        assert_eq!(owner("cases/page/"), Some(Owner::Listing(Kind::Cases)));
        assert_eq!(owner("policies/finder/"), Some(Owner::PolicyFinder));
        assert_eq!(owner("search/"), Some(Owner::Search));
        assert_eq!(owner("search/help/"), Some(Owner::Search));
        assert_eq!(owner("tags/x/"), Some(Owner::Taxonomy("tags")));
        assert_eq!(owner("network/"), Some(Owner::Network));
        assert_eq!(owner("stats/"), Some(Owner::Stats));
        assert_eq!(owner("css/"), Some(Owner::ThemeFiles));
        assert_eq!(owner("404/"), Some(Owner::SiteFile("404.html")));
        assert_eq!(owner("_img/a-0123456789-640.webp"), Some(Owner::Images));
        let variant = image_variant("images/Harbour 1 港口.JPG", "0123456789", 640, "webp");
        assert_eq!(variant, "_img/harbour-1-0123456789-640.webp");
        assert_eq!(image_variant_tail("harbour-1-0123456789-640.webp"), "0123456789-640.webp");
        assert_eq!(
            image_variant("封面.jpg", "0123456789", 320, "jpg"),
            "_img/image-0123456789-320.jpg"
        );
        for free in ["cases/x/", "policies/finders/", "about/", "join/how/", "news/", "页面/"] {
            assert_eq!(owner(free), None, "{free}");
        }
    }

    #[test]
    fn every_path_made_here_has_its_owner() {
        let own: Vec<(String, Owner)> = vec![
            (page_file(HOME), Owner::Home),
            (NOT_FOUND.into(), Owner::SiteFile(NOT_FOUND)),
            (page_file(SEARCH), Owner::Search),
            (SEARCH_SCRIPT.into(), Owner::Search),
            (search_index_file("manifest.json"), Owner::Search),
            (search_index_file("t/0.json"), Owner::Search),
            (page_file(NETWORK), Owner::Network),
            (NETWORK_DATA.into(), Owner::Network),
            (page_file(STATS), Owner::Stats),
            (STATS_DATA.into(), Owner::Stats),
            (page_file(POLICY_FINDER), Owner::PolicyFinder),
            (SITEMAP.into(), Owner::SiteFile(SITEMAP)),
            (ROBOTS.into(), Owner::SiteFile(ROBOTS)),
            (REDIRECTS.into(), Owner::SiteFile(REDIRECTS)),
            (feed(None), Owner::Feed(None)),
            (CALENDAR.into(), Owner::Calendar),
            (MATCHES.into(), Owner::Matches),
            (PREVIEW.into(), Owner::Preview),
        ];
        let mut own = own;
        for kind in Kind::SECTIONS {
            own.push((page_file(&listing_page(kind, 1)), Owner::Listing(kind)));
            own.push((page_file(&listing_page(kind, 7)), Owner::Listing(kind)));
            own.push((feed(Some(kind)), Owner::Feed(Some(kind))));
            own.push((export(kind), Owner::Export(kind)));
        }
        for t in TAXONOMIES {
            own.push((page_file(&taxonomy(t)), Owner::Taxonomy(t)));
            own.push((page_file(&term_page(t, "产教融合", 1)), Owner::Taxonomy(t)));
            own.push((page_file(&term_page(t, "ai", 3)), Owner::Taxonomy(t)));
        }
        for file in SEARCH_PAGE_CODE.into_iter().chain(THEME_FILES) {
            own.push((file.into(), Owner::ThemeFiles));
        }
        for (path, expected) in &own {
            assert_eq!(owner(path), Some(*expected), "{path}");
        }
        // Every file `site_files` names is among them.
        for file in site_files() {
            assert!(own.iter().any(|(p, _)| *p == file), "{file}");
        }
        // An item's page and files are its own, whatever its kind.
        for item in ["cases/x/", "roadshows/r/", "policies/finders/", "join/how/", "about/"] {
            assert_eq!(owner(item), None, "{item}");
            assert_eq!(owner(&page_file(item)), None, "{item}");
            assert_eq!(owner(&event(item)), None, "{item}");
        }
    }

    #[test]
    fn a_sections_listing_and_feed_are_owned_and_its_pages_are_not() {
        let sections = || ["news", "notices"].into_iter();
        for path in [
            page_file(&section_page("news", 1)),
            page_file(&section_page("news", 3)),
            section_feed("notices"),
        ] {
            assert_eq!(section_owner(&path, sections()), Some(Owner::Section), "{path}");
        }
        for path in ["news/x/", "news/x/index.html", "join/how/"] {
            assert_eq!(section_owner(path, sections()), None, "{path}");
        }
        assert_eq!(section_owner("tags/x/", sections()), Some(Owner::Taxonomy("tags")));
        assert_eq!(section_owner("news/", std::iter::empty()), None);
        assert_eq!(section_page("news", 2), "news/page/2/");
    }

    #[test]
    fn paths_have_their_shapes() {
        assert_eq!(page_file(HOME), "index.html");
        assert_eq!(page_file("cases/x/"), "cases/x/index.html");
        for url in ["", "cases/x/", "cases/page/2/", "tags/产教融合/"] {
            assert_eq!(page_url(&page_file(url)), url);
        }
        assert_eq!(page_url("/cases/x/index.html"), "cases/x/");
        assert_eq!(page_url(NOT_FOUND), NOT_FOUND);
        assert_eq!(page_url("standalone.html"), "standalone.html");
        assert_eq!(listing_page(Kind::Cases, 1), "cases/");
        assert_eq!(listing_page(Kind::Cases, 2), "cases/page/2/");
        assert_eq!(term_page("tags", "ai", 1), "tags/ai/");
        assert_eq!(term_page("tags", "ai", 3), "tags/ai/page/3/");
        assert_eq!(feed(None), "atom.xml");
        assert_eq!(feed(Some(Kind::Roadshows)), "roadshows/atom.xml");
        assert_eq!(export(Kind::Members), "members/index.json");
        assert_eq!(event("roadshows/r/"), "roadshows/r/event.ics");
        assert_eq!(search_index_file("filters.json"), "search/filters.json");
        // The fixed files sit in the folders whose owners they name.
        assert!(CALENDAR.starts_with(&listing(Kind::Roadshows)));
        assert!(MATCHES.starts_with(&listing(Kind::Demands)));
        assert!(NETWORK_DATA.starts_with(NETWORK) && STATS_DATA.starts_with(STATS));
        assert!(SEARCH_SCRIPT.starts_with(SEARCH_INDEX) && POLICY_FINDER.starts_with("policies/"));
        assert!(SEARCH_PAGE_CODE.iter().all(|f| f.starts_with("js/")));
    }

    #[test]
    fn aliases_are_site_paths() {
        for (written, path) in [
            ("/old/path/", "old/path/"),
            ("/old/path", "old/path/"),
            ("/old.html", "old.html"),
            ("/a/index.html", "a/"),
            ("/新闻/旧/", "新闻/旧/"),
            ("/%E6%96%B0/", "新/"),
            ("/cases/old-slug/", "cases/old-slug/"),
        ] {
            assert_eq!(alias(written).as_deref(), Some(path), "{written}");
        }
        for bad in [
            "",
            "/",
            "old/",
            "//host/x/",
            "https://a.org/x/",
            "/a/../b/",
            "/a/./b/",
            "/a//b/",
            "/a b/",
            "/a?x=1",
            "/a#top",
            "/a\\b/",
            "/%zz/",
            "/%25/",
            "/index.html",
            "/%FF/",
        ] {
            assert_eq!(alias(bad), None, "{bad}");
        }
        assert_eq!(alias_file("old/path/"), "old/path/index.html");
        assert_eq!(alias_file("old.html"), "old.html");
    }
}
