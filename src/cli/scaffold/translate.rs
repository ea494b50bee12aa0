//! `qiao new KIND SLUG --translate CODE`: the start of a translation.
//!
//! What this module is for: writing `x.<code>.md` beside an existing original
//! `x.md`, holding the original's text fields (the only fields a translation may
//! set: title, summary, tags, `cover_alt`, a member's `logo_alt` and `expertise`, a
//! case's `outcomes` labels and units, a policy's `incentives` texts, a roadshow's
//! `venue` texts and `projects` titles and summaries, `[extra]`) with the
//! original's words as their starting values, and the original's body, so that a
//! translator writes over them in place. Its comments, in the site's language as
//! every scaffold's, say that only text is translated and where the facts come
//! from; they follow the rules of the parent module (whole `# ` lines, prose never
//! valid TOML, hints that can be uncommented).
//!
//! What it is not: it does not read translations or check them (that is `content`),
//! and it reads `site.toml` only to know whether CODE is declared and to read the
//! original as a build would.

use std::path::{Path, PathBuf};

use super::{Front, Lang, cannot_write, language_of};
use crate::content::ContentFile;
use crate::diagnostics::Message;
use crate::model::{Intro, Item, Kind, KindData};
use crate::text::{is_slug, toml_string, toml_strings};

/// What SLUG names in a KIND: an item, a plain page, or the intro of a listing.
enum Original {
    Item(Box<Item>),
    Intro(Intro),
}

/// Writes the translation into `code` of the original that `kind` and `slug`
/// name (`content/<kind>/…/<slug>.md`, `content/<slug>.md` for a page), beside
/// it as `<slug>.<code>.md`, and returns its path. `title`, when given, is the
/// translated title.
pub(crate) fn new_translation(
    root: &Path,
    kind: &str,
    slug: &str,
    code: &str,
    title: Option<&str>,
) -> Result<PathBuf, Message> {
    if !root.join("site.toml").is_file() {
        return Err(Message::new("new-no-site").arg("dir", root.display().to_string()));
    }
    if !crate::text::is_site_language(code) {
        return Err(Message::new("new-translate-bad-code").arg("code", code));
    }
    let site_language = language_of(root);
    if site_language.eq_ignore_ascii_case(code) {
        return Err(Message::new("new-translate-default").arg("code", code));
    }
    let config =
        crate::config::load(root).map_err(|_| Message::new("new-translate-site-errors"))?;
    if !config.languages.iter().any(|l| l.code == code) {
        return Err(Message::new("new-translate-undeclared").arg("code", code));
    }
    let is_path = |s: &str| s.split('/').all(|seg| is_slug(seg) || seg == "_index");
    if slug.is_empty() || !is_path(slug) {
        return Err(Message::new("new-bad-slug").arg("slug", slug));
    }
    let file = find_original(root, kind, slug)?;
    let parsed = crate::content::read_file(&file, &config);
    if crate::diagnostics::has_errors(&parsed.diagnostics) {
        return Err(Message::new("new-translate-original-errors").arg("path", file.rel.clone()));
    }
    let original = match (parsed.item, parsed.intro) {
        (Some(item), _) => Original::Item(Box::new(item)),
        (None, Some((_, intro))) => Original::Intro(intro),
        (None, None) => {
            return Err(Message::new("new-translate-original-errors").arg("path", file.rel.clone()));
        }
    };
    if let Original::Item(item) = &original
        && item.lang_set
        && item.lang.eq_ignore_ascii_case(code)
    {
        return Err(Message::new("new-translate-same-language")
            .arg("path", file.rel.clone())
            .arg("code", code));
    }
    let name = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let path = file.path.with_file_name(format!("{name}.{code}.md"));
    if path.exists() {
        return Err(Message::new("new-translate-exists").arg("path", path.display().to_string()));
    }
    let lang = Lang::of(&site_language);
    let text = translation_text(&original, &file.rel, code, title, lang);
    std::fs::write(&path, text).map_err(|e| cannot_write(&path, &e))?;
    Ok(path)
}

/// The original file `kind` and `slug` name. For a kind or a section, `slug` is a
/// file name looked for in the folder and every folder below it, or a path below
/// the folder (`2024/x`) when the name alone is ambiguous; for a page, the path
/// below `content/` (`about`, `join/how`).
fn find_original(root: &Path, kind: &str, slug: &str) -> Result<ContentFile, Message> {
    let (mut files, _) = crate::content::walk::walk(root);
    // Only an original is translated (a translation's stem is its original's).
    files.retain(|f| f.lang.is_none());
    let (folder, page) = match kind {
        "page" | "pages" => (None, true),
        k => match Kind::from_folder(k).or_else(|| Kind::from_folder(&format!("{k}s"))) {
            Some(kind) => (Some(kind.folder().to_owned()), false),
            None => {
                if is_slug(k) && k.is_ascii() && root.join("content").join(k).is_dir() {
                    (Some(k.to_owned()), false)
                } else {
                    return Err(Message::new("new-unknown-kind").arg("kind", kind));
                }
            }
        },
    };
    let Some(folder) = folder.filter(|_| !page) else {
        return files.into_iter().find(|f| f.segments.join("/") == slug).ok_or_else(|| {
            Message::new("new-translate-no-page").arg("path", format!("content/{slug}.md"))
        });
    };
    let below = |f: &ContentFile| f.segments.len() > 1 && f.segments[0] == folder;
    let found: Vec<ContentFile> = files
        .into_iter()
        .filter(below)
        .filter(|f| {
            if slug.contains('/') {
                f.segments[1..].join("/") == slug
            } else {
                f.segments.last().is_some_and(|name| name == slug)
            }
        })
        .collect();
    match found.len() {
        0 => Err(Message::new("new-translate-no-original")
            .arg("path", format!("content/{folder}/{slug}.md"))
            .arg("folder", format!("content/{folder}/"))),
        1 => Ok(found.into_iter().next().expect("one file")),
        _ => {
            let paths: Vec<String> = found.iter().map(|f| f.rel.clone()).collect();
            let example = found[1].segments[1..].join("/");
            Err(Message::new("new-translate-ambiguous")
                .arg("slug", slug)
                .arg("paths", paths.join(", "))
                .arg("folder", format!("content/{folder}/"))
                .arg("example", example))
        }
    }
}

/// The `[extra]` table, written as TOML (nested tables as `[extra.x]`).
fn extra_table(extra: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    if extra.is_empty() {
        return None;
    }
    let value = toml::Value::try_from(extra).ok()?;
    let mut doc = toml::Table::new();
    doc.insert("extra".into(), value);
    toml::to_string(&doc).ok()
}

/// The text of the translation into `code` of `original` (at `rel`).
fn translation_text(
    original: &Original,
    rel: &str,
    code: &str,
    title: Option<&str>,
    l: Lang,
) -> String {
    let mut f = Front::new(l);
    f.note(
        &format!(
            "这是 {rel} 的译文（{code}）。只翻译文字：下面的字段和正文现在是原文的内容，请直接改写成译文"
        ),
        &format!(
            "This is the translation into {code} of {rel}. Only text is translated: the fields below and the body hold the original's words now; write the translation over them"
        ),
    );
    f.note(
        &format!(
            "事实（日期、slug、合作单位、类型、数字、网址、产业和地区等）都取自原文，这里不能填写；要改事实，请改原文 {rel}"
        ),
        &format!(
            "The facts (dates, slugs, partners, types, numbers, web addresses, industries, regions and the like) come from the original and cannot be set here; to change one, edit {rel}"
        ),
    );
    let (item, intro) = match original {
        Original::Item(item) => (Some(item.as_ref()), None),
        Original::Intro(intro) => (None, Some(intro)),
    };
    let original_title = match (item, intro) {
        (Some(item), _) => item.title.clone(),
        // An intro without a title of its own: its folder's name, to write over.
        (_, Some(intro)) => intro.title.clone().unwrap_or_else(|| folder_of(rel).to_owned()),
        _ => String::new(),
    };
    f.note("必填：标题", "Required: the title");
    f.set(&format!("title = {}", toml_string(title.unwrap_or(&original_title))));
    let mut tables = String::new();
    if let Some(item) = item {
        // The optional fields the original has, introduced by one note.
        let mut o = Front::new(l);
        if let Some(summary) = &item.summary {
            o.set(&format!("summary = {}", toml_string(summary)));
        }
        if !item.tags.is_empty() {
            o.set(&format!("tags = {}", toml_strings(&item.tags)));
        }
        if let Some(alt) = &item.cover_alt {
            o.set(&format!("cover_alt = {}", toml_string(alt)));
        }
        match &item.data {
            KindData::Member(m) => {
                if let Some(alt) = &m.logo_alt {
                    o.set(&format!("logo_alt = {}", toml_string(alt)));
                }
                if !m.expertise.is_empty() {
                    o.set(&format!("expertise = {}", toml_strings(&m.expertise)));
                }
            }
            KindData::Roadshow(r) => {
                if let Some(venue) = &r.venue {
                    let parts: Vec<String> =
                        [("name", &venue.name), ("address", &venue.address), ("city", &venue.city)]
                            .into_iter()
                            .filter_map(|(k, v)| {
                                v.as_ref().map(|v| format!("{k} = {}", toml_string(v)))
                            })
                            .collect();
                    if !parts.is_empty() {
                        o.note(
                            "会场：只翻译名称、地址和城市；花括号里的内容必须写在同一行",
                            "The venue: only its name, address and city are translated; what is inside { } must stay on one line",
                        );
                        o.set(&format!("venue = {{ {} }}", parts.join(", ")));
                    }
                }
            }
            _ => {}
        }
        if !o.s.is_empty() {
            f.note(
                "下面的可选字段如果不翻译，可以整行删掉：网站上会沿用原文的文字",
                "An optional field below may be deleted as a whole line: the site then shows the original's words",
            );
            f.s.push_str(&o.s);
        }
        f.note(
            "可选：草稿。译文还没写完时写上这一行，这种语言的网站就先不收录它；写完后删掉",
            "Optional: a draft. While the translation is unfinished, this line keeps it off the site in that language; delete it when done",
        );
        f.hint("draft = true");
        tables = item_tables(item, l);
    } else {
        f.note(
            "栏目简介的译文只有标题和正文；每页条数和首页设置取自原文",
            "The translation of a listing's intro has only the title and the text; paging and the home page settings come from the original",
        );
    }
    let extra = match (item, intro) {
        (Some(item), _) => extra_table(&item.extra),
        (_, Some(intro)) => extra_table(&intro.extra),
        _ => None,
    };
    if let Some(extra) = extra {
        f.note(
            "模板用的附加数据，其中的文字也可以翻译",
            "Extra data for the templates; the text in it may be translated too",
        );
        f.s.push_str(&extra);
    }
    f.s.push_str(&tables);
    let body = match (item, intro) {
        (Some(item), _) => &item.body,
        (_, Some(intro)) => intro.body.as_str(),
        _ => "",
    };
    format!("+++\n{}+++\n{body}", f.s)
}

/// The folder below `content/` of a site-relative path (`news` of
/// `content/news/_index.md`).
fn folder_of(rel: &str) -> &str {
    rel.strip_prefix("content/").and_then(|r| r.split('/').next()).unwrap_or(rel)
}

/// The arrays of tables a translation carries, by position: a case's outcomes, a
/// policy's incentives, a roadshow's projects (each introduced by a note).
fn item_tables(item: &Item, l: Lang) -> String {
    let mut f = Front::new(l);
    match &item.data {
        KindData::Case(case) if !case.outcomes.is_empty() => {
            f.note(
                "成果：按顺序对应原文的每一项，只翻译 label 和 unit；数值取自原文",
                "Outcomes, one for each of the original's in the same order: only label and unit are translated; the values come from the original",
            );
            for outcome in &case.outcomes {
                f.set("[[outcomes]]");
                f.set(&format!("label = {}", toml_string(&outcome.label)));
                if let Some(unit) = &outcome.unit {
                    f.set(&format!("unit = {}", toml_string(unit)));
                }
            }
        }
        KindData::Policy(policy) if !policy.incentives.is_empty() => {
            f.note(
                "扶持措施：按顺序对应原文的每一项，只翻译 text；类型取自原文",
                "Incentives, one for each of the original's in the same order: only text is translated; the kind comes from the original",
            );
            for incentive in &policy.incentives {
                f.set("[[incentives]]");
                f.set(&format!("text = {}", toml_string(&incentive.text)));
            }
        }
        KindData::Roadshow(roadshow) if !roadshow.projects.is_empty() => {
            f.note(
                "路演项目：按顺序对应原文的每一项，只翻译 title 和 summary；团队、需求和成熟度取自原文",
                "Projects, one for each of the original's in the same order: only title and summary are translated; team, seeking and trl come from the original",
            );
            for project in &roadshow.projects {
                f.set("[[projects]]");
                f.set(&format!("title = {}", toml_string(&project.title)));
                if let Some(summary) = &project.summary {
                    f.set(&format!("summary = {}", toml_string(summary)));
                }
            }
        }
        _ => {}
    }
    f.s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_stay_on_one_line_and_read_back() {
        for s in ["plain", "引号“”和\"quotes\"", "two\nlines\tand \\ back", "\u{7}bell"] {
            let line = format!("x = {}", toml_string(s));
            assert!(!line.contains('\n'), "{line}");
            let table: toml::Table = line.parse().unwrap();
            assert_eq!(table["x"].as_str(), Some(s));
        }
        let list = format!("x = {}", toml_strings(&["a\"b".into(), "数控".into()]));
        let table: toml::Table = list.parse().unwrap();
        assert_eq!(table["x"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn an_intro_is_named_by_its_folder() {
        assert_eq!(folder_of("content/news/_index.md"), "news");
        assert_eq!(folder_of("content/cases/_index.md"), "cases");
    }
}
