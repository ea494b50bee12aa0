//! `qiao serve`: the editor's preview. Builds the site into memory, serves it on
//! 127.0.0.1, watches the sources, rebuilds what a save touched and tells every open
//! tab to reload (or to swap its stylesheet, or to show the errors).
//!
//! The work, sharing one [`http::Shared`]:
//! - the HTTP server ([`http`]: std sockets, heads parsed by `httparse`; the module
//!   doc says why not `tiny_http` or axum), one thread per connection, answering
//!   from the last good build held in memory. Nothing is written to disk: not the
//!   output folder, not anything under the root.
//! - the watcher ([`watch`]: `notify`, with our own short debounce), which turns
//!   bursts of events into one batch of changes, never looking at the output folder;
//! - the rebuild loop ([`preview`]), which re-reads only the files that changed,
//!   checks the whole site again, renders the changed items' own pages at once
//!   and serves them (the editor sees the save within milliseconds), then renders
//!   the whole site on a worker thread (one render at a time; a render overtaken
//!   by a newer save is dropped) and serves that, telling the open tabs exactly
//!   which files changed ([`events`]).
//!
//! A broken file never stops the server: the errors are printed as `qiao build`
//! prints them, sent to every open page as an overlay, and the last good site
//! stays served until the file is fixed.
//!
//! The site is built with `http://127.0.0.1:PORT` + `base_url`'s path as its base
//! URL, so every link works locally; a base URL with a path is served under that
//! path, and `/` redirects there.

pub(crate) mod events;
pub(crate) mod http;
pub mod preview;
pub mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, TcpListener};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::Context as _;

use self::http::{Shared, Snapshot};
use self::preview::{Failure, PageRenderer, Preview, Rendered, Update, millis, render_site};
use self::watch::{Changes, Watch};
use crate::config::BuildOptions;
use crate::diagnostics::{self, say, say_count};
use crate::model::Site;
use crate::urls;

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 50;
/// Above this many changed files the reload event says "all" instead of listing them.
const MAX_LISTED: usize = 1000;

/// Builds, serves and watches the site until Ctrl-C.
pub(crate) fn serve(
    options: BuildOptions,
    interface: &str,
    port: u16,
    open: bool,
) -> anyhow::Result<()> {
    let mut options = options;
    let lang = options.lang;
    options.root = std::fs::canonicalize(&options.root).map_err(|e| {
        diagnostics::Failure::new("io-cannot-open-site")
            .arg("dir", options.root.display().to_string())
            .io(e)
    })?;
    let listener = bind(interface, port)?;
    let actual = listener.local_addr()?.port();
    if actual != port && port != 0 {
        eprintln!("{}", say(lang, "serve-port-taken", &[("port", &port), ("actual", &actual)]));
    }
    let host = url_host(interface, actual);

    // Watch before the first build, so a save during it is not lost.
    let watch = Watch::new(&options.root).context("cannot watch the site's files")?;
    let mut preview = Preview::new(options, &host);
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(Snapshot::default())),
        hub: Default::default(),
    });
    let start = Instant::now();
    let first = preview.rebuild(&Changes { rescan: true, ..Changes::default() });
    match &first {
        Ok(u) => {
            let ms = format!("{:.0}", millis(start));
            eprintln!("{}", say_count(lang, "serve-built", u.files, &[("ms", &ms)]))
        }
        Err(f) => eprintln!("{}{}", f.terminal_in(lang), say(lang, "serve-first-errors", &[])),
    }
    publish(&shared, &preview, &first);

    ctrlc::set_handler(move || {
        eprintln!("\n{}", say(lang, "serve-stopped", &[]));
        std::process::exit(0);
    })
    .context("cannot handle Ctrl-C")?;

    let url = format!("http://{host}{}", preview.base_path());
    let (tx, rx) = mpsc::channel();
    spawn("qiao-watch", {
        let tx = tx.clone();
        move || watch_loop(watch, &tx)
    })?;
    spawn("qiao-rebuild", {
        let shared = shared.clone();
        move || rebuild_loop(&rx, &tx, preview, &shared)
    })?;
    eprintln!("{}", say(lang, "serve-serving", &[("url", &url)]));
    if open {
        open_browser(&url);
    }
    http::run(listener, shared)?;
    Ok(())
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new().name(name.to_owned()).spawn(f).map(|_| ())
}

/// What the rebuild loop hears about.
enum Message {
    /// A batch of source changes.
    Changes(Changes),
    /// A full render finished: of the site loaded as `generation`.
    Rendered { generation: u64, rendered: Box<Rendered> },
    /// A full build's page renderer, for rendering changed pages ahead.
    Pages(PageRenderer),
}

fn watch_loop(mut watch: Watch, tx: &Sender<Message>) {
    while let Some(changes) = watch.next_batch() {
        if tx.send(Message::Changes(changes)).is_err() {
            return;
        }
    }
}

/// A render in progress: what it is for.
struct Job {
    generation: u64,
    what: String,
    start: Instant,
}

/// Loads each batch of changes and serves the pages it touched at once
/// ([`Preview::quick`]); renders the whole site on a worker thread, one render at
/// a time, and serves it when it is the render of the newest good load (older
/// ones are dropped: a newer save is already on its way).
fn rebuild_loop(
    rx: &Receiver<Message>,
    tx: &Sender<Message>,
    mut preview: Preview,
    shared: &Shared,
) {
    let timings = std::env::var_os("QIAO_SERVE_TIMINGS").is_some();
    let lang = preview.options().lang;
    let mut generation = 0u64;
    let mut good = 0u64;
    let mut busy = false;
    let mut pending: Option<(Arc<Site>, Job)> = None;
    let mut running: Option<Job> = None;
    // A page renderer for the quick path, from the first build.
    if let Some(site) = preview.take_last_site() {
        let tx = tx.clone();
        let options = preview.options().clone();
        let _ = spawn("qiao-pages", move || {
            PageRenderer::run(&site, &options, |pages| {
                let _ = tx.send(Message::Pages(pages));
            })
        });
    }
    while let Ok(message) = rx.recv() {
        match message {
            Message::Changes(changes) => {
                generation += 1;
                let start = Instant::now();
                let what = describe(&changes);
                let read = preview.read(&changes);
                // The changed pages first, then the check of the whole site.
                let ahead = read.as_ref().ok().and_then(|r| preview.quick(r));
                if let Some(changed) = &ahead {
                    let ms = format!("{:.0}", millis(start));
                    eprintln!("{}", say(lang, "serve-page-ahead", &[("what", &what), ("ms", &ms)]));
                    let update = Update {
                        changed: changed.clone(),
                        files: preview.output().len(),
                        partial: true,
                        pages: changed.len(),
                    };
                    publish(shared, &preview, &Ok(update));
                }
                match read.and_then(|r| preview.check(r)) {
                    Err(mut f) => {
                        eprint!(
                            "{}\n{}",
                            say(lang, "serve-errors", &[("what", &what)]),
                            f.terminal_in(lang)
                        );
                        if ahead.is_some() {
                            f.reverted = preview.revert();
                        }
                        publish(shared, &preview, &Err(f));
                    }
                    Ok(loaded) => {
                        good = generation;
                        if timings {
                            eprint!("{}", preview.timings);
                        }
                        pending = Some((loaded.site, Job { generation, what, start }));
                    }
                }
            }
            Message::Rendered { generation: g, rendered } => {
                busy = false;
                let job = running.take();
                if g == good {
                    let (what, start) =
                        job.map_or_else(|| (String::new(), Instant::now()), |j| (j.what, j.start));
                    let result = preview.finish(*rendered);
                    let scope = |u: &Update| {
                        if u.partial {
                            say_count(lang, "serve-scope", u.pages, &[])
                        } else {
                            String::new()
                        }
                    };
                    match &result {
                        Ok(u) => {
                            let ms = format!("{:.0}", millis(start));
                            let scope = scope(u);
                            let args: [(&str, &dyn std::fmt::Display); 3] =
                                [("what", &what), ("ms", &ms), ("scope", &scope)];
                            eprintln!(
                                "{}",
                                say_count(lang, "serve-rebuilt", u.changed.len(), &args)
                            );
                        }
                        Err(f) => eprint!(
                            "{}\n{}",
                            say(lang, "serve-errors", &[("what", &what)]),
                            f.terminal_in(lang)
                        ),
                    }
                    if timings {
                        eprint!("{}", preview.timings);
                    }
                    // A newer save that broke the site keeps its errors shown.
                    publish_with(shared, &preview, &result, generation == good);
                }
            }
            Message::Pages(pages) => preview.set_page_renderer(pages),
        }
        if !busy && let Some((site, job)) = pending.take() {
            busy = true;
            let tx = tx.clone();
            let options = preview.options().clone();
            let generation = job.generation;
            running = Some(job);
            let (warm, templates) = preview.take_warm();
            let spawned = spawn("qiao-render", move || {
                let rendered = render_site(site.clone(), &options, warm, templates);
                let ok = rendered.files.is_ok();
                if tx.send(Message::Rendered { generation, rendered: Box::new(rendered) }).is_ok()
                    && ok
                {
                    // Then this thread renders single pages against this build.
                    PageRenderer::run(&site, &options, |pages| {
                        let _ = tx.send(Message::Pages(pages));
                    });
                }
            });
            if spawned.is_err() {
                busy = false;
            }
        }
    }
}

/// Serves the preview's current output and tells the open pages what happened.
fn publish(shared: &Shared, preview: &Preview, result: &Result<Update, Failure>) {
    publish_with(shared, preview, result, true)
}

/// [`publish`]; with `clear_errors` false a good result leaves the errors shown
/// (a newer save broke the site while this older one was rendering).
fn publish_with(
    shared: &Shared,
    preview: &Preview,
    result: &Result<Update, Failure>,
    clear_errors: bool,
) {
    let base_path = preview.base_path().to_owned();
    let base_moved = shared.snapshot().base_path != base_path;
    let reverted = result.as_ref().err().map(|f| f.reverted.as_slice()).unwrap_or_default();
    if result.is_ok() || base_moved || !preview.has_site() || !reverted.is_empty() {
        let mut files = preview.output().clone();
        if !preview.has_site() {
            let page: Arc<[u8]> = Arc::from(preview::errors_page(&base_path));
            files.insert(urls::page_file(urls::HOME), page.clone());
            files.insert(urls::NOT_FOUND.into(), page);
        }
        *shared.site.write().unwrap_or_else(|e| e.into_inner()) =
            Arc::new(Snapshot { files, base_path });
    }
    match result {
        Ok(update) => {
            if clear_errors {
                shared.hub.set_errors(None);
            }
            if !update.changed.is_empty() || base_moved {
                shared.hub.broadcast("reload", &reload_json(&update.changed, base_moved));
            }
        }
        Err(failure) => {
            shared.hub.set_errors(Some(failure.to_json(preview.options().lang)));
            if !reverted.is_empty() || base_moved {
                shared.hub.broadcast("reload", &reload_json(reverted, base_moved));
            }
        }
    }
}

/// The `reload` event's JSON.
pub(crate) fn reload_json(changed: &[String], all: bool) -> String {
    let all = all || changed.len() > MAX_LISTED;
    let css_only = !all && !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
    let paths: &[String] = if all { &[] } else { changed };
    serde_json::json!({"all": all, "css_only": css_only, "paths": paths}).to_string()
}

fn describe(changes: &Changes) -> String {
    let mut parts: Vec<String> = Vec::new();
    if changes.config {
        parts.push("site.toml".into());
    }
    if changes.templates {
        parts.push("templates".into());
    }
    if changes.statics {
        parts.push("static".into());
    }
    // The files by name, as the editor saved them; a long batch (a `git checkout`)
    // ends with how many more there were. An editor's temporary files (an atomic
    // save's `sed6YMweP`, `x.md~`) are not named when a Markdown file is.
    const NAMED: usize = 3;
    let markdown: Vec<&String> = changes.content.iter().filter(|p| p.ends_with(".md")).collect();
    let named: Vec<&String> =
        if markdown.is_empty() { changes.content.iter().collect() } else { markdown };
    parts.extend(named.iter().take(NAMED).map(|p| (*p).clone()));
    if named.len() > NAMED {
        parts.push(format!("and {} more", named.len() - NAMED));
    }
    if changes.rescan {
        parts.push("everything".into());
    }
    parts.join(", ")
}

/// Binds `interface:port`, or the next free port after it.
fn bind(interface: &str, port: u16) -> anyhow::Result<TcpListener> {
    let ip: IpAddr = interface.parse().with_context(|| {
        format!("--interface `{interface}` is not an IP address (try 127.0.0.1)")
    })?;
    let mut last = None;
    for p in (0..=PORT_TRIES).map_while(|i| port.checked_add(i)) {
        match TcpListener::bind((ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == ErrorKind::AddrInUse && port != 0 => last = Some(e),
            Err(e) => {
                let f = diagnostics::Failure::new("io-cannot-listen")
                    .arg("address", format!("{interface}:{p}"));
                return Err(f.io(e).into());
            }
        }
    }
    let last = last.unwrap_or_else(|| ErrorKind::AddrInUse.into());
    let tried = format!("{interface}:{port}-{}", port.saturating_add(PORT_TRIES));
    Err(diagnostics::Failure::new("io-cannot-listen").arg("address", tried).io(last).into())
}

/// The `host:port` the site is built for: the interface, or 127.0.0.1 when it
/// listens on every address.
fn url_host(interface: &str, port: u16) -> String {
    match interface.parse::<IpAddr>() {
        Ok(ip) if ip.is_unspecified() => format!("127.0.0.1:{port}"),
        Ok(IpAddr::V6(v6)) => format!("[{v6}]:{port}"),
        _ => format!("{interface}:{port}"),
    }
}

/// Asks the desktop to open `url`; says so and goes on when it cannot.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open")
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    };
    match command {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => eprintln!("could not open a browser; open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_names_the_files_that_changed() {
        let mut changes = Changes::default();
        changes.content.insert("content/cases/a.md".into());
        changes.content.insert("content/cases/sed6YMweP".into());
        assert_eq!(describe(&changes), "content/cases/a.md");
        changes.content.insert("content/cases/b.md".into());
        changes.config = true;
        assert_eq!(describe(&changes), "site.toml, content/cases/a.md, content/cases/b.md");
        for name in ["c", "d", "e"] {
            changes.content.insert(format!("content/news/{name}.md"));
        }
        assert_eq!(
            describe(&changes),
            "site.toml, content/cases/a.md, content/cases/b.md, content/news/c.md, and 2 more"
        );
    }
}
