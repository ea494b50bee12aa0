//! The rules that need more than one file: unique slugs within a kind, unique URLs
//! that are none of qiao's own ([`crate::urls`]),
//! references to members and policies that exist (with the nearest slugs when
//! not, or the slug of the member whose title was written), and cover and logo
//! images that exist under `static/` and can be published ([`crate::images`]:
//! each is opened once, in parallel, and its small copies cached; a broken one is
//! an error at the value that names it).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::parse::{Reference, Target};
use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Message, Position, Problem, Suggestion, suggest};
use crate::images;
use crate::model::{Item, Kind};
use crate::source::keyboard;
use crate::urls::{self, Owner};

/// What the cross-file rules need of each parsed file, in the same order as `items`.
pub(crate) type Pending = (String, Option<Position>, Vec<Reference>);

/// The files that did not become items, their own errors stopping them.
#[derive(Debug, Default)]
pub(crate) struct Stranded {
    /// Their kinds and slugs: references to them are not reported again (their own
    /// messages say what to fix).
    pub(crate) slugs: Vec<(Kind, String)>,
    /// Their own references, by file: still checked, so that one run reports every
    /// error of a file.
    pub(crate) references: Vec<(String, Vec<Reference>)>,
}

/// Applies the cross-file rules.
pub(crate) fn cross_file(
    root: &Path,
    items: &[Item],
    pending: &[Pending],
    stranded: &Stranded,
    sections: &[&str],
    drafts: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Duplicate slugs and URLs: reported on the later file in path order.
    let mut seen: HashMap<(Kind, &str), &str> = HashMap::new();
    let mut urls: HashMap<&str, &str> = HashMap::new();
    for (item, (rel, slug_pos, _)) in items.iter().zip(pending) {
        if item.kind != Kind::Pages
            && let Some(earlier) = seen.insert((item.kind, item.slug.as_str()), rel)
        {
            let problem = Problem::new(Code::E0303)
                .arg("slug", item.slug.as_str())
                .arg("folder", item.kind.folder())
                .arg("earlier", earlier.to_string());
            diagnostics.push(problem.at(rel, slug_pos.unwrap_or(Position::START)));
            seen.insert((item.kind, item.slug.as_str()), earlier);
            continue;
        }
        if let Some(owner) = urls::section_owner(&item.rel_url, sections.iter().copied()) {
            let problem = Problem::new(Code::E0304)
                .arg("url", item.rel_url.as_str())
                .arg("owner", owner_words(owner))
                .arg("page", if item.kind == Kind::Pages { "yes" } else { "no" });
            diagnostics.push(problem.at(rel, slug_pos.unwrap_or(Position::START)));
            continue;
        }
        if let Some(earlier) = urls.insert(item.rel_url.as_str(), rel) {
            let problem =
                Problem::new(Code::E0305).arg("url", item.rel_url.as_str()).arg("earlier", earlier);
            diagnostics.push(Diagnostic::file(rel, problem));
        }
    }
    aliases(items, pending, diagnostics);
    // References, against published items (drafts count only when building drafts).
    let mut published: HashMap<Kind, HashSet<&str>> = HashMap::new();
    let mut titles: HashMap<Kind, Vec<(&str, &str)>> = HashMap::new();
    let mut draft_slugs: HashMap<Kind, HashMap<&str, &str>> = HashMap::new();
    for item in items {
        if drafts || !item.draft {
            published.entry(item.kind).or_default().insert(&item.slug);
            titles.entry(item.kind).or_default().push((item.title.as_str(), item.slug.as_str()));
        } else {
            draft_slugs.entry(item.kind).or_default().insert(&item.slug, &item.source);
        }
    }
    let empty = HashSet::new();
    let mut images: Vec<(&str, &Reference)> = Vec::new();
    // A stranded file's value that its own errors already name (a cover written as
    // a Windows path) is not reported twice.
    let said: HashSet<(&str, Position)> = diagnostics
        .iter()
        .filter(|d| stranded.references.iter().any(|(rel, _)| *rel == d.path))
        .map(|d| (d.path.as_str(), d.position))
        .collect();
    let stranded_refs = stranded.references.iter().map(|(rel, refs)| {
        (rel, refs.iter().filter(|r| !said.contains(&(rel.as_str(), r.position))).collect())
    });
    let pending = pending.iter().map(|(rel, _, refs)| (rel, refs.iter().collect::<Vec<_>>()));
    for (rel, refs) in pending.chain(stranded_refs).collect::<Vec<_>>() {
        for r in refs {
            let kind = match r.target {
                Target::Item(kind) => kind,
                Target::Static => {
                    match cover(root, rel, r) {
                        Some(d) => diagnostics.push(d),
                        None if is_local_image(&r.slug) => images.push((rel, r)),
                        None => {}
                    }
                    continue;
                }
                Target::Alias => continue,
            };
            let known = published.get(&kind).unwrap_or(&empty);
            if known.contains(r.slug.as_str())
                || stranded.slugs.iter().any(|(k, s)| *k == kind && *s == r.slug)
            {
                continue;
            }
            let mut fix = None;
            let problem = match draft_slugs.get(&kind).and_then(|d| d.get(r.slug.as_str())) {
                Some(src) => Problem::new(Code::E0302)
                    .arg("slug", r.slug.as_str())
                    .arg("field", r.field.as_str())
                    .arg("source", *src),
                None => {
                    let titled = titles.get(&kind).map(Vec::as_slice).unwrap_or_default();
                    let help = match by_title(&r.slug, titled) {
                        Some((slug, title)) => {
                            fix = Some(slug.to_owned());
                            Message::new("did-you-mean-titled")
                                .arg("slug", slug)
                                .arg("title", title)
                        }
                        None => suggest::did_you_mean(&r.slug, known.iter().copied())
                            .unwrap_or_else(|| {
                                Message::new("help-add-file")
                                    .arg("folder", kind.folder())
                                    .arg("slug", r.slug.as_str())
                            }),
                    };
                    Problem::new(Code::E0301)
                        .arg("what", if kind == Kind::Members { "member" } else { "policy" })
                        .arg("slug", r.slug.as_str())
                        .arg("field", r.field.as_str())
                        .help(help)
                }
            };
            let mut d = problem.at(rel, r.position);
            d.end = r.end;
            if let (Some(text), Some(end)) = (fix, r.end) {
                d.suggestion = Some(Box::new(Suggestion {
                    start: r.position,
                    end,
                    text: format!("\"{text}\""),
                }));
            }
            diagnostics.push(d);
        }
    }
    check_images(root, &images, diagnostics);
}

/// Whether a cover or logo is a file of `static/` that [`crate::images`] makes
/// copies of (not a URL, not an SVG).
fn is_local_image(value: &str) -> bool {
    !value.contains("://") && !value.starts_with("data:") && images::is_processed(value)
}

/// Opens every named image (each once, in parallel) and reports those that cannot
/// be published at each value that names them.
fn check_images(root: &Path, named: &[(&str, &Reference)], diagnostics: &mut Vec<Diagnostic>) {
    let store = images::Images::new(root, &[]);
    let mut paths: Vec<&str> = named.iter().map(|(_, r)| r.slug.trim_start_matches('/')).collect();
    paths.sort_unstable();
    paths.dedup();
    let failed: HashMap<&str, images::ImageError> =
        paths.par_iter().filter_map(|p| store.check(p).err().map(|e| (*p, e))).collect();
    // What it found, for the renderer's store to look up in one read.
    store.save();
    for (rel, r) in named {
        if let Some(e) = failed.get(r.slug.trim_start_matches('/')) {
            let mut d = e.problem(&r.field, &r.slug).at(*rel, r.position);
            d.end = r.end;
            diagnostics.push(d);
        }
    }
}

/// Aliases that collide, each reported at its value: with one of qiao's own
/// paths, with the URL of a page of the site, or with an alias of an earlier
/// file (or earlier in the same file).
fn aliases(items: &[Item], pending: &[Pending], diagnostics: &mut Vec<Diagnostic>) {
    let pages: HashMap<&str, &str> =
        items.iter().map(|i| (i.rel_url.as_str(), i.source.as_str())).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (rel, _, refs) in pending {
        for r in refs.iter().filter(|r| r.target == Target::Alias) {
            let alias = format!("/{}", r.slug);
            let problem = if let Some(owner) = urls::owner(&r.slug) {
                Problem::new(Code::E0321).arg("alias", alias).arg("owner", owner_words(owner))
            } else if let Some(page) = pages.get(r.slug.as_str()) {
                Problem::new(Code::E0322).arg("alias", alias).arg("source", *page)
            } else if let Some(earlier) = seen.insert(&r.slug, rel) {
                seen.insert(&r.slug, earlier);
                Problem::new(Code::E0323).arg("alias", alias).arg("earlier", earlier)
            } else {
                continue;
            };
            let mut d = problem.at(rel, r.position);
            d.end = r.end;
            diagnostics.push(d);
        }
    }
}

/// The member (or policy) whose title was written where its slug belongs: the
/// same title, or the nearest one.
fn by_title<'a>(written: &str, titles: &[(&'a str, &'a str)]) -> Option<(&'a str, &'a str)> {
    let written = written.trim();
    if let Some((title, slug)) = titles.iter().find(|(t, _)| t.trim() == written) {
        return Some((slug, title));
    }
    // A near title, for a title written from memory (`示例职院`, `示例职业技术学校`);
    // only for text that is no slug, so `m0042` still gets the nearest slugs.
    if crate::text::is_slug(written) && written.is_ascii() {
        return None;
    }
    let near = suggest::nearest(written, titles.iter().map(|(t, _)| *t));
    let title = near.first()?;
    titles.iter().find(|(t, _)| t == title).map(|(t, s)| (*s, *t))
}

/// The words for one of qiao's own outputs.
fn owner_words(owner: Owner) -> Message {
    match owner {
        Owner::Home => Message::new("owner-home"),
        Owner::Listing(kind) => Message::new("owner-listing").arg("kind", kind.folder()),
        Owner::Feed(None) => Message::new("owner-site-feed"),
        Owner::Feed(Some(kind)) => Message::new("owner-feed").arg("kind", kind.folder()),
        Owner::Export(kind) => Message::new("owner-export").arg("kind", kind.folder()),
        Owner::Calendar => Message::new("owner-calendar"),
        Owner::Matches => Message::new("owner-matches"),
        Owner::Search => Message::new("owner-search"),
        Owner::Taxonomy(t) => Message::new("owner-taxonomy").arg("taxonomy", t),
        Owner::Network => Message::new("owner-network"),
        Owner::Stats => Message::new("owner-stats"),
        Owner::PolicyFinder => Message::new("owner-finder"),
        Owner::ThemeFiles => Message::new("owner-theme"),
        Owner::SiteFile(name) => Message::new("owner-site-file").arg("name", name),
        #[allow(unreachable_patterns)]
        Owner::Section => Message::new("owner-section"),
        other => Message::new("owner-other").arg("what", other.describe()),
    }
}

/// A cover image: a path on the editor's computer, a path that starts with
/// `static/`, or a file that is not under `static/`; reported at the value.
fn cover(root: &Path, rel: &str, r: &Reference) -> Option<Diagnostic> {
    let cover = r.slug.as_str();
    if cover.contains("://") || cover.starts_with("data:") {
        return None;
    }
    let at = |problem: Problem, fix: Option<String>| {
        let mut d = problem.at(rel, r.position);
        d.end = r.end;
        if let (Some(text), Some(end)) = (fix, r.end) {
            d.suggestion =
                Some(Box::new(Suggestion { start: r.position, end, text: format!("\"{text}\"") }));
        }
        d
    };
    if keyboard::looks_like_windows_path(cover) || cover.starts_with("file:") {
        let image = keyboard::suggested_image(cover);
        let problem = Problem::new(Code::E0307)
            .arg("field", r.field.as_str())
            .arg("value", cover)
            .arg("image", image.as_str());
        return Some(at(problem, Some(image)));
    }
    let clean = cover.trim_start_matches('/');
    let static_dir = root.join("static");
    let exists = |p: &str| !p.split('/').any(|s| s == "..") && static_dir.join(p).is_file();
    if exists(clean) {
        return None;
    }
    if let Some(inside) = clean.strip_prefix("static/") {
        let fixed = format!("/{inside}");
        let problem = Problem::new(Code::E0308)
            .arg("field", r.field.as_str())
            .arg("value", cover)
            .arg("fixed", fixed.as_str())
            .arg("exists", if exists(inside) { "yes" } else { "no" });
        return Some(at(problem, Some(fixed)));
    }
    let problem = Problem::new(Code::E0306)
        .arg("field", r.field.as_str())
        .arg("value", cover)
        .arg("path", format!("static/{clean}"));
    Some(at(problem, None))
}
