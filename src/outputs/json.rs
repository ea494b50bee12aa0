//! `/<kind>/index.json`: every item of a kind with every front-matter field, for
//! anyone who wants the alliance's data rather than its pages.
//!
//! The shape is `{ "kind": "cases", "count": N, "items": [...] }`, items sorted by
//! slug. Each item carries the common fields, then its kind's fields in the order of
//! the content model, then `url` (absolute, with `base_url`'s path) and `state` (the
//! derived status of demands, roadshows and policies; `null` for members and cases).
//! A field the editor left out is present as `null`, or as `[]` for lists, so every
//! item of a kind has the same keys. Values are as the model holds them: dates
//! `YYYY-MM-DD`, datetimes RFC 3339 with their offset, "string or list of strings" fields
//! always lists, `effective` filled in from `issued`, budgets with their currency.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::item_url;
use crate::model::{Item, Kind, KindData, Site, rfc3339};
use crate::output::OutputFile;
use crate::urls;

/// The five exports.
pub(crate) fn exports(site: &Site) -> Vec<OutputFile> {
    Kind::SECTIONS.into_iter().map(|k| export(site, k)).collect()
}

/// `<kind>/index.json`.
pub(crate) fn export(site: &Site, kind: Kind) -> OutputFile {
    let mut items: Vec<&Item> = site.of_kind(kind).collect();
    items.sort_by(|a, b| a.slug.cmp(&b.slug));
    let doc = Export {
        kind: kind.folder(),
        count: items.len(),
        items: items.iter().map(|&item| Exported { site, item }).collect(),
    };
    // Written straight from the model, without a `serde_json::Value` in between:
    // this file holds every item of a kind, so it is the largest export.
    let mut bytes = serde_json::to_vec(&doc).expect("the model always serializes");
    bytes.push(b'\n');
    OutputFile::new(urls::export(kind), bytes)
}

#[derive(Serialize)]
struct Export<'a> {
    kind: &'static str,
    count: usize,
    items: Vec<Exported<'a>>,
}

/// One item as its export writes it (see the module doc for the field order).
#[derive(Clone, Copy)]
pub struct Exported<'a> {
    /// The site, for `url` and `state`.
    pub site: &'a Site,
    /// The item.
    pub item: &'a Item,
}

impl Serialize for Exported<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Exported { site, item: i } = *self;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("title", &i.title)?;
        m.serialize_entry("slug", &i.slug)?;
        m.serialize_entry("date", &i.date)?;
        m.serialize_entry("updated", &i.updated)?;
        m.serialize_entry("summary", &i.summary)?;
        m.serialize_entry("draft", &i.draft)?;
        m.serialize_entry("industries", &i.industries)?;
        m.serialize_entry("regions", &i.regions)?;
        m.serialize_entry("tags", &i.tags)?;
        m.serialize_entry("lang", &i.lang)?;
        m.serialize_entry("cover", &i.cover)?;
        m.serialize_entry("cover_alt", &i.cover_alt)?;
        let aliases: Vec<String> = i.aliases.iter().map(|a| format!("/{a}")).collect();
        m.serialize_entry("aliases", &aliases)?;
        m.serialize_entry("extra", &i.extra)?;
        // Written field by field (not through the model's own `Serialize`, which
        // leaves out unset options) so that an unset field is `null`. The test
        // `json_exports_every_model_field` (tests/testsuite/outputs.rs) keeps this in step with the model.
        match &i.data {
            KindData::Member(d) => {
                m.serialize_entry("type", &d.member_type)?;
                m.serialize_entry("website", &d.website)?;
                m.serialize_entry("joined", &d.joined)?;
                m.serialize_entry("contact", &d.contact)?;
                m.serialize_entry("offers", &d.offers)?;
                m.serialize_entry("expertise", &d.expertise)?;
                m.serialize_entry("logo", &d.logo)?;
                m.serialize_entry("logo_alt", &d.logo_alt)?;
            }
            KindData::Case(d) => {
                m.serialize_entry("partners", &d.partners)?;
                m.serialize_entry("modes", &d.modes)?;
                m.serialize_entry("depth", &d.depth)?;
                m.serialize_entry("started", &d.started)?;
                m.serialize_entry("ended", &d.ended)?;
                m.serialize_entry("outcomes", &d.outcomes)?;
                m.serialize_entry("policies", &d.policies)?;
            }
            KindData::Policy(d) => {
                m.serialize_entry("issuer", &d.issuer)?;
                m.serialize_entry("doc_number", &d.doc_number)?;
                m.serialize_entry("level", &d.level)?;
                m.serialize_entry("issued", &d.issued)?;
                m.serialize_entry("effective", &d.effective)?;
                m.serialize_entry("expires", &d.expires)?;
                m.serialize_entry("status", &d.status)?;
                m.serialize_entry("incentives", &d.incentives)?;
                m.serialize_entry("source_url", &d.source_url)?;
            }
            KindData::Demand(d) => {
                m.serialize_entry("need", &d.need)?;
                m.serialize_entry("organization", &d.organization)?;
                m.serialize_entry("deadline", &d.deadline)?;
                m.serialize_entry("status", &d.status)?;
                m.serialize_entry("budget", &d.budget)?;
                m.serialize_entry("trl", &d.trl)?;
                m.serialize_entry("contact", &d.contact)?;
            }
            KindData::Roadshow(d) => {
                m.serialize_entry("start", &rfc3339(&d.start))?;
                m.serialize_entry("end", &d.end.as_ref().map(rfc3339))?;
                m.serialize_entry("status", &d.status)?;
                m.serialize_entry("organizer", &d.organizer)?;
                m.serialize_entry("venue", &d.venue)?;
                m.serialize_entry("online_url", &d.online_url)?;
                m.serialize_entry("registration", &d.registration)?;
                m.serialize_entry("projects", &d.projects)?;
            }
            KindData::Page | KindData::Entry(_) => {}
        }
        m.serialize_entry("url", &item_url(site, i))?;
        m.serialize_entry("state", &i.state(site.today).map(|s| s.as_str()))?;
        m.end()
    }
}
