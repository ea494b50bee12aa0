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

use crate::diagnostics::{Arg, Code, Diagnostic, Lang, LineIndex, Message, Problem, suggest};
use crate::source::fields::{self, Fields, Reporter, Source, Value, as_table, table_to_json};
use crate::source::keyboard;

mod menu;
pub(crate) use menu::MenuEntry;

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
    /// `[[menu]]`: the main navigation, when the site lists it.
    pub(crate) menu: Vec<MenuEntry>,
    /// `[build] precompress`: write a `.gz` and a `.br` beside every text file
    /// (as `build --precompress`).
    pub(crate) precompress: bool,
    /// `[images]`: what the build does with images.
    pub(crate) images: ImageSettings,
    /// `[languages.<code>]`: the site's other languages, in code order.
    pub(crate) languages: Vec<LanguageSettings>,
    /// The site's own language (`language` of `site.toml`), whatever the language
    /// of this configuration.
    pub(crate) root_language: String,
    /// The folder of this configuration's language below the site's root: `` for
    /// the default language, `en/` for another ([`SiteConfig::for_language`]).
    /// `base_url` and `base_path` end in it.
    pub(crate) tree: String,
}

/// `[languages.<code>]` in `site.toml`: another language of the site, published
/// under `/<code>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LanguageSettings {
    /// The language tag (`en`), also the folder.
    pub(crate) code: String,
    /// The site's title in that language (the default language's when unset).
    pub(crate) title: Option<String>,
    /// The site's description in that language.
    pub(crate) description: Option<String>,
    /// Labels of terms in that language (the default language's, else the slug,
    /// for a term it does not label).
    pub(crate) taxonomies: TaxonomyLabels,
    /// `[[languages.<code>.menu]]`: that language's navigation, when listed.
    pub(crate) menu: Vec<MenuEntry>,
    /// `[languages.<code>.extra]`: the values of `[extra]` in that language (a key
    /// it does not set keeps the default language's value).
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

/// `[images]` in `site.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageSettings {
    /// `keep_metadata`: the file types (`jpeg`, `png`, `webp`) published with their
    /// EXIF, XMP and GPS metadata.
    pub(crate) keep_metadata: Vec<String>,
    /// `share_image`: the image of a page's social card when it has no cover (a
    /// site path under `static/`).
    pub(crate) share_image: Option<String>,
}

/// The file types `keep_metadata` may name.
const IMAGE_TYPES: [&str; 3] = ["jpeg", "png", "webp"];

fn read_images(v: &Value<'_>, r: &mut Reporter<'_>) -> Option<ImageSettings> {
    let table = as_table(r, "images", v, "[images]")?;
    let mut f = Fields::new(table, "images.");
    let mut settings = ImageSettings::default();
    if let Some(v) = f.get("keep_metadata") {
        for (name, span) in r.string_list("images.keep_metadata", v, false) {
            if IMAGE_TYPES.contains(&name.as_str()) {
                settings.keep_metadata.push(name);
            } else {
                let problem = Problem::new(Code::E0806)
                    .arg("value", name.as_str())
                    .arg("expected", IMAGE_TYPES.join(", "));
                r.error(&span, problem);
            }
        }
    }
    settings.share_image = f.get("share_image").and_then(|v| r.text("images.share_image", v));
    f.finish(r, false);
    Some(settings)
}

impl SiteConfig {
    /// Replaces `base_url` (from `--base-url`), checking it like the file's value.
    pub(crate) fn set_base_url(&mut self, url: &str) -> Result<(), Problem> {
        let (base_url, base_path, host) = normalize_base_url(url)?;
        self.base_url = format!("{base_url}{}", self.tree);
        self.base_path = format!("{base_path}{}", self.tree);
        self.host = host;
        Ok(())
    }

    /// The settings of the site in one of its other languages (`code` from
    /// [`SiteConfig::languages`]): its title, description, labels and menu, and
    /// `base_url` and `base_path` in its folder (`https://host/en/`).
    pub(crate) fn for_language(&self, code: &str) -> Option<SiteConfig> {
        let settings = self.languages.iter().find(|l| l.code == code)?;
        let mut labels = self.taxonomies.clone();
        for (own, theirs) in [
            (&mut labels.industries, &settings.taxonomies.industries),
            (&mut labels.regions, &settings.taxonomies.regions),
            (&mut labels.tags, &settings.taxonomies.tags),
        ] {
            own.extend(theirs.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let mut extra = self.extra.clone();
        extra.extend(settings.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        let tree = format!("{code}/");
        Some(SiteConfig {
            title: settings.title.clone().unwrap_or_else(|| self.title.clone()),
            description: settings.description.clone().or_else(|| self.description.clone()),
            base_url: format!("{}{tree}", self.base_url),
            base_path: format!("{}{tree}", self.base_path),
            language: code.to_owned(),
            taxonomies: labels,
            menu: settings.menu.clone(),
            extra,
            tree,
            ..self.clone()
        })
    }

    /// The absolute URL of a site path from the site's root, whatever this
    /// configuration's language.
    pub(crate) fn root_absolute(&self, rel: &str) -> String {
        let root = self.base_url.strip_suffix(self.tree.as_str()).unwrap_or(&self.base_url);
        format!("{root}{}", rel.trim_start_matches('/'))
    }

    /// The link of a site path from the site's root, whatever this configuration's
    /// language (`css/style.css` -> `/alliance/css/style.css`).
    pub(crate) fn root_link(&self, rel: &str) -> String {
        format!("{}{}", self.root_path(), rel.trim_start_matches('/'))
    }

    /// `base_path` of the site's root, whatever the language (`/alliance/`): where
    /// the files every language shares are (the theme's, `static/`, images).
    pub(crate) fn root_path(&self) -> &str {
        self.base_path.strip_suffix(self.tree.as_str()).unwrap_or(&self.base_path)
    }

    /// The absolute URL of a site path (`cases/x/` -> `https://host/alliance/cases/x/`).
    pub(crate) fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel.trim_start_matches('/'))
    }

    /// The root-relative link of a site path (`cases/x/` -> `/alliance/cases/x/`).
    pub(crate) fn link(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }

    /// The link of a `[[menu]]` entry's `url`: a full URL as written, a site path
    /// below `base_url`'s path (`/news/` -> `/alliance/news/`).
    pub(crate) fn menu_link(&self, url: &str) -> String {
        if url::Url::parse(url).is_ok() { url.to_owned() } else { self.root_link(url) }
    }
}

/// Checks a base URL and splits it into (url ending in `/`, path, host).
pub(crate) fn normalize_base_url(url: &str) -> Result<(String, String, String), Problem> {
    let problem = |why: &str, detail: Arg| {
        Problem::new(Code::E0503).arg("value", url).arg("why", why).arg("detail", detail)
    };
    let parsed =
        url::Url::parse(url.trim()).map_err(|e| problem("invalid", fields::url_error(e).into()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(problem("scheme", "none".into()));
    }
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| problem("host", "none".into()))?
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

pub(crate) use crate::text::{is_language_tag, is_site_language};

/// Reads and checks `ROOT/site.toml`.
pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join("site.toml");
    let bytes = std::fs::read(&path).map_err(|e| {
        let problem = Problem::new(Code::E0501)
            .arg("error", e.to_string())
            .arg("root", root.display().to_string());
        vec![Diagnostic::file("site.toml", problem)]
    })?;
    let text = crate::source::decode("site.toml", &bytes).map_err(|d| vec![d])?;
    parse(&text)
}

/// The language of the site at `root`, for qiao's own messages: its `language`
/// (`zh` when it has none), read even when `site.toml` has errors; `None` when
/// there is no site.
pub fn site_language(root: &Path) -> Option<String> {
    let bytes = std::fs::read(root.join("site.toml")).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let toml_text = text.trim_start_matches('\u{feff}');
    if let Ok(doc) = DeTable::parse(toml_text) {
        return Some(match doc.get_ref().get("language").map(|v| v.get_ref()) {
            Some(DeValue::String(s)) => s.to_string(),
            _ => "zh".to_owned(),
        });
    }
    // A broken file: the first top-level `language = "…"` line.
    for line in toml_text.lines() {
        let line = line.trim();
        if line.starts_with('[') || line.starts_with('【') {
            break;
        }
        if let Some((k, v)) = line.split_once(['=', '＝', '：'])
            && k.trim() == "language"
        {
            let v = v.trim().trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”'));
            return Some(v.to_owned());
        }
    }
    Some("zh".to_owned())
}

/// The language of qiao's messages for a command on the site at `root` (if any),
/// as the command line's `--lang` (`flag`), `QIAO_LANG`, the site and the
/// locale choose it.
pub fn message_language(flag: Option<Lang>, root: Option<&Path>) -> Lang {
    let site = root.and_then(site_language);
    Lang::choose(flag, site.as_deref(), |var| std::env::var(var).ok())
}

/// Parses the text of `site.toml`.
pub(crate) fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let index = LineIndex::new(text);
    let utc = TimeZone::UTC;
    let toml_text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - toml_text.len();
    let (repair, findings) = keyboard::scan(toml_text);
    let source = Source {
        path: "site.toml",
        text,
        index: &index,
        base,
        tz: &utc,
        repair: (!repair.is_empty()).then_some(&repair),
    };
    let mut r = Reporter::new(source);
    fields::report_findings(&mut r, &findings);
    let parsed = if repair.is_empty() { toml_text } else { repair.text.as_str() };
    let doc = match DeTable::parse(parsed) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            fields::syntax_error(&mut r, parsed, &span, e.message(), Code::E0502);
            let mut all = fields::one_per_line(r.diagnostics, findings.len());
            crate::diagnostics::sort(&mut all);
            return Err(all);
        }
    };
    let config = read(doc.get_ref(), &mut r);
    // In line order, as the file reads.
    let mut all = fields::one_per_line(r.diagnostics, findings.len());
    crate::diagnostics::sort(&mut all);
    match config {
        Some(c) if all.is_empty() => Ok(c),
        _ => Err(all),
    }
}

fn read(doc: &DeTable<'_>, r: &mut Reporter<'_>) -> Option<SiteConfig> {
    let mut f = Fields::new(doc, "");
    let title =
        f.require("title", r, None, Some("hint-site-title")).and_then(|v| r.text("title", v));
    let base = f.require("base_url", r, None, Some("hint-base-url")).and_then(|v| {
        let s = r.string("base_url", v)?;
        match normalize_base_url(&s) {
            Ok(b) => Some(b),
            Err(e) => {
                r.error(&v.span(), e);
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
                    Problem::new(Code::E0217).arg("field", "language").arg("value", l.as_str()),
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
                    let zones = jiff::tz::db().available();
                    let zones: Vec<String> = zones.map(|z| z.to_string()).collect();
                    // The nearest zone only: many are one letter apart.
                    let near = suggest::nearest(&name, zones.iter().map(String::as_str));
                    let help = near
                        .first()
                        .map(|z| Message::new("did-you-mean").arg("names", vec![z.to_string()]));
                    r.error(&v.span(), Problem::new(Code::E0504).arg("value", name).help_opt(help));
                    None
                }
            },
            None => None,
        },
        None => TimeZone::get("Asia/Shanghai").ok(),
    };
    let description = f.get("description").and_then(|v| r.string("description", v));
    let theme_v = f.get("theme");
    let theme = theme_v.and_then(|v| r.text("theme", v)).filter(|t| {
        let ok = !t.contains(['/', '\\']) && !t.starts_with('.');
        if !ok && let Some(v) = theme_v {
            r.error(&v.span(), Problem::new(Code::E0505).arg("value", t.as_str()));
        }
        ok
    });
    let taxonomies = f.get("taxonomies").and_then(|v| read_taxonomies(v, r)).unwrap_or_default();
    let menu = f.get("menu").map(|v| menu::read(v, r, "menu")).unwrap_or_default();
    let extra_v = f.get("extra");
    let extra = extra_v
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
    let precompress = f
        .get("build")
        .and_then(|v| as_table(r, "build", v, "[build]"))
        .and_then(|t| {
            let mut b = Fields::new(t, "build.");
            let on = b.get("precompress").and_then(|v| r.boolean("build.precompress", v));
            b.finish(r, false);
            on
        })
        .unwrap_or(false);
    let images = f.get("images").and_then(|v| read_images(v, r)).unwrap_or_default();
    let languages = f
        .get("languages")
        .map(|v| read_languages(v, r, language.as_deref().unwrap_or("zh")))
        .unwrap_or_default();
    // A setting written after the `[extra]` line went into `extra`.
    if let Some(DeValue::Table(t)) = extra_v.map(|v| v.get_ref()) {
        for (key, _) in t.iter() {
            let k: &str = key.get_ref();
            if f.is_known(k) && !f.has(k) {
                r.error(
                    &key.span(),
                    Problem::new(Code::E0112).arg("field", k).arg("table", "extra"),
                );
            }
        }
    }
    f.finish(r, false);
    let (base_url, base_path, host) = base?;
    let language = language?;
    Some(SiteConfig {
        title: title?,
        base_url,
        base_path,
        host,
        language: language.clone(),
        tz: tz?,
        description,
        theme,
        taxonomies,
        extra,
        trust_html,
        menu,
        precompress,
        images,
        languages,
        root_language: language.clone(),
        tree: String::new(),
    })
}

/// `[languages]`: a table per other language, keyed by its tag.
fn read_languages(v: &Value<'_>, r: &mut Reporter<'_>, default: &str) -> Vec<LanguageSettings> {
    let Some(table) = as_table(r, "languages", v, "[languages.en]") else { return Vec::new() };
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let code: &str = key.get_ref();
        let field = format!("languages.{code}");
        let why = if !is_site_language(code) {
            Some("tag")
        } else if code == default {
            Some("default")
        } else {
            None
        };
        if let Some(why) = why {
            let problem = Problem::new(Code::E0509)
                .arg("value", code)
                .arg("why", why)
                .arg("default", default);
            r.error(&key.span(), problem);
            continue;
        }
        let Some(t) = as_table(r, &field, value, "[languages.en]") else { continue };
        let mut f = Fields::new(t, format!("{field}."));
        let title = f.get("title").and_then(|v| r.text(&format!("{field}.title"), v));
        let description =
            f.get("description").and_then(|v| r.string(&format!("{field}.description"), v));
        let taxonomies = f
            .get("taxonomies")
            .and_then(|v| read_taxonomies_as(v, r, &format!("{field}.taxonomies")))
            .unwrap_or_default();
        let menu = f.get("menu").map(|v| menu::read(v, r, "menu")).unwrap_or_default();
        let extra = f
            .get("extra")
            .and_then(|v| as_table(r, &format!("{field}.extra"), v, "[languages.en.extra]"))
            .map(table_to_json)
            .unwrap_or_default();
        f.finish(r, false);
        let code = code.to_owned();
        out.push(LanguageSettings { code, title, description, taxonomies, menu, extra });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

fn read_taxonomies(v: &Value<'_>, r: &mut Reporter<'_>) -> Option<TaxonomyLabels> {
    read_taxonomies_as(v, r, "taxonomies")
}

/// A table of labels (`[taxonomies]`, `[languages.en.taxonomies]`), named `name`
/// in messages.
fn read_taxonomies_as(v: &Value<'_>, r: &mut Reporter<'_>, name: &str) -> Option<TaxonomyLabels> {
    let table = as_table(r, name, v, &format!("[{name}]"))?;
    let mut f = Fields::new(table, format!("{name}."));
    let mut labels = TaxonomyLabels::default();
    for (name, target) in [
        ("industries", &mut labels.industries),
        ("regions", &mut labels.regions),
        ("tags", &mut labels.tags),
    ] {
        let Some(v) = f.get(name) else { continue };
        let field = f.name(name);
        let Some(t) = as_table(r, &field, v, "{ some-slug = \"Label\" }") else { continue };
        for (term, label) in t.iter() {
            if let DeValue::String(s) = label.get_ref() {
                target.insert(term.get_ref().to_string(), s.to_string());
            } else {
                let problem =
                    Problem::new(Code::E0506).arg("field", format!("{field}.{}", term.get_ref()));
                r.error(&label.span(), problem);
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
    /// The language of qiao's own messages.
    pub lang: Lang,
    /// Write a `.gz` and a `.br` beside every text file (`--precompress`; also
    /// when `site.toml` sets `[build] precompress = true`).
    pub(crate) precompress: bool,
    /// A page URL of the previous build that vanished is an error (`--strict`).
    pub(crate) strict: bool,
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
            lang: Lang::En,
            precompress: false,
            strict: false,
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
            "site.toml:3:1: error[E0202]: unknown field `timezon`; did you mean `timezone`?"
        );
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("zh") && is_language_tag("zh-Hans-CN") && !is_language_tag("中文"));
    }
}
