//! The build as a recipe: load and check, render every output, write. Each stage is
//! timed for `--verbose`. `check` stops after loading; `serve` reuses the stages.

use std::fmt;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, BuildOptions};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::insight;
use crate::model::{Item, Kind, KindData, Site};
use crate::output::OutputFile;
use crate::outputs;
use crate::render::{RenderOptions, Renderer};
use crate::search::{self, SearchDoc};

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (content, templates, links): every one of them.
    Site(Vec<Diagnostic>),
    /// Reading or writing files failed.
    Io(anyhow::Error),
    /// The options are wrong (a bad `--base-url`).
    Usage(String),
}

impl From<Vec<Diagnostic>> for BuildError {
    fn from(d: Vec<Diagnostic>) -> Self {
        BuildError::Site(d)
    }
}

/// How long each stage took.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `f` as stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.stages.push((name, start.elapsed()));
        out
    }
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: Duration = self.stages.iter().map(|s| s.1).sum();
        let parts: Vec<String> = self
            .stages
            .iter()
            .map(|(n, d)| format!("{n} {:.0} ms", d.as_secs_f64() * 1000.0))
            .collect();
        writeln!(f, "timing: {} | total {:.0} ms", parts.join(", "), total.as_secs_f64() * 1000.0)
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Files written.
    pub files: usize,
    /// Stage timings.
    pub timings: Timings,
}

/// Loads `site.toml` and the content, applying the options.
pub fn load(options: &BuildOptions, timings: &mut Timings) -> Result<Site, BuildError> {
    let mut config = config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|e| BuildError::Usage(format!("--base-url: {e}")))?;
    }
    let today = options.today_in(&config.tz);
    let site = timings
        .time("load+validate", || content::load(&options.root, config, options.drafts, today))?;
    Ok(site)
}

/// `qiao check`: load and validate, and check every Markdown body's links (and the
/// templates, which must compile); render no page and write nothing.
pub fn check(options: &BuildOptions) -> Result<Site, BuildError> {
    let site = load(options, &mut Timings::default())?;
    let insights = insight::compute(&site);
    let render_options = RenderOptions { minify: false, live_reload: false };
    let renderer = Renderer::new(&site, &options.root, render_options, &insights)?;
    let mut diagnostics = renderer.check_bodies();
    if !diagnostics.is_empty() {
        crate::diagnostics::sort(&mut diagnostics);
        return Err(BuildError::Site(diagnostics));
    }
    drop(renderer);
    Ok(site)
}

/// Every output file of a loaded site, sorted by path.
pub fn render(
    site: &Site,
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<Vec<OutputFile>, BuildError> {
    let insights = timings.time("insight", || insight::compute(site));
    let render_options = RenderOptions { minify: options.minify, live_reload: options.live_reload };
    let renderer = timings
        .time("templates", || Renderer::new(site, &options.root, render_options, &insights))?;
    let mut files = timings.time("render", || renderer.render_all())?;
    let docs = timings.time("search text", || search_docs(site, &renderer));
    files.extend(timings.time("search index", || search::build_index(&docs)));
    timings.time("outputs", || {
        files.extend(outputs::all(site));
        files.extend(insights.outputs());
        let html: Vec<&str> =
            files.iter().map(|f| f.path.as_str()).filter(|p| p.ends_with(".html")).collect();
        let sitemap = outputs::sitemap(site, &html);
        files.push(sitemap);
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // A site's own static file may replace a generated one only if it is not a page
    // or export qiao writes: the generated file wins, so two files never share a path.
    files.dedup_by(|later, earlier| later.path == earlier.path);
    Ok(files)
}

/// What the search index needs of every item: plain text, labels and facets.
pub fn search_docs(site: &Site, renderer: &Renderer<'_>) -> Vec<SearchDoc> {
    site.items.par_iter().map(|item| search_doc(site, renderer, item)).collect()
}

/// The search document of one item.
pub fn search_doc(site: &Site, renderer: &Renderer<'_>, item: &Item) -> SearchDoc {
    let labels_of = |map: &std::collections::BTreeMap<String, String>, slug: &str| {
        map.get(slug).cloned().unwrap_or_else(|| slug.to_owned())
    };
    let tax = &site.config.taxonomies;
    let mut labels: Vec<String> = Vec::new();
    let mut facets: Vec<(String, String)> = vec![("kind".into(), item.kind.folder().into())];
    for term in &item.industries {
        let label = labels_of(&tax.industries, term);
        labels.push(label.clone());
        facets.push(("industries".into(), label));
    }
    for term in &item.regions {
        let label = labels_of(&tax.regions, term);
        labels.push(label.clone());
        facets.push(("regions".into(), label));
    }
    labels.extend(item.tags.iter().cloned());
    if let Some(state) = item.state(site.today) {
        facets.push(("status".into(), state.as_str().into()));
    }
    let member_name = |slug: &str| site.find(Kind::Members, slug).map(|m| m.title.clone());
    match &item.data {
        KindData::Member(m) => labels.extend(m.expertise.iter().cloned()),
        KindData::Case(c) => labels.extend(c.partners.iter().filter_map(|s| member_name(s))),
        KindData::Policy(p) => {
            labels.extend(p.issuer.iter().cloned());
            labels.extend(p.doc_number.iter().cloned());
        }
        KindData::Demand(d) => labels.extend(member_name(&d.organization)),
        KindData::Roadshow(r) => {
            labels.extend(r.organizer.iter().filter_map(|s| member_name(s)));
            for p in &r.projects {
                labels.push(p.title.clone());
                labels.extend(p.team.as_deref().and_then(member_name));
            }
            if let Some(v) = &r.venue {
                labels.extend(v.city.iter().chain(v.name.iter()).cloned());
            }
        }
        KindData::Page => {}
    }
    SearchDoc {
        url: site.config.link(&item.rel_url),
        title: item.title.clone(),
        kind: item.kind.folder().into(),
        summary: renderer.summary(item),
        body: renderer.plain_text(item),
        labels,
        facets,
        date: if item.dated { item.date.date().to_string() } else { String::new() },
        lang: item.lang.clone(),
    }
}

/// `qiao build`: load, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    crate::write::check_output_dir(&options.root, &options.output_dir)
        .map_err(|e| BuildError::Usage(format!("{e:#}")))?;
    let site = load(options, &mut timings)?;
    let files = render(&site, options, &mut timings)?;
    timings
        .time("write", || crate::write::write_site(&options.root, &options.output_dir, &files))
        .map_err(BuildError::Io)?;
    Ok(BuildReport { files: files.len(), timings })
}
