//! The context of each kind of page: item pages (every field of the item, its
//! backlinks, its body, JSON-LD and insight), listings, taxonomy and term pages,
//! and the home page. Views borrow from the site; only display strings are built.

use std::borrow::Cow;

use serde::Serialize;

use super::i18n::kind_title;
use super::index::{Ix, roadshow_is_upcoming};
use super::picture::Slot;
use super::views::{
    BudgetView, Card, ContactView, ItemRef, Label, TermRef, ViewCtx, When, budget, contact,
    state_label, time_span,
};
use super::{Body, PER_PAGE, Renderer, page_count};
use crate::diagnostics::{Code, Diagnostic, Problem};
use crate::model::{Item, Kind, KindData, State, Venue};
use crate::output::OutputFile;
use crate::text::tag_slug;
use crate::urls;

type PageResult = Result<OutputFile, (Vec<Diagnostic>, String)>;

/// Every field of an item, for its own page.
#[derive(Serialize)]
struct ItemView<'a> {
    kind: &'static str,
    kind_label: &'a str,
    slug: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    source: &'a str,
    /// Publication date; `None` for a plain page without one.
    date: Option<When>,
    updated: Option<When>,
    summary: &'a str,
    summary_written: bool,
    lang: &'a str,
    cover: Option<String>,
    cover_alt: Option<&'a str>,
    /// The cover's markup (`render::picture`): print it with `| safe`.
    cover_image: Option<String>,
    industries: Vec<TermRef<'a>>,
    regions: Vec<TermRef<'a>>,
    tags: Vec<TermRef<'a>>,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    state: Option<&'static str>,
    state_label: Option<&'a str>,
    member: Option<MemberView<'a>>,
    case: Option<CaseView<'a>>,
    policy: Option<PolicyView<'a>>,
    demand: Option<DemandView<'a>>,
    roadshow: Option<RoadshowView<'a>>,
}

#[derive(Serialize)]
struct MemberView<'a> {
    member_type: Label<'a>,
    website: Option<&'a str>,
    joined: Option<When>,
    contact: Option<ContactView<'a>>,
    offers: Vec<Label<'a>>,
    expertise: &'a [String],
    /// The logo's markup (`render::picture`): print it with `| safe`.
    logo_image: Option<String>,
    cases: Vec<ItemRef<'a>>,
    demands: Vec<ItemRef<'a>>,
    roadshows: Vec<ItemRef<'a>>,
    projects: Vec<PitchedView<'a>>,
}

#[derive(Serialize)]
struct PitchedView<'a> {
    title: &'a str,
    seeking: Option<Label<'a>>,
    roadshow: ItemRef<'a>,
    when: When,
}

#[derive(Serialize)]
struct OutcomeView<'a> {
    label: &'a str,
    value: String,
    unit: Option<&'a str>,
}

#[derive(Serialize)]
struct CaseView<'a> {
    partners: Vec<ItemRef<'a>>,
    modes: Vec<Label<'a>>,
    depth: Option<Label<'a>>,
    started: Option<When>,
    ended: Option<When>,
    outcomes: Vec<OutcomeView<'a>>,
    policies: Vec<ItemRef<'a>>,
}

#[derive(Serialize)]
struct IncentiveView<'a> {
    kind: Label<'a>,
    text: &'a str,
}

#[derive(Serialize)]
struct PolicyView<'a> {
    issuer: &'a [String],
    doc_number: Option<&'a str>,
    level: Label<'a>,
    issued: When,
    effective: When,
    expires: Option<When>,
    status: Option<&'static str>,
    incentives: Vec<IncentiveView<'a>>,
    source_url: Option<&'a str>,
    cases: Vec<ItemRef<'a>>,
}

#[derive(Serialize)]
struct DemandView<'a> {
    need: Label<'a>,
    organization: Option<ItemRef<'a>>,
    deadline: When,
    status: &'static str,
    budget: Option<BudgetView>,
    trl: Option<u8>,
    contact: Option<ContactView<'a>>,
    /// Days until the deadline, for an open demand.
    days_left: Option<i32>,
    days_left_text: Option<String>,
}

#[derive(Serialize)]
struct RegistrationView<'a> {
    url: Option<&'a str>,
    deadline: Option<When>,
    capacity: Option<u32>,
}

#[derive(Serialize)]
struct ProjectView<'a> {
    title: &'a str,
    team: Option<ItemRef<'a>>,
    team_slug: Option<&'a str>,
    seeking: Option<Label<'a>>,
    trl: Option<u8>,
    summary: Option<&'a str>,
}

#[derive(Serialize)]
struct RoadshowView<'a> {
    start: When,
    end: Option<When>,
    when: String,
    status: Label<'a>,
    upcoming: bool,
    organizers: Vec<ItemRef<'a>>,
    venue: Option<&'a Venue>,
    online_url: Option<&'a str>,
    registration: Option<RegistrationView<'a>>,
    projects: Vec<ProjectView<'a>>,
    ics: String,
}

/// One group of a listing page.
#[derive(Serialize)]
struct Group<'a> {
    key: &'static str,
    label: Cow<'a, str>,
    items: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    url: String,
    current: bool,
}

/// Page links of a paginated page: first, last and two around the current one,
/// `None` for a gap.
#[derive(Serialize)]
pub(super) struct Pagination {
    current: usize,
    total: usize,
    items: usize,
    per_page: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<Option<PageLink>>,
}

/// `page(n)` is the URL of page `n` (from 1), relative to the site root.
pub(super) fn pagination(
    link: &dyn Fn(&str) -> String,
    page: &dyn Fn(usize) -> String,
    current: usize,
    items: usize,
    per_page: usize,
) -> Pagination {
    let total = page_count(items, per_page);
    let url = |n: usize| link(&page(n));
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 2 {
            if last != 0 && n != last + 1 {
                pages.push(None);
            }
            pages.push(Some(PageLink { n, url: url(n), current: n == current }));
            last = n;
        }
    }
    Pagination {
        current,
        total,
        items,
        per_page,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    }
}

fn outcome_value(v: &serde_json::Number) -> String {
    if let Some(i) = v.as_i64() {
        super::views::amount(i as f64)
    } else if let Some(f) = v.as_f64() {
        // Keep what the editor wrote (`3.5`), with separators for the whole part.
        let s = v.to_string();
        match s.split_once('.') {
            Some((_, frac)) if f.abs() < 1e15 => {
                format!("{}.{frac}", super::views::amount(f.trunc()))
            }
            _ => s,
        }
    } else {
        v.to_string()
    }
}

impl<'s> Renderer<'s> {
    pub(super) fn view_ctx<'p>(
        &'s self,
        lang: &'p str,
        link: &'p dyn Fn(&str) -> String,
    ) -> ViewCtx<'s, 'p> {
        ViewCtx {
            t: self.theme.strings.for_lang(lang),
            lang,
            today: self.site.today,
            items: &self.site.items,
            config: &self.site.config,
            link,
        }
    }

    /// A card's cover: the item's small copies.
    fn card_cover(&self, i: Ix) -> Option<String> {
        let item = &self.site.items[i];
        let alt = item.cover_alt.as_deref().unwrap_or_default();
        item.cover.as_deref().and_then(|c| self.image_html(c, alt, Slot::Card))
    }

    fn summary_of(&self, i: Ix) -> &str {
        &self.body(i).summary
    }

    fn cards<'a>(&'a self, v: &ViewCtx<'a, '_>, ix: impl IntoIterator<Item = Ix>) -> Vec<Card<'a>> {
        let find = |slug: &str| self.index.find(Kind::Members, slug);
        ix.into_iter()
            .map(|i| {
                let mut card = v.card(i, self.summary_of(i), &find);
                card.cover_image = self.card_cover(i);
                card
            })
            .collect()
    }

    fn term_refs<'a>(&'a self, t: usize, terms: &'a [String], tags: bool) -> Vec<TermRef<'a>> {
        let tax = &self.index.taxonomies[t];
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for term in terms {
            let segment =
                if tags { Cow::Owned(tag_slug(term)) } else { Cow::Borrowed(term.as_str()) };
            if segment.is_empty() || seen.contains(&segment) {
                continue;
            }
            let label = match tax.terms.get(segment.as_ref()) {
                Some(t) => Cow::Borrowed(t.label.as_str()),
                None => Cow::Borrowed(term.as_str()),
            };
            let url = self.site.config.link(&urls::term(tax.name, &segment));
            seen.push(segment.clone());
            out.push(TermRef { slug: segment, label, url });
        }
        out
    }

    /// The page of one item.
    pub(super) fn item_page(&self, item: &Item, body: &Body) -> PageResult {
        let config = &self.site.config;
        let link = |rel: &str| config.link(rel);
        let v = self.view_ctx(&item.lang, &link);
        let t = v.t;
        let today = self.site.today;
        let self_ix = self.index.by_url.get(item.rel_url.as_str()).copied();
        let member_ref = |slug: &str| self.index.find(Kind::Members, slug).map(|i| v.item_ref(i));
        let state = item.state(today);
        let mut view = ItemView {
            kind: item.kind.folder(),
            kind_label: t.label("kind_one", item.kind.folder()),
            slug: &item.slug,
            title: &item.title,
            url: item.link(config),
            permalink: item.permalink(config),
            source: &item.source,
            date: item.dated.then(|| When::of(&item.date)),
            updated: item.updated.as_ref().map(When::of),
            summary: &body.summary,
            summary_written: item.summary.is_some(),
            lang: &item.lang,
            cover: item
                .cover
                .as_ref()
                .map(|c| if c.contains("://") { c.clone() } else { config.root_link(c) }),
            cover_alt: item.cover_alt.as_deref(),
            cover_image: item.cover.as_deref().and_then(|c| {
                self.image_html(c, item.cover_alt.as_deref().unwrap_or_default(), Slot::Hero)
            }),
            industries: self.term_refs(0, &item.industries, false),
            regions: self.term_refs(1, &item.regions, false),
            tags: self.term_refs(2, &item.tags, true),
            extra: &item.extra,
            state: state.map(State::as_str),
            state_label: state.map(|s| state_label(t, item.kind, s)),
            member: None,
            case: None,
            policy: None,
            demand: None,
            roadshow: None,
        };
        match &item.data {
            KindData::Member(m) => {
                let links = self_ix.and_then(|i| self.index.members.get(&i));
                let refs = |ix: Option<&Vec<Ix>>| {
                    ix.map(|v2| v2.iter().map(|&i| v.item_ref(i)).collect()).unwrap_or_default()
                };
                view.member = Some(MemberView {
                    member_type: Label::new(t, "member_type", m.member_type.as_str()),
                    website: m.website.as_deref(),
                    joined: m.joined.map(When::date),
                    contact: m.contact.as_ref().map(contact),
                    offers: m.offers.iter().map(|o| Label::new(t, "offer", o.as_str())).collect(),
                    expertise: &m.expertise,
                    logo_image: m.logo.as_deref().and_then(|l| {
                        self.image_html(l, m.logo_alt.as_deref().unwrap_or(&item.title), Slot::Logo)
                    }),
                    cases: refs(links.map(|l| &l.cases)),
                    demands: refs(links.map(|l| &l.demands)),
                    roadshows: refs(links.map(|l| &l.roadshows)),
                    projects: links
                        .map(|l| {
                            l.projects
                                .iter()
                                .filter_map(|&(r, p)| {
                                    let KindData::Roadshow(rs) = &self.site.items[r].data else {
                                        return None;
                                    };
                                    let project = rs.projects.get(p)?;
                                    Some(PitchedView {
                                        title: &project.title,
                                        seeking: project
                                            .seeking
                                            .map(|s| Label::new(t, "seeking", s.as_str())),
                                        roadshow: v.item_ref(r),
                                        when: When::zoned(&rs.start),
                                    })
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            }
            KindData::Case(c) => {
                view.case = Some(CaseView {
                    partners: c.partners.iter().filter_map(|s| member_ref(s)).collect(),
                    modes: c.modes.iter().map(|m| Label::new(t, "mode", m.as_str())).collect(),
                    depth: c.depth.map(|d| Label::new(t, "depth", d.as_str())),
                    started: c.started.map(When::date),
                    ended: c.ended.map(When::date),
                    outcomes: c
                        .outcomes
                        .iter()
                        .map(|o| OutcomeView {
                            label: &o.label,
                            value: outcome_value(&o.value),
                            unit: o.unit.as_deref(),
                        })
                        .collect(),
                    policies: c
                        .policies
                        .iter()
                        .filter_map(|s| self.index.find(Kind::Policies, s))
                        .map(|i| v.item_ref(i))
                        .collect(),
                });
            }
            KindData::Policy(p) => {
                view.policy = Some(PolicyView {
                    issuer: &p.issuer,
                    doc_number: p.doc_number.as_deref(),
                    level: Label::new(t, "level", p.level.as_str()),
                    issued: When::date(p.issued),
                    effective: When::date(p.effective),
                    expires: p.expires.map(When::date),
                    status: p.status.map(|s| s.as_str()),
                    incentives: p
                        .incentives
                        .iter()
                        .map(|i| IncentiveView {
                            kind: Label::new(t, "incentive", i.kind.as_str()),
                            text: &i.text,
                        })
                        .collect(),
                    source_url: p.source_url.as_deref(),
                    cases: self_ix
                        .and_then(|i| self.index.policy_cases.get(&i))
                        .map(|cs| cs.iter().map(|&i| v.item_ref(i)).collect())
                        .unwrap_or_default(),
                });
            }
            KindData::Demand(d) => {
                let days_left =
                    (state == Some(State::Open)).then(|| (d.deadline - today).get_days());
                view.demand = Some(DemandView {
                    need: Label::new(t, "need", d.need.as_str()),
                    organization: member_ref(&d.organization),
                    deadline: When::date(d.deadline),
                    status: d.status.as_str(),
                    budget: d.budget.as_ref().map(|b| budget(b, t)),
                    trl: d.trl,
                    contact: d.contact.as_ref().map(contact),
                    days_left,
                    days_left_text: days_left.map(|n| {
                        if n == 0 { t.get("last_day").to_owned() } else { t.fmt("days_left", n) }
                    }),
                });
            }
            KindData::Roadshow(r) => {
                view.roadshow = Some(RoadshowView {
                    start: When::zoned(&r.start),
                    end: r.end.as_ref().map(When::zoned),
                    when: time_span(&r.start, r.end.as_ref()),
                    status: Label::new(t, "roadshow_status", r.status.as_str()),
                    upcoming: roadshow_is_upcoming(item, today),
                    organizers: r.organizer.iter().filter_map(|s| member_ref(s)).collect(),
                    venue: r.venue.as_ref(),
                    online_url: r.online_url.as_deref(),
                    registration: r.registration.as_ref().map(|reg| RegistrationView {
                        url: reg.url.as_deref(),
                        deadline: reg.deadline.map(When::date),
                        capacity: reg.capacity,
                    }),
                    projects: r
                        .projects
                        .iter()
                        .map(|p| ProjectView {
                            title: &p.title,
                            team: p.team.as_deref().and_then(member_ref),
                            team_slug: p.team.as_deref(),
                            seeking: p.seeking.map(|s| Label::new(t, "seeking", s.as_str())),
                            trl: p.trl,
                            summary: p.summary.as_deref(),
                        })
                        .collect(),
                    ics: config.link(&urls::event(&item.rel_url)),
                });
            }
            KindData::Page | KindData::Entry(_) => {}
        }
        let section = match item.kind {
            Kind::Pages => item.rel_url.split('/').next().unwrap_or(""),
            k => k.folder(),
        };
        let mut ctx = self.context(&item.lang, &item.rel_url, section);
        ctx.insert("item", &view);
        ctx.insert("content", &body.rendered.html);
        ctx.insert("jsonld", &crate::outputs::jsonld::for_item(self.site, item, &body.summary));
        if let Some(image) = item.cover.as_deref().and_then(|c| self.share_image(c)) {
            ctx.insert("og_image", &image);
        }
        // An edited item in `serve` is not the site's own value: find its place by slug.
        let at = self.index.find(item.kind, &item.slug);
        match (item.kind, at) {
            (Kind::Demands, Some(i)) => ctx.insert("insight", &self.demand_insight(i, t)),
            (Kind::Members, Some(i)) => ctx.insert("insight", &self.member_insight(i, t)),
            _ => {}
        }
        // A page of a section: its own template, with its section's title and link.
        if let Some(section) = self.entry_section(item, t) {
            ctx.insert("entry_section", &section);
        }
        let template = match item.kind {
            Kind::Pages if item.section().is_some() => "entry.html",
            Kind::Members => "member.html",
            Kind::Cases => "case.html",
            Kind::Policies => "policy.html",
            Kind::Demands => "demand.html",
            Kind::Roadshows => "roadshow.html",
            Kind::Pages => "page.html",
        };
        // A site may give one page its own template: `[extra] template = "landing.html"`.
        let custom = item
            .extra
            .get("template")
            .and_then(|v| v.as_str())
            .filter(|n| self.theme.tera.get_template_names().any(|x| x == *n));
        self.page(&urls::page_file(&item.rel_url), custom.unwrap_or(template), &ctx)
    }

    /// Page `p` of a kind's listing.
    pub(super) fn listing_page(&self, kind: Kind, p: usize) -> PageResult {
        let config = &self.site.config;
        let link = |rel: &str| config.link(rel);
        let lang = config.language.as_str();
        let v = self.view_ctx(lang, &link);
        let t = v.t;
        let entries = self.index.listings.get(&kind).map(|l| l.entries.as_slice()).unwrap_or(&[]);
        let per_page = super::per_page(self.site, kind);
        let start = (p - 1) * per_page;
        let slice = &entries[start.min(entries.len())..(start + per_page).min(entries.len())];
        let mut groups: Vec<Group<'_>> = Vec::new();
        for &(key, i) in slice {
            if groups.last().is_none_or(|g| g.key != key) {
                let label: Cow<'_, str> = match kind {
                    Kind::Members => Cow::Borrowed(t.label("member_type", key)),
                    Kind::Cases => Cow::Borrowed(""),
                    _ => Cow::Borrowed(t.label("group", key)),
                };
                groups.push(Group { key, label, items: Vec::new() });
            }
            let find = |slug: &str| self.index.find(Kind::Members, slug);
            let mut card = v.card(i, self.summary_of(i), &find);
            card.cover_image = self.card_cover(i);
            if let Some(g) = groups.last_mut() {
                g.items.push(card);
            }
        }
        let intro = self.site.intros.get(&kind);
        let title = kind_title(self.site, t, kind);
        let rel = urls::listing_page(kind, p);
        let mut ctx = self.context(lang, &rel, kind.folder());
        ctx.insert("kind", kind.folder());
        ctx.insert("title", title);
        ctx.insert("intro", &self.intro(kind).map(|r| r.html.as_str()));
        ctx.insert("intro_extra", &intro.map(|i| &i.extra));
        ctx.insert("groups", &groups);
        ctx.insert("count", &entries.len());
        let page = |n: usize| urls::listing_page(kind, n);
        ctx.insert("pagination", &pagination(&link, &page, p, entries.len(), per_page));
        ctx.insert("feed", &config.link(&urls::feed(Some(kind))));
        ctx.insert("json", &config.link(&urls::export(kind)));
        let template =
            if self.theme.tera.get_template_names().any(|n| n == format!("{}.html", kind.folder()))
            {
                format!("{}.html", kind.folder())
            } else {
                "listing.html".to_owned()
            };
        self.page(&urls::page_file(&rel), &template, &ctx)
    }

    /// A taxonomy's index of terms.
    pub(super) fn taxonomy_page(&self, t_ix: usize) -> PageResult {
        let config = &self.site.config;
        let lang = config.language.as_str();
        let t = self.theme.strings.for_lang(lang);
        let tax = &self.index.taxonomies[t_ix];
        #[derive(Serialize)]
        struct TermView<'a> {
            slug: &'a str,
            label: &'a str,
            url: String,
            count: usize,
        }
        let terms: Vec<TermView<'_>> = tax
            .terms
            .values()
            .map(|term| TermView {
                slug: &term.segment,
                label: &term.label,
                url: config.link(&urls::term(tax.name, &term.segment)),
                count: term.items.len(),
            })
            .collect();
        let rel = urls::taxonomy(tax.name);
        let mut ctx = self.context(lang, &rel, tax.name);
        ctx.insert(
            "taxonomy",
            &serde_json::json!({"name": tax.name, "label": t.label("taxonomy", tax.name), "url": config.link(&rel)}),
        );
        ctx.insert("terms", &terms);
        self.page(&urls::page_file(&rel), "taxonomy.html", &ctx)
    }

    /// Page `p` of a term's items.
    pub(super) fn term_page(&self, t_ix: usize, segment: &str, p: usize) -> PageResult {
        let config = &self.site.config;
        let link = |rel: &str| config.link(rel);
        let lang = config.language.as_str();
        let v = self.view_ctx(lang, &link);
        let tax = &self.index.taxonomies[t_ix];
        let Some(term) = tax.terms.get(segment) else {
            return Err((
                vec![Diagnostic::file("site.toml", Problem::new(Code::E0609).arg("term", segment))],
                segment.to_owned(),
            ));
        };
        let start = (p - 1) * PER_PAGE;
        let slice =
            &term.items[start.min(term.items.len())..(start + PER_PAGE).min(term.items.len())];
        let rel = urls::term_page(tax.name, &term.segment, p);
        let mut ctx = self.context(lang, &rel, tax.name);
        ctx.insert(
            "taxonomy",
            &serde_json::json!({"name": tax.name, "label": v.t.label("taxonomy", tax.name), "url": config.link(&urls::taxonomy(tax.name))}),
        );
        ctx.insert(
            "term",
            &serde_json::json!({"slug": term.segment, "label": term.label, "url": config.link(&urls::term(tax.name, &term.segment)), "count": term.items.len()}),
        );
        ctx.insert("items", &self.cards(&v, slice.iter().copied()));
        let page = |n: usize| urls::term_page(tax.name, &term.segment, n);
        ctx.insert("pagination", &pagination(&link, &page, p, term.items.len(), PER_PAGE));
        self.page(&urls::page_file(&rel), "term.html", &ctx)
    }

    /// The home page.
    pub(super) fn home_page(&self) -> PageResult {
        let config = &self.site.config;
        let link = |rel: &str| config.link(rel);
        let lang = config.language.as_str();
        let v = self.view_ctx(lang, &link);
        let site = self.site;
        let latest = |kind: Kind, n: usize| {
            self.cards(&v, self.index.newest(site, kind).into_iter().take(n))
        };
        let entries = |kind: Kind| {
            self.index.listings.get(&kind).map(|l| l.entries.as_slice()).unwrap_or(&[])
        };
        let open: Vec<Ix> = entries(Kind::Demands)
            .iter()
            .filter(|(g, _)| *g == "open")
            .map(|(_, i)| *i)
            .take(6)
            .collect();
        // Only what will happen: cancelled and postponed ones stay on the listing with their badge.
        let upcoming: Vec<Ix> = entries(Kind::Roadshows)
            .iter()
            .filter(|(g, i)| {
                *g == "upcoming" && site.items[*i].state(site.today) == Some(State::Upcoming)
            })
            .map(|(_, i)| *i)
            .take(4)
            .collect();
        let counts: Vec<serde_json::Value> = Kind::SECTIONS
            .iter()
            .map(|k| {
                serde_json::json!({
                    "kind": k.folder(),
                    "label": v.t.label("kind", k.folder()),
                    "count": entries(*k).len(),
                    "url": config.link(&urls::listing(*k)),
                })
            })
            .collect();
        let mut ctx = self.context(lang, urls::HOME, "");
        ctx.insert("latest_cases", &latest(Kind::Cases, 6));
        ctx.insert("latest_policies", &latest(Kind::Policies, 4));
        ctx.insert("open_demands", &self.cards(&v, open));
        ctx.insert(
            "open_demands_count",
            &entries(Kind::Demands).iter().filter(|(g, _)| *g == "open").count(),
        );
        ctx.insert("upcoming_roadshows", &self.cards(&v, upcoming));
        ctx.insert("counts", &counts);
        ctx.insert("sections", &self.home_sections(&v));
        self.page(&urls::page_file(urls::HOME), "index.html", &ctx)
    }
}
