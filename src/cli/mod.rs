//! The command line (clap): flags in, one library call, an exit status out.
//! Nothing here knows how a site is built; it only prints what the library returns.

mod scaffold;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use crate::build::{self, BuildError};
use crate::config::BuildOptions;
use crate::diagnostics;

/// What a run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything worked.
    Success,
    /// The site has errors (or `search` found nothing, as grep does).
    SiteErrors,
    /// The command line is wrong.
    Usage,
    /// A file could not be read or written (disk full, no permission, no built
    /// search index): nothing is wrong with the site itself.
    Io,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::SiteErrors => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Io => 3,
        })
    }
}

/// What every exit code means, shown at the end of `--help`.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the site has errors (all are printed; nothing was written), or `search` found nothing
  2  the command line is wrong
  3  a file could not be read or written (disk full, permission denied, no built index)";

/// qiao (桥): a static site generator for industry–education cooperation alliances.
#[derive(Debug, Parser)]
#[command(name = "qiao", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every site command shares.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct SiteArgs {
    /// The folder that holds site.toml.
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Include drafts.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Fix "today" (YYYY-MM-DD) for expired demands, upcoming roadshows and policy status. Also QIAO_TODAY.
    #[arg(long, env = "QIAO_TODAY", value_parser = parse_date)]
    pub(crate) today: Option<Date>,
}

fn parse_interface(s: &str) -> Result<String, String> {
    match s.parse::<std::net::IpAddr>() {
        Ok(_) => Ok(s.to_owned()),
        Err(_) => Err(format!("`{s}` is not an IP address (try 127.0.0.1)")),
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| format!("expected a date like 2026-05-20: {e}"))
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Override base_url from site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Write HTML as rendered, without minifying.
        #[arg(long)]
        no_minify: bool,
        /// Print how long each stage took.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Load and validate the site; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, serve on 127.0.0.1, rebuild on every change and reload open pages.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1", value_parser = parse_interface)]
        interface: String,
        /// Port to listen on (the next free one is used if it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Search the built index, with the same tokenizer and ranking as the browser.
    Search {
        /// The site root; reads ROOT/public/search/.
        #[arg(long, conflicts_with = "index")]
        root: Option<PathBuf>,
        /// A built output folder (the one that holds search/).
        #[arg(long)]
        index: Option<PathBuf>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of `URL<TAB>TITLE` lines.
        #[arg(long)]
        json: bool,
        /// What to search for.
        query: String,
    },
    /// Write a new content file: every required field filled in, the optional ones as
    /// commented lines, explained in the site's language (Chinese for `zh`, else English).
    New {
        /// members, cases, policies, demands, roadshows or page.
        kind: String,
        /// The file name and URL segment.
        slug: String,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The title to fill in.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write a minimal working site into DIR.
    Init {
        /// The new site's folder.
        dir: PathBuf,
        /// The site's language: `zh` writes a Chinese site (settings, comments and
        /// sample content), `en` (or any other language tag) an English one.
        #[arg(long, default_value = "zh", value_parser = scaffold::parse_language)]
        language: String,
    },
}

fn options(site: &SiteArgs) -> BuildOptions {
    let mut o = BuildOptions::new(&site.root);
    o.drafts = site.drafts;
    o.today = site.today;
    o
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Build { site, output_dir, base_url, no_minify, verbose } => {
            let mut o = options(&site);
            if let Some(dir) = output_dir {
                o.output_dir = dir;
            }
            o.base_url = base_url;
            o.minify = !no_minify;
            match build::build(&o) {
                Ok(report) => {
                    if verbose {
                        eprint!("{}", report.timings);
                    }
                    eprintln!("built {} files into {}", report.files, o.output_dir.display());
                    ExitStatus::Success
                }
                Err(e) => report_error(&e),
            }
        }
        Command::Check { site } => {
            let o = options(&site);
            let start = std::time::Instant::now();
            match build::check(&o) {
                Ok(site) => {
                    eprintln!(
                        "ok: {} items checked in {} ms",
                        site.items.len(),
                        start.elapsed().as_millis()
                    );
                    ExitStatus::Success
                }
                Err(e) => report_error(&e),
            }
        }
        Command::Serve { site, interface, port, open } => {
            let o = options(&site);
            match crate::serve::serve(o, &interface, port, open) {
                Ok(()) => ExitStatus::Success,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitStatus::Io
                }
            }
        }
        Command::Search { root, index, limit, json, query } => {
            search(root, index, limit, json, &query)
        }
        Command::New { kind, slug, root, title } => {
            match scaffold::new_file(&root, &kind, &slug, title.as_deref()) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitStatus::Success
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitStatus::Usage
                }
            }
        }
        Command::Init { dir, language } => match scaffold::init(&dir, &language) {
            Ok(()) => {
                eprintln!(
                    "created a new site in {}; try: cd {} && qiao serve",
                    dir.display(),
                    dir.display()
                );
                ExitStatus::Success
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitStatus::Usage
            }
        },
    }
}

fn report_error(e: &BuildError) -> ExitStatus {
    match e {
        BuildError::Site(list) => {
            eprint!("{}", diagnostics::render(list));
            ExitStatus::SiteErrors
        }
        BuildError::Io(err) => {
            eprintln!("error: {err:#}");
            ExitStatus::Io
        }
        BuildError::Usage(msg) => {
            eprintln!("error: {msg}");
            ExitStatus::Usage
        }
    }
}

fn search(
    root: Option<PathBuf>,
    index: Option<PathBuf>,
    limit: usize,
    json: bool,
    query: &str,
) -> ExitStatus {
    let dir = index.unwrap_or_else(|| root.unwrap_or_else(|| PathBuf::from(".")).join("public"));
    if !dir.join("search/manifest.json").is_file() {
        eprintln!(
            "error: no search index in {}: build the site first (`qiao build`)",
            dir.join("search").display()
        );
        return ExitStatus::Io;
    }
    match crate::search::query_dir(&dir, query, limit) {
        Ok(hits) if hits.is_empty() => {
            if json {
                println!("[]");
            }
            eprintln!("no results for `{query}`");
            ExitStatus::SiteErrors
        }
        Ok(hits) => {
            if json {
                let list: Vec<_> = hits
                    .iter()
                    .map(|h| serde_json::json!({"url": h.url, "title": h.title, "score": h.score}))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
            } else {
                for h in hits {
                    println!("{}\t{}", h.url, h.title);
                }
            }
            ExitStatus::Success
        }
        Err(e) => {
            eprintln!(
                "error: cannot read the search index in {}: {e:#}",
                dir.join("search").display()
            );
            ExitStatus::Io
        }
    }
}
