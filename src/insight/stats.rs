//! Statistics of the alliance: counts by mode, depth, industry, year, need,
//! state, level, incentive, type and region, drawn as bar charts at build time.
//!
//! The charts are plain SVG with no library and no script. They take their
//! colours from `currentColor` and CSS variables (so they follow light and dark
//! mode) and scale to the width of the page through their `viewBox`. Every chart
//! sits next to a table with the same numbers, and `stats/index.json` holds them
//! for other tools.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Map, Value, json};

use super::svg::{esc, fit, num};
use super::{Catalog, labels};
use crate::model::{
    Depth, IncentiveKind, KindData, MemberType, Mode, Need, PolicyLevel, Seeking, Site, State,
};

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The value as written in the content (`joint-rnd`), or `unspecified`.
    pub key: String,
    /// The value in words.
    pub label: String,
    /// How many.
    pub count: u64,
}

/// One chart: a titled list of counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Unique on the page; also the key in `stats/index.json`.
    pub id: &'static str,
    /// What is counted.
    pub title: String,
    /// The bars, top to bottom.
    pub rows: Vec<Row>,
}

/// Charts grouped by kind, as shown on `/stats/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The kind (`cases`), also the key in `stats/index.json`.
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// How many items of the kind (for roadshows: events).
    pub total: u64,
    /// How many roadshow projects (roadshows only).
    pub projects: Option<u64>,
    /// Extra totals shown under the heading (roadshow projects).
    pub note: Option<String>,
    /// The charts.
    pub charts: Vec<Chart>,
}

/// Counts keyed by value, kept in a fixed order.
struct Tally {
    rows: Vec<Row>,
}

impl Tally {
    /// One row per allowed value, in the content model's order, all zero.
    fn fixed<T: Copy>(
        values: &[T],
        key: impl Fn(T) -> &'static str,
        label: impl Fn(T) -> &'static str,
    ) -> Self {
        Self {
            rows: values
                .iter()
                .map(|&v| Row { key: key(v).to_owned(), label: label(v).to_owned(), count: 0 })
                .collect(),
        }
    }

    fn add(&mut self, key: &str) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.key == key) {
            row.count += 1;
        }
    }

    /// Adds an "unspecified" row when it counts anything.
    fn with_unspecified(mut self, count: u64, zh: bool) -> Self {
        if count > 0 {
            self.rows.push(Row {
                key: "unspecified".into(),
                label: labels::unspecified(zh).into(),
                count,
            });
        }
        self
    }

    fn chart(self, id: &'static str, title: String) -> Chart {
        Chart { id, title, rows: self.rows }
    }
}

/// Counts of free terms (industries, regions), most frequent first, then by slug.
fn by_term(counts: BTreeMap<&str, u64>, label: impl Fn(&str) -> String) -> Vec<Row> {
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|(k, count)| Row { key: k.to_owned(), label: label(k), count })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.count));
    rows
}

/// Depths, deepest first (the order a reader compares them in).
const DEPTHS: [Depth; 3] = [Depth::Deep, Depth::Middle, Depth::Shallow];

/// Counts everything.
pub fn collect(site: &Site, catalog: &Catalog<'_>, zh: bool) -> Vec<Section> {
    let config = &site.config;
    let pick = |c: &'static str, e: &'static str| labels::pick(zh, c, e).to_owned();
    let today = site.today;

    // Cases.
    let mut modes = Tally::fixed(Mode::VARIANTS, Mode::as_str, |m| labels::mode(m, zh));
    let mut depths = Tally::fixed(&DEPTHS, Depth::as_str, |d| labels::depth(d, zh));
    let mut no_depth = 0;
    let mut industries: BTreeMap<&str, u64> = BTreeMap::new();
    let mut years: BTreeMap<i16, u64> = BTreeMap::new();
    for &i in &catalog.cases {
        let item = &site.items[i];
        let KindData::Case(case) = &item.data else { continue };
        let mut seen = case.modes.clone();
        seen.sort_unstable();
        seen.dedup();
        for m in seen {
            modes.add(m.as_str());
        }
        match case.depth {
            Some(d) => depths.add(d.as_str()),
            None => no_depth += 1,
        }
        for term in dedup(&item.industries) {
            *industries.entry(term).or_default() += 1;
        }
        let year = case.started.unwrap_or_else(|| item.date.date()).year();
        *years.entry(year).or_default() += 1;
    }
    let cases = Section {
        id: "cases",
        title: pick("合作案例", "Cases"),
        total: catalog.cases.len() as u64,
        projects: None,
        note: None,
        charts: vec![
            modes.chart("by_mode", pick("按合作模式", "By cooperation mode")),
            depths.with_unspecified(no_depth, zh).chart("by_depth", pick("按合作深度", "By depth")),
            Chart {
                id: "by_industry",
                title: pick("按行业", "By industry"),
                rows: by_term(industries, |s| labels::industry(config, s)),
            },
            Chart {
                id: "by_year",
                title: pick("按开始年份", "By year started"),
                rows: years
                    .into_iter()
                    .map(|(y, count)| Row { key: y.to_string(), label: y.to_string(), count })
                    .collect(),
            },
        ],
    };

    // Demands.
    let mut needs = Tally::fixed(Need::VARIANTS, Need::as_str, |n| labels::need(n, zh));
    let mut states =
        Tally::fixed(&State::OF_DEMANDS, State::as_str, |s| labels::demand_state(s, zh));
    for &i in &catalog.demands {
        let item = &site.items[i];
        let KindData::Demand(demand) = &item.data else { continue };
        needs.add(demand.need.as_str());
        if let Some(s) = item.state(today) {
            states.add(s.as_str());
        }
    }
    let demands = Section {
        id: "demands",
        title: pick("需求发布", "Demands"),
        total: catalog.demands.len() as u64,
        projects: None,
        note: None,
        charts: vec![
            needs.chart("by_need", pick("按需求类型", "By need")),
            states.chart("by_state", pick("按状态", "By status")),
        ],
    };

    // Roadshow projects.
    let mut seeking = Tally::fixed(Seeking::VARIANTS, Seeking::as_str, |s| labels::seeking(s, zh));
    let mut no_seeking = 0;
    let mut trl = Tally {
        rows: (1..=9)
            .map(|l| Row { key: l.to_string(), label: format!("TRL {l}"), count: 0 })
            .collect(),
    };
    let mut no_trl = 0;
    let mut projects = 0u64;
    for &i in &catalog.roadshows {
        let KindData::Roadshow(roadshow) = &site.items[i].data else { continue };
        for p in &roadshow.projects {
            projects += 1;
            match p.seeking {
                Some(s) => seeking.add(s.as_str()),
                None => no_seeking += 1,
            }
            match p.trl {
                Some(l) => trl.add(&l.to_string()),
                None => no_trl += 1,
            }
        }
    }
    let roadshows = Section {
        id: "roadshows",
        title: pick("路演", "Roadshows"),
        total: catalog.roadshows.len() as u64,
        projects: Some(projects),
        note: Some(if zh {
            format!("{} 场路演，{projects} 个项目", catalog.roadshows.len())
        } else {
            format!("{} roadshows, {projects} projects", catalog.roadshows.len())
        }),
        charts: vec![
            seeking
                .with_unspecified(no_seeking, zh)
                .chart("projects_by_seeking", pick("项目按寻求", "Projects by what they seek")),
            trl.with_unspecified(no_trl, zh).chart(
                "projects_by_trl",
                pick("项目按技术成熟度", "Projects by technology readiness"),
            ),
        ],
    };

    // Policies.
    let mut levels =
        Tally::fixed(PolicyLevel::VARIANTS, PolicyLevel::as_str, |l| labels::level(l, zh));
    let mut pstates =
        Tally::fixed(&State::OF_POLICIES, State::as_str, |s| labels::policy_state(s, zh));
    let mut incentives =
        Tally::fixed(IncentiveKind::VARIANTS, IncentiveKind::as_str, |k| labels::incentive(k, zh));
    for &i in &catalog.policies {
        let item = &site.items[i];
        let KindData::Policy(policy) = &item.data else { continue };
        levels.add(policy.level.as_str());
        if let Some(s) = item.state(today) {
            pstates.add(s.as_str());
        }
        let mut kinds: Vec<IncentiveKind> = policy.incentives.iter().map(|x| x.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            incentives.add(k.as_str());
        }
    }
    let policies = Section {
        id: "policies",
        title: pick("政策", "Policies"),
        total: catalog.policies.len() as u64,
        projects: None,
        note: None,
        charts: vec![
            levels.chart("by_level", pick("按层级", "By level")),
            pstates.chart("by_state", pick("按状态", "By status")),
            incentives.chart(
                "by_incentive",
                pick("按激励类型（含该类激励的政策数）", "By incentive (policies offering it)"),
            ),
        ],
    };

    // Members.
    let mut types =
        Tally::fixed(MemberType::VARIANTS, MemberType::as_str, |t| labels::member_type(t, zh));
    let mut regions: BTreeMap<&str, u64> = BTreeMap::new();
    let mut no_region = 0;
    for &i in &catalog.members {
        let item = &site.items[i];
        if let Some(m) = item.as_member() {
            types.add(m.member_type.as_str());
        }
        if item.regions.is_empty() {
            no_region += 1;
        }
        for term in dedup(&item.regions) {
            *regions.entry(term).or_default() += 1;
        }
    }
    let mut region_rows = by_term(regions, |s| labels::region(config, s));
    if no_region > 0 {
        region_rows.push(Row {
            key: "unspecified".into(),
            label: labels::unspecified(zh).into(),
            count: no_region,
        });
    }
    let members = Section {
        id: "members",
        title: pick("成员", "Members"),
        total: catalog.members.len() as u64,
        projects: None,
        note: None,
        charts: vec![
            types.chart("by_type", pick("按类型", "By type")),
            Chart { id: "by_region", title: pick("按地区", "By region"), rows: region_rows },
        ],
    };

    vec![members, cases, demands, roadshows, policies]
}

fn dedup(terms: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = terms.iter().map(String::as_str).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The numbers as `stats/index.json`.
pub fn to_json(sections: &[Section], site: &Site) -> Value {
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

/// A horizontal bar chart; empty when there is nothing to count.
pub fn bar_chart(chart: &Chart, section: &str) -> String {
    const WIDTH: f64 = 480.0;
    const LABEL: f64 = 140.0;
    const ROW: f64 = 28.0;
    const BAR: f64 = 18.0;
    const FONT: f64 = 14.0;
    if chart.rows.is_empty() {
        return String::new();
    }
    let max = chart.rows.iter().map(|r| r.count).max().unwrap_or(0).max(1) as f64;
    let value_room = 8.0 + FONT * 0.6 * (max as u64).to_string().len() as f64;
    let span = WIDTH - LABEL - 10.0 - value_room;
    let height = chart.rows.len() as f64 * ROW + 8.0;
    let id = format!("chart-{section}-{}", chart.id.replace('_', "-"));
    let mut out = String::with_capacity(200 + chart.rows.len() * 260);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" class="insight-chart" font-size="{FONT}" fill="currentColor" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        num(WIDTH),
        num(height),
        esc(&chart.title),
    );
    for (i, row) in chart.rows.iter().enumerate() {
        let y = 4.0 + i as f64 * ROW;
        let mid = y + ROW / 2.0;
        let w = span * row.count as f64 / max;
        let _ = write!(
            out,
            r#"<text class="label" x="{}" y="{}" dy="0.35em" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{BAR}" rx="2"><title>{}: {}</title></rect><text class="value" x="{}" y="{}" dy="0.35em">{}</text>"#,
            num(LABEL - 8.0),
            num(mid),
            esc(&fit(&row.label, FONT, LABEL - 12.0)),
            num(LABEL),
            num(mid - BAR / 2.0),
            num(w),
            esc(&row.label),
            row.count,
            num(LABEL + w + 6.0),
            num(mid),
            row.count,
        );
    }
    out.push_str("</svg>");
    out
}
