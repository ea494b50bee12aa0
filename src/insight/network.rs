//! The cooperation network: who works with whom, how often and how deeply.
//!
//! Two members are partners when they appear together in a case (counted per
//! case, with the case's depth) or meet at a roadshow, one organising it and the
//! other organising it too or pitching a project there. Member pages list their
//! partners; `/network/` draws the graph.
//!
//! The drawing is a ring: members grouped by type around one circle, cases as
//! curves bent towards the middle, thicker for deeper cooperation. Unlike a force
//! layout it costs nothing, is the same on every build, and its labels never
//! overlap. Past [`MAX_DRAWN`] members the ring gets unreadable, so only the
//! members with the most partners are drawn; the table on the page lists them all.
//!
//! Members that share no case with another member are not left out: they are drawn
//! apart, as a second drawing of the ring's width (so at the same scale) with their
//! nodes in rows, grouped by type and sorted by title, and the page lists them all
//! (whom the secretariat could bring into a case). Past [`MAX_APART`] of them,
//! those with the most partners from roadshows are drawn.
//!
//! The drawings hold no word of their own: [`Network::ring_svg`] and
//! [`Network::apart_svg`] take the drawing's title and each member's tooltip from
//! the renderer, which words them from the theme's tables. Member titles are data
//! and are escaped here.

use std::collections::HashMap;
use std::f64::consts::PI;
use std::fmt::Write;

use super::Catalog;
use super::svg::{esc, fit, num};
use crate::model::{Depth, KindData, MemberType, Site};

/// How many members the graph draws at most.
pub const MAX_DRAWN: usize = 200;

/// How many members without a case partner the graph draws apart at most.
pub const MAX_APART: usize = 120;

/// One partner of a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The partner (index into `site.items`).
    pub other: usize,
    /// Cases they share.
    pub cases: u32,
    /// Those cases by depth: shallow, middle, deep.
    pub depth: [u32; 3],
    /// Roadshows where they met.
    pub roadshows: u32,
}

/// A pair of partners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// One member (index into `site.items`); its slug sorts before `b`'s.
    pub a: usize,
    /// The other member.
    pub b: usize,
    /// Cases they share.
    pub cases: u32,
    /// Those cases by depth: shallow, middle, deep.
    pub depth: [u32; 3],
    /// Roadshows where they met.
    pub roadshows: u32,
}

impl Edge {
    /// Depth-weighted case count: deep 3, middle 2, shallow or not given 1.
    pub fn weight(&self) -> u32 {
        let given = self.depth[0] + self.depth[1] + self.depth[2];
        self.depth[0] + 2 * self.depth[1] + 3 * self.depth[2] + (self.cases - given)
    }

    /// The deepest depth among its cases, if any case gives one.
    pub fn deepest(&self) -> Option<Depth> {
        [Depth::Deep, Depth::Middle, Depth::Shallow]
            .into_iter()
            .find(|&d| self.depth[d as usize] > 0)
    }
}

/// A member's line in the network table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// The member (index into `site.items`).
    pub item: usize,
    /// Distinct partners from cases.
    pub case_partners: u32,
    /// Distinct partners from cases or roadshows.
    pub partners: u32,
    /// Cases it took part in.
    pub cases: u32,
    /// Those cases by depth: shallow, middle, deep.
    pub depth: [u32; 3],
    /// Roadshows it organised or pitched at.
    pub roadshows: u32,
}

/// The whole network.
#[derive(Debug, Default, PartialEq)]
pub struct Network {
    /// Partners by member (index into `site.items`), most cases first.
    pub partners: HashMap<usize, Vec<Link>>,
    /// Every member with at least one partner, most case partners first.
    pub rows: Vec<MemberRow>,
    /// Every pair of partners, most cases first.
    pub edges: Vec<Edge>,
    /// The members the ring draws (indices into `rows`, in `rows` order): those with
    /// the most case partners, at most [`MAX_DRAWN`].
    pub ring: Vec<usize>,
    /// Members with at least one case partner (the ring's candidates).
    pub with_cases: usize,
    /// Indices into `edges` of the pairs the ring draws.
    pub drawn_edges: Vec<usize>,
    /// How many drawn members (on the ring or apart) are of each type.
    pub drawn_types: HashMap<MemberType, usize>,
    /// Every member without a case partner (so not on the ring), by type, then
    /// title, then slug.
    pub apart: Vec<MemberRow>,
    /// The members drawn apart (indices into `apart`, in drawing order): all of
    /// them, or the [`MAX_APART`] closest to a case.
    pub apart_drawn: Vec<usize>,
    /// The width (and height) of the ring's drawing; the drawing apart is as wide.
    pub size: f64,
}

#[derive(Default, Clone)]
struct Pair {
    cases: u32,
    depth: [u32; 3],
    roadshows: u32,
}

/// Builds the network from cases and roadshows.
pub fn build(site: &Site, catalog: &Catalog<'_>) -> Network {
    let n = catalog.members.len();
    let mut pairs: HashMap<(u32, u32), Pair> = HashMap::new();
    let mut rows: Vec<MemberRow> = catalog
        .members
        .iter()
        .map(|&item| MemberRow {
            item,
            case_partners: 0,
            partners: 0,
            cases: 0,
            depth: [0; 3],
            roadshows: 0,
        })
        .collect();

    for &idx in &catalog.cases {
        let KindData::Case(case) = &site.items[idx].data else { continue };
        let mut members: Vec<u32> =
            case.partners.iter().filter_map(|s| catalog.member_of(s)).collect();
        members.sort_unstable();
        members.dedup();
        for &m in &members {
            let row = &mut rows[m as usize];
            row.cases += 1;
            if let Some(d) = case.depth {
                row.depth[d as usize] += 1;
            }
        }
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let pair = pairs.entry((a, b)).or_default();
                pair.cases += 1;
                if let Some(d) = case.depth {
                    pair.depth[d as usize] += 1;
                }
            }
        }
    }

    for &idx in &catalog.roadshows {
        let KindData::Roadshow(roadshow) = &site.items[idx].data else { continue };
        let mut organizers: Vec<u32> =
            roadshow.organizer.iter().filter_map(|s| catalog.member_of(s)).collect();
        organizers.sort_unstable();
        organizers.dedup();
        let mut teams: Vec<u32> = roadshow
            .projects
            .iter()
            .filter_map(|p| p.team.as_deref().and_then(|t| catalog.member_of(t)))
            .filter(|t| !organizers.contains(t))
            .collect();
        teams.sort_unstable();
        teams.dedup();
        for &m in organizers.iter().chain(&teams) {
            rows[m as usize].roadshows += 1;
        }
        let mut met: Vec<(u32, u32)> = Vec::new();
        for (i, &a) in organizers.iter().enumerate() {
            met.extend(organizers[i + 1..].iter().map(|&b| (a, b)));
            met.extend(teams.iter().map(|&t| (a.min(t), a.max(t))));
        }
        for key in met {
            pairs.entry(key).or_default().roadshows += 1;
        }
    }

    let mut links: Vec<Vec<Link>> = vec![Vec::new(); n];
    let mut edges: Vec<Edge> = Vec::with_capacity(pairs.len());
    for ((a, b), pair) in pairs {
        let (ia, ib) = (catalog.members[a as usize], catalog.members[b as usize]);
        links[a as usize].push(Link {
            other: ib,
            cases: pair.cases,
            depth: pair.depth,
            roadshows: pair.roadshows,
        });
        links[b as usize].push(Link {
            other: ia,
            cases: pair.cases,
            depth: pair.depth,
            roadshows: pair.roadshows,
        });
        if pair.cases > 0 {
            rows[a as usize].case_partners += 1;
            rows[b as usize].case_partners += 1;
        }
        rows[a as usize].partners += 1;
        rows[b as usize].partners += 1;
        edges.push(Edge {
            a: ia,
            b: ib,
            cases: pair.cases,
            depth: pair.depth,
            roadshows: pair.roadshows,
        });
    }

    let slug = |i: usize| site.items[i].slug.as_str();
    edges.sort_by(|x, y| {
        y.cases
            .cmp(&x.cases)
            .then(y.weight().cmp(&x.weight()))
            .then(y.roadshows.cmp(&x.roadshows))
            .then(slug(x.a).cmp(slug(y.a)))
            .then(slug(x.b).cmp(slug(y.b)))
    });
    let mut partners = HashMap::new();
    for (p, mut list) in links.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|x, y| {
            y.cases
                .cmp(&x.cases)
                .then(y.depth[2].cmp(&x.depth[2]))
                .then(y.depth[1].cmp(&x.depth[1]))
                .then(y.roadshows.cmp(&x.roadshows))
                .then(slug(x.other).cmp(slug(y.other)))
        });
        partners.insert(catalog.members[p], list);
    }

    // Members no case connects, by type, title and slug, as the members' listing
    // orders them.
    let by_type_and_title = |x: &&MemberRow, y: &&MemberRow| {
        type_of(site, x.item)
            .cmp(&type_of(site, y.item))
            .then_with(|| site.items[x.item].title.cmp(&site.items[y.item].title))
            .then_with(|| slug(x.item).cmp(slug(y.item)))
    };
    let mut apart: Vec<MemberRow> = rows.iter().filter(|r| r.case_partners == 0).cloned().collect();
    apart.sort_by(|x, y| by_type_and_title(&x, &y));
    // `apart` is in drawing order, so drawing a subset in index order keeps it.
    let mut apart_drawn: Vec<usize> = (0..apart.len()).collect();
    if apart_drawn.len() > MAX_APART {
        // The closest to a case first: most partners from roadshows, then slug.
        apart_drawn.sort_by(|&x, &y| {
            let (x, y) = (&apart[x], &apart[y]);
            y.partners
                .cmp(&x.partners)
                .then(y.roadshows.cmp(&x.roadshows))
                .then(slug(x.item).cmp(slug(y.item)))
        });
        apart_drawn.truncate(MAX_APART);
        apart_drawn.sort_unstable();
    }

    // `rows` is in slug order, so a stable sort keeps slug order among ties.
    rows.retain(|r| r.partners > 0);
    rows.sort_by(|x, y| {
        y.case_partners
            .cmp(&x.case_partners)
            .then(y.cases.cmp(&x.cases))
            .then(y.partners.cmp(&x.partners))
    });

    let with_cases = rows.iter().filter(|r| r.case_partners > 0).count();
    // Members with case partners come first in `rows`.
    let ring: Vec<usize> = (0..with_cases.min(MAX_DRAWN)).collect();
    let drawn_set: HashMap<usize, &MemberRow> =
        ring.iter().map(|&r| (rows[r].item, &rows[r])).collect();
    let drawn_edges: Vec<usize> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.cases > 0 && drawn_set.contains_key(&e.a) && drawn_set.contains_key(&e.b)
        })
        .map(|(i, _)| i)
        .collect();
    let mut drawn_types: HashMap<MemberType, usize> = HashMap::new();
    for r in ring.iter().map(|&r| &rows[r]).chain(apart_drawn.iter().map(|&r| &apart[r])) {
        if let Some(t) = type_of(site, r.item) {
            *drawn_types.entry(t).or_default() += 1;
        }
    }
    let mut network = Network {
        partners,
        with_cases,
        rows,
        edges,
        ring,
        drawn_edges,
        drawn_types,
        apart_drawn,
        apart,
        size: 0.0,
    };
    network.size = network.ring_layout(site).half * 2.0;
    network
}

/// The CSS class of a member type's nodes (`t-university`).
fn type_of(site: &Site, item: usize) -> Option<MemberType> {
    site.items[item].as_member().map(|m| m.member_type)
}

/// Font size of the drawings' labels.
const FONT: f64 = 11.0;
/// The widest label; longer titles are cut with `…`.
const LABEL_WIDTH: f64 = 130.0;

/// Where the ring puts its members.
struct RingLayout<'n> {
    /// The drawn members, grouped by type, most partners first within a type.
    order: Vec<&'n MemberRow>,
    /// Each one's angle on the ring, in `order`.
    angles: Vec<f64>,
    radius: f64,
    /// Half the drawing's size: the ring's centre is at (`half`, `half`).
    half: f64,
}

impl Network {
    /// Places the drawn members around the ring, a gap between types.
    fn ring_layout(&self, site: &Site) -> RingLayout<'_> {
        const SLOT: f64 = 14.0;
        const GROUP_GAP: f64 = 1.5;

        // Group by type, most partners first within a group (rows are already in that order).
        let mut order: Vec<&MemberRow> = self.ring.iter().map(|&r| &self.rows[r]).collect();
        order.sort_by_key(|r| type_of(site, r.item));
        let groups = {
            let mut types: Vec<Option<MemberType>> =
                order.iter().map(|r| type_of(site, r.item)).collect();
            types.dedup();
            types.len()
        };
        let gap = if groups > 1 { GROUP_GAP } else { 0.0 };
        let slots = order.len() as f64 + gap * groups as f64;
        let radius = (slots * SLOT / (2.0 * PI)).max(120.0);
        let half = radius + 10.0 + LABEL_WIDTH + 10.0;

        let mut angles = Vec::with_capacity(order.len());
        let mut slot = 0.0;
        let mut previous: Option<Option<MemberType>> = None;
        for row in &order {
            let t = type_of(site, row.item);
            if previous != Some(t) {
                if previous.is_some() {
                    slot += gap;
                }
                previous = Some(t);
            }
            angles.push(-PI / 2.0 + 2.0 * PI * (slot + 0.5) / slots);
            slot += 1.0;
        }
        RingLayout { order, angles, radius, half }
    }

    /// The ring as an SVG element: the members with case partners around a circle,
    /// their shared cases as curves. `title` names the drawing for screen readers;
    /// `tooltip` words what a member's node says when pointed at.
    pub fn ring_svg(
        &self,
        site: &Site,
        title: &str,
        tooltip: &dyn Fn(&MemberRow) -> String,
    ) -> String {
        let RingLayout { order, angles, radius, half } = self.ring_layout(site);
        let size = 2.0 * half;
        let mut out = String::with_capacity(300 * order.len() + 120 * self.drawn_edges.len() + 400);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}" width="100%" class="insight-network" font-size="{FONT}" fill="currentColor" aria-labelledby="insight-network-title"><title id="insight-network-title">{t}</title>"#,
            s = num(size),
            t = esc(title),
        );

        let position: HashMap<usize, (f64, f64)> = order
            .iter()
            .zip(&angles)
            .map(|(row, angle)| {
                (row.item, (half + radius * angle.cos(), half + radius * angle.sin()))
            })
            .collect();

        out.push_str(r#"<g class="edges" fill="none" stroke="currentColor">"#);
        // Heavier edges last, so they are drawn on top.
        for e in self.drawn_edges.iter().rev().map(|&i| &self.edges[i]) {
            let (x1, y1) = position[&e.a];
            let (x2, y2) = position[&e.b];
            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let (qx, qy) = (half + (mx - half) * 0.2, half + (my - half) * 0.2);
            let class = e.deepest().map_or("unknown", |d| d.as_str());
            let width = (0.8 + 0.5 * (e.weight() as f64 - 1.0)).min(5.0);
            let _ = write!(
                out,
                r#"<path class="e d-{class}" stroke-width="{w}" d="M{} {}Q{} {} {} {}"/>"#,
                num(x1),
                num(y1),
                num(qx),
                num(qy),
                num(x2),
                num(y2),
                w = num(width),
            );
        }
        out.push_str("</g><g class=\"nodes\">");

        for (row, &angle) in order.iter().zip(&angles) {
            let item = &site.items[row.item];
            let (x, y) = position[&row.item];
            let type_class = type_of(site, row.item).map_or("other", |t| t.as_str());
            let r = (2.5 + 1.2 * (row.case_partners as f64).sqrt()).min(8.0);
            let (lx, ly) =
                (half + (radius + 10.0) * angle.cos(), half + (radius + 10.0) * angle.sin());
            let mut degrees = angle.to_degrees();
            let anchor = if angle.cos() < -1e-9 {
                degrees += 180.0;
                "end"
            } else {
                "start"
            };
            let _ = write!(
                out,
                r#"<a href="{href}"><title>{tip}</title><circle class="n t-{type_class}" cx="{}" cy="{}" r="{}"/><text transform="translate({} {}) rotate({})" text-anchor="{anchor}" dy="0.35em">{label}</text></a>"#,
                num(x),
                num(y),
                num(r),
                num(lx),
                num(ly),
                num(degrees),
                href = esc(&item.link(&site.config)),
                tip = esc(&tooltip(row)),
                label = esc(&fit(&item.title, FONT, LABEL_WIDTH)),
            );
        }
        out.push_str("</g></svg>");
        out
    }

    /// The members without a case partner, drawn apart from the ring: as wide as
    /// the ring's drawing (so both are at the same scale), in rows of as many nodes
    /// as fit, each type starting a row of its own. The columns share the width, so
    /// labels get what room is left over. Empty when nobody is apart. The drawing
    /// has no words of its own: the page names it; `tooltip` as for the ring.
    pub fn apart_svg(&self, site: &Site, tooltip: &dyn Fn(&MemberRow) -> String) -> String {
        const MARGIN: f64 = 20.0;
        const ROW: f64 = 20.0;
        const GROUP_GAP: f64 = 8.0;
        const RADIUS: f64 = 3.5;
        const GAP: f64 = 6.0;
        // Room after a label, before the next column's node.
        const PAD: f64 = 12.0;
        if self.apart_drawn.is_empty() {
            return String::new();
        }
        let width = self.size;
        let inner = width - 2.0 * MARGIN;
        let columns = ((inner / (2.0 * RADIUS + GAP + LABEL_WIDTH + PAD)).floor() as usize).max(1);
        let cell = inner / columns as f64;
        let label_width = (cell - 2.0 * RADIUS - GAP - PAD).max(LABEL_WIDTH);

        let mut nodes = String::with_capacity(300 * self.apart_drawn.len());
        let (mut y, mut column) = (MARGIN / 2.0, 0);
        let mut previous: Option<Option<MemberType>> = None;
        for row in self.apart_drawn.iter().map(|&r| &self.apart[r]) {
            let t = type_of(site, row.item);
            if previous != Some(t) {
                if previous.is_some() {
                    y += ROW + GROUP_GAP;
                }
                (previous, column) = (Some(t), 0);
            } else if column == columns {
                (y, column) = (y + ROW, 0);
            }
            let item = &site.items[row.item];
            let (x, cy) = (MARGIN + column as f64 * cell + RADIUS, y + ROW / 2.0);
            let _ = write!(
                nodes,
                r#"<a href="{href}"><title>{tip}</title><circle class="n t-{type_class}" cx="{}" cy="{}" r="{}"/><text x="{}" y="{}" dy="0.35em">{label}</text></a>"#,
                num(x),
                num(cy),
                num(RADIUS),
                num(x + RADIUS + GAP),
                num(cy),
                href = esc(&item.link(&site.config)),
                tip = esc(&tooltip(row)),
                type_class = t.map_or("other", |t| t.as_str()),
                label = esc(&fit(&item.title, FONT, label_width)),
            );
            column += 1;
        }
        let height = y + ROW + MARGIN / 2.0;
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" class="insight-network insight-network-apart" font-size="{FONT}" fill="currentColor"><g class="nodes">{nodes}</g></svg>"#,
            w = num(width),
            h = num(height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_weight_counts_depth() {
        let e = Edge { a: 0, b: 1, cases: 4, depth: [1, 0, 2], roadshows: 0 };
        // shallow 1 + deep 2×3 + one case without depth
        assert_eq!(e.weight(), 8);
        assert_eq!(e.deepest(), Some(Depth::Deep));
        let none = Edge { a: 0, b: 1, cases: 0, depth: [0; 3], roadshows: 2 };
        assert_eq!(none.weight(), 0);
        assert_eq!(none.deepest(), None);
    }
}
