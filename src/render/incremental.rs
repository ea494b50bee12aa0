//! Which pages a content edit touches, so that `serve` renders only those again.
//!
//! A render leaves a [`RenderCache`]: the compiled theme, the set of output paths
//! that links were checked against (the renderer's jobs and the other files, all
//! named by `crate::urls`), every body's Markdown rendering and the taxonomy terms. When the next version of the site has the same items in the
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
//! - the listing and term pages whose slice of items moved (order and groups
//!   follow dates and states) or shows the card of a changed item or of one that
//!   names it (cards show titles, summaries, dates and organisation names); every
//!   page of a term whose count or label changed, and of a listing whose intro
//!   (`_index.md`) changed;
//! - and always the pages that sum up the site: home, 404, search, the taxonomy
//!   indexes and the insight pages.
//!
//! Anything else would be rendered to the same bytes. `tests/testsuite/incremental.rs`
//! compares the result with a fresh build after every kind of edit (and fails when
//! any one of these rules is left out); the preview's tests and `tests/testsuite/serve.rs`
//! after series of edits, creations, renames and deletions.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use super::index::{Ix, Listing, SiteIndex};
use super::theme::Theme;
use super::{Body, PER_PAGE, Renderer, page_count};
use crate::insight::Insights;
use crate::model::{Item, Kind, KindData, Site};

/// What one render leaves for the next, made by [`Renderer::cache`].
#[derive(Clone)]
pub(crate) struct RenderCache {
    theme: Arc<Theme>,
    files: Arc<HashSet<String>>,
    bodies: Vec<Option<Arc<Body>>>,
    /// Per taxonomy: segment -> (label, items).
    terms: [BTreeMap<String, (String, Vec<Ix>)>; 3],
    /// The listings' entries.
    listings: BTreeMap<Kind, Listing>,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("files", &self.files.len())
            .field("bodies", &self.bodies.iter().flatten().count())
            .finish()
    }
}

/// The pages to render again, besides those every render makes (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Item pages.
    pub(crate) items: BTreeSet<Ix>,
    /// Listing pages: (kind, page number from 1).
    pub(crate) listing_pages: BTreeSet<(Kind, usize)>,
    /// Term pages by taxonomy (industries, regions, tags): segment -> page numbers from 1.
    pub(crate) term_pages: [BTreeMap<String, BTreeSet<usize>>; 3],
    /// The kinds of the items whose cards may differ: their feeds and exports
    /// may too (see [`crate::outputs::of_kinds`]).
    pub(crate) kinds: BTreeSet<Kind>,
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
        KindData::Member(_) | KindData::Policy(_) | KindData::Page | KindData::Entry(_) => {
            Vec::new()
        }
    }
}

/// Per item, the items it names and the items that name it. `index` finds items
/// by (kind, slug); the old and new site of an edit share it, as their items are
/// the same in the same order.
fn neighbours(site: &Site, index: &SiteIndex<'_>) -> Vec<Vec<Ix>> {
    let mut out = vec![Vec::new(); site.items.len()];
    for (i, item) in site.items.iter().enumerate() {
        for (kind, slug) in references(item) {
            if let Some(j) = index.find(kind, slug) {
                out[i].push(j);
                out[j].push(i);
            }
        }
    }
    out
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

/// The pages (from 1) of a paginated list whose slice differs between `before` and
/// `after` or holds an entry that `shows_changed`; all of them when `all` or when
/// the length changed.
fn changed_pages<T: PartialEq>(
    before: &[T],
    after: &[T],
    all: bool,
    per_page: usize,
    shows_changed: impl Fn(&T) -> bool,
) -> Vec<usize> {
    let n = page_count(after.len(), per_page);
    if all || before.len() != after.len() {
        return (1..=n).collect();
    }
    (1..=n)
        .filter(|p| {
            let range = (p - 1) * per_page..(p * per_page).min(after.len());
            before[range.clone()] != after[range.clone()] || after[range].iter().any(&shows_changed)
        })
        .collect()
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
    pub(crate) fn cache(&self) -> RenderCache {
        RenderCache {
            theme: self.theme.clone(),
            files: Arc::new(self.links.files().clone()),
            bodies: self.bodies.iter().map(|b| b.get().cloned()).collect(),
            terms: terms_of(&self.index),
            listings: self.index.listings.clone(),
        }
    }

    /// A renderer for `site`, an edited version of `old`, using `cache` (made from
    /// `old`'s renderer): the same templates, and the bodies of unchanged items
    /// when the site has the same items and pages.
    pub(crate) fn with_cache(
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
    pub(crate) fn dirty_since(
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
        // Items whose cards (on listings, term pages, the home page) may differ:
        // the changed ones and those that show their names.
        let mut cards: BTreeSet<Ix> = BTreeSet::new();
        if !changed.is_empty() {
            let (old_n, new_n) =
                rayon::join(|| neighbours(old, &self.index), || neighbours(new, &self.index));
            for &i in &changed {
                cards.insert(i);
                cards.extend(old_n[i].iter().chain(&new_n[i]).copied());
            }
        }
        // Suggestions and partners come from the whole site: compare what each page
        // shows of them, and whether an item it shows changed.
        let (a, b) = (old_insight, self.insight);
        let changed_set: HashSet<Ix> = changed.iter().copied().collect();
        let moved: Vec<Ix> = {
            use rayon::prelude::*;
            (0..new.items.len())
                .into_par_iter()
                .filter(|&i| super::insight::page_differs(a, b, i, &|j| changed_set.contains(&j)))
                .collect()
        };
        let mut dirty = Dirty { items: moved.into_iter().collect(), ..Dirty::default() };
        // A term whose label changed shows on every page of its items, and on its own.
        let mut relabelled: [BTreeSet<&str>; 3] = Default::default();
        for (t, (before, tax)) in cache.terms.iter().zip(&self.index.taxonomies).enumerate() {
            for (seg, term) in &tax.terms {
                if let Some((old_label, old_items)) = before.get(seg)
                    && *old_label != term.label
                {
                    cards.extend(term.items.iter().chain(old_items).copied());
                    relabelled[t].insert(seg);
                }
            }
        }
        dirty.items.extend(cards.iter().copied());
        for &i in &cards {
            dirty.kinds.extend([old.items[i].kind, new.items[i].kind]);
        }
        // A listing or term page shows a slice of its items: render it again when
        // the slice moved (or its group headings did) or shows a changed card, and
        // every page when the count (in the pagination) or the heading changed.
        for kind in Kind::SECTIONS {
            let before = cache.listings.get(&kind).map_or(&[][..], |l| l.entries.as_slice());
            let after = self.index.listings.get(&kind).map_or(&[][..], |l| l.entries.as_slice());
            let intro = old.intros.get(&kind) != new.intros.get(&kind);
            let per_page = super::per_page(new, kind);
            for p in changed_pages(before, after, intro, per_page, |e| cards.contains(&e.1)) {
                dirty.listing_pages.insert((kind, p));
            }
        }
        for (t, tax) in self.index.taxonomies.iter().enumerate() {
            for (seg, term) in &tax.terms {
                let before = cache.terms[t].get(seg).map_or(&[][..], |(_, items)| items);
                let relabelled = relabelled[t].contains(seg.as_str());
                let pages =
                    changed_pages(before, &term.items, relabelled, PER_PAGE, |i| cards.contains(i));
                if !pages.is_empty() {
                    dirty.term_pages[t].insert(seg.clone(), pages.into_iter().collect());
                }
            }
        }
        Some(dirty)
    }
}
