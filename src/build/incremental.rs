//! The one home of incremental rebuilds: what a render in `serve` keeps for the
//! next one ([`Warm`]), and the decision to render only what an edit touched
//! ([`render_warm`]) or everything, as `qiao build` would.
//!
//! A warm render asks each stage only what that stage alone can know:
//!
//! - the renderer, which pages an edit touches
//!   ([`Renderer::dirty_since`](crate::render::Renderer::dirty_since), in
//!   `render::incremental`, next to the indexes it compares);
//! - the search index, which documents changed and which index files they touch
//!   ([`crate::search::WarmIndex`], [`crate::search::index::Assembled::update`]);
//! - the outputs, which feeds, exports and calendars show the kinds of the items
//!   that changed ([`crate::outputs::of_kinds`]).
//!
//! Everything else (the insights, the sitemap, the pages that sum up the site) is
//! made again on every render. When the edit added, removed or renamed a file,
//! changed the templates, `static/` or `site.toml`, or renumbers the search
//! documents, everything is rendered. The result is byte-for-byte a clean build
//! (`tests/testsuite/incremental.rs`).
//!
//! What it is not: reading only the files that changed, or rendering the edited
//! page ahead of the rest; those are the preview's (`serve::preview`), which keeps
//! the parses and calls [`render_warm`] for every batch of changes.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use super::{BuildError, Collected, Pages, Timings, check_bodies, render_options, render_stages};
use crate::config::BuildOptions;
use crate::insight;
use crate::model::Site;
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::incremental::RenderCache;
use crate::search::WarmIndex;

/// What a render in `serve` keeps for the next one: the site it rendered, its
/// insights, the renderer's cache (templates, bodies, terms), the search documents
/// and their tokens, and which paths are pages.
pub(crate) struct Warm {
    site: Arc<Site>,
    insights: insight::Insights,
    render: RenderCache,
    search: WarmIndex,
    html_paths: Vec<String>,
    provided: HashSet<String>,
}

impl fmt::Debug for Warm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Warm")
            .field("items", &self.site.items.len())
            .field("render", &self.render)
            .finish()
    }
}

/// What [`render_warm`] produced.
#[derive(Debug)]
pub(crate) enum Rendered {
    /// Every file of the site, sorted by path.
    Full(Vec<OutputFile>),
    /// Only the files an edit may have changed; every other file is as before.
    Patch(Vec<OutputFile>),
}

/// Renders `site` for `serve`: only what changed since `previous` when the edit
/// allows it (see the module docs), else everything. `templates`
/// says whether the templates may have changed since. Returns the files and what
/// the next render can reuse (on failure, `previous` again).
pub(crate) fn render_warm(
    site: Arc<Site>,
    options: &BuildOptions,
    previous: Option<Warm>,
    templates: bool,
    timings: &mut Timings,
) -> (Result<Rendered, BuildError>, Option<Warm>) {
    if !site.languages.is_empty() {
        // A site in several languages renders every tree, as `qiao build` does: an
        // edit of one file may change the pages of each language.
        let files = Collected::default();
        let result = super::render_into(&site, options, timings, &|f| files.sink(f), None);
        return (result.map(|_| Rendered::Full(files.into_files())), None);
    }
    let insights = timings.time("insight", || insight::compute(&site));
    let previous = previous.filter(|_| !templates);
    let files = Collected::default();
    let sink = |f| files.sink(f);
    let renderer = timings.time("templates", || match &previous {
        Some(w) => Renderer::with_cache(
            &site,
            &options.root,
            render_options(options),
            &insights,
            &w.render,
            &w.site,
        ),
        None => Renderer::new(&site, &options.root, render_options(options), &insights),
    });
    let renderer = match renderer {
        Ok(r) => r,
        Err(d) => return (Err(BuildError::Site(d)), previous),
    };
    let dirty = previous.as_ref().and_then(|w| {
        timings.time("dirty", || renderer.dirty_since(&w.render, &w.site, &w.insights))
    });
    let staged = match (dirty, previous) {
        (Some(dirty), Some(warm)) => {
            // The search documents are only used once the pages rendered without errors.
            if let Err(e) = timings.time("check", || check_bodies(&renderer)) {
                return (Err(e), Some(warm));
            }
            // The old site, insights and render cache go with `warm` at the end of this arm.
            let Warm { search, html_paths, provided, .. } = warm;
            let pages =
                Pages::Dirty { dirty: &dirty, html_paths, provided, search: Box::new(search) };
            render_stages(&site, &insights, renderer, pages, timings, &sink, &Default::default())
                .map(|s| (true, s))
        }
        (_, previous) => {
            let staged = render_stages(
                &site,
                &insights,
                renderer,
                Pages::AllKept,
                timings,
                &sink,
                &Default::default(),
            );
            match staged {
                Ok(s) => Ok((false, s)),
                Err(e) => return (Err(e), previous),
            }
        }
    };
    match staged {
        Ok((patch, s)) => {
            let files = files.into_files();
            let warm = match (s.render, s.search) {
                (Some(render), Some(search)) => Some(Warm {
                    site,
                    insights,
                    render,
                    search,
                    html_paths: s.html_paths,
                    provided: s.provided,
                }),
                _ => None,
            };
            (Ok(if patch { Rendered::Patch(files) } else { Rendered::Full(files) }), warm)
        }
        Err(e) => (Err(e), None),
    }
}
