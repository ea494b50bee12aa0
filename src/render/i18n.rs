//! The theme's interface strings in the page's language.
//!
//! Strings live in TOML files beside the templates (`themes/default/i18n/zh.toml`,
//! `en.toml`), so a translator edits text, not Rust; a site theme's
//! `i18n/<lang>.toml` overrides keys of the built-in table of the same language.
//! A page in Chinese (`zh`, `zh-Hant`, …) gets the `zh` table, any other language
//! its own table when one exists, else English. Templates see the table as `t`
//! (`t.nav.cases`, `t.mode["joint-lab"]`); Rust code uses the same table for labels
//! it formats itself (state badges, listing groups, short facts on cards).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostics::Diagnostic;

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

    /// A top-level string, or the key itself when missing.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.json.get(key).and_then(Value::as_str).unwrap_or(key)
    }

    /// A string of a section (`mode`, `joint-lab`), or the key itself when missing.
    pub fn label<'a>(&'a self, section: &str, key: &'a str) -> &'a str {
        self.json.get(section).and_then(|s| s.get(key)).and_then(Value::as_str).unwrap_or(key)
    }

    /// A top-level string with `{n}` replaced.
    pub fn fmt(&self, key: &str, n: impl std::fmt::Display) -> String {
        self.get(key).replace("{n}", &n.to_string())
    }
}

/// The tables of every language the theme knows.
#[derive(Debug, Clone)]
pub struct Strings {
    tables: BTreeMap<String, Table>,
}

impl Strings {
    /// Tables from `(language, file path for messages, TOML text)`, later files
    /// overriding keys of earlier ones of the same language.
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
                        diagnostics
                            .push(Diagnostic::file(path, format!("cannot read the strings: {e}")));
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
                        format!("not valid TOML: {}", e.message().trim()),
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

    /// The table for a BCP 47 language tag.
    pub fn for_lang(&self, lang: &str) -> &Table {
        let primary = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        self.tables
            .get(&primary)
            .or_else(|| self.tables.get("en"))
            .or_else(|| self.tables.values().next())
            .expect("the built-in theme has string tables")
    }
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

    #[test]
    fn override_and_fallback() {
        let s = Strings::load([
            (
                "en".to_owned(),
                "en.toml".to_owned(),
                Cow::Borrowed("home = \"Home\"\n[nav]\ncases = \"Cases\"\nmembers = \"Members\""),
            ),
            (
                "zh".to_owned(),
                "zh.toml".to_owned(),
                Cow::Borrowed("home = \"首页\"\n[nav]\ncases = \"案例\""),
            ),
            ("zh".to_owned(), "theme/zh.toml".to_owned(), Cow::Borrowed("[nav]\ncases = \"合作\"")),
        ])
        .unwrap();
        let zh = s.for_lang("zh-Hans-CN");
        assert_eq!(
            (zh.get("home"), zh.label("nav", "cases"), zh.label("nav", "members")),
            ("首页", "合作", "Members")
        );
        assert_eq!(s.for_lang("fr").get("home"), "Home");
    }
}
