//! `qiao build` end to end, through the command line: the example site and a
//! generated corpus, with a `base_url` that carries a path. Every internal link and
//! asset in every page resolves to a built file, and every feed, calendar, sitemap
//! and JSON file parses.

use std::path::Path;

use crate::support::links::check_site;
use crate::support::{Site, assert_ok, files, repo, run};

/// `qiao build ARGS --output-dir OUT` on `site`, which must succeed.
fn build(site: &Site, args: &[&str], out: &Path) {
    let out_arg = out.to_str().unwrap();
    let args: Vec<&str> =
        ["build"].iter().chain(args).chain(&["--output-dir", out_arg]).copied().collect();
    assert_ok(&site.qiao(&args));
}

#[test]
fn example_site_builds_with_every_link_resolving_under_a_base_path() {
    let dir = tempfile::tempdir().unwrap();
    let base = "https://alliance.example.org/alliance/";
    let out = dir.path().join("site");
    build(&Site::example(), &["--today", "2026-11-24", "--base-url", base], &out);
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
    let example = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(&example, &["--today", "2026-11-24"], &a);
    build(&example, &["--today", "2026-11-24"], &b);
    let fa = files(&a);
    assert_eq!(fa.len(), files(&b).len());
    for rel in fa {
        assert_eq!(
            std::fs::read(a.join(&rel)).unwrap(),
            std::fs::read(b.join(&rel)).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn generated_corpus_builds_with_every_link_resolving() {
    let site = Site::corpus(400);
    let out = site.dir().join("out");
    build(&site, &["--today", "2026-06-01"], &out);
    check_site(&out, "https://alliance.example.org/");
}

#[test]
fn a_site_static_file_replaces_a_generated_one() {
    let site = Site::init(&[]);
    let root = site.root();
    std::fs::write(root.join("static/robots.txt"), "User-agent: *\nDisallow: /private/\n").unwrap();
    let public = site.dir().join("public");
    build(&site, &[], &public);
    assert_eq!(
        std::fs::read_to_string(public.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /private/\n"
    );
    assert!(public.join("sitemap.xml").is_file());
}

#[test]
fn the_search_page_loads_one_script_of_the_manifest_and_the_sites_search_code() {
    let site = Site::init(&[]);
    let root = site.root();
    // The site's own page code replaces the theme's, in the page's script too.
    std::fs::create_dir_all(root.join("static/js")).unwrap();
    std::fs::write(
        root.join("static/js/search.js"),
        "/* the site's own search page */\n(function () {\n  window.siteSearch = 1;\n})();\n",
    )
    .unwrap();
    let public = site.dir().join("public");
    build(&site, &[], &public);

    let read = |p: &str| std::fs::read_to_string(public.join(p)).unwrap();
    // Without comment lines and indentation (qiao::search::compact_js).
    let core = std::fs::read(repo().join("themes/default/static/js/search-core.js")).unwrap();
    let core = String::from_utf8(qiao::search::compact_js(&core).into_owned()).unwrap();
    assert!(
        core.len() * 10
            < 8 * std::fs::metadata(repo().join("themes/default/static/js/search-core.js"))
                .unwrap()
                .len() as usize
    );
    let manifest = read("search/manifest.json");
    assert_eq!(
        read("search/search.js"),
        format!(
            "self.QiaoSearchManifest={};\n{core}(function () {{\nwindow.siteSearch = 1;\n}})();\n",
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

#[test]
fn search_says_when_it_found_nothing_and_when_there_is_no_index() {
    let site = Site::init(&[]);
    let root = site.root();
    let root_arg = root.to_str().unwrap();

    // No index yet: an I/O error (3) that says to build first, not a usage error (2).
    let out = run(&["search", "--root", root_arg, "联盟"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("build the site first"), "{err}");

    build(&site, &[], &root.join("public"));
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
    let site = Site::init(&[]);
    let root = site.root();
    // The output's parent is a file: nothing can be written there.
    let blocker = site.dir().join("not-a-folder");
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
