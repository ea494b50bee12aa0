//! Which top-level folders are sections, and what that makes of their pages.
//!
//! A section is a top-level folder of `content/` that is not one of the five kinds
//! and either holds a page with a `date` or has an `_index.md` (`content/news/`,
//! `content/notices/`). Every page of a section must set `date`; its URL is
//! `<folder>/<slug>/` (deeper folders only keep order, as in a kind's folder), and
//! it may set `pinned`. A folder whose pages have no date (`content/join/how.md`)
//! keeps plain pages, each at its own path. This is decided once all files are
//! parsed, because whether a folder is a section depends on its other files.
//!
//! What it is not: reading a page's fields (`super::parse`), or listing a section
//! (`render`).

use std::collections::BTreeMap;

use super::walk::ContentFile;
use crate::diagnostics::{Code, Diagnostic, Position, Problem};
use crate::model::{Entry, Intro, Item, Kind, KindData, Section};

/// Whether `file` sits directly in a top-level folder that is not a kind's: the
/// `_index.md` there introduces a section.
pub(crate) fn is_section_folder(file: &ContentFile) -> bool {
    file.kind == Kind::Pages && file.segments.len() == 2
}

/// The top-level folder of a plain page in a folder (`news` of `news/2024/x`).
fn folder_of(file: &ContentFile) -> Option<&str> {
    (file.kind == Kind::Pages && file.segments.len() > 1).then(|| file.segments[0].as_str())
}

/// The sections, from the section intros and the dated pages in top-level folders.
pub(crate) fn find<'a>(
    intros: BTreeMap<String, Intro>,
    pages: impl IntoIterator<Item = (&'a ContentFile, &'a Item)>,
) -> Vec<Section> {
    let mut folders: BTreeMap<String, Option<Intro>> =
        intros.into_iter().map(|(f, i)| (f, Some(i))).collect();
    for (file, item) in pages {
        if let Some(folder) = folder_of(file).filter(|_| item.dated) {
            folders.entry(folder.to_owned()).or_default();
        }
    }
    folders.into_iter().map(|(folder, intro)| Section { folder, intro }).collect()
}

/// Makes `item` a page of its section, when its folder is one: its URL, its
/// `pinned`; a page of a section without `date` is an error (the item is dropped).
/// `pinned` on a page that is no section's is an error at the key.
pub(crate) fn place(
    sections: &[Section],
    file: &ContentFile,
    mut item: Item,
    pinned: Option<(bool, Position)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let section = folder_of(file).filter(|f| sections.iter().any(|s| s.folder == *f));
    let Some(section) = section else {
        if let Some((_, at)) = pinned {
            diagnostics.push(Problem::new(Code::E0232).at(&file.rel, at));
        }
        return Some(item);
    };
    if !item.dated {
        let problem = Problem::new(Code::E0231).arg("folder", section);
        diagnostics.push(Diagnostic::file(&file.rel, problem));
        return None;
    }
    item.rel_url = format!("{section}/{}/", item.slug);
    item.data = KindData::Entry(Entry {
        section: section.to_owned(),
        pinned: pinned.is_some_and(|(p, _)| p),
    });
    Some(item)
}
