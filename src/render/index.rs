//! Everything pages need to know about other items, computed once per build:
//! lookups by slug, URL and source path; every member's backlinks; the cases that
//! used each policy; the order and grouping of each listing; the taxonomy terms.
//! All of it is hash maps and sorted index lists (no page scans the whole site),
//! so a build of 10,000 items stays linear.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use crate::model::{Item, Kind, KindData, MemberType, Site, State};
use crate::text::tag_slug;
use crate::urls;

/// Items are referred to by their index in `site.items`.
pub(crate) type Ix = usize;

/// What refers to a member.
#[derive(Debug, Default, Clone)]
pub(crate) struct MemberLinks {
    /// Cases it is a partner of, newest first.
    pub(crate) cases: Vec<Ix>,
    /// Demands it released, latest deadline first.
    pub(crate) demands: Vec<Ix>,
    /// Roadshows it organised, latest first.
    pub(crate) roadshows: Vec<Ix>,
    /// Projects it pitched: (roadshow, project index), latest roadshow first.
    pub(crate) projects: Vec<(Ix, usize)>,
}

/// A listing: items in display order, each with its group.
#[derive(Debug, Default, Clone)]
pub(crate) struct Listing {
    /// (group key, item), in display order; consecutive items of a group form a section.
    pub(crate) entries: Vec<(&'static str, Ix)>,
}

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// URL segment (`intelligent-manufacturing`, `ai`, `产教融合`).
    pub(crate) segment: String,
    /// Label shown: from `[taxonomies]`, else the tag as most often written, else the slug.
    pub(crate) label: String,
    /// Items with the term, newest first.
    pub(crate) items: Vec<Ix>,
}

/// A taxonomy and its terms, by segment.
#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    /// `industries`, `regions` or `tags`.
    pub(crate) name: &'static str,
    /// Terms by URL segment.
    pub(crate) terms: BTreeMap<String, Term>,
}

/// The precomputed relations of a site.
#[derive(Debug)]
pub(crate) struct SiteIndex<'s> {
    /// (kind, slug) to item.
    pub(crate) by_key: HashMap<(Kind, &'s str), Ix>,
    /// Source path (`content/cases/x.md`) to item.
    pub(crate) by_source: HashMap<&'s str, Ix>,
    /// Page path (`cases/x/`) to item.
    pub(crate) by_url: HashMap<&'s str, Ix>,
    /// Backlinks of members.
    pub(crate) members: HashMap<Ix, MemberLinks>,
    /// Cases that used each policy, newest first.
    pub(crate) policy_cases: HashMap<Ix, Vec<Ix>>,
    /// Listing order per kind.
    pub(crate) listings: BTreeMap<Kind, Listing>,
    /// industries, regions, tags.
    pub(crate) taxonomies: [Taxonomy; 3],
    /// Each section's pages in listing order (as `site.sections`): [`section_order`].
    pub(crate) sections: Vec<Vec<Ix>>,
}

fn member_type_rank(t: MemberType) -> usize {
    MemberType::ALL.iter().position(|s| *s == t.as_str()).unwrap_or(usize::MAX)
}

impl<'s> SiteIndex<'s> {
    /// Computes everything for `site`.
    pub(crate) fn new(site: &'s Site) -> Self {
        let items = &site.items;
        let mut by_key = HashMap::with_capacity(items.len());
        let mut by_source = HashMap::with_capacity(items.len());
        let mut by_url = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            by_key.insert((item.kind, item.slug.as_str()), i);
            by_source.insert(item.source.as_str(), i);
            if let Some(original) = &item.original_source {
                by_source.insert(original.as_str(), i);
            }
            by_url.insert(item.rel_url.as_str(), i);
        }
        let member = |slug: &str| by_key.get(&(Kind::Members, slug)).copied();
        let mut members: HashMap<Ix, MemberLinks> = HashMap::new();
        let mut policy_cases: HashMap<Ix, Vec<Ix>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            match &item.data {
                KindData::Case(c) => {
                    for m in dedup(c.partners.iter().filter_map(|s| member(s))) {
                        members.entry(m).or_default().cases.push(i);
                    }
                    for p in dedup(
                        c.policies
                            .iter()
                            .filter_map(|s| by_key.get(&(Kind::Policies, s.as_str())).copied()),
                    ) {
                        policy_cases.entry(p).or_default().push(i);
                    }
                }
                KindData::Demand(d) => {
                    if let Some(m) = member(&d.organization) {
                        members.entry(m).or_default().demands.push(i);
                    }
                }
                KindData::Roadshow(r) => {
                    for m in dedup(r.organizer.iter().filter_map(|s| member(s))) {
                        members.entry(m).or_default().roadshows.push(i);
                    }
                    for (p, project) in r.projects.iter().enumerate() {
                        if let Some(m) = project.team.as_deref().and_then(member) {
                            members.entry(m).or_default().projects.push((i, p));
                        }
                    }
                }
                _ => {}
            }
        }
        let newest = |a: &Ix| Reverse(items[*a].date.sort_key());
        for links in members.values_mut() {
            links.cases.sort_by_key(|i| (newest(i), *i));
            links.demands.sort_by_key(|i| (Reverse(demand_deadline(&items[*i])), *i));
            links.roadshows.sort_by_key(|i| (Reverse(roadshow_start(&items[*i])), *i));
            links.projects.sort_by_key(|(i, p)| (Reverse(roadshow_start(&items[*i])), *i, *p));
        }
        for cases in policy_cases.values_mut() {
            cases.sort_by_key(|i| (newest(i), *i));
        }
        let listings = Kind::SECTIONS.into_iter().map(|k| (k, listing(site, k))).collect();
        let taxonomies = taxonomies(site);
        let sections = section_order(site);
        Self { by_key, by_source, by_url, members, policy_cases, listings, taxonomies, sections }
    }

    /// The item of `kind` with `slug`.
    pub(crate) fn find(&self, kind: Kind, slug: &str) -> Option<Ix> {
        self.by_key.get(&(kind, slug)).copied()
    }

    /// Items of a kind, newest first by `date`.
    pub(crate) fn newest(&self, site: &Site, kind: Kind) -> Vec<Ix> {
        let mut v: Vec<Ix> = (0..site.items.len())
            .filter(|&i| site.items[i].kind == kind && site.is_here(&site.items[i]))
            .collect();
        v.sort_by_key(|&i| (Reverse(site.items[i].date.sort_key()), i));
        v
    }
}

fn dedup(it: impl Iterator<Item = Ix>) -> Vec<Ix> {
    let mut v: Vec<Ix> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn demand_deadline(item: &Item) -> jiff::civil::Date {
    match &item.data {
        KindData::Demand(d) => d.deadline,
        _ => item.date.date(),
    }
}

fn roadshow_start(item: &Item) -> (jiff::civil::Date, jiff::civil::Time) {
    match &item.data {
        KindData::Roadshow(r) => (r.start.date(), r.start.time()),
        _ => item.date.sort_key(),
    }
}

/// Whether a roadshow belongs with the upcoming ones: not over yet (cancelled or
/// postponed ones by their date too, so a cancellation stays visible where people look).
pub(crate) fn roadshow_is_upcoming(item: &Item, today: jiff::civil::Date) -> bool {
    match &item.data {
        KindData::Roadshow(r) => r.end.as_ref().unwrap_or(&r.start).date() >= today,
        _ => false,
    }
}

/// The listing group of an item: its state for demands and policies, upcoming or
/// past for roadshows, its type for members, none for cases.
pub(crate) fn group_of(item: &Item, today: jiff::civil::Date) -> &'static str {
    match &item.data {
        KindData::Member(m) => m.member_type.as_str(),
        KindData::Roadshow(_) => {
            if roadshow_is_upcoming(item, today) {
                "upcoming"
            } else {
                "past"
            }
        }
        KindData::Demand(_) => item.state(today).map(State::as_str).unwrap_or(""),
        KindData::Policy(_) => match item.state(today) {
            Some(State::Upcoming) => "policy-upcoming",
            Some(State::Expired) => "policy-expired",
            Some(s) => s.as_str(),
            None => "",
        },
        _ => "",
    }
}

fn listing(site: &Site, kind: Kind) -> Listing {
    let today = site.today;
    let items = &site.items;
    let mut v: Vec<Ix> =
        (0..items.len()).filter(|&i| items[i].kind == kind && site.is_here(&items[i])).collect();
    match kind {
        Kind::Members => v.sort_by(|&a, &b| {
            let (ia, ib) = (&items[a], &items[b]);
            let ta = ia.as_member().map(|m| member_type_rank(m.member_type)).unwrap_or(usize::MAX);
            let tb = ib.as_member().map(|m| member_type_rank(m.member_type)).unwrap_or(usize::MAX);
            (ta, &ia.title, &ia.slug).cmp(&(tb, &ib.title, &ib.slug))
        }),
        Kind::Demands => {
            let rank = |s: Option<State>| match s {
                Some(State::Open) => 0,
                Some(State::InTalks) => 1,
                Some(State::Matched) => 2,
                Some(State::Expired) => 3,
                _ => 4,
            };
            v.sort_by_key(|&i| {
                let item = &items[i];
                let state = item.state(today);
                let deadline = demand_deadline(item);
                // Open demands soonest deadline first; the others latest first.
                if state == Some(State::Open) {
                    (rank(state), Some(deadline), None, i)
                } else {
                    (rank(state), None, Some(Reverse(deadline)), i)
                }
            })
        }
        Kind::Roadshows => v.sort_by_key(|&i| {
            let item = &items[i];
            let start = roadshow_start(item);
            if roadshow_is_upcoming(item, today) {
                (0, Some(start), None, i)
            } else {
                (1, None, Some(Reverse(start)), i)
            }
        }),
        Kind::Policies => {
            let rank = |s: Option<State>| match s {
                Some(State::InForce) => 0,
                Some(State::Upcoming) => 1,
                Some(State::Amended) => 2,
                Some(State::Expired) => 3,
                _ => 4,
            };
            v.sort_by_key(|&i| {
                let item = &items[i];
                let issued = match &item.data {
                    KindData::Policy(p) => p.issued,
                    _ => item.date.date(),
                };
                (rank(item.state(today)), Reverse(issued), Reverse(item.date.sort_key()), i)
            })
        }
        _ => v.sort_by_key(|&i| (Reverse(items[i].date.sort_key()), i)),
    }
    Listing { entries: v.into_iter().map(|i| (group_of(&items[i], today), i)).collect() }
}

fn taxonomies(site: &Site) -> [Taxonomy; 3] {
    let labels = &site.config.taxonomies;
    let mut out = urls::TAXONOMIES.map(|name| Taxonomy { name, terms: BTreeMap::new() });
    // Spellings of each tag segment, to show the one editors use most.
    let mut spellings: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for (i, item) in site.items.iter().enumerate().filter(|(_, item)| site.is_here(item)) {
        for (t, terms) in [&item.industries, &item.regions].into_iter().enumerate() {
            let mut seen: Vec<&str> = Vec::new();
            for term in terms {
                if seen.contains(&term.as_str()) {
                    continue;
                }
                seen.push(term);
                out[t]
                    .terms
                    .entry(term.clone())
                    .or_insert_with(|| Term {
                        segment: term.clone(),
                        label: if t == 0 { labels.industry(term) } else { labels.region(term) }
                            .to_owned(),
                        items: Vec::new(),
                    })
                    .items
                    .push(i);
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for tag in &item.tags {
            let segment = tag_slug(tag);
            if segment.is_empty() || seen.contains(&segment) {
                continue;
            }
            *spellings.entry(segment.clone()).or_default().entry(tag.as_str()).or_default() += 1;
            out[2]
                .terms
                .entry(segment.clone())
                .or_insert_with(|| Term {
                    segment: segment.clone(),
                    label: String::new(),
                    items: Vec::new(),
                })
                .items
                .push(i);
            seen.push(segment);
        }
    }
    for term in out[2].terms.values_mut() {
        term.label = labels.tags.get(&term.segment).cloned().unwrap_or_else(|| {
            // Most used spelling; ties go to the first in code point order.
            spellings
                .get(&term.segment)
                .and_then(|s| {
                    s.iter()
                        .max_by_key(|(spelling, n)| (**n, Reverse(**spelling)))
                        .map(|(s, _)| (*s).to_owned())
                })
                .unwrap_or_else(|| term.segment.clone())
        });
    }
    for tax in &mut out {
        for term in tax.terms.values_mut() {
            term.items.sort_by_key(|&i| (Reverse(site.items[i].date.sort_key()), i));
        }
    }
    out
}

/// Each section's pages (as `site.sections`) in the order its listing and home
/// page block show them: pinned ones first, then the others, each newest `date`
/// first (ties by source path, so the order never depends on the file system).
pub(crate) fn section_order(site: &Site) -> Vec<Vec<Ix>> {
    let mut out: Vec<Vec<Ix>> = vec![Vec::new(); site.sections.len()];
    for (i, item) in site.items.iter().enumerate().filter(|(_, item)| site.is_here(item)) {
        let at = item.section().and_then(|f| site.sections.iter().position(|s| s.folder == f));
        if let Some(s) = at {
            out[s].push(i);
        }
    }
    for list in &mut out {
        list.sort_by_key(|&i| {
            let item = &site.items[i];
            (!item.pinned(), Reverse(item.date.sort_key()), i)
        });
    }
    out
}
