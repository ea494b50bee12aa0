//! The site in each of its languages: for every `[languages.<code>]`, a whole
//! [`Site`] whose items are the translations in that language, each over its
//! original's facts, and, for references, links and the insight pages, the
//! items that have no translation there (left in their own tree: linked to, not
//! listed).
//!
//! What it is not: reading or checking a translation (`super::translation`), or
//! anything about how a tree is published (`build` renders each one under its
//! folder, `urls` and `config` make its links).

use std::collections::HashMap;

use crate::model::{Intro, Item, Kind, KindData, Section, Site, Translation};

/// The site with its other languages' trees ([`Site::languages`]) and every
/// item's versions; the site unchanged when it declares no other language.
pub(crate) fn with_languages(mut site: Site) -> Site {
    if site.config.languages.is_empty() {
        return site;
    }
    let original_lang = site.config.language.clone();
    // (language, original URL) -> translation
    let by_url: HashMap<(&str, &str), &Translation> =
        site.translations.iter().map(|t| ((t.lang.as_str(), t.original_url.as_str()), t)).collect();
    let codes: Vec<String> = site.config.languages.iter().map(|l| l.code.clone()).collect();
    let versions: Vec<Vec<(String, String)>> = site
        .items
        .iter()
        .map(|item| {
            let mut v = vec![(original_lang.clone(), String::new())];
            for code in &codes {
                if by_url.contains_key(&(code.as_str(), item.rel_url.as_str())) {
                    v.push((code.clone(), format!("{code}/")));
                }
            }
            v
        })
        .collect();
    let mut languages = Vec::new();
    for code in &codes {
        let Some(config) = site.config.for_language(code) else { continue };
        let items = site
            .items
            .iter()
            .zip(&versions)
            .map(|(item, versions)| {
                let mut item = match by_url.get(&(code.as_str(), item.rel_url.as_str())) {
                    Some(t) => translated(item, t, &config.tree),
                    None => item.clone(),
                };
                item.versions = versions.clone();
                item
            })
            .collect();
        let intro_of = |folder: &str, original: Option<&Intro>| {
            let translated = site
                .intro_translations
                .iter()
                .find(|t| t.lang == *code && t.folder == folder)
                .map(|t| t.intro.clone());
            untranslated_intro(translated, original)
        };
        // A kind's intro, translated or not; a translated intro of a kind that has
        // no `_index.md` of its own.
        let kinds = site
            .intros
            .keys()
            .copied()
            .chain(site.intro_translations.iter().filter_map(|t| Kind::from_folder(&t.folder)));
        let intros = kinds
            .filter_map(|kind| Some((kind, intro_of(kind.folder(), site.intros.get(&kind))?)))
            .collect();
        let sections = site
            .sections
            .iter()
            .map(|s| Section {
                folder: s.folder.clone(),
                intro: intro_of(&s.folder, s.intro.as_ref()),
            })
            .collect();
        languages.push(Site::new(config, items, intros, site.today).with_sections(sections));
    }
    for (item, versions) in site.items.iter_mut().zip(versions) {
        item.versions = versions;
    }
    site.languages = languages;
    site
}

/// A listing's intro in a language: its translation with the original's
/// `paginate_by` and `home`; without one, only those (a title and text in another
/// language would be out of place).
fn untranslated_intro(translated: Option<Intro>, original: Option<&Intro>) -> Option<Intro> {
    match (translated, original) {
        (Some(mut t), Some(o)) => {
            t.paginate_by = o.paginate_by;
            t.home = o.home;
            Some(t)
        }
        (Some(t), None) => Some(t),
        (None, Some(o)) => Some(Intro {
            source: o.source.clone(),
            title: None,
            body: String::new(),
            body_line_offset: 0,
            extra: serde_json::Map::new(),
            paginate_by: o.paginate_by,
            home: o.home,
        }),
        (None, None) => None,
    }
}

/// The item in the translation's language: the translation's text over the
/// original's facts, its page in `tree`.
fn translated(original: &Item, t: &Translation, tree: &str) -> Item {
    let mut item = Item {
        source: t.source.clone(),
        title: t.title.clone(),
        summary: t.summary.clone(),
        tags: t.tags.clone().unwrap_or_else(|| original.tags.clone()),
        lang: t.lang.clone(),
        lang_set: true,
        cover_alt: t.cover_alt.clone().or_else(|| original.cover_alt.clone()),
        // The old paths redirect to the original; its translation has its own URL.
        aliases: Vec::new(),
        extra: t.extra.clone().unwrap_or_else(|| original.extra.clone()),
        body: t.body.as_str().into(),
        body_line_offset: t.body_line_offset,
        tree: tree.to_owned(),
        draft: original.draft || t.draft,
        original_source: Some(original.source.clone()),
        ..original.clone()
    };
    match &mut item.data {
        KindData::Member(m) => {
            if t.logo_alt.is_some() {
                m.logo_alt.clone_from(&t.logo_alt);
            }
            if let Some(expertise) = &t.expertise {
                m.expertise.clone_from(expertise);
            }
        }
        KindData::Case(c) => {
            for (outcome, text) in c.outcomes.iter_mut().zip(&t.outcomes) {
                if let Some(label) = &text.label {
                    outcome.label.clone_from(label);
                }
                if text.unit.is_some() {
                    outcome.unit.clone_from(&text.unit);
                }
            }
        }
        KindData::Policy(p) => {
            for (incentive, text) in p.incentives.iter_mut().zip(&t.incentives) {
                if let Some(text) = text {
                    incentive.text.clone_from(text);
                }
            }
        }
        KindData::Roadshow(r) => {
            if let (Some(venue), Some(text)) = (&mut r.venue, &t.venue) {
                for (own, theirs) in [
                    (&mut venue.name, &text.name),
                    (&mut venue.address, &text.address),
                    (&mut venue.city, &text.city),
                ] {
                    if theirs.is_some() {
                        own.clone_from(theirs);
                    }
                }
            }
            for (project, text) in r.projects.iter_mut().zip(&t.projects) {
                if let Some(title) = &text.title {
                    project.title.clone_from(title);
                }
                if text.summary.is_some() {
                    project.summary.clone_from(&text.summary);
                }
            }
        }
        KindData::Demand(_) | KindData::Page | KindData::Entry(_) => {}
    }
    item
}
