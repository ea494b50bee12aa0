//! Any static host: aliases of pages that moved (their redirect pages and
//! `/_redirects`, and the aliases that collide, at their position in both
//! languages), page URLs that vanished since the last build into the same folder
//! (the warning naming the renamed file, `--strict` failing and leaving the old
//! output), and `build --precompress` (deterministic `.gz` and `.br` copies of the
//! text files of 1 KiB or more, and of nothing else). The nginx configuration of
//! docs/deploy/ is tested by tests/browser/nginx.test.mjs.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use crate::support::{Site, content, files, snapshot, stderr};

/// A site with a page that moved twice and a case that was renamed.
fn moved_site() -> Site {
    let site = Site::new();
    site.write(
        "content/join/how.md",
        &page(
            "title = \"如何加入\"\naliases = [\"/join-us/\", \"/about/join.html\", \"/%E5%8A%A0%E5%85%A5\"]",
            "成员单位的权利与义务。",
        ),
    );
    site.write(
        "content/members/a.md",
        &page("title = \"A\"\ndate = 2025-01-01\ntype = \"enterprise\"", "A."),
    );
    site.write(
        "content/members/b.md",
        &page("title = \"B\"\ndate = 2025-01-01\ntype = \"college\"", "B."),
    );
    site
}

/// A content file with the front-matter lines `front`.
fn page(front: &str, body: &str) -> String {
    content(&format!("{front}\n"), body)
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_alias_gets_a_redirect_page_and_a_line_in_redirects() {
    let site = moved_site();
    let out = site.dir().join("out");
    let built = site.qiao(&[
        "build",
        "--today",
        "2026-11-24",
        "--output-dir",
        out.to_str().unwrap(),
        "--base-url",
        "https://alliance.example.org/alliance/",
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(
        read(&out, "_redirects"),
        "/alliance/about/join.html /alliance/join/how/ 301\n\
         /alliance/join-us/ /alliance/join/how/ 301\n\
         /alliance/加入/ /alliance/join/how/ 301\n"
    );
    for file in ["join-us/index.html", "about/join.html", "加入/index.html"] {
        let html = read(&out, file);
        assert!(
            html.contains(r#"<meta http-equiv="refresh" content="0; url=/alliance/join/how/">"#),
            "{file}: {html}"
        );
        assert!(
            html.contains(
                r#"<link rel="canonical" href="https://alliance.example.org/alliance/join/how/">"#
            ),
            "{html}"
        );
        // A visible link, in the site's words, and no script.
        assert!(
            html.contains(r#"此页面已搬到： <a href="/alliance/join/how/">如何加入</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
    // Not in the sitemap; in the JSON export as written.
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("/alliance/join/how/") && !sitemap.contains("join-us"), "{sitemap}");
    let members: serde_json::Value =
        serde_json::from_str(&read(&out, "members/index.json")).unwrap();
    assert_eq!(members["items"][0]["aliases"], serde_json::json!([]));

    // A site without aliases still writes an empty list.
    let plain = Site::new();
    plain.write("content/about.md", &page("title = \"About\"", "x"));
    assert!(plain.build().status.success());
    assert_eq!(read(&plain.out(), "_redirects"), "");
}

#[test]
fn aliases_that_are_no_path_or_collide_are_errors_at_their_value() {
    let site = moved_site();
    site.write(
        "content/x.md",
        &page("title = \"X\"\naliases = [\"/tags/\", \"/members/a/\", \"/join-us\"]", "x"),
    );
    site.write(
        "content/y.md",
        &page("title = \"Y\"\naliases = [\"https://old.example.org/x/\"]", "y"),
    );
    let en = site.errors();
    assert_eq!(
        en,
        [
            "content/x.md:3:12: error[E0321]: the alias `/tags/` is an address of the tags pages, which qiao writes itself; an old address can only be one that no page of the site uses now",
            "content/x.md:3:22: error[E0322]: the alias `/members/a/` is the address of the page `content/members/a.md`; remove the alias, or move or rename that page first",
            "content/x.md:3:37: error[E0323]: the alias `/join-us/` is already an alias of `content/join/how.md`; one old address can send visitors to one page only",
            "content/y.md:3:12: error[E0320]: `https://old.example.org/x/` in `aliases` is not a path of this site: write the old address from the site's root, starting with `/`, such as `/cases/old-name/`",
        ]
    );
    let zh = site.qiao(&["check", "--today", "2026-11-24", "--lang", "zh"]);
    let zh = stderr(&zh);
    for line in [
        "content/y.md:3:12: error[E0320]: `aliases` 中的 `https://old.example.org/x/` 不是本站的路径",
        "content/x.md:3:12: error[E0321]: 别名 `/tags/` 是",
        "content/x.md:3:22: error[E0322]: 别名 `/members/a/` 是页面 `content/members/a.md` 的网址",
        "content/x.md:3:37: error[E0323]: 别名 `/join-us/` 已经是 `content/join/how.md` 的别名",
    ] {
        assert!(zh.contains(line), "{line}\n{zh}");
    }
    // The same alias twice in one file: the second.
    std::fs::remove_file(site.root().join("content/y.md")).unwrap();
    site.write("content/x.md", &page("title = \"X\"\naliases = [\"/x-old/\", \"/x-old\"]", "x"));
    let error = site.one_error();
    assert!(
        error.starts_with("content/x.md:3:23: error[E0323]: the alias `/x-old/` is already an alias of `content/x.md`"),
        "{error}"
    );
}

/// The build's output and what it said on stderr.
fn build(site: &Site, args: &[&str]) -> (bool, String) {
    let out = site.dir().join("out");
    let mut all = vec!["build", "--today", "2026-11-24", "--output-dir", out.to_str().unwrap()];
    all.extend(args);
    let run = site.qiao(&all);
    (run.status.success(), stderr(&run))
}

#[test]
fn a_vanished_page_url_is_a_warning_that_names_the_renamed_file() {
    let site = moved_site();
    site.write(
        "content/news/open-day.md",
        &page("title = \"开放日\"", "联盟开放日：欢迎参观实训基地。"),
    );
    site.write("content/news/old-notice.md", &page("title = \"旧通知\"", "作废。"));
    let (ok, said) = build(&site, &[]);
    assert!(ok && !said.contains("W0330"), "{said}");

    // Renamed (same title), renamed with a new title (same body), and removed.
    std::fs::remove_file(site.root().join("content/news/open-day.md")).unwrap();
    site.write(
        "content/news/open-day-2026.md",
        &page("title = \"开放日（2026）\"", "联盟开放日：欢迎参观实训基地。"),
    );
    std::fs::rename(
        site.root().join("content/members/b.md"),
        site.root().join("content/members/b2.md"),
    )
    .unwrap();
    std::fs::remove_file(site.root().join("content/news/old-notice.md")).unwrap();
    let out = site.dir().join("out");
    let (ok, said) = build(&site, &[]);
    assert!(ok, "{said}");
    let mut warnings: Vec<&str> = said.lines().filter(|l| l.contains("warning[")).collect();
    warnings.sort();
    let out_text = out.display();
    let gone = out.join("news/old-notice/index.html");
    let mut expected = [
        format!(
            "content/members/b2.md:1:1: warning[W0330]: the page /members/b/ of the last build in {out_text} is gone from this build, so links to it will break; was it renamed to content/members/b2.md? add `aliases = [\"/members/b/\"]` to it"
        ),
        format!(
            "content/news/open-day-2026.md:1:1: warning[W0330]: the page /news/open-day/ of the last build in {out_text} is gone from this build, so links to it will break; was it renamed to content/news/open-day-2026.md? add `aliases = [\"/news/open-day/\"]` to it"
        ),
        format!(
            "{}:1:1: warning[W0330]: the page /news/old-notice/ of the last build in {out_text} is gone from this build, so links to it will break; if it moved, add its old address to the page that replaces it: `aliases = [\"/news/old-notice/\"]`",
            gone.display()
        ),
    ];
    expected.sort();
    assert_eq!(warnings, expected);
    // In Chinese.
    let zh = site.qiao(&[
        "build",
        "--today",
        "2026-11-24",
        "--output-dir",
        out.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert!(zh.status.success());
    // The build above replaced the output: nothing vanished since.
    assert!(!stderr(&zh).contains("W0330"), "{}", stderr(&zh));

    // An alias covers the old URL; so does an alias written before the rename.
    site.write("content/news/gone.md", &page("title = \"走了\"", "要改名的页面。"));
    build(&site, &[]);
    std::fs::remove_file(site.root().join("content/news/gone.md")).unwrap();
    site.write(
        "content/news/renamed.md",
        &page("title = \"改名了\"\naliases = [\"/news/gone/\"]", "换了。"),
    );
    let (ok, said) = build(&site, &[]);
    assert!(ok && !said.contains("W0330"), "{said}");
    std::fs::remove_file(site.root().join("content/news/renamed.md")).unwrap();
    site.write("content/news/renamed-again.md", &page("title = \"改名了\"", "换了。"));
    let zh = site.qiao(&[
        "build",
        "--today",
        "2026-11-24",
        "--output-dir",
        out.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    let zh = stderr(&zh);
    for url in ["/news/gone/", "/news/renamed/"] {
        assert!(zh.contains(&format!("content/news/renamed-again.md:1:1: warning[W0330]: 上次生成到 {out_text} 的页面 {url} 这次没有了，指向它的链接会打不开；它是不是改名成了 content/news/renamed-again.md？请在那个文件里加上 `aliases = [\"{url}\"]`")), "{zh}");
    }
}

#[test]
fn strict_makes_a_vanished_url_an_error_and_leaves_the_old_output() {
    let site = moved_site();
    let (ok, said) = build(&site, &["--strict"]);
    assert!(ok, "a first build has nothing to lose: {said}");
    let out = site.dir().join("out");
    let before = snapshot(&out);
    std::fs::rename(
        site.root().join("content/members/b.md"),
        site.root().join("content/members/c.md"),
    )
    .unwrap();
    let (ok, said) = build(&site, &["--strict"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains(
            "content/members/c.md:1:1: error[E0324]: the page /members/b/ of the last build in"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "was it renamed to content/members/c.md? add `aliases = [\"/members/b/\"]` to it"
        ),
        "{said}"
    );
    assert_eq!(snapshot(&out), before, "a failed build leaves the old output as it was");
    let run = site.qiao(&[
        "build",
        "--today",
        "2026-11-24",
        "--output-dir",
        out.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(run.status.code(), Some(1));
    // With the alias, the strict build passes.
    site.write(
        "content/members/c.md",
        &page(
            "title = \"B\"\ndate = 2025-01-01\ntype = \"college\"\naliases = [\"/members/b/\"]",
            "B.",
        ),
    );
    let (ok, said) = build(&site, &["--strict"]);
    assert!(ok, "{said}");
    assert!(read(&out, "members/b/index.html").contains("url=/members/c/"));
}

/// Every file of a built folder, by path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

#[test]
fn precompress_writes_the_same_gz_and_br_beside_every_text_file_of_a_kilobyte() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let (one, two, plain) =
        (dir.path().join("one"), dir.path().join("two"), dir.path().join("plain"));
    for out in [&one, &two] {
        let run = site.qiao(&[
            "build",
            "--today",
            "2026-11-24",
            "--precompress",
            "--output-dir",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert!(site.build_to(&plain).status.success());
    let (one, two, plain) = (tree(&one), tree(&two), tree(&plain));
    assert_eq!(one, two, "two builds give the same bytes");
    let text = ["html", "css", "js", "json", "xml", "svg", "ics"];
    let mut copies = 0;
    for (path, bytes) in &plain {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        let wanted = text.contains(&ext) && bytes.len() >= 1024;
        let (gz, br) = (one.get(&format!("{path}.gz")), one.get(&format!("{path}.br")));
        assert_eq!(gz.is_some(), wanted, "{path} ({} bytes): .gz", bytes.len());
        assert_eq!(br.is_some(), wanted, "{path}: .br");
        assert_eq!(one.get(path), Some(bytes), "{path} is the same with --precompress");
        if let (Some(gz), Some(br)) = (gz, br) {
            let mut unzipped = Vec::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
            assert_eq!(&unzipped, bytes, "{path}.gz");
            let mut unbrotlied = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut unbrotlied).unwrap();
            assert_eq!(&unbrotlied, bytes, "{path}.br");
            assert!(gz.len() < bytes.len() && br.len() < bytes.len(), "{path}");
            copies += 1;
        }
    }
    assert!(copies > 50, "{copies}");
    assert!(one.len() == plain.len() + 2 * copies, "nothing else is added");
    // The small ones and the other types are left alone.
    assert!(
        plain.keys().any(|p| p.ends_with(".html") && plain[p].len() < 1024),
        "the example has a small page (a redirect)"
    );
}

#[test]
fn precompress_is_also_a_setting_of_site_toml() {
    let site = Site::new();
    site.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[build]\nprecompress = true\n",
    );
    site.write("content/about.md", &page("title = \"About\"", &"产教融合。".repeat(300)));
    assert!(site.build().status.success());
    assert!(
        site.out().join("about/index.html.gz").is_file()
            && site.out().join("about/index.html.br").is_file()
    );
    site.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[build]\nprecompres = true\n",
    );
    assert!(site.one_error().starts_with("site.toml:5:1: error["), "{}", site.one_error());
    site.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[build]\nprecompress = \"yes\"\n",
    );
    assert!(site.one_error().starts_with("site.toml:5:15: error["), "{}", site.one_error());
}
