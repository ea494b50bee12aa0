//! The renderer on small sites built in temp dirs: every page kind, links,
//! sanitizing, summaries, base path, pagination, determinism, template errors.

use std::collections::BTreeMap;
use std::path::Path;

use qiao::insight;
use qiao::model::Site;
use qiao::output::OutputFile;
use qiao::render::{RenderOptions, Renderer};

/// Writes `files` under a fresh temp dir.
fn site_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn load(root: &Path) -> Site {
    let config = qiao::config::load(root).unwrap_or_else(|d| panic!("{d:?}"));
    let today = jiff::civil::date(2025, 6, 1);
    qiao::content::load(root, config, false, today)
        .unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)))
}

fn render(root: &Path, options: RenderOptions) -> Result<BTreeMap<String, Vec<u8>>, Vec<String>> {
    let site = load(root);
    let insights = insight::compute(&site);
    let r = Renderer::new(&site, root, options, &insights)
        .map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let files =
        r.render_all().map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    Ok(files.into_iter().map(|OutputFile { path, bytes }| (path, bytes)).collect())
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
    assert!(errors[0].starts_with("content/about2.md:5:18: error: link `/nope/`"), "{errors:#?}");
    assert!(errors[1].starts_with("content/cases/broken.md:8:5: error: link `../members/nobody.md` points to `content/members/nobody.md`, which does not exist"), "{errors:#?}");
    assert!(
        errors[2].starts_with("content/cases/broken.md:9:5: error: link `/images/none.png`"),
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
    let site = load(dir.path());
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
/// `QIAO_SITE=. QIAO_OUT=/tmp/out cargo test --test render write_site -- --ignored`
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
