//! What templates and JSON files receive: borrowed `Serialize` views, turned into
//! a `serde_json::Value` or bytes in one pass, and the fixed words of the insight
//! pages and partials in Chinese and English.
//!
//! Views rather than `json!` trees because `json!` copies every nested value it is
//! given; with thousands of partners and policies that copying cost more than all
//! the matching.

use serde::Serialize;

/// Counts by depth.
#[derive(Serialize, Clone, Copy, PartialEq)]
pub struct DepthCounts {
    pub shallow: u32,
    pub middle: u32,
    pub deep: u32,
}

impl DepthCounts {
    /// From `[shallow, middle, deep]`.
    pub fn new(d: [u32; 3]) -> Self {
        Self { shallow: d[0], middle: d[1], deep: d[2] }
    }
}

/// One suggested partner on a demand page.
#[derive(Serialize, PartialEq)]
pub struct Suggestion<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    #[serde(rename = "type")]
    pub member_type: Option<&'static str>,
    pub type_label: Option<&'static str>,
    pub score: u32,
    pub reasons: &'a [String],
}

/// `Insights::demand_context`.
#[derive(Serialize, PartialEq)]
pub struct DemandView<'a> {
    pub suggestions: Vec<Suggestion<'a>>,
    pub labels: &'static DemandLabels,
}

/// One open demand on a member page.
#[derive(Serialize, PartialEq)]
pub struct OpenDemand<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub deadline: Option<&'a str>,
    pub need: Option<&'static str>,
    pub need_label: Option<&'static str>,
    pub score: u32,
    pub reasons: &'a [String],
}

/// One partner on a member page.
#[derive(Serialize, PartialEq)]
pub struct Partner<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    #[serde(rename = "type")]
    pub member_type: Option<&'static str>,
    pub type_label: Option<&'static str>,
    pub cases: u32,
    pub depth: DepthCounts,
    pub roadshows: u32,
}

/// `Insights::member_context`.
#[derive(Serialize, PartialEq)]
pub struct MemberView<'a> {
    pub open_demands: Vec<OpenDemand<'a>>,
    pub partners: Vec<Partner<'a>>,
    pub labels: &'static MemberLabels,
}

/// A case on a policy page.
#[derive(Serialize)]
pub struct CaseLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub date: &'a str,
}

/// `Insights::policy_context`.
#[derive(Serialize)]
pub struct PolicyView<'a> {
    pub cases: Vec<CaseLink<'a>>,
    pub labels: &'static PolicyLabels,
}

/// Words of the demand partial.
#[derive(Serialize, PartialEq)]
pub struct DemandLabels {
    pub heading: &'static str,
    pub intro: &'static str,
    pub score: &'static str,
    pub none: &'static str,
}

/// Words of the member partial.
#[derive(Serialize, PartialEq)]
pub struct MemberLabels {
    pub demands_heading: &'static str,
    pub demands_intro: &'static str,
    pub deadline: &'static str,
    pub score: &'static str,
    pub partners_heading: &'static str,
    pub partner: &'static str,
    #[serde(rename = "type")]
    pub member_type: &'static str,
    pub cases: &'static str,
    pub deep: &'static str,
    pub middle: &'static str,
    pub shallow: &'static str,
    pub roadshows: &'static str,
}

/// Words of the policy's case list.
#[derive(Serialize)]
pub struct PolicyLabels {
    pub heading: &'static str,
}

/// The demand partial in Chinese.
pub const DEMAND_ZH: DemandLabels = DemandLabels {
    heading: "推荐对接伙伴",
    intro: "根据成员的资源清单、专长、行业、地区、合作案例和路演项目自动推荐，仅供参考。",
    score: "匹配分",
    none: "暂无推荐。",
};
/// The demand partial in English.
pub const DEMAND_EN: DemandLabels = DemandLabels {
    heading: "Suggested partners",
    intro: "Suggested from members' resources, expertise, industries, regions, past cases and roadshow projects: a starting point, not an endorsement.",
    score: "Score",
    none: "No suggestions yet.",
};
/// The member partial in Chinese.
pub const MEMBER_ZH: MemberLabels = MemberLabels {
    demands_heading: "可对接的需求",
    demands_intro: "以下征集中的需求与本成员的资源、专长或合作经验相符。",
    deadline: "截止",
    score: "匹配分",
    partners_heading: "合作伙伴",
    partner: "成员",
    member_type: "类型",
    cases: "合作案例",
    deep: "深度",
    middle: "中度",
    shallow: "浅层",
    roadshows: "路演",
};
/// The member partial in English.
pub const MEMBER_EN: MemberLabels = MemberLabels {
    demands_heading: "Open demands it could answer",
    demands_intro: "These open demands fit this member's resources, expertise or experience.",
    deadline: "Deadline",
    score: "Score",
    partners_heading: "Partners",
    partner: "Member",
    member_type: "Type",
    cases: "Cases",
    deep: "Deep",
    middle: "Middle",
    shallow: "Shallow",
    roadshows: "Roadshows",
};
/// The policy's case list in Chinese.
pub const POLICY_ZH: PolicyLabels = PolicyLabels { heading: "应用本政策的案例" };
/// The policy's case list in English.
pub const POLICY_EN: PolicyLabels = PolicyLabels { heading: "Cases that used this policy" };

/// A member in the network table.
#[derive(Serialize)]
pub struct NetworkMember<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    #[serde(rename = "type")]
    pub member_type: Option<&'static str>,
    pub type_label: Option<&'static str>,
    pub partners: u32,
    pub case_partners: u32,
    pub cases: u32,
    pub deep: u32,
    pub middle: u32,
    pub shallow: u32,
    pub roadshows: u32,
}

/// A link to a member, with its URL made for this page.
#[derive(Serialize)]
pub struct MemberLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
}

/// A drawn pair in the network's pair table.
#[derive(Serialize)]
pub struct NetworkPair<'a> {
    pub a: MemberLink<'a>,
    pub b: MemberLink<'a>,
    pub cases: u32,
    pub deep: u32,
    pub middle: u32,
    pub shallow: u32,
    pub depth_class: &'static str,
}

/// A member type in the network's legend.
#[derive(Serialize)]
pub struct LegendEntry {
    #[serde(rename = "type")]
    pub member_type: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// The members of one type that share no case, on `/network/`.
#[derive(Serialize)]
pub struct ApartGroup<'a> {
    #[serde(rename = "type")]
    pub member_type: &'static str,
    pub members: Vec<MemberLink<'a>>,
}

/// Words of `/network/`.
#[derive(Serialize)]
pub struct NetworkLabels {
    pub legend: &'static str,
    pub depth_legend: &'static str,
    pub table: &'static str,
    pub member: &'static str,
    #[serde(rename = "type")]
    pub member_type: &'static str,
    pub partners: &'static str,
    pub case_partners: &'static str,
    pub cases: &'static str,
    pub deep: &'static str,
    pub middle: &'static str,
    pub shallow: &'static str,
    pub roadshows: &'static str,
    pub edges: &'static str,
    pub pair: &'static str,
    pub empty: &'static str,
}

/// The context of `network.html` (under `insight`).
#[derive(Serialize)]
pub struct NetworkPage<'a> {
    pub title: &'static str,
    pub rel_url: &'static str,
    pub intro: &'static str,
    pub note: String,
    pub svg: &'a str,
    pub drawn: usize,
    pub with_cases: usize,
    pub capped: bool,
    pub max_drawn: usize,
    /// The members that share no case, drawn apart from the ring.
    pub apart_svg: &'a str,
    /// How many of them are drawn, and how many there are.
    pub apart_drawn: usize,
    pub apart_count: usize,
    pub apart_capped: bool,
    /// All of them, grouped by type, each group by title.
    pub apart: Vec<ApartGroup<'a>>,
    pub legend: Vec<LegendEntry>,
    pub members: Vec<NetworkMember<'a>>,
    pub edges: Vec<NetworkPair<'a>>,
    pub labels: &'static NetworkLabels,
}

/// `/network/` in Chinese.
pub const NETWORK_ZH: NetworkLabels = NetworkLabels {
    legend: "图例",
    depth_legend: "线的粗细：共同案例数按深度加权（深度 3、中度 2、浅层或未注明 1）",
    table: "全部有合作关系的成员",
    member: "成员",
    member_type: "类型",
    partners: "合作伙伴",
    case_partners: "案例伙伴",
    cases: "案例",
    deep: "深度",
    middle: "中度",
    shallow: "浅层",
    roadshows: "路演",
    edges: "图中的合作关系",
    pair: "合作双方",
    empty: "还没有合作案例。",
};
/// `/network/` in English.
pub const NETWORK_EN: NetworkLabels = NetworkLabels {
    legend: "Legend",
    depth_legend: "Line width: shared cases weighted by depth (deep 3, middle 2, shallow or not given 1)",
    table: "All members with partners",
    member: "Member",
    member_type: "Type",
    partners: "Partners",
    case_partners: "Case partners",
    cases: "Cases",
    deep: "Deep",
    middle: "Middle",
    shallow: "Shallow",
    roadshows: "Roadshows",
    edges: "Partnerships in the graph",
    pair: "Partners",
    empty: "No cases yet.",
};

/// One bar in a stats table.
#[derive(Serialize)]
pub struct StatRow<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub count: u64,
}

/// One chart on `/stats/`.
#[derive(Serialize)]
pub struct StatChart<'a> {
    pub id: &'static str,
    pub title: &'a str,
    pub svg: String,
    pub total: u64,
    pub rows: Vec<StatRow<'a>>,
}

/// One kind on `/stats/`.
#[derive(Serialize)]
pub struct StatSection<'a> {
    pub id: &'static str,
    pub title: &'a str,
    pub total: u64,
    pub note: Option<&'a str>,
    pub charts: Vec<StatChart<'a>>,
}

/// Words of `/stats/`.
#[derive(Serialize)]
pub struct StatsLabels {
    pub total: &'static str,
    pub value: &'static str,
    pub count: &'static str,
    pub empty: &'static str,
    pub table: &'static str,
    pub contents: &'static str,
}

/// The context of `stats.html` (under `insight`).
#[derive(Serialize)]
pub struct StatsPage<'a> {
    pub title: &'static str,
    pub rel_url: &'static str,
    pub intro: &'static str,
    pub today: String,
    pub as_of: String,
    pub sections: Vec<StatSection<'a>>,
    pub labels: &'static StatsLabels,
}

/// `/stats/` in Chinese.
pub const STATS_ZH: StatsLabels = StatsLabels {
    total: "合计",
    value: "类别",
    count: "数量",
    empty: "暂无数据",
    table: "数据表",
    contents: "目录",
};
/// `/stats/` in English.
pub const STATS_EN: StatsLabels = StatsLabels {
    total: "Total",
    value: "Category",
    count: "Count",
    empty: "No data yet",
    table: "Data table",
    contents: "Contents",
};

/// A suggestion in `demands/matches.json`.
#[derive(Serialize)]
pub struct MatchOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    #[serde(rename = "type")]
    pub member_type: Option<&'static str>,
    pub score: u32,
    pub reasons: &'a [String],
}

/// A demand in `demands/matches.json`.
#[derive(Serialize)]
pub struct DemandOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub need: Option<&'static str>,
    pub organization: Option<&'a str>,
    pub deadline: Option<String>,
    pub suggestions: Vec<MatchOut<'a>>,
}

/// `demands/matches.json`.
#[derive(Serialize)]
pub struct MatchesFile<'a> {
    pub today: String,
    pub count: usize,
    pub demands: Vec<DemandOut<'a>>,
}

/// A member in `network/index.json`.
#[derive(Serialize)]
pub struct NodeOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    #[serde(rename = "type")]
    pub member_type: Option<&'static str>,
    pub partners: u32,
    pub case_partners: u32,
    pub cases: u32,
    pub depth: DepthCounts,
    pub roadshows: u32,
}

/// A pair in `network/index.json`.
#[derive(Serialize)]
pub struct EdgeOut<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub cases: u32,
    pub depth: DepthCounts,
    pub roadshows: u32,
}

/// `network/index.json`: `members` with at least one partner, `edges`, and
/// `unconnected`: every member that shares no case (by type, then title).
#[derive(Serialize)]
pub struct NetworkFile<'a> {
    pub members: Vec<NodeOut<'a>>,
    pub edges: Vec<EdgeOut<'a>>,
    pub unconnected: Vec<NodeOut<'a>>,
}

/// One option of a finder facet.
#[derive(Serialize)]
pub struct FacetOption<'a> {
    pub value: &'a str,
    pub label: String,
    pub count: u64,
}

/// One facet of the finder.
#[derive(Serialize)]
pub struct Facet<'a> {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<FacetOption<'a>>,
}

/// A labelled code (`{ kind: "tax", label: "税收优惠" }`).
#[derive(Serialize)]
pub struct Coded {
    pub kind: &'static str,
    pub label: &'static str,
}

/// A labelled taxonomy term.
#[derive(Serialize)]
pub struct Term<'a> {
    pub slug: &'a str,
    pub label: String,
}

/// The values a finder entry is filtered by, space-separated.
#[derive(Serialize)]
pub struct FinderData {
    pub level: &'static str,
    pub state: &'static str,
    pub incentive: String,
    pub industry: String,
    pub region: String,
}

/// One policy in the finder.
#[derive(Serialize)]
pub struct FinderPolicy<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub level: &'static str,
    pub level_label: &'static str,
    pub state: &'static str,
    pub state_label: &'static str,
    pub issued: String,
    pub issuer: String,
    pub doc_number: Option<&'a str>,
    pub incentives: Vec<Coded>,
    pub industries: Vec<Term<'a>>,
    pub regions: Vec<Term<'a>>,
    pub data: FinderData,
}

/// Words of the finder.
#[derive(Serialize)]
pub struct FinderLabels {
    pub intro: &'static str,
    pub filters: &'static str,
    pub reset: &'static str,
    pub count: &'static str,
    pub none: &'static str,
    pub empty: &'static str,
    pub issued: &'static str,
    pub issuer: &'static str,
    pub level: &'static str,
    pub state: &'static str,
    pub incentives: &'static str,
    pub all: &'static str,
}

/// The context of `policy-finder.html` (under `insight`).
#[derive(Serialize)]
pub struct FinderPage<'a> {
    pub title: &'static str,
    pub rel_url: &'static str,
    pub total: usize,
    pub facets: Vec<Facet<'a>>,
    pub policies: Vec<FinderPolicy<'a>>,
    pub labels: &'static FinderLabels,
}

/// The finder in Chinese.
pub const FINDER_ZH: FinderLabels = FinderLabels {
    intro: "按层级、状态、激励类型、行业和地区筛选联盟收录的政策。同一组内勾选多项时满足任一项即可，不同组的条件须同时满足。",
    filters: "筛选条件",
    reset: "清除筛选",
    count: "显示 {shown} / {total} 条政策",
    none: "没有符合条件的政策。",
    empty: "还没有收录政策。",
    issued: "发布日期",
    issuer: "发布机关",
    level: "层级",
    state: "状态",
    incentives: "激励",
    all: "全部政策",
};
/// The finder in English.
pub const FINDER_EN: FinderLabels = FinderLabels {
    intro: "Filter the alliance's policies by level, status, incentive, industry and region. Within a group any ticked value matches; across groups all must match.",
    filters: "Filters",
    reset: "Clear filters",
    count: "Showing {shown} of {total} policies",
    none: "No policy matches these filters.",
    empty: "No policies yet.",
    issued: "Issued",
    issuer: "Issuer",
    level: "Level",
    state: "Status",
    incentives: "Incentives",
    all: "All policies",
};

/// Picks the Chinese or English words.
pub fn pick<T>(zh: bool, chinese: &'static T, english: &'static T) -> &'static T {
    if zh { chinese } else { english }
}
