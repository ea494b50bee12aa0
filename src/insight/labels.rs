//! Words for the values editors write as codes (`joint-rnd`, `in-force`), in
//! Chinese and English. The insight pages and the matching reasons are sentences
//! for visitors, so they cannot show `joint-rnd`; taxonomy terms use the labels
//! from `site.toml` and fall back to the slug.

use crate::config::SiteConfig;
use crate::model::{
    Depth, IncentiveKind, MemberType, Mode, Need, Offer, PolicyLevel, Seeking, State,
};

/// Whether text for a page in `lang` should be Chinese (`zh`, `zh-Hans-CN`, ...).
pub fn is_zh(lang: &str) -> bool {
    lang.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh"))
}

/// Picks the Chinese or the English text.
pub fn pick(zh: bool, chinese: &'static str, english: &'static str) -> &'static str {
    if zh { chinese } else { english }
}

/// A cooperation mode.
pub fn mode(m: Mode, zh: bool) -> &'static str {
    match m {
        Mode::OrderTraining => pick(zh, "订单培养", "order-based training"),
        Mode::Apprenticeship => pick(zh, "现代学徒制", "apprenticeship"),
        Mode::InternshipBase => pick(zh, "实习基地", "internship base"),
        Mode::IndustrialCollege => pick(zh, "产业学院", "industrial college"),
        Mode::JointLab => pick(zh, "联合实验室", "joint lab"),
        Mode::JointRnd => pick(zh, "联合研发", "joint R&D"),
        Mode::TechTransfer => pick(zh, "技术转移", "technology transfer"),
        Mode::TrainingBase => pick(zh, "实训基地", "training base"),
        Mode::TeacherExchange => pick(zh, "师资交流", "teacher exchange"),
        Mode::Other => pick(zh, "其他", "other"),
    }
}

/// What a demand seeks.
pub fn need(n: Need, zh: bool) -> &'static str {
    match n {
        Need::Technology => pick(zh, "技术", "technology"),
        Need::Talent => pick(zh, "人才", "talent"),
        Need::Equipment => pick(zh, "设备", "equipment"),
        Need::Training => pick(zh, "培训", "training"),
        Need::JointRnd => pick(zh, "联合研发", "joint R&D"),
        Need::Consulting => pick(zh, "咨询", "consulting"),
    }
}

/// What a member offers.
pub fn offer(o: Offer, zh: bool) -> &'static str {
    match o {
        Offer::Research => pick(zh, "科研", "research"),
        Offer::Talent => pick(zh, "人才", "talent"),
        Offer::Equipment => pick(zh, "设备", "equipment"),
        Offer::Training => pick(zh, "培训", "training"),
        Offer::Internships => pick(zh, "实习岗位", "internships"),
        Offer::Funding => pick(zh, "资金", "funding"),
        Offer::Consulting => pick(zh, "咨询", "consulting"),
        Offer::Venue => pick(zh, "场地", "venue"),
        Offer::Other => pick(zh, "其他", "other"),
    }
}

/// A member type.
pub fn member_type(t: MemberType, zh: bool) -> &'static str {
    match t {
        MemberType::University => pick(zh, "高校", "university"),
        MemberType::College => pick(zh, "职业院校", "college"),
        MemberType::Enterprise => pick(zh, "企业", "enterprise"),
        MemberType::Association => pick(zh, "行业协会", "association"),
        MemberType::Government => pick(zh, "政府部门", "government"),
        MemberType::Institute => pick(zh, "科研院所", "research institute"),
        MemberType::Investor => pick(zh, "投资机构", "investor"),
    }
}

/// A cooperation depth.
pub fn depth(d: Depth, zh: bool) -> &'static str {
    match d {
        Depth::Shallow => pick(zh, "浅层", "shallow"),
        Depth::Middle => pick(zh, "中度", "middle"),
        Depth::Deep => pick(zh, "深度", "deep"),
    }
}

/// A policy level.
pub fn level(l: PolicyLevel, zh: bool) -> &'static str {
    match l {
        PolicyLevel::National => pick(zh, "国家级", "national"),
        PolicyLevel::Provincial => pick(zh, "省级", "provincial"),
        PolicyLevel::Municipal => pick(zh, "市级", "municipal"),
        PolicyLevel::County => pick(zh, "县级", "county"),
        PolicyLevel::Park => pick(zh, "园区级", "park"),
    }
}

/// An incentive kind.
pub fn incentive(k: IncentiveKind, zh: bool) -> &'static str {
    match k {
        IncentiveKind::Tax => pick(zh, "税收优惠", "tax"),
        IncentiveKind::Funding => pick(zh, "资金支持", "funding"),
        IncentiveKind::Land => pick(zh, "用地保障", "land"),
        IncentiveKind::Credit => pick(zh, "金融信贷", "credit"),
        IncentiveKind::Talent => pick(zh, "人才支持", "talent"),
        IncentiveKind::Other => pick(zh, "其他", "other"),
    }
}

/// What a pitched project seeks.
pub fn seeking(s: Seeking, zh: bool) -> &'static str {
    match s {
        Seeking::Investment => pick(zh, "融资", "investment"),
        Seeking::Licensing => pick(zh, "技术许可", "licensing"),
        Seeking::Partner => pick(zh, "合作伙伴", "partners"),
        Seeking::Customers => pick(zh, "客户", "customers"),
    }
}

/// A demand's derived state.
pub fn demand_state(s: State, zh: bool) -> &'static str {
    match s {
        State::Open => pick(zh, "征集中", "open"),
        State::Expired => pick(zh, "已过期", "expired"),
        State::InTalks => pick(zh, "洽谈中", "in talks"),
        State::Matched => pick(zh, "已对接", "matched"),
        State::Closed => pick(zh, "已关闭", "closed"),
        other => other.as_str(),
    }
}

/// A policy's derived state.
pub fn policy_state(s: State, zh: bool) -> &'static str {
    match s {
        State::Upcoming => pick(zh, "尚未生效", "not yet in force"),
        State::InForce => pick(zh, "有效", "in force"),
        State::Expired => pick(zh, "已失效", "expired"),
        State::Amended => pick(zh, "已修订", "amended"),
        State::Repealed => pick(zh, "已废止", "repealed"),
        other => other.as_str(),
    }
}

/// "Not given", for counts of items that leave a field out.
pub fn unspecified(zh: bool) -> &'static str {
    pick(zh, "未注明", "not given")
}

/// The label of an industry term.
pub fn industry(config: &SiteConfig, slug: &str) -> String {
    config.taxonomies.industries.get(slug).cloned().unwrap_or_else(|| slug.to_owned())
}

/// The label of a region term.
pub fn region(config: &SiteConfig, slug: &str) -> String {
    config.taxonomies.regions.get(slug).cloned().unwrap_or_else(|| slug.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_chosen_by_language_prefix() {
        assert!(is_zh("zh"));
        assert!(is_zh("zh-Hans-CN"));
        assert!(is_zh("ZH-tw"));
        assert!(!is_zh("en"));
        assert!(!is_zh("z"));
        assert_eq!(mode(Mode::JointRnd, true), "联合研发");
        assert_eq!(mode(Mode::JointRnd, false), "joint R&D");
    }
}
