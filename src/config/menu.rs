//! `site.toml`'s `[[menu]]`: the main navigation as the site lists it, each entry
//! a `name`, a `url` (a path of the site, which honours `base_url`'s path, or a
//! full URL) and an optional `weight`.
//!
//! What it is not: whether a path exists (only the build knows its pages: the
//! renderer checks each entry with [`MenuEntry::site_path`] and reports E0508 at
//! [`MenuEntry::at`]), or how the navigation is drawn (the theme).

use crate::diagnostics::{Code, Position, Problem};
use crate::source::fields::{Fields, Reporter, Value, array_items, as_table, type_name};
use toml::de::DeValue;

/// One entry of `[[menu]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MenuEntry {
    /// The label shown.
    pub(crate) name: String,
    /// As written: a site path (`/news/`) or a full URL (`https://…`).
    pub(crate) url: String,
    /// Smaller first; ties keep file order.
    pub(crate) weight: i64,
    /// Where the `url` value is written, for E0508.
    pub(crate) at: Position,
    /// Where the `url` value ends.
    pub(crate) end: Position,
}

impl MenuEntry {
    /// The site path the entry names (`/news/` -> `news/`), without a query or
    /// fragment; `None` for a full URL (one with a scheme, `https:` or `mailto:`).
    pub(crate) fn site_path(&self) -> Option<&str> {
        if url::Url::parse(&self.url).is_ok() {
            return None;
        }
        let path = self.url.split(['#', '?']).next().unwrap_or_default();
        Some(path.trim_start_matches('/'))
    }
}

/// Reads `[[menu]]` (an array of tables), or `[[languages.en.menu]]` (`name`).
pub(crate) fn read(v: &Value<'_>, r: &mut Reporter<'_>, name: &str) -> Vec<MenuEntry> {
    let DeValue::Array(items) = v.get_ref() else {
        let problem = Problem::new(Code::E0212)
            .arg("field", name)
            .arg("example", format!("[[{name}]]"))
            .arg("found", type_name(v.get_ref()));
        r.error(&v.span(), problem);
        return Vec::new();
    };
    let mut out = Vec::new();
    for (n, item) in array_items(items).into_iter().enumerate() {
        let prefix = format!("{name}[{n}].");
        let Some(table) = as_table(r, &format!("{name}[{n}]"), item, &format!("[[{name}]]")) else {
            continue;
        };
        let mut f = Fields::new(table, &prefix);
        let name = f
            .require("name", r, Some(&item.span()), None)
            .and_then(|v| r.text(&format!("{prefix}name"), v));
        let url_v = f.require("url", r, Some(&item.span()), None);
        let url = url_v.and_then(|v| r.text(&format!("{prefix}url"), v));
        let weight = match f.get("weight") {
            Some(v) => r.integer(&format!("{prefix}weight"), v, -1_000_000..=1_000_000),
            None => Some(0),
        };
        f.finish(r, false);
        if let (Some(name), Some(url), Some(weight), Some(v)) = (name, url, weight, url_v) {
            let at = r.source.position(&v.span());
            let end = r.source.end_position(&v.span());
            out.push(MenuEntry { name, url, weight, at, end });
        }
    }
    out
}
