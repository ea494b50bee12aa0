//! The insight facts worded for visitors: the suggested partners on demand pages,
//! the open demands and partners on member pages, and the pages `/network/`,
//! `/stats/` and `/policies/finder/`, each in its page's language from the
//! theme's tables. Also [`reason`], the one wording of a matching reason, which the
//! demand and member pages and `demands/matches.json` share.
//!
//! What it is not: the analysis (`crate::insight` finds who fits what, counts and
//! draws) or the JSON files (`crate::outputs::insight`). Views here borrow from the
//! site, as the other page views do.

use serde::Serialize;

use super::Renderer;
use super::i18n::{Table, join};
use super::index::Ix;
use crate::config::SiteConfig;
use crate::insight::{
    Chart, FacetName, Insights, Keys, MAX_DRAWN, Match, MemberRow, Reason, UNSPECIFIED, bar_chart,
};
use crate::model::{Item, KindData, MemberType};
use crate::outputs::insight::DepthCounts;
use crate::urls;

/// A matching reason in the words of `t`: `专长「数控加工」见于需求`,
/// `3 项联合研发案例`, `same region: 临浔区`.
pub fn reason(t: &Table, config: &SiteConfig, reason: &Reason) -> String {
    let tax = &config.taxonomies;
    match reason {
        Reason::Keywords(words) => {
            let quoted = words.iter().map(|w| t.fill("reason.keyword", &[("word", w)]));
            let words = join(quoted, t.get("reason.keyword_separator"));
            t.fill("reason.keywords", &[("words", &words)])
        }
        Reason::Industries(slugs) => t.fill(
            "reason.industries",
            &[("terms", &t.list(slugs.iter().map(|s| tax.industry(s))))],
        ),
        Reason::Cases { mode, count } => t.fill(
            if *count == 1 { "reason.cases_one" } else { "reason.cases" },
            &[("n", count), ("mode", &t.label("mode", mode.as_str()))],
        ),
        Reason::Offers(offers) => t.fill(
            "reason.offers",
            &[("offers", &t.list(offers.iter().map(|o| t.label("offer", o.as_str()))))],
        ),
        Reason::Projects { title, count: 1 } => t.fill("reason.project", &[("title", title)]),
        Reason::Projects { title, count } => {
            t.fill("reason.projects", &[("title", title), ("n", count), ("more", &(count - 1))])
        }
        Reason::Regions(slugs) => {
            t.fill("reason.regions", &[("terms", &t.list(slugs.iter().map(|s| tax.region(s))))])
        }
    }
}

/// The reasons of a match in the words of `t`.
pub fn reasons(t: &Table, config: &SiteConfig, m: &Match) -> Vec<String> {
    m.reasons.iter().map(|r| reason(t, config, r)).collect()
}

fn member_type(item: &Item) -> Option<MemberType> {
    item.as_member().map(|m| m.member_type)
}

/// A member as the insight parts of a page name it: slug, title, link and type,
/// the type in the words of the page.
#[derive(Serialize)]
struct MemberCard<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// The language of the page linked to, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(rename = "type")]
    member_type: Option<&'static str>,
    type_label: Option<&'a str>,
}

impl<'a> MemberCard<'a> {
    fn new(config: &SiteConfig, item: &'a Item, t: &'a Table) -> Self {
        let kind = member_type(item);
        MemberCard {
            slug: &item.slug,
            title: &item.title,
            url: item.link(config),
            lang: other_language(config, item),
            member_type: kind.map(MemberType::as_str),
            type_label: kind.map(|k| t.label("member_type", k.as_str())),
        }
    }
}

/// One suggested partner on a demand page.
#[derive(Serialize)]
struct Suggestion<'a> {
    #[serde(flatten)]
    member: MemberCard<'a>,
    score: u32,
    reasons: Vec<String>,
}

/// `insight` on a demand page: its suggested partners, best first (none unless open).
#[derive(Serialize)]
pub(super) struct DemandInsight<'a> {
    suggestions: Vec<Suggestion<'a>>,
}

/// One open demand on a member page.
#[derive(Serialize)]
struct OpenDemand<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// The language of the page linked to, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    deadline: Option<String>,
    need: Option<&'static str>,
    need_label: Option<&'a str>,
    score: u32,
    reasons: Vec<String>,
}

/// One partner on a member page.
#[derive(Serialize)]
struct Partner<'a> {
    #[serde(flatten)]
    member: MemberCard<'a>,
    cases: u32,
    depth: DepthCounts,
    roadshows: u32,
}

/// `insight` on a member page: the open demands it could answer, best first, and
/// its partners, closest first.
#[derive(Serialize)]
pub(super) struct MemberInsight<'a> {
    open_demands: Vec<OpenDemand<'a>>,
    partners: Vec<Partner<'a>>,
}

/// A link to a member.
#[derive(Serialize)]
struct MemberLink<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// The language of the page linked to, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

/// A member in the network's table.
#[derive(Serialize)]
struct NetworkMember<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// The language of the page linked to, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(rename = "type")]
    member_type: Option<&'static str>,
    type_label: Option<&'a str>,
    partners: u32,
    case_partners: u32,
    cases: u32,
    deep: u32,
    middle: u32,
    shallow: u32,
    roadshows: u32,
}

/// A drawn pair in the network's table of pairs.
#[derive(Serialize)]
struct NetworkPair<'a> {
    a: MemberLink<'a>,
    b: MemberLink<'a>,
    cases: u32,
    deep: u32,
    middle: u32,
    shallow: u32,
    depth_class: &'static str,
}

/// A member type in the network's legend.
#[derive(Serialize)]
struct LegendEntry<'a> {
    #[serde(rename = "type")]
    member_type: &'static str,
    label: &'a str,
    count: usize,
}

/// The members of one type that share no case.
#[derive(Serialize)]
struct ApartGroup<'a> {
    #[serde(rename = "type")]
    member_type: &'static str,
    members: Vec<MemberLink<'a>>,
}

/// `insight` on `/network/`.
#[derive(Serialize)]
struct NetworkPage<'a> {
    /// The ring, drawn.
    svg: String,
    /// Members on the ring, members with case partners, and whether the ring left
    /// some of those out ([`MAX_DRAWN`]).
    drawn: usize,
    with_cases: usize,
    capped: bool,
    max_drawn: usize,
    /// The members that share no case, drawn apart from the ring.
    apart_svg: String,
    /// How many of them are drawn, and how many there are.
    apart_drawn: usize,
    apart_count: usize,
    apart_capped: bool,
    /// All of them, grouped by type, each group by title.
    apart: Vec<ApartGroup<'a>>,
    legend: Vec<LegendEntry<'a>>,
    /// Every member with a partner, most case partners first.
    members: Vec<NetworkMember<'a>>,
    /// The pairs the ring draws.
    edges: Vec<NetworkPair<'a>>,
}

/// One bar in a chart's table.
#[derive(Serialize)]
struct StatRow<'a> {
    key: &'a str,
    label: String,
    count: u64,
}

/// One chart on `/stats/`.
#[derive(Serialize)]
struct StatChart<'a> {
    id: &'static str,
    title: &'a str,
    svg: String,
    total: u64,
    rows: Vec<StatRow<'a>>,
}

/// One kind on `/stats/`.
#[derive(Serialize)]
struct StatSection<'a> {
    id: &'static str,
    title: &'a str,
    total: u64,
    note: Option<String>,
    charts: Vec<StatChart<'a>>,
}

/// `insight` on `/stats/`.
#[derive(Serialize)]
struct StatsPage<'a> {
    today: String,
    sections: Vec<StatSection<'a>>,
}

/// One value of a finder facet.
#[derive(Serialize)]
struct FacetOption<'a> {
    value: &'a str,
    label: &'a str,
    count: u64,
}

/// One facet of the finder.
#[derive(Serialize)]
struct Facet<'a> {
    name: &'static str,
    label: &'a str,
    options: Vec<FacetOption<'a>>,
}

/// A code with its label (`{ kind: "tax", label: "税收" }`).
#[derive(Serialize)]
struct Coded<'a> {
    kind: &'static str,
    label: &'a str,
}

/// A taxonomy term with its label.
#[derive(Serialize)]
struct Term<'a> {
    slug: &'a str,
    label: &'a str,
}

/// The values a finder entry is filtered by, space-separated.
#[derive(Serialize)]
struct FinderData {
    level: &'static str,
    state: &'static str,
    incentive: String,
    industry: String,
    region: String,
}

/// One policy in the finder.
#[derive(Serialize)]
struct FinderPolicy<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// The language of the page linked to, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    level: &'static str,
    level_label: &'a str,
    state: &'static str,
    state_label: &'a str,
    issued: String,
    issuer: String,
    doc_number: Option<&'a str>,
    incentives: Vec<Coded<'a>>,
    industries: Vec<Term<'a>>,
    regions: Vec<Term<'a>>,
    data: FinderData,
}

/// `insight` on `/policies/finder/`.
#[derive(Serialize)]
struct FinderPage<'a> {
    total: usize,
    facets: Vec<Facet<'a>>,
    policies: Vec<FinderPolicy<'a>>,
}

/// The label of a row's key in a chart.
fn row_label<'a>(t: &'a Table, config: &'a SiteConfig, keys: Keys, key: &'a str) -> String {
    if key == UNSPECIFIED {
        return t.get("unspecified").to_owned();
    }
    let section = match keys {
        Keys::Region => return config.taxonomies.region(key).to_owned(),
        Keys::Industry => return config.taxonomies.industry(key).to_owned(),
        Keys::Year => return key.to_owned(),
        Keys::Trl => return t.fmt("trl_value", key),
        Keys::MemberType => "member_type",
        Keys::Mode => "mode",
        Keys::Depth => "depth",
        Keys::Need => "need",
        Keys::DemandState => "state",
        Keys::Seeking => "seeking",
        Keys::Level => "level",
        Keys::PolicyState => "policy_state",
        Keys::Incentive => "incentive",
    };
    t.label(section, key).to_owned()
}

impl Renderer<'_> {
    /// `insight` on the page of demand `i`, in the words of `t`.
    pub(super) fn demand_insight<'a>(&'a self, i: Ix, t: &'a Table) -> DemandInsight<'a> {
        let site = self.site;
        let suggestions = self
            .insight
            .suggestions(i)
            .iter()
            .map(|m| Suggestion {
                member: MemberCard::new(&site.config, &site.items[m.item], t),
                score: m.score,
                reasons: reasons(t, &site.config, m),
            })
            .collect();
        DemandInsight { suggestions }
    }

    /// `insight` on the page of member `i`, in the words of `t`.
    pub(super) fn member_insight<'a>(&'a self, i: Ix, t: &'a Table) -> MemberInsight<'a> {
        let site = self.site;
        let insight = self.insight;
        let open_demands = insight
            .open_demands(i)
            .iter()
            .map(|m| {
                let item = &site.items[m.item];
                let (deadline, need) = match &item.data {
                    KindData::Demand(d) => (Some(d.deadline.to_string()), Some(d.need)),
                    _ => (None, None),
                };
                OpenDemand {
                    slug: &item.slug,
                    title: &item.title,
                    url: item.link(&site.config),
                    lang: other_language(&site.config, item),
                    deadline,
                    need: need.map(|n| n.as_str()),
                    need_label: need.map(|n| t.label("need", n.as_str())),
                    score: m.score,
                    reasons: reasons(t, &site.config, m),
                }
            })
            .collect();
        let partners = insight
            .partners(i)
            .iter()
            .map(|l| Partner {
                member: MemberCard::new(&site.config, &site.items[l.other], t),
                cases: l.cases,
                depth: DepthCounts::new(l.depth),
                roadshows: l.roadshows,
            })
            .collect();
        MemberInsight { open_demands, partners }
    }

    /// `insight` on `/network/`, in the words of `t`.
    fn network_page<'a>(&'a self, t: &'a Table) -> serde_json::Value {
        let site = self.site;
        let config = &site.config;
        let net = self.insight.network();
        let type_label =
            |i: usize| member_type(&site.items[i]).map(|k| t.label("member_type", k.as_str()));
        let tooltip = |row: &MemberRow| {
            t.fill(
                "network.node",
                &[
                    ("title", &site.items[row.item].title),
                    ("type", &type_label(row.item).unwrap_or("")),
                    ("partners", &row.case_partners),
                    ("cases", &row.cases),
                ],
            )
        };
        let link = |i: usize| {
            let item = &site.items[i];
            MemberLink {
                slug: &item.slug,
                title: &item.title,
                url: item.link(config),
                lang: other_language(config, item),
            }
        };
        let members = net
            .rows
            .iter()
            .map(|r| {
                let item = &site.items[r.item];
                NetworkMember {
                    slug: &item.slug,
                    title: &item.title,
                    url: item.link(config),
                    lang: other_language(config, item),
                    member_type: member_type(item).map(MemberType::as_str),
                    type_label: type_label(r.item),
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
            .filter_map(|&k| {
                let count = net.drawn_types.get(&k).copied().unwrap_or(0);
                (count > 0).then(|| LegendEntry {
                    member_type: k.as_str(),
                    label: t.label("member_type", k.as_str()),
                    count,
                })
            })
            .collect();
        let mut apart: Vec<ApartGroup<'_>> = Vec::new();
        for r in &net.apart {
            let kind = member_type(&site.items[r.item]).map_or("other", MemberType::as_str);
            if apart.last().is_none_or(|g| g.member_type != kind) {
                apart.push(ApartGroup { member_type: kind, members: Vec::new() });
            }
            if let Some(g) = apart.last_mut() {
                g.members.push(link(r.item));
            }
        }
        let page = NetworkPage {
            svg: net.ring_svg(site, t.get("network.svg_title"), &tooltip),
            drawn: net.ring.len(),
            with_cases: net.with_cases,
            capped: net.with_cases > net.ring.len(),
            max_drawn: MAX_DRAWN,
            apart_svg: net.apart_svg(site, &tooltip),
            apart_drawn: net.apart_drawn.len(),
            apart_count: net.apart.len(),
            apart_capped: net.apart.len() > net.apart_drawn.len(),
            apart,
            legend,
            members,
            edges,
        };
        serde_json::to_value(page).unwrap_or_default()
    }

    /// `insight` on `/stats/`, in the words of `t`.
    fn stats_page<'a>(&'a self, t: &'a Table) -> serde_json::Value {
        let site = self.site;
        let config = &site.config;
        let chart = |section: &'static str, c: &'a Chart| {
            let title = t.label("stats_chart", c.id);
            let rows: Vec<StatRow<'_>> = c
                .rows
                .iter()
                .map(|r| StatRow {
                    key: &r.key,
                    label: row_label(t, config, c.keys, &r.key),
                    count: r.count,
                })
                .collect();
            let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
            StatChart {
                id: c.id,
                title,
                svg: bar_chart(c, section, title, &labels),
                total: c.rows.iter().map(|r| r.count).sum(),
                rows,
            }
        };
        let sections = self
            .insight
            .stats()
            .iter()
            .map(|s| StatSection {
                id: s.id,
                title: t.label("stats_section", s.id),
                total: s.total,
                note: s.projects.map(|projects| {
                    t.fill(
                        "stats.roadshows_note",
                        &[("roadshows", &s.total), ("projects", &projects)],
                    )
                }),
                charts: s.charts.iter().map(|c| chart(s.id, c)).collect(),
            })
            .collect();
        let page = StatsPage { today: site.today.to_string(), sections };
        serde_json::to_value(page).unwrap_or_default()
    }

    /// `insight` on `/policies/finder/`, in the words of `t`.
    fn finder_page<'a>(&'a self, t: &'a Table) -> serde_json::Value {
        let site = self.site;
        let config = &site.config;
        let finder = self.insight.finder();
        let value_label = |name: FacetName, value: &'a str| match name {
            FacetName::Level => t.label("level", value),
            FacetName::State => t.label("policy_state", value),
            FacetName::Incentive => t.label("incentive", value),
            FacetName::Industry => config.taxonomies.industry(value),
            FacetName::Region => config.taxonomies.region(value),
        };
        let facets = finder
            .facets
            .iter()
            .map(|f| Facet {
                name: f.name.as_str(),
                label: t.label("finder_facet", f.name.as_str()),
                options: f
                    .options
                    .iter()
                    .map(|o| FacetOption {
                        value: &o.value,
                        label: value_label(f.name, &o.value),
                        count: o.count,
                    })
                    .collect(),
            })
            .collect();
        let terms = |name: FacetName, slugs: &'a [String]| -> Vec<Term<'a>> {
            slugs.iter().map(|s| Term { slug: s, label: value_label(name, s) }).collect()
        };
        let policies: Vec<FinderPolicy<'_>> = finder
            .policies
            .iter()
            .filter_map(|p| {
                let item = &site.items[p.item];
                let KindData::Policy(policy) = &item.data else { return None };
                let kinds: Vec<&str> = p.incentives.iter().map(|k| k.as_str()).collect();
                Some(FinderPolicy {
                    slug: &item.slug,
                    title: &item.title,
                    url: item.link(config),
                    lang: other_language(config, item),
                    level: p.level.as_str(),
                    level_label: t.label("level", p.level.as_str()),
                    state: p.state.as_str(),
                    state_label: t.label("policy_state", p.state.as_str()),
                    issued: policy.issued.to_string(),
                    issuer: t.list(&policy.issuer),
                    doc_number: policy.doc_number.as_deref(),
                    incentives: p
                        .incentives
                        .iter()
                        .map(|&k| Coded {
                            kind: k.as_str(),
                            label: t.label("incentive", k.as_str()),
                        })
                        .collect(),
                    industries: terms(FacetName::Industry, &p.industries),
                    regions: terms(FacetName::Region, &p.regions),
                    data: FinderData {
                        level: p.level.as_str(),
                        state: p.state.as_str(),
                        incentive: kinds.join(" "),
                        industry: p.industries.join(" "),
                        region: p.regions.join(" "),
                    },
                })
            })
            .collect();
        let page = FinderPage { total: policies.len(), facets, policies };
        serde_json::to_value(page).unwrap_or_default()
    }
}

/// The pages of their own that insight gives the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    /// `/network/`.
    Network,
    /// `/policies/finder/`.
    PolicyFinder,
    /// `/stats/`.
    Stats,
}

impl Page {
    /// All of them, in path order.
    pub(super) const ALL: [Page; 3] = [Page::Network, Page::PolicyFinder, Page::Stats];

    /// The page's folder (`network/`).
    pub(super) fn rel(self) -> &'static str {
        match self {
            Page::Network => urls::NETWORK,
            Page::PolicyFinder => urls::POLICY_FINDER,
            Page::Stats => urls::STATS,
        }
    }

    /// Its template.
    pub(super) fn template(self) -> &'static str {
        match self {
            Page::Network => "network.html",
            Page::PolicyFinder => "policy-finder.html",
            Page::Stats => "stats.html",
        }
    }
}

impl Renderer<'_> {
    /// `insight` on one of the insight pages, in the words of `t`.
    pub(super) fn insight_page(&self, page: Page, t: &Table) -> serde_json::Value {
        match page {
            Page::Network => self.network_page(t),
            Page::PolicyFinder => self.finder_page(t),
            Page::Stats => self.stats_page(t),
        }
    }
}

/// Whether anything the page of item `i` shows of insight differs between `old`
/// (on `old_site`) and `new` (on `new_site`), for incremental renders: its
/// suggestions, open demands or partners, or an item they show (`changed` says
/// which items differ between the sites).
pub(super) fn page_differs(
    old: &Insights,
    new: &Insights,
    i: Ix,
    changed: &dyn Fn(Ix) -> bool,
) -> bool {
    let matches_differ =
        |a: &[Match], b: &[Match]| a != b || a.iter().chain(b).any(|m| changed(m.item));
    matches_differ(old.suggestions(i), new.suggestions(i))
        || matches_differ(old.open_demands(i), new.open_demands(i))
        || old.partners(i) != new.partners(i)
        || old.partners(i).iter().chain(new.partners(i)).any(|l| changed(l.other))
}

/// The language of `item`'s page when it is not the language of the pages of
/// `config` (a member with no translation, linked from the English network page).
fn other_language<'a>(
    config: &crate::config::SiteConfig,
    item: &'a crate::model::Item,
) -> Option<&'a str> {
    (item.lang != config.language).then_some(item.lang.as_str())
}
