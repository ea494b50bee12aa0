//! The build as a recipe: load and check, render every output, write. Each stage is
//! timed for `--verbose`. `check` stops after loading; `serve` reuses the stages.
//!
//! What it is for: putting the stages in order and handing their files on, to
//! [`write`](mod@write) (the only code that writes the output folder) or to `serve`'s memory;
//! and, in [`incremental`], the warm renders of `serve`. What it is not: any stage's
//! own work. Pages, search documents, feeds and the sitemap are made by `render`,
//! `search` and `outputs`; this module only passes one stage's results to the next
//! (the renderer's summaries and plain text to the search documents, its list of
//! later listing pages to the sitemap).

pub(crate) mod incremental;
mod precompress;
mod vanished;
mod write;

use std::fmt;
use std::time::{Duration, Instant};

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use self::write::Staging;
use crate::config::{self, BuildOptions};
use crate::content;
use crate::content::parse::Orphan;
use crate::diagnostics::{self, Code, Diagnostic};
use crate::insight;
use crate::model::Site;
use crate::output::OutputFile;
use crate::outputs;
use crate::render::incremental::{Dirty, RenderCache};
use crate::render::{RenderOptions, Renderer};
use crate::search::{self, SearchDoc, WarmIndex};
use crate::urls;

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
    pub(crate) fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
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
pub(crate) struct BuildReport {
    /// Files written.
    pub(crate) files: usize,
    /// Stage timings.
    pub(crate) timings: Timings,
    /// Warnings (which did not stop the build).
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Loads `site.toml` and the content, applying the options.
pub fn load(options: &BuildOptions, timings: &mut Timings) -> Result<Site, BuildError> {
    load_with_warnings(options, timings).map(|(site, _)| site)
}

/// [`load`], with the warnings the site gave. When the content has errors, the
/// links of every body are still checked (also of the files whose front matter
/// has errors), so that one run reports all of them.
pub(crate) fn load_with_warnings(
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), BuildError> {
    let mut config = config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|e| BuildError::Usage(format!("--base-url: {}", e.message(options.lang))))?;
    }
    let today = options.today_in(&config.tz);
    let loaded = timings
        .time("load+validate", || content::load_all(&options.root, config, options.drafts, today));
    if diagnostics::has_errors(&loaded.diagnostics) {
        let mut all = loaded.diagnostics;
        all.extend(orphan_links(&loaded.site, &options.root, &loaded.orphans));
        diagnostics::sort(&mut all);
        return Err(BuildError::Site(all));
    }
    Ok((loaded.site, loaded.diagnostics))
}

/// The broken links of every body of a site whose content has errors: the items'
/// bodies and the bodies of files that did not become items (`orphans`), checked
/// against the items there are. A link to a file that has errors itself is not
/// reported (its own messages say what to fix).
fn orphan_links(
    site: &Site,
    root: &std::path::Path,
    orphans: &[(String, Orphan)],
) -> Vec<Diagnostic> {
    let insights = insight::compute(site);
    let render_options = RenderOptions { minify: false, live_reload: false };
    let renderer = match Renderer::new(site, root, render_options, &insights) {
        Ok(r) => r,
        Err(template_errors) => return template_errors,
    };
    let mut found = renderer.check_bodies();
    for (source, o) in orphans {
        found.extend(renderer.check_body(source, &o.rel_url, &o.body, o.body_line_offset));
    }
    found.retain(|d| {
        let target = d.problem.arg_str("target").unwrap_or_default();
        match d.code() {
            Code::E0402 => !orphans.iter().any(|(source, _)| source == target),
            Code::E0405 => !orphans.iter().any(|(_, o)| target.starts_with(o.rel_url.as_str())),
            _ => true,
        }
    });
    found
}

/// `qiao check`: load and validate, and check every Markdown body's links (and the
/// templates, which must compile); render no page and write nothing. Returns the
/// site and its warnings.
pub(crate) fn check(options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>), BuildError> {
    let (site, warnings) = load_with_warnings(options, &mut Timings::default())?;
    let with_warnings = |e: BuildError| match e {
        BuildError::Site(mut d) => {
            d.extend(warnings.iter().cloned());
            diagnostics::sort(&mut d);
            BuildError::Site(d)
        }
        other => other,
    };
    let render_options = RenderOptions { minify: false, live_reload: false };
    // The same facts in every language's tree, as `render_into` shares them.
    let insights = insight::compute(&site);
    for tree in site.trees() {
        let renderer = Renderer::new(tree, &options.root, render_options, &insights)
            .map_err(|d| with_warnings(BuildError::Site(d)))?;
        check_bodies(&renderer).map_err(with_warnings)?;
    }
    Ok((site, warnings))
}

/// Output files gathered in memory, by path: a later file of the same path
/// replaces an earlier one, exactly as when they are written to disk.
#[derive(Default)]
struct Collected(Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

impl Collected {
    fn sink(&self, f: OutputFile) -> anyhow::Result<()> {
        let kept = f.kept.clone().unwrap_or_default();
        let f = f.load().map_err(|e| {
            diagnostics::Failure::new("io-cannot-read")
                .arg("path", kept.display().to_string())
                .io(e)
        })?;
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(f.path, f.bytes);
        Ok(())
    }

    /// The files, sorted by path.
    fn into_files(self) -> Vec<OutputFile> {
        let files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.into_iter().map(|(path, bytes)| OutputFile::new(path, bytes)).collect()
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
    render_into(site, options, timings, &|f| files.sink(f), None)?;
    Ok(files.into_files())
}

/// Renders every output file of a loaded site and hands each to `sink` as soon as
/// it exists, so that a build holds no more than one stage's files at a time.
/// Pages first (in parallel), then the search index, feeds, calendars, exports and
/// the sitemap. A page wins over a static file of the same path, and a static file
/// over a generated export.
/// Returns how many files were handed over. `previous` is the output folder a
/// build replaces: its images, when intact, are carried over
/// ([`crate::images::Images::publishing_over`]).
pub(crate) fn render_into(
    site: &Site,
    options: &BuildOptions,
    timings: &mut Timings,
    sink: &(dyn Fn(OutputFile) -> anyhow::Result<()> + Sync),
    previous: Option<&std::path::Path>,
) -> Result<usize, BuildError> {
    let theme =
        timings.time("templates", || crate::render::theme::load(&options.root, &site.config))?;
    let theme = std::sync::Arc::new(theme);
    // The insights are facts of the whole alliance, the same in every language
    // (each tree has the site's items, in the same order): made once.
    let insights = timings.time("insight", || insight::compute(site));
    // One store of images for every tree: each image looked up and published once.
    let images = crate::images::Images::new(&options.root, &site.config.images.keep_metadata);
    let images = std::sync::Arc::new(images.publishing_over(previous));
    // The other languages first: the site's sitemap lists their pages too.
    let mut count = 0;
    let mut others = OtherTrees::default();
    for tree in &site.languages {
        let prefix = tree.config.tree.as_str();
        let in_tree = |mut f: OutputFile| {
            if !urls::is_shared(&f.path) {
                f.path = format!("{prefix}{}", f.path);
            }
            sink(f)
        };
        let renderer = Renderer::with_images(
            tree,
            &options.root,
            render_options(options),
            &insights,
            theme.clone(),
            images.clone(),
        )?;
        let staged =
            render_stages(tree, &insights, renderer, Pages::All, timings, &in_tree, &others)?;
        count += staged.count;
        others.html.extend(staged.html_paths.iter().map(|p| format!("{prefix}{p}")));
        others.later.extend(staged.later.iter().map(|p| format!("{prefix}{p}")));
    }
    let renderer = Renderer::with_images(
        site,
        &options.root,
        render_options(options),
        &insights,
        theme,
        images,
    )?;
    let staged = render_stages(site, &insights, renderer, Pages::All, timings, sink, &others)?;
    Ok(count + staged.count)
}

/// The pages of the site's other languages, by their paths in the output folder
/// (`en/cases/x/index.html`), for the one sitemap at the site's root.
#[derive(Debug, Default)]
struct OtherTrees {
    /// Every HTML file.
    html: Vec<String>,
    /// Pages 2.. of the paginated listings.
    later: Vec<String>,
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
        search: Box<WarmIndex>,
    },
}

/// What [`render_stages`] did, and what a warm render keeps.
struct Staged {
    count: usize,
    html_paths: Vec<String>,
    /// Pages 2.. of the paginated listings.
    later: Vec<String>,
    provided: HashSet<String>,
    render: Option<RenderCache>,
    search: Option<WarmIndex>,
}

/// The stages after the templates: pages, search index, outputs, sitemap. For
/// the tree of another language (`site.config.tree` is `en/`), the paths are
/// below its folder and the files of the whole site (the sitemap, robots.txt,
/// the redirects) are left to the site's root, whose sitemap lists `others`.
fn render_stages(
    site: &Site,
    insights: &insight::Insights,
    renderer: Renderer<'_>,
    pages: Pages<'_>,
    timings: &mut Timings,
    sink: &(dyn Fn(OutputFile) -> anyhow::Result<()> + Sync),
    others: &OtherTrees,
) -> Result<Staged, BuildError> {
    let root = site.config.tree.is_empty();
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
            (paths, provided, keep.then(WarmIndex::default))
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
    // The theme's files that make up the search page's code, in the order the
    // page's script ([`search::page_script`]) holds them.
    let search_code = urls::SEARCH_PAGE_CODE
        .iter()
        .filter_map(|path| renderer.static_file(path))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|d| BuildError::Site(vec![d]))?;
    let search_code: Vec<&[u8]> = search_code.iter().map(AsRef::as_ref).collect();
    let later_pages = renderer.later_pages();
    // What the outputs show in the theme's words, and the summaries the cards show.
    let texts = renderer.texts();
    let render = keep.then(|| renderer.cache());
    drop(renderer);
    // The index's files, and the search page's script whenever the manifest is new.
    let give_index = |f: OutputFile| {
        if search::is_manifest(&f.path) {
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
            let mut tokens = timings.time("search tokens", || previous.retokenize(&docs));
            let updated = timings.time("search index", || match tokens.update() {
                Some(files) => {
                    files.into_iter().for_each(&give_index);
                    true
                }
                None => false,
            });
            if !updated {
                timings.time("search index (all)", || {
                    tokens.assemble().into_iter().for_each(&give_index)
                });
            }
            Some(tokens.keep(docs))
        }
    };
    timings.time("outputs", || {
        let files = match dirty {
            Some(dirty) => outputs::of_kinds(site, &dirty.kinds, &texts),
            None => outputs::all(site, &texts),
        };
        let redirects = if root { outputs::redirects::files(site, &texts) } else { Vec::new() };
        let insight = outputs::insight::files(site, insights, &texts);
        for f in files.into_iter().chain(insight).chain(redirects) {
            if root || f.path != urls::ROBOTS {
                give_generated(f);
            }
        }
        html_paths.retain(|p| p.ends_with(".html"));
        html_paths.sort();
        if root {
            let html: Vec<&str> =
                html_paths.iter().chain(&others.html).map(String::as_str).collect();
            let later: Vec<&str> =
                later_pages.iter().chain(&others.later).map(String::as_str).collect();
            give_generated(outputs::sitemap(site, &html, &later));
        }
    });
    match failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(e) => Err(BuildError::Io(e)),
        None => Ok(Staged {
            count: count.into_inner(),
            html_paths,
            later: later_pages,
            provided,
            render,
            search,
        }),
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

/// Every item's search document, with the summary and plain text the renderer
/// made of its body.
fn search_docs(site: &Site, renderer: &Renderer<'_>) -> Vec<SearchDoc> {
    site.items
        .par_iter()
        .filter(|item| site.is_here(item))
        .map(|item| search::item_doc(site, item, renderer.summary(item), renderer.plain_text(item)))
        .collect()
}

/// `qiao build`: load, render, write. Before the new build is swapped in, the
/// precompressed copies are added (`--precompress`, [`precompress`]) and every
/// page URL of the previous build that the new one lacks is reported
/// ([`vanished`]): a warning, or under `--strict` an error that writes nothing.
pub(crate) fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    write::check_output_dir(&options.root, &options.output_dir)
        .map_err(|e| BuildError::Usage(diagnostics::word_error(&e, options.lang)))?;
    let (site, mut warnings) = load_with_warnings(options, &mut timings)?;
    let staging = Staging::create(&options.root, &options.output_dir).map_err(BuildError::Io)?;
    // The HTML files (the new build's pages) and the files to precompress.
    let html = Mutex::new(std::collections::BTreeSet::new());
    let text = Mutex::new(std::collections::BTreeSet::new());
    let sink = |f: OutputFile| {
        if f.path.ends_with(".html") {
            html.lock().unwrap_or_else(|e| e.into_inner()).insert(f.path.clone());
        }
        if precompress::is_text(&f.path) {
            text.lock().unwrap_or_else(|e| e.into_inner()).insert(f.path.clone());
        }
        staging.write(&f)
    };
    let previous = Some(staging.output());
    let mut files =
        render_into(&site, options, &mut timings, &sink, previous).map_err(|e| match e {
            BuildError::Site(mut d) => {
                d.extend(warnings.iter().cloned());
                diagnostics::sort(&mut d);
                BuildError::Site(d)
            }
            other => other,
        })?;
    if options.precompress || site.config.precompress {
        let text = text.into_inner().unwrap_or_else(|e| e.into_inner());
        files += timings
            .time("precompress", || {
                text.par_iter()
                    .map(|path| {
                        let bytes = staging.read(path)?;
                        let Some(copies) = precompress::copies(path, &bytes) else { return Ok(0) };
                        copies.iter().try_for_each(|c| staging.write(c))?;
                        Ok(copies.len())
                    })
                    .try_reduce(|| 0, |a, b| Ok(a + b))
            })
            .map_err(BuildError::Io)?;
    }
    let gone = timings.time("vanished", || {
        let before = vanished::previous_pages(&options.output_dir);
        let html = html.into_inner().unwrap_or_else(|e| e.into_inner());
        let after = html.iter().map(|p| urls::page_url(p).to_owned()).collect();
        let read = |dir: &std::path::Path, path: &str| std::fs::read_to_string(dir.join(path)).ok();
        vanished::report(
            &site,
            &before,
            &after,
            |p| read(&options.output_dir, p),
            |p| staging.read(p).ok().and_then(|b| String::from_utf8(b).ok()),
            &options.output_dir,
            options.strict,
        )
    });
    warnings.extend(gone);
    diagnostics::sort(&mut warnings);
    if diagnostics::has_errors(&warnings) {
        return Err(BuildError::Site(warnings));
    }
    timings.time("swap", || staging.commit()).map_err(BuildError::Io)?;
    Ok(BuildReport { files, timings, warnings })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};
    use std::path::Path;

    use super::*;
    use crate::model::Kind;
    use crate::urls;

    /// Copies the files under `from` into `to`.
    fn copy_tree(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// The example site (every kind, plain pages, a page in another language, the
    /// site's own static files), with 60 more members that share a tag and an
    /// industry, so that a listing and term pages have pages 2...
    fn paginated_example() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let example = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(example.join("site.toml"), dir.path().join("site.toml")).unwrap();
        for tree in ["content", "static"] {
            copy_tree(&example.join(tree), &dir.path().join(tree));
        }
        for n in 0..60 {
            std::fs::write(
                dir.path().join(format!("content/members/more-{n}.md")),
                format!(
                    "+++\ntitle = \"成员 {n}\"\ndate = 2025-01-10\ntype = \"enterprise\"\n\
                     industries = [\"new-materials\"]\ntags = [\"产教融合\"]\n+++\n\n成员 {n}。\n"
                ),
            )
            .unwrap();
        }
        dir
    }

    #[test]
    fn every_file_but_an_items_own_has_an_owner_and_the_link_check_knows_it() {
        let dir = paginated_example();
        let mut options = BuildOptions::new(dir.path());
        options.today = Some(jiff::civil::date(2026, 11, 24));
        let mut timings = Timings::default();
        let site = load(&options, &mut timings).unwrap_or_else(|e| panic!("{e:?}"));
        let files = render(&site, &options, &mut timings).unwrap_or_else(|e| panic!("{e:?}"));
        let written: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

        // Pages 2.. exist, and the renderer names them as such.
        let insights = insight::compute(&site);
        let renderer =
            Renderer::new(&site, &options.root, render_options(&options), &insights).unwrap();
        let later = renderer.later_pages();
        for page in ["members/page/2/index.html", "industries/new-materials/page/2/index.html"] {
            assert!(later.iter().any(|p| p == page), "{page} is not a later page: {later:?}");
        }
        assert!(later.iter().all(|p| written.contains(p.as_str())), "{later:?}");

        // The redirect pages of the items' aliases (which the example site has) are
        // the items' too; a Markdown link to an old address is not a link to check.
        let of_aliases: HashSet<String> =
            site.items.iter().flat_map(|i| i.aliases.iter().map(|a| urls::alias_file(a))).collect();
        assert!(!of_aliases.is_empty());
        assert!(!site.languages.is_empty(), "the example site has an English tree");
        // Each language's tree by itself: the files written in its folder.
        let in_tree = |tree: &Site| -> BTreeSet<&str> {
            let prefix = tree.config.tree.as_str();
            written
                .iter()
                .filter_map(|p| {
                    if !prefix.is_empty() {
                        return p.strip_prefix(prefix);
                    }
                    let other = site.languages.iter().any(|l| p.starts_with(&l.config.tree));
                    (!other).then_some(*p)
                })
                .collect()
        };
        for tree in site.trees() {
            let files = in_tree(tree);
            let insights = insight::compute(tree);
            let renderer =
                Renderer::new(tree, &options.root, render_options(&options), &insights).unwrap();
            // The link check knows every file the build writes, but the search index's
            // and the images' variants (their names are hashes no editor writes).
            let known = renderer.known_files();
            let unknown: Vec<&&str> = files
                .iter()
                .filter(|p| !known.contains(**p) && !of_aliases.contains(**p))
                .collect();
            assert!(
                unknown
                    .iter()
                    .all(|p| (p.starts_with(urls::SEARCH_INDEX) && !p.ends_with(".html"))
                        || p.starts_with(urls::IMAGES)),
                "{}: written, unknown to the link check: {unknown:?}",
                tree.config.language
            );
            // What another language's tree knows but does not write is the root's
            // (the theme's and the site's static files).
            let missing: Vec<&String> = known
                .iter()
                .filter(|p| !files.contains(p.as_str()) && !written.contains(p.as_str()))
                .collect();
            assert!(missing.is_empty(), "known to the link check, not written: {missing:?}");
        }
        let written = in_tree(&site);

        // Every file of an item is its own; every other file qiao writes is owned.
        let of_items: HashSet<String> = site
            .items
            .iter()
            .flat_map(|i| [urls::page_file(&i.rel_url), urls::event(&i.rel_url)])
            .collect();
        let sites_own: HashSet<String> = walkdir::WalkDir::new(dir.path().join("static"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir.path().join("static")).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        assert!(!sites_own.is_empty());
        for item in &site.items {
            assert_eq!(urls::owner(&item.rel_url), None, "{}", item.rel_url);
            // `content` decides an item's URL; it lies in its kind's listing folder.
            if item.kind != Kind::Pages {
                assert_eq!(item.rel_url, format!("{}{}/", urls::listing(item.kind), item.slug));
            }
            if let Some(folder) = item.section() {
                assert_eq!(item.rel_url, format!("{}{}/", urls::section(folder), item.slug));
            }
        }
        let sections = || site.sections.iter().map(|s| s.folder.as_str());
        assert!(sections().count() >= 2, "the example site has sections");
        for path in &written {
            if of_items.contains(*path) || of_aliases.contains(*path) {
                assert_eq!(urls::section_owner(path, sections()), None, "{path} is an item's");
            } else if !sites_own.contains(*path) {
                assert!(urls::section_owner(path, sections()).is_some(), "{path} has no owner");
            }
        }
    }
}
