//! Alliance intelligence: what a generic site generator cannot offer, computed
//! once per build from the Markdown so the site stays static.
//!
//! - **Demand docking** (`matching`): suggested partners on every open demand,
//!   the open demands a member could answer, each with its [`Reason`]s.
//! - **Cooperation network** (`network`): partners on member pages, the graph
//!   at `/network/` (its drawing as SVG geometry).
//! - **Statistics** (`stats`): counts by mode, depth, industry and more, and their
//!   bar charts.
//! - **Policy finder** (`finder`): every policy with the values it is filtered by,
//!   and the facets.
//!
//! What it is for: facts. [`compute`] returns items by index into `site.items`,
//! codes, slugs, counts and orderings; it chooses no word a visitor reads and no
//! path of the site. The renderer words the facts in each page's language from the
//! theme's tables (`render::insight`) and the outputs write its JSON files
//! (`outputs::insight`). The drawings are the exception that proves it: their
//! geometry is here, and every word in them (a drawing's title, a node's tooltip, a
//! bar's label) comes in as an argument; member titles inside them are escaped here
//! (see `svg`). Output is deterministic: ties sort by slug.

mod finder;
mod matching;
mod network;
mod stats;
mod svg;

use std::collections::HashMap;

use crate::model::{Kind, KindData, Site};

pub use finder::{Entry as FinderEntry, Facet, FacetName, FacetOption, Finder};
pub use matching::{
    CASE_POINTS, INDUSTRY_POINTS, KEYWORD_POINTS, MIN_SCORE, Match, OFFER_POINTS, PROJECT_POINTS,
    REGION_POINTS, Reason,
};
pub use network::{Edge, Link, MAX_APART, MAX_DRAWN, MemberRow, Network};
pub use stats::{Chart, Keys, Row, Section, UNSPECIFIED, bar_chart};

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

/// Everything the insight pages, partials and files show, computed once per build.
/// Items are indices into `site.items`.
#[derive(Debug, Default)]
pub struct Insights {
    /// Every open demand, in slug order, with its suggested partners, best first.
    docked: Vec<(usize, Vec<Match>)>,
    /// Position in `docked` by demand.
    docked_at: HashMap<usize, usize>,
    /// Open demands a member could answer, best first, by member.
    open_demands: HashMap<usize, Vec<Match>>,
    network: Network,
    stats: Vec<Section>,
    finder: Finder,
}

/// Computes every insight of the site.
pub fn compute(site: &Site) -> Insights {
    let catalog = Catalog::new(site);
    let ((docking, network), (stats, finder)) = rayon::join(
        || rayon::join(|| matching::dock(site, &catalog), || network::build(site, &catalog)),
        || rayon::join(|| stats::collect(site, &catalog), || finder::build(site, &catalog)),
    );
    let docked_at = docking.by_demand.iter().enumerate().map(|(n, (i, _))| (*i, n)).collect();
    Insights {
        docked: docking.by_demand,
        docked_at,
        open_demands: docking.by_member,
        network,
        stats,
        finder,
    }
}

impl Insights {
    /// The suggested partners of `demand`, best first; empty unless it is open.
    pub fn suggestions(&self, demand: usize) -> &[Match] {
        self.docked_at.get(&demand).map_or(&[], |&n| &self.docked[n].1)
    }

    /// Every open demand, in slug order, with its suggestions (some may have none).
    pub fn docked(&self) -> &[(usize, Vec<Match>)] {
        &self.docked
    }

    /// The open demands `member` could answer, best first.
    pub fn open_demands(&self, member: usize) -> &[Match] {
        self.open_demands.get(&member).map_or(&[], Vec::as_slice)
    }

    /// The partners of `member`, most cases first.
    pub fn partners(&self, member: usize) -> &[Link] {
        self.network.partners.get(&member).map_or(&[], Vec::as_slice)
    }

    /// The cooperation network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The statistics: members, cases, demands, roadshows, policies.
    pub fn stats(&self) -> &[Section] {
        &self.stats
    }

    /// The policy finder.
    pub fn finder(&self) -> &Finder {
        &self.finder
    }
}
