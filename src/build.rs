//! The build as a recipe: load and check, render every output, write. Each stage is
//! timed for `--verbose`. `check` stops after loading; `serve` reuses the stages.

use std::fmt;
use std::time::{Duration, Instant};

use crate::config::{self, BuildOptions};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;

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
        let parts: Vec<String> = self.stages.iter().map(|(n, d)| format!("{n} {:.0} ms", d.as_secs_f64() * 1000.0)).collect();
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
    let site = timings.time("load+validate", || content::load(&options.root, config, options.drafts, today))?;
    Ok(site)
}

/// `qiao check`: load and validate, write nothing.
pub fn check(options: &BuildOptions) -> Result<Site, BuildError> {
    load(options, &mut Timings::default())
}

/// Every output file of a loaded site.
pub fn render(site: &Site, options: &BuildOptions, timings: &mut Timings) -> Result<Vec<OutputFile>, BuildError> {
    let _ = (site, options, timings);
    Err(BuildError::Usage("rendering is not wired yet".into()))
}

/// `qiao build`: load, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    crate::write::check_output_dir(&options.root, &options.output_dir).map_err(|e| BuildError::Usage(format!("{e:#}")))?;
    let site = load(options, &mut timings)?;
    let files = render(&site, options, &mut timings)?;
    timings.time("write", || crate::write::write_site(&options.root, &options.output_dir, &files)).map_err(BuildError::Io)?;
    Ok(BuildReport { files: files.len(), timings })
}
