//! Sites in several languages: `[languages.<code>]`, translations `x.en.md` paired
//! with their originals, a tree per language under `/<code>/` (pages, listings,
//! feeds, search), `hreflang` alternates that answer each other, the switcher,
//! the sitemap's alternates, links to untranslated items, and every error of a
//! translation (a fact set, no original, an undeclared language, more entries
//! than the original, a bad `[languages]` table) in both languages.

use std::collections::BTreeMap;

use crate::support::*;

const SITE: &str = "title = \"浔江联盟\"\nbase_url = \"https://example.org/alliance/\"\n\
language = \"zh\"\n\n[taxonomies]\nindustries.new-materials = \"新材料\"\n\n\
[languages.en]\ntitle = \"Xunjiang Alliance\"\n\
[languages.en.taxonomies]\nindustries.new-materials = \"New materials\"\n";

/// A content file of the TOML lines `front` and `body`.
fn page(front: &str, body: &str) -> String {
    content(&format!("{front}\n"), body)
}

/// A site in Chinese and English: two members (one translated), a case between
/// them (translated, with two outcomes), an untranslated case, a news section
/// with a translated page, and the about page in both languages.
fn bilingual() -> Site {
    let s = Site::new();
    s.write("site.toml", SITE);
    s.write(
        "content/members/alpha.md",
        &page(
            "title = \"甲学院\"\ndate = 2025-01-01\ntype = \"college\"\nindustries = [\"new-materials\"]",
            "甲学院是一所职业学院。\n",
        ),
    );
    s.write(
        "content/members/alpha.en.md",
        &page("title = \"Alpha College\"", "Alpha College is a vocational college.\n"),
    );
    s.write(
        "content/members/beta.md",
        &page("title = \"乙公司\"\ndate = 2025-01-02\ntype = \"enterprise\"", "乙公司。\n"),
    );
    s.write(
        "content/cases/joint-lab.md",
        &page(
            "title = \"联合实验室\"\ndate = 2025-03-01\npartners = [\"alpha\", \"beta\"]\n\
             modes = [\"joint-lab\"]\nindustries = [\"new-materials\"]\ntags = [\"实验室\"]\n\
             outcomes = [\n  { label = \"学生\", value = 40, unit = \"人\" },\n  \
             { label = \"专利\", value = 3 },\n]",
            "甲学院和乙公司共建实验室。见[甲学院](../members/alpha.md)。\n",
        ),
    );
    s.write(
        "content/cases/joint-lab.en.md",
        &page(
            "title = \"A joint lab\"\ntags = [\"lab\"]\noutcomes = [{ label = \"Students\", unit = \"people\" }]",
            "Alpha and Beta built a lab. See [Alpha](../members/alpha.md) and [Beta](../members/beta.md).\n",
        ),
    );
    s.write(
        "content/cases/order-class.md",
        &page(
            "title = \"订单班\"\ndate = 2025-04-01\npartners = [\"alpha\", \"beta\"]\nmodes = [\"order-training\"]",
            "订单班。\n",
        ),
    );
    s.write("content/news/opening.md", &page("title = \"开幕\"\ndate = 2026-01-05", "开幕了。\n"));
    s.write("content/news/opening.en.md", &page("title = \"Opening\"", "We opened.\n"));
    s.write("content/about.md", &page("title = \"关于\"", "关于联盟。\n"));
    s.write("content/about.en.md", &page("title = \"About\"", "About the alliance.\n"));
    s.write(
        "content/cases/_index.en.md",
        &page("title = \"Cooperation cases\"", "How members work.\n"),
    );
    s
}

fn built(s: &Site) -> BTreeMap<String, String> {
    build_texts(&options(s.root(), jiff::civil::date(2026, 11, 24)))
}

/// The `<link rel="alternate" hreflang>` of a page, as (language, URL).
fn alternates(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in html.split("<link rel=\"alternate\" hreflang=\"").skip(1) {
        let (lang, rest) = part.split_once('"').unwrap();
        let href = rest.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
        out.push((lang.to_owned(), href.to_owned()));
    }
    out
}

#[test]
fn a_translation_is_published_under_its_language_with_the_originals_facts() {
    let s = bilingual();
    let out = built(&s);
    let page = &out["en/cases/joint-lab/index.html"];
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(page.contains("A joint lab"));
    // The translated label and unit of the first outcome; the second keeps the
    // original's label; the values are the original's.
    assert!(
        page.contains("Students") && page.contains("people") && page.contains("专利"),
        "{page}"
    );
    assert!(page.contains(">40<") && page.contains(">3<"), "{page}");
    // The interface is English, the site's English title is used.
    assert!(page.contains("Xunjiang Alliance") && page.contains("Partners"), "{page}");
    // A translated member is linked in English, an untranslated one in Chinese,
    // marked with its language.
    assert!(page.contains("href=\"/alliance/en/members/alpha/\""), "{page}");
    assert!(page.contains("href=\"/alliance/members/beta/\" hreflang=\"zh\""), "{page}");
    // The shared files are the site root's.
    assert!(page.contains("href=\"/alliance/css/style.css\""), "{page}");
    // The original is where it was, in Chinese.
    assert!(out["cases/joint-lab/index.html"].contains("<html lang=\"zh\">"));
    assert!(out["en/about/index.html"].contains("About the alliance."));
    assert!(out["en/news/opening/index.html"].contains("We opened."));
}

#[test]
fn untranslated_items_stay_out_of_the_other_languages_listings_feeds_and_search() {
    let s = bilingual();
    let out = built(&s);
    let listing = &out["en/cases/index.html"];
    assert!(listing.contains("A joint lab"), "{listing}");
    assert!(!listing.contains("订单班"), "{listing}");
    assert!(listing.contains("Cooperation cases") && listing.contains("How members work."));
    assert!(
        out["cases/index.html"].contains("订单班")
            && out["cases/index.html"].contains("联合实验室")
    );
    let feed = &out["en/cases/atom.xml"];
    assert!(feed.contains("A joint lab") && !feed.contains("订单班"), "{feed}");
    let export = &out["en/cases/index.json"];
    assert!(export.contains("A joint lab") && !export.contains("订单班"), "{export}");
    assert!(out["en/members/index.html"].contains("Alpha College"));
    assert!(!out["en/members/index.html"].contains("乙公司"));
    // Terms in the language's labels; tags as the translation writes them.
    assert!(out["en/industries/new-materials/index.html"].contains("New materials"));
    assert!(
        out.contains_key("en/tags/lab/index.html"),
        "{:?}",
        out.keys().filter(|k| k.starts_with("en/tags")).collect::<Vec<_>>()
    );
    assert!(!out.contains_key("en/tags/实验室/index.html"));
    // One sitemap, one robots.txt, one _redirects, at the site's root.
    for file in ["en/sitemap.xml", "en/robots.txt", "en/_redirects", "en/css/style.css"] {
        assert!(!out.contains_key(file), "{file} is written");
    }
}

#[test]
fn each_language_has_its_own_search_index() {
    let s = bilingual();
    s.build().status.success().then_some(()).expect("builds");
    let search = |index: &str, q: &str| {
        // No results is a failure of the command, with nothing on stdout.
        let out = qiao().args(["search", "--index", index, "--json", q]).output().unwrap();
        assert_no_crash(&out, &[q]);
        String::from_utf8(out.stdout).unwrap()
    };
    let out = s.out();
    let en = out.join("en");
    let zh = out.clone();
    let lab = search(en.to_str().unwrap(), "lab");
    assert!(lab.contains("/alliance/en/cases/joint-lab/"), "{lab}");
    assert!(!search(en.to_str().unwrap(), "订单班").contains("order-class"));
    let zh_hits = search(zh.to_str().unwrap(), "订单班");
    assert!(zh_hits.contains("/alliance/cases/order-class/"), "{zh_hits}");
    assert!(!search(zh.to_str().unwrap(), "lab").contains("/en/"));
}

#[test]
fn alternates_answer_each_other_and_the_sitemap_lists_them() {
    let s = bilingual();
    let out = built(&s);
    let zh = alternates(&out["cases/joint-lab/index.html"]);
    let en = alternates(&out["en/cases/joint-lab/index.html"]);
    let expected = vec![
        ("zh".to_owned(), "https://example.org/alliance/cases/joint-lab/".to_owned()),
        ("x-default".to_owned(), "https://example.org/alliance/cases/joint-lab/".to_owned()),
        ("en".to_owned(), "https://example.org/alliance/en/cases/joint-lab/".to_owned()),
    ];
    assert_eq!(zh, expected);
    assert_eq!(en, expected, "each names the other and itself");
    // Every alternate of every page is a page the build wrote, naming it back.
    for (path, html) in out.iter().filter(|(p, _)| p.ends_with(".html")) {
        let own = format!("https://example.org/alliance/{}", path.trim_end_matches("index.html"));
        for (lang, href) in alternates(html) {
            let rel = href.strip_prefix("https://example.org/alliance/").unwrap();
            let other = &out[&format!("{rel}index.html")];
            assert!(
                alternates(other).iter().any(|(_, h)| *h == own),
                "{path} names {lang} {href}, which does not name it back"
            );
        }
    }
    // An untranslated item has no alternate; its switcher goes to the English home.
    let untranslated = &out["cases/order-class/index.html"];
    assert!(alternates(untranslated).is_empty());
    assert!(
        untranslated.contains("<a href=\"/alliance/en/\" hreflang=\"en\" lang=\"en\">English</a>")
    );
    let switcher = &out["en/cases/joint-lab/index.html"];
    assert!(
        switcher.contains(
            "<a href=\"/alliance/cases/joint-lab/\" hreflang=\"zh\" lang=\"zh\">中文</a>"
        )
    );
    let sitemap = &out["sitemap.xml"];
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<loc>https://example.org/alliance/en/cases/joint-lab/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/alliance/en/cases/joint-lab/\"/>"
    ));
    assert!(sitemap.contains("<loc>https://example.org/alliance/en/</loc>"));
}

#[test]
fn a_site_of_one_language_has_no_switcher_and_no_alternates() {
    let s = Site::new();
    s.write("content/about.md", &page("title = \"关于\"", "关于。\n"));
    let out = built(&s);
    assert!(!out["about/index.html"].contains("hreflang"));
    assert!(!out["about/index.html"].contains("lang-switch"));
    assert!(!out["sitemap.xml"].contains("xhtml"));
}

/// The one error of `check` in English, and the same in Chinese.
fn error_in_both(s: &Site) -> (String, String) {
    let en = s.one_error();
    let zh = stderr(&s.qiao(&["check", "--today", TODAY, "--lang", "zh"]));
    (en, zh)
}

#[test]
fn a_fact_in_a_translation_is_an_error_at_its_key_naming_the_original() {
    let s = bilingual();
    s.write(
        "content/cases/joint-lab.en.md",
        &page("title = \"A joint lab\"\ndate = 2025-03-02", "Text.\n"),
    );
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("content/cases/joint-lab.en.md:3:1: error[E0240]"), "{en}");
    assert!(en.contains("`date` is a fact") && en.contains("content/cases/joint-lab.md"), "{en}");
    assert!(zh.contains("`date` 是事实") && zh.contains("content/cases/joint-lab.md"), "{zh}");

    // Inside a list of tables: the value of an outcome.
    s.write(
        "content/cases/joint-lab.en.md",
        &page("title = \"A joint lab\"\noutcomes = [{ label = \"Students\", value = 41 }]", ""),
    );
    let (en, _) = error_in_both(&s);
    assert!(en.contains("error[E0240]") && en.contains("`outcomes[0].value`"), "{en}");
}

#[test]
fn a_translation_without_an_original_or_in_an_undeclared_language_is_an_error() {
    let s = bilingual();
    s.write("content/cases/lost.en.md", &page("title = \"Lost\"", ""));
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("content/cases/lost.en.md:1:1: error[E0241]"), "{en}");
    assert!(en.contains("content/cases/lost.md"), "{en}");
    assert!(zh.contains("没有原文") && zh.contains("content/cases/lost.md"), "{zh}");
    std::fs::remove_file(s.root().join("content/cases/lost.en.md")).unwrap();

    s.write("content/about.fr.md", &page("title = \"À propos\"", ""));
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("content/about.fr.md:1:1: error[E0242]"), "{en}");
    assert!(en.contains("[languages.fr]") && en.contains("declared: en"), "{en}");
    assert!(zh.contains("没有声明语言 `fr`"), "{zh}");
    std::fs::remove_file(s.root().join("content/about.fr.md")).unwrap();

    s.write("content/about.zh.md", &page("title = \"关于\"", ""));
    let (en, zh) = error_in_both(&s);
    assert!(en.contains("error[E0242]") && en.contains("the site's own language"), "{en}");
    assert!(zh.contains("网站本身的语言"), "{zh}");
}

#[test]
fn a_translation_with_more_entries_than_its_original_is_an_error_at_the_first_extra_one() {
    let s = bilingual();
    s.write(
        "content/cases/joint-lab.en.md",
        &page(
            "title = \"A joint lab\"\noutcomes = [\n  { label = \"A\" },\n  { label = \"B\" },\n  { label = \"C\" },\n]",
            "",
        ),
    );
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("content/cases/joint-lab.en.md:6:3: error[E0243]"), "{en}");
    assert!(en.contains("`outcomes`") && en.contains("(2)"), "{en}");
    assert!(zh.contains("比原文") && zh.contains("2 条"), "{zh}");
}

#[test]
fn a_bad_languages_table_is_an_error_at_its_name() {
    let s = Site::new();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[languages.english]\ntitle = \"X\"\n",
    );
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("site.toml:3:12: error[E0509]"), "{en}");
    assert!(en.contains("not a language tag"), "{en}");
    assert!(zh.contains("不是语言代码"), "{zh}");
    s.write("site.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n[languages.zh]\n");
    let (en, zh) = error_in_both(&s);
    assert!(en.contains("error[E0509]") && en.contains("the site's own language"), "{en}");
    assert!(zh.contains("网站本身的语言"), "{zh}");
}

#[test]
fn a_draft_translation_or_a_draft_original_is_left_out() {
    let s = bilingual();
    s.write("content/members/alpha.en.md", &page("title = \"Alpha College\"\ndraft = true", ""));
    let out = built(&s);
    assert!(!out.contains_key("en/members/alpha/index.html"));
    assert!(out.contains_key("members/alpha/index.html"));
    // Links from the English case go to the Chinese page then.
    assert!(
        out["en/cases/joint-lab/index.html"]
            .contains("href=\"/alliance/members/alpha/\" hreflang=\"zh\"")
    );
}

#[test]
fn serve_renders_a_languages_pages_again_when_its_translation_changes() {
    use qiao::serve::preview::Preview;
    use qiao::serve::watch::Changes;
    let s = bilingual();
    let options = options(s.root(), jiff::civil::date(2026, 11, 24));
    let mut p = Preview::new(options, "127.0.0.1:4000");
    p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
    let before = served(&p);
    let fresh = build_files(p.options());
    let differ: Vec<&String> = fresh.keys().filter(|k| before.get(*k) != fresh.get(*k)).collect();
    if let Some(first) = differ.first() {
        let a = String::from_utf8_lossy(&before[*first]).into_owned();
        let b = String::from_utf8_lossy(&fresh[*first]).into_owned();
        let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(0);
        let show =
            |t: &str| t[at.saturating_sub(80).min(t.len())..(at + 120).min(t.len())].to_owned();
        panic!(
            "the first render differs from a build: {differ:?}\nserved: {}\nbuilt:  {}",
            show(&a),
            show(&b)
        );
    }
    s.write("content/cases/joint-lab.en.md", &page("title = \"A shared lab\"", "Changed.\n"));
    let edit = ["content/cases/joint-lab.en.md".to_owned()].into_iter().collect();
    p.rebuild(&Changes { content: edit, ..Changes::default() }).unwrap();
    let after = served(&p);
    let page = String::from_utf8(after["en/cases/joint-lab/index.html"].clone()).unwrap();
    assert!(page.contains("A shared lab") && page.contains("Changed."), "{page}");
    assert!(String::from_utf8_lossy(&after["en/cases/index.html"]).contains("A shared lab"));
    // Byte for byte what a clean build of the edited site gives.
    let fresh = build_files(p.options());
    let differ: Vec<&String> = fresh.keys().filter(|k| after.get(*k) != fresh.get(*k)).collect();
    assert!(differ.is_empty(), "served differs from a fresh build: {differ:?}");
    let extra: Vec<&String> = after.keys().filter(|k| !fresh.contains_key(*k)).collect();
    assert!(extra.is_empty(), "served but not built: {extra:?}");
    assert_ne!(before, after);
}

#[test]
fn a_page_in_the_folder_of_another_language_is_an_error() {
    let s = bilingual();
    s.write("content/en/join.md", &page("title = \"Join\"", ""));
    let (en, zh) = error_in_both(&s);
    assert!(en.starts_with("content/en/join.md:1:1: error[E0244]"), "{en}");
    assert!(en.contains("content/join.en.md"), "{en}");
    assert!(zh.contains("译文") && zh.contains("content/join.en.md"), "{zh}");
}

#[test]
fn a_language_lists_its_own_menu_and_its_paths_are_checked() {
    let s = bilingual();
    let menu = "\n[[languages.en.menu]]\nname = \"News\"\nurl = \"/en/news/\"\n\
                [[languages.en.menu]]\nname = \"Chinese site\"\nurl = \"/\"\n";
    s.write("site.toml", &format!("{SITE}{menu}"));
    let out = built(&s);
    let page = &out["en/news/index.html"];
    assert!(
        page.contains("<a href=\"/alliance/en/news/\" aria-current=\"page\">News</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"/alliance/\">Chinese site</a>"), "{page}");
    // The Chinese pages keep the built-in navigation.
    assert!(out["news/index.html"].contains("href=\"/alliance/cases/\""));

    s.write(
        "site.toml",
        &format!("{SITE}\n[[languages.en.menu]]\nname = \"Events\"\nurl = \"/en/events/\"\n"),
    );
    let e = s.one_error();
    assert!(e.starts_with("site.toml:15:7: error[E0508]"), "{e}");
    assert!(e.contains("/en/events/"), "{e}");
}

#[test]
fn a_language_sets_its_own_extra_text_and_keeps_the_rest_marked_as_the_default_languages() {
    let s = bilingual();
    s.write(
        "site.toml",
        &format!(
            "{SITE}[languages.en.extra]\nfooter = \"Secretariat of the alliance\"\n\n[extra]\n\
             footer = \"联盟秘书处\"\naddress = \"浔江市江滨大道 188 号\"\n"
        ),
    );
    let out = built(&s);
    let footer = |page: &str| {
        let html = &out[page];
        html[html.find("<footer").unwrap()..].to_owned()
    };
    let en = footer("en/about/index.html");
    assert!(en.contains("<p>Secretariat of the alliance"), "{en}");
    assert!(!en.contains("联盟秘书处"), "{en}");
    // The address the English tree does not set stays in Chinese, marked so.
    assert!(en.contains("<p lang=\"zh\">浔江市江滨大道 188 号</p>"), "{en}");
    let zh = footer("about/index.html");
    assert!(zh.contains("<p>联盟秘书处"), "{zh}");
    assert!(zh.contains("<p>浔江市江滨大道 188 号</p>"), "{zh}");

    // Not a table: an error at the key, in both languages.
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[languages.en]\nextra = \"Secretariat\"\n",
    );
    let (en, zh) = error_in_both(&s);
    assert!(en.contains("error[E0212]") && en.contains("languages.en.extra"), "{en}");
    assert!(zh.contains("error[E0212]") && zh.contains("languages.en.extra"), "{zh}");
}
