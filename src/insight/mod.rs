//! Alliance intelligence: what a generic site generator cannot offer, computed
//! once per build from the Markdown so the site stays static.
//!
//! - **Demand docking** (`matching`): suggested partners on every open demand,
//!   the open demands a member could answer on its page, `demands/matches.json`.
//! - **Cooperation network** (`network`): partners on member pages, the graph
//!   at `/network/` drawn as SVG, `network/index.json`.
//! - **Statistics** (`stats`): bar charts and tables at `/stats/`,
//!   `stats/index.json`.
//! - **Policy finder** (`finder`): `/policies/finder/`, filtered in the browser,
//!   and the cases that used each policy.
//!
//! [`compute`] does all the work; the render stage then asks for contexts by slug
//! and for the extra pages and files. Nothing here writes files or formats HTML
//! apart from the SVG strings (which must therefore escape editor text
//! themselves, see `svg`). Output is deterministic: ties sort by slug.

mod finder;
mod labels;
mod matching;
mod network;
mod stats;
mod svg;
mod views;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Item, Kind, KindData, MemberType, Need, Site};
use crate::output::OutputFile;
use views::*;

/// The items of each kind, in slug order, and members by slug.
pub(crate) struct Catalog<'s> {
    members: Vec<usize>,
    cases: Vec<usize>,
    policies: Vec<usize>,
    demands: Vec<usize>,
    roadshows: Vec<usize>,
    member_positions: HashMap<&'s str, u32>,
}

impl<'s> Catalog<'s> {
    fn new(site: &'s Site) -> Self {
        let mut lists: [Vec<usize>; 5] = Default::default();
        for (i, item) in site.items.iter().enumerate() {
            let slot = match (&item.kind, &item.data) {
                (Kind::Members, KindData::Member(_)) => 0,
                (Kind::Cases, KindData::Case(_)) => 1,
                (Kind::Policies, KindData::Policy(_)) => 2,
                (Kind::Demands, KindData::Demand(_)) => 3,
                (Kind::Roadshows, KindData::Roadshow(_)) => 4,
                _ => continue,
            };
            lists[slot].push(i);
        }
        for list in &mut lists {
            list.sort_by(|&a, &b| site.items[a].slug.cmp(&site.items[b].slug));
        }
        let [members, cases, policies, demands, roadshows] = lists;
        let member_positions = members
            .iter()
            .enumerate()
            .map(|(p, &i)| (site.items[i].slug.as_str(), p as u32))
            .collect();
        Self { members, cases, policies, demands, roadshows, member_positions }
    }

    /// The member's position in `members`.
    fn member_of(&self, slug: &str) -> Option<u32> {
        self.member_positions.get(slug).copied()
    }
}

/// Whether the item's own page is Chinese.
fn is_zh_item(item: &Item) -> bool {
    labels::is_zh(&item.lang)
}

/// What the contexts show of an item, owned so [`Insights`] outlives the site.
#[derive(Debug, Default, Clone)]
struct Card {
    slug: String,
    title: String,
    url: String,
    zh: bool,
    member_type: Option<MemberType>,
    /// `YYYY-MM-DD` of the item's date (cases).
    date: String,
    /// Demands only.
    deadline: Option<String>,
    need: Option<Need>,
}

/// Everything the insight pages and partials show, computed once per build.
#[derive(Debug, Default)]
pub struct Insights {
    /// By item index; filled for members, demands and cases.
    cards: Vec<Card>,
    /// Open demands' suggestions, by demand slug.
    suggestions: HashMap<String, Vec<matching::Match>>,
    /// Demands (item index) by slug, for the language of those without suggestions.
    demands: HashMap<String, usize>,
    /// Members (item index) by slug.
    members: HashMap<String, usize>,
    /// Open demands a member could answer, by member item index.
    member_demands: HashMap<usize, Vec<matching::Match>>,
    /// Partners by member item index.
    partners: HashMap<usize, Vec<network::Link>>,
    /// Cases (item indices) by policy slug, with the policy page's language.
    policies: HashMap<String, (bool, Vec<usize>)>,
    site_zh: bool,
    pages: Vec<(String, &'static str, Value)>,
    outputs: Vec<OutputFile>,
}

/// Computes every insight of the site.
pub fn compute(site: &Site) -> Insights {
    let catalog = Catalog::new(site);
    let site_zh = labels::is_zh(&site.config.language);
    let config = &site.config;

    let ((docking, net), (sections, policy_cases)) = rayon::join(
        || {
            rayon::join(
                || matching::dock(site, &catalog),
                || network::build(site, &catalog, site_zh),
            )
        },
        || {
            rayon::join(
                || stats::collect(site, &catalog, site_zh),
                || finder::cases_by_policy(site, &catalog),
            )
        },
    );

    let mut cards = vec![Card::default(); site.items.len()];
    for &i in catalog.members.iter().chain(&catalog.demands).chain(&catalog.cases) {
        let item = &site.items[i];
        let (deadline, need) = match &item.data {
            KindData::Demand(d) => (Some(d.deadline.to_string()), Some(d.need)),
            _ => (None, None),
        };
        cards[i] = Card {
            slug: item.slug.clone(),
            title: item.title.clone(),
            url: config.link(&item.rel_url),
            zh: is_zh_item(item),
            member_type: item.as_member().map(|m| m.member_type),
            date: if item.kind == Kind::Cases {
                item.date.date().to_string()
            } else {
                String::new()
            },
            deadline,
            need,
        };
    }

    let pages = vec![
        (
            "network/index.html".to_owned(),
            "network.html",
            page_value(&network_page(site, &net, site_zh)),
        ),
        (
            "stats/index.html".to_owned(),
            "stats.html",
            page_value(&stats_page(site, &sections, site_zh)),
        ),
        (
            "policies/finder/index.html".to_owned(),
            "policy-finder.html",
            page_value(&Wrapped { insight: finder::page(site, &catalog, site_zh) }),
        ),
    ];
    let outputs = vec![
        OutputFile::new("demands/matches.json", json_bytes(&matches_file(site, &docking))),
        OutputFile::new("network/index.json", json_bytes(&network_file(site, &net))),
        OutputFile::new("stats/index.json", json_bytes(&stats::to_json(&sections, site))),
    ];

    let policies = catalog
        .policies
        .iter()
        .map(|&i| {
            let item = &site.items[i];
            let cases = policy_cases.get(&item.slug).cloned().unwrap_or_default();
            (item.slug.clone(), (is_zh_item(item), cases))
        })
        .collect();
    let demands = catalog.demands.iter().map(|&i| (site.items[i].slug.clone(), i)).collect();
    let members = catalog.members.iter().map(|&i| (site.items[i].slug.clone(), i)).collect();
    let suggestions =
        docking.by_demand.into_iter().map(|(i, list)| (site.items[i].slug.clone(), list)).collect();

    Insights {
        cards,
        suggestions,
        demands,
        members,
        member_demands: docking.by_member,
        partners: net.partners,
        policies,
        site_zh,
        pages,
        outputs,
    }
}

impl Insights {
    /// `{ "suggestions": [{ slug, title, url, type, type_label, score, reasons }], "labels": {…} }`
    /// for a demand page, best first; the list is empty unless the demand is open.
    pub fn demand_context(&self, slug: &str) -> Value {
        page_value(&self.demand_view(slug))
    }

    fn demand_view(&self, slug: &str) -> DemandView<'_> {
        let zh = self.demands.get(slug).map_or(self.site_zh, |&i| self.cards[i].zh);
        let suggestions = self.suggestions.get(slug).map_or_else(Vec::new, |list| {
            list.iter()
                .map(|m| {
                    let card = &self.cards[m.item];
                    Suggestion {
                        slug: &card.slug,
                        title: &card.title,
                        url: &card.url,
                        member_type: card.member_type.map(MemberType::as_str),
                        type_label: card.member_type.map(|t| labels::member_type(t, zh)),
                        score: m.score,
                        reasons: &m.reasons,
                    }
                })
                .collect()
        });
        DemandView { suggestions, labels: pick(zh, &DEMAND_ZH, &DEMAND_EN) }
    }

    /// `{ "open_demands": [{ slug, title, url, deadline, need, need_label, score, reasons }],
    /// "partners": [{ slug, title, url, type, type_label, cases, depth: { shallow, middle, deep },
    /// roadshows }], "labels": {…} }` for a member page, best and closest first.
    pub fn member_context(&self, slug: &str) -> Value {
        page_value(&self.member_view(slug))
    }

    /// Whether the demand or member page of `slug` shows something else with
    /// `other`'s insights than with these (for `serve`'s incremental render).
    pub fn page_differs(&self, other: &Insights, kind: crate::model::Kind, slug: &str) -> bool {
        match kind {
            crate::model::Kind::Demands => self.demand_view(slug) != other.demand_view(slug),
            crate::model::Kind::Members => self.member_view(slug) != other.member_view(slug),
            _ => false,
        }
    }

    fn member_view(&self, slug: &str) -> MemberView<'_> {
        let member = self.members.get(slug).copied();
        let zh = member.map_or(self.site_zh, |i| self.cards[i].zh);
        let open_demands =
            member.and_then(|i| self.member_demands.get(&i)).map_or_else(Vec::new, |list| {
                list.iter()
                    .map(|m| {
                        let card = &self.cards[m.item];
                        OpenDemand {
                            slug: &card.slug,
                            title: &card.title,
                            url: &card.url,
                            deadline: card.deadline.as_deref(),
                            need: card.need.map(Need::as_str),
                            need_label: card.need.map(|n| labels::need(n, zh)),
                            score: m.score,
                            reasons: &m.reasons,
                        }
                    })
                    .collect()
            });
        let partners = member.and_then(|i| self.partners.get(&i)).map_or_else(Vec::new, |list| {
            list.iter()
                .map(|l| {
                    let card = &self.cards[l.other];
                    Partner {
                        slug: &card.slug,
                        title: &card.title,
                        url: &card.url,
                        member_type: card.member_type.map(MemberType::as_str),
                        type_label: card.member_type.map(|t| labels::member_type(t, zh)),
                        cases: l.cases,
                        depth: DepthCounts::new(l.depth),
                        roadshows: l.roadshows,
                    }
                })
                .collect()
        });
        MemberView { open_demands, partners, labels: pick(zh, &MEMBER_ZH, &MEMBER_EN) }
    }

    /// `{ "cases": [{ slug, title, url, date }], "labels": {…} }`: the cases that used the
    /// policy, newest first.
    pub fn policy_context(&self, slug: &str) -> Value {
        let (zh, cases) = match self.policies.get(slug) {
            Some((zh, list)) => (*zh, list.as_slice()),
            None => (self.site_zh, &[][..]),
        };
        let cases = cases
            .iter()
            .map(|&c| {
                let card = &self.cards[c];
                CaseLink { slug: &card.slug, title: &card.title, url: &card.url, date: &card.date }
            })
            .collect();
        page_value(&PolicyView { cases, labels: pick(zh, &POLICY_ZH, &POLICY_EN) })
    }

    /// The extra pages: (output path, template name, context). Each context holds
    /// its data under the key `insight`.
    pub fn pages(&self) -> Vec<(String, &'static str, Value)> {
        self.pages.clone()
    }

    /// The extra files: `demands/matches.json`, `network/index.json`, `stats/index.json`.
    pub fn outputs(&self) -> Vec<OutputFile> {
        self.outputs.clone()
    }
}

/// A view as a template context value.
fn page_value(view: &impl Serialize) -> Value {
    serde_json::to_value(view).unwrap_or(Value::Null)
}

/// A view as the bytes of a JSON file.
fn json_bytes(view: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(view).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Wraps a page's data in `{ "insight": … }`.
#[derive(Serialize)]
struct Wrapped<T> {
    insight: T,
}

fn network_page<'s>(
    site: &'s Site,
    net: &'s network::Network,
    zh: bool,
) -> Wrapped<NetworkPage<'s>> {
    let config = &site.config;
    let members = net
        .rows
        .iter()
        .map(|r| {
            let item = &site.items[r.item];
            let t = item.as_member().map(|m| m.member_type);
            NetworkMember {
                slug: &item.slug,
                title: &item.title,
                url: config.link(&item.rel_url),
                member_type: t.map(MemberType::as_str),
                type_label: t.map(|t| labels::member_type(t, zh)),
                partners: r.partners,
                case_partners: r.case_partners,
                cases: r.cases,
                deep: r.depth[2],
                middle: r.depth[1],
                shallow: r.depth[0],
                roadshows: r.roadshows,
            }
        })
        .collect();
    let link = |i: usize| {
        let item = &site.items[i];
        MemberLink { slug: &item.slug, title: &item.title, url: config.link(&item.rel_url) }
    };
    let edges = net
        .drawn_edges
        .iter()
        .map(|&e| {
            let e = &net.edges[e];
            NetworkPair {
                a: link(e.a),
                b: link(e.b),
                cases: e.cases,
                deep: e.depth[2],
                middle: e.depth[1],
                shallow: e.depth[0],
                depth_class: e.deepest().map_or("unknown", |d| d.as_str()),
            }
        })
        .collect();
    let legend = MemberType::VARIANTS
        .iter()
        .filter_map(|&t| {
            let count = net.drawn_types.get(&t).copied().unwrap_or(0);
            (count > 0).then(|| LegendEntry {
                member_type: t.as_str(),
                label: labels::member_type(t, zh),
                count,
            })
        })
        .collect();
    let mut apart: Vec<ApartGroup<'s>> = Vec::new();
    for r in &net.apart {
        let member_type =
            site.items[r.item].as_member().map_or("other", |m| m.member_type.as_str());
        if apart.last().is_none_or(|g| g.member_type != member_type) {
            apart.push(ApartGroup { member_type, members: Vec::new() });
        }
        if let Some(g) = apart.last_mut() {
            g.members.push(link(r.item));
        }
    }
    let capped = net.with_cases > net.drawn;
    let note = match (zh, capped) {
        (true, true) => format!(
            "图中只画出合作伙伴最多的 {} 家成员（共 {} 家成员有合作案例），下表列出全部 {} 家有合作关系的成员。",
            net.drawn,
            net.with_cases,
            net.rows.len()
        ),
        (true, false) => format!("图中画出全部 {} 家有合作案例的成员。", net.drawn),
        (false, true) => format!(
            "The graph draws the {} members with the most partners (of {} members with cases); the table lists all {} members with partners.",
            net.drawn,
            net.with_cases,
            net.rows.len()
        ),
        (false, false) => format!("The graph draws all {} members with cases.", net.drawn),
    };
    Wrapped {
        insight: NetworkPage {
            title: labels::pick(zh, "合作网络", "Cooperation network"),
            rel_url: "network/",
            intro: labels::pick(
                zh,
                "谁和谁已经在合作：每个点是一家成员，颜色表示类型；每条线连接共同参与合作案例的两家成员，线越粗，合作越多、越深。点击成员进入其页面。",
                "Who already works with whom: each dot is a member, coloured by type; each line joins two members that share cases, thicker for more and deeper cooperation. Select a member to open its page.",
            ),
            note,
            svg: &net.svg,
            drawn: net.drawn,
            with_cases: net.with_cases,
            capped,
            max_drawn: network::MAX_DRAWN,
            apart_svg: &net.apart_svg,
            apart_drawn: net.apart_drawn,
            apart_count: net.apart.len(),
            apart_capped: net.apart.len() > net.apart_drawn,
            apart,
            legend,
            members,
            edges,
            labels: pick(zh, &NETWORK_ZH, &NETWORK_EN),
        },
    }
}

fn stats_page<'s>(site: &Site, sections: &'s [stats::Section], zh: bool) -> Wrapped<StatsPage<'s>> {
    let sections = sections
        .iter()
        .map(|s| StatSection {
            id: s.id,
            title: &s.title,
            total: s.total,
            note: s.note.as_deref(),
            charts: s
                .charts
                .iter()
                .map(|c| StatChart {
                    id: c.id,
                    title: &c.title,
                    svg: stats::bar_chart(c, s.id),
                    total: c.rows.iter().map(|r| r.count).sum(),
                    rows: c
                        .rows
                        .iter()
                        .map(|r| StatRow { key: &r.key, label: &r.label, count: r.count })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Wrapped {
        insight: StatsPage {
            title: labels::pick(zh, "统计", "Statistics"),
            rel_url: "stats/",
            intro: labels::pick(
                zh,
                "联盟成员、合作案例、需求、路演项目和政策的数量统计，每张图下都有同样数字的表格。",
                "Counts of the alliance's members, cases, demands, roadshow projects and policies; each chart has a table with the same numbers.",
            ),
            today: site.today.to_string(),
            as_of: if zh {
                format!("统计日期：{}", site.today)
            } else {
                format!("As of {}", site.today)
            },
            sections,
            labels: pick(zh, &STATS_ZH, &STATS_EN),
        },
    }
}

fn matches_file<'s>(site: &'s Site, docking: &'s matching::Docking) -> MatchesFile<'s> {
    let config = &site.config;
    let demands: Vec<DemandOut<'s>> = docking
        .by_demand
        .iter()
        .map(|(i, list)| {
            let item = &site.items[*i];
            let (need, organization, deadline) = match &item.data {
                KindData::Demand(d) => (
                    Some(d.need.as_str()),
                    Some(d.organization.as_str()),
                    Some(d.deadline.to_string()),
                ),
                _ => (None, None, None),
            };
            let suggestions = list
                .iter()
                .map(|m| {
                    let member = &site.items[m.item];
                    MatchOut {
                        slug: &member.slug,
                        title: &member.title,
                        url: config.absolute(&member.rel_url),
                        member_type: member.as_member().map(|x| x.member_type.as_str()),
                        score: m.score,
                        reasons: &m.reasons,
                    }
                })
                .collect();
            DemandOut {
                slug: &item.slug,
                title: &item.title,
                url: config.absolute(&item.rel_url),
                need,
                organization,
                deadline,
                suggestions,
            }
        })
        .collect();
    MatchesFile { today: site.today.to_string(), count: demands.len(), demands }
}

fn network_file<'s>(site: &'s Site, net: &network::Network) -> NetworkFile<'s> {
    let config = &site.config;
    let node = |r: &network::MemberRow| {
        let item = &site.items[r.item];
        NodeOut {
            slug: &item.slug,
            title: &item.title,
            url: config.absolute(&item.rel_url),
            member_type: item.as_member().map(|m| m.member_type.as_str()),
            partners: r.partners,
            case_partners: r.case_partners,
            cases: r.cases,
            depth: DepthCounts::new(r.depth),
            roadshows: r.roadshows,
        }
    };
    let members = net.rows.iter().map(node).collect();
    let unconnected = net.apart.iter().map(node).collect();
    let edges = net
        .edges
        .iter()
        .map(|e| EdgeOut {
            a: &site.items[e.a].slug,
            b: &site.items[e.b].slug,
            cases: e.cases,
            depth: DepthCounts::new(e.depth),
            roadshows: e.roadshows,
        })
        .collect();
    NetworkFile { members, edges, unconnected }
}
