//! The theme: templates, interface strings and static files, looked up in three
//! layers, each overriding the one before by path: the built-in default theme
//! (compiled into the binary), the site's theme on disk (`themes/<theme>/`, when
//! `site.toml` names one), and the site's own `templates/`, `static/` and `i18n/`.
//! Interface strings override by key, not by file: a site's `i18n/zh.toml` may
//! hold the one word it wants different (see [`super::i18n`]).
//!
//! Templates are compiled once into one [`Tera`]. Template errors become
//! diagnostics that name the template file as it is on disk
//! (`templates/page.html:12:5: error: ...`), with every syntax error of every file
//! reported in one run.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{ErrorKind, Kwargs, State, Tera};

use super::i18n::Strings;
use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic, Position, Problem, display_path};
use crate::source::{Tree, is_ignored_name};

/// The built-in default theme: `themes/default/` of this repository.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where the built-in theme's files are said to be in messages.
const BUILTIN_PATH: &str = "themes/default";

/// A file to copy to the output as is.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Part of the built-in theme.
    Builtin(&'static [u8]),
    /// A file on disk (site theme or site `static/`).
    Disk(PathBuf),
}

impl StaticFile {
    /// Its bytes.
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            StaticFile::Builtin(bytes) => Ok(Cow::Borrowed(bytes)),
            StaticFile::Disk(path) => std::fs::read(path).map(Cow::Owned),
        }
    }
}

/// The compiled theme.
pub struct Theme {
    /// Every template, compiled.
    pub tera: Tera,
    /// Template name to the path shown in messages.
    pub sources: HashMap<String, String>,
    /// Interface strings.
    pub strings: Strings,
    /// Static files by output path, later layers already applied.
    pub statics: BTreeMap<String, StaticFile>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.sources.len())
            .field("statics", &self.statics.len())
            .finish()
    }
}

/// Text files of one folder of the built-in theme, by path below it.
fn builtin_files(folder: &str) -> Vec<(String, &'static include_dir::File<'static>)> {
    let mut out = Vec::new();
    if let Some(dir) = BUILTIN.get_dir(folder) {
        collect_builtin(dir, folder, &mut out);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect_builtin(
    dir: &'static Dir<'static>,
    prefix: &str,
    out: &mut Vec<(String, &'static include_dir::File<'static>)>,
) {
    for f in dir.files() {
        let rel = f.path().strip_prefix(prefix).unwrap_or(f.path());
        let rel =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if !is_ignored(&rel) {
            out.push((rel, f));
        }
    }
    for d in dir.dirs() {
        collect_builtin(d, prefix, out);
    }
}

/// Hidden files and editor leftovers are never part of a theme (`rel` is a path
/// below a theme folder, with `/`).
fn is_ignored(rel: &str) -> bool {
    rel.split('/').any(|s| is_ignored_name(s, Tree::Files))
}

/// Files below a folder on disk: (path below it, full path), sorted. Symbolic
/// links are followed only while they stay inside the site `root`: a link to a
/// file elsewhere (`static/x -> /etc/passwd`) is an error, never copied.
fn disk_files(
    dir: &Path,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let inside = |path: &Path| std::fs::canonicalize(path).is_ok_and(|r| r.starts_with(&real_root));
    // Only a file reached through a link can lie elsewhere: the others are
    // inside when the folder is (a site's hundreds of photos, not resolved one by one).
    let folder_inside = inside(dir);
    let mut links: Vec<PathBuf> = Vec::new();
    for entry in
        walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().flatten()
    {
        if entry.file_type().is_dir() && entry.path_is_symlink() {
            links.push(entry.path().to_path_buf());
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = display_path(dir, entry.path());
        if is_ignored(&rel) {
            continue;
        }
        let linked = !folder_inside
            || entry.path_is_symlink()
            || links.iter().any(|l| entry.path().starts_with(l));
        if linked && !inside(entry.path()) {
            diagnostics.push(Diagnostic::file(
                display_path(root, entry.path()),
                Problem::new(Code::E0704),
            ));
            continue;
        }
        out.push((rel, entry.into_path()));
    }
    out
}

/// Loads the theme layers for a site.
pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let theme_dir = config.theme.as_ref().map(|t| root.join("themes").join(t));
    if let (Some(dir), Some(name)) = (&theme_dir, &config.theme)
        && !dir.is_dir()
    {
        diagnostics.push(Diagnostic::file(
            "site.toml",
            Problem::new(Code::E0507).arg("name", name.as_str()),
        ));
    }

    // Templates: name -> (path for messages, text).
    let mut templates: BTreeMap<String, (String, Cow<'static, str>)> = BTreeMap::new();
    for (rel, file) in builtin_files("templates") {
        match file.contents_utf8() {
            Some(text) => {
                templates.insert(
                    rel.clone(),
                    (format!("{BUILTIN_PATH}/templates/{rel}"), Cow::Borrowed(text)),
                );
            }
            None => diagnostics.push(Diagnostic::file(
                format!("{BUILTIN_PATH}/templates/{rel}"),
                Problem::new(Code::E0606),
            )),
        }
    }
    let mut layers: Vec<PathBuf> = Vec::new();
    if let Some(dir) = &theme_dir {
        layers.push(dir.clone());
    }
    layers.push(root.to_path_buf());
    for layer in &layers {
        for (rel, path) in disk_files(&layer.join("templates"), root, &mut diagnostics) {
            let shown = display_path(root, &path);
            match std::fs::read(&path) {
                Ok(bytes) => match crate::source::decode(&shown, &bytes) {
                    Ok(text) => {
                        templates.insert(rel, (shown, Cow::Owned(text)));
                    }
                    Err(d) => diagnostics.push(d),
                },
                Err(e) => diagnostics.push(Diagnostic::file(
                    shown,
                    Problem::new(Code::E0705).arg("error", e.to_string()),
                )),
            }
        }
    }

    // Interface strings: built-in English first (the fallback of every language).
    let mut string_files: Vec<(String, String, Cow<'_, str>)> = Vec::new();
    let mut builtin_i18n = builtin_files("i18n");
    builtin_i18n.sort_by_key(|(rel, _)| (rel != "en.toml", rel.clone()));
    for (rel, file) in builtin_i18n {
        if let (Some(lang), Some(text)) = (rel.strip_suffix(".toml"), file.contents_utf8()) {
            string_files.push((
                lang.to_owned(),
                format!("{BUILTIN_PATH}/i18n/{rel}"),
                Cow::Borrowed(text),
            ));
        }
    }
    // Then the site theme's `i18n/`, then the site's own `i18n/`.
    let i18n_layers: Vec<PathBuf> = theme_dir
        .iter()
        .chain(std::iter::once(&root.to_path_buf()))
        .map(|d| d.join("i18n"))
        .collect();
    for dir in &i18n_layers {
        for (rel, path) in disk_files(dir, root, &mut diagnostics) {
            let Some(lang) = rel.strip_suffix(".toml") else { continue };
            match std::fs::read_to_string(&path) {
                Ok(text) => string_files.push((
                    lang.to_owned(),
                    display_path(root, &path),
                    Cow::Owned(text),
                )),
                Err(e) => diagnostics.push(Diagnostic::file(
                    display_path(root, &path),
                    Problem::new(Code::E0707).arg("error", e.to_string()),
                )),
            }
        }
    }
    let strings = match Strings::load(string_files) {
        Ok(s) => Some(s),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };

    // Static files: built-in, then theme, then the site's static/.
    let mut statics = BTreeMap::new();
    for (rel, file) in builtin_files("static") {
        statics.insert(rel, StaticFile::Builtin(file.contents()));
    }
    if let Some(dir) = &theme_dir {
        for (rel, path) in disk_files(&dir.join("static"), root, &mut diagnostics) {
            statics.insert(rel, StaticFile::Disk(path));
        }
    }
    for (rel, path) in disk_files(&root.join("static"), root, &mut diagnostics) {
        statics.insert(rel, StaticFile::Disk(path));
    }

    let sources: HashMap<String, String> =
        templates.iter().map(|(name, (path, _))| (name.clone(), path.clone())).collect();
    // Syntax first, one file at a time, so every broken file is reported.
    for (name, (_, text)) in &templates {
        if let Err(e) = Tera::new().add_raw_template(name, text)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            diagnostics.extend(template_diagnostics(&e, &sources, name));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut tera = Tera::new();
    register_filters(&mut tera);
    if let Err(e) = tera
        .add_raw_templates(templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_ref())))
    {
        return Err(template_diagnostics(&e, &sources, "base.html"));
    }
    Ok(Theme {
        tera,
        sources,
        strings: strings.expect("strings loaded when there are no diagnostics"),
        statics,
    })
}

fn register_filters(tera: &mut Tera) {
    // `{{ t.items_count | fmt(n=count) }}`, `{{ t.network.note_all | fmt(drawn=3) }}`:
    // fills every `{name}` given in an interface string, as `Table::fill` does.
    tera.register_filter("fmt", |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let values: Vec<(String, String)> = kwargs
            .iter()
            .map(|(k, v)| {
                let text = match v.as_str() {
                    Some(s) => s.to_owned(),
                    None => v.to_string(),
                };
                (k.to_string(), text)
            })
            .collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> =
            values.iter().map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display)).collect();
        Ok(super::i18n::fill(s, &args))
    });
    // `{{ contact.email | breakable }}`: the text escaped, with a line-break chance
    // where a reader expects one in an address (see `breakable`).
    tera.register_filter("breakable", |s: &str, _: Kwargs, _: &State| {
        tera::Value::safe_string(&breakable(s))
    });
}

/// `s` escaped for HTML with a `<wbr>` before each `@` and `.`, and after each run of
/// `/`, so that a long e-mail address or web address wraps at those places on a narrow
/// phone (`kestrel-automation.<wbr>example.<wbr>com`) instead of before its last
/// letter. Never at the very start or end, and not between the dots of a `..` run.
pub(crate) fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let before = matches!(c, '@' | '.') && prev.is_some() && prev != Some(c);
        if before {
            out.push_str("<wbr>");
        }
        crate::text::push_escaped(&mut out, c);
        if c == '/' && chars.peek().is_some_and(|&n| n != '/') {
            out.push_str("<wbr>");
        }
        prev = Some(c);
    }
    out
}

/// Diagnostics from a Tera error, each at its template file, line and column.
/// `fallback` names the template to blame when Tera does not say.
pub fn template_diagnostics(
    e: &tera::Error,
    sources: &HashMap<String, String>,
    fallback: &str,
) -> Vec<Diagnostic> {
    let path_of =
        |name: &str| sources.get(name).cloned().unwrap_or_else(|| format!("templates/{name}"));
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause.push_str(": ");
        cause.push_str(&s.to_string());
        source = s.source();
    }
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let name = if r.filename().is_empty() { fallback } else { r.filename() };
            vec![Diagnostic::new(
                path_of(name),
                Position { line: span.start_line.max(1), column: span.start_col + 1 },
                template_error(format!("{}{cause}", r.message())),
            )]
        }
        ErrorKind::Msg(m) => {
            let parsed = parse_reports(m, &path_of);
            if parsed.is_empty() {
                vec![Diagnostic::file(path_of(fallback), template_error(format!("{m}{cause}")))]
            } else {
                parsed
            }
        }
        ErrorKind::MissingParent { current, parent } => vec![Diagnostic::file(
            path_of(current),
            Problem::new(Code::E0602).arg("parent", parent.as_str()),
        )],
        ErrorKind::CircularExtend { tpl, inheritance_chain } => vec![Diagnostic::file(
            path_of(tpl),
            Problem::new(Code::E0603).arg("chain", inheritance_chain.join(" -> ")),
        )],
        ErrorKind::CircularInclude { tpl, include_chain } => vec![Diagnostic::file(
            path_of(tpl),
            Problem::new(Code::E0604).arg("chain", include_chain.join(" -> ")),
        )],
        ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::file(
                path_of(fallback),
                Problem::new(Code::E0605).arg("name", name.as_str()),
            )]
        }
        _ => vec![Diagnostic::file(path_of(fallback), template_error(format!("{e}{cause}")))],
    }
}

/// A template error in Tera's own words (which are English).
fn template_error(detail: String) -> Problem {
    Problem::new(Code::E0601).arg("detail", detail)
}

/// Tera joins several errors into one message of reports like
/// `error: Unknown filter `x`\n --> page.html:3:9\n ...`.
fn parse_reports(m: &str, path_of: &dyn Fn(&str) -> String) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in m.lines() {
        if let Some(msg) = line.strip_prefix("error: ") {
            message = Some(msg);
        } else if let (Some(msg), Some(loc)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse::<usize>().ok());
            let line_no = parts.next().and_then(|l| l.parse::<usize>().ok());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, parts.next()) {
                out.push(Diagnostic::new(
                    path_of(name),
                    Position { line: line_no, column: col },
                    template_error(msg.to_owned()),
                ));
            }
            message = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(files: &[(&str, &str)]) -> Vec<String> {
        let sources: HashMap<String, String> =
            files.iter().map(|(n, _)| (n.to_string(), format!("templates/{n}"))).collect();
        let mut diagnostics = Vec::new();
        for (name, text) in files {
            if let Err(e) = Tera::new().add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                diagnostics.extend(template_diagnostics(&e, &sources, name));
            }
        }
        if diagnostics.is_empty() {
            let mut tera = Tera::new();
            register_filters(&mut tera);
            if let Err(e) = tera.add_raw_templates(files.iter().copied()) {
                diagnostics = template_diagnostics(&e, &sources, "base.html");
            }
        }
        diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let d = compile(&[("a.html", "ok\n{% if x %}\nno end"), ("b.html", "line\n  {{ x | }}")]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("templates/a.html:3:"), "{d:?}");
        assert!(d[1].starts_with("templates/b.html:2:"), "{d:?}");
    }

    #[test]
    fn unknown_filter_is_located() {
        let d = compile(&[("page.html", "a\nb {{ x | nope }}")]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("templates/page.html:2:"), "{d:?}");
        assert!(d[0].contains("nope"), "{d:?}");
    }

    #[test]
    fn fmt_filter() {
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template("x", "{{ \"共 {n} 条\" | fmt(n=3) }}").unwrap();
        assert_eq!(tera.render("x", &tera::Context::new()).unwrap(), "共 3 条");
        tera.add_raw_template("y", "{{ \"{a} of {b}: {c}\" | fmt(a=1, b=\"x{c}\", c=2) }}")
            .unwrap();
        assert_eq!(tera.render("y", &tera::Context::new()).unwrap(), "1 of x{c}: 2");
    }

    #[test]
    fn breakable_filter() {
        assert_eq!(
            breakable("info@kestrel-automation.example.com"),
            "info<wbr>@kestrel-automation<wbr>.example<wbr>.com"
        );
        assert_eq!(breakable("www.a.cn/x/y"), "www<wbr>.a<wbr>.cn/<wbr>x/<wbr>y");
        assert_eq!(breakable("https://a.cn/"), "https://<wbr>a<wbr>.cn/");
        assert_eq!(breakable(".a..b"), ".a<wbr>..b");
        assert_eq!(breakable("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template("x", "{{ e | breakable }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("e", "a<b>@c.cn");
        assert_eq!(tera.render("x", &ctx).unwrap(), "a&lt;b&gt;<wbr>@c<wbr>.cn");
    }
}
