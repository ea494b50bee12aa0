//! The columns a sheet of each kind may have: the field each names (by its field
//! name or a Chinese name of the editors' guide), what a cell of it holds, and the
//! Chinese labels of enumerations (the default theme's interface words, so that a
//! sheet says `企业` where the file says `enterprise`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::Kind;

/// What a column's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    /// A string.
    Text,
    /// A list of strings (split on `、,，;；`).
    List,
    /// One string, or a list when the cell names several.
    TextOrList,
    /// A date.
    Date,
    /// A date and time.
    DateTime,
    /// A date, or a date and time.
    DateOrTime,
    /// true / false.
    Bool,
    /// A whole number.
    Int,
    /// A number.
    Number,
    /// One value of an enumeration, whose Chinese labels are in this theme section.
    Enum(&'static str),
    /// A list of values of an enumeration.
    EnumList(&'static str),
    /// A member (by slug or by its exact title).
    Member,
    /// Members.
    MemberList,
    /// One member or several.
    MemberOrList,
    /// Policies (by slug or exact title).
    PolicyList,
}

/// One column a sheet may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// The field, dotted for a field inside a table (`contact.email`).
    pub(crate) key: &'static str,
    /// What its cells hold.
    pub(crate) ty: Type,
    /// Its Chinese names; the first is the header `export` writes.
    pub(crate) zh: &'static [&'static str],
}

const fn col(key: &'static str, ty: Type, zh: &'static [&'static str]) -> Column {
    Column { key, ty, zh }
}

const COMMON_HEAD: &[Column] =
    &[col("slug", Type::Text, &["标识"]), col("title", Type::Text, &["名称", "标题", "题目"])];

const COMMON_TAIL: &[Column] = &[
    col("date", Type::DateOrTime, &["发布日期", "日期"]),
    col("updated", Type::DateOrTime, &["更新日期", "更新"]),
    col("summary", Type::Text, &["摘要", "简介"]),
    col("industries", Type::List, &["产业", "行业"]),
    col("regions", Type::List, &["地区", "区域"]),
    col("tags", Type::List, &["标签"]),
    col("draft", Type::Bool, &["草稿"]),
    col("cover", Type::Text, &["封面"]),
    col("cover_alt", Type::Text, &["封面说明"]),
];

const MEMBERS: &[Column] = &[
    col("type", Type::Enum("member_type"), &["类型"]),
    col("website", Type::Text, &["网址", "官网"]),
    col("joined", Type::Date, &["加入日期"]),
    col("offers", Type::EnumList("offer"), &["可提供", "可提供资源"]),
    col("expertise", Type::List, &["专长"]),
    col("contact.name", Type::Text, &["联系人"]),
    col("contact.email", Type::Text, &["联系邮箱", "邮箱"]),
    col("contact.phone", Type::Text, &["联系电话", "电话"]),
];

const CASES: &[Column] = &[
    col("partners", Type::MemberList, &["合作方", "合作伙伴"]),
    col("modes", Type::EnumList("mode"), &["合作模式"]),
    col("depth", Type::Enum("depth"), &["合作深度"]),
    col("started", Type::Date, &["开始日期"]),
    col("ended", Type::Date, &["结束日期"]),
    col("policies", Type::PolicyList, &["政策"]),
];

const POLICIES: &[Column] = &[
    col("issuer", Type::TextOrList, &["发文机关"]),
    col("doc_number", Type::Text, &["文号"]),
    col("level", Type::Enum("level"), &["级别"]),
    col("issued", Type::Date, &["印发日期"]),
    col("effective", Type::Date, &["生效日期"]),
    col("expires", Type::Date, &["失效日期"]),
    col("status", Type::Enum("policy_status"), &["状态"]),
    col("source_url", Type::Text, &["原文链接"]),
];

const DEMANDS: &[Column] = &[
    col("need", Type::Enum("need"), &["需求类型"]),
    col("organization", Type::Member, &["发布单位"]),
    col("deadline", Type::Date, &["截止日期"]),
    col("status", Type::Enum("demand_status"), &["状态"]),
    col("budget.min", Type::Number, &["预算下限"]),
    col("budget.max", Type::Number, &["预算上限"]),
    col("budget.amount", Type::Number, &["预算金额"]),
    col("budget.currency", Type::Text, &["币种"]),
    col("budget.negotiable", Type::Bool, &["面议"]),
    col("trl", Type::Int, &["技术成熟度"]),
    col("contact.name", Type::Text, &["联系人"]),
    col("contact.email", Type::Text, &["联系邮箱", "邮箱"]),
    col("contact.phone", Type::Text, &["联系电话", "电话"]),
];

const ROADSHOWS: &[Column] = &[
    col("start", Type::DateTime, &["开始时间"]),
    col("end", Type::DateTime, &["结束时间"]),
    col("status", Type::Enum("roadshow_status"), &["状态"]),
    col("organizer", Type::MemberOrList, &["主办方", "主办单位"]),
    col("venue.name", Type::Text, &["地点", "场地名称"]),
    col("venue.address", Type::Text, &["地址"]),
    col("venue.city", Type::Text, &["城市"]),
    col("online_url", Type::Text, &["线上地址", "直播地址"]),
    col("registration.url", Type::Text, &["报名网址"]),
    col("registration.deadline", Type::Date, &["报名截止日期"]),
    col("registration.capacity", Type::Int, &["名额"]),
];

/// Every column of `kind`, in the order `export` writes them.
pub(crate) fn columns(kind: Kind) -> Vec<Column> {
    let own: &[Column] = match kind {
        Kind::Members => MEMBERS,
        Kind::Cases => CASES,
        Kind::Policies => POLICIES,
        Kind::Demands => DEMANDS,
        Kind::Roadshows => ROADSHOWS,
        Kind::Pages => &[],
    };
    COMMON_HEAD.iter().chain(own).chain(COMMON_TAIL).copied().collect()
}

/// The column a header names, by field name (any case) or Chinese name.
pub(crate) fn find(kind: Kind, header: &str) -> Option<Column> {
    let h = header.trim().trim_end_matches(['*', '＊']).trim();
    columns(kind).into_iter().find(|c| c.key.eq_ignore_ascii_case(h) || c.zh.contains(&h))
}

/// Every name a header of `kind` may have, for "did you mean".
pub(crate) fn names(kind: Kind) -> Vec<&'static str> {
    columns(kind).iter().flat_map(|c| std::iter::once(c.key).chain(c.zh.iter().copied())).collect()
}

/// The Chinese labels of every enumeration, by theme section: value → label.
fn labels() -> &'static BTreeMap<String, Vec<(String, String)>> {
    static LABELS: OnceLock<BTreeMap<String, Vec<(String, String)>>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let table: toml::Table =
            toml::from_str(include_str!("../../themes/default/i18n/zh.toml")).unwrap_or_default();
        let section = |name: &str| -> Vec<(String, String)> {
            table
                .get(name)
                .and_then(|v| v.as_table())
                .map(|t| {
                    t.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let only = |name: &str, keep: &[&str]| -> Vec<(String, String)> {
            section(name).into_iter().filter(|(k, _)| keep.contains(&k.as_str())).collect()
        };
        let mut map = BTreeMap::new();
        for s in ["member_type", "offer", "mode", "depth", "level", "need", "roadshow_status"] {
            map.insert(s.to_owned(), section(s));
        }
        map.insert(
            "demand_status".into(),
            only("state", &["open", "in-talks", "matched", "closed"]),
        );
        map.insert("policy_status".into(), only("state", &["in-force", "amended", "repealed"]));
        map
    })
}

/// The value a cell means: a Chinese label turned into its value, else as written.
pub(crate) fn enum_value(section: &str, cell: &str) -> String {
    let cell = cell.trim();
    labels()
        .get(section)
        .and_then(|l| l.iter().find(|(_, label)| label == cell))
        .map_or_else(|| cell.to_owned(), |(value, _)| value.clone())
}

/// The Chinese label of a value (`export`), else the value.
pub(crate) fn enum_label(section: &str, value: &str) -> String {
    labels()
        .get(section)
        .and_then(|l| l.iter().find(|(v, _)| v == value))
        .map_or_else(|| value.to_owned(), |(_, label)| label.clone())
}

/// Splits a list cell on `、` `,` `，` `;` `；` (and line breaks).
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    cell.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_theme() {
        assert_eq!(enum_value("member_type", "企业"), "enterprise");
        assert_eq!(enum_value("member_type", "enterprise"), "enterprise");
        assert_eq!(enum_label("offer", "internships"), "实习岗位");
        assert_eq!(enum_value("demand_status", "征集中"), "open");
    }

    #[test]
    fn headers_by_name_or_chinese_name() {
        assert_eq!(find(Kind::Members, "联系邮箱").unwrap().key, "contact.email");
        assert_eq!(find(Kind::Members, "Title").unwrap().key, "title");
        assert!(find(Kind::Members, "titel").is_none());
        // No two columns of a kind share a name.
        for kind in Kind::SECTIONS {
            let names = names(kind);
            let mut sorted = names.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "{kind:?}");
        }
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("科研、人才,设备，培训;场地；其他"),
            ["科研", "人才", "设备", "培训", "场地", "其他"]
        );
    }
}
