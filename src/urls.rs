//! The site paths qiao writes of its own: the home page, the listings of the five
//! kinds and their pagination, the taxonomy pages, the search page, the insight
//! pages, the site-wide files and the theme's folders.
//!
//! What it is for: one list that the content checks read, so that a content file
//! whose URL would be one of these is an error naming the path and what owns it,
//! instead of a page that one of them silently overwrites
//! (`content/policies/finder.md`, `content/cases.md`, `content/index.md`).
//! The renderer and the insight pages take their fixed paths from the constants
//! here.
//!
//! What it is not: the URLs of items and plain pages (those come from their files,
//! in `content`), nor how a path is joined with `base_url` (that is `config`).
//! Paths here are relative to the site root, without a leading `/`; folders end
//! with `/` (`policies/finder/`).

use crate::model::Kind;

/// The search page's folder.
pub(crate) const SEARCH: &str = "search/";
/// The cooperation network.
pub(crate) const NETWORK: &str = "network/";
/// The statistics page.
pub(crate) const STATS: &str = "stats/";
/// The policy finder, inside the policies listing's folder.
pub(crate) const POLICY_FINDER: &str = "policies/finder/";
/// The folder segment of a listing's pages 2.. (`cases/page/2/`).
pub(crate) const PAGINATION: &str = "page";
/// The taxonomies, each a folder of term pages (`industries/intelligent-manufacturing/`).
pub(crate) const TAXONOMIES: [&str; 3] = ["industries", "regions", "tags"];
/// The theme's folders of static files.
pub(crate) const THEME_FOLDERS: [&str; 2] = ["css", "js"];
/// Site-wide files, by the first segment a content folder would need to shadow them.
const SITE_FILES: [&str; 3] = ["404", "sitemap", "robots"];

/// What qiao writes at a site path of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// `/`.
    Home,
    /// `/<kind>/` and its pages 2.. (`/cases/page/2/`).
    Listing(Kind),
    /// `/search/` and its index files.
    Search,
    /// `/<taxonomy>/` and every term page below it.
    Taxonomy(&'static str),
    /// `/network/`.
    Network,
    /// `/stats/`.
    Stats,
    /// `/policies/finder/`.
    PolicyFinder,
    /// `/css/`, `/js/`: the theme's files.
    ThemeFiles,
    /// `/404.html`, `/sitemap.xml`, `/robots.txt`.
    SiteFile(&'static str),
}

impl Owner {
    /// What the owner is, for a message to an editor.
    pub(crate) fn describe(self) -> String {
        match self {
            Owner::Home => "the home page".into(),
            Owner::Listing(kind) => format!("the listing of {}", kind.folder()),
            Owner::Search => "the search page".into(),
            Owner::Taxonomy(t) => format!("the {t} pages"),
            Owner::Network => "the cooperation network".into(),
            Owner::Stats => "the statistics page".into(),
            Owner::PolicyFinder => "the policy finder".into(),
            Owner::ThemeFiles => "the theme's files".into(),
            Owner::SiteFile(name) => format!("the site's {name} file"),
        }
    }
}

/// Which of qiao's own outputs is at `rel_url` (a page's URL relative to the site
/// root, as [`crate::model::Item::rel_url`]: `cases/x/`, `` for the root), or
/// anything below it, if any.
pub(crate) fn owner(rel_url: &str) -> Option<Owner> {
    let path = rel_url.trim_start_matches('/');
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
            Some(_) => None,
        };
    }
    if let Some(t) = TAXONOMIES.iter().find(|t| **t == first) {
        return Some(Owner::Taxonomy(t));
    }
    if let Some(f) = SITE_FILES.iter().find(|f| **f == first) {
        return Some(Owner::SiteFile(match *f {
            "404" => "404.html",
            "sitemap" => "sitemap.xml",
            _ => "robots.txt",
        }));
    }
    match first {
        _ if SEARCH.trim_end_matches('/') == first => Some(Owner::Search),
        _ if NETWORK.trim_end_matches('/') == first => Some(Owner::Network),
        _ if STATS.trim_end_matches('/') == first => Some(Owner::Stats),
        _ if THEME_FOLDERS.contains(&first) => Some(Owner::ThemeFiles),
        _ => None,
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
        for free in ["cases/x/", "policies/finders/", "about/", "join/how/", "news/", "页面/"] {
            assert_eq!(owner(free), None, "{free}");
        }
    }
}
