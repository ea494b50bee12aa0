//! `qiao serve` from the outside: the binary on a free port of 127.0.0.1, a plain
//! TCP HTTP client, and a server-sent-events client that sees what a browser tab
//! would see. Each test has its own temporary site; each server is killed when its
//! test ends (a Drop guard), pass or fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Site, content, files, qiao, write};

const TODAY: &str = "2026-01-15";

/// The case of the fixture, which the tests edit.
const CASE: &str = "content/cases/joint-lab.md";

fn member(title: &str, kind: &str) -> String {
    content(
        &format!(
            "title = \"{title}\"\ndate = 2025-01-10\ntype = \"{kind}\"\nindustries = [\"intelligent-manufacturing\"]\n"
        ),
        &format!("{title} is a member of the alliance."),
    )
}

fn case(title: &str, partners: &[&str]) -> String {
    let partners: Vec<String> = partners.iter().map(|p| format!("\"{p}\"")).collect();
    content(
        &format!(
            "title = \"{title}\"\ndate = 2025-06-01\npartners = [{}]\nmodes = [\"joint-lab\"]\ntags = [\"AI\", \"产教融合\"]\n",
            partners.join(", ")
        ),
        "The lab trains 40 students a year. 联合实验室每年培养学生。",
    )
}

/// A small site with every kind that the tests touch.
fn fixture(root: &Path, base_url: &str) {
    write(
        root,
        "site.toml",
        &format!(
            "title = \"Test Alliance\"\nbase_url = \"{base_url}\"\nlanguage = \"en\"\n\n[taxonomies]\nindustries.intelligent-manufacturing = \"Intelligent manufacturing\"\n"
        ),
    );
    write(root, "content/members/north-univ.md", &member("North University", "university"));
    write(root, "content/members/river-works.md", &member("River Works", "enterprise"));
    write(
        root,
        "content/cases/joint-lab.md",
        &case("Joint vision lab", &["north-univ", "river-works"]),
    );
    write(
        root,
        "content/about.md",
        "+++\ntitle = \"About us\"\ndate = 2025-01-01\n+++\n\nWe connect schools and enterprises.\n",
    );
    write(root, "static/css/extra.css", "body { margin: 0; }\n");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `qiao serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        Self::start_on(root, free_port())
    }

    fn start_on(root: &Path, port: u16) -> Server {
        let mut child = qiao()
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", &port.to_string()])
            .env("QIAO_TODAY", TODAY)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("qiao serve starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut server = Server { child, port, log };
        let start = Instant::now();
        loop {
            let text = server.log();
            if let Some(i) = text.find("serving http://") {
                let rest = &text[i + "serving http://".len()..];
                let host = rest.split('/').next().unwrap();
                server.port = host.rsplit(':').next().unwrap().parse().unwrap();
                break;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("qiao serve exited with {status}:\n{text}");
            }
            assert!(start.elapsed() < Duration::from_secs(60), "qiao serve did not start:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Response {
        request(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        )
    }

    fn events(&self, base: &str) -> Events {
        Events::connect(self.port, base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes and reads the whole answer (the request asks to close).
fn request(port: u16, raw: &str) -> Response {
    request_bytes(port, raw.as_bytes())
}

fn request_bytes(port: u16, raw: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may answer (and close) before it has read everything we send.
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    Response { status, headers, body: bytes[end + 4..].to_vec() }
}

/// A live-reload client: the events a tab receives, in order.
struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    fn connect(port: u16, base: &str) -> Events {
        let (events, first) = Self::open(port, base);
        assert!(first.0 == "ok" || first.0 == "errors", "{first:?}");
        events
    }

    /// A stream and its first event (the current state).
    fn open(port: u16, base: &str) -> (Events, (String, String)) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET {base}__qiao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            // The response head.
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let (mut name, mut data) = (String::new(), String::new());
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end_matches(['\r', '\n']);
                if let Some(v) = l.strip_prefix("event: ") {
                    name = v.to_owned();
                } else if let Some(v) = l.strip_prefix("data: ") {
                    data = v.to_owned();
                } else if l.is_empty()
                    && !name.is_empty()
                    && tx.send((std::mem::take(&mut name), std::mem::take(&mut data))).is_err()
                {
                    return;
                }
            }
        });
        let events = Events { rx };
        let first = events.next(Duration::from_secs(10)).expect("a first event");
        (events, first)
    }

    fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// The next event named `name`, skipping others.
    fn wait_for(&self, name: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some((n, data)) if n == name => return data,
                Some(_) => continue,
                None => break,
            }
        }
        panic!("no `{name}` event within 30 s");
    }

    /// Every event that arrives within `window`.
    fn drain(&self, window: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + window;
        let mut out = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(e) => out.push(e),
                None => break,
            }
        }
        out
    }
}

/// The fixture in a temporary folder, published at https://alliance.example.org/.
fn site() -> Site {
    let site = Site::empty();
    fixture(site.root(), "https://alliance.example.org/");
    site
}

#[test]
fn serves_the_site_with_types_directories_and_its_404_page() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", server.log());
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        home.text().contains("__qiao/livereload.js"),
        "serve pages load the live-reload script"
    );
    // Links point at the preview, not at base_url.
    let feed = server.get("/atom.xml");
    assert_eq!(feed.status, 200);
    assert!(
        feed.header("content-type").unwrap().contains("xml"),
        "{:?}",
        feed.header("content-type")
    );
    assert!(feed.text().contains(&format!("http://127.0.0.1:{}/", server.port)));
    assert!(!feed.text().contains("alliance.example.org"));

    let types = [
        ("/cases/joint-lab/", "text/html; charset=utf-8"),
        ("/cases/index.json", "application/json; charset=utf-8"),
        ("/roadshows/calendar.ics", "text/calendar; charset=utf-8"),
        ("/css/extra.css", "text/css; charset=utf-8"),
        ("/__qiao/livereload.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        // The search index's compressed files go as they are, bytes the page unpacks.
        ("/search/filters.jz", "application/octet-stream"),
    ];
    for (path, ty) in types {
        let r = server.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(ty)), "{path}");
    }
    // A directory without its slash is redirected, keeping the query.
    let r = server.get("/cases?x=1");
    assert_eq!((r.status, r.header("location")), (302, Some("/cases/?x=1")));
    // Non-ASCII paths, percent-encoded as browsers send them.
    assert_eq!(server.get("/tags/%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88/").status, 200);
    // The site's own 404 page, with status 404.
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let page404 = server.get("/404.html");
    assert_eq!(missing.body, page404.body);
    assert_eq!(missing.header("content-type"), Some("text/html; charset=utf-8"));
    // HEAD: the same head, no body.
    let head = request(
        server.port,
        "HEAD /cases/joint-lab/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").unwrap(),
        server.get("/cases/joint-lab/").body.len().to_string()
    );
    // Other methods are refused.
    assert_eq!(
        request(server.port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi").status,
        405
    );
    // Nothing was written under the root.
    assert!(!root.join("public").exists());
}

#[test]
fn traversal_and_oversized_requests_are_refused() {
    let site = site();
    let root = site.root();
    let secret = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let server = Server::start(root);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%5c..%5csite.toml",
        "/..\\site.toml",
        "/%2E%2E%2F%2E%2E%2Fetc/passwd",
        "/cases/../../site.toml",
        "/site.toml%00.html",
        "/%c0%ae%c0%ae/site.toml",
        "//site.toml",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.text().contains("base_url"), "{path} leaked {secret}");
    }
    assert_eq!(server.get("/site.toml").status, 404);
    assert_eq!(server.get("/content/about.md").status, 404);

    // A 100 KB request line, then 100 KB of headers: refused, and the server lives on.
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
    assert_eq!(request(server.port, &long_line).status, 414);
    let long_headers =
        format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(100_000));
    assert_eq!(request(server.port, &long_headers).status, 431);
    let many_headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(500));
    assert_eq!(request(server.port, &many_headers).status, 431);
    assert_eq!(request_bytes(server.port, b"\x16\x03\x01\x02\x00 garbage\r\n\r\n").status, 400);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn keeps_connections_alive() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for path in ["/", "/cases/", "/about/"] {
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut head = String::new();
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
                len = v.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
    }
}

#[test]
fn edits_errors_and_fixes_reach_the_browser_and_the_terminal() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let events = server.events("/");

    // An edit: the page shows the new title after one reload event.
    write(root, CASE, &case("Joint machine vision lab", &["north-univ", "river-works"]));
    let reload = events.wait_for("reload");
    assert!(reload.contains("cases/joint-lab/index.html"), "{reload}");
    assert!(server.get("/cases/joint-lab/").text().contains("Joint machine vision lab"));

    // A broken reference: an error event with the position, the same line in the
    // terminal as `qiao check` prints, and the last good page still served.
    write(root, CASE, &case("Broken title", &["north-univ", "river-wrks"]));
    let errors = events.wait_for("errors");
    let check =
        qiao().args(["check", "--root"]).arg(root).env("QIAO_TODAY", TODAY).output().unwrap();
    let check_err = String::from_utf8_lossy(&check.stderr).into_owned();
    let line = check_err
        .lines()
        .find(|l| l.contains(": error["))
        .expect("check reports the error")
        .to_owned();
    assert!(line.starts_with("content/cases/joint-lab.md:4:"), "{line}");
    let json: serde_json::Value = serde_json::from_str(&errors).unwrap();
    assert_eq!(json["lines"][0].as_str(), Some(line.as_str()), "{errors}");
    assert_eq!(json["diagnostics"][0]["line"], 4);
    let page = server.get("/cases/joint-lab/");
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("Joint machine vision lab") && !page.text().contains("Broken title")
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log().contains(&line) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.log().contains(&line), "the terminal shows `{line}`:\n{}", server.log());

    // A tab opened now sees the errors at once.
    let (_late, first) = Events::open(server.port, "/");
    assert_eq!(first.0, "errors");

    // Broken site.toml: also an error, also no exit.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    write(root, "site.toml", &toml.replace("title =", "titel ="));
    let errors = events.wait_for("errors");
    assert!(errors.contains("site.toml:1:1: error[E0202]: unknown field `titel`"), "{errors}");
    write(root, "site.toml", &toml);
    let _ = events.wait_for("errors"); // the case is still broken

    // The fix: `ok`, a reload, and the new page.
    write(root, CASE, &case("Fixed title", &["north-univ", "river-works"]));
    events.wait_for("ok");
    events.wait_for("reload");
    assert!(server.get("/cases/joint-lab/").text().contains("Fixed title"));
    assert_eq!(server.get("/").status, 200, "the server is still running");
}

#[test]
fn a_css_change_swaps_stylesheets_and_bursts_rebuild_once() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let events = server.events("/");
    write(root, "static/css/extra.css", "body { margin: 1px; }\n");
    let data = events.wait_for("reload");
    let json: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(json["css_only"], true, "{data}");
    assert_eq!(json["paths"], serde_json::json!(["css/extra.css"]));

    // Ten saves in a row: one rebuild.
    for i in 0..10 {
        write(
            root,
            "content/about.md",
            &format!(
                "+++\ntitle = \"About us {i}\"\ndate = 2025-01-01\n+++\n\nWe connect schools and enterprises.\n"
            ),
        );
    }
    let burst = events.drain(Duration::from_millis(1500));
    // One batch: one full rebuild (its page may have been served a moment before it).
    let reloads = burst.iter().filter(|(n, _)| n == "reload").count();
    assert!((1..=2).contains(&reloads), "{burst:?}");
    let rebuilds =
        server.log().lines().filter(|l| l.starts_with("content/about.md: rebuilt")).count();
    // (At most two if the machine stalls for longer than the quiet window mid-burst.)
    assert!((1..=2).contains(&rebuilds), "{}", server.log());
    assert!(server.get("/about/").text().contains("About us 9"));

    // Editor leftovers are not changes.
    for name in [".about.md.swp", "about.md~", "4913", "#about.md#"] {
        write(root, &format!("content/{name}"), "not content");
    }
    std::fs::remove_file(root.join("content/4913")).unwrap();
    let quiet = events.drain(Duration::from_millis(600));
    assert!(quiet.is_empty(), "{quiet:?}");
}

#[test]
fn a_base_url_with_a_path_is_served_under_it() {
    let site = Site::empty();
    let root = site.root();
    fixture(root, "https://example.org/alliance/");
    let server = Server::start(root);
    let r = server.get("/");
    assert_eq!((r.status, r.header("location")), (302, Some("/alliance/")));
    let home = server.get("/alliance/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("/alliance/cases/"), "links keep the base path");
    assert!(home.text().contains("/alliance/__qiao/livereload.js"));
    assert_eq!(server.get("/alliance/__qiao/livereload.js").status, 200);
    assert_eq!(server.get("/cases/").status, 404);
    assert_eq!(server.get("/alliance/cases/joint-lab/").status, 200);
    let events = server.events("/alliance/");
    write(
        root,
        "content/about.md",
        "+++\ntitle = \"About the alliance\"\ndate = 2025-01-01\n+++\n\nText.\n",
    );
    events.wait_for("reload");
    assert!(server.get("/alliance/about/").text().contains("About the alliance"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = site();
    let root = site.root();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_on(root, port);
    assert_ne!(server.port, port);
    assert!(
        server.log().contains(&format!("port {port} is taken; using {}", server.port)),
        "{}",
        server.log()
    );
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_site_that_starts_broken_is_served_once_fixed() {
    let site = site();
    let root = site.root();
    write(root, CASE, "---\ntitle = \"x\"\n---\n");
    let server = Server::start(root);
    assert!(
        server.log().contains("content/cases/joint-lab.md:1:1: error[E0104]:"),
        "{}",
        server.log()
    );
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("__qiao/livereload.js"));
    let events = server.events("/");
    write(root, CASE, &case("Joint vision lab", &["north-univ", "river-works"]));
    events.wait_for("ok");
    events.wait_for("reload");
    assert!(server.get("/cases/joint-lab/").text().contains("Joint vision lab"));
}

/// Removes the live-reload `<script>` that only `serve` adds.
fn without_live_reload(html: &str) -> String {
    let Some(at) = html.find("__qiao/livereload.js") else { return html.to_owned() };
    let start = html[..at].rfind("<script").unwrap();
    let mut end = at + html[at..].find("</script>").unwrap() + "</script>".len();
    // A tag on a line of its own takes its line break along.
    if html[..start].ends_with('\n') && html[end..].starts_with('\n') {
        end += 1;
    }
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn after_many_edits_the_preview_equals_a_fresh_build() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let events = server.events("/");
    let step = |what: &str, f: &dyn Fn()| {
        f();
        let got = events.drain(Duration::from_millis(400));
        assert!(!got.iter().any(|(n, _)| n == "errors"), "{what}: {got:?}\n{}", server.log());
    };
    step("edit", &|| {
        write(
            root,
            "content/cases/joint-lab.md",
            &case("Edited lab", &["north-univ", "river-works"]),
        )
    });
    step("new member", &|| {
        write(root, "content/members/east-institute.md", &member("East Institute", "institute"))
    });
    step("new case in a new folder", &|| {
        write(
            root,
            "content/cases/2024/pilot.md",
            &case("Pilot class", &["east-institute", "river-works"]),
        )
    });
    step("rename a file", &|| {
        std::fs::rename(
            root.join("content/cases/joint-lab.md"),
            root.join("content/cases/vision-lab.md"),
        )
        .unwrap()
    });
    step("rename a folder", &|| {
        std::fs::rename(root.join("content/cases/2024"), root.join("content/cases/2025")).unwrap()
    });
    step("atomic save", &|| {
        write(
            root,
            "content/members/.river-works.md.tmp",
            &member("River Works Group", "enterprise"),
        );
        std::fs::rename(
            root.join("content/members/.river-works.md.tmp"),
            root.join("content/members/river-works.md"),
        )
        .unwrap();
    });
    step("vim-style save", &|| {
        let p = root.join("content/members/north-univ.md");
        write(root, "content/members/4913", "");
        std::fs::remove_file(root.join("content/members/4913")).unwrap();
        std::fs::rename(&p, root.join("content/members/north-univ.md~")).unwrap();
        write(
            root,
            "content/members/north-univ.md",
            &member("North University of Technology", "university"),
        );
        std::fs::remove_file(root.join("content/members/north-univ.md~")).unwrap();
    });
    step("delete a page", &|| std::fs::remove_file(root.join("content/about.md")).unwrap());
    step("new page", &|| {
        write(
            root,
            "content/join/how.md",
            "+++\ntitle = \"How to join\"\ndate = 2025-01-01\n+++\n\nWrite to us.\n",
        )
    });
    step("static", &|| write(root, "static/css/extra.css", "body { margin: 2px; }\n"));
    step("delete a folder", &|| std::fs::remove_dir_all(root.join("content/cases/2025")).unwrap());

    let out = site.dir().join("fresh");
    let build = qiao()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(&out)
        .args(["--base-url", &format!("http://127.0.0.1:{}/", server.port)])
        .env("QIAO_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let files = files(&out);
    let mut compared = 0;
    for file in files.iter().filter(|f| !f.starts_with('.')) {
        let url: String =
            format!("/{}", file.split('/').map(percent).collect::<Vec<_>>().join("/"));
        let served = server.get(&url);
        assert_eq!(served.status, 200, "{file}");
        let fresh = std::fs::read(out.join(file)).unwrap();
        if file.ends_with(".html") {
            assert_eq!(
                without_live_reload(&served.text()),
                String::from_utf8(fresh).unwrap(),
                "{file}"
            );
        } else {
            assert!(served.body == fresh, "{file} differs");
        }
        compared += 1;
    }
    assert!(compared > 10);
    for gone in ["/cases/joint-lab/", "/cases/pilot/", "/about/"] {
        assert_eq!(server.get(gone).status, 404, "{gone}");
    }
    assert!(server.get("/cases/vision-lab/").text().contains("Edited lab"));
}

fn percent(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The redirect pages of aliases are served like any page, and an alias added
/// while serving is served after the reload (tests/testsuite/hosts.rs tests
/// aliases in a build).
#[test]
fn the_redirect_pages_of_aliases_are_served() {
    let site = site();
    let root = site.root();
    let about = |aliases: &str| {
        format!(
            "+++\ntitle = \"About us\"\ndate = 2025-01-01\naliases = [{aliases}]\n+++\n\nText.\n"
        )
    };
    write(root, "content/about.md", &about("\"/about-us/\", \"/about.html\""));
    let server = Server::start(root);
    for old in ["/about-us/", "/about.html"] {
        let r = server.get(old);
        assert_eq!(r.status, 200, "{old}: {}", server.log());
        assert!(
            r.text().contains("<meta http-equiv=\"refresh\" content=\"0; url=/about/\">"),
            "{}",
            r.text()
        );
    }
    assert!(server.get("/_redirects").text().contains("/about-us/ /about/ 301"));
    let events = server.events("/");
    write(root, "content/about.md", &about("\"/about-us/\", \"/who-we-are/\""));
    events.wait_for("reload");
    let r = server.get("/who-we-are/");
    assert_eq!(r.status, 200, "{}", server.log());
    assert!(r.text().contains("url=/about/"), "{}", r.text());
}

/// A JPEG photo `w` × `h` of one colour (issue 21).
fn photo(w: u32, h: u32, shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([shade, 120, 200]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut out).encode_image(&img).unwrap();
    out
}

/// The first `_img/…webp` URL of a page.
fn first_variant(page: &str) -> String {
    let end = page.find(".webp").expect("the page shows a WebP copy") + 5;
    let at = page[..end].rfind("/_img/").unwrap();
    page[at..end].to_owned()
}

#[test]
fn a_new_photo_is_resized_and_served_and_a_changed_one_replaces_it() {
    let site = site();
    let root = site.root();
    let server = Server::start(root);
    let events = server.events("/");
    // A photo added to static/ and named as the case's cover.
    crate::support::write_bytes(root, "static/images/lab.jpg", &photo(800, 600, 10));
    let text = case("Joint vision lab", &["north-univ", "river-works"])
        .replace("modes =", "cover = \"/images/lab.jpg\"\ncover_alt = \"The lab\"\nmodes =");
    write(root, "content/cases/joint-lab.md", &text);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut page = String::new();
    while Instant::now() < deadline {
        let _ = events.wait_for("reload");
        page = server.get("/cases/joint-lab/").text();
        if page.contains("/_img/") {
            break;
        }
    }
    let variant = first_variant(&page);
    let got = server.get(&variant);
    assert_eq!(got.status, 200, "{variant}");
    assert!(got.body.starts_with(b"RIFF"), "{variant} is a WebP");
    // The same photo changed: new names, served; the old ones are gone.
    crate::support::write_bytes(root, "static/images/lab.jpg", &photo(800, 600, 200));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut again = variant.clone();
    while again == variant && Instant::now() < deadline {
        let _ = events.wait_for("reload");
        again = first_variant(&server.get("/cases/joint-lab/").text());
    }
    assert_ne!(again, variant, "the page names the new photo's copies");
    assert_eq!(server.get(&again).status, 200);
    assert_eq!(server.get(&variant).status, 404, "a full render drops the old copies");
}
