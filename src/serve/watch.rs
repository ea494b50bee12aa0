//! Watching the site's sources with `notify`, and turning bursts of file-system
//! events into one [`Changes`] value per rebuild.
//!
//! Only the sources are watched: `site.toml` and the root folder itself (not
//! recursively, so the output folder under the root is never seen), and
//! `content/`, `templates/`, `static/`, `themes/` and `i18n/` (the site's own
//! words, which override the theme's) recursively, each as soon as it exists. What the build passes over is no change either: editor leftovers
//! (`x.md~`, `.x.md.swp`, `#x.md#`, vim's `4913`) and hidden names anywhere, and
//! underscore names in `content/` ([`crate::source::is_ignored_name`]). An atomic
//! save (write a temporary file, rename it over the old one) shows up as a few
//! events on the same path within a millisecond or two; a burst of saves as many
//! events. Both end up in one batch: after the first event the
//! batch stays open until no event has come for [`QUIET`] (at most [`MAX_WAIT`]).
//! This is the debouncer; it is our own because the stock ones tick on a timer
//! that would add its whole period to every save's latency.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::source::{Tree, is_ignored_name};

/// How long the sources must be quiet before a batch is rebuilt.
pub(crate) const QUIET: Duration = Duration::from_millis(20);
/// The longest a batch stays open while events keep coming.
pub(crate) const MAX_WAIT: Duration = Duration::from_millis(500);

/// The folders watched recursively, when they exist.
const TREES: [&str; 5] = ["content", "templates", "static", "themes", "i18n"];

/// What changed in one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `site.toml`.
    pub config: bool,
    /// Something under `templates/`, `themes/` or `i18n/`: the theme, which holds the
    /// templates and the words, must be read again.
    pub templates: bool,
    /// Something under `static/`.
    pub statics: bool,
    /// Content files and folders that had events, relative to the root (`content/cases/x.md`).
    pub content: BTreeSet<String>,
    /// Events were lost (the watcher overflowed): look at everything again.
    pub rescan: bool,
}

impl Changes {
    /// Nothing that a rebuild must look at.
    pub(crate) fn is_empty(&self) -> bool {
        !self.config && !self.templates && !self.statics && self.content.is_empty() && !self.rescan
    }

    /// Adds one changed path (relative to the root). Returns whether it mattered.
    pub(crate) fn add(&mut self, rel: &Path) -> bool {
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let Some(first) = parts.first() else { return false };
        let tree = if first == "content" { Tree::Content } else { Tree::Files };
        if parts.iter().skip(1).any(|p| is_ignored_name(p, tree)) {
            return false;
        }
        match first.as_str() {
            "site.toml" if parts.len() == 1 => self.config = true,
            // Any path: a name without `.md` may be a folder that was created,
            // renamed or deleted, and the renderer may use files beside the Markdown.
            "content" => {
                self.content.insert(parts.join("/"));
            }
            "templates" | "themes" | "i18n" => self.templates = true,
            "static" => self.statics = true,
            _ => return false,
        }
        true
    }
}

/// A running watcher of one site root.
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: HashSet<&'static str>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("root", &self.root).field("watched", &self.watched).finish()
    }
}

impl Watch {
    /// Starts watching `root` (which should be canonical, so event paths match it).
    pub(crate) fn new(root: &Path) -> notify::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch { watcher, rx, root: root.to_path_buf(), watched: HashSet::new() };
        watch.ensure_watches(&HashSet::new());
        Ok(watch)
    }

    /// Blocks until sources change, then returns the whole debounced batch.
    /// Returns `None` when the watcher has stopped.
    pub(crate) fn next_batch(&mut self) -> Option<Changes> {
        loop {
            let first = self.rx.recv().ok()?;
            let mut changes = Changes::default();
            let mut rewatch = HashSet::new();
            let mut relevant = self.absorb(first, &mut changes, &mut rewatch);
            let opened = Instant::now();
            let mut last = Instant::now();
            loop {
                let deadline = if relevant { last + QUIET } else { opened + QUIET };
                let now = Instant::now();
                if now >= deadline || now >= opened + MAX_WAIT {
                    break;
                }
                match self.rx.recv_timeout(deadline - now) {
                    Ok(event) => {
                        if self.absorb(event, &mut changes, &mut rewatch) {
                            relevant = true;
                            last = Instant::now();
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            self.ensure_watches(&rewatch);
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn absorb(
        &self,
        event: notify::Result<Event>,
        changes: &mut Changes,
        rewatch: &mut HashSet<&'static str>,
    ) -> bool {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                changes.rescan = true;
                return true;
            }
        };
        if event.need_rescan() {
            changes.rescan = true;
            return true;
        }
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) => return false,
            _ => {}
        }
        let mut relevant = false;
        for path in &event.paths {
            let Ok(rel) = path.strip_prefix(&self.root) else { continue };
            if let Some(tree) = TREES.iter().find(|t| rel == Path::new(t)) {
                rewatch.insert(tree);
            }
            relevant |= changes.add(rel);
        }
        relevant
    }

    /// Watches each source folder that exists and forgets those that are gone;
    /// `again` names folders that were created or moved, to watch afresh.
    fn ensure_watches(&mut self, again: &HashSet<&'static str>) {
        for tree in TREES {
            let path = self.root.join(tree);
            let is_dir = path.is_dir();
            if self.watched.contains(tree) && (!is_dir || again.contains(tree)) {
                let _ = self.watcher.unwatch(&path);
                self.watched.remove(tree);
            }
            if is_dir
                && !self.watched.contains(tree)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(tree);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let mut c = Changes::default();
        for p in [
            "public/index.html",
            "content/cases/.x.md.swp",
            "content/cases/x.md~",
            "content/4913",
            "content/#x.md#",
            ".git/HEAD",
            "site.toml~",
        ] {
            assert!(!c.add(Path::new(p)), "{p}");
        }
        assert!(c.is_empty());
        assert!(c.add(Path::new("content/cases/x.md")));
        assert!(c.add(Path::new("content/cases/2024")));
        assert!(c.add(Path::new("site.toml")));
        assert!(c.add(Path::new("templates/base.html")));
        assert!(c.add(Path::new("static/css/site.css")));
        assert!(!c.add(Path::new("content/_notes.md")));
        assert!(c.add(Path::new("static/_headers")));
        assert_eq!(
            c.content.iter().collect::<Vec<_>>(),
            ["content/cases/2024", "content/cases/x.md"]
        );
        assert!(c.config && c.templates && c.statics);
    }

    #[test]
    fn the_sites_words_are_a_templates_change() {
        assert!(TREES.contains(&"i18n"), "the site's i18n/ folder is watched");
        let mut c = Changes::default();
        assert!(!c.add(Path::new("i18n/.zh.toml.swp")) && !c.add(Path::new("i18n/zh.toml~")));
        assert!(c.is_empty());
        assert!(c.add(Path::new("i18n/zh.toml")));
        assert!(c.templates && !c.statics && !c.config && c.content.is_empty());
        // Created, renamed or removed as a whole.
        let mut c = Changes::default();
        assert!(c.add(Path::new("i18n")));
        assert!(c.templates);
    }
}
