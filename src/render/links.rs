//! Link targets in Markdown, checked against the built site.
//!
//! A target with a scheme (`https:`, `mailto:`), a protocol-relative `//host`
//! target and a bare `#fragment` are left alone. A `.md` target names a content
//! file (relative to the file that links, or from `content/` when it starts with
//! `/`) and becomes that page's URL. Any other target must be a page or file of the
//! built site (relative to the page, or from the site root when it starts with
//! `/`); root paths get the site's base path. Everything else is broken, with the
//! reason.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::index::Ix;
use super::markdown::Links;
use super::picture::{Slot, picture};
use crate::diagnostics::{Code, Message, Problem, suggest};
use crate::images::{self, Images};
use crate::model::{Kind, Site};
use crate::urls;

/// The resolver of one build.
pub(crate) struct SiteLinks<'s> {
    site: &'s Site,
    /// Source path (`content/cases/x.md`) to item.
    by_source: HashMap<&'s str, Ix>,
    root: PathBuf,
    /// Every output path of the built site (`cases/x/index.html`, `css/style.css`).
    files: HashSet<String>,
    /// The images Markdown bodies show.
    images: Arc<Images>,
    /// The paths of the theme's and the site's static files, which every
    /// language tree shares.
    statics: HashSet<String>,
}

impl<'s> SiteLinks<'s> {
    /// A resolver over `files`, the paths the build will write.
    pub(crate) fn new(
        site: &'s Site,
        by_source: HashMap<&'s str, Ix>,
        root: &Path,
        files: HashSet<String>,
        images: Arc<Images>,
        statics: HashSet<String>,
    ) -> Self {
        Self { site, by_source, root: root.to_path_buf(), files, images, statics }
    }

    /// Every output path links are checked against.
    pub(crate) fn files(&self) -> &HashSet<String> {
        &self.files
    }

    /// Whether the built site has a file or page at `path` (no leading `/`).
    pub(crate) fn exists(&self, path: &str) -> bool {
        if path.is_empty() || path.ends_with('/') {
            return self.files.contains(&urls::page_file(path));
        }
        self.files.contains(path) || self.files.contains(&urls::page_file(&format!("{path}/")))
    }

    fn content_link(
        &self,
        source: &str,
        path: &str,
        rest: &str,
        dest: &str,
    ) -> Result<Option<String>, Problem> {
        let target = if let Some(abs) = path.strip_prefix('/') {
            normalize("content", abs)
        } else {
            let dir = source.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
            normalize(dir, path)
        };
        let Some(target) = target.filter(|t| t.starts_with("content/")) else {
            return Err(Problem::new(Code::E0401).arg("link", dest));
        };
        if let Some(&i) = self.by_source.get(target.as_str()) {
            return Ok(Some(format!("{}{rest}", self.site.items[i].link(&self.site.config))));
        }
        // A translation of the site's own language's page (`about.en.md`).
        if let Some(t) = self.site.translations.iter().find(|t| t.source == target) {
            let page = format!("{}/{}", t.lang, t.original_url);
            return Ok(Some(format!("{}{rest}", self.site.config.root_link(&page))));
        }
        if let Some(folder) =
            target.strip_prefix("content/").and_then(|t| t.strip_suffix("/_index.md"))
            && let Some(kind) = Kind::from_folder(folder)
        {
            return Ok(Some(format!("{}{rest}", self.site.config.link(&urls::listing(kind)))));
        }
        if self.root.join(&target).is_file() {
            return Err(Problem::new(Code::E0402).arg("link", dest).arg("target", target));
        }
        let near = suggest::did_you_mean(&target, self.by_source.keys().copied());
        Err(Problem::new(Code::E0403).arg("link", dest).arg("target", target).help_opt(near))
    }
}

impl Links for SiteLinks<'_> {
    fn image(&self, page_dir: &str, dest: &str, alt: &str) -> Result<Option<String>, Problem> {
        self.picture_of(page_dir, dest, alt)
    }

    fn resolve(&self, source: &str, page_dir: &str, dest: &str) -> Result<Option<String>, Problem> {
        let dest_trim = dest.trim();
        if dest_trim.is_empty()
            || dest_trim.starts_with('#')
            || dest_trim.starts_with("//")
            || has_scheme(dest_trim)
        {
            return Ok(None);
        }
        let cut = dest_trim.find(['?', '#']).unwrap_or(dest_trim.len());
        let (raw_path, rest) = dest_trim.split_at(cut);
        if raw_path.is_empty() {
            return Ok(None);
        }
        let path = percent_decode(raw_path);
        if path.to_ascii_lowercase().ends_with(".md") {
            return self.content_link(source, &path, rest, dest_trim);
        }
        let target = match path.strip_prefix('/') {
            Some(abs) => normalize("", abs),
            None => normalize(page_dir.trim_end_matches('/'), &path),
        };
        let Some(target) = target else {
            return Err(Problem::new(Code::E0404).arg("link", dest_trim));
        };
        let target =
            if path.ends_with('/') && !target.is_empty() { format!("{target}/") } else { target };
        if !self.exists(&target) {
            let hint = if path.starts_with('/') {
                Message::new("help-static-root")
            } else {
                Message::new("help-relative-link").arg("page", page_dir)
            };
            let problem =
                Problem::new(Code::E0405).arg("link", dest_trim).arg("target", target).help(hint);
            return Err(problem);
        }
        if raw_path.starts_with('/') {
            // A file of `static/` or of the theme is at the site's root; a page is
            // in the page's language tree.
            let config = &self.site.config;
            let shared = self.statics.contains(target.as_str());
            let link = if shared { config.root_link(raw_path) } else { config.link(raw_path) };
            Ok(Some(format!("{link}{rest}")))
        } else if !self.site.config.tree.is_empty() && self.statics.contains(target.as_str()) {
            // Relative to a page of another language's folder, a shared file is
            // one folder further up than the editor counted: link it from the root.
            Ok(Some(format!("{}{rest}", self.site.config.root_link(&target))))
        } else {
            Ok(None)
        }
    }
}

impl SiteLinks<'_> {
    /// The `<picture>` of a Markdown image whose target (`dest`, already checked)
    /// is a JPEG, PNG or WebP of `static/`; `Ok(None)` for any other target.
    fn picture_of(&self, page_dir: &str, dest: &str, alt: &str) -> Result<Option<String>, Problem> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
            return Ok(None);
        }
        let path = percent_decode(&dest[..dest.find(['?', '#']).unwrap_or(dest.len())]);
        let target = match path.strip_prefix('/') {
            Some(abs) => normalize("", abs),
            None => normalize(page_dir.trim_end_matches('/'), &path),
        };
        let Some(target) = target.filter(|t| images::is_processed(t)) else { return Ok(None) };
        if !self.root.join("static").join(&target).is_file() {
            return Ok(None);
        }
        let image = self.images.get(&target).map_err(|e| e.problem("![]()", dest))?;
        Ok(Some(picture(&image, alt, Slot::Body, self.site.config.root_path())))
    }
}

/// `scheme:` per RFC 3986 (`https:`, `mailto:`, `tel:`).
fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

/// Joins `rel` to the folder `base` and resolves `.` and `..`; `None` above the root.
fn normalize(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            normalize("content/cases", "../members/a.md").as_deref(),
            Some("content/members/a.md")
        );
        assert_eq!(normalize("", "../x"), None);
        assert!(
            has_scheme("mailto:x@y")
                && has_scheme("https://a")
                && !has_scheme("/a:b")
                && !has_scheme("a/b")
        );
        assert_eq!(percent_decode("/tags/%E4%BA%A7/"), "/tags/产/");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
