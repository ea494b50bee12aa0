//! The pages of sections (`content/news/`, `content/notices/`): each section's
//! paginated listing (pinned pages first, then newest first), its block on the
//! home page, its place in the navigation and in the search page's words, and
//! the main navigation of `site.toml`'s `[[menu]]`.
//!
//! What it is not: which folders are sections (`content::sections`), the order of
//! a section's pages (`index::section_order`), or its feed (`outputs::feeds`).

use serde::Serialize;

use super::i18n::Table;
use super::index::SiteIndex;
use super::markdown::Rendered;
use super::pages::pagination;
use super::views::{Card, ViewCtx};
use super::{Job, PER_PAGE, Renderer, page_count};
use std::collections::HashSet;

use crate::diagnostics::{Code, Diagnostic, Message, Problem, suggest};
use crate::model::{Item, Kind, Section, Site};
use crate::output::OutputFile;
use crate::urls;

/// How many pages of a section its home page block shows.
pub(crate) const ON_HOME: usize = 5;

/// Items per page of a section's listing: its `paginate_by`, else [`PER_PAGE`].
pub(crate) fn per_page(section: &Section) -> usize {
    section.paginate_by().unwrap_or(PER_PAGE)
}

/// Every page of every section's listing.
pub(super) fn jobs(site: &Site, index: &SiteIndex<'_>) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (s, section) in site.sections.iter().enumerate() {
        let n = index.sections.get(s).map_or(0, Vec::len);
        jobs.extend((1..=page_count(n, per_page(section))).map(|p| Job::Section(s, p)));
    }
    jobs
}

/// A section's title: its `_index.md`'s, else the theme's name for the folder
/// (`[section_title]`: `news` is 新闻动态), else the folder's name.
pub(crate) fn title<'a>(section: &'a Section, t: &'a Table) -> &'a str {
    section
        .intro
        .as_ref()
        .and_then(|i| i.title.as_deref())
        .unwrap_or_else(|| t.label("section_title", &section.folder))
}

/// The search page's words with each section's title as the label of its kind
/// facet (`kind.news`).
pub(super) fn search_words(site: &Site, t: &Table) -> serde_json::Value {
    let mut words = t.section("search_script").clone();
    if let Some(map) = words.as_object_mut() {
        for section in &site.sections {
            map.insert(format!("kind.{}", section.folder), title(section, t).into());
        }
    }
    words
}

/// The main navigation: `site.toml`'s `[[menu]]` when it has one (by `weight`,
/// ties in file order), else the built-in one (`built_in`: the five kinds, the
/// insight pages, about) with the sections after the five kinds.
pub(super) fn navigation(
    site: &Site,
    t: &Table,
    mut built_in: Vec<serde_json::Value>,
) -> Vec<serde_json::Value> {
    let config = &site.config;
    if !config.menu.is_empty() {
        let mut menu: Vec<_> = config.menu.iter().collect();
        menu.sort_by_key(|m| m.weight);
        return menu
            .into_iter()
            .map(|m| {
                // The navigation marks the folder of the tree's own pages (`news` of `/en/news/`).
                let path = m.site_path().unwrap_or_default();
                let path = path.strip_prefix(config.tree.as_str()).unwrap_or(path);
                let key = path.split('/').next().unwrap_or_default();
                serde_json::json!({"key": key, "label": m.name, "url": config.menu_link(&m.url)})
            })
            .collect();
    }
    let at = built_in.len().min(Kind::SECTIONS.len());
    let sections = site.sections.iter().map(|s| {
        serde_json::json!({
            "key": s.folder,
            "label": title(s, t),
            "url": config.link(&urls::section(&s.folder)),
        })
    });
    built_in.splice(at..at, sections);
    built_in
}

/// Every `[[menu]]` entry whose `url` is a path of the site that the build does
/// not make (not a page, not a file it writes, not a static file): E0508 at the
/// value, with the nearest pages.
pub(super) fn check_menu(site: &Site, files: &HashSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let config = &site.config;
    for entry in &config.menu {
        let Some(path) = entry.site_path() else { continue };
        // A menu names pages from the site's root (`/en/news/`); those of another
        // language's tree are that tree's, which this renderer does not know.
        let Some(path) = path.strip_prefix(config.tree.as_str()) else { continue };
        if config.tree.is_empty()
            && config.languages.iter().any(|l| path.starts_with(&format!("{}/", l.code)))
        {
            continue;
        }
        let is_page = path.is_empty() || path.ends_with('/');
        let exists = if is_page {
            files.contains(&urls::page_file(path))
        } else {
            files.contains(path) || files.contains(&urls::page_file(&format!("{path}/")))
        };
        if exists {
            continue;
        }
        let pages: Vec<String> = files
            .iter()
            .filter(|f| f.ends_with("index.html"))
            .map(|f| format!("/{}", urls::page_url(f)))
            .collect();
        let wanted = format!("/{path}");
        let near = suggest::nearest(&wanted, pages.iter().map(String::as_str));
        let mut problem = Problem::new(Code::E0508).arg("url", entry.url.as_str());
        if !near.is_empty() {
            problem = problem.help(Message::new("did-you-mean").arg("names", near));
        }
        let mut d = problem.at("site.toml", entry.at);
        d.end = Some(entry.end);
        out.push(d);
    }
    out
}

/// A section's block on the home page.
#[derive(Serialize)]
pub(super) struct HomeSection<'a> {
    folder: &'a str,
    title: &'a str,
    url: String,
    feed: String,
    count: usize,
    items: Vec<Card<'a>>,
}

impl<'s> Renderer<'s> {
    /// Page `p` of a section's listing.
    pub(super) fn section_page(
        &self,
        s: usize,
        p: usize,
    ) -> Result<OutputFile, (Vec<Diagnostic>, String)> {
        let site = self.site;
        let config = &site.config;
        let section = &site.sections[s];
        let link = |rel: &str| config.link(rel);
        let lang = config.language.as_str();
        let v = self.view_ctx(lang, &link);
        let entries = self.index.sections.get(s).map(Vec::as_slice).unwrap_or(&[]);
        let per_page = per_page(section);
        let start = (p - 1) * per_page;
        let slice = &entries[start.min(entries.len())..(start + per_page).min(entries.len())];
        let rel = urls::section_page(&section.folder, p);
        let mut ctx = self.context(lang, &rel, &section.folder);
        ctx.insert("kind", &section.folder);
        ctx.insert("title", title(section, v.t));
        ctx.insert("intro", &self.section_intro(s).map(|r| r.html.as_str()));
        ctx.insert("intro_extra", &section.intro.as_ref().map(|i| &i.extra));
        ctx.insert("items", &self.section_cards(&v, slice));
        ctx.insert("count", &entries.len());
        let page = |n: usize| urls::section_page(&section.folder, n);
        ctx.insert("pagination", &pagination(&link, &page, p, entries.len(), per_page));
        ctx.insert("feed", &config.link(&urls::section_feed(&section.folder)));
        self.page(&urls::page_file(&rel), "section.html", &ctx)
    }

    /// The blocks of the sections on the home page, those with pages and without
    /// `home = false`, each with its [`ON_HOME`] first pages (pinned first).
    pub(super) fn home_sections<'a>(&'a self, v: &ViewCtx<'a, '_>) -> Vec<HomeSection<'a>> {
        let config = &self.site.config;
        self.site
            .sections
            .iter()
            .zip(&self.index.sections)
            .filter(|(s, entries)| s.on_home() && !entries.is_empty())
            .map(|(s, entries)| HomeSection {
                folder: &s.folder,
                title: title(s, v.t),
                url: config.link(&urls::section(&s.folder)),
                feed: config.link(&urls::section_feed(&s.folder)),
                count: entries.len(),
                items: self.section_cards(v, &entries[..entries.len().min(ON_HOME)]),
            })
            .collect()
    }

    /// The rendered intro of section `s` (its `_index.md` body), made once.
    pub(super) fn section_intro(&self, s: usize) -> Option<&Rendered> {
        let intro = self.site.sections.get(s)?.intro.as_ref()?;
        let cell = self.section_intros.get(s)?;
        Some(cell.get_or_init(|| {
            self.render_intro(intro, &urls::section(&self.site.sections[s].folder))
        }))
    }

    /// What the page of a section's item shows of its section: title, link, and
    /// whether the item is pinned; `None` for any other item.
    pub(super) fn entry_section(&self, item: &Item, t: &Table) -> Option<serde_json::Value> {
        let section = self.site.section(item.section()?)?;
        Some(serde_json::json!({
            "folder": section.folder,
            "title": title(section, t),
            "url": self.site.config.link(&urls::section(&section.folder)),
            "pinned": item.pinned(),
        }))
    }

    /// Cards of a section's pages, labelled with the section's title.
    fn section_cards<'a>(&'a self, v: &ViewCtx<'a, '_>, ix: &[usize]) -> Vec<Card<'a>> {
        let find = |slug: &str| self.index.find(Kind::Members, slug);
        ix.iter()
            .map(|&i| {
                let mut card = v.card(i, &self.body(i).summary, &find);
                if let Some(section) =
                    self.site.items[i].section().and_then(|f| self.site.section(f))
                {
                    card.kind_label = title(section, v.t);
                }
                card
            })
            .collect()
    }
}
