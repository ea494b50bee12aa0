//! One content file to one typed item: the front-matter rules of the content model
//! that need only this file (required fields, types, enumerations, ranges, date
//! order, budgets, URLs, slugs). Rules across files (references, duplicate slugs)
//! are in [`super::check`]; they get the [`Reference`]s collected here.

use std::ops::Range;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use super::walk::ContentFile;
use crate::config::{SiteConfig, is_language_tag};
use crate::diagnostics::{Code, Diagnostic, Message, Position, Problem, suggest};
use crate::model::*;
use crate::source::fields::{self, Fields, Reporter, Value, as_table, table_to_json};
use crate::source::keyboard;
use crate::text::{is_cjk, is_slug, is_slug_char, tag_slug};

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// An item of this kind, by slug.
    Item(Kind),
    /// A file under `static/` (a cover image), by its site path.
    Static,
    /// An old path that redirects to this item (`aliases`), by its site path
    /// (`urls::alias`): it must be no page of the site and no other alias.
    Alias,
}

/// A reference from one item to another by slug (or to a static file by path),
/// checked once all files are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// What the slug must name.
    pub(crate) target: Target,
    /// The slug (or path) as written.
    pub(crate) slug: String,
    /// The field it is in (`partners`, `projects[2].team`).
    pub(crate) field: String,
    /// Where it is written.
    pub(crate) position: Position,
    /// Where the value ends.
    pub(crate) end: Option<Position>,
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
    /// The body of a file whose front matter has errors, so that its links are
    /// still checked (`None` when the file became an item, or has no body).
    pub(crate) orphan: Option<Orphan>,
    /// `pinned` of a page in a top-level folder, with where its key is: only a
    /// page of a section may set it (`super::sections` decides which folders are).
    pub(crate) pinned: Option<(bool, Position)>,
    /// A translation (`x.en.md`), with where its lists' entries are.
    pub(crate) translation: Option<(Translation, super::translation::Entries)>,
    /// A translation of a listing's intro (`_index.en.md`).
    pub(crate) intro_translation: Option<IntroTranslation>,
}

/// The Markdown body of a file that did not become an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Orphan {
    /// The site path the page would have (`cases/x/`), for relative links.
    pub(crate) rel_url: String,
    /// The Markdown.
    pub(crate) body: String,
    /// How many lines come before the body.
    pub(crate) body_line_offset: usize,
}

pub(crate) const COMMON: &[&str] = &[
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
    "aliases",
    "extra",
];

/// The names the editors' guide gives the fields, for a key written in Chinese
/// (`标题 = "…"`): the key to write instead.
pub(crate) const CHINESE_NAMES: &[(&str, &str)] = &[
    ("标题", "title"),
    ("名称", "title"),
    ("题目", "title"),
    ("日期", "date"),
    ("发布日期", "date"),
    ("更新", "updated"),
    ("更新日期", "updated"),
    ("摘要", "summary"),
    ("简介", "summary"),
    ("草稿", "draft"),
    ("产业", "industries"),
    ("行业", "industries"),
    ("地区", "regions"),
    ("区域", "regions"),
    ("标签", "tags"),
    ("语言", "lang"),
    ("封面", "cover"),
    ("封面说明", "cover_alt"),
    ("别名", "aliases"),
    ("旧地址", "aliases"),
    ("标志", "logo"),
    ("校徽", "logo"),
    ("标志说明", "logo_alt"),
    ("类型", "type"),
    ("网址", "website"),
    ("官网", "website"),
    ("加入日期", "joined"),
    ("联系人", "contact"),
    ("联系方式", "contact"),
    ("可提供", "offers"),
    ("专长", "expertise"),
    ("合作方", "partners"),
    ("合作伙伴", "partners"),
    ("合作模式", "modes"),
    ("合作深度", "depth"),
    ("开始日期", "started"),
    ("结束日期", "ended"),
    ("成果", "outcomes"),
    ("政策", "policies"),
    ("发文机关", "issuer"),
    ("文号", "doc_number"),
    ("级别", "level"),
    ("印发日期", "issued"),
    ("发布时间", "issued"),
    ("生效日期", "effective"),
    ("失效日期", "expires"),
    ("状态", "status"),
    ("扶持措施", "incentives"),
    ("原文链接", "source_url"),
    ("需求类型", "need"),
    ("发布单位", "organization"),
    ("截止日期", "deadline"),
    ("预算", "budget"),
    ("技术成熟度", "trl"),
    ("开始时间", "start"),
    ("结束时间", "end"),
    ("主办方", "organizer"),
    ("主办单位", "organizer"),
    ("地点", "venue"),
    ("线上地址", "online_url"),
    ("直播地址", "online_url"),
    ("报名", "registration"),
    ("项目", "projects"),
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
    // The keyboard's mistakes first, each at its character; what is parsed is the
    // text with them understood, so the rest of the file is still checked.
    let (repair, findings) = keyboard::scan(split.toml);
    let source = fields::Source {
        path: &file.rel,
        text,
        index: &index,
        base: split.toml_offset,
        tz: &config.tz,
        repair: (!repair.is_empty()).then_some(&repair),
    };
    let mut r = Reporter::new(source);
    fields::report_findings(&mut r, &findings);
    let toml_text = if repair.is_empty() { split.toml } else { repair.text.as_str() };
    // A file that does not become an item keeps its body, so its links are still
    // checked; only then is the body copied.
    let orphan = || {
        (!file.is_intro).then(|| Orphan {
            rel_url: orphan_url(file),
            body: split.body.to_owned(),
            body_line_offset: split.body_line_offset,
        })
    };
    let doc = match DeTable::parse(toml_text) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            fields::syntax_error(&mut r, toml_text, &span, e.message(), Code::E0106);
            out.diagnostics = fields::one_per_line(r.diagnostics, findings.len());
            out.orphan = orphan();
            return out;
        }
    };
    let table = doc.get_ref();
    if let Some(lang) = &file.lang {
        super::translation::read(file, lang, &split, table, &mut r, config, &mut out);
        out.diagnostics = fields::one_per_line(r.diagnostics, findings.len());
        if out.diagnostics.iter().any(Diagnostic::is_error) {
            out.translation = None;
            out.intro_translation = None;
        }
        return out;
    }
    let mut f = Fields::new(table, "");

    if file.is_intro {
        let title = f.get("title").and_then(|v| r.text("title", v));
        let paginate_by = f
            .get("paginate_by")
            .and_then(|v| r.integer("paginate_by", v, 1..=1000))
            .and_then(|n| usize::try_from(n).ok());
        // `home` is a section's only: a kind's listing is always on the home page.
        let home = if super::sections::is_section_folder(file) {
            f.get("home").and_then(|v| r.boolean("home", v)).unwrap_or(true)
        } else {
            true
        };
        let extra = f
            .get("extra")
            .and_then(|v| as_table(&mut r, "extra", v, "[extra]"))
            .map(table_to_json)
            .unwrap_or_default();
        f.finish_with(&mut r, true, CHINESE_NAMES);
        out.intro = Some((
            file.kind,
            Intro {
                source: file.rel.clone(),
                title,
                body: split.body.to_owned(),
                body_line_offset: split.body_line_offset,
                extra,
                paginate_by,
                home,
            },
        ));
        out.diagnostics = fields::one_per_line(r.diagnostics, findings.len());
        return out;
    }

    let title = f.require("title", &mut r, None, None).and_then(|v| r.text("title", v));
    let date_value = if file.kind == Kind::Pages {
        f.get("date")
    } else {
        f.require("date", &mut r, None, Some("hint-date"))
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
                r.file_error(Problem::new(Code::E0214).arg("name", format!("{stem}.md")));
                None
            }
        }
    };
    let industries = terms(&mut f, &mut r, "industries", &config.taxonomies.industries);
    let regions = terms(&mut f, &mut r, "regions", &config.taxonomies.regions);
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
            r.error(&v.span(), Problem::new(Code::E0217).arg("field", "lang").arg("value", l));
            None
        }
    });
    let cover_v = f.get("cover");
    let cover = cover_v.and_then(|v| r.text("cover", v));
    if let (Some(v), Some(c)) = (cover_v, &cover) {
        out.references.push(Reference {
            target: Target::Static,
            slug: c.clone(),
            field: "cover".into(),
            position: r.source.position(&v.span()),
            end: Some(r.source.end_position(&v.span())),
        });
    }
    let cover_alt = f.get("cover_alt").and_then(|v| r.text("cover_alt", v));
    if cover.is_some() && cover_alt.is_none() {
        let span = f.key_span("cover").unwrap_or(0..0);
        r.error(&span, Problem::new(Code::E0218));
    }
    if file.kind == Kind::Pages && file.segments.len() > 1 {
        out.pinned = f.get("pinned").and_then(|v| {
            let at = r.source.position(&f.key_span("pinned").unwrap_or(v.span()));
            r.boolean("pinned", v).map(|b| (b, at))
        });
    }
    let aliases = aliases(&mut f, &mut r, &mut out.references);
    let extra_v = f.get("extra");
    let extra = extra_v
        .and_then(|v| as_table(&mut r, "extra", v, "[extra]"))
        .map(table_to_json)
        .unwrap_or_default();

    let data = match file.kind {
        Kind::Members => member(&mut f, &mut r, &mut out.references).map(KindData::Member),
        Kind::Cases => case(&mut f, &mut r, &mut out.references).map(KindData::Case),
        Kind::Policies => policy(&mut f, &mut r).map(KindData::Policy),
        Kind::Demands => demand(&mut f, &mut r, &mut out.references).map(KindData::Demand),
        Kind::Roadshows => roadshow(&mut f, &mut r, &mut out.references).map(KindData::Roadshow),
        Kind::Pages => Some(KindData::Page),
    };
    f.allow(COMMON);
    if let Some(DeValue::Table(t)) = extra_v.map(|v| v.get_ref()) {
        swallowed(&f, t, "extra", &mut r);
    }
    f.finish_with(&mut r, true, CHINESE_NAMES);
    // A page's field written below a `[venue]` or `[[projects]]` line went into it.
    for d in &mut r.diagnostics {
        let Some(field) = d.problem.arg_str("field").filter(|_| d.code() == Code::E0202) else {
            continue;
        };
        let Some((table, key)) = field.rsplit_once('.') else { continue };
        if COMMON.contains(&key) || file.kind.fields().contains(&key) {
            let table = match table.split_once('[') {
                Some((array, _)) => format!("[{array}]"),
                None => table.to_owned(),
            };
            d.problem = Problem::new(Code::E0112).arg("field", key.to_owned()).arg("table", table);
        }
    }

    let rel_url = match file.kind {
        Kind::Pages => page_url(file, &mut r),
        kind => slug.as_ref().map(|s| format!("{}/{s}/", kind.folder())),
    };
    out.diagnostics = fields::one_per_line(r.diagnostics, findings.len());
    if out.diagnostics.iter().any(Diagnostic::is_error) {
        out.orphan = orphan();
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
        aliases,
        extra,
        body: split.body.into(),
        body_line_offset: split.body_line_offset,
        data,
        tree: String::new(),
        versions: Vec::new(),
        original_source: None,
    });
    out
}

/// A known top-level field written after a `[table]` line, so that TOML put it
/// in that table: an error at the key that says where to move it.
pub(crate) fn swallowed(f: &Fields<'_, '_>, table: &DeTable<'_>, name: &str, r: &mut Reporter<'_>) {
    for (key, _) in table.iter() {
        let k: &str = key.get_ref();
        if k != name && f.is_known(k) && !f.has(k) {
            let problem = Problem::new(Code::E0112).arg("field", k).arg("table", name);
            r.error(&key.span(), problem);
        }
    }
}

/// The page's URL, guessed from the file name when the front matter cannot say.
fn orphan_url(file: &ContentFile) -> String {
    let mut segs: Vec<&str> = file.segments.iter().map(String::as_str).collect();
    if segs.last() == Some(&"index") {
        segs.pop();
    }
    match file.kind {
        Kind::Pages if segs.is_empty() => String::new(),
        Kind::Pages => format!("{}/", segs.join("/")),
        kind => format!("{}/{}/", kind.folder(), segs.last().copied().unwrap_or_default()),
    }
}

/// `aliases`: each a path of the site (an error at the value otherwise), handed
/// on as a [`Target::Alias`] reference so that the cross-file rules find those
/// that collide.
fn aliases(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>, refs: &mut Vec<Reference>) -> Vec<String> {
    let Some(v) = f.get("aliases") else { return Vec::new() };
    let mut paths = Vec::new();
    for (written, span) in r.string_list("aliases", v, false) {
        let Some(path) = crate::urls::alias(written.trim()) else {
            r.error(&span, Problem::new(Code::E0320).arg("value", written));
            continue;
        };
        refs.push(Reference {
            target: Target::Alias,
            slug: path.clone(),
            field: "aliases".into(),
            position: r.source.position(&span),
            end: Some(r.source.end_position(&span)),
        });
        paths.push(path);
    }
    paths
}

fn check_slug(r: &mut Reporter<'_>, span: &Range<usize>, s: &str) -> bool {
    if is_slug(s) {
        return true;
    }
    let bad: String = s.chars().filter(|&c| !is_slug_char(c)).take(3).collect();
    r.error(span, Problem::new(Code::E0213).arg("value", s).arg("bad", format!("{bad:?}")));
    false
}

fn page_url(file: &ContentFile, r: &mut Reporter<'_>) -> Option<String> {
    let mut segs: Vec<&str> = file.segments.iter().map(String::as_str).collect();
    if segs.last() == Some(&"index") {
        segs.pop();
    }
    for s in &segs {
        if !is_slug(s) {
            r.file_error(Problem::new(Code::E0215).arg("segment", *s));
            return None;
        }
    }
    Some(if segs.is_empty() { String::new() } else { format!("{}/", segs.join("/")) })
}

/// Industry or region terms: slugs. A term written as the label `site.toml` gives
/// a slug is read as that slug, with a warning that shows the slug. Once
/// `site.toml` labels some terms of a taxonomy, they are its whole list: a slug
/// outside it is an error that names the nearest labelled terms; while it labels
/// none, a slug is shown raw, with a warning.
fn terms(
    f: &mut Fields<'_, '_>,
    r: &mut Reporter<'_>,
    field: &'static str,
    labels: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let Some(v) = f.get(field) else { return Vec::new() };
    let by_label = |s: &str| labels.iter().find(|(_, l)| l.trim() == s.trim()).map(|(k, _)| k);
    r.string_list(field, v, false)
        .into_iter()
        .filter_map(|(s, span)| {
            if let Some(slug) = by_label(&s).filter(|slug| **slug != s) {
                let problem = Problem::new(Code::W0309)
                    .arg("field", field)
                    .arg("label", s.as_str())
                    .arg("slug", slug.as_str());
                r.error_fix(&span, problem, format!("\"{slug}\""));
                return Some(slug.clone());
            }
            if is_slug(&s) {
                if !labels.contains_key(&s) {
                    let near = suggest::nearest(&s, labels.keys().map(String::as_str));
                    let help =
                        (!near.is_empty()).then(|| Message::new("did-you-mean").arg("names", near));
                    // A site that labels none of them has no list yet to hold a term to.
                    let code = if labels.is_empty() { Code::W0310 } else { Code::E0335 };
                    let problem = Problem::new(code)
                        .arg("field", field)
                        .arg("slug", s.as_str())
                        .arg("count", labels.len())
                        .help_opt(help);
                    r.error(&span, problem);
                }
                Some(s)
            } else {
                let hint = tag_slug(&s)
                    .replace(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || is_cjk(c)), "");
                let problem =
                    Problem::new(Code::E0216).arg("field", field).arg("value", s).arg("slug", hint);
                r.error(&span, problem);
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
    refs.push(Reference {
        target: Target::Item(target),
        slug,
        field,
        position: r.source.position(span),
        end: Some(r.source.end_position(span)),
    });
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
            r.error(&v.span(), Problem::new(Code::E0219).arg("value", e.as_str()));
        }
        ok.then_some(e)
    });
    let phone = c.get("phone").and_then(|v| r.text("contact.phone", v));
    c.finish(r, false);
    Some(Contact { name, email, phone })
}

fn member(
    f: &mut Fields<'_, '_>,
    r: &mut Reporter<'_>,
    refs: &mut Vec<Reference>,
) -> Option<Member> {
    let member_type = f
        .require("type", r, None, Some("hint-type"))
        .and_then(|v| r.one_of("type", v, MemberType::ALL, MemberType::parse));
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
    let logo_v = f.get("logo");
    let logo = logo_v.and_then(|v| r.text("logo", v));
    if let (Some(v), Some(l)) = (logo_v, &logo) {
        refs.push(Reference {
            target: Target::Static,
            slug: l.clone(),
            field: "logo".into(),
            position: r.source.position(&v.span()),
            end: Some(r.source.end_position(&v.span())),
        });
    }
    let logo_alt = f.get("logo_alt").and_then(|v| r.text("logo_alt", v));
    Some(Member {
        member_type: member_type?,
        website,
        joined,
        contact,
        offers,
        expertise,
        logo,
        logo_alt,
    })
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
        let problem = Problem::new(Code::E0220)
            .arg("later", later_name)
            .arg("later_value", l.to_string())
            .arg("earlier", earlier_name)
            .arg("earlier_value", e.to_string());
        r.error(&v.span(), problem);
    }
}

fn case(f: &mut Fields<'_, '_>, r: &mut Reporter<'_>, refs: &mut Vec<Reference>) -> Option<Case> {
    let partners_v = f.require("partners", r, None, Some("hint-partners"));
    let partners = partners_v.map(|v| r.string_list("partners", v, false)).unwrap_or_default();
    if let Some(v) = partners_v
        && partners.len() < 2
        && matches!(v.get_ref(), DeValue::Array(_))
    {
        r.error(&v.span(), Problem::new(Code::E0221).arg("found", partners.len()));
    }
    for (slug, span) in &partners {
        reference(r, refs, Kind::Members, "partners".into(), slug.clone(), span);
    }
    let modes_v = f.require("modes", r, None, Some("hint-modes"));
    let modes =
        modes_v.map(|v| r.enum_list("modes", v, Mode::ALL, Mode::parse)).unwrap_or_default();
    if let Some(v) = modes_v
        && matches!(v.get_ref(), DeValue::Array(a) if a.is_empty())
    {
        r.error(&v.span(), Problem::new(Code::E0222));
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
                .require("label", r, Some(&item.span()), None)
                .and_then(|v| r.text(&format!("{name}.label"), v));
            let value = o
                .require("value", r, Some(&item.span()), None)
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
        .require("issuer", r, None, Some("hint-issuer"))
        .map(|v| r.string_list("issuer", v, true))
        .unwrap_or_default();
    let doc_number = f.get("doc_number").and_then(|v| r.text("doc_number", v));
    let level = f
        .require("level", r, None, Some("hint-level"))
        .and_then(|v| r.one_of("level", v, PolicyLevel::ALL, PolicyLevel::parse));
    let issued =
        f.require("issued", r, None, Some("hint-issued")).and_then(|v| r.date("issued", v));
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
            let kind = o.require("kind", r, Some(&item.span()), None).and_then(|v| {
                r.one_of(&format!("{name}.kind"), v, IncentiveKind::ALL, IncentiveKind::parse)
            });
            let text = o
                .require("text", r, Some(&item.span()), None)
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
            r.error(&v.span(), Problem::new(Code::E0223).arg("value", c.as_str()));
        }
        ok.then_some(c)
    });
    let money = |r: &mut Reporter<'_>, name: &str, v: &Value<'_>| -> Option<f64> {
        let n = r.number(name, v)?.as_f64()?;
        if n < 0.0 {
            r.error(&v.span(), Problem::new(Code::E0224).arg("field", name));
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
                let problem = Problem::new(Code::E0225)
                    .arg("max", max.to_string())
                    .arg("min", min.to_string());
                r.error(&max_v.span(), problem);
                return None;
            }
            Some(Budget::Range { min, max, currency })
        }
        (None, None, Some(Some(amount)), None) => Some(Budget::Amount { amount, currency }),
        (None, None, None, Some(true)) => Some(Budget::Negotiable { negotiable: true }),
        (None, None, None, Some(false)) => {
            r.error(&negotiable_v.map(|v| v.span()).unwrap_or(v.span()), Problem::new(Code::E0226));
            None
        }
        (Some((_, None)), ..) | (_, Some((_, None)), ..) | (_, _, Some(None), _) => None,
        _ => {
            r.error(&v.span(), Problem::new(Code::E0227).arg("example", example));
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
        .require("need", r, None, Some("hint-need"))
        .and_then(|v| r.one_of("need", v, Need::ALL, Need::parse));
    let organization =
        f.require("organization", r, None, Some("hint-organization")).and_then(|v| {
            let s = r.text("organization", v)?;
            reference(r, refs, Kind::Members, "organization".into(), s.clone(), &v.span());
            Some(s)
        });
    let deadline =
        f.require("deadline", r, None, Some("hint-deadline")).and_then(|v| r.date("deadline", v));
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
    let start =
        f.require("start", r, None, Some("hint-start")).and_then(|v| r.datetime("start", v));
    let end_v = f.get("end");
    let end = end_v.and_then(|v| r.datetime("end", v));
    if let (Some(s), Some(e), Some(v)) = (&start, &end, end_v)
        && e.timestamp() <= s.timestamp()
    {
        let problem = Problem::new(Code::E0228).arg("end", rfc3339(e)).arg("start", rfc3339(s));
        r.error(&v.span(), problem);
    }
    let status = f
        .get("status")
        .map(|v| r.one_of("status", v, RoadshowStatus::ALL, RoadshowStatus::parse))
        .unwrap_or(Some(RoadshowStatus::Scheduled));
    let organizer = f
        .require("organizer", r, None, Some("hint-organizer"))
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
            r.error(&v.span(), Problem::new(Code::E0229));
        }
        Some(Venue { name, address, city })
    });
    let online_url = f.get("online_url").and_then(|v| r.url("online_url", v));
    if f.key_span("venue").is_none() && f.key_span("online_url").is_none() {
        r.file_error(Problem::new(Code::E0230));
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
                .require("title", r, Some(&item.span()), None)
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
