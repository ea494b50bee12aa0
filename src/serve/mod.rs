//! `qiao serve`: the editor's preview. Builds the site into memory, serves it on
//! 127.0.0.1, watches the sources, rebuilds what a save touched and tells every open
//! tab to reload (or to swap its stylesheet, or to show the errors).
//!
//! Three threads of work, sharing one [`http::Shared`]:
//! - the HTTP server ([`http`]: std sockets, heads parsed by `httparse`; the module
//!   doc says why not `tiny_http` or axum), one thread per connection, answering
//!   from the last good build held in memory. Nothing is written to disk: not the
//!   output folder, not anything under the root.
//! - the watcher ([`watch`]: `notify`, with our own short debounce), which turns
//!   bursts of events into one batch of changes, never looking at the output folder;
//! - the rebuild loop ([`preview`]), which re-reads only what changed, renders, and
//!   publishes the new site and a live-reload event ([`events`]).
//!
//! A broken file never stops the server: the errors are printed as `qiao build`
//! prints them, sent to every open page as an overlay, and the last good site
//! stays served until the file is fixed.
//!
//! The site is built with `http://127.0.0.1:PORT` + `base_url`'s path as its base
//! URL, so every link works locally; a base URL with a path is served under that
//! path, and `/` redirects there.

pub mod events;
pub mod http;
pub mod preview;
pub mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::Context as _;

use self::http::{Shared, Snapshot};
use self::preview::{Failure, Preview, Update, millis};
use self::watch::{Changes, Watch};
use crate::config::BuildOptions;

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 50;
/// Above this many changed files the reload event says "all" instead of listing them.
const MAX_LISTED: usize = 1000;

/// Builds, serves and watches the site until Ctrl-C.
pub fn serve(options: BuildOptions, interface: &str, port: u16, open: bool) -> anyhow::Result<()> {
    let mut options = options;
    options.root = std::fs::canonicalize(&options.root)
        .with_context(|| format!("cannot open the site folder `{}`", options.root.display()))?;
    let listener = bind(interface, port)?;
    let actual = listener.local_addr()?.port();
    if actual != port && port != 0 {
        eprintln!("port {port} is taken; using {actual}");
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
        Ok(u) => eprintln!("built {} files in {:.0} ms", u.files, millis(start)),
        Err(f) => {
            eprintln!("{}the site has errors; serving them until they are fixed", f.terminal())
        }
    }
    publish(&shared, &preview, &first);

    ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(0);
    })
    .context("cannot handle Ctrl-C")?;

    let url = format!("http://{host}{}", preview.base_path());
    std::thread::Builder::new().name("qiao-rebuild".into()).spawn({
        let shared = shared.clone();
        move || rebuild_loop(watch, preview, &shared)
    })?;
    eprintln!("serving {url} (Ctrl-C to stop)");
    if open {
        open_browser(&url);
    }
    http::run(listener, shared)?;
    Ok(())
}

/// Waits for changes and rebuilds, forever.
fn rebuild_loop(mut watch: Watch, mut preview: Preview, shared: &Shared) {
    while let Some(changes) = watch.next_batch() {
        let start = Instant::now();
        let result = preview.rebuild(&changes);
        match &result {
            Ok(u) if u.changed.is_empty() => {
                eprintln!("{}: no output changed ({:.0} ms)", describe(&changes), millis(start))
            }
            Ok(u) => eprintln!(
                "{}: rebuilt in {:.0} ms, {} file{} changed",
                describe(&changes),
                millis(start),
                u.changed.len(),
                plural(u.changed.len())
            ),
            Err(f) => eprint!(
                "{}: the site has errors; still serving the last good version\n{}",
                describe(&changes),
                f.terminal()
            ),
        }
        if std::env::var_os("QIAO_SERVE_TIMINGS").is_some() {
            eprint!("{}", preview.timings);
        }
        publish(shared, &preview, &result);
    }
}

/// Serves the preview's current output and tells the open pages what happened.
fn publish(shared: &Shared, preview: &Preview, result: &Result<Update, Failure>) {
    let base_path = preview.base_path().to_owned();
    let base_moved = shared.snapshot().base_path != base_path;
    if result.is_ok() || base_moved || !preview.has_site() {
        let mut files = preview.output().clone();
        if !preview.has_site() {
            let page: Arc<[u8]> = Arc::from(preview::placeholder_page(&base_path));
            files.insert("index.html".into(), page.clone());
            files.insert("404.html".into(), page);
        }
        *shared.site.write().unwrap_or_else(|e| e.into_inner()) =
            Arc::new(Snapshot { files, base_path });
    }
    match result {
        Ok(update) => {
            shared.hub.set_errors(None);
            if !update.changed.is_empty() || base_moved {
                shared.hub.broadcast("reload", &reload_json(&update.changed, base_moved));
            }
        }
        Err(failure) => shared.hub.set_errors(Some(failure.to_json())),
    }
}

/// The `reload` event's JSON.
pub fn reload_json(changed: &[String], all: bool) -> String {
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
    match changes.content.len() {
        0 => {}
        1 => parts.push(changes.content.iter().next().cloned().unwrap_or_default()),
        n => parts.push(format!("{n} content paths")),
    }
    if changes.rescan {
        parts.push("everything".into());
    }
    parts.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
            Err(e) => return Err(e).with_context(|| format!("cannot listen on {interface}:{p}")),
        }
    }
    Err(last.map(anyhow::Error::from).unwrap_or_else(|| anyhow::anyhow!("no port"))).with_context(
        || format!("ports {port} to {} are all taken", port.saturating_add(PORT_TRIES)),
    )
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
