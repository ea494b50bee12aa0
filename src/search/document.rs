//! What text an item gives to search: the one place that decides which of an
//! item's words are indexed, as what (title, summary, body, labels) and under which
//! filters (facets).
//!
//! What it is not: Markdown (the body arrives as the plain text the renderer made of
//! it), tokenizing ([`super::tokenize`](mod@super::tokenize)) or weights ([`super::index`]).

use super::SearchDoc;
use crate::model::{Item, Kind, KindData, Site};

/// The search document of `item`: its title, `summary` and `body` (the summary and
/// the body as plain text, as the renderer made them of the Markdown), the labels
/// of its terms, its tags and the names it holds (expertise, partners, issuers and
/// document number, organisations, organisers, projects and their teams, the venue),
/// and its facets: kind, industries, regions and derived status.
pub(crate) fn item_doc(site: &Site, item: &Item, summary: String, body: String) -> SearchDoc {
    let tax = &site.config.taxonomies;
    let mut labels: Vec<String> = Vec::new();
    // A section's page has its section as its kind (`news`), labelled by the search
    // page with the section's title.
    let kind = item.section().unwrap_or(item.kind.folder());
    let mut facets: Vec<(String, String)> = vec![("kind".into(), kind.into())];
    for term in &item.industries {
        let label = tax.industry(term).to_owned();
        labels.push(label.clone());
        facets.push(("industries".into(), label));
    }
    for term in &item.regions {
        let label = tax.region(term).to_owned();
        labels.push(label.clone());
        facets.push(("regions".into(), label));
    }
    labels.extend(item.tags.iter().cloned());
    if let Some(state) = item.state(site.today) {
        facets.push(("status".into(), state.as_str().into()));
    }
    let member_name = |slug: &str| site.find(Kind::Members, slug).map(|m| m.title.clone());
    match &item.data {
        KindData::Member(m) => labels.extend(m.expertise.iter().cloned()),
        KindData::Case(c) => labels.extend(c.partners.iter().filter_map(|s| member_name(s))),
        KindData::Policy(p) => {
            labels.extend(p.issuer.iter().cloned());
            labels.extend(p.doc_number.iter().cloned());
        }
        KindData::Demand(d) => labels.extend(member_name(&d.organization)),
        KindData::Roadshow(r) => {
            labels.extend(r.organizer.iter().filter_map(|s| member_name(s)));
            for p in &r.projects {
                labels.push(p.title.clone());
                labels.extend(p.team.as_deref().and_then(member_name));
            }
            if let Some(v) = &r.venue {
                labels.extend(v.city.iter().chain(v.name.iter()).cloned());
            }
        }
        KindData::Page | KindData::Entry(_) => {}
    }
    SearchDoc {
        url: item.link(&site.config),
        title: item.title.clone(),
        kind: kind.into(),
        summary,
        body,
        labels,
        facets,
        date: if item.dated { item.date.date().to_string() } else { String::new() },
        lang: item.lang.clone(),
    }
}
