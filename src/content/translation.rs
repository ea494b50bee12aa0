//! One translation file (`content/cases/x.en.md`) to a [`Translation`]: the text
//! a translator translates, with an error at every fact the file sets (the
//! original's date, slug, references, enumerations, numbers, URLs, terms), so that
//! a translation can never change one. Pairing with the original, and the rules
//! that need it (no original, more entries than it has), are [`super::check`]'s
//! and `assemble`'s.
//!
//! What it is not: how the text is shown (the language trees, `super::trees`,
//! put the translation over its original's facts).

use toml::de::{DeTable, DeValue};

use super::front_matter::Split;
use super::parse::{Parsed, swallowed};
use super::walk::ContentFile;
use crate::config::SiteConfig;
use crate::diagnostics::{Code, Position, Problem};
use crate::model::{Intro, IntroTranslation, Kind, OutcomeText, ProjectText, Translation, Venue};
use crate::source::fields::{Fields, Reporter, as_table, table_to_json};

/// The fields a translation of any kind may set.
const TEXT: &[&str] = &["title", "summary", "draft", "tags", "cover_alt", "extra"];

/// The fields of a kind a translation may set besides [`TEXT`].
fn kind_text(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Members => &["logo_alt", "expertise"],
        Kind::Cases => &["outcomes"],
        Kind::Policies => &["incentives"],
        Kind::Roadshows => &["venue", "projects"],
        Kind::Demands | Kind::Pages => &[],
    }
}

/// The facts of a kind: what its original sets and a translation must not.
fn facts(kind: Kind) -> impl Iterator<Item = &'static str> {
    super::parse::COMMON
        .iter()
        .chain(kind.fields())
        .chain(["pinned", "paginate_by", "home"].iter())
        .copied()
        .filter(move |f| !TEXT.contains(f) && !kind_text(kind).contains(f))
}

/// Where the entries of a translated list are, for the rule that a translation
/// has no more of them than its original (checked once both are read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entries {
    /// `(field, where each entry starts)` for `outcomes`, `incentives`, `projects`.
    pub(crate) lists: Vec<(&'static str, Vec<Position>)>,
}

/// Reads a translation's front matter (already parsed into `table`) into `out`.
pub(crate) fn read(
    file: &ContentFile,
    lang: &str,
    split: &Split<'_>,
    table: &DeTable<'_>,
    r: &mut Reporter<'_>,
    config: &SiteConfig,
    out: &mut Parsed,
) {
    let original = file.original();
    if lang == config.language || !config.languages.iter().any(|l| l.code == lang) {
        let why = if lang == config.language { "default" } else { "other" };
        let declared: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        let declared = if declared.is_empty() { "—".to_owned() } else { declared.join(", ") };
        let problem =
            Problem::new(Code::E0242).arg("lang", lang).arg("why", why).arg("declared", declared);
        r.file_error(problem);
        return;
    }
    let mut f = Fields::new(table, "");
    // Every fact the file sets, at its key.
    for fact in facts(file.kind) {
        if let Some(span) = f.key_span(fact) {
            let problem =
                Problem::new(Code::E0240).arg("field", fact).arg("original", original.as_str());
            r.error(&span, problem);
        }
        f.allow(&[fact]);
    }
    let extra_v = f.get("extra");
    let extra = extra_v.and_then(|v| as_table(r, "extra", v, "[extra]")).map(table_to_json);
    if file.is_intro {
        let title = f.get("title").and_then(|v| r.text("title", v));
        f.finish(r, true);
        out.intro_translation = Some(IntroTranslation {
            lang: lang.to_owned(),
            folder: file.segments.first().cloned().unwrap_or_default(),
            intro: Intro {
                source: file.rel.clone(),
                title,
                body: split.body.to_owned(),
                body_line_offset: split.body_line_offset,
                extra: extra.unwrap_or_default(),
                paginate_by: None,
                home: true,
            },
        });
        return;
    }
    let title = f.require("title", r, None, None).and_then(|v| r.text("title", v));
    let summary = f.get("summary").and_then(|v| r.text("summary", v));
    let draft = f.get("draft").and_then(|v| r.boolean("draft", v)).unwrap_or(false);
    let words = |f: &mut Fields<'_, '_>, r: &mut Reporter<'_>, key: &'static str| {
        let v = f.get(key)?;
        Some(r.string_list(key, v, false).into_iter().map(|(s, _)| s.trim().to_owned()).collect())
    };
    let tags = words(&mut f, r, "tags");
    let cover_alt = f.get("cover_alt").and_then(|v| r.text("cover_alt", v));
    let mut translation = Translation {
        lang: lang.to_owned(),
        source: file.rel.clone(),
        original_url: String::new(),
        title: String::new(),
        summary,
        draft,
        tags,
        cover_alt,
        logo_alt: None,
        expertise: None,
        outcomes: Vec::new(),
        incentives: Vec::new(),
        venue: None,
        projects: Vec::new(),
        extra,
        body: split.body.to_owned(),
        body_line_offset: split.body_line_offset,
    };
    let mut entries = Entries::default();
    match file.kind {
        Kind::Members => {
            translation.logo_alt = f.get("logo_alt").and_then(|v| r.text("logo_alt", v));
            translation.expertise = words(&mut f, r, "expertise");
        }
        Kind::Cases => {
            translation.outcomes =
                list(&mut f, r, "outcomes", &original, &mut entries, |t, r, name| OutcomeText {
                    label: t.get("label").and_then(|v| r.text(&format!("{name}.label"), v)),
                    unit: t.get("unit").and_then(|v| r.string(&format!("{name}.unit"), v)),
                });
        }
        Kind::Policies => {
            translation.incentives =
                list(&mut f, r, "incentives", &original, &mut entries, |t, r, name| {
                    t.get("text").and_then(|v| r.text(&format!("{name}.text"), v))
                });
        }
        Kind::Roadshows => {
            translation.venue = f.get("venue").and_then(|v| {
                let t = as_table(r, "venue", v, "[venue]")?;
                let mut t = Fields::new(t, "venue.");
                let mut text =
                    |key: &'static str| t.get(key).and_then(|v| r.text(&format!("venue.{key}"), v));
                let venue =
                    Venue { name: text("name"), address: text("address"), city: text("city") };
                t.finish(r, false);
                Some(venue)
            });
            translation.projects =
                list(&mut f, r, "projects", &original, &mut entries, |t, r, name| ProjectText {
                    title: t.get("title").and_then(|v| r.text(&format!("{name}.title"), v)),
                    summary: t.get("summary").and_then(|v| r.text(&format!("{name}.summary"), v)),
                });
        }
        Kind::Demands | Kind::Pages => {}
    }
    if let Some(DeValue::Table(t)) = extra_v.map(|v| v.get_ref()) {
        swallowed(&f, t, "extra", r);
    }
    f.finish_with(r, true, super::parse::CHINESE_NAMES);
    let Some(title) = title else { return };
    translation.title = title;
    out.translation = Some((translation, entries));
}

/// A translated list of tables (`outcomes`, `incentives`, `projects`): the text of
/// each entry by `text`, a fact in any entry an error at its key.
fn list<T>(
    f: &mut Fields<'_, '_>,
    r: &mut Reporter<'_>,
    field: &'static str,
    original: &str,
    entries: &mut Entries,
    text: impl Fn(&mut Fields<'_, '_>, &mut Reporter<'_>, &str) -> T,
) -> Vec<T> {
    let Some(v) = f.get(field) else { return Vec::new() };
    let Some(items) = r.list(field, v, false) else { return Vec::new() };
    let facts: &[&'static str] = match field {
        "outcomes" => &["value"],
        "incentives" => &["kind"],
        _ => &["team", "seeking", "trl"],
    };
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let name = format!("{field}[{i}]");
        starts.push(r.source.position(&item.span()));
        let Some(t) = as_table(r, &name, item, &format!("[[{field}]]")) else { continue };
        let mut entry = Fields::new(t, format!("{name}."));
        for fact in facts {
            if let Some(span) = entry.key_span(fact) {
                let problem = Problem::new(Code::E0240)
                    .arg("field", format!("{name}.{fact}"))
                    .arg("original", original);
                r.error(&span, problem);
            }
            entry.allow(&[fact]);
        }
        out.push(text(&mut entry, r, &name));
        entry.finish(r, false);
    }
    entries.lists.push((field, starts));
    out
}

/// Pairs every translation with its original item (the file of the same name
/// without the language, `x.md` of `x.en.md`) and applies the rules that need
/// both: a translation without an original is E0241 (unless the original is a
/// file with errors of its own, or a draft left out), a list with more entries
/// than the original's is E0243 at the first extra entry. Returns the published
/// translations, each knowing its original's URL; drafts are left out unless
/// `drafts`.
pub(crate) fn pair(
    translations: Vec<(&ContentFile, (Translation, Entries))>,
    items: &[crate::model::Item],
    originals: &std::collections::HashSet<String>,
    drafts: bool,
    diagnostics: &mut Vec<crate::diagnostics::Diagnostic>,
) -> Vec<Translation> {
    use crate::diagnostics::Diagnostic;
    use crate::model::KindData;
    let by_source: std::collections::HashMap<&str, &crate::model::Item> =
        items.iter().map(|i| (i.source.as_str(), i)).collect();
    let mut out = Vec::new();
    for (file, (mut translation, entries)) in translations {
        let original = file.original();
        let Some(item) = by_source.get(original.as_str()) else {
            if !originals.contains(&original) {
                let problem = Problem::new(Code::E0241).arg("original", original);
                diagnostics.push(Diagnostic::file(&file.rel, problem));
            }
            continue;
        };
        let mut fits = true;
        for (field, starts) in &entries.lists {
            let count = match (&item.data, *field) {
                (KindData::Case(c), "outcomes") => c.outcomes.len(),
                (KindData::Policy(p), "incentives") => p.incentives.len(),
                (KindData::Roadshow(r), "projects") => r.projects.len(),
                _ => continue,
            };
            if let Some(at) = starts.get(count) {
                let problem = Problem::new(Code::E0243)
                    .arg("field", *field)
                    .arg("original", original.as_str())
                    .arg("count", count);
                diagnostics.push(Diagnostic::new(&file.rel, *at, problem));
                fits = false;
            }
        }
        if fits && (drafts || !(item.draft || translation.draft)) {
            translation.original_url = item.rel_url.clone();
            out.push(translation);
        }
    }
    out
}
