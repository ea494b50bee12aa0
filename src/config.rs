//! `site.toml`: the site's settings, read with the same positioned diagnostics as
//! front matter (unknown keys get a suggestion), and the build's own options.
//!
//! What it is not: the TOML machinery (that is `source::fields`, shared with
//! `content`), or anything about content files; it knows nothing above `source`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::source::fields::{Fields, Reporter, Source, Value, as_table, table_to_json};

/// Labels of taxonomy terms by slug, from `[taxonomies]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct TaxonomyLabels {
    /// `industries.<slug> = "label"`
    pub(crate) industries: BTreeMap<String, String>,
    /// `regions.<slug> = "label"`
    pub(crate) regions: BTreeMap<String, String>,
    /// `tags.<term> = "label"`
    pub(crate) tags: BTreeMap<String, String>,
}

impl TaxonomyLabels {
    /// The label of an industry term: its label here
    /// (`[taxonomies] industries.new-materials = "新材料"`), else its slug. With
    /// [`TaxonomyLabels::region`], the one "label, else slug": pages, cards, insight
    /// pages, search documents, feeds, calendars and JSON-LD all call them. (Tags
    /// differ: without a label they show the spelling editors use most, see
    /// `render::index`.)
    pub(crate) fn industry<'a>(&'a self, slug: &'a str) -> &'a str {
        self.industries.get(slug).map_or(slug, String::as_str)
    }

    /// The label of a region term, else its slug (see [`TaxonomyLabels::industry`]).
    pub(crate) fn region<'a>(&'a self, slug: &'a str) -> &'a str {
        self.regions.get(slug).map_or(slug, String::as_str)
    }
}

/// The validated `site.toml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title.
    pub(crate) title: String,
    /// `base_url`, always ending in `/`.
    pub(crate) base_url: String,
    /// The path part of `base_url`, starting and ending with `/` (`/alliance/`).
    pub(crate) base_path: String,
    /// The host of `base_url` (for calendar UIDs).
    pub(crate) host: String,
    /// Default language (BCP 47).
    pub(crate) language: String,
    /// The IANA timezone (`timezone`, default `Asia/Shanghai`).
    pub(crate) tz: TimeZone,
    /// Site description.
    pub(crate) description: Option<String>,
    /// Theme folder under `themes/`, if not the built-in one.
    pub(crate) theme: Option<String>,
    /// Taxonomy labels.
    pub(crate) taxonomies: TaxonomyLabels,
    /// Free data for templates.
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// `[markdown] trust_html`: raw HTML in Markdown is passed through unsanitized.
    pub(crate) trust_html: bool,
}

impl SiteConfig {
    /// Replaces `base_url` (from `--base-url`), checking it like the file's value.
    pub(crate) fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path, host) = normalize_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        self.host = host;
        Ok(())
    }

    /// The absolute URL of a site path (`cases/x/` -> `https://host/alliance/cases/x/`).
    pub(crate) fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel.trim_start_matches('/'))
    }

    /// The root-relative link of a site path (`cases/x/` -> `/alliance/cases/x/`).
    pub(crate) fn link(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }
}

/// Checks a base URL and splits it into (url ending in `/`, path, host).
pub(crate) fn normalize_base_url(url: &str) -> Result<(String, String, String), String> {
    let parsed =
        url::Url::parse(url.trim()).map_err(|e| format!("`{url}` is not a valid URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("`{url}` must start with http:// or https://"));
    }
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| format!("`{url}` has no host"))?
        .to_owned();
    let mut path = parsed.path().to_owned();
    if !path.ends_with('/') {
        path.push('/');
    }
    let mut base = parsed.clone();
    base.set_path(&path);
    base.set_query(None);
    base.set_fragment(None);
    Ok((base.to_string(), path, host))
}

/// Whether `s` looks like a BCP 47 language tag (`zh`, `en-US`, `zh-Hans-CN`).
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Reads and checks `ROOT/site.toml`.
pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join("site.toml");
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![Diagnostic::file(
            "site.toml",
            format!(
                "cannot read site.toml: {e} (is `{}` a qiao site? `qiao init DIR` makes one)",
                root.display()
            ),
        )]
    })?;
    let text = crate::source::decode("site.toml", &bytes).map_err(|d| vec![d])?;
    parse(&text)
}

/// Parses the text of `site.toml`.
pub(crate) fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let index = LineIndex::new(text);
    let utc = TimeZone::UTC;
    let toml_text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - toml_text.len();
    let mut r = Reporter::new(Source { path: "site.toml", text, index: &index, base, tz: &utc });
    let doc = match DeTable::parse(toml_text) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            r.error(&span, format!("site.toml is not valid TOML: {}", e.message().trim()));
            return Err(r.diagnostics);
        }
    };
    let config = read(doc.get_ref(), &mut r);
    match config {
        Some(c) if r.diagnostics.is_empty() => Ok(c),
        _ => Err(r.diagnostics),
    }
}

fn read(doc: &DeTable<'_>, r: &mut Reporter<'_>) -> Option<SiteConfig> {
    let mut f = Fields::new(doc, "");
    let title = f.require("title", r, None, " (the site's name)").and_then(|v| r.text("title", v));
    let base = f
        .require(
            "base_url",
            r,
            None,
            " (the address the site is published at, like \"https://alliance.example.org/\")",
        )
        .and_then(|v| {
            let s = r.string("base_url", v)?;
            match normalize_base_url(&s) {
                Ok(b) => Some(b),
                Err(e) => {
                    r.error(&v.span(), format!("`base_url`: {e}"));
                    None
                }
            }
        });
    let language = match f.get("language") {
        Some(v) => r.text("language", v).filter(|l| {
            let ok = is_language_tag(l);
            if !ok {
                r.error(
                    &v.span(),
                    format!(
                        "`language` must be a language tag like \"zh\" or \"en\", found \"{l}\""
                    ),
                );
            }
            ok
        }),
        None => Some("zh".to_owned()),
    };
    let tz = match f.get("timezone") {
        Some(v) => match r.text("timezone", v) {
            Some(name) => match TimeZone::get(&name) {
                Ok(tz) => Some(tz),
                Err(_) => {
                    r.error(&v.span(), format!("`timezone` must be an IANA time zone name like \"Asia/Shanghai\", found \"{name}\""));
                    None
                }
            },
            None => None,
        },
        None => TimeZone::get("Asia/Shanghai").ok(),
    };
    let description = f.get("description").and_then(|v| r.string("description", v));
    let theme = f.get("theme").and_then(|v| r.text("theme", v)).filter(|t| {
        let ok = !t.contains(['/', '\\']) && !t.starts_with('.');
        if !ok {
            r.file_error(format!("`theme` must be a folder name under themes/, found \"{t}\""));
        }
        ok
    });
    let taxonomies = f.get("taxonomies").and_then(|v| read_taxonomies(v, r)).unwrap_or_default();
    let extra = f
        .get("extra")
        .and_then(|v| as_table(r, "extra", v, "[extra]"))
        .map(table_to_json)
        .unwrap_or_default();
    let trust_html = f
        .get("markdown")
        .and_then(|v| as_table(r, "markdown", v, "[markdown]"))
        .and_then(|t| {
            let mut m = Fields::new(t, "markdown.");
            let trust = m.get("trust_html").and_then(|v| r.boolean("markdown.trust_html", v));
            m.finish(r, false);
            trust
        })
        .unwrap_or(false);
    f.finish(r, false);
    let (base_url, base_path, host) = base?;
    Some(SiteConfig {
        title: title?,
        base_url,
        base_path,
        host,
        language: language?,
        tz: tz?,
        description,
        theme,
        taxonomies,
        extra,
        trust_html,
    })
}

fn read_taxonomies(v: &Value<'_>, r: &mut Reporter<'_>) -> Option<TaxonomyLabels> {
    let table = as_table(r, "taxonomies", v, "[taxonomies]")?;
    let mut f = Fields::new(table, "taxonomies.");
    let mut labels = TaxonomyLabels::default();
    for (name, target) in [
        ("industries", &mut labels.industries),
        ("regions", &mut labels.regions),
        ("tags", &mut labels.tags),
    ] {
        let Some(v) = f.get(name) else { continue };
        let field = format!("taxonomies.{name}");
        let Some(t) = as_table(r, &field, v, "{ some-slug = \"Label\" }") else { continue };
        for (term, label) in t.iter() {
            if let DeValue::String(s) = label.get_ref() {
                target.insert(term.get_ref().to_string(), s.to_string());
            } else {
                r.error(
                    &label.span(),
                    format!("`{field}.{}` must be a label in quotes", term.get_ref()),
                );
            }
        }
    }
    f.finish(r, false);
    Some(labels)
}

/// How a build runs: everything that is not in the site's files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder that holds `site.toml`.
    pub(crate) root: PathBuf,
    /// Where the site is written (default `ROOT/public`).
    pub(crate) output_dir: PathBuf,
    /// Overrides `base_url`.
    pub(crate) base_url: Option<String>,
    /// Include drafts.
    pub(crate) drafts: bool,
    /// "Today" for everything date-dependent; `None` means the real date in the site's timezone.
    pub today: Option<Date>,
    /// Minify HTML.
    pub(crate) minify: bool,
    /// Inject the live-reload script (serve only).
    pub(crate) live_reload: bool,
}

impl BuildOptions {
    /// Defaults for a site root.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            output_dir: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            today: None,
            minify: true,
            live_reload: false,
        }
    }

    /// The build's "today": the option, else the real date in `tz`.
    pub(crate) fn today_in(&self, tz: &TimeZone) -> Date {
        self.today.unwrap_or_else(|| jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_path() {
        let (url, path, host) = normalize_base_url("https://host.org/alliance").unwrap();
        assert_eq!(
            (url.as_str(), path.as_str(), host.as_str()),
            ("https://host.org/alliance/", "/alliance/", "host.org")
        );
    }

    #[test]
    fn unknown_key_suggests() {
        let err =
            parse("title = \"x\"\nbase_url = \"https://a.org/\"\ntimezon = \"Asia/Shanghai\"\n")
                .unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "site.toml:3:1: error: unknown field `timezon`; did you mean `timezone`?"
        );
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("zh") && is_language_tag("zh-Hans-CN") && !is_language_tag("中文"));
    }
}
