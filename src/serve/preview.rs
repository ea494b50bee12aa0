//! The preview's build: the same stages as `qiao build` (load `site.toml`, read and
//! check the content, render), kept warm between saves so a save costs only what
//! it touched, with the result held in memory instead of written to disk.
//!
//! What is kept: the parse of every content file, keyed by its path and stamped
//! with its size and modification time. A batch of changes re-reads only the files
//! that had events or whose stamp moved (plus new ones), then puts the site
//! together again with [`content::assemble`], which applies the cross-file rules
//! (slugs, references, covers) to the whole site, so an error that one file causes
//! in another is found as in a full build. `site.toml` changes re-read everything
//! (parsing depends on the timezone and language). The site is then rendered by
//! [`build::render`]; the output is compared with the last good one so the browser
//! is told exactly which files changed.
//!
//! The preview's result is byte-for-byte the output of `build::load` +
//! `build::render` with the same options (tested below after a series of edits,
//! creations, renames and deletions).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use rayon::prelude::*;

use super::watch::Changes;
use crate::build::{self, BuildError, Timings};
use crate::config::{self, BuildOptions, SiteConfig};
use crate::content::parse::Reference;
use crate::content::{self, ContentFile, Parsed};
use crate::diagnostics::{self, Diagnostic, Position};
use crate::model::{Intro, Item, Kind, Site};
use crate::output::OutputFile;

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
        }
    }

    fn parsed(&self) -> Parsed {
        Parsed {
            item: self.item.clone(),
            intro: self.intro.clone(),
            references: self.references.clone(),
            slug_position: self.slug_position,
            diagnostics: self.diagnostics.clone(),
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
    pub diagnostics: Vec<Diagnostic>,
    /// Other problems (a file that cannot be read, a bad option), one line each.
    pub other: Vec<String>,
}

impl Failure {
    fn from_build(e: BuildError) -> Self {
        match e {
            BuildError::Site(diagnostics) => Failure { diagnostics, other: Vec::new() },
            BuildError::Io(e) => {
                Failure { diagnostics: Vec::new(), other: vec![format!("error: {e:#}")] }
            }
            BuildError::Usage(m) => {
                Failure { diagnostics: Vec::new(), other: vec![format!("error: {m}")] }
            }
        }
    }

    /// The lines printed in the terminal, as `qiao build` prints them.
    pub fn terminal(&self) -> String {
        let mut out = String::new();
        for line in &self.other {
            out.push_str(line);
            out.push('\n');
        }
        if !self.diagnostics.is_empty() {
            out.push_str(&diagnostics::render(&self.diagnostics));
        }
        out
    }

    /// The `errors` event's JSON.
    pub fn to_json(&self) -> String {
        let mut lines: Vec<String> = self.other.clone();
        lines.extend(self.diagnostics.iter().map(|d| d.to_string()));
        let list: Vec<_> = self
            .diagnostics
            .iter()
            .map(|d| serde_json::json!({"path": d.path, "line": d.position.line, "column": d.position.column, "message": d.message}))
            .collect();
        serde_json::json!({"count": lines.len(), "lines": lines, "diagnostics": list}).to_string()
    }
}

/// What a good rebuild changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Output paths added, changed or removed, sorted.
    pub changed: Vec<String>,
    /// Files in the site.
    pub files: usize,
    /// Content files read again.
    pub reread: usize,
}

/// The warm build of one site.
#[derive(Debug)]
pub struct Preview {
    options: BuildOptions,
    host: String,
    config: Option<SiteConfig>,
    cache: BTreeMap<String, Cached>,
    walk_diagnostics: Vec<Diagnostic>,
    output: HashMap<String, Arc<[u8]>>,
    built: bool,
    /// Stage timings of the last rebuild.
    pub timings: Timings,
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
            cache: BTreeMap::new(),
            walk_diagnostics: Vec::new(),
            output: HashMap::new(),
            built: false,
            timings: Timings::default(),
        }
    }

    /// The options the site is built with (base URL and live reload set).
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The base path the site is served under (`/` until `site.toml` loads).
    pub fn base_path(&self) -> &str {
        self.config.as_ref().map(|c| c.base_path.as_str()).unwrap_or("/")
    }

    /// The last good output, by path.
    pub fn output(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.output
    }

    /// Whether a build has ever succeeded.
    pub fn has_site(&self) -> bool {
        self.built
    }

    /// Applies a batch of changes. On success the output is replaced and the
    /// changed paths returned; on failure the last good output stays.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Failure> {
        let mut timings = Timings::default();
        let result = self.rebuild_timed(changes, &mut timings);
        self.timings = timings;
        result
    }

    fn rebuild_timed(
        &mut self,
        changes: &Changes,
        timings: &mut Timings,
    ) -> Result<Update, Failure> {
        let everything = changes.config || changes.rescan || self.config.is_none();
        if everything {
            let config = match timings.time("config", || self.load_config()) {
                Ok(c) => c,
                Err(f) => {
                    // Parses depend on the config: they are stale now.
                    self.config = None;
                    self.cache.clear();
                    return Err(f);
                }
            };
            self.options.base_url = Some(config.base_url.clone());
            self.config = Some(config);
            self.cache.clear();
        }
        let config = self.config.clone().expect("config loaded above");
        let mut reread = 0;
        if everything || !changes.content.is_empty() {
            reread = timings.time("read", || self.refresh_content(&config, changes));
        }
        let today = self.options.today_in(&config.tz);
        let site = timings.time("assemble", || self.assemble(config, today))?;
        let files = build::render(&site, &self.options, timings).map_err(Failure::from_build)?;
        let changed = timings.time("diff", || self.replace_output(files));
        self.built = true;
        Ok(Update { changed, files: self.output.len(), reread })
    }

    /// `site.toml`, as `build::load` reads it, with the preview's base URL.
    fn load_config(&self) -> Result<SiteConfig, Failure> {
        let mut config = config::load(&self.options.root)
            .map_err(|d| Failure { diagnostics: d, other: Vec::new() })?;
        let url = format!("http://{}{}", self.host, config.base_path);
        config
            .set_base_url(&url)
            .map_err(|e| Failure { diagnostics: Vec::new(), other: vec![format!("error: {e}")] })?;
        Ok(config)
    }

    /// Walks `content/` and re-reads what is new or changed. Returns how many files were read.
    fn refresh_content(&mut self, config: &SiteConfig, changes: &Changes) -> usize {
        let (files, walk_diagnostics) = content::walk::walk(&self.options.root);
        self.walk_diagnostics = walk_diagnostics;
        let mut old = std::mem::take(&mut self.cache);
        let mut keep = Vec::new();
        let mut read = Vec::new();
        for file in files {
            let touched = changes
                .content
                .iter()
                .any(|c| file.rel == *c || file.rel.starts_with(&format!("{c}/")));
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
        let count = read.len();
        let fresh: Vec<Cached> = read.into_par_iter().map(|f| Cached::read(f, config)).collect();
        self.cache = keep.into_iter().chain(fresh).map(|c| (c.file.rel.clone(), c)).collect();
        count
    }

    /// The site from the cached parses, with every cross-file rule applied.
    fn assemble(&self, config: SiteConfig, today: jiff::civil::Date) -> Result<Site, Failure> {
        let mut diagnostics = self.walk_diagnostics.clone();
        let parsed: Vec<(&ContentFile, Parsed)> =
            self.cache.values().map(|c| (&c.file, c.parsed())).collect();
        let site = content::assemble(
            &self.options.root,
            config,
            parsed,
            self.options.drafts,
            today,
            &mut diagnostics,
        );
        diagnostics::sort(&mut diagnostics);
        if diagnostics.is_empty() {
            Ok(site)
        } else {
            Err(Failure { diagnostics, other: Vec::new() })
        }
    }

    /// Swaps in a new output, keeping the old bytes of unchanged files. Returns
    /// the paths that differ.
    fn replace_output(&mut self, files: Vec<OutputFile>) -> Vec<String> {
        let mut old = std::mem::take(&mut self.output);
        let mut changed = Vec::new();
        let mut next = HashMap::with_capacity(files.len());
        for f in files {
            let bytes = match old.remove(&f.path) {
                Some(prev) if *prev == *f.bytes => prev,
                _ => {
                    changed.push(f.path.clone());
                    Arc::from(f.bytes)
                }
            };
            next.insert(f.path, bytes);
        }
        changed.extend(old.into_keys());
        changed.sort();
        self.output = next;
        changed
    }
}

/// A page shown while no build has succeeded yet: it loads the live-reload
/// script, so the overlay shows the errors and the page reloads once they are fixed.
pub fn placeholder_page(base_path: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>qiao: the site has errors</title>\
         <script src=\"{base_path}__qiao/livereload.js\"></script></head>\
         <body><p>The site has errors, listed in the terminal and below. This page reloads when they are fixed.</p></body></html>\n"
    )
    .into_bytes()
}

/// Time since `start` in milliseconds, for messages.
pub fn millis(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

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
}
