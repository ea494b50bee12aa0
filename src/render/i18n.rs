//! Every word a visitor reads that is not content: the theme's language tables and
//! the one lookup into them.
//!
//! Words live in TOML files beside the templates (`themes/default/i18n/zh.toml`,
//! `en.toml`), so a translator edits text, not Rust. Later layers override keys of
//! the same language: the built-in theme, then the site's theme
//! (`themes/<theme>/i18n/<lang>.toml`), then the site's own `i18n/<lang>.toml`; a
//! language the built-in theme lacks starts from English.
//!
//! **One language choice.** A page's language picks its table ([`Strings::for_lang`]):
//! its primary subtag, lowercased (`zh`, `zh-CN` and `zh-Hant` get `zh`), else
//! English. Nothing else in qiao decides whether a text is Chinese.
//!
//! **One lookup.** Templates see the table as `t` (`t.nav.cases`,
//! `t.mode["joint-lab"]`, `{{ t.network.note_all | fmt(drawn=3) }}`); Rust code that
//! words something itself (card facts, state badges, matching reasons, chart titles
//! inside SVG, feed and calendar titles) asks the same [`Table`]: [`Table::get`] for a
//! text, [`Table::label`] for the label of a code, [`Table::fill`] for a sentence with
//! `{placeholders}`, [`Table::list`] to join words as the language does. A key the
//! table lacks reads as the key itself, so a missing word shows where it is missing.
//!
//! Also here, because it is a word on pages, feeds and calendars alike:
//! [`kind_title`], the title of a kind's listing (its intro's title, else the
//! table's). Taxonomy terms are not words of the theme but of the site: their
//! labels come from `site.toml`, else the slug, through
//! [`crate::config::TaxonomyLabels::industry`] and `region` (low enough in the
//! layers that the search documents, feeds and calendars use the same ones).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Display;

use serde_json::Value;

use crate::diagnostics::{Code, Diagnostic, Problem};
use crate::model::{Kind, Site};

/// One language's strings.
#[derive(Debug, Clone)]
pub struct Table {
    /// The strings as JSON (nested tables by section).
    pub json: Value,
    /// The same, converted once for templates (cheap to clone).
    pub tera: tera::Value,
}

impl Table {
    fn new(json: Value) -> Self {
        let tera = tera::Value::from_serializable(&json);
        Self { json, tera }
    }

    /// The text at `key`: a top-level key (`home`) or `section.key`
    /// (`network.title`, `search_script.facet.kind`: only the first dot separates);
    /// the key itself when the table has no such text.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        let value = match key.split_once('.') {
            Some((section, rest)) => {
                self.json.get(section).and_then(|s| s.get(rest)).or_else(|| self.json.get(key))
            }
            None => self.json.get(key),
        };
        value.and_then(Value::as_str).unwrap_or(key)
    }

    /// The label of a code in a section (`mode`, `joint-lab`), or the code itself.
    pub fn label<'a>(&'a self, section: &str, code: &'a str) -> &'a str {
        self.json.get(section).and_then(|s| s.get(code)).and_then(Value::as_str).unwrap_or(code)
    }

    /// A section as JSON (`search_script`), `null` when missing.
    pub fn section(&self, section: &str) -> &Value {
        self.json.get(section).unwrap_or(&Value::Null)
    }

    /// The text at `key` (as [`Table::get`]) with every `{name}` of `args` replaced
    /// by its value. One pass: a value holding `{name}` stays as it is, and a
    /// placeholder with no value is left for the reader to see.
    pub fn fill(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(key), args)
    }

    /// A top-level text with `{n}` replaced.
    pub fn fmt(&self, key: &str, n: impl Display) -> String {
        self.fill(key, &[("n", &n)])
    }

    /// Words joined as the language lists them (`list_separator`: `、`, `, `).
    pub fn list<S: AsRef<str>>(&self, words: impl IntoIterator<Item = S>) -> String {
        join(words, self.get("list_separator"))
    }
}

/// `text` with every `{name}` of `args` replaced, in one pass.
pub fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter().find(|(name, _)| *name == &after[..close]).zip(Some(close))
        });
        match value {
            Some(((_, value), close)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `words` joined with `separator`.
pub fn join<S: AsRef<str>>(words: impl IntoIterator<Item = S>, separator: &str) -> String {
    let mut out = String::new();
    for (i, w) in words.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(w.as_ref());
    }
    out
}

/// The title of a kind's listing, and of its feed: the title of its intro
/// (`content/<kind>/_index.md`) when it has one, else the table's `kind` label.
pub fn kind_title<'a>(site: &'a Site, t: &'a Table, kind: Kind) -> &'a str {
    site.intros
        .get(&kind)
        .and_then(|i| i.title.as_deref())
        .unwrap_or_else(|| t.label("kind", kind.folder()))
}

/// The tables of every language the theme knows.
#[derive(Debug, Clone)]
pub struct Strings {
    tables: BTreeMap<String, Table>,
}

impl Strings {
    /// Tables from `(language, file path for messages, TOML text)`, later files
    /// overriding keys of earlier ones of the same language; a language's first
    /// file starts from the English table.
    pub fn load<'a>(
        files: impl IntoIterator<Item = (String, String, Cow<'a, str>)>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut merged: BTreeMap<String, Value> = BTreeMap::new();
        let mut diagnostics = Vec::new();
        for (lang, path, text) in files {
            let value: Value = match toml::from_str::<toml::Table>(&text) {
                Ok(t) => match serde_json::to_value(t) {
                    Ok(v) => v,
                    Err(e) => {
                        diagnostics.push(Diagnostic::file(
                            path,
                            Problem::new(Code::E0608).arg("error", e.to_string()),
                        ));
                        continue;
                    }
                },
                Err(e) => {
                    let index = crate::diagnostics::LineIndex::new(&text);
                    let pos = e
                        .span()
                        .map(|s| index.position(&text, s.start))
                        .unwrap_or(crate::diagnostics::Position::START);
                    diagnostics.push(Diagnostic::new(
                        path,
                        pos,
                        Problem::new(Code::E0607)
                            .arg("detail", e.message().trim().replace('\n', " ")),
                    ));
                    continue;
                }
            };
            let base = match merged.remove(&lang) {
                Some(base) => base,
                None => merged.get("en").cloned().unwrap_or(Value::Object(Default::default())),
            };
            merged.insert(lang, merge(base, value));
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        Ok(Self { tables: merged.into_iter().map(|(k, v)| (k, Table::new(v))).collect() })
    }

    /// The name of `lang` in itself (`lang_name`: `English`, `中文`) when the theme
    /// has its table, else the tag as written.
    pub fn language_name<'a>(&'a self, lang: &'a str) -> &'a str {
        match self.tables.get(&primary(lang)) {
            Some(t) => t.get("lang_name"),
            None => lang,
        }
    }

    /// The table for a page in `lang` (a BCP 47 tag): the one language choice of
    /// qiao. The primary subtag picks the table (`zh-Hant-TW` → `zh`); a language
    /// without a table gets English.
    pub fn for_lang(&self, lang: &str) -> &Table {
        self.tables
            .get(&primary(lang))
            .or_else(|| self.tables.get("en"))
            .or_else(|| self.tables.values().next())
            .expect("the built-in theme has string tables")
    }
}

/// The primary subtag of a language tag, lowercased: `zh` of `zh-CN`.
fn primary(lang: &str) -> String {
    lang.split('-').next().unwrap_or(lang).to_ascii_lowercase()
}

fn merge(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Object(mut b), Value::Object(o)) => {
            for (k, v) in o {
                let merged = match b.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                b.insert(k, merged);
            }
            Value::Object(b)
        }
        (_, over) => over,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::load([
            (
                "en".to_owned(),
                "en.toml".to_owned(),
                Cow::Borrowed(
                    "home = \"Home\"\nlist_separator = \", \"\n[nav]\ncases = \"Cases\"\nmembers = \"Members\"\n[reason]\nprojects = \"project “{title}” and {more} more\"",
                ),
            ),
            (
                "zh".to_owned(),
                "zh.toml".to_owned(),
                Cow::Borrowed(
                    "home = \"首页\"\nlist_separator = \"、\"\n[nav]\ncases = \"案例\"\n[reason]\nprojects = \"路演项目「{title}」等 {n} 项\"",
                ),
            ),
            ("zh".to_owned(), "theme/zh.toml".to_owned(), Cow::Borrowed("[nav]\ncases = \"合作\"")),
        ])
        .unwrap()
    }

    #[test]
    fn override_and_fallback() {
        let s = strings();
        let zh = s.for_lang("zh-Hans-CN");
        assert_eq!(
            (zh.get("home"), zh.label("nav", "cases"), zh.label("nav", "members")),
            ("首页", "合作", "Members")
        );
        assert_eq!(zh.get("nav.cases"), "合作");
        assert_eq!(s.for_lang("fr").get("home"), "Home");
        assert_eq!(s.for_lang("ZH").get("home"), "首页");
        assert_eq!(zh.get("nav.nothing"), "nav.nothing", "a missing word shows its key");
    }

    #[test]
    fn sentences_are_filled_once_and_lists_joined_by_language() {
        let s = strings();
        let (zh, en) = (s.for_lang("zh"), s.for_lang("en"));
        assert_eq!(
            zh.fill("reason.projects", &[("title", &"视觉"), ("n", &3)]),
            "路演项目「视觉」等 3 项"
        );
        // A value holding a placeholder stays as it is.
        assert_eq!(
            en.fill("reason.projects", &[("title", &"{more}"), ("more", &2)]),
            "project “{more}” and 2 more"
        );
        assert_eq!(fill("{a} {unknown} {", &[("a", &1)]), "1 {unknown} {");
        assert_eq!(zh.list(["科研", "设备"]), "科研、设备");
        assert_eq!(en.list(["research"; 2]), "research, research");
    }
}
