//! Which pages a content edit touches, so that `serve` renders only those again.
//!
//! A render leaves a [`RenderCache`]: the compiled theme, the set of output paths
//! that links were checked against, every body's Markdown rendering and the
//! taxonomy terms. When the next version of the site has the same items in the
//! same order (an edit, not a new, removed or renamed file) and the same set of
//! pages, [`Renderer::dirty_since`] compares the two versions and names every page
//! whose inputs may differ:
//!
//! - the changed items' own pages, and the pages of the items they name or that
//!   name them, in either version (partners, organisations, organisers, project
//!   teams, policies): those pages show each other's titles, states and backlinks;
//! - the pages of members and demands whose suggested partners or open demands
//!   (the insight contexts) changed, wherever the change came from;
//! - every item of a term whose label changed (a tag's label is its most used
//!   spelling, so one file can change it for all);
//! - the listings of the kinds, and the pages of the terms, of all of these items
//!   in either version (cards show titles, summaries, dates and organisation
//!   names; listing groups and order follow dates and states);
//! - the listing of a kind whose intro (`_index.md`) changed;
//! - and always the pages that sum up the site: home, 404, search, the taxonomy
//!   indexes and the insight pages.
//!
//! Anything else would be rendered to the same bytes. The preview's tests and
//! `tests/serve.rs` compare the result with a fresh build after series of edits.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use super::index::{Ix, SiteIndex};
use super::theme::Theme;
use super::{Body, Renderer};
use crate::content::parse::tag_slug;
use crate::insight::Insights;
use crate::model::{Item, Kind, KindData, Site};

/// What one render leaves for the next, made by [`Renderer::cache`].
#[derive(Clone)]
pub struct RenderCache {
    theme: Arc<Theme>,
    files: Arc<HashSet<String>>,
    bodies: Vec<Option<Arc<Body>>>,
    /// Per taxonomy: segment -> (label, items).
    terms: [BTreeMap<String, (String, Vec<Ix>)>; 3],
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("files", &self.files.len())
            .field("bodies", &self.bodies.iter().flatten().count())
            .finish()
    }
}

impl RenderCache {
    /// The compiled theme, to be used again while no template changed.
    pub fn theme(&self) -> Arc<Theme> {
        self.theme.clone()
    }
}

/// The pages to render again, besides those every render makes (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Item pages.
    pub items: BTreeSet<Ix>,
    /// Every page of these listings.
    pub listings: BTreeSet<Kind>,
    /// Every page of these terms, by taxonomy (industries, regions, tags).
    pub terms: [BTreeSet<String>; 3],
}

impl Dirty {
    /// How many item pages, listings and terms.
    pub fn len(&self) -> usize {
        self.items.len() + self.listings.len() + self.terms.iter().map(BTreeSet::len).sum::<usize>()
    }

    /// Whether nothing but the site-wide pages needs rendering.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The items `item` names: (kind, slug).
fn references(item: &Item) -> Vec<(Kind, &str)> {
    #[allow(clippy::ptr_arg)] // mapped over `&String` items
    fn member(s: &String) -> (Kind, &str) {
        (Kind::Members, s)
    }
    match &item.data {
        KindData::Case(c) => c
            .partners
            .iter()
            .map(member)
            .chain(c.policies.iter().map(|s| (Kind::Policies, s.as_str())))
            .collect(),
        KindData::Demand(d) => vec![(Kind::Members, d.organization.as_str())],
        KindData::Roadshow(r) => r
            .organizer
            .iter()
            .map(member)
            .chain(r.projects.iter().filter_map(|p| p.team.as_ref()).map(member))
            .collect(),
        KindData::Member(_) | KindData::Policy(_) | KindData::Page => Vec::new(),
    }
}

/// Per item, the items it names and the items that name it.
fn neighbours(site: &Site) -> Vec<Vec<Ix>> {
    let index: std::collections::HashMap<(Kind, &str), Ix> =
        site.items.iter().enumerate().map(|(i, it)| ((it.kind, it.slug.as_str()), i)).collect();
    let mut out = vec![Vec::new(); site.items.len()];
    for (i, item) in site.items.iter().enumerate() {
        for key in references(item) {
            if let Some(&j) = index.get(&key) {
                out[i].push(j);
                out[j].push(i);
            }
        }
    }
    out
}

/// The term segments of an item, per taxonomy, as the index files them.
fn segments(item: &Item) -> [Vec<String>; 3] {
    [
        item.industries.clone(),
        item.regions.clone(),
        item.tags.iter().map(|t| tag_slug(t)).filter(|s| !s.is_empty()).collect(),
    ]
}

fn terms_of(index: &SiteIndex<'_>) -> [BTreeMap<String, (String, Vec<Ix>)>; 3] {
    std::array::from_fn(|t| {
        index.taxonomies[t]
            .terms
            .iter()
            .map(|(seg, term)| (seg.clone(), (term.label.clone(), term.items.clone())))
            .collect()
    })
}

/// Whether two versions of an item render to the same body (Markdown, summary,
/// the folder its links are relative to).
fn same_body(a: &Item, b: &Item) -> bool {
    a.source == b.source
        && a.rel_url == b.rel_url
        && a.body == b.body
        && a.body_line_offset == b.body_line_offset
        && a.summary == b.summary
}

impl<'s> Renderer<'s> {
    /// What the next render of an edited version of this site can use again.
    pub fn cache(&self) -> RenderCache {
        RenderCache {
            theme: self.theme.clone(),
            files: Arc::new(self.links.files().clone()),
            bodies: self.bodies.iter().map(|b| b.get().cloned()).collect(),
            terms: terms_of(&self.index),
        }
    }

    /// A renderer for `site`, an edited version of `old`, using `cache` (made from
    /// `old`'s renderer): the same templates, and the bodies of unchanged items
    /// when the site has the same items and pages.
    pub fn with_cache(
        site: &'s Site,
        root: &std::path::Path,
        options: super::RenderOptions,
        insight: &'s Insights,
        cache: &RenderCache,
        old: &Site,
    ) -> Result<Self, Vec<crate::diagnostics::Diagnostic>> {
        let renderer = Self::with_theme(site, root, options, insight, cache.theme.clone())?;
        if renderer.same_pages(cache, old) {
            for (i, (cell, body)) in renderer.bodies.iter().zip(&cache.bodies).enumerate() {
                if let Some(body) = body
                    && same_body(&old.items[i], &site.items[i])
                {
                    let _ = cell.set(body.clone());
                }
            }
        }
        Ok(renderer)
    }

    /// Same items (kind, slug, source, URL) in the same order, same output paths,
    /// same date and base URL.
    fn same_pages(&self, cache: &RenderCache, old: &Site) -> bool {
        old.today == self.site.today
            && old.config.base_url == self.site.config.base_url
            && old.config.trust_html == self.site.config.trust_html
            && old.items.len() == self.site.items.len()
            && old.items.iter().zip(&self.site.items).all(|(a, b)| {
                a.kind == b.kind
                    && a.slug == b.slug
                    && a.source == b.source
                    && a.rel_url == b.rel_url
            })
            && *cache.files == *self.links.files()
    }

    /// The pages that may differ from those rendered for `old` (with `old_insight`),
    /// the site `cache` was made from; `None` when the edit changed which items or
    /// pages there are, and everything must be rendered.
    pub fn dirty_since(
        &self,
        cache: &RenderCache,
        old: &Site,
        old_insight: &Insights,
    ) -> Option<Dirty> {
        if !self.same_pages(cache, old) {
            return None;
        }
        let new = self.site;
        let changed: Vec<Ix> =
            (0..new.items.len()).filter(|&i| old.items[i] != new.items[i]).collect();
        let mut dirty = Dirty::default();
        for kind in Kind::SECTIONS {
            if old.intros.get(&kind) != new.intros.get(&kind) {
                dirty.listings.insert(kind);
            }
        }
        if !changed.is_empty() {
            let (old_n, new_n) = rayon::join(|| neighbours(old), || neighbours(new));
            for &i in &changed {
                dirty.items.insert(i);
                dirty.items.extend(old_n[i].iter().chain(&new_n[i]).copied());
            }
        }
        // Suggestions and partners come from the whole site: compare what each page shows.
        let (a, b) = (old_insight, self.insight);
        let moved: Vec<Ix> = {
            use rayon::prelude::*;
            (0..new.items.len())
                .into_par_iter()
                .filter(|&i| {
                    let slug = &new.items[i].slug;
                    match new.items[i].kind {
                        Kind::Demands => a.demand_context(slug) != b.demand_context(slug),
                        Kind::Members => a.member_context(slug) != b.member_context(slug),
                        _ => false,
                    }
                })
                .collect()
        };
        dirty.items.extend(moved);
        // A term whose label changed shows on every page of its items.
        let now = terms_of(&self.index);
        for (t, (before, after)) in cache.terms.iter().zip(&now).enumerate() {
            for (seg, (label, items)) in after {
                if before.get(seg).is_some_and(|(l, _)| l != label) {
                    dirty.items.extend(items.iter().copied());
                    dirty.items.extend(before[seg].1.iter().copied());
                    dirty.terms[t].insert(seg.clone());
                }
            }
        }
        for &i in &dirty.items {
            for item in [&old.items[i], &new.items[i]] {
                if item.kind != Kind::Pages {
                    dirty.listings.insert(item.kind);
                }
                for (t, segs) in segments(item).into_iter().enumerate() {
                    dirty.terms[t].extend(segs);
                }
            }
        }
        Some(dirty)
    }
}
