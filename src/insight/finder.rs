//! The policy finder: every policy, newest first, with the values it is filtered
//! by (level, state, incentive kinds, industries, regions), and the facets to
//! filter by with how many policies each value has.
//!
//! Filtering happens in the browser (`insight-finder.js`) with no server; without
//! JavaScript the page is the full list. The values here are codes and slugs; the
//! page words them.

use std::collections::BTreeMap;

use super::Catalog;
use crate::model::{IncentiveKind, KindData, PolicyLevel, Site, State};

/// One policy as the finder filters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The policy (index into `site.items`).
    pub item: usize,
    /// Its level.
    pub level: PolicyLevel,
    /// Its derived state (in force when it has none).
    pub state: State,
    /// Its incentive kinds, once each, in the content model's order.
    pub incentives: Vec<IncentiveKind>,
    /// Its industry slugs, once each, sorted.
    pub industries: Vec<String>,
    /// Its region slugs, once each, sorted.
    pub regions: Vec<String>,
}

/// What a facet filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetName {
    /// Policy levels.
    Level,
    /// Derived states of policies.
    State,
    /// Incentive kinds.
    Incentive,
    /// Industry slugs.
    Industry,
    /// Region slugs.
    Region,
}

impl FacetName {
    /// The facet's name in the page (`data-level`, `name="level"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FacetName::Level => "level",
            FacetName::State => "state",
            FacetName::Incentive => "incentive",
            FacetName::Industry => "industry",
            FacetName::Region => "region",
        }
    }
}

/// One value of a facet, and how many policies have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetOption {
    /// The code or slug.
    pub value: String,
    /// Policies with it.
    pub count: u64,
}

/// One facet: its values that some policy has. Enumerations keep the content
/// model's order; industries and regions go most used first, then by slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    /// What it filters by.
    pub name: FacetName,
    /// Its values.
    pub options: Vec<FacetOption>,
}

/// The finder: the policies, newest first (ties by slug), and the facets
/// (level, state, incentive, industry, region).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    /// Every policy.
    pub policies: Vec<Entry>,
    /// The facets, in that order.
    pub facets: Vec<Facet>,
}

/// Options of an enumerated facet, in the content model's order, left out when unused.
fn fixed_options<T: Copy>(
    values: &[T],
    counts: &BTreeMap<&str, u64>,
    key: impl Fn(T) -> &'static str,
) -> Vec<FacetOption> {
    values
        .iter()
        .filter_map(|&v| {
            counts.get(key(v)).map(|&count| FacetOption { value: key(v).to_owned(), count })
        })
        .collect()
}

/// Options of a taxonomy facet, most used first, then by slug.
fn term_options(counts: &BTreeMap<&str, u64>) -> Vec<FacetOption> {
    let mut options: Vec<FacetOption> = counts
        .iter()
        .map(|(&value, &count)| FacetOption { value: value.to_owned(), count })
        .collect();
    options.sort_by_key(|o| std::cmp::Reverse(o.count));
    options
}

fn sorted_unique(terms: &[String]) -> Vec<String> {
    let mut v: Vec<String> = terms.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// The finder of the site.
pub fn build(site: &Site, catalog: &Catalog<'_>) -> Finder {
    let mut order: Vec<usize> = catalog.policies.clone();
    // Newest first; catalog order (slug order) breaks ties.
    order.sort_by(|&a, &b| {
        let issued = |i: usize| match &site.items[i].data {
            KindData::Policy(p) => Some(p.issued),
            _ => None,
        };
        issued(b).cmp(&issued(a))
    });

    let mut policies = Vec::with_capacity(order.len());
    for i in order {
        let item = &site.items[i];
        let KindData::Policy(policy) = &item.data else { continue };
        let mut incentives: Vec<IncentiveKind> = policy.incentives.iter().map(|x| x.kind).collect();
        incentives.sort_unstable();
        incentives.dedup();
        policies.push(Entry {
            item: i,
            level: policy.level,
            state: item.state(site.today).unwrap_or(State::InForce),
            incentives,
            industries: sorted_unique(&item.industries),
            regions: sorted_unique(&item.regions),
        });
    }

    let mut levels: BTreeMap<&str, u64> = BTreeMap::new();
    let mut states: BTreeMap<&str, u64> = BTreeMap::new();
    let mut incentives: BTreeMap<&str, u64> = BTreeMap::new();
    let mut industries: BTreeMap<&str, u64> = BTreeMap::new();
    let mut regions: BTreeMap<&str, u64> = BTreeMap::new();
    for p in &policies {
        *levels.entry(p.level.as_str()).or_default() += 1;
        *states.entry(p.state.as_str()).or_default() += 1;
        for k in &p.incentives {
            *incentives.entry(k.as_str()).or_default() += 1;
        }
        for t in &p.industries {
            *industries.entry(t).or_default() += 1;
        }
        for t in &p.regions {
            *regions.entry(t).or_default() += 1;
        }
    }
    let facets = vec![
        Facet {
            name: FacetName::Level,
            options: fixed_options(PolicyLevel::VARIANTS, &levels, PolicyLevel::as_str),
        },
        Facet {
            name: FacetName::State,
            options: fixed_options(&State::OF_POLICIES, &states, State::as_str),
        },
        Facet {
            name: FacetName::Incentive,
            options: fixed_options(IncentiveKind::VARIANTS, &incentives, IncentiveKind::as_str),
        },
        Facet { name: FacetName::Industry, options: term_options(&industries) },
        Facet { name: FacetName::Region, options: term_options(&regions) },
    ];
    Finder { policies, facets }
}
