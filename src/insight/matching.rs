//! Demand docking: for every open demand, the members most likely to answer it,
//! each with its reasons as facts ([`Reason`]: which keywords, industries, cases,
//! offers, projects and regions; the renderer words them in the page's language);
//! and for every member, the open demands it could answer. The points and thresholds are explained for editors in
//! `docs/matching.md`; keep the two in step.
//!
//! Scoring every member against every demand would be quadratic (1,500 members ×
//! 3,000 demands on a 10k corpus), so candidates come from indexes instead: the
//! members sharing one of the demand's industries, and the members one of whose
//! expertise keywords occurs in the demand's text, found with one Aho–Corasick
//! pass over it. A member reached by neither has nothing topical in common with
//! the demand and is never suggested. Everything that depends only on the member
//! and the kind of need (its offers, its past cases) is worked out once per member.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;

use super::Catalog;
use crate::model::{KindData, Mode, Need, Offer, Site, State};

/// Points per shared industry (at most [`MAX_INDUSTRIES`] count).
pub const INDUSTRY_POINTS: u32 = 3;
/// Shared industries that earn points.
pub const MAX_INDUSTRIES: u32 = 2;
/// Points per expertise keyword of the member found in the demand's text.
pub const KEYWORD_POINTS: u32 = 4;
/// Keywords that earn points.
pub const MAX_KEYWORDS: u32 = 3;
/// Points when the member offers something the need calls for.
pub const OFFER_POINTS: u32 = 3;
/// Points when the member shares a region with the demand.
pub const REGION_POINTS: u32 = 2;
/// Points per past case of the member with a mode fitting the need.
pub const CASE_POINTS: u32 = 2;
/// Cases that earn points.
pub const MAX_CASES: u32 = 3;
/// Points for a fitting roadshow project; each further one adds 1, up to 2 more.
pub const PROJECT_POINTS: u32 = 3;
/// The least score a suggestion needs.
pub const MIN_SCORE: u32 = 5;
/// Suggestions shown on a demand page and exported in `demands/matches.json`.
pub const SUGGESTIONS_PER_DEMAND: usize = 8;
/// Open demands shown on a member page.
pub const DEMANDS_PER_MEMBER: usize = 8;

const NEEDS: usize = Need::ALL.len();
const MODES: usize = Mode::ALL.len();

/// What members offer that answers a need.
pub fn fitting_offers(need: Need) -> &'static [Offer] {
    match need {
        Need::Technology => &[Offer::Research, Offer::Consulting, Offer::Equipment],
        Need::Talent => &[Offer::Talent, Offer::Training],
        Need::Equipment => &[Offer::Equipment],
        Need::Training => &[Offer::Training, Offer::Consulting],
        Need::JointRnd => &[Offer::Research, Offer::Equipment],
        Need::Consulting => &[Offer::Consulting, Offer::Research],
    }
}

/// Cooperation modes whose past cases show a member can answer a need.
pub fn fitting_modes(need: Need) -> &'static [Mode] {
    match need {
        Need::Technology => &[Mode::JointRnd, Mode::TechTransfer, Mode::JointLab],
        Need::Talent => &[
            Mode::OrderTraining,
            Mode::Apprenticeship,
            Mode::InternshipBase,
            Mode::IndustrialCollege,
        ],
        Need::Equipment => &[Mode::JointLab, Mode::TrainingBase, Mode::TechTransfer],
        Need::Training => &[
            Mode::TrainingBase,
            Mode::TeacherExchange,
            Mode::OrderTraining,
            Mode::IndustrialCollege,
        ],
        Need::JointRnd => &[Mode::JointRnd, Mode::JointLab, Mode::TechTransfer],
        Need::Consulting => &[Mode::TechTransfer, Mode::JointRnd],
    }
}

/// Whether pitched roadshow projects speak for a member on this need: projects
/// are technology, so they count for technology, R&D, equipment and consulting.
pub fn projects_count_for(need: Need) -> bool {
    !matches!(need, Need::Talent | Need::Training)
}

/// One ranked pairing of a demand and a member, seen from one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into `site.items` of the other side (the member on a demand's list,
    /// the demand on a member's list).
    pub item: usize,
    /// Total points.
    pub score: u32,
    /// Why, strongest signals first.
    pub reasons: Vec<Reason>,
}

/// Why a member fits a demand: what the two have in common, as data. The page
/// that shows it words it in its language (`[reason]` of the theme's tables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Expertise keywords of the member found in the demand's text, spelled as
    /// the first member to list them wrote them (at most [`MAX_KEYWORDS`]).
    Keywords(Vec<String>),
    /// Industries both name: term slugs, in slug order.
    Industries(Vec<String>),
    /// The member's past cases in a mode that fits the need: one reason per mode,
    /// most cases first.
    Cases {
        /// The cooperation mode.
        mode: Mode,
        /// How many of the member's cases are of it.
        count: u32,
    },
    /// What the member offers that the need calls for, in [`fitting_offers`] order.
    Offers(Vec<Offer>),
    /// The member's roadshow projects that fit the demand: the newest one's title,
    /// and how many there are.
    Projects {
        /// The newest fitting project's title.
        title: String,
        /// Fitting projects in all (at least 1).
        count: u32,
    },
    /// Regions both name: term slugs, in slug order.
    Regions(Vec<String>),
}

/// The result of docking.
#[derive(Debug, Default)]
pub struct Docking {
    /// Open demands (item index) with their suggestions, best first, in slug order.
    pub by_demand: Vec<(usize, Vec<Match>)>,
    /// Members (item index) with the open demands they could answer, best first.
    pub by_member: HashMap<usize, Vec<Match>>,
}

/// Small sorted lists of interned term ids.
type Terms = Vec<u32>;

/// A pitched project, from the team's side.
struct ProjectRef {
    roadshow: usize,
    index: usize,
    industries: Terms,
    /// `industries` folded into 64 bits, to rule out most projects without
    /// following a pointer.
    industry_bits: u64,
    trl: Option<u8>,
}

/// Term ids folded into 64 bits: no common bit means no common term.
fn bits(terms: &[u32]) -> u64 {
    terms.iter().fold(0, |acc, &t| acc | 1 << (t % 64))
}

/// What matching needs to know about a member, worked out once.
struct Profile {
    item: usize,
    slug_rank: u32,
    industries: Terms,
    regions: Terms,
    keywords: Terms,
    offers: u16,
    mode_cases: [u32; MODES],
    fit_cases: [u32; NEEDS],
    /// Points from offers and fitting cases, which depend on the need only.
    need_points: [u32; NEEDS],
    /// Newest roadshow first.
    projects: Vec<ProjectRef>,
    /// Every industry of those projects' roadshows: a quick test before looking at each.
    project_industries: Terms,
}

/// An open demand, ready to be matched.
struct Query {
    item: usize,
    slug_rank: u32,
    need: Need,
    organization: Option<u32>,
    industries: Terms,
    industry_bits: u64,
    regions: Terms,
    keywords: Terms,
    trl: Option<u8>,
}

/// Interns taxonomy slugs to small integers.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
    names: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, s: &'a str) -> u32 {
        let next = self.names.len() as u32;
        *self.ids.entry(s).or_insert_with(|| {
            self.names.push(s);
            next
        })
    }

    fn intern_all(&mut self, list: &'a [String]) -> Terms {
        let mut ids: Terms = list.iter().map(|s| self.intern(s)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn known(&self, list: &[String]) -> Terms {
        let mut ids: Terms =
            list.iter().filter_map(|s| self.ids.get(s.as_str()).copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Expertise keywords of all members, searchable in one pass over a text.
struct Keywords {
    automaton: Option<AhoCorasick>,
    /// Normalized (trimmed, lowercased) keyword by id.
    patterns: Vec<String>,
    /// The spelling shown in reasons: the first member's, in source order.
    display: Vec<String>,
    /// Members (profile index) that list the keyword.
    members: Vec<Vec<u32>>,
}

impl Keywords {
    /// Ids of the keywords that occur in `texts`. A keyword that starts or ends
    /// with a Latin letter or digit must stand as a word there (`AI` is not found
    /// in `maintain`); CJK text has no word boundaries to check.
    fn find(&self, texts: &[&str]) -> Terms {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut hits = Vec::new();
        for text in texts {
            let bytes = text.as_bytes();
            for m in ac.find_overlapping_iter(*text) {
                let id = m.pattern().as_u32();
                let pattern = self.patterns[id as usize].as_bytes();
                let alnum_start = pattern.first().is_some_and(u8::is_ascii_alphanumeric);
                let alnum_end = pattern.last().is_some_and(u8::is_ascii_alphanumeric);
                if alnum_start && m.start() > 0 && bytes[m.start() - 1].is_ascii_alphanumeric() {
                    continue;
                }
                if alnum_end && m.end() < bytes.len() && bytes[m.end()].is_ascii_alphanumeric() {
                    continue;
                }
                hits.push(id);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

/// Ids present in both sorted lists.
fn common<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

fn overlaps(a: &[u32], b: &[u32]) -> bool {
    common(a, b).next().is_some()
}

fn offer_bit(o: Offer) -> u16 {
    1 << (o as u16)
}

/// Everything matching needs, built once from the site.
struct Matcher<'s> {
    site: &'s Site,
    industries: Interner<'s>,
    regions: Interner<'s>,
    profiles: Vec<Profile>,
    by_industry: Vec<Vec<u32>>,
    keywords: Keywords,
}

impl<'s> Matcher<'s> {
    fn new(site: &'s Site, catalog: &Catalog<'s>) -> Self {
        let mut industries = Interner::default();
        let mut regions = Interner::default();
        let mut profiles = Vec::with_capacity(catalog.members.len());
        let mut keyword_ids: HashMap<String, u32> = HashMap::new();
        let mut patterns = Vec::new();
        let mut display = Vec::new();
        let mut keyword_members: Vec<Vec<u32>> = Vec::new();
        for (p, &idx) in catalog.members.iter().enumerate() {
            let item = &site.items[idx];
            let (offers, expertise) = match item.as_member() {
                Some(m) => (&m.offers[..], &m.expertise[..]),
                None => (&[][..], &[][..]),
            };
            let mut keywords = Vec::new();
            for word in expertise {
                let word = word.trim();
                if word.chars().count() < 2 {
                    continue;
                }
                let norm = word.to_lowercase();
                let id = *keyword_ids.entry(norm.clone()).or_insert_with(|| {
                    patterns.push(norm);
                    display.push(word.to_owned());
                    keyword_members.push(Vec::new());
                    (patterns.len() - 1) as u32
                });
                keywords.push(id);
            }
            keywords.sort_unstable();
            keywords.dedup();
            for &k in &keywords {
                keyword_members[k as usize].push(p as u32);
            }
            profiles.push(Profile {
                item: idx,
                slug_rank: p as u32,
                industries: industries.intern_all(&item.industries),
                regions: regions.intern_all(&item.regions),
                keywords,
                offers: offers.iter().fold(0, |acc, &o| acc | offer_bit(o)),
                mode_cases: [0; MODES],
                fit_cases: [0; NEEDS],
                need_points: [0; NEEDS],
                projects: Vec::new(),
                project_industries: Vec::new(),
            });
        }

        for &idx in &catalog.cases {
            let KindData::Case(case) = &site.items[idx].data else { continue };
            let mut partners: Vec<u32> =
                case.partners.iter().filter_map(|s| catalog.member_of(s)).collect();
            partners.sort_unstable();
            partners.dedup();
            let mut modes = case.modes.clone();
            modes.sort_unstable();
            modes.dedup();
            for &p in &partners {
                let profile = &mut profiles[p as usize];
                for &m in &modes {
                    profile.mode_cases[m as usize] += 1;
                }
                for &need in Need::VARIANTS {
                    if modes.iter().any(|m| fitting_modes(need).contains(m)) {
                        profile.fit_cases[need as usize] += 1;
                    }
                }
            }
        }

        let mut roadshows: Vec<usize> = catalog.roadshows.clone();
        // Newest first, so a reason names the latest fitting project.
        roadshows.sort_by(|&a, &b| {
            let (KindData::Roadshow(ra), KindData::Roadshow(rb)) =
                (&site.items[a].data, &site.items[b].data)
            else {
                return a.cmp(&b);
            };
            rb.start
                .timestamp()
                .cmp(&ra.start.timestamp())
                .then(site.items[a].slug.cmp(&site.items[b].slug))
        });
        for idx in roadshows {
            let item = &site.items[idx];
            let KindData::Roadshow(roadshow) = &item.data else { continue };
            let terms = industries.intern_all(&item.industries);
            let industry_bits = bits(&terms);
            for (index, project) in roadshow.projects.iter().enumerate() {
                let Some(p) = project.team.as_deref().and_then(|t| catalog.member_of(t)) else {
                    continue;
                };
                profiles[p as usize].projects.push(ProjectRef {
                    roadshow: idx,
                    index,
                    industries: terms.clone(),
                    industry_bits,
                    trl: project.trl,
                });
            }
        }

        for profile in &mut profiles {
            let mut terms: Terms =
                profile.projects.iter().flat_map(|p| p.industries.iter().copied()).collect();
            terms.sort_unstable();
            terms.dedup();
            profile.project_industries = terms;
            for &need in Need::VARIANTS {
                let offers =
                    fitting_offers(need).iter().any(|&o| profile.offers & offer_bit(o) != 0);
                let cases = profile.fit_cases[need as usize].min(MAX_CASES);
                profile.need_points[need as usize] =
                    if offers { OFFER_POINTS } else { 0 } + CASE_POINTS * cases;
            }
        }

        let mut by_industry: Vec<Vec<u32>> = vec![Vec::new(); industries.names.len()];
        for (p, profile) in profiles.iter().enumerate() {
            for &t in &profile.industries {
                by_industry[t as usize].push(p as u32);
            }
        }

        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        let keywords = Keywords { automaton, patterns, display, members: keyword_members };
        Self { site, industries, regions, profiles, by_industry, keywords }
    }

    fn queries(&self, catalog: &Catalog<'s>) -> Vec<Query> {
        let site = self.site;
        catalog
            .demands
            .par_iter()
            .enumerate()
            .filter_map(|(rank, &idx)| {
                let item = &site.items[idx];
                let KindData::Demand(demand) = &item.data else { return None };
                if item.state(site.today) != Some(State::Open) {
                    return None;
                }
                let mut texts: Vec<&str> = vec![&item.title, &item.body];
                texts.extend(item.summary.as_deref());
                texts.extend(item.tags.iter().map(String::as_str));
                let industries = self.industries.known(&item.industries);
                Some(Query {
                    item: idx,
                    slug_rank: rank as u32,
                    need: demand.need,
                    organization: catalog.member_of(&demand.organization),
                    industry_bits: bits(&industries),
                    industries,
                    regions: self.regions.known(&item.regions),
                    keywords: self.keywords.find(&texts),
                    trl: demand.trl,
                })
            })
            .collect()
    }

    fn fitting_projects<'p>(
        &self,
        q: &'p Query,
        p: &'p Profile,
    ) -> impl Iterator<Item = &'p ProjectRef> + 'p {
        let counts = projects_count_for(q.need) && overlaps(&q.industries, &p.project_industries);
        let projects = if counts { &p.projects[..] } else { &[] };
        projects.iter().filter(move |pr| {
            pr.industry_bits & q.industry_bits != 0
                && overlaps(&q.industries, &pr.industries)
                && match (q.trl, pr.trl) {
                    (Some(want), Some(have)) => have + 1 >= want,
                    _ => true,
                }
        })
    }

    /// The member's points for the demand; 0 when nothing topical is shared.
    fn score(&self, q: &Query, p: &Profile) -> u32 {
        let industries = common(&q.industries, &p.industries).count() as u32;
        let keywords = common(&q.keywords, &p.keywords).count() as u32;
        if industries == 0 && keywords == 0 {
            return 0;
        }
        let mut score = INDUSTRY_POINTS * industries.min(MAX_INDUSTRIES)
            + KEYWORD_POINTS * keywords.min(MAX_KEYWORDS)
            + p.need_points[q.need as usize];
        if overlaps(&q.regions, &p.regions) {
            score += REGION_POINTS;
        }
        // Points stop growing after three projects, so stop counting there too.
        let projects = self.fitting_projects(q, p).take(3).count() as u32;
        if projects > 0 {
            score += PROJECT_POINTS + (projects - 1).min(2);
        }
        score
    }

    /// Every member worth suggesting for the demand, with its score.
    fn candidates(&self, q: &Query) -> Vec<(u32, u32)> {
        let mut reached: Vec<u32> = Vec::new();
        for &t in &q.industries {
            reached.extend_from_slice(&self.by_industry[t as usize]);
        }
        for &k in &q.keywords {
            reached.extend_from_slice(&self.keywords.members[k as usize]);
        }
        reached.sort_unstable();
        reached.dedup();
        reached
            .into_iter()
            .filter(|&p| Some(p) != q.organization)
            .filter_map(|p| {
                let score = self.score(q, &self.profiles[p as usize]);
                (score >= MIN_SCORE).then_some((p, score))
            })
            .collect()
    }

    /// Why the member fits the demand, strongest signals first.
    fn reasons(&self, q: &Query, p: &Profile) -> Vec<Reason> {
        let mut out = Vec::with_capacity(7);

        let words: Vec<String> = common(&q.keywords, &p.keywords)
            .take(MAX_KEYWORDS as usize)
            .map(|k| self.keywords.display[k as usize].clone())
            .collect();
        if !words.is_empty() {
            out.push(Reason::Keywords(words));
        }

        let terms = term_slugs(&self.industries, common(&q.industries, &p.industries));
        if !terms.is_empty() {
            out.push(Reason::Industries(terms));
        }

        let modes = fitting_modes(q.need);
        let mut order: [usize; MODES] = std::array::from_fn(|i| i);
        let order = &mut order[..modes.len()];
        // Most cases first; the table's order breaks ties (a stable sort).
        order.sort_by_key(|&i| std::cmp::Reverse(p.mode_cases[modes[i] as usize]));
        for &i in order.iter() {
            let count = p.mode_cases[modes[i] as usize];
            if count > 0 {
                out.push(Reason::Cases { mode: modes[i], count });
            }
        }

        let offers: Vec<Offer> = fitting_offers(q.need)
            .iter()
            .copied()
            .filter(|&o| p.offers & offer_bit(o) != 0)
            .collect();
        if !offers.is_empty() {
            out.push(Reason::Offers(offers));
        }

        let mut projects = self.fitting_projects(q, p);
        if let Some(first) = projects.next() {
            let title = match &self.site.items[first.roadshow].data {
                KindData::Roadshow(r) => r.projects[first.index].title.clone(),
                _ => String::new(),
            };
            out.push(Reason::Projects { title, count: 1 + projects.count() as u32 });
        }

        let terms = term_slugs(&self.regions, common(&q.regions, &p.regions));
        if !terms.is_empty() {
            out.push(Reason::Regions(terms));
        }
        out
    }
}

/// The slugs of shared terms, in slug order (term ids are not).
fn term_slugs(names: &Interner<'_>, ids: impl Iterator<Item = u32>) -> Vec<String> {
    let mut terms: Vec<String> = ids.map(|id| names.names[id as usize].to_owned()).collect();
    terms.sort_unstable();
    terms
}

/// Matches every open demand against the members.
pub fn dock(site: &Site, catalog: &Catalog<'_>) -> Docking {
    let matcher = Matcher::new(site, catalog);
    let queries = matcher.queries(catalog);
    let scored: Vec<Vec<(u32, u32)>> = queries.par_iter().map(|q| matcher.candidates(q)).collect();

    // Each member keeps its best few demands: (score, demand slug rank, query).
    let mut best: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); matcher.profiles.len()];
    for (qi, list) in scored.iter().enumerate() {
        let rank = queries[qi].slug_rank;
        for &(p, score) in list {
            let kept = &mut best[p as usize];
            let key = (std::cmp::Reverse(score), rank);
            let pos = kept.partition_point(|&(s, r, _)| (std::cmp::Reverse(s), r) < key);
            if pos < DEMANDS_PER_MEMBER {
                kept.insert(pos, (score, rank, qi as u32));
                kept.truncate(DEMANDS_PER_MEMBER);
            }
        }
    }

    let by_demand: Vec<(usize, Vec<Match>)> = queries
        .par_iter()
        .zip(scored)
        .map(|(q, mut list)| {
            let profiles = &matcher.profiles;
            let key = |&(p, score): &(u32, u32)| {
                (std::cmp::Reverse(score), profiles[p as usize].slug_rank)
            };
            if list.len() > SUGGESTIONS_PER_DEMAND {
                list.select_nth_unstable_by_key(SUGGESTIONS_PER_DEMAND, key);
                list.truncate(SUGGESTIONS_PER_DEMAND);
            }
            list.sort_unstable_by_key(key);
            let matches = list
                .into_iter()
                .map(|(p, score)| {
                    let profile = &profiles[p as usize];
                    Match { item: profile.item, score, reasons: matcher.reasons(q, profile) }
                })
                .collect();
            (q.item, matches)
        })
        .collect();

    let by_member: HashMap<usize, Vec<Match>> = best
        .into_par_iter()
        .enumerate()
        .filter(|(_, kept)| !kept.is_empty())
        .map(|(p, kept)| {
            let profile = &matcher.profiles[p];
            let matches = kept
                .into_iter()
                .map(|(score, _, qi)| {
                    let q = &queries[qi as usize];
                    Match { item: q.item, score, reasons: matcher.reasons(q, profile) }
                })
                .collect();
            (profile.item, matches)
        })
        .collect();

    Docking { by_demand, by_member }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(words: &[&str]) -> Keywords {
        let patterns: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        let n = patterns.len();
        Keywords {
            automaton,
            display: words.iter().map(|w| w.to_string()).collect(),
            patterns,
            members: vec![Vec::new(); n],
        }
    }

    #[test]
    fn latin_keywords_match_whole_words_in_any_case_and_cjk_anywhere() {
        let k = keywords(&["AI", "machine vision", "数控加工", "5G通信"]);
        assert_eq!(k.find(&["maintain the plant"]), Vec::<u32>::new());
        assert_eq!(k.find(&["Using AI, and MACHINE VISION."]), [0, 1]);
        assert_eq!(k.find(&["五轴数控加工中心", "无5G通信"]), [2, 3]);
        assert_eq!(k.find(&["ai-driven"]), [0]);
        assert_eq!(k.find(&["machine visionary"]), Vec::<u32>::new());
    }

    #[test]
    fn common_terms_of_sorted_lists() {
        assert_eq!(common(&[1, 3, 5, 7], &[2, 3, 7, 9]).collect::<Vec<_>>(), [3, 7]);
        assert!(!overlaps(&[1, 2], &[3]));
        assert!(!overlaps(&[], &[]));
    }

    #[test]
    fn every_need_has_fitting_offers_and_modes() {
        for &need in Need::VARIANTS {
            assert!(!fitting_offers(need).is_empty(), "{need}");
            assert!(
                !fitting_modes(need).is_empty() && fitting_modes(need).len() <= MODES,
                "{need}"
            );
        }
        assert_eq!(bits(&[0, 64, 3]), 0b1001);
    }
}
