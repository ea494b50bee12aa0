//! The policy finder: every policy with its level, state, incentive kinds,
//! industries and regions as `data-` attributes, and the facets to filter them by.
//!
//! Filtering happens in the browser (`insight-finder.js`) with no server; without
//! JavaScript the page is the full list. Also here: which cases used a policy,
//! the reverse of a case's `policies` field.

use std::collections::{BTreeMap, HashMap};

use super::views::{
    self, Coded, FINDER_EN, FINDER_ZH, Facet, FacetOption, FinderData, FinderPage, FinderPolicy,
    Term,
};
use super::{Catalog, labels};
use crate::model::{IncentiveKind, KindData, PolicyLevel, Site, State};

/// The cases that used each policy (policy slug → case item indices), newest first.
pub fn cases_by_policy(site: &Site, catalog: &Catalog<'_>) -> HashMap<String, Vec<usize>> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &catalog.cases {
        let KindData::Case(case) = &site.items[i].data else { continue };
        let mut used: Vec<&str> = case.policies.iter().map(String::as_str).collect();
        used.sort_unstable();
        used.dedup();
        for slug in used {
            map.entry(slug.to_owned()).or_default().push(i);
        }
    }
    for list in map.values_mut() {
        // Catalog order is slug order, so the stable sort leaves ties by slug.
        list.sort_by(|&a, &b| site.items[b].date.sort_key().cmp(&site.items[a].date.sort_key()));
    }
    map
}

/// Options of an enumerated facet, in the content model's order, left out when unused.
fn fixed_options<T: Copy>(
    values: &[T],
    counts: &BTreeMap<&str, u64>,
    key: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<FacetOption<'static>> {
    values
        .iter()
        .filter_map(|&v| {
            counts.get(key(v)).map(|&count| FacetOption {
                value: key(v),
                label: label(v).to_owned(),
                count,
            })
        })
        .collect()
}

/// Options of a taxonomy facet, most used first, then by slug.
fn term_options<'a>(
    counts: &BTreeMap<&'a str, u64>,
    label: impl Fn(&str) -> String,
) -> Vec<FacetOption<'a>> {
    let mut options: Vec<FacetOption<'a>> = counts
        .iter()
        .map(|(&value, &count)| FacetOption { value, label: label(value), count })
        .collect();
    options.sort_by_key(|o| std::cmp::Reverse(o.count));
    options
}

fn sorted_unique<'a>(terms: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = terms.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The context of `policies/finder/index.html` (under the `insight` key).
pub fn page<'s>(site: &'s Site, catalog: &Catalog<'s>, zh: bool) -> FinderPage<'s> {
    let config = &site.config;
    let mut order: Vec<usize> = catalog.policies.clone();
    // Newest first; catalog order (slug order) breaks ties.
    order.sort_by(|&a, &b| {
        let issued = |i: usize| match &site.items[i].data {
            KindData::Policy(p) => Some(p.issued),
            _ => None,
        };
        issued(b).cmp(&issued(a))
    });

    let mut levels: BTreeMap<&str, u64> = BTreeMap::new();
    let mut states: BTreeMap<&str, u64> = BTreeMap::new();
    let mut incentives: BTreeMap<&str, u64> = BTreeMap::new();
    let mut industries: BTreeMap<&'s str, u64> = BTreeMap::new();
    let mut regions: BTreeMap<&'s str, u64> = BTreeMap::new();
    let mut policies = Vec::with_capacity(order.len());
    for i in order {
        let item = &site.items[i];
        let KindData::Policy(policy) = &item.data else { continue };
        let state = item.state(site.today).unwrap_or(State::InForce);
        let mut kinds: Vec<IncentiveKind> = policy.incentives.iter().map(|x| x.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let inds = sorted_unique(item.industries.iter().map(String::as_str));
        let regs = sorted_unique(item.regions.iter().map(String::as_str));
        *levels.entry(policy.level.as_str()).or_default() += 1;
        *states.entry(state.as_str()).or_default() += 1;
        for k in &kinds {
            *incentives.entry(k.as_str()).or_default() += 1;
        }
        for t in &inds {
            *industries.entry(t).or_default() += 1;
        }
        for t in &regs {
            *regions.entry(t).or_default() += 1;
        }
        let kind_codes: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        policies.push(FinderPolicy {
            slug: &item.slug,
            title: &item.title,
            url: config.link(&item.rel_url),
            level: policy.level.as_str(),
            level_label: labels::level(policy.level, zh),
            state: state.as_str(),
            state_label: labels::policy_state(state, zh),
            issued: policy.issued.to_string(),
            issuer: policy.issuer.join(if zh { "、" } else { ", " }),
            doc_number: policy.doc_number.as_deref(),
            incentives: kinds
                .iter()
                .map(|&k| Coded { kind: k.as_str(), label: labels::incentive(k, zh) })
                .collect(),
            industries: inds
                .iter()
                .map(|&t| Term { slug: t, label: labels::industry(config, t) })
                .collect(),
            regions: regs
                .iter()
                .map(|&t| Term { slug: t, label: labels::region(config, t) })
                .collect(),
            data: FinderData {
                level: policy.level.as_str(),
                state: state.as_str(),
                incentive: kind_codes.join(" "),
                industry: inds.join(" "),
                region: regs.join(" "),
            },
        });
    }

    let pick = |c: &'static str, e: &'static str| labels::pick(zh, c, e);
    let facets = vec![
        Facet {
            name: "level",
            label: pick("层级", "Level"),
            options: fixed_options(PolicyLevel::VARIANTS, &levels, PolicyLevel::as_str, |l| {
                labels::level(l, zh)
            }),
        },
        Facet {
            name: "state",
            label: pick("状态", "Status"),
            options: fixed_options(&State::OF_POLICIES, &states, State::as_str, |s| {
                labels::policy_state(s, zh)
            }),
        },
        Facet {
            name: "incentive",
            label: pick("激励类型", "Incentive"),
            options: fixed_options(
                IncentiveKind::VARIANTS,
                &incentives,
                IncentiveKind::as_str,
                |k| labels::incentive(k, zh),
            ),
        },
        Facet {
            name: "industry",
            label: pick("行业", "Industry"),
            options: term_options(&industries, |t| labels::industry(config, t)),
        },
        Facet {
            name: "region",
            label: pick("地区", "Region"),
            options: term_options(&regions, |t| labels::region(config, t)),
        },
    ];

    FinderPage {
        title: pick("政策查找", "Policy finder"),
        rel_url: "policies/finder/",
        total: policies.len(),
        facets,
        policies,
        labels: views::pick(zh, &FINDER_ZH, &FINDER_EN),
    }
}
