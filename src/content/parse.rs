//! One content file to one typed item: the front-matter rules of the content model
//! that need only this file (required fields, types, enumerations, ranges, date
//! order, budgets, URLs, slugs). Rules across files (references, duplicate slugs)
//! are in [`super::check`]; they get the [`Reference`]s collected here.

use std::ops::Range;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use super::walk::ContentFile;
use crate::config::{SiteConfig, is_language_tag};
use crate::diagnostics::{Diagnostic, Position};
use crate::model::*;
use crate::source::fields::{self, Fields, Reporter, Value, as_table, table_to_json};
use crate::text::{is_cjk, is_slug, is_slug_char, tag_slug};

/// A reference from one item to another by slug, checked once all files are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The kind the slug must name.
    pub(crate) target: Kind,
    /// The slug as written.
    pub(crate) slug: String,
    /// The field it is in (`partners`, `projects[2].team`).
    pub(crate) field: String,
    /// Where it is written.
    pub(crate) position: Position,
}

/// What one file gives.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The item, when the file has no errors that stop it.
    pub(crate) item: Option<Item>,
    /// The listing intro, for `_index.md`.
    pub(crate) intro: Option<(Kind, Intro)>,
    /// References to check.
    pub(crate) references: Vec<Reference>,
    /// Where the `slug` key is, if set (duplicate slugs are reported there).
    pub(crate) slug_position: Option<Position>,
    /// Problems.
    pub diagnostics: Vec<Diagnostic>,
}

const COMMON: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "slug",
    "draft",
    "industries",
    "regions",
    "tags",
    "lang",
    "cover",
    "cover_alt",
    "extra",
];

/// Parses one file's text.
pub fn parse_file(file: &ContentFile, text: &str, config: &SiteConfig) -> Parsed {
    let mut out = Parsed::default();
    let split = match super::front_matter::split(&file.rel, text) {
        Ok(s) => s,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let index = crate::diagnostics::LineIndex::new(text);
    let source = fields::Source {
        path: &file.rel,
        text,
        index: &index,
        base: split.toml_offset,
        tz: &config.tz,
    };
    let mut r = Reporter::new(source);
    let doc = match DeTable::parse(split.toml) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let field = key_on_line(split.toml, span.start)
                .map(|k| format!(" at `{k}`"))
                .unwrap_or_default();
            r.error(
                &span,
                format!("front matter is not valid TOML{field}: {}", toml_message(e.message())),
            );
            out.diagnostics = r.diagnostics;
            return out;
        }
    };
    let table = doc.get_ref();
    let mut f = Fields::new(table, "");

    if file.is_intro {
        let title = f.get("title").and_then(|v| r.text("title", v));
        let extra = f
            .get("extra")
            .and_then(|v| as_table(&mut r, "extra", v, "[extra]"))
            .map(table_to_json)
            .unwrap_or_default();
        f.finish(&mut r, true);
        out.intro = Some((
            file.kind,
            Intro {
                source: file.rel.clone(),
                title,
                body: split.body.to_owned(),
                body_line_offset: split.body_line_offset,
                extra,
            },
        ));
        out.diagnostics = r.diagnostics;
        return out;
    }

    let title = f.require("title", &mut r, None, "").and_then(|v| r.text("title", v));
    let date_hint = " (the publication date, like `date = 2025-03-18`)";
    let date_value = if file.kind == Kind::Pages {
        f.get("date")
    } else {
        f.require("date", &mut r, None, date_hint)
    };
    let dated = date_value.is_some();
    let date = match date_value {
        Some(v) => r.date_or_time("date", v),
        None => Some(DateOrTime::Date(Date::constant(1970, 1, 1))),
    };
    let updated = f.get("updated").and_then(|v| r.date_or_time("updated", v));
    let summary = f.get("summary").and_then(|v| r.text("summary", v));
    let draft = f.get("draft").and_then(|v| r.boolean("draft", v)).unwrap_or(false);
    let slug = match f.get("slug") {
        Some(v) => {
            out.slug_position = Some(r.source.position(&f.key_span("slug").unwrap_or(v.span())));
            r.text("slug", v).filter(|s| check_slug(&mut r, &v.span(), s))
        }
        None => {
            let stem = file.segments.last().cloned().unwrap_or_default();
            if is_slug(&stem) {
                Some(stem)
            } else {
                r.file_error(format!(
                    "the file name `{stem}.md` cannot be a URL: use only a-z, 0-9, `-` and Chinese characters, or set `slug = \"...\"`"
                ));
                None
            }
        }
    };
    let industries = terms(&mut f, &mut r, "industries");
    let regions = terms(&mut f, &mut r, "regions");
    let tags: Vec<String> = f
        .get("tags")
        .map(|v| r.string_list("tags", v, false))
        .unwrap_or_default()
        .into_iter()
        .map(|(s, _)| s.trim().to_owned())
        .collect();
    let lang_set = f.get("lang").and_then(|v| {
        let l = r.text("lang", v)?;
        if is_language_tag(&l) {
            Some(l)
        } else {
            r.error(
                &v.span(),
                format!("`lang` must be a language tag like \"zh\" or \"en\", found \"{l}\""),
            );
            None
        }
    });
    let cover = f.get("cover").and_then(|v| r.text("cover", v));
    let cover_alt = f.get("cover_alt").and_then(|v| r.text("cover_alt", v));
    if cover.is_some() && cover_alt.is_none() {
        let span = f.key_span("cover").unwrap_or(0..0);
        r.error(&span, "`cover` needs `cover_alt`: a short description of the image for people who cannot see it");
    }
    let extra = f
        .get("extra")
        .and_then(|v| as_table(&mut r, "extra", v, "[extra]"))
        .map(table_to_json)
        .unwrap_or_default();

    let data = match file.kind {
        Kind::Members => member(&mut f, &mut r).map(KindData::Member),
        Kind::Cases => case(&mut f, &mut r, &mut out.references).map(KindData::Case),
        Kind::Policies => policy(&mut f, &mut r).map(KindData::Policy),
        Kind::Demands => demand(&mut f, &mut r, &mut out.references).map(KindData::Demand),
        Kind::Roadshows => roadshow(&mut f, &mut r, &mut out.references).map(KindData::Roadshow),
        Kind::Pages => Some(KindData::Page),
    };
    f.allow(COMMON);
    f.finish(&mut r, true);

    let rel_url = match file.kind {
        Kind::Pages => page_url(file, &mut r),
        kind => slug.as_ref().map(|s| format!("{}/{s}/", kind.folder())),
    };
    out.diagnostics = r.diagnostics;
    if !out.diagnostics.is_empty() {
        return out;
    }
    let (Some(title), Some(date), Some(slug), Some(data), Some(rel_url)) =
        (title, date, slug, data, rel_url)
    else {
        return out;
    };
    let lang = lang_set.clone().unwrap_or_else(|| config.language.clone());
    out.item = Some(Item {
        kind: file.kind,
        slug,
        source: file.rel.clone(),
        rel_url,
        title,
        date,
        dated,
        updated,
        summary,
        draft,
        industries,
        regions,
        tags,
        lang,
        lang_set: lang_set.is_some(),
        cover,
        cover_alt,
        extra,
        body: split.body.to_owned(),
        body_line_offset: split.body_line_offset,
        data,
    });
    out
}

/// The key of a `key = value` line holding `offset`, to name the field in TOML errors.
fn key_on_line(toml: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(toml.len());
    let start = toml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &toml[start..];
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    .then_some(key)
}

fn toml_message(m: &str) -> String {
    m.trim().replace('\n', " ")
}

fn check_slug(r: &mut Reporter<'_>, span: &Range<usize>, s: &str) -> bool {
    if is_slug(s) {
        return true;
    }
    let bad: String = s.chars().filter(|&c| !is_slug_char(c)).take(3).collect();
    r.error(span, format!("`slug` may use only a-z, 0-9, `-` and Chinese characters, found \"{s}\" (not allowed: {bad:?})"));
    false
}

fn page_url(file: &ContentFile, r: &mut Reporter<'_>) -> Option<String> {
    let mut segs: Vec<&str> = file.segments.iter().map(String::as_str).collect();
    if segs.last() == Some(&"index") {
        segs.pop();
    }
    for s in &segs {
        if !is_slug(s) {
            r.file_error(format!("the path segment `{s}` cannot be a URL: use only a-z, 0-9, `-` and Chinese characters in folder and file names"));
            return None;
        }
    }
    Some(if segs.is_empty() { String::new() } else { format!("{}/", segs.join("/")) })
}

fn terms(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>, field: &'static str) -> Vec<String> {
    let Some(v) = f.get(field) else { return Vec::new() };
    r.string_list(field, v, false)
        .into_iter()
        .filter_map(|(s, span)| {
            if is_slug(&s) {
                Some(s)
            } else {
                let hint = tag_slug(&s).replace(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || is_cjk(c)), "");
                r.error(&span, format!("`{field}` terms are slugs (a-z, 0-9, `-`), found \"{s}\"; write \"{hint}\" and give its label in site.toml [taxonomies]"));
                None
            }
        })
        .collect()
}

fn reference(
    r: &Reporter<'_>,
    refs: &mut Vec<Reference>,
    target: Kind,
    field: String,
    slug: String,
    span: &Range<usize>,
) {
    refs.push(Reference { target, slug, field, position: r.source.position(span) });
}

fn contact(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>) -> Option<Contact> {
    let v = f.get("contact")?;
    let t = as_table(r, "contact", v, "{ name = \"...\", email = \"...\", phone = \"...\" }")?;
    let mut c = Fields::new(t, "contact.");
    let name = c.get("name").and_then(|v| r.text("contact.name", v));
    let email = c.get("email").and_then(|v| {
        let e = r.text("contact.email", v)?;
        let ok = e.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && b.contains('.') && !e.contains(char::is_whitespace)
        });
        if !ok {
            r.error(
                &v.span(),
                format!(
                    "`contact.email` must be an email address like name@example.org, found \"{e}\""
                ),
            );
        }
        ok.then_some(e)
    });
    let phone = c.get("phone").and_then(|v| r.text("contact.phone", v));
    c.finish(r, false);
    Some(Contact { name, email, phone })
}

fn member(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>) -> Option<Member> {
    let member_type = f.require("type", r, None, " (one of university, college, enterprise, association, government, institute, investor)").and_then(|v| r.one_of("type", v, MemberType::ALL, MemberType::parse));
    let website = f.get("website").and_then(|v| r.url("website", v));
    let joined = f.get("joined").and_then(|v| r.date("joined", v));
    let contact = contact(f, r);
    let offers = f
        .get("offers")
        .map(|v| r.enum_list("offers", v, Offer::ALL, Offer::parse))
        .unwrap_or_default();
    let expertise = f
        .get("expertise")
        .map(|v| r.string_list("expertise", v, false))
        .unwrap_or_default()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    Some(Member { member_type: member_type?, website, joined, contact, offers, expertise })
}

fn date_order(
    r: &mut Reporter<'_>,
    later: Option<(&Value<'_>, Date)>,
    earlier: Option<Date>,
    later_name: &str,
    earlier_name: &str,
) {
    if let (Some((v, l)), Some(e)) = (later, earlier)
        && l < e
    {
        r.error(
            &v.span(),
            format!("`{later_name}` ({l}) is before `{earlier_name}` ({e}); it must not be"),
        );
    }
}

fn case(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>, refs: &mut Vec<Reference>) -> Option<Case> {
    let partners_v = f.require(
        "partners",
        r,
        None,
        " (the slugs of at least two members, like [\"school-a\", \"company-b\"])",
    );
    let partners = partners_v.map(|v| r.string_list("partners", v, false)).unwrap_or_default();
    if let Some(v) = partners_v
        && partners.len() < 2
        && matches!(v.get_ref(), DeValue::Array(_))
    {
        r.error(
            &v.span(),
            format!("`partners` needs at least two members, found {}", partners.len()),
        );
    }
    for (slug, span) in &partners {
        reference(r, refs, Kind::Members, "partners".into(), slug.clone(), span);
    }
    let modes_v = f.require("modes", r, None, " (how they cooperate, like [\"order-training\"])");
    let modes =
        modes_v.map(|v| r.enum_list("modes", v, Mode::ALL, Mode::parse)).unwrap_or_default();
    if let Some(v) = modes_v
        && matches!(v.get_ref(), DeValue::Array(a) if a.is_empty())
    {
        r.error(&v.span(), "`modes` needs at least one cooperation mode");
    }
    let depth = f.get("depth").and_then(|v| r.one_of("depth", v, Depth::ALL, Depth::parse));
    let started = f.get("started").and_then(|v| r.date("started", v));
    let ended_v = f.get("ended");
    let ended = ended_v.and_then(|v| r.date("ended", v));
    date_order(r, ended_v.zip(ended), started, "ended", "started");
    let mut outcomes = Vec::new();
    if let Some(v) = f.get("outcomes")
        && let Some(items) = r.list("outcomes", v, false)
    {
        for (i, item) in items.into_iter().enumerate() {
            let name = format!("outcomes[{i}]");
            let Some(t) =
                as_table(r, &name, item, "{ label = \"学生培养\", value = 120, unit = \"人\" }")
            else {
                continue;
            };
            let mut o = Fields::new(t, format!("{name}."));
            let label = o
                .require("label", r, Some(&item.span()), "")
                .and_then(|v| r.text(&format!("{name}.label"), v));
            let value = o
                .require("value", r, Some(&item.span()), "")
                .and_then(|v| r.number(&format!("{name}.value"), v));
            let unit = o.get("unit").and_then(|v| r.string(&format!("{name}.unit"), v));
            o.finish(r, false);
            if let (Some(label), Some(value)) = (label, value) {
                outcomes.push(Outcome { label, value, unit });
            }
        }
    }
    let policies =
        f.get("policies").map(|v| r.string_list("policies", v, false)).unwrap_or_default();
    for (slug, span) in &policies {
        reference(r, refs, Kind::Policies, "policies".into(), slug.clone(), span);
    }
    Some(Case {
        partners: partners.into_iter().map(|(s, _)| s).collect(),
        modes,
        depth,
        started,
        ended,
        outcomes,
        policies: policies.into_iter().map(|(s, _)| s).collect(),
    })
}

fn policy(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>) -> Option<Policy> {
    let issuer = f
        .require("issuer", r, None, " (the issuing authority)")
        .map(|v| r.string_list("issuer", v, true))
        .unwrap_or_default();
    let doc_number = f.get("doc_number").and_then(|v| r.text("doc_number", v));
    let level = f
        .require("level", r, None, " (national, provincial, municipal, county or park)")
        .and_then(|v| r.one_of("level", v, PolicyLevel::ALL, PolicyLevel::parse));
    let issued = f
        .require("issued", r, None, " (the date the document was issued)")
        .and_then(|v| r.date("issued", v));
    let effective_v = f.get("effective");
    let effective = effective_v.and_then(|v| r.date("effective", v));
    let expires_v = f.get("expires");
    let expires = expires_v.and_then(|v| r.date("expires", v));
    date_order(
        r,
        expires_v.zip(expires),
        effective.or(issued),
        "expires",
        if effective.is_some() { "effective" } else { "issued" },
    );
    let status =
        f.get("status").and_then(|v| r.one_of("status", v, PolicyStatus::ALL, PolicyStatus::parse));
    let mut incentives = Vec::new();
    if let Some(v) = f.get("incentives")
        && let Some(items) = r.list("incentives", v, false)
    {
        for (i, item) in items.into_iter().enumerate() {
            let name = format!("incentives[{i}]");
            let Some(t) = as_table(r, &name, item, "{ kind = \"tax\", text = \"...\" }") else {
                continue;
            };
            let mut o = Fields::new(t, format!("{name}."));
            let kind = o.require("kind", r, Some(&item.span()), "").and_then(|v| {
                r.one_of(&format!("{name}.kind"), v, IncentiveKind::ALL, IncentiveKind::parse)
            });
            let text = o
                .require("text", r, Some(&item.span()), "")
                .and_then(|v| r.text(&format!("{name}.text"), v));
            o.finish(r, false);
            if let (Some(kind), Some(text)) = (kind, text) {
                incentives.push(Incentive { kind, text });
            }
        }
    }
    let source_url = f.get("source_url").and_then(|v| r.url("source_url", v));
    let issued = issued?;
    if issuer.is_empty() {
        return None;
    }
    Some(Policy {
        issuer: issuer.into_iter().map(|(s, _)| s).collect(),
        doc_number,
        level: level?,
        issued,
        effective: effective.unwrap_or(issued),
        expires,
        status,
        incentives,
        source_url,
    })
}

fn trl(r: &mut Reporter<'_>, field: &str, v: &Value<'_>) -> Option<u8> {
    r.integer(field, v, 1..=9).map(|n| n as u8)
}

fn budget(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>) -> Option<Budget> {
    let v = f.get("budget")?;
    let example = "{ min = 100000, max = 300000 }, { amount = 200000 } or { negotiable = true }";
    let t = as_table(r, "budget", v, example)?;
    let mut b = Fields::new(t, "budget.");
    let currency = b.get("currency").and_then(|v| {
        let c = r.text("budget.currency", v)?;
        let ok = c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase());
        if !ok {
            r.error(&v.span(), format!("`budget.currency` must be a three-letter currency code like \"CNY\", found \"{c}\""));
        }
        ok.then_some(c)
    });
    let money = |r: &mut Reporter<'_>, name: &str, v: &Value<'_>| -> Option<f64> {
        let n = r.number(name, v)?.as_f64()?;
        if n < 0.0 {
            r.error(&v.span(), format!("`{name}` must not be negative"));
            return None;
        }
        Some(n)
    };
    let min = b.get("min").map(|v| (v, money(r, "budget.min", v)));
    let max = b.get("max").map(|v| (v, money(r, "budget.max", v)));
    let amount = b.get("amount").map(|v| money(r, "budget.amount", v));
    let negotiable_v = b.get("negotiable");
    let negotiable = negotiable_v.and_then(|v| r.boolean("budget.negotiable", v));
    b.finish(r, false);
    let currency = currency.unwrap_or_else(|| "CNY".to_owned());
    match (min, max, amount, negotiable) {
        (Some((_, Some(min))), Some((max_v, Some(max))), None, None) => {
            if min > max {
                r.error(
                    &max_v.span(),
                    format!("`budget.max` ({max}) is less than `budget.min` ({min})"),
                );
                return None;
            }
            Some(Budget::Range { min, max, currency })
        }
        (None, None, Some(Some(amount)), None) => Some(Budget::Amount { amount, currency }),
        (None, None, None, Some(true)) => Some(Budget::Negotiable { negotiable: true }),
        (None, None, None, Some(false)) => {
            r.error(
                &negotiable_v.map(|v| v.span()).unwrap_or(v.span()),
                "`budget.negotiable` can only be true; leave `budget` out if there is none",
            );
            None
        }
        (Some((_, None)), ..) | (_, Some((_, None)), ..) | (_, _, Some(None), _) => None,
        _ => {
            r.error(&v.span(), format!("`budget` must be one of {example}"));
            None
        }
    }
}

fn demand(
    f: &mut Fields<'_, '_>,
    r: &mut Reporter<'_>,
    refs: &mut Vec<Reference>,
) -> Option<Demand> {
    let need = f
        .require(
            "need",
            r,
            None,
            " (technology, talent, equipment, training, joint-rnd or consulting)",
        )
        .and_then(|v| r.one_of("need", v, Need::ALL, Need::parse));
    let organization = f
        .require("organization", r, None, " (the slug of the member that seeks a partner)")
        .and_then(|v| {
            let s = r.text("organization", v)?;
            reference(r, refs, Kind::Members, "organization".into(), s.clone(), &v.span());
            Some(s)
        });
    let deadline = f
        .require("deadline", r, None, " (the last day for proposals, like `deadline = 2026-12-31`)")
        .and_then(|v| r.date("deadline", v));
    let status = f
        .get("status")
        .map(|v| r.one_of("status", v, DemandStatus::ALL, DemandStatus::parse))
        .unwrap_or(Some(DemandStatus::Open));
    let budget = budget(f, r);
    let trl = f.get("trl").and_then(|v| trl(r, "trl", v));
    let contact = contact(f, r);
    Some(Demand {
        need: need?,
        organization: organization?,
        deadline: deadline?,
        status: status?,
        budget,
        trl,
        contact,
    })
}

fn roadshow(
    f: &mut Fields<'_, '_>,
    r: &mut Reporter<'_>,
    refs: &mut Vec<Reference>,
) -> Option<Roadshow> {
    let start = f
        .require("start", r, None, " (when the event starts, like `start = 2026-05-20T14:00:00`)")
        .and_then(|v| r.datetime("start", v));
    let end_v = f.get("end");
    let end = end_v.and_then(|v| r.datetime("end", v));
    if let (Some(s), Some(e), Some(v)) = (&start, &end, end_v)
        && e.timestamp() <= s.timestamp()
    {
        r.error(
            &v.span(),
            format!("`end` ({}) must be after `start` ({})", rfc3339(e), rfc3339(s)),
        );
    }
    let status = f
        .get("status")
        .map(|v| r.one_of("status", v, RoadshowStatus::ALL, RoadshowStatus::parse))
        .unwrap_or(Some(RoadshowStatus::Scheduled));
    let organizer = f
        .require("organizer", r, None, " (the slug of the organizing member, or a list of them)")
        .map(|v| r.string_list("organizer", v, true))
        .unwrap_or_default();
    for (slug, span) in &organizer {
        reference(r, refs, Kind::Members, "organizer".into(), slug.clone(), span);
    }
    let venue = f.get("venue").and_then(|v| {
        let t = as_table(r, "venue", v, "{ name = \"...\", address = \"...\", city = \"...\" }")?;
        let mut vf = Fields::new(t, "venue.");
        let name = vf.get("name").and_then(|v| r.text("venue.name", v));
        let address = vf.get("address").and_then(|v| r.text("venue.address", v));
        let city = vf.get("city").and_then(|v| r.text("venue.city", v));
        vf.finish(r, false);
        if name.is_none() && address.is_none() && city.is_none() {
            r.error(&v.span(), "`venue` needs at least a `name`, `address` or `city`");
        }
        Some(Venue { name, address, city })
    });
    let online_url = f.get("online_url").and_then(|v| r.url("online_url", v));
    if f.key_span("venue").is_none() && f.key_span("online_url").is_none() {
        r.file_error("a roadshow needs `venue` (where it takes place) or `online_url` (where to watch), or both");
    }
    let registration = f.get("registration").and_then(|v| {
        let t = as_table(
            r,
            "registration",
            v,
            "{ url = \"https://...\", deadline = 2026-05-10, capacity = 200 }",
        )?;
        let mut rf = Fields::new(t, "registration.");
        let url = rf.get("url").and_then(|v| r.url("registration.url", v));
        let deadline = rf.get("deadline").and_then(|v| r.date("registration.deadline", v));
        let capacity = rf
            .get("capacity")
            .and_then(|v| r.integer("registration.capacity", v, 1..=10_000_000))
            .map(|n| n as u32);
        rf.finish(r, false);
        Some(Registration { url, deadline, capacity })
    });
    let mut projects = Vec::new();
    if let Some(v) = f.get("projects")
        && let Some(items) = r.list("projects", v, false)
    {
        for (i, item) in items.into_iter().enumerate() {
            let name = format!("projects[{i}]");
            let Some(t) =
                as_table(r, &name, item, "[[projects]] with title, team, seeking, trl, summary")
            else {
                continue;
            };
            let mut p = Fields::new(t, format!("{name}."));
            let title = p
                .require("title", r, Some(&item.span()), "")
                .and_then(|v| r.text(&format!("{name}.title"), v));
            let team = p.get("team").and_then(|v| {
                let s = r.text(&format!("{name}.team"), v)?;
                reference(r, refs, Kind::Members, format!("{name}.team"), s.clone(), &v.span());
                Some(s)
            });
            let seeking = p.get("seeking").and_then(|v| {
                r.one_of(&format!("{name}.seeking"), v, Seeking::ALL, Seeking::parse)
            });
            let trl = p.get("trl").and_then(|v| trl(r, &format!("{name}.trl"), v));
            let summary = p.get("summary").and_then(|v| r.text(&format!("{name}.summary"), v));
            p.finish(r, false);
            if let Some(title) = title {
                projects.push(Project { title, team, seeking, trl, summary });
            }
        }
    }
    Some(Roadshow {
        start: start?,
        end,
        status: status?,
        organizer: organizer.into_iter().map(|(s, _)| s).collect(),
        venue,
        online_url,
        registration,
        projects,
    })
}
