//! `qiao build` end to end, through the command line: the example site and a
//! generated corpus, with a `base_url` that carries a path. Every internal link and
//! asset in every page resolves to a built file, and every feed, calendar, sitemap
//! and JSON file parses.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn qiao(args: &[&str], root: &Path, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_qiao"))
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .output()
        .unwrap();
    assert!(output.status.success(), "qiao {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A new site from `qiao init`, in `dir/site`.
fn init_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_qiao")).arg("init").arg(&root).output().unwrap();
    assert!(out.status.success(), "qiao init: {}", String::from_utf8_lossy(&out.stderr));
    root
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b) = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&s[i + 1..i + 3], 16).ok())
            .flatten()
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Every `href="…"` and `src="…"` value in an HTML text.
fn link_targets(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// Checks the built site in `out`, published at `base` (ending in `/`).
fn check_site(out: &Path, base: &str) {
    let base_path = &base[base
        .find("://")
        .map(|i| i + 3)
        .and_then(|i| base[i..].find('/').map(|j| i + j))
        .unwrap()..];
    let mut broken = BTreeSet::new();
    let mut html_pages = 0;
    let mut checked = 0;
    for file in files(out) {
        let rel = file.strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&file).unwrap();
        match file.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                html_pages += 1;
                let html = String::from_utf8(bytes).unwrap();
                for target in link_targets(&html) {
                    let local = if let Some(p) = target.strip_prefix(base) {
                        format!("/{p}")
                    } else if target.starts_with('/') && !target.starts_with("//") {
                        if !target.starts_with(base_path) {
                            broken.insert(format!(
                                "{rel}: `{target}` ignores the base path {base_path}"
                            ));
                            continue;
                        }
                        target[base_path.len() - 1..].to_owned()
                    } else {
                        continue;
                    };
                    let path = local.split(['#', '?']).next().unwrap();
                    let path = percent_decode(path);
                    let mut disk = out.join(path.trim_start_matches('/'));
                    if path.ends_with('/') {
                        disk = disk.join("index.html");
                    }
                    checked += 1;
                    if !disk.is_file() {
                        broken.insert(format!("{rel}: `{target}`"));
                    }
                }
            }
            Some("xml") => {
                let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
                let mut buf = Vec::new();
                loop {
                    match reader.read_event_into(&mut buf) {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => panic!("{rel} is not well-formed XML: {e}"),
                    }
                    buf.clear();
                }
                if rel.ends_with("atom.xml") {
                    atom_syndication::Feed::read_from(bytes.as_slice())
                        .unwrap_or_else(|e| panic!("{rel}: {e}"));
                }
            }
            Some("json") => {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{rel}: {e}"));
            }
            Some("ics") => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
                    "{rel}"
                );
                assert!(text.split("\r\n").all(|l| l.len() <= 75), "{rel} has an unfolded line");
            }
            _ => {}
        }
    }
    assert!(html_pages > 10, "only {html_pages} pages");
    assert!(
        checked > 20 * html_pages,
        "only {checked} internal links checked in {html_pages} pages"
    );
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.into_iter().take(30).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn example_site_builds_with_every_link_resolving_under_a_base_path() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let base = "https://alliance.example.org/alliance/";
    let out = dir.path().join("site");
    qiao(&["build", "--today", "2026-11-24", "--base-url", base], &root, &out);
    check_site(&out, base);
    // The home page names every kind; the search page and sitemap exist.
    for f in [
        "index.html",
        "search/index.html",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "roadshows/calendar.ics",
        "network/index.html",
        "stats/index.html",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://alliance.example.org/alliance/cases/</loc>"));
    assert!(!sitemap.contains("/search/<"));
}

#[test]
fn example_site_builds_the_same_bytes_twice() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    qiao(&["build", "--today", "2026-11-24"], &root, &a);
    qiao(&["build", "--today", "2026-11-24"], &root, &b);
    let fa = files(&a);
    assert_eq!(fa.len(), files(&b).len());
    for f in fa {
        let rel = f.strip_prefix(&a).unwrap();
        assert_eq!(
            std::fs::read(&f).unwrap(),
            std::fs::read(b.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}

#[test]
fn generated_corpus_builds_with_every_link_resolving() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("corpus");
    common::generate_corpus(&site, 400);
    let out = dir.path().join("out");
    qiao(&["build", "--today", "2026-06-01"], &site, &out);
    check_site(&out, "https://alliance.example.org/");
}

#[test]
fn a_site_static_file_replaces_a_generated_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = init_site(dir.path());
    std::fs::write(root.join("static/robots.txt"), "User-agent: *\nDisallow: /private/\n").unwrap();
    let public = dir.path().join("public");
    qiao(&["build"], &root, &public);
    assert_eq!(
        std::fs::read_to_string(public.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /private/\n"
    );
    assert!(public.join("sitemap.xml").is_file());
}

#[test]
fn the_search_page_loads_one_script_of_the_manifest_and_the_sites_search_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = init_site(dir.path());
    // The site's own page code replaces the theme's, in the page's script too.
    std::fs::create_dir_all(root.join("static/js")).unwrap();
    std::fs::write(root.join("static/js/search.js"), "/* the site's own search page */\n").unwrap();
    let public = dir.path().join("public");
    qiao(&["build"], &root, &public);

    let read = |p: &str| std::fs::read_to_string(public.join(p)).unwrap();
    let core = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search-core.js"),
    )
    .unwrap();
    let manifest = read("search/manifest.json");
    assert_eq!(
        read("search/search.js"),
        format!(
            "self.QiaoSearchManifest={};\n{core}/* the site's own search page */\n",
            manifest.trim_end()
        )
    );
    let page = read("search/index.html");
    let scripts: Vec<&str> = page.match_indices("<script").map(|(i, _)| &page[i..]).collect();
    assert_eq!(scripts.len(), 1, "{page}");
    assert!(scripts[0].starts_with("<script src=\"/search/search.js\""), "{page}");
    let sheets = page.matches("rel=\"stylesheet\"").count();
    assert_eq!(sheets, 1, "one stylesheet (css/style.css): {page}");
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qiao")).args(args).output().unwrap()
}

#[test]
fn search_says_when_it_found_nothing_and_when_there_is_no_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = init_site(dir.path());
    let root_arg = root.to_str().unwrap();

    // No index yet: an I/O error (3) that says to build first, not a usage error (2).
    let out = run(&["search", "--root", root_arg, "联盟"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("build the site first"), "{err}");

    qiao(&["build"], &root, &root.join("public"));
    let out = run(&["search", "--root", root_arg, "zzzqqqxxx"]);
    assert_eq!(out.status.code(), Some(1), "found nothing exits 1, as grep does");
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no results for `zzzqqqxxx`"));
    let out = run(&["search", "--json", "--root", root_arg, "zzzqqqxxx"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");

    // Something every new site has: its about page.
    let about = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    let word = about
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .and_then(|t| t.strip_suffix('"'))
        .expect("the about page's title");
    let out = run(&["search", "--root", root_arg, word]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/about/\t"));
}

#[test]
fn a_write_failure_is_not_reported_as_errors_in_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = init_site(dir.path());
    // The output's parent is a file: nothing can be written there.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output-dir",
        blocker.join("public").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("not-a-folder"), "names the path it could not write: {err}");
    assert!(!err.contains("error["), "no site diagnostic: {err}");
    assert!(!err.contains("site has"), "{err}");
}

#[test]
fn help_lists_the_exit_codes() {
    let out = run(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for line in
        ["0  success", "1  the site has errors", "2  the command line is wrong", "3  a file"]
    {
        assert!(help.contains(line), "{line}: {help}");
    }
}
