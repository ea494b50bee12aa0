//! The insight data as JSON, for other tools: `demands/matches.json` (every open
//! demand with its suggested partners and their reasons), `network/index.json`
//! (members, pairs of partners, and members not yet in a case) and
//! `stats/index.json` (every count of `/stats/`).
//!
//! The facts come from [`crate::insight`]; the only words are the reasons in
//! `matches.json`, worded by the renderer in each demand's language
//! ([`Texts::reasons`]).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{Texts, item_url};
use crate::insight::{Insights, MemberRow, Section};
use crate::model::{KindData, Site};
use crate::output::OutputFile;
use crate::urls;

/// The three files, in path order.
pub fn files(site: &Site, insights: &Insights, texts: &Texts) -> Vec<OutputFile> {
    vec![
        OutputFile::new(urls::MATCHES, json_bytes(&matches(site, insights, texts))),
        OutputFile::new(urls::NETWORK_DATA, json_bytes(&network(site, insights))),
        OutputFile::new(urls::STATS_DATA, json_bytes(&stats(site, insights.stats()))),
    ]
}

/// A value as the bytes of a JSON file.
fn json_bytes(view: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(view).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Cases by depth, as the JSON files and the member pages show them.
#[derive(Serialize)]
pub(crate) struct DepthCounts {
    shallow: u32,
    middle: u32,
    deep: u32,
}

impl DepthCounts {
    /// From `[shallow, middle, deep]`.
    pub(crate) fn new(d: [u32; 3]) -> Self {
        Self { shallow: d[0], middle: d[1], deep: d[2] }
    }
}

/// A suggestion in `demands/matches.json`.
#[derive(Serialize)]
struct MatchOut<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    #[serde(rename = "type")]
    member_type: Option<&'static str>,
    score: u32,
    reasons: &'a [String],
}

/// A demand in `demands/matches.json`.
#[derive(Serialize)]
struct DemandOut<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    need: Option<&'static str>,
    organization: Option<&'a str>,
    deadline: Option<String>,
    suggestions: Vec<MatchOut<'a>>,
}

/// `demands/matches.json`.
#[derive(Serialize)]
struct MatchesFile<'a> {
    today: String,
    count: usize,
    demands: Vec<DemandOut<'a>>,
}

fn matches<'a>(site: &'a Site, insights: &'a Insights, texts: &'a Texts) -> MatchesFile<'a> {
    let demands: Vec<DemandOut<'a>> = insights
        .docked()
        .iter()
        .enumerate()
        .map(|(d, (i, list))| {
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
                .enumerate()
                .map(|(s, m)| {
                    let member = &site.items[m.item];
                    MatchOut {
                        slug: &member.slug,
                        title: &member.title,
                        url: item_url(site, member),
                        member_type: member.as_member().map(|x| x.member_type.as_str()),
                        score: m.score,
                        reasons: texts
                            .reasons
                            .get(d)
                            .and_then(|r| r.get(s))
                            .map_or(&[], Vec::as_slice),
                    }
                })
                .collect();
            DemandOut {
                slug: &item.slug,
                title: &item.title,
                url: item_url(site, item),
                need,
                organization,
                deadline,
                suggestions,
            }
        })
        .collect();
    MatchesFile { today: site.today.to_string(), count: demands.len(), demands }
}

/// A member in `network/index.json`.
#[derive(Serialize)]
struct NodeOut<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    #[serde(rename = "type")]
    member_type: Option<&'static str>,
    partners: u32,
    case_partners: u32,
    cases: u32,
    depth: DepthCounts,
    roadshows: u32,
}

/// A pair in `network/index.json`.
#[derive(Serialize)]
struct EdgeOut<'a> {
    a: &'a str,
    b: &'a str,
    cases: u32,
    depth: DepthCounts,
    roadshows: u32,
}

/// `network/index.json`: `members` with at least one partner, `edges`, and
/// `unconnected`: every member that shares no case (by type, then title).
#[derive(Serialize)]
struct NetworkFile<'a> {
    members: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
    unconnected: Vec<NodeOut<'a>>,
}

fn network<'a>(site: &'a Site, insights: &'a Insights) -> NetworkFile<'a> {
    let net = insights.network();
    let node = |r: &MemberRow| {
        let item = &site.items[r.item];
        NodeOut {
            slug: &item.slug,
            title: &item.title,
            url: item_url(site, item),
            member_type: item.as_member().map(|m| m.member_type.as_str()),
            partners: r.partners,
            case_partners: r.case_partners,
            cases: r.cases,
            depth: DepthCounts::new(r.depth),
            roadshows: r.roadshows,
        }
    };
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
    NetworkFile {
        members: net.rows.iter().map(node).collect(),
        edges,
        unconnected: net.apart.iter().map(node).collect(),
    }
}

/// `stats/index.json`: `today`, then per kind its `total` (and roadshow
/// `projects`) and each chart's counts by key.
fn stats(site: &Site, sections: &[Section]) -> Value {
    let mut root = Map::new();
    root.insert("today".into(), json!(site.today.to_string()));
    for s in sections {
        let mut obj = Map::new();
        obj.insert("total".into(), json!(s.total));
        if let Some(projects) = s.projects {
            obj.insert("projects".into(), json!(projects));
        }
        for c in &s.charts {
            let counts: Map<String, Value> =
                c.rows.iter().map(|r| (r.key.clone(), json!(r.count))).collect();
            obj.insert(c.id.into(), Value::Object(counts));
        }
        root.insert(s.id.into(), Value::Object(obj));
    }
    Value::Object(root)
}
