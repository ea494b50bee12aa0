//! The preview's HTTP/1.1 server: std threads and sockets, with request heads parsed
//! by `httparse`.
//!
//! Why not a server framework: `tiny_http` reads request lines and headers without
//! any size limit and is barely maintained, and axum/hyper bring tokio and a few
//! dozen crates to compile on a 2-core machine for a server that answers one editor
//! on 127.0.0.1. What the preview needs is small and is all here: GET/HEAD of files
//! held in memory, redirects, the site's 404 page, one long-lived server-sent-events
//! stream per open tab, and hard limits (request head size, header count, open
//! connections, idle time) so a bad client cannot grow memory or hang the server.
//!
//! Paths are looked up in a map of the built files, never on disk, so no request
//! can reach a file outside the output; requests whose decoded path holds `..`,
//! `.`, a backslash or NUL are refused with 400 all the same.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::events::Hub;
use crate::urls;

/// The largest request head (request line and headers) accepted.
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may carry.
const MAX_HEADERS: usize = 64;
/// The most connections served at once (each open tab holds one for its events).
const MAX_CONNECTIONS: usize = 256;
/// How long a kept-alive connection may sit idle.
const IDLE: Duration = Duration::from_secs(30);
const LIVERELOAD_JS: &str = include_str!("assets/livereload.js");
const OVERLAY_CSS: &str = include_str!("assets/overlay.css");

/// The site as served: the last good build, by output path.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Output files by path (`cases/x/index.html`).
    pub(crate) files: HashMap<String, Arc<[u8]>>,
    /// The site's base path (`/` or `/alliance/`).
    pub(crate) base_path: String,
}

/// What the server threads share with the rebuild loop.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The site being served; replaced whole after every good rebuild.
    pub(crate) site: RwLock<Arc<Snapshot>>,
    /// The live-reload event streams.
    pub(crate) hub: Hub,
}

impl Shared {
    /// The current snapshot.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Accepts connections forever, one thread each.
pub(crate) fn run(listener: TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_simple(
                &mut stream,
                503,
                "Service Unavailable",
                "too many open connections\n",
                true,
            );
            continue;
        }
        let shared = shared.clone();
        let counter = open.clone();
        let spawned = std::thread::Builder::new().name("qiao-http".into()).spawn(move || {
            let _ = handle_connection(stream, &shared);
            counter.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // The closure (and its stream) is gone; undo the count.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Ok(())
}

/// One parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestHead {
    /// `GET`, `HEAD`, ...
    pub(crate) method: String,
    /// The request target as sent.
    pub(crate) target: String,
    /// HTTP/1.0 or 1.1 (minor version).
    pub(crate) minor: u8,
    /// The client asked to close (or is HTTP/1.0 without keep-alive).
    pub(crate) close: bool,
    /// Bytes of body that follow the head.
    pub(crate) body_len: usize,
    /// The body is chunked (not supported for GET; the connection is closed after).
    pub(crate) chunked: bool,
}

/// Why a request head was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadError {
    /// 400
    Malformed,
    /// 414: the request line alone is over the limit.
    UriTooLong,
    /// 431: the headers are over the limit.
    HeadersTooLarge,
}

/// Parses a request head from the start of `buf`: `Ok(Some((head, len)))` when it
/// is complete, `Ok(None)` when more bytes are needed.
pub(crate) fn parse_head(buf: &[u8]) -> Result<Option<(RequestHead, usize)>, HeadError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let status = match req.parse(buf) {
        Ok(s) => s,
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::HeadersTooLarge),
        Err(_) => return Err(HeadError::Malformed),
    };
    let len = match status {
        httparse::Status::Complete(len) => len,
        httparse::Status::Partial => {
            if buf.len() >= MAX_HEAD {
                let line_done = buf.iter().position(|&b| b == b'\n').is_some_and(|i| i < MAX_HEAD);
                return Err(if line_done {
                    HeadError::HeadersTooLarge
                } else {
                    HeadError::UriTooLong
                });
            }
            return Ok(None);
        }
    };
    if len > MAX_HEAD {
        let line_len = buf.iter().position(|&b| b == b'\n').unwrap_or(len);
        return Err(if line_len >= MAX_HEAD {
            HeadError::UriTooLong
        } else {
            HeadError::HeadersTooLarge
        });
    }
    let minor = req.version.unwrap_or(1);
    let mut close = minor == 0;
    let mut body_len = 0usize;
    let mut chunked = false;
    for h in req.headers.iter() {
        let value = String::from_utf8_lossy(h.value);
        if h.name.eq_ignore_ascii_case("connection") {
            let v = value.to_ascii_lowercase();
            if v.contains("close") {
                close = true;
            } else if v.contains("keep-alive") {
                close = false;
            }
        } else if h.name.eq_ignore_ascii_case("content-length") {
            body_len = value.trim().parse().map_err(|_| HeadError::Malformed)?;
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = true;
        }
    }
    let head = RequestHead {
        method: req.method.unwrap_or("").to_owned(),
        target: req.path.unwrap_or("").to_owned(),
        minor,
        close,
        body_len,
        chunked,
    };
    Ok(Some((head, len)))
}

fn handle_connection(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        // Read until a whole head is buffered (or the limit is hit).
        let (head, used) = loop {
            match parse_head(&buf) {
                Ok(Some(done)) => break done,
                Ok(None) => {}
                Err(e) => {
                    let (code, reason, text) = match e {
                        HeadError::Malformed => (400, "Bad Request", "malformed request\n"),
                        HeadError::UriTooLong => (414, "URI Too Long", "request line too long\n"),
                        HeadError::HeadersTooLarge => {
                            (431, "Request Header Fields Too Large", "request headers too large\n")
                        }
                    };
                    write_simple(&mut stream, code, reason, text, true)?;
                    return close_gently(stream);
                }
            }
            let n = match stream.read(&mut chunk) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return Ok(()),
            };
            let room = (MAX_HEAD + 1).saturating_sub(buf.len());
            buf.extend_from_slice(&chunk[..n.min(room)]);
        };
        buf.drain(..used);
        // GET and HEAD carry no body; anything else is answered and the connection
        // closed, so unread body bytes are never taken for the next request.
        let mut close = head.close || head.chunked || head.body_len > 0;
        if head.body_len > 0 && buf.len() >= head.body_len {
            buf.drain(..head.body_len);
        }
        let response = respond(&head, shared);
        match response {
            Response::Events => {
                write_raw(
                    &mut stream,
                    200,
                    "OK",
                    &[("Content-Type", "text/event-stream; charset=utf-8")],
                    &[],
                    None,
                    false,
                )?;
                stream.set_read_timeout(None)?;
                return shared.hub.stream(stream);
            }
            other => {
                if matches!(other, Response::Simple { close: true, .. }) {
                    close = true;
                }
                other.write(&mut stream, head.method == "HEAD", close)?;
            }
        }
        if close {
            return close_gently(stream);
        }
    }
}

/// Sends the rest and closes without resetting the connection: a client that sent
/// more than was read (an oversized head) still receives the answer.
fn close_gently(mut stream: TcpStream) -> io::Result<()> {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 8192];
    let mut drained = 0usize;
    while drained < 1 << 20 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}

/// What to answer.
#[derive(Debug)]
pub(crate) enum Response {
    /// A file of the site or of the preview itself.
    File {
        /// 200 or 404.
        status: u16,
        /// Its bytes.
        bytes: Arc<[u8]>,
        /// Its `Content-Type`.
        content_type: &'static str,
    },
    /// A redirect to `location`.
    Redirect(String),
    /// A short plain-text answer.
    Simple {
        /// Status code.
        status: u16,
        /// Reason phrase.
        reason: &'static str,
        /// Body.
        text: &'static str,
        /// Close the connection after it.
        close: bool,
    },
    /// The live-reload event stream.
    Events,
}

impl Response {
    fn write(self, stream: &mut TcpStream, head_only: bool, close: bool) -> io::Result<()> {
        match self {
            Response::File { status, bytes, content_type } => {
                let reason = if status == 200 { "OK" } else { "Not Found" };
                let body: &[u8] = if head_only { &[] } else { &bytes };
                write_raw(
                    stream,
                    status,
                    reason,
                    &[("Content-Type", content_type)],
                    body,
                    Some(bytes.len()),
                    close,
                )
            }
            Response::Redirect(location) => {
                let headers = [
                    ("Location", location.as_str()),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ];
                write_raw(stream, 302, "Found", &headers, &[], Some(0), close)
            }
            Response::Simple { status, reason, text, close: c } => {
                write_simple(stream, status, reason, text, close || c)
            }
            Response::Events => Ok(()),
        }
    }
}

fn write_simple(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    text: &str,
    close: bool,
) -> io::Result<()> {
    write_raw(
        stream,
        status,
        reason,
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
        Some(text.len()),
        close,
    )
}

/// Writes a response head and body. `length` is the `Content-Length` (the full
/// file's for HEAD, whose body is empty); `None` for the event stream, which ends
/// when the connection does.
fn write_raw(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    length: Option<usize>,
    close: bool,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(len) = length {
        head.push_str(&format!("Content-Length: {len}\r\n"));
    }
    head.push_str("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n");
    head.push_str(if close {
        "Connection: close\r\n\r\n"
    } else {
        "Connection: keep-alive\r\n\r\n"
    });
    if body.len() < 16 * 1024 {
        let mut all = head.into_bytes();
        all.extend_from_slice(body);
        stream.write_all(&all)?;
    } else {
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Decides the answer to a request.
pub(crate) fn respond(head: &RequestHead, shared: &Shared) -> Response {
    if head.method != "GET" && head.method != "HEAD" {
        return Response::Simple {
            status: 405,
            reason: "Method Not Allowed",
            text: "only GET and HEAD\n",
            close: true,
        };
    }
    let snapshot = shared.snapshot();
    route(&snapshot, &head.target)
}

/// The answer for a request target, given the site.
pub(crate) fn route(site: &Snapshot, target: &str) -> Response {
    let bad =
        Response::Simple { status: 400, reason: "Bad Request", text: "bad path\n", close: false };
    let Some((path, query)) = decode_target(target) else { return bad };
    let base = site.base_path.as_str();
    let Some(rel) = path.strip_prefix(base) else {
        // Outside the base path: `/` and `/alliance` lead to the site.
        if path == "/" || format!("{path}/") == base {
            return Response::Redirect(base.to_owned());
        }
        return not_found(site);
    };
    // The preview's own URLs, under the site's base path.
    if let Some(own) = rel.strip_prefix(urls::PREVIEW) {
        return match own {
            "livereload.js" => Response::File {
                status: 200,
                bytes: Arc::from(LIVERELOAD_JS.as_bytes()),
                content_type: "text/javascript; charset=utf-8",
            },
            "overlay.css" => Response::File {
                status: 200,
                bytes: Arc::from(OVERLAY_CSS.as_bytes()),
                content_type: "text/css; charset=utf-8",
            },
            "events" => Response::Events,
            _ => not_found(site),
        };
    }
    let key =
        if rel.is_empty() || rel.ends_with('/') { urls::page_file(rel) } else { rel.to_owned() };
    if let Some(bytes) = site.files.get(&key) {
        return Response::File {
            status: 200,
            bytes: bytes.clone(),
            content_type: content_type(&key),
        };
    }
    if !rel.is_empty()
        && !rel.ends_with('/')
        && site.files.contains_key(&urls::page_file(&format!("{rel}/")))
    {
        let raw_path = target.split(['?', '#']).next().unwrap_or(target);
        let mut location = format!("{raw_path}/");
        if let Some(q) = query {
            location.push('?');
            location.push_str(q);
        }
        return Response::Redirect(location);
    }
    not_found(site)
}

fn not_found(site: &Snapshot) -> Response {
    match site.files.get(urls::NOT_FOUND) {
        Some(bytes) => Response::File {
            status: 404,
            bytes: bytes.clone(),
            content_type: "text/html; charset=utf-8",
        },
        None => Response::File {
            status: 404,
            bytes: Arc::from(&b"404 Not Found\n"[..]),
            content_type: "text/plain; charset=utf-8",
        },
    }
}

/// The decoded path of a request target (and its raw query), or `None` when the
/// target is not a plain path inside the site: anything with `..` or `.` segments,
/// backslashes, NUL or invalid UTF-8 after percent-decoding.
pub(crate) fn decode_target(target: &str) -> Option<(String, Option<&str>)> {
    // Absolute-form targets (`http://host/path`) are allowed by HTTP/1.1.
    let target = match target.find("://") {
        Some(i) if !target.starts_with('/') => {
            let rest = &target[i + 3..];
            &rest[rest.find('/')?..]
        }
        _ => target,
    };
    let without_fragment = target.split('#').next().unwrap_or("");
    let (raw_path, query) = match without_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (without_fragment, None),
    };
    if !raw_path.starts_with('/') || raw_path.contains('\\') {
        return None;
    }
    let path = String::from_utf8(percent_decode(raw_path.as_bytes())?).ok()?;
    if path.contains(['\\', '\0'])
        || path.split('/').any(|seg| seg == ".." || seg == ".")
        || path.contains("//")
    {
        return None;
    }
    Some((path, query))
}

/// `%XX` escapes to bytes; `None` for a `%` not followed by two hex digits.
fn percent_decode(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `Content-Type` of an output file, by extension; text types carry
/// `charset=utf-8`.
pub(crate) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str, files: &[&str]) -> Snapshot {
        Snapshot {
            files: files.iter().map(|f| (f.to_string(), Arc::from(f.as_bytes()))).collect(),
            base_path: base.to_owned(),
        }
    }

    fn served(r: Response) -> Option<(u16, String)> {
        match r {
            Response::File { status, bytes, .. } => {
                Some((status, String::from_utf8_lossy(&bytes).into_owned()))
            }
            _ => None,
        }
    }

    #[test]
    fn traversal_is_refused() {
        for t in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/..%2fsite.toml",
            "/%5c..%5csite.toml",
            "/a/%2E%2E/%2E%2E/x",
            "/x%00.html",
            "/\\..\\x",
            "/./x",
            "//etc/passwd",
            "/%ff",
        ] {
            assert!(decode_target(t).is_none(), "{t}");
            assert!(
                matches!(
                    route(&site("/", &["index.html"]), t),
                    Response::Simple { status: 400, .. }
                ),
                "{t}"
            );
        }
    }

    #[test]
    fn directories_and_redirects() {
        let s =
            site("/", &["index.html", "cases/index.html", "404.html", "tags/产教融合/index.html"]);
        assert_eq!(served(route(&s, "/")).unwrap(), (200, "index.html".into()));
        assert_eq!(served(route(&s, "/cases/?q=1")).unwrap(), (200, "cases/index.html".into()));
        assert!(matches!(route(&s, "/cases?q=1"), Response::Redirect(l) if l == "/cases/?q=1"));
        assert_eq!(served(route(&s, "/nope/")).unwrap(), (404, "404.html".into()));
        assert_eq!(
            served(route(&s, "/tags/%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88/")).unwrap().0,
            200
        );
    }

    #[test]
    fn base_path_is_honoured() {
        let s = site("/alliance/", &["index.html", "404.html"]);
        assert!(matches!(route(&s, "/"), Response::Redirect(l) if l == "/alliance/"));
        assert!(matches!(route(&s, "/alliance"), Response::Redirect(l) if l == "/alliance/"));
        assert_eq!(served(route(&s, "/alliance/")).unwrap().0, 200);
        assert_eq!(served(route(&s, "/index.html")).unwrap().0, 404);
        assert!(matches!(
            route(&s, "/alliance/__qiao/livereload.js"),
            Response::File { status: 200, .. }
        ));
        assert!(matches!(route(&s, "/alliance/__qiao/events"), Response::Events));
    }

    #[test]
    fn types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("roadshows/calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("img/a.JPG"), "image/jpeg");
        assert_eq!(content_type("x/Makefile"), "application/octet-stream");
    }

    #[test]
    fn heads() {
        let (h, len) = parse_head(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nrest").unwrap().unwrap();
        assert_eq!((h.method.as_str(), h.target.as_str(), h.close, len), ("GET", "/a", false, 28));
        assert!(parse_head(b"GET /a HTTP/1.1\r\nHost").unwrap().is_none());
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(parse_head(long.as_bytes()).unwrap_err(), HeadError::UriTooLong);
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(100));
        assert_eq!(parse_head(many.as_bytes()).unwrap_err(), HeadError::HeadersTooLarge);
        let big = format!("GET / HTTP/1.1\r\nX-A: {}\r\n", "b".repeat(MAX_HEAD));
        assert_eq!(parse_head(big.as_bytes()).unwrap_err(), HeadError::HeadersTooLarge);
        assert_eq!(parse_head(b"\x01\x02 nonsense\r\n\r\n").unwrap_err(), HeadError::Malformed);
    }
}
