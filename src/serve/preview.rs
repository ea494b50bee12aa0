//! The preview's build: the same stages as `qiao build` (load `site.toml`, read and
//! check the content, render), kept warm between saves so a save costs only what
//! it touched, with the result held in memory instead of written to disk.
//!
//! What is kept: the parse of every content file, keyed by its path and stamped
//! with its size and modification time. An edit of known files re-reads just
//! those; anything else (new, removed or renamed files and folders) walks
//! `content/` and re-reads what had events or whose stamp moved. The site is then
//! put together again with [`content::assemble`], which applies the cross-file
//! rules (slugs, references, covers) to the whole site, so an error that one file
//! causes in another is found as in a full build. `site.toml` changes re-read
//! everything (parsing depends on the timezone and language).
//!
//! A save is served in two steps. First the edited items' own pages, rendered
//! by a [`PageRenderer`] kept warm with the last build's templates, indexes and
//! insights ([`Preview::quick`]: only when the change cannot have altered the
//! list of items, and the files are free of errors): the browser reloads within
//! milliseconds. Then the rest, by [`render_site`] on another thread, which hands
//! the site and the [`Warm`] cache the previous render left to
//! [`incremental::render_warm`]: when only content changed and the site still has
//! the same items and pages, it renders only the pages the edit touches, tokenizes
//! only the search documents that changed and encodes only the index files they
//! touch; otherwise (new, removed or renamed files, templates, static files,
//! `site.toml`) it renders everything. Its output is
//! compared with what is served, so the browser is told exactly which other
//! files changed. That render is the judge: when the check or the render finds
//! errors, pages served ahead are taken back.
//!
//! After each render the preview's output is byte-for-byte the output of
//! `build::load` + `build::render` with the same options (tested below after a
//! series of edits, creations, renames and deletions, in `tests/testsuite/incremental.rs`
//! after every kind of edit on the example site and on a paginated site, and in
//! `tests/testsuite/serve.rs` against the running binary).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use super::watch::Changes;
use crate::build::incremental::{self, Warm};
use crate::build::{BuildError, Timings};
use crate::config::{self, BuildOptions, SiteConfig};
use crate::content::parse::{Reference, Target};
use crate::content::{self, ContentFile, Parsed};
use crate::diagnostics::{self, Diagnostic, Lang, Position};
use crate::insight;
use crate::model::{Intro, IntroTranslation, Item, Kind, Site, Translation};
use crate::output::OutputFile;
use crate::render::{RenderOptions, Renderer};
use crate::urls;

/// A file's size and modification time: when both are unchanged, so is the parse.
type Stamp = (u64, Option<SystemTime>);

/// One content file as last read.
#[derive(Debug, Clone)]
struct Cached {
    file: ContentFile,
    stamp: Option<Stamp>,
    item: Option<Item>,
    intro: Option<(Kind, Intro)>,
    references: Vec<Reference>,
    slug_position: Option<Position>,
    diagnostics: Vec<Diagnostic>,
    /// `pinned` and where it is written (a section's page; see `content::sections`).
    pinned: Option<(bool, Position)>,
    /// A translation (`x.en.md`) and where its lists' entries are.
    translation: Option<(Translation, content::translation::Entries)>,
    /// A translation of a listing's intro.
    intro_translation: Option<IntroTranslation>,
}

impl Cached {
    fn read(file: ContentFile, config: &SiteConfig) -> Self {
        // The stamp is taken before reading: a write during the read moves it again,
        // and the next batch reads the file once more.
        let stamp = stamp(&file.path);
        let p = content::read_file(&file, config);
        Cached {
            file,
            stamp,
            item: p.item,
            intro: p.intro,
            references: p.references,
            slug_position: p.slug_position,
            diagnostics: p.diagnostics,
            pinned: p.pinned,
            translation: p.translation,
            intro_translation: p.intro_translation,
        }
    }

    fn parsed(&self) -> Parsed {
        Parsed {
            item: self.item.clone(),
            intro: self.intro.clone(),
            references: self.references.clone(),
            slug_position: self.slug_position,
            diagnostics: self.diagnostics.clone(),
            pinned: self.pinned,
            translation: self.translation.clone(),
            intro_translation: self.intro_translation.clone(),
            ..Parsed::default()
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Why a rebuild gave no site: what the terminal and the overlay show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Positioned problems in the site's files.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Other problems (a file that cannot be read, a bad option), one line each.
    pub(crate) other: Vec<String>,
    /// Pages that had been rendered ahead of the failed build and are served as
    /// they were again.
    pub(crate) reverted: Vec<String>,
}

impl Failure {
    fn new(diagnostics: Vec<Diagnostic>, other: Vec<String>) -> Self {
        Failure { diagnostics, other, reverted: Vec::new() }
    }

    fn from_build(e: BuildError, lang: Lang) -> Self {
        match e {
            BuildError::Site(diagnostics) => Failure::new(diagnostics, Vec::new()),
            BuildError::Io(e) => Failure::new(
                Vec::new(),
                vec![format!("error: {}", diagnostics::word_error(&e, lang))],
            ),
            BuildError::Usage(m) => Failure::new(Vec::new(), vec![format!("error: {m}")]),
        }
    }

    /// The lines printed in the terminal, as `qiao build` prints them (in English).
    pub fn terminal(&self) -> String {
        self.terminal_in(Lang::En)
    }

    /// The lines printed in the terminal, in `lang`.
    pub(crate) fn terminal_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        for line in &self.other {
            out.push_str(line);
            out.push('\n');
        }
        if !self.diagnostics.is_empty() {
            out.push_str(&diagnostics::render_in(&self.diagnostics, lang));
        }
        out
    }

    /// The `errors` event's JSON: the terminal's lines, and each diagnostic as
    /// `--message-format json` prints it, in `lang`.
    pub(crate) fn to_json(&self, lang: Lang) -> String {
        let mut lines: Vec<String> = self.other.clone();
        lines.extend(self.diagnostics.iter().map(|d| d.line(lang)));
        let list: Vec<_> = self.diagnostics.iter().map(|d| d.to_json(lang)).collect();
        let errors = self.other.len() + self.diagnostics.iter().filter(|d| d.is_error()).count();
        let title = diagnostics::say_count(lang, "overlay-title", errors, &[]);
        let note = diagnostics::say(lang, "overlay-note", &[]);
        serde_json::json!({
            "count": lines.len(),
            "title": title,
            "note": note,
            "lines": lines,
            "diagnostics": list,
        })
        .to_string()
    }
}

/// What a good rebuild changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Output paths added, changed or removed, sorted.
    pub changed: Vec<String>,
    /// Files in the site.
    pub files: usize,
    /// Only the pages the edit touched were rendered (see
    /// [`crate::build::incremental`]), not the whole site.
    pub partial: bool,
    /// HTML pages rendered.
    pub pages: usize,
}

/// What [`Preview::read`] read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    /// Content files read again (site-relative paths).
    pub(crate) reread: Vec<String>,
    /// Only content changed: no config, templates or static files.
    pub(crate) content_only: bool,
}

/// A checked site, ready to render.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The site.
    pub(crate) site: Arc<Site>,
}

/// A render's result, made on any thread by [`render_site`].
#[derive(Debug)]
pub(crate) struct Rendered {
    /// The files (all of them, or those an edit changed), or why there are none.
    pub(crate) files: Result<incremental::Rendered, BuildError>,
    /// The base path the site was rendered for.
    pub(crate) base_path: String,
    /// Stage timings.
    pub(crate) timings: Timings,
    /// What the next render can reuse.
    pub(crate) warm: Option<Warm>,
}

/// Renders a site as `qiao build` does: only what changed since `warm` was made
/// when that is possible, else everything. `templates`: templates, static files or
/// `site.toml` may have changed since `warm` (then everything is rendered).
pub(crate) fn render_site(
    site: Arc<Site>,
    options: &BuildOptions,
    warm: Option<Warm>,
    templates: bool,
) -> Rendered {
    let mut timings = Timings::default();
    let base_path = site.config.base_path.clone();
    let (files, warm) = incremental::render_warm(site, options, warm, templates, &mut timings);
    Rendered { files, base_path, timings, warm }
}

/// One request to a [`PageRenderer`]: items to render, and where to answer.
type PageRequest = (Vec<Item>, Sender<Option<Vec<OutputFile>>>);

/// Renders single item pages against the site of one full build, kept warm on
/// its own thread (templates compiled, indexes and insights made once): an
/// edited item's page then costs a millisecond or two. Valid while the site has
/// the same items in the same order; anything the edit changes elsewhere (other
/// pages, the indexes this page reads) comes with the next full render.
#[derive(Debug, Clone)]
pub(crate) struct PageRenderer {
    keys: Vec<(Kind, String)>,
    known: HashSet<(Kind, String)>,
    tx: Sender<PageRequest>,
}

impl PageRenderer {
    /// Prepares a renderer for `site` on the calling thread, hands a handle to
    /// `ready`, then answers requests until every handle is dropped.
    pub(crate) fn run(site: &Site, options: &BuildOptions, ready: impl FnOnce(PageRenderer)) {
        let insights = insight::compute(site);
        let render_options =
            RenderOptions { minify: options.minify, live_reload: options.live_reload };
        let Ok(renderer) = Renderer::new(site, &options.root, render_options, &insights) else {
            return;
        };
        let (tx, rx) = mpsc::channel::<PageRequest>();
        let keys: Vec<(Kind, String)> =
            site.items.iter().map(|i| (i.kind, i.slug.clone())).collect();
        let known = keys.iter().cloned().collect();
        ready(PageRenderer { keys, known, tx });
        for (items, reply) in rx {
            let pages = items.iter().map(|i| renderer.render_item(i).ok()).collect();
            let _ = reply.send(pages);
        }
    }

    fn render(&self, items: Vec<Item>) -> Option<Vec<OutputFile>> {
        let (tx, rx) = mpsc::channel();
        self.tx.send((items, tx)).ok()?;
        rx.recv_timeout(Duration::from_secs(5)).ok()?
    }
}

/// The warm build of one site.
#[derive(Debug)]
pub struct Preview {
    options: BuildOptions,
    host: String,
    config: Option<SiteConfig>,
    /// `site.toml` must be read again (the last read failed).
    config_stale: bool,
    cache: BTreeMap<String, Cached>,
    walk_diagnostics: Vec<Diagnostic>,
    /// The base path of the last full build.
    base_path: String,
    /// What is served: the last full build, plus pages rendered ahead of the next one.
    output: HashMap<String, Arc<[u8]>>,
    /// The last full build.
    confirmed: HashMap<String, Arc<[u8]>>,
    pages: Option<PageRenderer>,
    /// Content files in walk order (the order `content::load` reads them in).
    order: Vec<String>,
    /// The site of the last [`Preview::rebuild`].
    last_site: Option<Arc<Site>>,
    /// What the last render left for the next one (taken while a render runs).
    warm: Option<Warm>,
    /// Templates, static files or `site.toml` changed since `warm` was made.
    templates_changed: bool,
    built: bool,
    /// Stage timings of the last load and render.
    pub(crate) timings: Timings,
}

impl Preview {
    /// A preview of `options.root`, served at `http://{host}` (`127.0.0.1:1111`):
    /// the site is built with that address as its base URL (keeping `base_url`'s
    /// path), and with the live-reload script.
    pub fn new(mut options: BuildOptions, host: &str) -> Self {
        options.live_reload = true;
        Preview {
            options,
            host: host.to_owned(),
            config: None,
            config_stale: false,
            cache: BTreeMap::new(),
            walk_diagnostics: Vec::new(),
            base_path: "/".to_owned(),
            output: HashMap::new(),
            confirmed: HashMap::new(),
            pages: None,
            order: Vec::new(),
            last_site: None,
            warm: None,
            templates_changed: false,
            built: false,
            timings: Timings::default(),
        }
    }

    /// The options the site is built with (base URL and live reload set).
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The base path the site is served under: that of the last full build
    /// (`/` before the first).
    pub(crate) fn base_path(&self) -> &str {
        &self.base_path
    }

    /// What is served, by path.
    pub fn output(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.output
    }

    /// Whether a build has ever succeeded.
    pub(crate) fn has_site(&self) -> bool {
        self.built
    }

    /// Applies a batch of changes and renders the whole site, on this thread.
    /// On success the output is replaced and the changed paths returned; on
    /// failure the last good output stays.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Failure> {
        let loaded = self.load(changes)?;
        let (warm, templates) = self.take_warm();
        let rendered = render_site(loaded.site.clone(), &self.options, warm, templates);
        let result = self.finish(rendered);
        if result.is_ok() {
            self.last_site = Some(loaded.site);
        }
        result
    }

    /// What the next render may reuse, and whether templates, static files or
    /// `site.toml` changed since it was made; hand both to [`render_site`] and its
    /// result to [`Preview::finish`].
    pub(crate) fn take_warm(&mut self) -> (Option<Warm>, bool) {
        (self.warm.take(), std::mem::take(&mut self.templates_changed))
    }

    /// The site of the last successful [`Preview::rebuild`], once.
    pub(crate) fn take_last_site(&mut self) -> Option<Arc<Site>> {
        self.last_site.take()
    }

    /// Re-reads what changed and checks the whole site (every cross-file rule).
    pub(crate) fn load(&mut self, changes: &Changes) -> Result<Loaded, Failure> {
        let read = self.read(changes)?;
        self.check(read)
    }

    /// Re-reads `site.toml` (when it changed) and the content files that changed.
    pub(crate) fn read(&mut self, changes: &Changes) -> Result<Read, Failure> {
        let mut timings = Timings::default();
        let everything =
            changes.config || changes.rescan || self.config.is_none() || self.config_stale;
        if everything {
            let config = match timings.time("config", || self.load_config()) {
                Ok(c) => c,
                Err(f) => {
                    // Parses depend on the config: read everything once it is fixed.
                    self.config_stale = true;
                    self.timings = timings;
                    return Err(f);
                }
            };
            self.options.base_url = Some(config.base_url.clone());
            self.config = Some(config);
            self.config_stale = false;
            self.cache.clear();
        }
        let config = self.config.clone().expect("config loaded above");
        let mut reread = Vec::new();
        if everything || !changes.content.is_empty() {
            reread = timings.time("read", || self.refresh_content(&config, changes, everything));
        }
        self.timings = timings;
        let content_only = !everything && !changes.templates && !changes.statics;
        self.templates_changed |= !content_only;
        Ok(Read { reread, content_only })
    }

    /// Puts the site together from what was read and applies every cross-file rule.
    /// Takes the [`Read`] that [`Preview::read`] gave, so a check always follows a read.
    pub(crate) fn check(&mut self, _read: Read) -> Result<Loaded, Failure> {
        let mut timings = std::mem::take(&mut self.timings);
        let config = self.config.clone().expect("read() loads the config");
        let today = self.options.today_in(&config.tz);
        let site = timings.time("assemble", || self.assemble(config, today));
        self.timings = timings;
        Ok(Loaded { site: Arc::new(site?) })
    }

    /// Renders the pages of the items whose files changed, ahead of the check
    /// of the whole site and the full render, and serves them at once: the
    /// editor's own page updates within milliseconds while the rest follows.
    /// Returns the paths that changed, or `None` when this shortcut does not
    /// apply: not only content changed, a changed file has errors or names an
    /// unknown item, items were added, removed or reordered, or no full build
    /// has prepared a [`PageRenderer`] yet. The check that follows is still the
    /// judge: when it finds errors, [`Preview::revert`] takes these pages back.
    pub(crate) fn quick(&mut self, read: &Read) -> Option<Vec<String>> {
        const MOST: usize = 8;
        if !read.content_only || read.reread.is_empty() || read.reread.len() > MOST {
            return None;
        }
        let pages = self.pages.as_ref()?;
        let mut timings = std::mem::take(&mut self.timings);
        let items = timings.time("quick check", || {
            let mut items = Vec::new();
            for rel in &read.reread {
                let c = self.cache.get(rel)?;
                if diagnostics::has_errors(&c.diagnostics) {
                    return None;
                }
                // A listing's intro shows on the listing only: the full render's.
                let Some(item) = &c.item else {
                    if c.intro.is_some() {
                        continue;
                    }
                    return None;
                };
                if item.draft && !self.options.drafts {
                    return None;
                }
                if c.references.iter().any(|r| match r.target {
                    Target::Item(kind) => !pages.known.contains(&(kind, r.slug.clone())),
                    Target::Static | Target::Alias => false,
                }) {
                    return None;
                }
                items.push(item.clone());
            }
            // The same published items, in the same order, as the renderer's site.
            let mut keys = pages.keys.iter();
            for rel in &self.order {
                let Some(item) = self.cache.get(rel).and_then(|c| c.item.as_ref()) else {
                    continue;
                };
                if item.draft && !self.options.drafts {
                    continue;
                }
                if keys.next().is_none_or(|(k, s)| *k != item.kind || *s != item.slug) {
                    return None;
                }
            }
            keys.next().is_none().then_some(items)
        });
        let files = items.and_then(|items| timings.time("quick pages", || pages.render(items)));
        self.timings = timings;
        let mut changed = Vec::new();
        for f in files? {
            if self.output.get(&f.path).is_none_or(|old| **old != *f.bytes) {
                changed.push(f.path.clone());
                self.output.insert(f.path, Arc::from(f.bytes));
            }
        }
        Some(changed)
    }

    /// Serves the last full build again, dropping pages rendered ahead of it;
    /// returns their paths.
    pub(crate) fn revert(&mut self) -> Vec<String> {
        let mut reverted: Vec<String> = self
            .output
            .iter()
            .filter(|(k, v)| self.confirmed.get(*k).is_none_or(|c| !Arc::ptr_eq(c, v)))
            .map(|(k, _)| k.clone())
            .collect();
        reverted.sort();
        self.output = self.confirmed.clone();
        reverted
    }

    /// Keeps a full build's page renderer for [`Preview::quick`].
    pub(crate) fn set_page_renderer(&mut self, pages: PageRenderer) {
        self.pages = Some(pages);
    }

    /// Takes a full render's result: on success it becomes what is served (the
    /// changed paths are those that differ from what was served, pages rendered
    /// ahead included); on failure the last full build is served again.
    pub(crate) fn finish(&mut self, rendered: Rendered) -> Result<Update, Failure> {
        let mut timings = rendered.timings;
        // (A failed render hands back the cache it was given: it still describes
        // what is served.)
        self.warm = rendered.warm;
        match rendered.files {
            Ok(files) => {
                let partial = matches!(files, incremental::Rendered::Patch(_));
                let (incremental::Rendered::Patch(list) | incremental::Rendered::Full(list)) =
                    &files;
                let pages = list.iter().filter(|f| f.path.ends_with(".html")).count();
                let changed = timings.time("diff", || match files {
                    incremental::Rendered::Full(files) => self.take_files(HashMap::new(), files),
                    incremental::Rendered::Patch(files) => {
                        self.take_files(self.confirmed.clone(), files)
                    }
                });
                self.confirmed = self.output.clone();
                self.base_path = rendered.base_path;
                self.built = true;
                self.timings = timings;
                Ok(Update { changed, files: self.output.len(), partial, pages })
            }
            Err(e) => {
                self.timings = timings;
                let mut failure = Failure::from_build(e, self.options.lang);
                failure.reverted = self.revert();
                Err(failure)
            }
        }
    }

    /// `site.toml`, as `build::load` reads it, with the preview's base URL.
    fn load_config(&self) -> Result<SiteConfig, Failure> {
        let mut config =
            config::load(&self.options.root).map_err(|d| Failure::new(d, Vec::new()))?;
        let url = format!("http://{}{}", self.host, config.base_path);
        config.set_base_url(&url).map_err(|e| {
            Failure::new(Vec::new(), vec![format!("error: {}", e.message(self.options.lang))])
        })?;
        Ok(config)
    }

    /// Re-reads what is new or changed; returns the paths read. An edit of files
    /// already known is read alone; anything else (a new, removed or renamed file
    /// or folder) walks `content/` and compares every file's stamp.
    fn refresh_content(
        &mut self,
        config: &SiteConfig,
        changes: &Changes,
        everything: bool,
    ) -> Vec<String> {
        // An editor's atomic save writes a temporary file and renames it over the
        // page: the temporary path had events but is gone, and was never content.
        // (A removed folder is gone too, but the files below it were known.)
        let transient = |rel: &str| {
            let below = format!("{rel}/");
            !self.cache.contains_key(rel)
                && self
                    .cache
                    .range(below.clone()..)
                    .next()
                    .is_none_or(|(k, _)| !k.starts_with(&below))
                && std::fs::symlink_metadata(self.options.root.join(rel)).is_err()
        };
        let edits_only = !everything
            && changes.content.iter().all(|rel| {
                transient(rel)
                    || self
                        .cache
                        .get(rel)
                        .is_some_and(|c| std::fs::metadata(&c.file.path).is_ok_and(|m| m.is_file()))
            });
        if edits_only {
            let files: Vec<ContentFile> = changes
                .content
                .iter()
                .filter_map(|rel| self.cache.get(rel))
                .map(|c| c.file.clone())
                .collect();
            let fresh: Vec<Cached> =
                files.into_par_iter().map(|f| Cached::read(f, config)).collect();
            let read = fresh.iter().map(|c| c.file.rel.clone()).collect();
            for c in fresh {
                self.cache.insert(c.file.rel.clone(), c);
            }
            return read;
        }
        let (files, walk_diagnostics) = content::walk::walk(&self.options.root);
        self.walk_diagnostics = walk_diagnostics;
        self.order = files.iter().map(|f| f.rel.clone()).collect();
        let mut old = std::mem::take(&mut self.cache);
        let mut keep = Vec::new();
        let mut read = Vec::new();
        for file in files {
            let touched = changes.content.iter().any(|c| {
                file.rel == *c
                    || file.rel.strip_prefix(c.as_str()).is_some_and(|r| r.starts_with('/'))
            });
            match old.remove(&file.rel) {
                Some(c)
                    if !touched
                        && c.file == file
                        && c.stamp.is_some()
                        && c.stamp == stamp(&file.path) =>
                {
                    keep.push(c)
                }
                _ => read.push(file),
            }
        }
        let fresh: Vec<Cached> = read.into_par_iter().map(|f| Cached::read(f, config)).collect();
        let paths = fresh.iter().map(|c| c.file.rel.clone()).collect();
        self.cache = keep.into_iter().chain(fresh).map(|c| (c.file.rel.clone(), c)).collect();
        paths
    }

    /// The site from the cached parses, with every cross-file rule applied.
    fn assemble(&self, config: SiteConfig, today: jiff::civil::Date) -> Result<Site, Failure> {
        let mut diagnostics = self.walk_diagnostics.clone();
        // In walk order, as `content::load` reads them: items keep their order.
        let parsed: Vec<(&ContentFile, Parsed)> = self
            .order
            .iter()
            .filter_map(|rel| self.cache.get(rel))
            .map(|c| (&c.file, c.parsed()))
            .collect();
        let site = content::assemble(
            &self.options.root,
            config,
            parsed,
            self.options.drafts,
            today,
            &mut diagnostics,
        );
        diagnostics::sort(&mut diagnostics);
        if diagnostics::has_errors(&diagnostics) {
            Err(Failure::new(diagnostics, Vec::new()))
        } else {
            Ok(site)
        }
    }

    /// Serves `files` over `base` (nothing for a full render, the last build for
    /// the pages of an edit), keeping the last build's bytes of unchanged files.
    /// Returns the paths that differ from what was served.
    fn take_files(
        &mut self,
        mut next: HashMap<String, Arc<[u8]>>,
        files: Vec<OutputFile>,
    ) -> Vec<String> {
        for f in files {
            let bytes = match self.confirmed.get(&f.path) {
                Some(prev) if **prev == *f.bytes => prev.clone(),
                _ => Arc::from(f.bytes),
            };
            next.insert(f.path, bytes);
        }
        self.serve(next)
    }

    /// Serves `next`; returns the paths that differ from what was served.
    fn serve(&mut self, next: HashMap<String, Arc<[u8]>>) -> Vec<String> {
        let old = std::mem::replace(&mut self.output, next);
        let mut changed: Vec<String> = self
            .output
            .iter()
            .filter(|(path, bytes)| {
                old.get(*path).is_none_or(|o| !Arc::ptr_eq(o, bytes) && **o != ***bytes)
            })
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(old.into_keys().filter(|p| !self.output.contains_key(p)));
        changed.sort();
        changed
    }
}

/// A page shown while no build has succeeded yet: it loads the live-reload
/// script, so the overlay shows the errors and the page reloads once they are fixed.
pub(crate) fn errors_page(base_path: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>qiao: the site has errors</title>\
         <script src=\"{base_path}{preview}livereload.js\"></script></head>\
         <body><p>The site has errors, listed in the terminal and below. This page reloads when they are fixed.</p></body></html>\n",
        preview = urls::PREVIEW,
    )
    .into_bytes()
}

/// Time since `start` in milliseconds, for messages.
pub(crate) fn millis(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::build;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn member(title: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2025-01-10\ntype = \"enterprise\"\ntags = [\"AI\"]\n+++\n\n{title} builds machines.\n"
        )
    }

    fn case(title: &str, partners: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2025-06-01\npartners = [{partners}]\nmodes = [\"joint-lab\"]\nindustries = [\"new-materials\"]\n+++\n\nA lab. 联合实验室。\n"
        )
    }

    fn fresh(options: &BuildOptions) -> BTreeMap<String, Vec<u8>> {
        let mut t = Timings::default();
        let site = build::load(options, &mut t).unwrap_or_else(|e| panic!("{e:?}"));
        build::render(&site, options, &mut t)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect()
    }

    fn served(p: &Preview) -> BTreeMap<String, Vec<u8>> {
        p.output().iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
    }

    fn changes(paths: &[&str]) -> Changes {
        Changes {
            content: paths.iter().map(|p| p.to_string()).collect::<BTreeSet<_>>(),
            ..Changes::default()
        }
    }

    #[test]
    fn incremental_rebuilds_equal_a_fresh_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/alliance/\"\nlanguage = \"en\"\n",
        );
        write(&root.join("content/members/a.md"), &member("A Corp"));
        write(&root.join("content/members/b.md"), &member("B Univ"));
        write(&root.join("content/cases/x.md"), &case("X lab", "\"a\", \"b\""));
        write(
            &root.join("content/about.md"),
            "+++\ntitle = \"About\"\ndate = 2025-01-01\n+++\n\nSee [x](/cases/x.md).\n",
        );
        let mut options = BuildOptions::new(root);
        options.today = Some(jiff::civil::date(2026, 1, 15));
        let mut p = Preview::new(options, "127.0.0.1:4000");
        let first = p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
        assert_eq!(p.base_path(), "/alliance/");
        assert_eq!(p.options().base_url.as_deref(), Some("http://127.0.0.1:4000/alliance/"));
        assert_eq!(first.changed.len(), first.files);
        assert_eq!(served(&p), fresh(p.options()));

        // Each step: the change, the paths the watcher would report.
        type Step<'a> = (&'a str, Box<dyn Fn() + 'a>, Vec<&'a str>);
        let steps: Vec<Step> = vec![
            (
                "edit",
                Box::new(|| {
                    write(&root.join("content/cases/x.md"), &case("X vision lab", "\"a\", \"b\""))
                }),
                vec!["content/cases/x.md"],
            ),
            (
                "new member",
                Box::new(|| write(&root.join("content/members/c.md"), &member("C Inst"))),
                vec!["content/members/c.md"],
            ),
            (
                "new folder",
                Box::new(|| {
                    write(&root.join("content/cases/2024/y.md"), &case("Y class", "\"c\", \"a\""))
                }),
                vec!["content/cases/2024"],
            ),
            (
                "rename, and the link to it",
                Box::new(|| {
                    std::fs::rename(
                        root.join("content/cases/x.md"),
                        root.join("content/cases/z.md"),
                    )
                    .unwrap();
                    write(
                        &root.join("content/about.md"),
                        "+++\ntitle = \"About\"\ndate = 2025-01-01\n+++\n\nSee [z](/cases/z.md).\n",
                    )
                }),
                vec!["content/cases/x.md", "content/cases/z.md", "content/about.md"],
            ),
            (
                "rename a folder",
                Box::new(|| {
                    std::fs::rename(
                        root.join("content/cases/2024"),
                        root.join("content/cases/2025"),
                    )
                    .unwrap()
                }),
                vec!["content/cases/2024", "content/cases/2025"],
            ),
        ];
        for (what, step, paths) in &steps {
            step();
            let update =
                p.rebuild(&changes(paths)).unwrap_or_else(|f| panic!("{what}: {}", f.terminal()));
            assert!(!update.changed.is_empty() || *what == "rename a folder", "{what}");
            assert_eq!(served(&p), fresh(p.options()), "{what}");
        }
        assert!(
            p.output().contains_key("cases/z/index.html")
                && !p.output().contains_key("cases/x/index.html")
        );

        // Deleting a member that a case names: an error, and the last good site stays.
        let before = served(&p);
        std::fs::remove_file(root.join("content/members/c.md")).unwrap();
        let failure = p.rebuild(&changes(&["content/members/c.md"])).unwrap_err();
        assert!(
            failure.terminal().contains("content/cases/2025/y.md:4:"),
            "{}",
            failure.terminal()
        );
        assert_eq!(served(&p), before);
        // The fix: the case goes too.
        std::fs::remove_dir_all(root.join("content/cases/2025")).unwrap();
        p.rebuild(&changes(&["content/cases/2025"])).unwrap();
        assert_eq!(served(&p), fresh(p.options()));

        // A change the watcher missed is still found by its stamp, when anything in content/ moves.
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&root.join("content/members/b.md"), &member("B University"));
        p.rebuild(&changes(&["content/members"])).unwrap();
        assert_eq!(served(&p), fresh(p.options()));

        // site.toml: everything again, under the new base path.
        write(
            &root.join("site.toml"),
            "title = \"T2\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
        );
        p.rebuild(&Changes { config: true, ..Changes::default() }).unwrap();
        assert_eq!(p.base_path(), "/");
        assert_eq!(served(&p), fresh(p.options()));
        // A broken site.toml keeps the last good site.
        let before = served(&p);
        write(&root.join("site.toml"), "title = \"T2\"\n");
        assert!(p.rebuild(&Changes { config: true, ..Changes::default() }).is_err());
        assert_eq!(served(&p), before);
        write(
            &root.join("site.toml"),
            "title = \"T3\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
        );
        p.rebuild(&Changes { config: true, ..Changes::default() }).unwrap();
        assert_eq!(served(&p), fresh(p.options()));
        // Nothing changed: nothing to reload.
        let same = p.rebuild(&changes(&["content/about.md"])).unwrap();
        assert!(same.changed.is_empty());
    }

    fn page_renderer(site: Arc<Site>, options: BuildOptions) -> PageRenderer {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            PageRenderer::run(&site, &options, |p| {
                let _ = tx.send(p);
            })
        });
        rx.recv().unwrap()
    }

    /// The batch the rebuild loop runs: read, pages ahead, check, full render.
    fn batch(p: &mut Preview, paths: &[&str]) -> (Option<Vec<String>>, Result<Update, Failure>) {
        let read = p.read(&changes(paths)).unwrap();
        let ahead = p.quick(&read);
        let result = match p.check(read) {
            Ok(loaded) => {
                let (warm, templates) = p.take_warm();
                p.finish(render_site(loaded.site, p.options(), warm, templates))
            }
            Err(mut f) => {
                f.reverted = p.revert();
                Err(f)
            }
        };
        (ahead, result)
    }

    #[test]
    fn pages_rendered_ahead_equal_the_full_render() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("site.toml"), "title = \"T\"\nbase_url = \"https://example.org/\"\n");
        write(&root.join("content/members/a.md"), &member("A Corp"));
        write(&root.join("content/members/b.md"), &member("B Univ"));
        // Walk order is not path-string order: `a-b.md` sorts before `a/`, yet is read after it.
        write(&root.join("content/members/a-b.md"), &member("AB Group"));
        write(&root.join("content/members/a/d.md"), &member("D Lab"));
        write(&root.join("content/cases/x.md"), &case("X lab", "\"a\", \"b\""));
        let mut options = BuildOptions::new(root);
        options.today = Some(jiff::civil::date(2026, 1, 15));
        let mut p = Preview::new(options, "127.0.0.1:4000");
        p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
        let site = p.take_last_site().unwrap();
        let fresh_site = build::load(p.options(), &mut Timings::default()).unwrap();
        let sources = |s: &Site| s.items.iter().map(|i| i.source.clone()).collect::<Vec<_>>();
        assert_eq!(sources(&site), sources(&fresh_site));

        // No page renderer yet: no shortcut.
        write(&root.join("content/cases/x.md"), &case("X vision lab", "\"a\", \"b\""));
        let (ahead, result) = batch(&mut p, &["content/cases/x.md"]);
        assert!(ahead.is_none());
        result.unwrap();
        p.set_page_renderer(page_renderer(site, p.options().clone()));

        write(&root.join("content/cases/x.md"), &case("X machine vision lab", "\"a\", \"b\""));
        let (ahead, result) = batch(&mut p, &["content/cases/x.md"]);
        assert_eq!(ahead.unwrap(), ["cases/x/index.html"]);
        let update = result.unwrap();
        assert!(!update.changed.is_empty());
        assert!(!update.changed.contains(&"cases/x/index.html".to_owned()), "{:?}", update.changed);
        assert_eq!(served(&p), fresh(p.options()));

        // A member edit: its page ahead, the case that names it with the full render.
        write(&root.join("content/members/a.md"), &member("A Corporation"));
        let (ahead, result) = batch(&mut p, &["content/members/a.md"]);
        assert_eq!(ahead.unwrap(), ["members/a/index.html"]);
        assert!(result.unwrap().changed.contains(&"cases/x/index.html".to_owned()));
        assert_eq!(served(&p), fresh(p.options()));

        // An unknown partner: nothing ahead, the error, the last good site.
        let before = served(&p);
        write(&root.join("content/cases/x.md"), &case("X lab", "\"a\", \"zz\""));
        let (ahead, result) = batch(&mut p, &["content/cases/x.md"]);
        assert!(ahead.is_none());
        assert!(result.unwrap_err().terminal().contains("content/cases/x.md:4:"));
        assert_eq!(served(&p), before);

        // A new file changes the list of items: no shortcut.
        write(&root.join("content/cases/x.md"), &case("X lab", "\"a\", \"b\""));
        write(&root.join("content/members/c.md"), &member("C Inst"));
        let (ahead, result) = batch(&mut p, &["content/cases/x.md", "content/members/c.md"]);
        assert!(ahead.is_none());
        result.unwrap();
        assert_eq!(served(&p), fresh(p.options()));

        // A page rendered ahead of a failed build is taken back: here the listing's
        // intro breaks a link in the same batch.
        let site = Arc::new(build::load(p.options(), &mut Timings::default()).unwrap());
        p.set_page_renderer(page_renderer(site, p.options().clone()));
        let before = served(&p);
        write(&root.join("content/cases/x.md"), &case("X lab again", "\"a\", \"b\""));
        write(
            &root.join("content/cases/_index.md"),
            "+++\ntitle = \"Cases\"\n+++\n\nSee [this](/nope.md).\n",
        );
        let (ahead, result) = batch(&mut p, &["content/cases/x.md", "content/cases/_index.md"]);
        assert_eq!(ahead.unwrap(), ["cases/x/index.html"]);
        let failure = result.unwrap_err();
        assert!(failure.terminal().contains("content/cases/_index.md:"), "{}", failure.terminal());
        assert_eq!(failure.reverted, ["cases/x/index.html"]);
        assert_eq!(served(&p), before);
    }
}
