//! The other languages of a page: the `hreflang` alternates in its `<head>` and
//! the language switcher in its header. A page with a translation links to it;
//! a page without one (a term page with no item in that language, page 2 of a
//! listing) has no alternate, and its switcher goes to that language's home page.
//!
//! What it is not: which pages a language has (its tree, `content::trees`), or
//! where they are written (`build`).

use serde::Serialize;

use std::collections::HashSet;

use super::Renderer;
use crate::model::{Kind, Site};
use crate::urls;

/// One language of the site, as a page shows it.
#[derive(Debug, Serialize)]
pub(crate) struct Language<'a> {
    /// The language tag (`en`).
    code: &'a str,
    /// Its name in itself (`English`, `中文`).
    name: &'a str,
    /// The page in that language, else that language's home page (absolute, for
    /// `hreflang`).
    url: String,
    /// The same, root-relative (`/alliance/en/`), for the switcher.
    link: String,
    /// Whether `url` is this page in that language (an `hreflang` alternate).
    alternate: bool,
    /// Whether it is the page's own language.
    current: bool,
}

impl Renderer<'_> {
    /// Every language of the site for the page at `rel` (below its language's
    /// folder), the site's own language first; empty on a site of one language.
    pub(super) fn languages(&self, rel: &str) -> Vec<Language<'_>> {
        let config = &self.site.config;
        if config.languages.is_empty() {
            return Vec::new();
        }
        let trees = std::iter::once((config.root_language.as_str(), ""))
            .chain(config.languages.iter().map(|l| (l.code.as_str(), l.code.as_str())));
        // An item's page has the languages it is translated into; a page every
        // language has (the home page, listings, search, insight pages) has all.
        let item = self.index.by_url.get(rel).map(|&i| &self.site.items[i]);
        let everywhere = item.is_none() && self.everywhere.contains(rel);
        let mut languages: Vec<Language<'_>> = trees
            .map(|(code, folder)| {
                let tree = if folder.is_empty() { String::new() } else { format!("{folder}/") };
                let alternate = match item {
                    Some(item) => item.versions.iter().any(|(_, t)| *t == tree),
                    None => everywhere,
                };
                let path = if alternate { format!("{tree}{rel}") } else { tree.clone() };
                Language {
                    code,
                    name: self.theme.strings.language_name(code),
                    url: config.root_absolute(&path),
                    link: config.root_link(&path),
                    alternate,
                    current: tree == config.tree,
                }
            })
            .collect();
        // A page in one language only has no alternates (its switcher still leads
        // to the other languages' home pages).
        if languages.iter().filter(|l| l.alternate).count() < 2 {
            languages.iter_mut().for_each(|l| l.alternate = false);
        }
        languages
    }
}

/// The pages each language's tree has, whatever its content: the home page, the
/// search page, the first page of each listing and section, the taxonomies'
/// indexes and the insight pages. Made once per renderer; empty on a site of one
/// language, which has no alternates.
pub(super) fn everywhere(site: &Site) -> HashSet<String> {
    if site.config.languages.is_empty() {
        return HashSet::new();
    }
    let mut pages: HashSet<String> = [urls::HOME, urls::SEARCH].map(str::to_owned).into();
    pages.extend(Kind::SECTIONS.iter().map(|&k| urls::listing(k)));
    pages.extend(site.sections.iter().map(|s| urls::section(&s.folder)));
    pages.extend(urls::TAXONOMIES.iter().map(|t| urls::taxonomy(t)));
    pages.extend(super::insight::Page::ALL.iter().map(|p| p.rel().to_owned()));
    pages
}
