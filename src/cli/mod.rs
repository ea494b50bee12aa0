//! The command line (clap): flags in, one library call, an exit status out.
//! Nothing here knows how a site is built; it only prints what the library returns.

mod scaffold;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::build::{self, BuildError};
use crate::config::{self, BuildOptions};
use crate::diagnostics::{self, Code, Diagnostic, Lang, catalog, say, say_count};

pub use usage::parse;

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
    /// The language of qiao's messages: zh or en. Else QIAO_LANG, the site's
    /// `language`, the system locale (LC_ALL, LC_MESSAGES, LANG), English.
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<LangArg>,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageFormat {
    /// `path:line:col: error[CODE]: message` lines and a count.
    #[default]
    Human,
    /// One JSON object a line (code, severity, path, line, column, end, message,
    /// suggestion), on standard output.
    Json,
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
        /// Also write a .gz and a .br beside every text file of 1 KiB or more.
        #[arg(long)]
        precompress: bool,
        /// Fail when a page URL of the last build in the output folder vanished.
        #[arg(long)]
        strict: bool,
        /// Print how long each stage took.
        #[arg(long, short)]
        verbose: bool,
        /// How errors and warnings are printed.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Load and validate the site; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// How errors and warnings are printed.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Explain an error code (`qiao explain E0107`): what it means, with a wrong
    /// and a right example.
    Explain {
        /// The code, as printed in brackets: `error[E0107]`.
        code: String,
    },
    /// Write docs/errors.md (every code in both languages) to standard output.
    #[command(hide = true)]
    ErrorsDoc,
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
        /// Start a translation into this language (`en`) of the existing SLUG,
        /// beside it: `x.en.md` holding the original's text to translate.
        #[arg(long, value_name = "CODE")]
        translate: Option<String>,
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
    /// Turn the rows of a spreadsheet (.xlsx, .xls, .ods, .csv) into content files,
    /// checked as `check` checks them; nothing is written unless every row passes.
    Import {
        /// members, cases, policies, demands or roadshows.
        kind: String,
        /// The spreadsheet.
        file: PathBuf,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Rewrite the fields the sheet has in files that exist (others and bodies are kept).
        #[arg(long)]
        update: bool,
        /// Check and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The encoding of a CSV file: utf-8 or gbk (gb18030). Default: detected.
        #[arg(long, value_parser = parse_encoding)]
        encoding: Option<crate::sheets::Encoding>,
        /// Fix "today" (YYYY-MM-DD): the `date` of new items without one. Also QIAO_TODAY.
        #[arg(long, env = "QIAO_TODAY", value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Write every item of a kind to a spreadsheet (.xlsx or .csv) with the columns
    /// `import` reads.
    Export {
        /// members, cases, policies, demands or roadshows.
        kind: String,
        /// The file to write (.xlsx or .csv).
        file: PathBuf,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn options(site: &SiteArgs, lang: Option<LangArg>) -> BuildOptions {
    let mut o = BuildOptions::new(&site.root);
    o.drafts = site.drafts;
    o.today = site.today;
    o.lang = config::message_language(lang.map(Lang::from), Some(&site.root));
    o
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitStatus {
    let lang_flag = cli.lang;
    match cli.command {
        Command::Build {
            site,
            output_dir,
            base_url,
            no_minify,
            precompress,
            strict,
            verbose,
            message_format,
        } => {
            let mut o = options(&site, lang_flag);
            if let Some(dir) = output_dir {
                o.output_dir = dir;
            }
            o.base_url = base_url;
            o.minify = !no_minify;
            o.precompress = precompress;
            o.strict = strict;
            match build::build(&o) {
                Ok(report) => {
                    report_warnings(&report.warnings, o.lang, message_format);
                    if verbose {
                        eprint!("{}", report.timings);
                    }
                    let dir = o.output_dir.display();
                    eprintln!(
                        "{}",
                        say_count(o.lang, "progress-built", report.files, &[("dir", &dir)])
                    );
                    ExitStatus::Success
                }
                Err(e) => report_error(&e, o.lang, message_format),
            }
        }
        Command::Check { site, message_format } => {
            let o = options(&site, lang_flag);
            let start = std::time::Instant::now();
            match build::check(&o) {
                Ok((site, warnings)) => {
                    report_warnings(&warnings, o.lang, message_format);
                    let ms = start.elapsed().as_millis();
                    eprintln!(
                        "{}",
                        say_count(o.lang, "progress-checked", site.items.len(), &[("ms", &ms)])
                    );
                    ExitStatus::Success
                }
                Err(e) => report_error(&e, o.lang, message_format),
            }
        }
        Command::Explain { code } => {
            let lang = config::message_language(
                lang_flag.map(Lang::from),
                Some(std::path::Path::new(".")),
            );
            explain(&code, lang)
        }
        Command::ErrorsDoc => {
            print!("{}", catalog::markdown());
            ExitStatus::Success
        }
        Command::Serve { site, interface, port, open } => {
            let o = options(&site, lang_flag);
            let lang = o.lang;
            match crate::serve::serve(o, &interface, port, open) {
                Ok(()) => ExitStatus::Success,
                Err(e) => {
                    eprintln!("error: {}", diagnostics::word_error(&e, lang));
                    ExitStatus::Io
                }
            }
        }
        Command::Search { root, index, limit, json, query } => {
            let site = root.clone().unwrap_or_else(|| PathBuf::from("."));
            let lang = config::message_language(lang_flag.map(Lang::from), Some(&site));
            search(root, index, limit, json, &query, lang)
        }
        Command::New { kind, slug, root, title, translate } => {
            let lang = config::message_language(lang_flag.map(Lang::from), Some(&root));
            let written = match &translate {
                Some(code) => {
                    scaffold::new_translation(&root, &kind, &slug, code, title.as_deref())
                }
                None => scaffold::new_file(&root, &kind, &slug, title.as_deref()),
            };
            match written {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitStatus::Success
                }
                Err(e) => {
                    eprintln!("error: {}", e.word(lang));
                    ExitStatus::Usage
                }
            }
        }
        Command::Init { dir, language } => {
            let lang = config::message_language(lang_flag.map(Lang::from), Some(&dir));
            match scaffold::init(&dir, &language) {
                Ok(()) => {
                    // Now there is a site: its language.
                    let lang = config::message_language(lang_flag.map(Lang::from), Some(&dir));
                    let shown = dir.display();
                    eprintln!("{}", say(lang, "progress-created", &[("dir", &shown)]));
                    ExitStatus::Success
                }
                Err(e) => {
                    eprintln!("error: {}", e.word(lang));
                    ExitStatus::Usage
                }
            }
        }
        Command::Import { kind, file, root, sheet, update, dry_run, encoding, today } => {
            let lang = config::message_language(lang_flag.map(Lang::from), Some(&root));
            let o = crate::sheets::ImportOptions {
                root,
                kind,
                file,
                sheet,
                update,
                dry_run,
                encoding,
                today,
                lang,
            };
            sheet_import(&o)
        }
        Command::Export { kind, file, root } => {
            let lang = config::message_language(lang_flag.map(Lang::from), Some(&root));
            match crate::sheets::export(&root, &kind, &file) {
                Ok(n) => {
                    let shown = file.display();
                    eprintln!("{}", say_count(lang, "sheet-exported", n, &[("file", &shown)]));
                    ExitStatus::Success
                }
                Err(e) => sheet_error(e, lang),
            }
        }
    }
}

fn parse_encoding(s: &str) -> Result<crate::sheets::Encoding, String> {
    crate::sheets::Encoding::parse(s).ok_or_else(|| format!("`{s}`: use utf-8 or gbk"))
}

/// `qiao import`: the slugs qiao chose, what was written, or every problem.
fn sheet_import(o: &crate::sheets::ImportOptions) -> ExitStatus {
    let lang = o.lang;
    match crate::sheets::import(o) {
        Ok(done) => {
            if !done.warnings.is_empty() {
                eprint!("{}", crate::sheets::render(&done.warnings, lang));
            }
            for (cell, title, slug) in &done.derived {
                println!(
                    "{}",
                    say(lang, "sheet-slug", &[("cell", cell), ("title", title), ("slug", slug)])
                );
            }
            for path in done.created.iter().chain(&done.updated) {
                println!("{path}");
            }
            let rows = done.created.len() + done.updated.len() + done.unchanged.len();
            let (c, u, n) = (done.created.len(), done.updated.len(), done.unchanged.len());
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("created", &c), ("updated", &u), ("unchanged", &n)];
            eprintln!("{}", say_count(lang, "sheet-imported", rows, &args));
            if o.dry_run {
                eprintln!("{}", say(lang, "sheet-dry-run", &[]));
            }
            ExitStatus::Success
        }
        Err(e) => sheet_error(e, lang),
    }
}

fn sheet_error(e: crate::sheets::SheetError, lang: Lang) -> ExitStatus {
    match e {
        crate::sheets::SheetError::Usage(m) => {
            eprintln!("error: {m}");
            ExitStatus::Usage
        }
        crate::sheets::SheetError::Problems(list) => {
            eprint!("{}", crate::sheets::render(&list, lang));
            ExitStatus::SiteErrors
        }
        crate::sheets::SheetError::Io(err) => {
            eprintln!("error: {err:#}");
            ExitStatus::Io
        }
    }
}

/// Prints the warnings of a run that succeeded.
fn report_warnings(warnings: &[Diagnostic], lang: Lang, format: MessageFormat) {
    if warnings.is_empty() {
        return;
    }
    match format {
        MessageFormat::Human => eprint!("{}", diagnostics::render_in(warnings, lang)),
        MessageFormat::Json => print!("{}", diagnostics::render_json(warnings, lang)),
    }
}

/// `qiao explain CODE`: exit 2 with the nearest codes when there is no such code.
fn explain(code: &str, lang: Lang) -> ExitStatus {
    match Code::parse(code) {
        Some(c) => {
            print!("{}", catalog::explain(c, lang));
            ExitStatus::Success
        }
        None => {
            let near = catalog::nearest_codes(code);
            let near: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            let id = if near.is_empty() { "explain-unknown" } else { "explain-unknown-near" };
            let near = near.join(sep);
            eprintln!("error: {}", say(lang, id, &[("code", &code), ("near", &near)]));
            ExitStatus::Usage
        }
    }
}

fn report_error(e: &BuildError, lang: Lang, format: MessageFormat) -> ExitStatus {
    match e {
        BuildError::Site(list) => {
            match format {
                MessageFormat::Human => eprint!("{}", diagnostics::render_in(list, lang)),
                MessageFormat::Json => {
                    print!("{}", diagnostics::render_json(list, lang));
                    eprintln!("{}", diagnostics::count_line(list, lang));
                }
            }
            ExitStatus::SiteErrors
        }
        BuildError::Io(err) => {
            eprintln!("error: {}", diagnostics::word_error(err, lang));
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
    lang: Lang,
) -> ExitStatus {
    let dir = index.unwrap_or_else(|| root.unwrap_or_else(|| PathBuf::from(".")).join("public"));
    if !dir.join("search/manifest.json").is_file() {
        let shown = dir.join("search");
        let shown = shown.display();
        eprintln!("error: {}", say(lang, "search-no-index", &[("dir", &shown)]));
        return ExitStatus::Io;
    }
    match crate::search::query_dir(&dir, query, limit) {
        Ok(hits) if hits.is_empty() => {
            if json {
                println!("[]");
            }
            eprintln!("{}", say(lang, "search-no-results", &[("query", &query)]));
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
            let shown = dir.join("search");
            let (shown, e) = (shown.display(), format!("{e:#}"));
            let message = say(lang, "search-cannot-read", &[("dir", &shown), ("error", &e)]);
            eprintln!("error: {message}");
            ExitStatus::Io
        }
    }
}
