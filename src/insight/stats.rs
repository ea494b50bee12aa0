//! Statistics of the alliance: counts by mode, depth, industry, year, need,
//! state, level, incentive, type and region, drawn as bar charts at build time.
//!
//! The counts are keyed by the values as editors write them (`joint-rnd`, a term
//! slug, a year); [`Keys`] says what a chart's keys are, so the page can word them.
//! The charts are plain SVG with no library and no script, drawn by [`bar_chart`]
//! with the title and row labels the page gives it. They take their colours from
//! `currentColor` and CSS variables (so they follow light and dark mode) and scale
//! to the width of the page through their `viewBox`. Every chart sits next to a
//! table with the same numbers, and `stats/index.json` holds them for other tools.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Catalog;
use super::svg::{esc, fit, num};
use crate::model::{
    Depth, IncentiveKind, KindData, MemberType, Mode, Need, PolicyLevel, Seeking, Site, State,
};

/// The key of a row that counts items leaving the field out.
pub const UNSPECIFIED: &str = "unspecified";

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The value as written in the content (`joint-rnd`, a term slug, a year, a
    /// TRL level), or [`UNSPECIFIED`].
    pub key: String,
    /// How many.
    pub count: u64,
}

/// What the keys of a chart's rows are, so the page can word them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Member types (`university`).
    MemberType,
    /// Region slugs.
    Region,
    /// Cooperation modes.
    Mode,
    /// Depths.
    Depth,
    /// Industry slugs.
    Industry,
    /// Years (`2024`).
    Year,
    /// Needs of demands.
    Need,
    /// Derived states of demands.
    DemandState,
    /// What roadshow projects seek.
    Seeking,
    /// Technology readiness levels (`1`..`9`).
    Trl,
    /// Policy levels.
    Level,
    /// Derived states of policies.
    PolicyState,
    /// Incentive kinds.
    Incentive,
}

/// One chart: a list of counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Unique in its section (`by_mode`); also the key in `stats/index.json`.
    pub id: &'static str,
    /// What the rows' keys are.
    pub keys: Keys,
    /// The bars, top to bottom.
    pub rows: Vec<Row>,
}

/// Charts grouped by kind, as shown on `/stats/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The kind (`cases`), also the key in `stats/index.json`.
    pub id: &'static str,
    /// How many items of the kind (for roadshows: events).
    pub total: u64,
    /// How many roadshow projects (roadshows only).
    pub projects: Option<u64>,
    /// The charts.
    pub charts: Vec<Chart>,
}

/// Counts keyed by value, kept in a fixed order.
struct Tally {
    rows: Vec<Row>,
}

impl Tally {
    /// One row per allowed value, in the content model's order, all zero.
    fn fixed<T: Copy>(values: &[T], key: impl Fn(T) -> &'static str) -> Self {
        Self { rows: values.iter().map(|&v| Row { key: key(v).to_owned(), count: 0 }).collect() }
    }

    fn add(&mut self, key: &str) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.key == key) {
            row.count += 1;
        }
    }

    /// Adds an [`UNSPECIFIED`] row when it counts anything.
    fn with_unspecified(mut self, count: u64) -> Self {
        if count > 0 {
            self.rows.push(Row { key: UNSPECIFIED.into(), count });
        }
        self
    }

    fn chart(self, id: &'static str, keys: Keys) -> Chart {
        Chart { id, keys, rows: self.rows }
    }
}

/// Counts of free terms (industries, regions), most frequent first, then by slug.
fn by_term(counts: BTreeMap<&str, u64>) -> Vec<Row> {
    let mut rows: Vec<Row> =
        counts.into_iter().map(|(k, count)| Row { key: k.to_owned(), count }).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.count));
    rows
}

/// Depths, deepest first (the order a reader compares them in).
const DEPTHS: [Depth; 3] = [Depth::Deep, Depth::Middle, Depth::Shallow];

/// Counts everything.
pub fn collect(site: &Site, catalog: &Catalog<'_>) -> Vec<Section> {
    let today = site.today;

    // Cases.
    let mut modes = Tally::fixed(Mode::VARIANTS, Mode::as_str);
    let mut depths = Tally::fixed(&DEPTHS, Depth::as_str);
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
        total: catalog.cases.len() as u64,
        projects: None,
        charts: vec![
            modes.chart("by_mode", Keys::Mode),
            depths.with_unspecified(no_depth).chart("by_depth", Keys::Depth),
            Chart { id: "by_industry", keys: Keys::Industry, rows: by_term(industries) },
            Chart {
                id: "by_year",
                keys: Keys::Year,
                rows: years
                    .into_iter()
                    .map(|(y, count)| Row { key: y.to_string(), count })
                    .collect(),
            },
        ],
    };

    // Demands.
    let mut needs = Tally::fixed(Need::VARIANTS, Need::as_str);
    let mut states = Tally::fixed(&State::OF_DEMANDS, State::as_str);
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
        total: catalog.demands.len() as u64,
        projects: None,
        charts: vec![
            needs.chart("by_need", Keys::Need),
            states.chart("by_state", Keys::DemandState),
        ],
    };

    // Roadshow projects.
    let mut seeking = Tally::fixed(Seeking::VARIANTS, Seeking::as_str);
    let mut no_seeking = 0;
    let mut trl = Tally { rows: (1..=9).map(|l| Row { key: l.to_string(), count: 0 }).collect() };
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
        total: catalog.roadshows.len() as u64,
        projects: Some(projects),
        charts: vec![
            seeking.with_unspecified(no_seeking).chart("projects_by_seeking", Keys::Seeking),
            trl.with_unspecified(no_trl).chart("projects_by_trl", Keys::Trl),
        ],
    };

    // Policies.
    let mut levels = Tally::fixed(PolicyLevel::VARIANTS, PolicyLevel::as_str);
    let mut pstates = Tally::fixed(&State::OF_POLICIES, State::as_str);
    let mut incentives = Tally::fixed(IncentiveKind::VARIANTS, IncentiveKind::as_str);
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
        total: catalog.policies.len() as u64,
        projects: None,
        charts: vec![
            levels.chart("by_level", Keys::Level),
            pstates.chart("by_state", Keys::PolicyState),
            incentives.chart("by_incentive", Keys::Incentive),
        ],
    };

    // Members.
    let mut types = Tally::fixed(MemberType::VARIANTS, MemberType::as_str);
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
    let members = Section {
        id: "members",
        total: catalog.members.len() as u64,
        projects: None,
        charts: vec![
            types.chart("by_type", Keys::MemberType),
            Tally { rows: by_term(regions) }
                .with_unspecified(no_region)
                .chart("by_region", Keys::Region),
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

/// A chart as a horizontal bar chart: `title` names it, `labels` word its rows
/// (in the chart's order); `section` and the chart's id make its element ids.
/// Empty when there is nothing to count.
pub fn bar_chart(chart: &Chart, section: &str, title: &str, labels: &[&str]) -> String {
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
        esc(title),
    );
    for (i, (row, label)) in chart.rows.iter().zip(labels).enumerate() {
        let y = 4.0 + i as f64 * ROW;
        let mid = y + ROW / 2.0;
        let w = span * row.count as f64 / max;
        let _ = write!(
            out,
            r#"<text class="label" x="{}" y="{}" dy="0.35em" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{BAR}" rx="2"><title>{}: {}</title></rect><text class="value" x="{}" y="{}" dy="0.35em">{}</text>"#,
            num(LABEL - 8.0),
            num(mid),
            esc(&fit(label, FONT, LABEL - 12.0)),
            num(LABEL),
            num(mid - BAR / 2.0),
            num(w),
            esc(label),
            row.count,
            num(LABEL + w + 6.0),
            num(mid),
            row.count,
        );
    }
    out.push_str("</svg>");
    out
}
