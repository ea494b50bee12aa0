//! Disk to checked model: walk `content/`, read and parse every file (in parallel),
//! then apply the rules that span files. All problems are collected; the model is
//! returned only when there are none.
//!
//! What it is not: decoding files and reading TOML with positions (`source`), the
//! settings (`config`), or anything shown to visitors (Markdown bodies are kept as
//! written and rendered by `render`).

pub(crate) mod check;
pub(crate) mod front_matter;
pub(crate) mod parse;
pub(crate) mod sections;
pub(crate) mod translation;
pub(crate) mod trees;
pub(crate) mod walk;

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{self, Code, Diagnostic, Problem};
use crate::model::{Intro, Kind, Site};

pub use parse::{Parsed, parse_file};
pub use walk::ContentFile;

use parse::Orphan;

/// Everything a load found: the site (of the files without errors), every error
/// and warning, and the bodies of the files that did not become items.
pub(crate) struct Loaded {
    /// The site, of the files that have no errors.
    pub(crate) site: Site,
    /// Errors and warnings, sorted.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The bodies of files whose front matter has errors, by source path.
    pub(crate) orphans: Vec<(String, Orphan)>,
}

/// Reads one content file from disk and parses it.
pub(crate) fn read_file(file: &ContentFile, config: &SiteConfig) -> Parsed {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            return Parsed {
                diagnostics: vec![Diagnostic::file(
                    &file.rel,
                    Problem::new(Code::E0701).arg("error", e.to_string()),
                )],
                ..Parsed::default()
            };
        }
    };
    match crate::source::decode(&file.rel, &bytes) {
        Ok(text) => parse_file(file, &text, config),
        Err(d) => Parsed { diagnostics: vec![d], ..Parsed::default() },
    }
}

/// Loads and checks the whole site under `root` (its warnings left out: see
/// [`load_all`]).
pub fn load(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    today: Date,
) -> Result<Site, Vec<Diagnostic>> {
    let loaded = load_all(root, config, drafts, today);
    if diagnostics::has_errors(&loaded.diagnostics) {
        Err(loaded.diagnostics)
    } else {
        Ok(loaded.site)
    }
}

/// Loads and checks the whole site under `root`, keeping all it found.
pub(crate) fn load_all(root: &Path, config: SiteConfig, drafts: bool, today: Date) -> Loaded {
    let (files, mut diagnostics) = walk::walk(root);
    let mut parsed: Vec<Parsed> = files.par_iter().map(|f| read_file(f, &config)).collect();
    let orphans = files
        .iter()
        .zip(parsed.iter_mut())
        .filter_map(|(f, p)| p.orphan.take().map(|o| (f.rel.clone(), o)))
        .collect();
    let site = assemble(root, config, files.iter().zip(parsed), drafts, today, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    Loaded { site, diagnostics, orphans }
}

/// Puts parsed files together into a site and applies the cross-file rules.
pub(crate) fn assemble<'a>(
    root: &Path,
    config: SiteConfig,
    parsed: impl IntoIterator<Item = (&'a ContentFile, Parsed)>,
    drafts: bool,
    today: Date,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let mut items = Vec::new();
    let mut intros = BTreeMap::<Kind, Intro>::new();
    let mut section_intros = BTreeMap::<String, Intro>::new();
    let mut pending = Vec::new();
    let mut stranded = check::Stranded::default();
    let mut files = Vec::new();
    let mut translations = Vec::new();
    let mut intro_translations = Vec::new();
    for (file, mut p) in parsed {
        diagnostics.append(&mut p.diagnostics);
        if let Some(t) = p.translation.take() {
            translations.push((file, t));
        }
        if let Some(t) = p.intro_translation.take() {
            intro_translations.push((file, t));
        }
        if file.lang.is_some() {
            continue;
        }
        if let Some((kind, intro)) = p.intro.take() {
            if sections::is_section_folder(file) {
                section_intros.insert(file.segments[0].clone(), intro);
            } else {
                intros.insert(kind, intro);
            }
        }
        files.push((file, p));
    }
    let sections = sections::find(
        section_intros,
        files.iter().filter_map(|(f, p)| p.item.as_ref().map(|i| (*f, i))),
    );
    let all_files: Vec<&walk::ContentFile> = files.iter().map(|(f, _)| *f).collect();
    for (file, p) in files {
        let placed =
            p.item.and_then(|item| sections::place(&sections, file, item, p.pinned, diagnostics));
        match placed {
            Some(item) => {
                pending.push((file.rel.clone(), p.slug_position, p.references));
                items.push(item);
            }
            // A file with its own errors still exists: references to it are not
            // reported again (its own message says what to fix).
            None if !file.is_intro => {
                let slug = file.segments.last().map(|s| (file.kind, s.clone()));
                stranded.slugs.extend(slug);
                stranded.references.push((file.rel.clone(), p.references));
            }
            None => {}
        }
    }
    let folders: Vec<&str> = sections.iter().map(|s| s.folder.as_str()).collect();
    check::cross_file(root, &items, &pending, &stranded, &folders, drafts, diagnostics);
    let originals: std::collections::HashSet<String> =
        all_files.iter().filter(|f| f.lang.is_none()).map(|f| f.rel.clone()).collect();
    let translations = translation::pair(translations, &items, &originals, drafts, diagnostics);
    let intro_translations: Vec<_> = intro_translations
        .into_iter()
        .filter_map(|(file, t)| {
            // A kind's or a section's listing exists with or without its `_index.md`.
            let original = file.original();
            let listing =
                Kind::from_folder(&t.folder).is_some() || folders.contains(&t.folder.as_str());
            if originals.contains(&original) || listing {
                return Some(t);
            }
            let problem = Problem::new(Code::E0241).arg("original", original);
            diagnostics.push(Diagnostic::file(&file.rel, problem));
            None
        })
        .collect();
    for item in &items {
        let code = item.rel_url.split('/').next().unwrap_or_default();
        if item.kind == Kind::Pages && config.languages.iter().any(|l| l.code == code) {
            let rest = item.source.strip_prefix(&format!("content/{code}/")).unwrap_or("x.md");
            let suggestion = format!("content/{}.{code}.md", rest.trim_end_matches(".md"));
            let problem = Problem::new(Code::E0244)
                .arg("url", item.rel_url.as_str())
                .arg("lang", code)
                .arg("suggestion", suggestion);
            diagnostics.push(Diagnostic::file(&item.source, problem));
        }
    }
    if !drafts {
        items.retain(|i| !i.draft);
    }
    trees::with_languages(
        Site::new(config, items, intros, today)
            .with_sections(sections)
            .with_translations(translations, intro_translations),
    )
}
