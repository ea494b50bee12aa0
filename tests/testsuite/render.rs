//! The renderer on small sites built in temp dirs: every page kind, links,
//! sanitizing, summaries, base path, pagination, determinism, template errors.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::{Date, date};
use qiao::insight;
use qiao::output::OutputFile;
use qiao::render::{RenderOptions, Renderer};

use crate::support::{build_files, load, options, repo, served, write};

/// The day the sites are loaded and rendered as of.
const TODAY: Date = date(2025, 6, 1);

/// Writes `files` under a fresh temp dir.
fn site_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

fn render(root: &Path, options: RenderOptions) -> Result<BTreeMap<String, Vec<u8>>, Vec<String>> {
    let site = load(root, TODAY);
    let insights = insight::compute(&site);
    let r = Renderer::new(&site, root, options, &insights)
        .map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let files =
        r.render_all().map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    Ok(files.into_iter().map(|OutputFile { path, bytes, .. }| (path, bytes)).collect())
}

fn plain() -> RenderOptions {
    RenderOptions { minify: false, live_reload: false }
}

fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}; have {:?}", files.keys().collect::<Vec<_>>()))
            .clone(),
    )
    .unwrap()
}

const SITE_TOML: &str = r#"
title = "测试联盟"
base_url = "https://example.org/alliance/"
description = "一个测试站点"
[taxonomies]
industries.intelligent-manufacturing = "智能制造"
regions.xunjiang = "浔江市"
"#;

fn fixture() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.toml", SITE_TOML),
        (
            "content/members/uni.md",
            "+++\ntitle = \"浔江大学\"\ndate = 2024-01-01\ntype = \"university\"\noffers = [\"research\", \"talent\"]\nexpertise = [\"数控加工\"]\nwebsite = \"https://uni.example.edu/\"\n+++\n\n浔江大学是一所综合性大学。\n",
        ),
        (
            "content/members/acme.md",
            "+++\ntitle = \"Acme Precision\"\ndate = 2024-01-02\ntype = \"enterprise\"\nlang = \"en\"\ncontact = { name = \"Li\", email = \"li@acme.example\", phone = \"0000-1234\" }\n+++\n\nAcme makes precise parts.\n",
        ),
        (
            "content/cases/_index.md",
            "+++\ntitle = \"合作案例\"\n+++\n\n案例由[浔江大学](/members/uni.md)评定。\n",
        ),
        (
            "content/cases/2024/lab.md",
            "+++\ntitle = \"联合实验室\"\ndate = 2024-05-01\npartners = [\"uni\", \"acme\"]\nmodes = [\"joint-lab\"]\ndepth = \"deep\"\nstarted = 2024-01-01\noutcomes = [{ label = \"学生培养\", value = 1200, unit = \"人\" }]\npolicies = [\"subsidy\"]\nindustries = [\"intelligent-manufacturing\"]\nregions = [\"xunjiang\"]\ntags = [\"AI\", \"产教融合\"]\n+++\n\n## 合作方式\n\n双方共建实验室，见[政策](../../policies/subsidy.md#支持措施)和[成员](/members/acme.md)。\n\n| 年份 | 人数 |\n|---|---:|\n| 2024 | 100 |\n\n脚注[^1]。\n\n[^1]: 来源：年报。\n\n- [x] 已完成\n",
        ),
        (
            "content/cases/other.md",
            "+++\ntitle = \"Apprenticeship\"\ndate = 2024-06-01\nlang = \"en\"\npartners = [\"uni\", \"acme\"]\nmodes = [\"apprenticeship\"]\ntags = [\"ai\"]\n+++\n\nStudents work at Acme.\n",
        ),
        (
            "content/policies/subsidy.md",
            "+++\ntitle = \"订单班补贴办法\"\ndate = 2024-02-01\nissuer = \"浔江市教育局\"\nlevel = \"municipal\"\nissued = 2024-02-01\ndoc_number = \"浔教发〔2024〕1号\"\nincentives = [{ kind = \"funding\", text = \"每人补贴 2000 元\" }]\n+++\n\n## 支持措施\n\n补贴。\n",
        ),
        (
            "content/demands/cnc.md",
            "+++\ntitle = \"数控加工精度提升\"\ndate = 2025-05-01\nneed = \"technology\"\norganization = \"acme\"\ndeadline = 2025-07-31\nbudget = { min = 100000, max = 300000 }\ntrl = 6\n+++\n\n寻求合作。\n",
        ),
        (
            "content/demands/old.md",
            "+++\ntitle = \"Old demand\"\ndate = 2024-05-01\nneed = \"talent\"\norganization = \"acme\"\ndeadline = 2024-07-31\nbudget = { negotiable = true }\n+++\n\nOld.\n",
        ),
        (
            "content/roadshows/spring.md",
            "+++\ntitle = \"春季路演\"\ndate = 2025-05-01\nstart = 2025-06-10T09:30:00+08:00\nend = 2025-06-10T17:00:00+08:00\norganizer = \"uni\"\nvenue = { name = \"会展中心\", city = \"浔江\" }\nregistration = { url = \"https://reg.example.org/\", capacity = 200 }\nprojects = [{ title = \"视觉检测\", team = \"acme\", seeking = \"investment\", trl = 5 }]\n+++\n\n欢迎参加。\n",
        ),
        (
            "content/about.md",
            "+++\ntitle = \"关于联盟\"\ntags = [\"AI\"]\n+++\n\n联系我们：<mailto:a@b.org>，或看[案例](/cases/)与[样式](/css/style.css)。\n",
        ),
    ]
}

#[test]
fn renders_every_page_kind() {
    let dir = site_dir(&fixture());
    let files = render(dir.path(), plain()).unwrap_or_else(|d| panic!("{d:#?}"));
    for path in [
        "index.html",
        "404.html",
        "members/index.html",
        "members/uni/index.html",
        "cases/index.html",
        "cases/lab/index.html",
        "policies/subsidy/index.html",
        "demands/index.html",
        "demands/cnc/index.html",
        "roadshows/spring/index.html",
        "about/index.html",
        "industries/index.html",
        "industries/intelligent-manufacturing/index.html",
        "regions/xunjiang/index.html",
        "tags/index.html",
        "tags/ai/index.html",
        "tags/产教融合/index.html",
        "css/style.css",
    ] {
        assert!(files.contains_key(path), "missing {path}");
    }
    let case = page(&files, "cases/lab/index.html");
    // Links between content files become page URLs with the base path.
    // (pulldown-cmark percent-encodes non-ASCII in URLs; browsers decode fragments.)
    assert!(
        case.contains(r#"href="/alliance/policies/subsidy/#%E6%94%AF%E6%8C%81%E6%8E%AA%E6%96%BD""#),
        "{case}"
    );
    assert!(case.contains(r#"href="/alliance/members/acme/""#));
    // Heading ids keep Chinese; footnotes, tables and task lists survive sanitizing.
    assert!(case.contains(r#"<h2 id="合作方式">"#));
    assert!(
        case.contains("footnote-definition")
            && case.contains("<table>")
            && case.contains("checkbox")
    );
    // Fields legible: outcomes with separators, partners linked, backlinks to the policy.
    assert!(case.contains("1,200") && case.contains("联合实验室") && case.contains("深层"));
    // Tags differing only in case share one page.
    let ai = page(&files, "tags/ai/index.html");
    assert!(ai.contains("联合实验室") && ai.contains("Apprenticeship"));
    // Every page: lang, search form, stylesheet under the base path, no live reload.
    assert!(
        case.contains(r#"<html lang="zh">"#)
            && case.contains(r#"action="/alliance/search/""#)
            && case.contains(r#"name="q""#)
    );
    assert!(case.contains(r#"href="/alliance/css/style.css""#) && !case.contains("livereload"));
    let other = page(&files, "cases/other/index.html");
    assert!(
        other.contains(r#"<html lang="en">"#) && other.contains("Partners"),
        "English UI on an English page"
    );

    let demand = page(&files, "demands/cnc/index.html");
    assert!(
        demand.contains("¥100,000–300,000")
            && demand.contains("TRL 6")
            && demand.contains("征集中"),
        "{demand}"
    );
    assert!(page(&files, "demands/old/index.html").contains("面议"));
    let demands = page(&files, "demands/index.html");
    assert!(
        demands.find("数控加工精度提升").unwrap() < demands.find("Old demand").unwrap(),
        "open demands first"
    );

    let member = page(&files, "members/acme/index.html");
    // Backlinks: cases as partner, demands as organization, projects pitched as team.
    assert!(
        member.contains("/alliance/cases/lab/")
            && member.contains("/alliance/demands/cnc/")
            && member.contains("视觉检测")
    );
    assert!(member.contains(r#"<script type="application/ld+json">"#), "JSON-LD on member pages");
    let policy = page(&files, "policies/subsidy/index.html");
    assert!(
        policy.contains("/alliance/cases/lab/")
            && policy.contains("浔教发〔2024〕1号")
            && policy.contains("每人补贴 2000 元")
    );
    let roadshow = page(&files, "roadshows/spring/index.html");
    assert!(
        roadshow.contains("2025-06-10 09:30–17:00")
            && roadshow.contains("/alliance/members/acme/")
            && roadshow.contains("event.ics")
    );
    assert!(roadshow.contains("application/ld+json"));
    let listing = page(&files, "cases/index.html");
    assert!(
        listing.contains(r#"href="/alliance/members/uni/""#),
        "intro links rewritten: {listing}"
    );
    let home = page(&files, "index.html");
    assert!(
        home.contains("数控加工精度提升")
            && home.contains("春季路演")
            && home.contains("联合实验室")
    );
    let about = page(&files, "about/index.html");
    // A plain page without a date shows none, on its page or on its tag's page.
    assert!(!about.contains("1970") && !ai.contains("1970") && ai.contains("关于联盟"));
    assert!(about.contains(r#"href="/alliance/cases/""#) && about.contains("mailto:a@b.org"));
}

#[test]
fn broken_links_are_all_reported_at_their_position() {
    let mut files = fixture();
    files.push(("content/cases/broken.md", "+++\ntitle = \"B\"\ndate = 2024-01-01\npartners = [\"uni\", \"acme\"]\nmodes = [\"other\"]\n+++\n\nSee [m](../members/nobody.md),\nand ![x](/images/none.png).\n"));
    files.push(("content/about2.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n[x](/cases/lab/) [y](/nope/) [z](https://example.com/) [w](#top)\n"));
    let dir = site_dir(&files);
    let errors = render(dir.path(), plain()).unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/about2.md:5:18: error[E0405]: link `/nope/`"),
        "{errors:#?}"
    );
    assert!(errors[1].starts_with("content/cases/broken.md:8:5: error[E0403]: link `../members/nobody.md` points to `content/members/nobody.md`, which does not exist"), "{errors:#?}");
    assert!(
        errors[2].starts_with("content/cases/broken.md:9:5: error[E0405]: link `/images/none.png`"),
        "{errors:#?}"
    );
}

#[test]
fn raw_html_is_sanitized_unless_trusted() {
    let body = "+++\ntitle = \"X\"\ndate = 2024-01-01\n+++\n<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <a href=\"javascript:alert(1)\">a</a> <img src=\"/css/style.css\" alt=\"i\" onerror=\"y()\"></p>\n";
    let dir = site_dir(&[("site.toml", SITE_TOML), ("content/x.md", body)]);
    let html = page(&render(dir.path(), plain()).unwrap(), "x/index.html");
    let content = &html[html.find("<main").unwrap()..];
    assert!(
        !content.contains("<script>alert")
            && !content.contains("onclick")
            && !content.contains("javascript:")
            && !content.contains("onerror"),
        "{content}"
    );
    assert!(content.contains("<p>hi"));

    let trusted = format!("{SITE_TOML}\n[markdown]\ntrust_html = true\n");
    let dir = site_dir(&[("site.toml", &trusted), ("content/x.md", body)]);
    let html = page(&render(dir.path(), plain()).unwrap(), "x/index.html");
    assert!(html.contains("<script>alert(1)</script>") && html.contains("onclick"));
}

#[test]
fn summaries_by_characters_or_words() {
    let zh = "联盟成员之间开展了大量校企合作，覆盖订单培养、现代学徒制、产业学院和联合实验室等多种模式。".repeat(6);
    let en = "The university and the enterprise jointly built a research centre for students. "
        .repeat(10);
    let dir = site_dir(&[
        ("site.toml", SITE_TOML),
        (
            "content/zh.md",
            &format!("+++\ntitle = \"Z\"\ndate = 2024-01-01\n+++\n## 标题不进摘要\n\n{zh}\n"),
        ),
        ("content/en.md", &format!("+++\ntitle = \"E\"\ndate = 2024-01-01\n+++\n{en}\n")),
        (
            "content/set.md",
            "+++\ntitle = \"S\"\ndate = 2024-01-01\nsummary = \"写好的摘要\"\n+++\n正文\n",
        ),
    ]);
    let site = load(dir.path(), TODAY);
    let insights = insight::compute(&site);
    let r = Renderer::new(&site, dir.path(), plain(), &insights).unwrap();
    let by_slug = |s: &str| site.items.iter().find(|i| i.slug == s).unwrap();
    let zh_summary = r.summary(by_slug("zh"));
    assert!(
        zh_summary.chars().count() <= 121
            && zh_summary.starts_with("联盟成员")
            && !zh_summary.contains("标题"),
        "{zh_summary}"
    );
    let en_summary = r.summary(by_slug("en"));
    assert_eq!(en_summary.split(' ').count(), 40, "{en_summary}");
    assert!(en_summary.ends_with('…'));
    assert_eq!(r.summary(by_slug("set")), "写好的摘要");
    assert!(r.plain_text(by_slug("zh")).starts_with("标题不进摘要\n联盟成员"));
}

#[test]
fn pagination_boundaries() {
    let mut files: Vec<(String, String)> = vec![("site.toml".into(), SITE_TOML.into())];
    for i in 0..101 {
        files.push((
            format!("content/members/m{i:03}.md"),
            format!("+++\ntitle = \"成员 {i:03}\"\ndate = 2024-01-01\ntype = \"enterprise\"\ntags = [\"t\"]\n+++\n正文\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = site_dir(&refs);
    let out = render(dir.path(), plain()).unwrap();
    assert!(
        out.contains_key("members/index.html")
            && out.contains_key("members/page/2/index.html")
            && out.contains_key("members/page/3/index.html")
    );
    assert!(
        !out.contains_key("members/page/4/index.html")
            && !out.contains_key("members/page/1/index.html")
    );
    assert!(
        out.contains_key("tags/t/page/3/index.html")
            && !out.contains_key("tags/t/page/4/index.html")
    );
    let p1 = page(&out, "members/index.html");
    assert!(
        p1.contains("成员 049")
            && !p1.contains("成员 050")
            && p1.contains(r#"href="/alliance/members/page/2/""#)
    );
    let p3 = page(&out, "members/page/3/index.html");
    assert!(
        p3.contains("成员 100")
            && !p3.contains("成员 099")
            && p3.contains(r#"rel="prev" href="/alliance/members/page/2/""#)
    );
    assert!(!p3.contains(r#"rel="next""#));
    // A listing with no items still has its page.
    assert!(out.contains_key("cases/index.html"));
}

#[test]
fn output_is_deterministic_and_minified_html_stays_valid() {
    let dir = site_dir(&fixture());
    let options = RenderOptions { minify: true, live_reload: false };
    let a = render(dir.path(), options).unwrap();
    let b = render(dir.path(), options).unwrap();
    assert_eq!(a, b);
    let member = page(&a, "members/acme/index.html");
    assert!(
        member.contains("</script>")
            && member.contains("application/ld+json")
            && member.contains("</html>")
    );
    assert!(
        member.len() < page(&render(dir.path(), plain()).unwrap(), "members/acme/index.html").len()
    );
}

#[test]
fn live_reload_only_when_asked() {
    let dir = site_dir(&fixture());
    let out = render(dir.path(), RenderOptions { minify: false, live_reload: true }).unwrap();
    assert!(
        page(&out, "index.html")
            .contains(r#"<script src="/alliance/__qiao/livereload.js"></script>"#)
    );
}

#[test]
fn site_templates_override_and_errors_name_the_file() {
    let mut files = fixture();
    files.push(("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ item.title }}</p>{% endblock content %}"));
    files.push(("static/css/extra.css", "p{}"));
    let dir = site_dir(&files);
    let out = render(dir.path(), plain()).unwrap();
    assert!(page(&out, "about/index.html").contains(r#"<p class="mine">关于联盟</p>"#));
    assert!(out.contains_key("css/extra.css"));

    let mut files = fixture();
    files.push(("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n  {{ item.title | nope }}\n{% endblock content %}"));
    files.push(("templates/case.html", "{% if %}"));
    let dir = site_dir(&files);
    let errors = render(dir.path(), plain()).unwrap_err();
    assert_eq!(errors.len(), 1, "syntax errors first: {errors:#?}");
    assert!(errors[0].starts_with("templates/case.html:1:"), "{errors:#?}");
    let mut files = fixture();
    files.push(("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n  {{ item.title | nope }}\n{% endblock content %}"));
    let dir = site_dir(&files);
    let errors = render(dir.path(), plain()).unwrap_err();
    assert!(errors[0].starts_with("templates/page.html:3:"), "{errors:#?}");
    let mut files = fixture();
    files.push(("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n  {{ item.nothing_here }}\n{% endblock content %}"));
    let dir = site_dir(&files);
    let errors = render(dir.path(), plain()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("templates/page.html:3:")
            && errors[0].contains("while rendering /about/"),
        "{errors:#?}"
    );
}

/// Writes a site's rendered pages to a folder, for looking at them:
/// `QIAO_SITE=. QIAO_OUT=/tmp/out cargo test --test testsuite render::write_site -- --ignored`
#[test]
#[ignore]
fn write_site() {
    let root = std::path::PathBuf::from(std::env::var("QIAO_SITE").unwrap_or_else(|_| ".".into()));
    let out = std::path::PathBuf::from(
        std::env::var("QIAO_OUT").unwrap_or_else(|_| "/tmp/qiao-render".into()),
    );
    let config =
        qiao::config::load(&root).unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)));
    let today = std::env::var("QIAO_TODAY")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(jiff::civil::date(2026, 11, 1));
    let site = qiao::content::load(&root, config, false, today)
        .unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)));
    let t0 = std::time::Instant::now();
    let insights = insight::compute(&site);
    let r = Renderer::new(
        &site,
        &root,
        RenderOptions { minify: std::env::var("QIAO_MINIFY").is_ok(), live_reload: false },
        &insights,
    )
    .unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)));
    let t1 = std::time::Instant::now();
    let cpu1 = cpu_seconds();
    let files = r.render_all().unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)));
    let t2 = std::time::Instant::now();
    eprintln!(
        "{} items, {} files; new {:?}, render_all {:?} wall, {:.2}s CPU",
        site.items.len(),
        files.len(),
        t1 - t0,
        t2 - t1,
        cpu_seconds() - cpu1
    );
    if std::env::var_os("QIAO_NOWRITE").is_some() {
        return;
    }
    for f in files {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.bytes).unwrap();
    }
}

/// CPU time of this process so far (user + system), from /proc on Linux.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, r)| r.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 =
        fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|x| x.parse::<f64>().ok()).sum());
    ticks / 100.0
}

/// `table` with every string replaced by the marker of its dotted key: `home` by
/// `⟦home⟧`, `[nav] cases` by `⟦nav.cases⟧`.
fn markers(prefix: &str, table: &toml::Table) -> toml::Table {
    table
        .iter()
        .map(|(key, value)| {
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            let marked = match value {
                toml::Value::String(_) => toml::Value::String(format!("⟦{path}⟧")),
                toml::Value::Table(t) => toml::Value::Table(markers(&path, t)),
                other => panic!("{path}: a theme string must be text, not {other}"),
            };
            (key.clone(), marked)
        })
        .collect()
}

/// The built-in theme's table of `lang` (`zh`, `en`).
fn builtin_table(lang: &str) -> toml::Table {
    let path = repo().join(format!("themes/default/i18n/{lang}.toml"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Chinese, Japanese and Korean script, CJK punctuation and full-width forms: what a
/// Chinese interface word or its punctuation is written in.
fn is_cjk_text(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF       // radicals
        | 0x3000..=0x303F     // CJK symbols and punctuation (、。「」)
        | 0x3040..=0x30FF     // kana
        | 0x3100..=0x31FF     // bopomofo, kanbun, strokes
        | 0x3400..=0x4DBF     // extension A
        | 0x4E00..=0x9FFF     // unified ideographs
        | 0xAC00..=0xD7AF     // hangul
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE30..=0xFE4F     // compatibility forms
        | 0xFF00..=0xFFEF     // full-width forms (，：（）)
        | 0x20000..=0x3FFFF) // extensions B..
}

/// An ASCII-only site in Chinese (`language = "zh"`) whose own theme maps every key
/// of the built-in `zh.toml` to a marker `⟦key⟧`, with enough content that every
/// insight page has something to say: members with expertise, offers and a member
/// with no case, cases with partners, modes and depths, a policy, an open demand
/// with suggested partners, a roadshow with a project, tags and unlabelled
/// industries and regions.
fn marker_site() -> tempfile::TempDir {
    let markers = toml::to_string(&markers("", &builtin_table("zh"))).unwrap();
    site_dir(&[
        (
            "site.toml",
            "title = \"Marker Alliance\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh\"\ntheme = \"markers\"\ndescription = \"An alliance\"\n",
        ),
        ("themes/markers/i18n/zh.toml", &markers),
        (
            "content/members/uni.md",
            "+++\ntitle = \"Lakeside University\"\ndate = 2024-01-01\ntype = \"university\"\nindustries = [\"manufacturing\"]\nregions = [\"east\"]\noffers = [\"research\", \"equipment\"]\nexpertise = [\"cnc machining\"]\n+++\n\nA university.\n",
        ),
        (
            "content/members/corp.md",
            "+++\ntitle = \"Hill Corp\"\ndate = 2024-01-02\ntype = \"enterprise\"\nindustries = [\"manufacturing\"]\nregions = [\"east\"]\noffers = [\"funding\"]\ncontact = { name = \"Li\", email = \"li@corp.example\" }\n+++\n\nA company.\n",
        ),
        (
            "content/members/college.md",
            "+++\ntitle = \"River College\"\ndate = 2024-01-03\ntype = \"college\"\nindustries = [\"manufacturing\"]\noffers = [\"training\"]\n+++\n\nA college.\n",
        ),
        (
            "content/members/bureau.md",
            "+++\ntitle = \"City Bureau\"\ndate = 2024-01-04\ntype = \"government\"\n+++\n\nNot in a case yet.\n",
        ),
        (
            "content/cases/lab.md",
            "+++\ntitle = \"Joint lab\"\ndate = 2024-05-01\npartners = [\"uni\", \"corp\"]\nmodes = [\"joint-rnd\", \"joint-lab\"]\ndepth = \"deep\"\nstarted = 2024-01-01\noutcomes = [{ label = \"Students\", value = 120, unit = \"people\" }]\npolicies = [\"subsidy\"]\nindustries = [\"manufacturing\"]\nregions = [\"east\"]\ntags = [\"ai\"]\n+++\n\nThe lab works.\n",
        ),
        (
            "content/cases/class.md",
            "+++\ntitle = \"Order class\"\ndate = 2024-06-01\npartners = [\"college\", \"corp\"]\nmodes = [\"order-training\", \"teacher-exchange\"]\ndepth = \"middle\"\ntags = [\"talent\"]\n+++\n\nStudents train.\n",
        ),
        (
            "content/policies/subsidy.md",
            "+++\ntitle = \"Training subsidy\"\ndate = 2024-02-01\nissuer = [\"City Bureau\", \"Province\"]\nlevel = \"municipal\"\nissued = 2024-02-01\ndoc_number = \"CB-2024-1\"\nindustries = [\"manufacturing\"]\nregions = [\"east\"]\nincentives = [{ kind = \"funding\", text = \"2000 per student\" }, { kind = \"tax\", text = \"Less tax\" }]\n+++\n\nThe policy.\n",
        ),
        (
            "content/demands/spindle.md",
            "+++\ntitle = \"Spindle accuracy\"\ndate = 2025-05-01\nneed = \"technology\"\norganization = \"corp\"\ndeadline = 2025-12-31\nbudget = { min = 100000, max = 300000 }\ntrl = 5\nindustries = [\"manufacturing\"]\nregions = [\"east\"]\n+++\n\nWe need help with cnc machining of spindles.\n",
        ),
        (
            "content/demands/old.md",
            "+++\ntitle = \"Old demand\"\ndate = 2024-05-01\nneed = \"talent\"\norganization = \"corp\"\ndeadline = 2024-07-31\nbudget = { negotiable = true }\n+++\n\nOld.\n",
        ),
        (
            "content/roadshows/spring.md",
            "+++\ntitle = \"Spring roadshow\"\ndate = 2025-05-01\nstart = 2025-06-10T09:30:00+08:00\nend = 2025-06-10T17:00:00+08:00\norganizer = \"corp\"\nvenue = { name = \"Expo hall\", city = \"Lakeside\" }\nonline_url = \"https://live.example.org/\"\nregistration = { url = \"https://reg.example.org/\", capacity = 200 }\nindustries = [\"manufacturing\"]\nprojects = [{ title = \"Vision kit\", team = \"uni\", seeking = \"investment\", trl = 6, summary = \"A kit.\" }]\n+++\n\nCome along.\n",
        ),
        (
            "content/about.md",
            "+++\ntitle = \"About\"\ntags = [\"ai\"]\n+++\n\nAbout the alliance.\n",
        ),
    ])
}

/// The marker test: every interface word on every output of a Chinese site comes
/// from the theme's tables. With every key of the built-in `zh.toml` mapped to a
/// marker and content in ASCII, no file the build writes (pages, insight pages and
/// their drawings, feeds, calendars, JSON files, scripts) holds a Chinese character,
/// and the insight pages show the markers.
#[test]
fn every_interface_word_comes_from_the_theme_tables() {
    let dir = marker_site();
    let root = dir.path();
    let files = build_files(&options(root, TODAY));

    let mut found = Vec::new();
    for (path, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        for (n, line) in text.lines().enumerate() {
            if let Some(at) = line.find(is_cjk_text) {
                let start = line.floor_char_boundary(at.saturating_sub(60));
                let end = line.ceil_char_boundary((at + 60).min(line.len()));
                found.push(format!("{path}:{}: …{}…", n + 1, &line[start..end]));
                break;
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} files hold Chinese text that is not from the theme's tables:\n{}",
        found.len(),
        found.join("\n")
    );
    for kind in ["html", "xml", "ics", "json", "svg", "js"] {
        assert!(files.keys().any(|p| p.ends_with(&format!(".{kind}"))), "no .{kind} file");
    }

    let text = |path: &str| {
        String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}")).clone()).unwrap()
    };
    let network = text("network/index.html");
    for marker in [
        "⟦network.title⟧",
        "⟦network.svg_title⟧",
        "⟦network.node⟧",
        "⟦network.table⟧",
        "⟦network_apart⟧",
        "⟦member_type.university⟧",
        "⟦depth.deep⟧",
    ] {
        assert!(network.contains(marker), "network page without {marker}");
    }
    let stats = text("stats/index.html");
    for marker in [
        "⟦stats.title⟧",
        "⟦stats_section.cases⟧",
        "⟦stats_chart.by_mode⟧",
        "⟦mode.teacher-exchange⟧",
        "⟦unspecified⟧",
        "⟦trl_value⟧",
    ] {
        assert!(stats.contains(marker), "stats page without {marker}");
    }
    let finder = text("policies/finder/index.html");
    for marker in ["⟦finder.title⟧", "⟦finder_facet.level⟧", "⟦level.municipal⟧", "⟦incentive.tax⟧"]
    {
        assert!(finder.contains(marker), "finder without {marker}");
    }
    let demand = text("demands/spindle/index.html");
    for marker in [
        "⟦docking.suggestions⟧",
        "⟦reason.keywords⟧",
        "⟦reason.industries⟧",
        "⟦reason.cases_one⟧",
        "⟦reason.offers⟧",
        "⟦reason.project⟧",
        "⟦reason.regions⟧",
    ] {
        assert!(demand.contains(marker), "demand page without {marker}");
    }
    assert!(text("demands/matches.json").contains("⟦reason.keywords⟧"));
    assert!(text("roadshows/atom.xml").contains("⟦site_kind_title⟧"));
    assert!(text("roadshows/calendar.ics").contains("⟦site_kind_title⟧"));
}

/// Every key of the built-in Chinese table is in the English one and back, so a
/// page in either language never falls back to the other's words.
#[test]
fn the_builtin_tables_have_the_same_keys() {
    fn keys(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
        for (key, value) in table {
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            match value {
                toml::Value::Table(t) => keys(&path, t, out),
                _ => out.push(path),
            }
        }
    }
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    keys("", &builtin_table("zh"), &mut zh);
    keys("", &builtin_table("en"), &mut en);
    let only_zh: Vec<&String> = zh.iter().filter(|k| !en.contains(k)).collect();
    let only_en: Vec<&String> = en.iter().filter(|k| !zh.contains(k)).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only in zh: {only_zh:?}; only in en: {only_en:?}"
    );
}

/// A site's own `i18n/zh.toml` rewords single keys of the built-in table, on item
/// pages, insight pages and feeds alike, and leaves every other word as it is.
#[test]
fn a_sites_own_i18n_file_overrides_single_words() {
    let mut files = fixture();
    files.push((
        "i18n/zh.toml",
        "[mode]\njoint-lab = \"共建实验室\"\n[kind]\ncases = \"校企案例\"\n[stats]\ntitle = \"数字联盟\"\n",
    ));
    let dir = site_dir(&files);
    let out = build_files(&options(dir.path(), TODAY));
    let case = page(&out, "cases/lab/index.html");
    assert!(case.contains(r#"<span class="chip chip-plain">共建实验室</span>"#), "{case}");
    assert!(case.contains("深层"), "other words stay: {case}");
    let stats = page(&out, "stats/index.html");
    assert!(stats.contains("<h1>数字联盟</h1>") && stats.contains("共建实验室"), "{stats}");
    // The home page names the kinds from the table; the cases listing and its feed
    // keep the title of the listing's intro (`_index.md`), which wins over the table.
    assert!(page(&out, "index.html").contains("校企案例"));
    assert!(page(&out, "cases/atom.xml").contains("<title>测试联盟 · 合作案例</title>"));
    assert!(page(&out, "policies/atom.xml").contains("<title>测试联盟 · 政策</title>"));
}

/// An edit that changes what a demand page shows of another item (the title of a
/// member it suggests, which the demand does not name) renders that page again in
/// `serve`: the insight facts did not change, an item they show did. The served
/// site equals a fresh build.
#[test]
fn renaming_a_suggested_member_renders_the_demand_page_again() {
    use qiao::serve::preview::Preview;
    use qiao::serve::watch::Changes;
    let dir = site_dir(&fixture());
    let root = dir.path();
    let mut p = Preview::new(options(root, TODAY), "127.0.0.1:4000");
    p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
    let before = build_files(p.options());
    let demand = String::from_utf8(before["demands/cnc/index.html"].clone()).unwrap();
    assert!(demand.contains("insight-docking") && demand.contains("浔江大学"), "{demand}");

    let path = root.join("content/members/uni.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("title = \"浔江大学\"", "title = \"浔江理工大学\""))
        .unwrap();
    let changes =
        Changes { content: ["content/members/uni.md".to_owned()].into(), ..Changes::default() };
    let update = p.rebuild(&changes).unwrap_or_else(|f| panic!("{}", f.terminal()));
    assert!(update.partial, "an edit renders only what it touched");
    let served = served(&p);
    let want = build_files(p.options());
    assert!(String::from_utf8_lossy(&want["demands/cnc/index.html"]).contains("浔江理工大学"));
    assert!(
        served["demands/cnc/index.html"] == want["demands/cnc/index.html"],
        "the demand page still shows the old title of a member it suggests"
    );
    assert!(served == want, "the served site differs from a fresh build");
}
