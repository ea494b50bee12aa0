//! Which files under `content/` are content, and what kind each one is. The only
//! place that knows the folder layout: kind by top-level folder, `_index.md`
//! intros, symbolic links refused. The names that are never content (dot and
//! underscore names, editor leftovers) are [`crate::source::is_ignored_name`]'s.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Problem, display_path};
use crate::model::Kind;
use crate::source::{Tree, is_ignored_name};

/// One Markdown file found under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// Absolute (or root-joined) path on disk.
    pub path: PathBuf,
    /// Site-relative path with `/` (`content/cases/2024/x.md`).
    pub rel: String,
    /// The kind, by top-level folder.
    pub kind: Kind,
    /// Path segments below `content/` without the `.md` (`["join", "how"]`).
    pub segments: Vec<String>,
    /// An `_index.md` intro of a kind's listing (top of the kind folder).
    pub is_intro: bool,
    /// The language of a translation (`x.en.md` -> `en`); the last segment is then
    /// the original's stem (`x`).
    pub lang: Option<String>,
}

impl ContentFile {
    /// The original's path of a translation (`content/cases/x.en.md` ->
    /// `content/cases/x.md`); the file's own path otherwise.
    pub(crate) fn original(&self) -> String {
        match &self.lang {
            Some(lang) => {
                let stem = self.rel.strip_suffix(".md").unwrap_or(&self.rel);
                let stem = stem.strip_suffix(&format!(".{lang}")).unwrap_or(stem);
                format!("{stem}.md")
            }
            None => self.rel.clone(),
        }
    }
}

/// The language of a file stem that names a translation (`x.en`, `_index.zh-Hant`):
/// the part after the last `.` when it reads as a language of a site
/// ([`crate::text::is_site_language`]). A stem such as `report.final` or
/// `setup.exe` is not a translation.
fn translation_lang(stem: &str) -> Option<(&str, &str)> {
    let (base, lang) = stem.rsplit_once('.')?;
    (crate::text::is_site_language(lang) && !base.is_empty()).then_some((base, lang))
}

/// Finds every content file under `ROOT/content`, in path order.
pub(crate) fn walk(root: &Path) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    if !content.is_dir() {
        return (files, diagnostics);
    }
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy(), Tree::Content)
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path =
                    e.path().map(|p| display_path(root, p)).unwrap_or_else(|| "content".into());
                diagnostics.push(Diagnostic::file(
                    path,
                    Problem::new(Code::E0702).arg("error", e.to_string()),
                ));
                continue;
            }
        };
        let rel = display_path(root, entry.path());
        if entry.path_is_symlink() {
            diagnostics.push(Diagnostic::file(rel, Problem::new(Code::E0703)));
            continue;
        }
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(below) = entry.path().strip_prefix(&content) else { continue };
        let mut segments: Vec<String> =
            below.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let mut lang = None;
        if let Some(last) = segments.last_mut() {
            last.truncate(last.len() - 3);
            if let Some((base, code)) = translation_lang(last) {
                lang = Some(code.to_owned());
                *last = base.to_owned();
            }
        }
        let kind = if segments.len() > 1 {
            Kind::from_folder(&segments[0]).unwrap_or(Kind::Pages)
        } else {
            Kind::Pages
        };
        let name = segments.last().cloned().unwrap_or_default();
        let is_intro = name == "_index";
        if is_intro && segments.len() > 2 {
            // Only the top of a kind folder (or content/) has an intro.
            continue;
        }
        files.push(ContentFile {
            path: entry.path().to_path_buf(),
            rel,
            kind,
            segments,
            is_intro,
            lang,
        });
    }
    (files, diagnostics)
}
