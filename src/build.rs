//! The build as a recipe: load and check, render every output, write. Each stage is
//! timed for `--verbose`. `check` stops after loading; `serve` reuses the stages.

use std::fmt;
use std::time::{Duration, Instant};

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::{self, BuildOptions};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::insight;
use crate::model::{Item, Kind, KindData, Site};
use crate::output::OutputFile;
use crate::outputs;
use crate::render::incremental::{Dirty, RenderCache};
use crate::render::{RenderOptions, Renderer};
use crate::search::{self, SearchDoc};
use crate::write::Staging;

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (content, templates, links): every one of them.
    Site(Vec<Diagnostic>),
    /// Reading or writing files failed.
    Io(anyhow::Error),
    /// The options are wrong (a bad `--base-url`).
    Usage(String),
}

impl From<Vec<Diagnostic>> for BuildError {
    fn from(d: Vec<Diagnostic>) -> Self {
        BuildError::Site(d)
    }
}

/// How long each stage took.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `f` as stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.stages.push((name, start.elapsed()));
        out
    }
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: Duration = self.stages.iter().map(|s| s.1).sum();
        let parts: Vec<String> = self
            .stages
            .iter()
            .map(|(n, d)| format!("{n} {:.0} ms", d.as_secs_f64() * 1000.0))
            .collect();
        writeln!(f, "timing: {} | total {:.0} ms", parts.join(", "), total.as_secs_f64() * 1000.0)
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Files written.
    pub files: usize,
    /// Stage timings.
    pub timings: Timings,
}

/// Loads `site.toml` and the content, applying the options.
pub fn load(options: &BuildOptions, timings: &mut Timings) -> Result<Site, BuildError> {
    let mut config = config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|e| BuildError::Usage(format!("--base-url: {e}")))?;
    }
    let today = options.today_in(&config.tz);
    let site = timings
        .time("load+validate", || content::load(&options.root, config, options.drafts, today))?;
    Ok(site)
}

/// `qiao check`: load and validate, and check every Markdown body's links (and the
/// templates, which must compile); render no page and write nothing.
pub fn check(options: &BuildOptions) -> Result<Site, BuildError> {
    let site = load(options, &mut Timings::default())?;
    let insights = insight::compute(&site);
    let render_options = RenderOptions { minify: false, live_reload: false };
    let renderer = Renderer::new(&site, &options.root, render_options, &insights)?;
    check_bodies(&renderer)?;
    drop(renderer);
    Ok(site)
}

/// Output files gathered in memory, by path: a later file of the same path
/// replaces an earlier one, exactly as when they are written to disk.
#[derive(Default)]
struct Collected(Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

impl Collected {
    fn sink(&self, f: OutputFile) -> anyhow::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(f.path, f.bytes);
        Ok(())
    }

    /// The files, sorted by path.
    fn into_files(self) -> Vec<OutputFile> {
        let files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.into_iter().map(|(path, bytes)| OutputFile { path, bytes }).collect()
    }
}

/// Every output file of a loaded site, sorted by path (for `serve`, which keeps
/// the site in memory). A later file of the same path replaces an earlier one,
/// exactly as when [`render_into`] writes them to disk.
pub fn render(
    site: &Site,
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<Vec<OutputFile>, BuildError> {
    let files = Collected::default();
    render_into(site, options, timings, &|f| files.sink(f))?;
    Ok(files.into_files())
}

/// Renders every output file of a loaded site and hands each to `sink` as soon as
/// it exists, so that a build holds no more than one stage's files at a time.
/// Pages first (in parallel), then the search index, feeds, calendars, exports and
/// the sitemap. A page wins over a static file of the same path, and a static file
/// over a generated export.
/// Returns how many files were handed over.
pub fn render_into(
    site: &Site,
    options: &BuildOptions,
    timings: &mut Timings,
    sink: &(dyn Fn(OutputFile) -> anyhow::Result<()> + Sync),
) -> Result<usize, BuildError> {
    let insights = timings.time("insight", || insight::compute(site));
    let renderer = timings.time("templates", || {
        Renderer::new(site, &options.root, render_options(options), &insights)
    })?;
    let staged = render_stages(site, &insights, renderer, Pages::All, timings, sink)?;
    Ok(staged.count)
}

fn render_options(options: &BuildOptions) -> RenderOptions {
    RenderOptions { minify: options.minify, live_reload: options.live_reload }
}

/// Which pages [`render_stages`] renders, and what it reuses.
enum Pages<'a> {
    /// Everything.
    All,
    /// A warm render (`serve`): everything, keeping what the next render can reuse.
    AllKept,
    /// The pages of an edit, with the last render's search documents.
    Dirty {
        dirty: &'a Dirty,
        html_paths: Vec<String>,
        provided: HashSet<String>,
        search: Box<SearchCache>,
    },
}

/// What [`render_stages`] did, and what a warm render keeps.
struct Staged {
    count: usize,
    html_paths: Vec<String>,
    provided: HashSet<String>,
    render: Option<RenderCache>,
    search: Option<SearchCache>,
}

/// Every item's search document, its tokens and the assembled index, kept by
/// `serve` so that an edit tokenizes only the documents it changed and encodes
/// only the index files they touch.
#[derive(Debug, Default)]
struct SearchCache {
    docs: Vec<SearchDoc>,
    terms: Vec<search::DocTerms>,
    index: Option<search::Assembled>,
}

/// The theme's static files that make up the search page's code, in the order the
/// page's script ([`search::page_script`]) holds them.
const SEARCH_PAGE_CODE: [&str; 2] = ["js/search-core.js", "js/search.js"];

/// The stages after the templates: pages, search index, outputs, sitemap.
fn render_stages(
    site: &Site,
    insights: &insight::Insights,
    renderer: Renderer<'_>,
    pages: Pages<'_>,
    timings: &mut Timings,
    sink: &(dyn Fn(OutputFile) -> anyhow::Result<()> + Sync),
) -> Result<Staged, BuildError> {
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let count = AtomicUsize::new(0);
    let give = |f: OutputFile| {
        count.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = sink(f) {
            failure.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
    };
    let dirty = match &pages {
        Pages::Dirty { dirty, .. } => Some(*dirty),
        _ => None,
    };
    // A warm render keeps the renderer's cache and the search documents; with no
    // previous ones (`AllKept`) every document is tokenized and the index assembled.
    let keep = !matches!(pages, Pages::All);
    let (mut html_paths, provided, previous) = match pages {
        Pages::All | Pages::AllKept => {
            let paths = timings.time("render", || renderer.render_all_into(&give))?;
            // A file the site itself provides in static/ (say its own robots.txt) is
            // kept: the generated file of the same path is left out.
            let provided: HashSet<String> = paths.iter().cloned().collect();
            (paths, provided, keep.then(SearchCache::default))
        }
        Pages::Dirty { dirty, html_paths, provided, search } => {
            timings.time("render", || renderer.render_dirty_into(dirty, &give))?;
            (html_paths, provided, Some(*search))
        }
    };
    let give_generated = |f: OutputFile| {
        if !provided.contains(&f.path) {
            give(f);
        }
    };
    let docs = timings.time("search text", || search_docs(site, &renderer));
    let search_code = SEARCH_PAGE_CODE
        .iter()
        .filter_map(|path| renderer.static_file(path))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|d| BuildError::Site(vec![d]))?;
    let search_code: Vec<&[u8]> = search_code.iter().map(AsRef::as_ref).collect();
    let later_pages = renderer.later_pages();
    let render = keep.then(|| renderer.cache());
    drop(renderer);
    // The index's files, and the search page's script whenever the manifest is new.
    let give_index = |f: OutputFile| {
        if f.path == search::MANIFEST_PATH {
            give_generated(search::page_script(&f, &search_code));
        }
        give_generated(f);
    };
    let search = match previous {
        None => {
            timings.time("search index", || {
                search::build_index(&docs).into_iter().for_each(&give_index)
            });
            None
        }
        Some(previous) => {
            let (terms, changed, index) =
                timings.time("search tokens", || retokenize(&docs, previous));
            let index = timings.time("search index", || {
                let mut index = index?;
                let files = index.update(&terms, &changed)?;
                files.into_iter().for_each(&give_index);
                Some(index)
            });
            let index = index.unwrap_or_else(|| {
                timings.time("search index (all)", || {
                    let (files, index) =
                        search::Assembled::new(&terms, search::IndexOptions::default());
                    files.into_iter().for_each(&give_index);
                    index
                })
            });
            Some(SearchCache { docs, terms, index: Some(index) })
        }
    };
    timings.time("outputs", || {
        let files = match dirty {
            Some(dirty) => outputs::of_kinds(site, &dirty.kinds),
            None => outputs::all(site),
        };
        for f in files.into_iter().chain(insights.outputs()) {
            give_generated(f);
        }
        html_paths.retain(|p| p.ends_with(".html"));
        html_paths.sort();
        let html: Vec<&str> = html_paths.iter().map(String::as_str).collect();
        let later: Vec<&str> = later_pages.iter().map(String::as_str).collect();
        give_generated(outputs::sitemap(site, &html, &later));
    });
    match failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(e) => Err(BuildError::Io(e)),
        None => Ok(Staged { count: count.into_inner(), html_paths, provided, render, search }),
    }
}

/// The tokens of `docs`, taken from `previous` for every document that did not
/// change; the positions of those that did; the previous index.
fn retokenize(
    docs: &[SearchDoc],
    previous: SearchCache,
) -> (Vec<search::DocTerms>, Vec<usize>, Option<search::Assembled>) {
    let SearchCache { docs: old_docs, terms: old_terms, index } = previous;
    let mut old: Vec<Option<search::DocTerms>> = if old_docs.len() == docs.len() {
        old_terms.into_iter().map(Some).collect()
    } else {
        Vec::new()
    };
    old.resize_with(docs.len(), || None);
    let (terms, fresh): (Vec<search::DocTerms>, Vec<bool>) = docs
        .par_iter()
        .zip(old.into_par_iter())
        .enumerate()
        .map(|(i, (doc, kept))| match kept {
            Some(terms) if old_docs.get(i) == Some(doc) => (terms, false),
            _ => (search::tokenize_doc(doc), true),
        })
        .unzip();
    let changed = fresh.iter().enumerate().filter(|&(_, &f)| f).map(|(i, _)| i).collect();
    let index = index.filter(|_| old_docs.len() == docs.len());
    (terms, changed, index)
}

/// What a render in `serve` keeps for the next one: the site it rendered, its
/// insights, the renderer's cache (templates, bodies, terms), the search documents
/// and their tokens, and which paths are pages.
pub struct Warm {
    site: Arc<Site>,
    insights: insight::Insights,
    render: RenderCache,
    search: SearchCache,
    html_paths: Vec<String>,
    provided: HashSet<String>,
}

impl fmt::Debug for Warm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Warm")
            .field("items", &self.site.items.len())
            .field("render", &self.render)
            .finish()
    }
}

/// What [`render_warm`] produced.
#[derive(Debug)]
pub enum Rendered {
    /// Every file of the site, sorted by path.
    Full(Vec<OutputFile>),
    /// Only the files an edit may have changed; every other file is as before.
    Patch(Vec<OutputFile>),
}

/// Renders `site` for `serve`: only what changed since `previous` when the edit
/// allows it (see [`crate::render::incremental`]), else everything. `templates`
/// says whether the templates may have changed since. Returns the files and what
/// the next render can reuse (on failure, `previous` again).
pub fn render_warm(
    site: Arc<Site>,
    options: &BuildOptions,
    previous: Option<Warm>,
    templates: bool,
    timings: &mut Timings,
) -> (Result<Rendered, BuildError>, Option<Warm>) {
    let insights = timings.time("insight", || insight::compute(&site));
    let previous = previous.filter(|_| !templates);
    let files = Collected::default();
    let sink = |f| files.sink(f);
    let renderer = timings.time("templates", || match &previous {
        Some(w) => Renderer::with_cache(
            &site,
            &options.root,
            render_options(options),
            &insights,
            &w.render,
            &w.site,
        ),
        None => Renderer::new(&site, &options.root, render_options(options), &insights),
    });
    let renderer = match renderer {
        Ok(r) => r,
        Err(d) => return (Err(BuildError::Site(d)), previous),
    };
    let dirty = previous.as_ref().and_then(|w| {
        timings.time("dirty", || renderer.dirty_since(&w.render, &w.site, &w.insights))
    });
    let staged = match (dirty, previous) {
        (Some(dirty), Some(warm)) => {
            // The search documents are only used once the pages rendered without errors.
            if let Err(e) = timings.time("check", || check_bodies(&renderer)) {
                return (Err(e), Some(warm));
            }
            // The old site, insights and render cache go with `warm` at the end of this arm.
            let Warm { search, html_paths, provided, .. } = warm;
            let pages =
                Pages::Dirty { dirty: &dirty, html_paths, provided, search: Box::new(search) };
            render_stages(&site, &insights, renderer, pages, timings, &sink).map(|s| (true, s))
        }
        (_, previous) => {
            let staged = render_stages(&site, &insights, renderer, Pages::AllKept, timings, &sink);
            match staged {
                Ok(s) => Ok((false, s)),
                Err(e) => return (Err(e), previous),
            }
        }
    };
    match staged {
        Ok((patch, s)) => {
            let files = files.into_files();
            let warm = match (s.render, s.search) {
                (Some(render), Some(search)) => Some(Warm {
                    site,
                    insights,
                    render,
                    search,
                    html_paths: s.html_paths,
                    provided: s.provided,
                }),
                _ => None,
            };
            (Ok(if patch { Rendered::Patch(files) } else { Rendered::Full(files) }), warm)
        }
        Err(e) => (Err(e), None),
    }
}

/// The bodies' errors (broken links, unsafe schemes), as a build reports them.
fn check_bodies(renderer: &Renderer<'_>) -> Result<(), BuildError> {
    let mut diagnostics = renderer.check_bodies();
    if diagnostics.is_empty() {
        return Ok(());
    }
    crate::diagnostics::sort(&mut diagnostics);
    Err(BuildError::Site(diagnostics))
}

/// What the search index needs of every item: plain text, labels and facets.
pub fn search_docs(site: &Site, renderer: &Renderer<'_>) -> Vec<SearchDoc> {
    site.items.par_iter().map(|item| search_doc(site, renderer, item)).collect()
}

/// The search document of one item.
pub fn search_doc(site: &Site, renderer: &Renderer<'_>, item: &Item) -> SearchDoc {
    let labels_of = |map: &std::collections::BTreeMap<String, String>, slug: &str| {
        map.get(slug).cloned().unwrap_or_else(|| slug.to_owned())
    };
    let tax = &site.config.taxonomies;
    let mut labels: Vec<String> = Vec::new();
    let mut facets: Vec<(String, String)> = vec![("kind".into(), item.kind.folder().into())];
    for term in &item.industries {
        let label = labels_of(&tax.industries, term);
        labels.push(label.clone());
        facets.push(("industries".into(), label));
    }
    for term in &item.regions {
        let label = labels_of(&tax.regions, term);
        labels.push(label.clone());
        facets.push(("regions".into(), label));
    }
    labels.extend(item.tags.iter().cloned());
    if let Some(state) = item.state(site.today) {
        facets.push(("status".into(), state.as_str().into()));
    }
    let member_name = |slug: &str| site.find(Kind::Members, slug).map(|m| m.title.clone());
    match &item.data {
        KindData::Member(m) => labels.extend(m.expertise.iter().cloned()),
        KindData::Case(c) => labels.extend(c.partners.iter().filter_map(|s| member_name(s))),
        KindData::Policy(p) => {
            labels.extend(p.issuer.iter().cloned());
            labels.extend(p.doc_number.iter().cloned());
        }
        KindData::Demand(d) => labels.extend(member_name(&d.organization)),
        KindData::Roadshow(r) => {
            labels.extend(r.organizer.iter().filter_map(|s| member_name(s)));
            for p in &r.projects {
                labels.push(p.title.clone());
                labels.extend(p.team.as_deref().and_then(member_name));
            }
            if let Some(v) = &r.venue {
                labels.extend(v.city.iter().chain(v.name.iter()).cloned());
            }
        }
        KindData::Page => {}
    }
    SearchDoc {
        url: site.config.link(&item.rel_url),
        title: item.title.clone(),
        kind: item.kind.folder().into(),
        summary: renderer.summary(item),
        body: renderer.plain_text(item),
        labels,
        facets,
        date: if item.dated { item.date.date().to_string() } else { String::new() },
        lang: item.lang.clone(),
    }
}

/// `qiao build`: load, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    crate::write::check_output_dir(&options.root, &options.output_dir)
        .map_err(|e| BuildError::Usage(format!("{e:#}")))?;
    let site = load(options, &mut timings)?;
    let staging = Staging::create(&options.root, &options.output_dir).map_err(BuildError::Io)?;
    let files = render_into(&site, options, &mut timings, &|f| staging.write(&f))?;
    timings.time("swap", || staging.commit()).map_err(BuildError::Io)?;
    Ok(BuildReport { files, timings })
}
