//! Sections (`content/news/`, `content/notices/`: top-level folders of dated pages
//! that are none of the five kinds), `paginate_by` in a listing's `_index.md`, and
//! `site.toml`'s `[[menu]]`: the listing (pinned first, then newest first,
//! paginated), the feed, the home page block and `home = false`, the search facet,
//! the navigation, a folder of undated pages that stays plain pages, and the
//! errors (a section page without `date`, `pinned` outside a section,
//! `paginate_by` out of range, a menu path the site lacks) in both languages.

use crate::support::*;

/// A content file of the TOML lines `front` (no last line break needed) and `body`.
fn page(front: &str, body: &str) -> String {
    content(&format!("{front}\n"), body)
}

/// A dated page of a section.
fn entry(title: &str, date: &str, more: &str) -> String {
    page(&format!("title = \"{title}\"\ndate = {date}\n{more}"), &format!("{title}。\n"))
}

fn built(s: &Site) -> std::collections::BTreeMap<String, String> {
    build_texts(&options(s.root(), jiff::civil::date(2026, 11, 24)))
}

/// The positions of `needles` in `hay`, asserting each is there.
fn order(hay: &str, needles: &[&str]) -> Vec<usize> {
    needles.iter().map(|n| hay.find(n).unwrap_or_else(|| panic!("{n} not in the page"))).collect()
}

fn sorted(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

/// A site with a notices section of seven pages (two pinned, an older and a newer)
/// and `paginate_by = 3`.
fn notices() -> Site {
    let s = Site::new();
    s.write(
        "content/notices/_index.md",
        &page("title = \"通知公告\"\npaginate_by = 3", "秘书处的通知。\n"),
    );
    for (slug, date, more) in [
        ("n1", "2026-01-10", ""),
        ("n2", "2026-02-10", "pinned = true\n"),
        ("n3", "2026-03-10", ""),
        ("n4", "2026-04-10", "pinned = true\n"),
        ("n5", "2026-05-10", ""),
        ("n6", "2026-06-10", "pinned = false\n"),
        ("n7", "2026-07-10", ""),
    ] {
        s.write(&format!("content/notices/{slug}.md"), &entry(&format!("通知{slug}"), date, more));
    }
    s
}

#[test]
fn a_sections_listing_puts_pinned_pages_first_then_the_newest_and_paginates_by_its_index() {
    let s = notices();
    let out = built(&s);
    let first = &out["notices/index.html"];
    // Pinned n4 and n2 (newest first among them), then n7, n6, … by date.
    assert!(sorted(&order(first, &["通知n4", "通知n2", "通知n7"])), "{first}");
    assert!(!first.contains("通知n6"), "three a page");
    assert_eq!(first.matches("badge-pinned").count(), 2, "{first}");
    assert!(first.contains("秘书处的通知"), "the intro is on page 1");
    let second = &out["notices/page/2/index.html"];
    assert!(sorted(&order(second, &["通知n6", "通知n5", "通知n3"])), "{second}");
    let third = &out["notices/page/3/index.html"];
    assert!(third.contains("通知n1") && !out.contains_key("notices/page/4/index.html"));
    // Each page has its own URL below the section, and the sitemap leaves out pages 2...
    assert!(out.contains_key("notices/n1/index.html"));
    let sitemap = &out["sitemap.xml"];
    assert!(sitemap.contains("/notices/</loc>") && sitemap.contains("/notices/n1/</loc>"));
    assert!(!sitemap.contains("notices/page/2"));
}

#[test]
fn a_section_has_a_feed_and_its_pages_are_in_the_site_feed() {
    let s = notices();
    let out = built(&s);
    let feed = &out["notices/atom.xml"];
    assert!(feed.contains("<title>Test · 通知公告</title>"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 7);
    // A feed is by date, pinned or not.
    assert!(sorted(&order(feed, &["通知n7", "通知n6", "通知n4", "通知n1"])));
    assert!(out["atom.xml"].contains("https://example.org/notices/n7/"));
}

#[test]
fn the_home_page_shows_each_sections_newest_pages_unless_home_is_false() {
    let s = notices();
    s.write("content/news/_index.md", &page("title = \"联盟动态\"\nhome = false", ""));
    s.write("content/news/signed.md", &entry("签约仪式", "2026-08-01", ""));
    let out = built(&s);
    let home = &out["index.html"];
    // Five of the notices, pinned first; the news section stays off.
    assert!(sorted(&order(home, &["通知n4", "通知n2", "通知n7", "通知n6", "通知n5"])), "{home}");
    assert!(!home.contains("通知n3") && !home.contains("签约仪式"), "{home}");
    // Both are in the navigation, after the five kinds.
    assert!(sorted(&order(home, &["/roadshows/\"", "/news/\"", "/notices/\"", "/network/\""])));
    assert!(out.contains_key("news/index.html") && out.contains_key("news/signed/index.html"));
}

#[test]
fn a_sections_pages_are_searchable_with_the_section_as_their_kind() {
    let s = notices();
    let out = built(&s);
    // The search index's files are stored gzip-compressed.
    let files = build_files(&options(s.root(), jiff::civil::date(2026, 11, 24)));
    let mut filters = String::new();
    let mut gz = flate2::read::GzDecoder::new(&files["search/filters.jz"][..]);
    std::io::Read::read_to_string(&mut gz, &mut filters).unwrap();
    assert!(filters.contains("\"notices\""), "{filters}");
    // The search page names the facet by the section's title.
    assert!(out["search/index.html"].contains("\"kind.notices\":\"通知公告\""));
}

#[test]
fn a_folder_of_undated_pages_stays_plain_pages_at_their_paths() {
    let s = Site::new();
    s.write("content/join/how.md", &page("title = \"如何加入\"", "欢迎。\n"));
    s.write("content/join/2024/steps.md", &page("title = \"步骤\"", "先申请。\n"));
    let out = built(&s);
    assert!(
        out.contains_key("join/how/index.html") && out.contains_key("join/2024/steps/index.html")
    );
    assert!(!out.contains_key("join/index.html") && !out.contains_key("join/atom.xml"));
    assert!(!out["index.html"].contains("/join/\""));
}

#[test]
fn a_page_of_a_section_without_a_date_is_an_error_naming_the_section() {
    let s = Site::new();
    s.write("content/news/a.md", &entry("甲", "2026-01-01", ""));
    s.write("content/news/b.md", &page("title = \"乙\"", "正文。\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/news/b.md:1:1: error[E0231]"), "{e}");
    assert!(e.contains("`content/news/` is a section"), "{e}");
    let zh = s.qiao(&["check", "--today", TODAY, "--lang", "zh"]);
    assert!(stderr(&zh).contains("`content/news/` 是栏目"), "{}", stderr(&zh));
}

#[test]
fn pinned_outside_a_section_is_an_error_at_the_key() {
    let s = Site::new();
    s.write("content/join/how.md", &page("title = \"如何加入\"\npinned = true", "欢迎。\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/join/how.md:3:1: error[E0232]"), "{e}");
    let zh = s.qiao(&["check", "--today", TODAY, "--lang", "zh"]);
    assert!(stderr(&zh).contains("置顶"), "{}", stderr(&zh));
}

#[test]
fn paginate_by_is_a_whole_number_from_1_to_1000_at_its_value() {
    for (value, expected) in
        [("0", "E0205"), ("1001", "E0205"), ("\"10\"", "E0203"), ("2.5", "E0203")]
    {
        let s = Site::new();
        s.write("content/cases/_index.md", &page(&format!("paginate_by = {value}"), ""));
        let e = s.one_error();
        assert!(e.starts_with(&format!("content/cases/_index.md:2:15: error[{expected}]")), "{e}");
        assert!(e.contains("paginate_by"), "{e}");
    }
    // `home` is a section's alone.
    let s = Site::new();
    s.write("content/cases/_index.md", &page("home = false", ""));
    assert!(s.one_error().contains("error[E0202]"));
}

#[test]
fn paginate_by_sets_a_kinds_page_size() {
    let s = Site::new();
    s.write("content/policies/_index.md", &page("paginate_by = 2", ""));
    for n in 1..=5 {
        s.write(
            &format!("content/policies/p{n}.md"),
            &page(
                &format!(
                    "title = \"政策{n}\"\ndate = 2026-0{n}-01\nissuer = \"市政府\"\n\
                     level = \"municipal\"\nissued = 2026-0{n}-01"
                ),
                "",
            ),
        );
    }
    let out = built(&s);
    assert!(out.contains_key("policies/page/3/index.html"));
    assert!(!out.contains_key("policies/page/4/index.html"));
    assert_eq!(out["policies/index.html"].matches("class=\"card-title\"").count(), 2);
    assert!(!out["sitemap.xml"].contains("policies/page/2"));
}

#[test]
fn a_menu_replaces_the_navigation_in_weight_order_and_honours_base_urls_path() {
    let s = notices();
    s.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/alliance/\"\n\n\
         [[menu]]\nname = \"通知\"\nurl = \"/notices/\"\nweight = 20\n\n\
         [[menu]]\nname = \"首页\"\nurl = \"/\"\nweight = 10\n\n\
         [[menu]]\nname = \"旧站\"\nurl = \"https://old.example.org/\"\nweight = 20\n\n\
         [[menu]]\nname = \"案例\"\nurl = \"/cases/\"\nweight = 30\n",
    );
    let out = built(&s);
    let home = &out["index.html"];
    let nav = &home[home.find("nav-list").unwrap()..];
    let nav = &nav[..nav.find("</ul>").unwrap()];
    assert!(
        sorted(&order(
            nav,
            &[
                "href=\"/alliance/\"",
                "href=\"/alliance/notices/\"",
                "href=\"https://old.example.org/\"",
                "href=\"/alliance/cases/\""
            ]
        )),
        "{nav}"
    );
    assert!(!nav.contains("/alliance/members/"), "the built-in navigation is replaced: {nav}");
}

#[test]
fn a_menu_path_the_site_lacks_is_an_error_at_its_line_with_the_nearest_paths() {
    let s = notices();
    s.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n\
         [[menu]]\nname = \"通知\"\nurl = \"/notice/\"\n",
    );
    let e = s.one_error();
    assert!(e.starts_with("site.toml:6:7: error[E0508]"), "{e}");
    let out = s.check();
    assert!(stderr(&out).contains("/notices/"), "{}", stderr(&out));
    let zh = s.qiao(&["check", "--today", TODAY, "--lang", "zh"]);
    assert!(stderr(&zh).contains("网站里没有这个页面"), "{}", stderr(&zh));
    // A build writes nothing.
    assert!(!s.build().status.success());
    assert!(!s.out().exists());
}

#[test]
fn qiao_new_writes_a_page_of_a_section_that_builds_into_its_listing() {
    let s = Site::new();
    let out = s.qiao(&["new", "notices", "council-2027", "--title", "关于召开理事会的通知"]);
    assert_ok(&out);
    let text = s.read("content/notices/council-2027.md");
    assert!(text.contains("\ndate = ") && text.contains("\n# pinned = true\n"), "{text}");
    s.passes(&"a new page of a section");
    let built = built(&s);
    assert!(built["notices/index.html"].contains("关于召开理事会的通知"));
    // An existing folder is a section too; a near miss of a kind's name is not.
    s.write("content/news/old.md", &entry("旧闻", "2025-01-01", ""));
    assert_ok(&s.qiao(&["new", "news", "fresh"]));
    assert!(s.root().join("content/news/fresh.md").is_file());
    let typo = s.qiao(&["new", "cse", "x"]);
    assert!(!typo.status.success() && stderr(&typo).contains("unknown kind `cse`"));
    let owned = s.qiao(&["new", "tags", "x"]);
    assert!(!owned.status.success(), "tags/ is qiao's own");
}

#[test]
fn a_sections_page_shows_its_date_pinned_badge_and_a_link_back_to_its_section() {
    let s = notices();
    let out = built(&s);
    let page = &out["notices/n4/index.html"];
    assert!(page.contains("<a href=\"/notices/\">通知公告</a>"), "{page}");
    assert!(page.contains("datetime=\"2026-04-10\"") && page.contains("badge-pinned"), "{page}");
    assert!(!out["notices/n3/index.html"].contains("badge-pinned"));
    // A plain page keeps the plain page's template.
    s.write("content/join/how.md", &page_text());
    assert!(!built(&s)["join/how/index.html"].contains("badge-pinned"));
}

fn page_text() -> String {
    page("title = \"如何加入\"", "欢迎。\n")
}
