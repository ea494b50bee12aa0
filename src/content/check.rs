//! The rules that need more than one file: unique slugs within a kind, unique URLs
//! that are none of qiao's own ([`crate::urls`]),
//! references to members and policies that exist (with the nearest slugs when
//! not), and cover images that exist under `static/`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::parse::Reference;
use crate::diagnostics::{Diagnostic, Position, suggest};
use crate::model::{Item, Kind};
use crate::urls;

/// What the cross-file rules need of each parsed file, in the same order as `items`.
pub(crate) type Pending = (String, Option<Position>, Vec<Reference>);

/// Applies the cross-file rules.
pub(crate) fn cross_file(
    root: &Path,
    items: &[Item],
    pending: &[Pending],
    broken: &[(Kind, String)],
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
            diagnostics.push(Diagnostic::new(
                rel,
                slug_pos.unwrap_or(Position::START),
                format!(
                    "duplicate slug `{}` in {}: `{earlier}` already uses it; set a different `slug` or rename the file",
                    item.slug,
                    item.kind.folder()
                ),
            ));
            seen.insert((item.kind, item.slug.as_str()), earlier);
            continue;
        }
        if let Some(owner) = urls::owner(&item.rel_url) {
            diagnostics.push(Diagnostic::new(
                rel,
                slug_pos.unwrap_or(Position::START),
                format!(
                    "this page's URL /{} belongs to {}, which qiao writes itself; {}",
                    item.rel_url,
                    owner.describe(),
                    if item.kind == Kind::Pages {
                        "rename the file or its folder"
                    } else {
                        "set a different `slug` or rename the file"
                    }
                ),
            ));
            continue;
        }
        if let Some(earlier) = urls.insert(item.rel_url.as_str(), rel) {
            diagnostics.push(Diagnostic::file(
                rel,
                format!("this page's URL /{} is already used by `{earlier}`", item.rel_url),
            ));
        }
    }
    // References, against published items (drafts count only when building drafts).
    let mut published: HashMap<Kind, HashSet<&str>> = HashMap::new();
    let mut draft_slugs: HashMap<Kind, HashMap<&str, &str>> = HashMap::new();
    for item in items {
        if drafts || !item.draft {
            published.entry(item.kind).or_default().insert(&item.slug);
        } else {
            draft_slugs.entry(item.kind).or_default().insert(&item.slug, &item.source);
        }
    }
    let empty = HashSet::new();
    for (rel, _, refs) in pending {
        for r in refs {
            let known = published.get(&r.target).unwrap_or(&empty);
            if known.contains(r.slug.as_str())
                || broken.iter().any(|(k, s)| *k == r.target && *s == r.slug)
            {
                continue;
            }
            let what = if r.target == Kind::Members { "member" } else { "policy" };
            let message = match draft_slugs.get(&r.target).and_then(|d| d.get(r.slug.as_str())) {
                Some(src) => format!(
                    "`{}` in `{}` is a draft (`{src}` has `draft = true`); publish it, or build with --drafts",
                    r.slug, r.field
                ),
                None => {
                    let mut near = suggest::did_you_mean(&r.slug, known.iter().copied());
                    if near.is_empty() {
                        near = format!(
                            "; add `content/{}/{}.md` or use an existing slug",
                            r.target.folder(),
                            r.slug
                        );
                    }
                    format!("unknown {what} `{}` in `{}`{near}", r.slug, r.field)
                }
            };
            diagnostics.push(Diagnostic::new(rel, r.position, message));
        }
    }
    // Cover images.
    for item in items {
        let Some(cover) = &item.cover else { continue };
        if cover.contains("://") || cover.starts_with("data:") {
            continue;
        }
        let clean = cover.trim_start_matches('/');
        let exists =
            !clean.split('/').any(|s| s == "..") && root.join("static").join(clean).is_file();
        if !exists {
            diagnostics.push(Diagnostic::file(
                &item.source,
                format!("`cover` image `{cover}` does not exist; put it under static/ (static{}{clean})", std::path::MAIN_SEPARATOR),
            ));
        }
    }
}
