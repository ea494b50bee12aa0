//! Page URLs that vanished since the last build into the same output folder: a
//! link shared in a WeChat group or printed on a poster must not die because an
//! editor renamed a file. Each is a warning (W0330), or an error under `--strict`
//! (E0324, and nothing is written), naming the URL and, when the page looks
//! renamed, the file to give `aliases = ["/old/"]` to.
//!
//! How the build knows the last build's URLs: from the previous output tree
//! itself, every `*.html` file in it read back as its page URL (`urls::page_url`).
//! The tree is the truth of what visitors could reach (a sitemap leaves out the
//! search page, pages 2.. and redirect pages, and moves with `base_url`), works
//! with an output written by any earlier version of qiao, and needs no manifest
//! file that a host would publish. The new build's URLs are the HTML files it
//! handed to the staging folder, redirect pages of aliases included: an alias
//! covers its old URL. Only `index.html` and other `.html` files count; feeds,
//! calendars and JSON files are not pages.
//!
//! "Renamed" is decided from the HTML of both builds, with the same reading on
//! both sides: a vanished page whose `<title>`, or whose text from the theme's
//! `class="prose` block to the end of its `<article>` (the body and its terms),
//! is that of a page that is new in this build, names that page's source file.
//!
//! What it is not: writing or swapping the output (`build::write`), or the
//! redirect pages themselves (`outputs::redirects`).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Problem};
use crate::model::Site;
use crate::urls;

/// The page URLs of the HTML files under `dir` (the previous build), or none when
/// there is no such folder. The images' folder (thousands of variants, no page)
/// is not walked.
pub(crate) fn previous_pages(dir: &Path) -> BTreeSet<String> {
    let images = urls::IMAGES.trim_end_matches('/');
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == images))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            rel.ends_with(".html").then(|| urls::page_url(&rel).to_owned())
        })
        .collect()
}

/// What tells a renamed page: its `<title>` and its body's text.
#[derive(Default)]
struct Marks {
    title: Option<String>,
    body: Option<String>,
}

impl Marks {
    fn of(html: &str) -> Self {
        let between = |start: &str, end: &str| {
            let from = html.find(start)? + start.len();
            let len = html[from..].find(end)?;
            let text = html[from..from + len].trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        Marks {
            title: between("<title>", "</title>"),
            body: between("class=\"prose", "</article>"),
        }
    }
}

/// The diagnostics for every URL of `before` that `after` lacks, in URL order.
/// `old_file` and `new_file` read a page's HTML from the previous build and the
/// new one; `output` is the output folder as the user named it.
pub(crate) fn report(
    site: &Site,
    before: &BTreeSet<String>,
    after: &BTreeSet<String>,
    old_file: impl Fn(&str) -> Option<String>,
    new_file: impl Fn(&str) -> Option<String>,
    output: &Path,
    strict: bool,
) -> Vec<Diagnostic> {
    let gone: Vec<&String> = before.difference(after).collect();
    if gone.is_empty() {
        return Vec::new();
    }
    // The pages new in this build that are an item's, with what tells them.
    let sources: HashMap<&str, &str> =
        site.items.iter().map(|i| (i.rel_url.as_str(), i.source.as_str())).collect();
    let fresh: Vec<(&str, Marks)> = after
        .difference(before)
        .filter_map(|url| {
            let source = sources.get(url.as_str())?;
            let html = new_file(&page_path(url))?;
            Some((*source, Marks::of(&html)))
        })
        .collect();
    let code = if strict { Code::E0324 } else { Code::W0330 };
    gone.into_iter()
        .map(|url| {
            let file = page_path(url);
            let old = old_marks(site, &old_file, &file);
            let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
            let renamed = fresh
                .iter()
                .find(|(_, new)| same(&old.title, &new.title) || same(&old.body, &new.body))
                .map(|(source, _)| *source);
            let problem = Problem::new(code)
                .arg("url", format!("/{url}"))
                .arg("output", output.display().to_string())
                .arg("renamed", renamed.unwrap_or("none"));
            match renamed {
                Some(source) => Diagnostic::file(source, problem),
                None => Diagnostic::file(output.join(&file).display().to_string(), problem),
            }
        })
        .collect()
}

/// What tells the page of the previous build at `file`; for a redirect page
/// (an alias), the page it sent visitors to, so that a page renamed twice names
/// its new file for both old URLs.
fn old_marks(site: &Site, old_file: &impl Fn(&str) -> Option<String>, file: &str) -> Marks {
    let Some(html) = old_file(file) else { return Marks::default() };
    let target = html
        .split_once(REFRESH)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(link, _)| link.strip_prefix(site.config.base_path.as_str()).unwrap_or(link))
        .map(|url| quick_xml::escape::unescape(url).map_or(url.to_owned(), |u| u.into_owned()));
    match target.and_then(|url| old_file(&page_path(&url))) {
        Some(page) => Marks::of(&page),
        None => Marks::of(&html),
    }
}

/// How a redirect page (`outputs::redirects`) names its target.
const REFRESH: &str = "<meta http-equiv=\"refresh\" content=\"0; url=";

/// The HTML file of a page URL (`a/` -> `a/index.html`, `a.html` -> itself).
fn page_path(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') { urls::page_file(url) } else { url.to_owned() }
}
