//! HTML pages from the model: every item page, a paginated listing per kind, the
//! taxonomy pages, the home page, `404.html`, the insight pages, and the theme's
//! and site's static files.
//!
//! The work is split so a big site stays fast: templates are compiled once
//! ([`theme`]); relations between items are indexed once ([`index`]); each Markdown
//! body is rendered once, in parallel, and kept for the item page, the cards that
//! show its summary and the search index ([`markdown`]); then every page is an
//! independent job rendered in parallel from a borrowed view ([`views`]); the
//! navigation and footer, the same on every page of a language, are rendered once.
//! Nothing depends on the clock or on iteration order of a hash map, so two builds
//! give the same bytes.
//!
//! Every page's path comes from [`crate::urls`]: one list of jobs says which pages
//! there are and where each is written, and the same list, with the other files
//! `urls` names, is what Markdown links are checked against ([`known_files`]), what
//! the sitemap leaves out as pages 2.. ([`Renderer::later_pages`]) and what an
//! incremental render compares ([`incremental`]).
//!
//! Problems are collected, never raised one at a time: every broken link of every
//! file and every template error come back together as [`Diagnostic`]s.

pub mod compact;
pub mod i18n;
pub mod incremental;
pub mod index;
pub mod insight;
mod languages;
pub mod links;
pub mod markdown;
mod pages;
mod picture;
mod sections;
pub mod theme;
pub mod views;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::Context;

use self::index::{Ix, SiteIndex};
use self::links::SiteLinks;
use self::markdown::{Doc, Rendered};
use self::theme::{StaticFile, Theme};
use crate::diagnostics::{Code, Diagnostic, Message, Problem};
use crate::model::{Item, Kind, Site};
use crate::output::OutputFile;
use crate::urls;

/// Items per page of a listing or term page.
pub const PER_PAGE: usize = 50;

/// How pages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Make the HTML smaller: template whitespace removed (see `compact.rs` for
    /// why this is not a full minifier).
    pub minify: bool,
    /// Load the live-reload script (`qiao serve` only).
    pub live_reload: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self { minify: true, live_reload: false }
    }
}

/// A body after Markdown, with its summary.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    rendered: Rendered,
    summary: String,
}

/// Renders a site's pages. Create it once per build; it holds the compiled
/// templates and the indexes, and caches each body's HTML.
pub struct Renderer<'s> {
    site: &'s Site,
    insight: &'s crate::insight::Insights,
    options: RenderOptions,
    theme: Arc<Theme>,
    index: SiteIndex<'s>,
    links: SiteLinks<'s>,
    bodies: Vec<OnceLock<Arc<Body>>>,
    intros: BTreeMap<Kind, OnceLock<Rendered>>,
    /// The sections' intros, as `site.sections`.
    section_intros: Vec<OnceLock<Rendered>>,
    site_value: tera::Value,
    /// Per language: what every page of that language shares.
    shared: HashMap<String, Shared>,
    /// The images editors name, processed once (or found in the cache).
    images: Arc<crate::images::Images>,
    /// The site's languages, as its pages link them: see [`languages`].
    languages: languages::Languages,
}

/// The parts of a page that depend only on its language, made once: the
/// navigation and the rendered footer (`partials/footer.html`).
#[derive(Debug, Clone)]
struct Shared {
    nav: tera::Value,
    footer: tera::Value,
}

impl std::fmt::Debug for Renderer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("items", &self.site.items.len())
            .field("theme", &self.theme)
            .finish()
    }
}

/// One page to render.
#[derive(Debug, Clone)]
enum Job {
    Item(Ix),
    Listing(Kind, usize),
    Taxonomy(usize),
    Term(usize, String, usize),
    /// Page of a section's listing: (index in `site.sections`, page from 1).
    Section(usize, usize),
    Home,
    NotFound,
    Search,
    Insight(insight::Page),
}

/// The number of pages for `n` entries, `per_page` a page (at least one, so an
/// empty listing still has its page).
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// Items per page of a kind's listing: its `_index.md`'s `paginate_by`, else [`PER_PAGE`].
pub(crate) fn per_page(site: &Site, kind: Kind) -> usize {
    site.intros.get(&kind).and_then(|i| i.paginate_by).unwrap_or(PER_PAGE)
}

impl Job {
    /// The file the job writes (`cases/page/2/index.html`, `404.html`).
    fn file(&self, site: &Site, index: &SiteIndex<'_>) -> String {
        match self {
            Job::Item(i) => urls::page_file(&site.items[*i].rel_url),
            Job::Listing(kind, p) => urls::page_file(&urls::listing_page(*kind, *p)),
            Job::Taxonomy(t) => urls::page_file(&urls::taxonomy(index.taxonomies[*t].name)),
            Job::Term(t, segment, p) => {
                urls::page_file(&urls::term_page(index.taxonomies[*t].name, segment, *p))
            }
            Job::Section(s, p) => {
                urls::page_file(&urls::section_page(&site.sections[*s].folder, *p))
            }
            Job::Home => urls::page_file(urls::HOME),
            Job::NotFound => urls::NOT_FOUND.to_owned(),
            Job::Search => urls::page_file(urls::SEARCH),
            Job::Insight(page) => urls::page_file(page.rel()),
        }
    }

    /// Whether the job is page 2.. of a listing or a term's page.
    fn is_later_page(&self) -> bool {
        matches!(self, Job::Listing(_, p) | Job::Term(_, _, p) | Job::Section(_, p) if *p > 1)
    }
}

/// The pages of the site, or those `dirty` names plus the site-wide ones.
fn jobs(site: &Site, index: &SiteIndex<'_>, dirty: Option<&incremental::Dirty>) -> Vec<Job> {
    let mut jobs: Vec<Job> = match dirty {
        None => {
            (0..site.items.len()).filter(|&i| site.is_here(&site.items[i])).map(Job::Item).collect()
        }
        Some(d) => d
            .items
            .iter()
            .copied()
            .filter(|&i| i < site.items.len() && site.is_here(&site.items[i]))
            .map(Job::Item)
            .collect(),
    };
    for kind in Kind::SECTIONS {
        let n = index.listings.get(&kind).map_or(0, |l| l.entries.len());
        jobs.extend(
            (1..=page_count(n, per_page(site, kind)))
                .filter(|&p| dirty.is_none_or(|d| d.listing_pages.contains(&(kind, p))))
                .map(|p| Job::Listing(kind, p)),
        );
    }
    for (t, tax) in index.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(t));
        for term in tax.terms.values() {
            jobs.extend(
                (1..=page_count(term.items.len(), PER_PAGE))
                    .filter(|p| {
                        dirty.is_none_or(|d| {
                            d.term_pages[t].get(&term.segment).is_some_and(|ps| ps.contains(p))
                        })
                    })
                    .map(|p| Job::Term(t, term.segment.clone(), p)),
            );
        }
    }
    // A section's pages are few: all of them, edit or not.
    jobs.extend(sections::jobs(site, index));
    jobs.push(Job::Home);
    jobs.push(Job::NotFound);
    jobs.push(Job::Search);
    jobs.extend(insight::Page::ALL.map(Job::Insight));
    jobs
}

/// Every path a build of `site` writes but the search index's files (which are
/// made after the pages, from their text): every page the renderer's jobs write,
/// each roadshow's calendar, the files qiao writes whatever the content
/// ([`urls::site_files`]: feeds, exports, the calendar, the insight data, the
/// sitemap, robots) and the static files. What Markdown links are checked
/// against, and what tells an edit that keeps the site's pages from one that does
/// not ([`incremental`]).
fn known_files(site: &Site, index: &SiteIndex<'_>, theme: &Theme) -> HashSet<String> {
    let mut files: HashSet<String> =
        jobs(site, index, None).iter().map(|job| job.file(site, index)).collect();
    files.extend(
        site.items
            .iter()
            .filter(|i| i.kind == Kind::Roadshows && site.is_here(i))
            .map(|i| urls::event(&i.rel_url)),
    );
    files.extend(urls::site_files());
    files.extend(site.sections.iter().map(|s| urls::section_feed(&s.folder)));
    files.extend(theme.statics.keys().cloned());
    files
}

impl<'s> Renderer<'s> {
    /// Compiles the templates (site, then site theme, then built-in) and indexes the site.
    /// Template errors name the template file and line.
    pub fn new(
        site: &'s Site,
        root: &Path,
        options: RenderOptions,
        insight: &'s crate::insight::Insights,
    ) -> Result<Self, Vec<Diagnostic>> {
        let theme = Arc::new(theme::load(root, &site.config)?);
        Self::with_theme(site, root, options, insight, theme)
    }

    /// [`Renderer::new`] with templates already compiled (for `serve`, which keeps
    /// them between content edits).
    pub fn with_theme(
        site: &'s Site,
        root: &Path,
        options: RenderOptions,
        insight: &'s crate::insight::Insights,
        theme: Arc<Theme>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let images = crate::images::Images::new(root, &site.config.images.keep_metadata);
        Self::with_images(site, root, options, insight, theme, Arc::new(images))
    }

    /// [`Renderer::with_theme`] with the build's store of images, which the
    /// renderers of every language's tree share (each image looked up once, its
    /// variants handed out once).
    pub(crate) fn with_images(
        site: &'s Site,
        root: &Path,
        options: RenderOptions,
        insight: &'s crate::insight::Insights,
        theme: Arc<Theme>,
        images: Arc<crate::images::Images>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let index = SiteIndex::new(site);
        let files = known_files(site, &index, &theme);
        let menu_errors = sections::check_menu(site, &files);
        if !menu_errors.is_empty() {
            return Err(menu_errors);
        }
        let statics = theme.statics.keys().cloned().collect();
        let links =
            SiteLinks::new(site, index.by_source.clone(), root, files, images.clone(), statics);
        let config = &site.config;
        // The language of each `[extra]` value: the tree's where its language sets
        // it (`[languages.<code>.extra]`), else the default language's.
        let own = config.languages.iter().find(|l| l.code == config.language);
        let extra_lang: serde_json::Map<String, serde_json::Value> = config
            .extra
            .keys()
            .map(|k| {
                let set_here =
                    config.tree.is_empty() || own.is_some_and(|l| l.extra.contains_key(k));
                let lang = if set_here { &config.language } else { &config.root_language };
                (k.clone(), lang.as_str().into())
            })
            .collect();
        let site_value = tera::Value::from_serializable(&serde_json::json!({
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "base_path": config.base_path,
            "language": config.language,
            "extra": config.extra,
            "extra_lang": extra_lang,
            "taxonomies": config.taxonomies,
            "today": site.today.to_string(),
        }));
        let languages = languages::Languages::new(site, &theme.strings);
        let mut renderer = Self {
            site,
            insight,
            options,
            theme,
            links,
            bodies: site.items.iter().map(|_| OnceLock::new()).collect(),
            intros: site.intros.keys().map(|k| (*k, OnceLock::new())).collect(),
            section_intros: site.sections.iter().map(|_| OnceLock::new()).collect(),
            index,
            site_value,
            shared: HashMap::new(),
            images,
            languages,
        };
        let mut langs: BTreeSet<&str> = site.items.iter().map(|i| i.lang.as_str()).collect();
        langs.insert(&site.config.language);
        let mut diagnostics = Vec::new();
        for lang in langs {
            match renderer.make_shared(lang) {
                Ok(shared) => {
                    renderer.shared.insert(lang.to_owned(), shared);
                }
                Err(d) => diagnostics.extend(d),
            }
        }
        crate::diagnostics::sort(&mut diagnostics);
        if diagnostics.is_empty() { Ok(renderer) } else { Err(diagnostics) }
    }

    /// Renders every Markdown body and listing intro (in parallel, cached for the
    /// pages) and returns their problems: broken links, unsafe link schemes. This is
    /// what `qiao check` runs besides loading, so it fails on the same content errors
    /// as `build` without rendering any page.
    pub fn check_bodies(&self) -> Vec<Diagnostic> {
        // An item of another language's tree is checked in its own.
        let mut diagnostics: Vec<Diagnostic> = (0..self.site.items.len())
            .into_par_iter()
            .filter(|&i| self.site.is_here(&self.site.items[i]))
            .flat_map_iter(|i| self.body(i).rendered.diagnostics.iter().cloned())
            .collect();
        for kind in self.intros.keys() {
            if let Some(r) = self.intro(*kind) {
                diagnostics.extend(r.diagnostics.iter().cloned());
            }
        }
        for s in 0..self.site.sections.len() {
            if let Some(r) = self.section_intro(s) {
                diagnostics.extend(r.diagnostics.iter().cloned());
            }
        }
        diagnostics
    }

    /// The broken links of a Markdown body that is no item's (a file whose front
    /// matter has errors), as they would be reported for its page at `page_dir`.
    pub(crate) fn check_body(
        &self,
        source: &str,
        page_dir: &str,
        body: &str,
        body_line_offset: usize,
    ) -> Vec<Diagnostic> {
        let doc = Doc {
            source,
            body,
            body_line_offset,
            page_dir,
            trust_html: self.site.config.trust_html,
        };
        markdown::render(&doc, &self.links).diagnostics
    }

    /// Every HTML page, `404.html`, and the theme's and site's static files, sorted by path.
    /// All broken links of all files and all template errors are returned together.
    pub fn render_all(&self) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_all_into(&|f| files.lock().unwrap_or_else(|e| e.into_inner()).push(f))?;
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Like [`Renderer::render_all`], but hands every file to `sink` as soon as it
    /// is rendered (in no particular order), so a build never holds the whole site in
    /// memory. Returns the paths handed over. On errors, what was handed over is
    /// incomplete and must be discarded.
    pub fn render_all_into(
        &self,
        sink: &(dyn Fn(OutputFile) + Sync),
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        // The static files are the site's root's: another language's tree shares them.
        self.render_jobs_into(self.jobs(None), self.site.config.tree.is_empty(), sink)
    }

    /// Only the pages that `dirty` names, and the pages every build renders again
    /// (home, 404, search, taxonomy indexes, insight pages); no static file. For
    /// `serve` after a content edit, with a renderer made by
    /// [`Renderer::with_cache`]. Returns the paths handed over.
    pub fn render_dirty_into(
        &self,
        dirty: &incremental::Dirty,
        sink: &(dyn Fn(OutputFile) + Sync),
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        self.render_jobs_into(self.jobs(Some(dirty)), false, sink)
    }

    /// The HTML paths of pages 2.. of every paginated listing and term page
    /// (`cases/page/2/index.html`, `tags/ai/page/3/index.html`), which the sitemap
    /// leaves out. Pagination is the renderer's business, so the sitemap asks
    /// rather than guessing from a path: a plain page may be called `page/2/` too.
    pub fn later_pages(&self) -> Vec<String> {
        jobs(self.site, &self.index, None)
            .iter()
            .filter(|job| job.is_later_page())
            .map(|job| job.file(self.site, &self.index))
            .collect()
    }

    /// Every path the build writes but the search index's files, as the link check
    /// knows them ([`known_files`]).
    #[cfg(test)]
    pub(crate) fn known_files(&self) -> &HashSet<String> {
        self.links.files()
    }

    /// The pages of the site, or those `dirty` names plus the site-wide ones.
    fn jobs(&self, dirty: Option<&incremental::Dirty>) -> Vec<Job> {
        jobs(self.site, &self.index, dirty)
    }

    fn render_jobs_into(
        &self,
        jobs: Vec<Job>,
        with_statics: bool,
        sink: &(dyn Fn(OutputFile) + Sync),
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        // Bodies first (their summaries appear on other pages), all of them in parallel.
        let mut diagnostics = self.check_bodies();

        let results: Vec<Result<String, (Vec<Diagnostic>, String)>> = jobs
            .par_iter()
            .map(|job| {
                let file = self.render_job(job)?;
                let path = file.path.clone();
                sink(file);
                Ok(path)
            })
            .collect();
        let mut paths = Vec::with_capacity(results.len() + self.theme.statics.len());
        let mut template_errors: Vec<(Diagnostic, String)> = Vec::new();
        for r in results {
            match r {
                Ok(p) => paths.push(p),
                Err((ds, page)) => {
                    template_errors.extend(ds.into_iter().map(|d| (d, page.clone())))
                }
            }
        }
        // One template mistake fails every page that uses it: say it once, with the first page.
        template_errors.sort();
        template_errors.dedup_by(|a, b| a.0 == b.0);
        diagnostics.extend(template_errors.into_iter().map(|(mut d, page)| {
            d.problem = d.problem.help(Message::new("while-rendering").arg("page", page));
            d
        }));

        // A page wins over a static file of the same path.
        let pages: HashSet<&str> = paths.iter().map(String::as_str).collect();
        let statics = if with_statics { Some(&self.theme.statics) } else { None };
        let statics: Vec<(&String, &StaticFile)> = statics
            .into_iter()
            .flatten()
            .filter(|(path, _)| !pages.contains(path.as_str()))
            .collect();
        let static_paths: Vec<String> = statics.iter().map(|(path, _)| (*path).clone()).collect();
        // In parallel: a site's photos are most of its bytes.
        diagnostics.extend(
            statics
                .par_iter()
                .filter_map(|(path, file)| {
                    let published = match file {
                        // A photo of static/, from the image cache (not read when unchanged).
                        StaticFile::Disk(source) if self.images.strips(path) => self
                            .images
                            .publish_file(path, source)
                            .map_err(|e| static_image_error(file, &e)),
                        _ => match file.read() {
                            Ok(bytes) => self
                                .images
                                .publish(path, bytes.into_owned())
                                .map(|bytes| OutputFile::new((*path).clone(), bytes))
                                .map_err(|e| static_image_error(file, &e)),
                            Err(e) => Err(static_file_error(file, &e)),
                        },
                    };
                    published.map(sink).err()
                })
                .collect::<Vec<_>>(),
        );
        // The variants of every image the pages showed.
        match self.images.variant_files() {
            Ok(files) => files.into_iter().for_each(sink),
            Err((path, e)) => {
                let source = StaticFile::Disk(Path::new("static").join(path));
                diagnostics.push(static_image_error(&source, &e));
            }
        }
        if !diagnostics.is_empty() {
            crate::diagnostics::sort(&mut diagnostics);
            return Err(diagnostics);
        }
        paths.extend(static_paths);
        Ok(paths)
    }

    /// One item's page (for `serve` after an edit). The item may be one of the
    /// site's or a freshly parsed one that replaces it.
    pub fn render_item(&self, item: &Item) -> Result<OutputFile, Vec<Diagnostic>> {
        match self.position(item) {
            Some(i) => {
                let body = self.body(i);
                if !body.rendered.diagnostics.is_empty() {
                    return Err(body.rendered.diagnostics.clone());
                }
                self.item_page(item, body).map_err(|(d, _)| d)
            }
            None => {
                let body = self.make_body(item);
                if !body.rendered.diagnostics.is_empty() {
                    return Err(body.rendered.diagnostics);
                }
                self.item_page(item, &body).map_err(|(d, _)| d)
            }
        }
    }

    /// The bytes of the static file at `path` as the site's layers resolve it (the
    /// site's `static/`, then its theme, then the built-in theme), for an output made
    /// from theme files (the search page's script).
    pub fn static_file(&self, path: &str) -> Option<Result<Cow<'static, [u8]>, Diagnostic>> {
        let file = self.theme.statics.get(path)?;
        Some(file.read().map_err(|e| static_file_error(file, &e)))
    }

    /// What the outputs show that the renderer decides ([`crate::outputs::Texts`]):
    /// each kind's feed title (`{site} · {kind}` in the site's language, the kind
    /// named as its listing), every item's summary (the one its card shows), and
    /// the reasons of `demands/matches.json` in each demand's language.
    pub fn texts(&self) -> crate::outputs::Texts {
        let site = self.site;
        let config = &site.config;
        let t = self.theme.strings.for_lang(&config.language);
        let kind_titles = Kind::SECTIONS
            .iter()
            .map(|&k| {
                let kind = i18n::kind_title(site, t, k);
                (k, t.fill("site_kind_title", &[("site", &config.title), ("kind", &kind)]))
            })
            .collect();
        // The outputs show the items of this language's tree only.
        let summaries = (0..site.items.len())
            .into_par_iter()
            .map(|i| {
                if site.is_here(&site.items[i]) {
                    self.body(i).summary.clone()
                } else {
                    String::new()
                }
            })
            .collect();
        let reasons = self
            .insight
            .docked()
            .iter()
            .map(|(d, list)| {
                let t = self.theme.strings.for_lang(&site.items[*d].lang);
                list.iter().map(|m| insight::reasons(t, config, m)).collect()
            })
            .collect();
        let section_titles = site
            .sections
            .iter()
            .map(|s| {
                let title = sections::title(s, t);
                let full = t.fill("site_kind_title", &[("site", &config.title), ("kind", &title)]);
                (s.folder.clone(), full)
            })
            .collect();
        let moved = [t.get("moved_title").to_owned(), t.get("moved_text").to_owned()];
        crate::outputs::Texts { kind_titles, summaries, reasons, section_titles, moved }
    }

    /// The body as plain text, for the search index.
    pub fn plain_text(&self, item: &Item) -> String {
        match self.position(item) {
            Some(i) => self.body(i).rendered.text.clone(),
            None => self.make_body(item).rendered.text,
        }
    }

    /// The summary as written, else derived from the body (by characters for CJK
    /// text, by words otherwise: [`markdown::derive_summary`]). The one summary of
    /// an item: its card, its page's description, its feed entry, its calendar
    /// event and its JSON-LD all show this one (see [`Renderer::texts`]).
    pub fn summary(&self, item: &Item) -> String {
        match self.position(item) {
            Some(i) => self.body(i).summary.clone(),
            None => self.make_body(item).summary,
        }
    }

    /// The index of `item` in the site, when it is the site's own value.
    fn position(&self, item: &Item) -> Option<Ix> {
        let i = *self.index.by_url.get(item.rel_url.as_str())?;
        std::ptr::eq(&self.site.items[i], item).then_some(i)
    }

    fn body(&self, i: Ix) -> &Body {
        self.bodies[i].get_or_init(|| Arc::new(self.make_body(&self.site.items[i])))
    }

    fn make_body(&self, item: &Item) -> Body {
        let doc = Doc {
            source: &item.source,
            body: &item.body,
            body_line_offset: item.body_line_offset,
            page_dir: &item.rel_url,
            trust_html: self.site.config.trust_html,
        };
        let rendered = markdown::render(&doc, &self.links);
        let summary = match &item.summary {
            Some(s) => s.clone(),
            None => markdown::derive_summary(&rendered.lead),
        };
        Body { rendered, summary }
    }

    fn intro(&self, kind: Kind) -> Option<&Rendered> {
        let cell = self.intros.get(&kind)?;
        let intro = self.site.intros.get(&kind)?;
        Some(cell.get_or_init(|| self.render_intro(intro, &urls::listing(kind))))
    }

    /// The body of a listing's `_index.md` (a kind's or a section's), whose
    /// relative links start from the listing's folder `page_dir`.
    fn render_intro(&self, intro: &crate::model::Intro, page_dir: &str) -> Rendered {
        let doc = Doc {
            source: &intro.source,
            body: &intro.body,
            body_line_offset: intro.body_line_offset,
            page_dir,
            trust_html: self.site.config.trust_html,
        };
        markdown::render(&doc, &self.links)
    }

    fn render_job(&self, job: &Job) -> Result<OutputFile, (Vec<Diagnostic>, String)> {
        match job {
            Job::Item(i) => self.item_page(&self.site.items[*i], self.body(*i)),
            Job::Listing(kind, p) => self.listing_page(*kind, *p),
            Job::Taxonomy(t) => self.taxonomy_page(*t),
            Job::Term(t, segment, p) => self.term_page(*t, segment, *p),
            Job::Section(s, p) => self.section_page(*s, *p),
            Job::Home => self.home_page(),
            Job::NotFound => {
                let lang = self.site.config.language.clone();
                let ctx = self.context(&lang, urls::NOT_FOUND, "");
                self.page(&job.file(self.site, &self.index), "404.html", &ctx)
            }
            Job::Search => {
                let lang = self.site.config.language.clone();
                let mut ctx = self.context(&lang, urls::SEARCH, "search");
                // The search script's words, as JSON for a single-quoted attribute.
                let t = self.theme.strings.for_lang(&lang);
                let words = sections::search_words(self.site, t);
                let json = serde_json::to_string(&words).unwrap_or_default();
                ctx.insert("search_strings", &single_quoted_attribute(&json));
                self.page(&job.file(self.site, &self.index), "search.html", &ctx)
            }
            Job::Insight(page) => {
                let rel = page.rel();
                let lang = &self.site.config.language;
                let value = self.insight_page(*page, self.theme.strings.for_lang(lang));
                let section = rel.split('/').next().unwrap_or("");
                let mut ctx = self.context(lang, rel, section);
                ctx.insert("insight", &value);
                self.page(&job.file(self.site, &self.index), page.template(), &ctx)
            }
        }
    }

    /// The context every template gets but the per-language parts.
    fn context_without_shared(&self, lang: &str, rel: &str, section: &str) -> Context {
        let config = &self.site.config;
        let t = self.theme.strings.for_lang(lang);
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("base_path", &config.base_path);
        ctx.insert("root_path", config.root_path());
        ctx.insert_value("languages", self.languages(rel));
        ctx.insert("lang", lang);
        ctx.insert_value("t", t.tera.clone());
        ctx.insert("section", section);
        ctx.insert("live_reload", &self.options.live_reload);
        ctx.insert("page_path", &config.link(rel));
        ctx.insert("permalink", &config.absolute(rel));
        ctx.insert("today", &self.site.today.to_string());
        if let Some(image) = config.images.share_image.as_deref().and_then(|i| self.share_image(i))
        {
            ctx.insert("og_image", &image);
        }
        ctx
    }

    /// The context every template gets.
    fn context(&self, lang: &str, rel: &str, section: &str) -> Context {
        let t = self.theme.strings.for_lang(lang);
        let mut ctx = self.context_without_shared(lang, rel, section);
        match self.shared.get(lang) {
            Some(shared) => {
                ctx.insert_value("nav", shared.nav.clone());
                ctx.insert_value("footer", shared.footer.clone());
            }
            // A language first seen after `new` (an edited page while serving).
            None => match self.make_shared(lang) {
                Ok(shared) => {
                    ctx.insert_value("nav", shared.nav);
                    ctx.insert_value("footer", shared.footer);
                }
                Err(_) => {
                    ctx.insert_value("nav", self.nav(t));
                    ctx.insert("footer", "");
                }
            },
        }
        ctx
    }

    fn nav(&self, t: &i18n::Table) -> tera::Value {
        let config = &self.site.config;
        let mut nav: Vec<serde_json::Value> = Kind::SECTIONS
            .iter()
            .map(|k| {
                serde_json::json!({
                    "key": k.folder(),
                    "label": t.label("nav", k.folder()),
                    "url": config.link(&urls::listing(*k)),
                })
            })
            .collect();
        for (key, url) in [("network", urls::NETWORK), ("stats", urls::STATS)] {
            nav.push(serde_json::json!({"key": key, "label": t.label("nav", key), "url": config.link(url)}));
        }
        if self.index.by_url.contains_key("about/") {
            nav.push(serde_json::json!({"key": "about", "label": t.label("nav", "about"), "url": config.link("about/")}));
        }
        let nav = sections::navigation(self.site, t, nav);
        tera::Value::from_serializable(&nav)
    }

    /// The navigation and footer of pages in `lang`.
    fn make_shared(&self, lang: &str) -> Result<Shared, Vec<Diagnostic>> {
        let nav = self.nav(self.theme.strings.for_lang(lang));
        let mut ctx = self.context_without_shared(lang, "", "");
        ctx.insert_value("nav", nav.clone());
        let footer = match self.theme.tera.render("partials/footer.html", &ctx) {
            Ok(html) => tera::Value::from(html),
            Err(e) => {
                return Err(theme::template_diagnostics(
                    &e,
                    &self.theme.sources,
                    "partials/footer.html",
                ));
            }
        };
        Ok(Shared { nav, footer })
    }

    /// Renders a template to an output file (minified when asked).
    fn page(
        &self,
        path: &str,
        template: &str,
        ctx: &Context,
    ) -> Result<OutputFile, (Vec<Diagnostic>, String)> {
        // Rendered straight into bytes: no UTF-8 check of a `String` we only write out.
        let mut html = Vec::with_capacity(32 * 1024);
        match self.theme.tera.render_to(template, ctx, &mut html) {
            Ok(()) => {
                let bytes = if self.options.minify { compact::compact_html(&html) } else { html };
                Ok(OutputFile::new(path, bytes))
            }
            Err(e) => Err((
                theme::template_diagnostics(&e, &self.theme.sources, template),
                urls::page_url(path).to_owned(),
            )),
        }
    }
}

/// A static file that could not be read.
fn static_file_error(file: &StaticFile, e: &std::io::Error) -> Diagnostic {
    let shown = match file {
        StaticFile::Disk(p) => crate::diagnostics::display_path(Path::new("."), p),
        StaticFile::Builtin(_) => "the built-in theme".to_owned(),
    };
    Diagnostic::file(shown, Problem::new(Code::E0706).arg("error", e.to_string()))
}

/// A JPEG, PNG or WebP of `static/` that could not be read to remove its metadata.
fn static_image_error(file: &StaticFile, e: &crate::images::ImageError) -> Diagnostic {
    let shown = match file {
        StaticFile::Disk(p) => crate::diagnostics::display_path(Path::new("."), p),
        StaticFile::Builtin(_) => "the built-in theme".to_owned(),
    };
    let error = match e.problem("", "").arg_str("error") {
        Some(error) => error.to_owned(),
        None => format!("{e:?}"),
    };
    Diagnostic::file(shown, Problem::new(Code::E0807).arg("error", error))
}

/// `text` escaped to sit inside a single-quoted HTML attribute (`'` and `&`, and
/// `<` `>` for good measure); the template marks it safe.
fn single_quoted_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}
