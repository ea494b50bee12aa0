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
use super::i18n::Strings;
use crate::config::SiteConfig;
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

/// What every page of a renderer's tree needs to know of the site's languages,
/// made once per renderer: most pages (an item in one language, page 2 of a
/// listing) have no alternate, and their list is the same on every page.
#[derive(Debug)]
pub(super) struct Languages {
    /// Each language's code and folder (`""`, `"en/"`), the site's own first.
    trees: Vec<(String, String)>,
    /// The pages every language's tree has ([`everywhere`]).
    everywhere: HashSet<String>,
    /// The list of a page without alternates: each language's home page.
    homes: tera::Value,
}

impl Languages {
    pub(super) fn new(site: &Site, strings: &Strings) -> Self {
        let config = &site.config;
        let trees: Vec<(String, String)> = if config.languages.is_empty() {
            Vec::new()
        } else {
            std::iter::once((config.root_language.clone(), String::new()))
                .chain(config.languages.iter().map(|l| (l.code.clone(), format!("{}/", l.code))))
                .collect()
        };
        let everywhere = if trees.is_empty() { HashSet::new() } else { everywhere(site) };
        let homes = tera::Value::from_serializable(&list(&trees, config, strings, "", |_| false));
        Self { trees, everywhere, homes }
    }
}

/// The languages `trees` of the page at `rel` (below its tree's folder), with
/// `alternate(tree)` telling whether it has a version in the tree.
fn list<'r>(
    trees: &'r [(String, String)],
    config: &SiteConfig,
    strings: &'r Strings,
    rel: &str,
    alternate: impl Fn(&str) -> bool,
) -> Vec<Language<'r>> {
    trees
        .iter()
        .map(|(code, tree)| {
            let alternate = alternate(tree);
            let path = if alternate { format!("{tree}{rel}") } else { tree.clone() };
            Language {
                code,
                name: strings.language_name(code),
                url: config.root_absolute(&path),
                link: config.root_link(&path),
                alternate,
                current: *tree == config.tree,
            }
        })
        .collect()
}

impl Renderer<'_> {
    /// Every language of the site for the page at `rel` (below its language's
    /// folder), the site's own language first; empty on a site of one language.
    pub(super) fn languages(&self, rel: &str) -> tera::Value {
        let languages = &self.languages;
        if languages.trees.is_empty() {
            return languages.homes.clone();
        }
        // An item's page has the languages it is translated into; a page every
        // language has (the home page, listings, search, insight pages) has all.
        let item = self.index.by_url.get(rel).map(|&i| &self.site.items[i]);
        let everywhere = item.is_none() && languages.everywhere.contains(rel);
        let alternate = |tree: &str| match item {
            Some(item) => item.versions.iter().any(|(_, t)| *t == tree),
            None => everywhere,
        };
        // A page in one language only has no alternates (its switcher still leads
        // to the other languages' home pages).
        if languages.trees.iter().filter(|(_, tree)| alternate(tree)).count() < 2 {
            return languages.homes.clone();
        }
        tera::Value::from_serializable(&list(
            &languages.trees,
            &self.site.config,
            &self.theme.strings,
            rel,
            alternate,
        ))
    }
}

/// The pages each language's tree has, whatever its content: the home page, the
/// search page, the first page of each listing and section, the taxonomies'
/// indexes and the insight pages.
fn everywhere(site: &Site) -> HashSet<String> {
    let mut pages: HashSet<String> = [urls::HOME, urls::SEARCH].map(str::to_owned).into();
    pages.extend(Kind::SECTIONS.iter().map(|&k| urls::listing(k)));
    pages.extend(site.sections.iter().map(|s| urls::section(&s.folder)));
    pages.extend(urls::TAXONOMIES.iter().map(|t| urls::taxonomy(t)));
    pages.extend(super::insight::Page::ALL.iter().map(|p| p.rel().to_owned()));
    pages
}
