//! Alliance intelligence on a small site whose right answers are known: demand
//! docking, the partner network, statistics, the policy finder, the SVG drawings
//! (well-formed XML, editor text escaped), the theme's insight templates, and
//! determinism. A timing test over a generated 10k corpus is `#[ignore]`d; run it
//! with `cargo test --release --test insight -- --ignored --nocapture`.

use std::path::Path;

use serde_json::Value;

use qiao::insight::{Insights, compute};
use qiao::model::Site;

mod common;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn load(root: &Path, today: &str) -> Site {
    let config = qiao::config::load(root).unwrap_or_else(|e| panic!("site.toml: {e:?}"));
    let today: jiff::civil::Date = today.parse().unwrap();
    qiao::content::load(root, config, false, today).unwrap_or_else(|e| panic!("content: {e:#?}"))
}

/// A technology demand of Hengrui in intelligent manufacturing that mentions
/// 数控加工; Xunjiang University has that expertise, three joint R&D cases, a
/// fitting roadshow project and the same region, so it must rank first.
fn fixture() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        r#"title = "测试联盟"
base_url = "https://example.org/alliance/"
language = "zh"

[taxonomies]
industries.intelligent-manufacturing = "智能制造"
industries.modern-agriculture = "现代农业"
regions.linxun = "临浔区"
"#,
    );
    let member = |slug: &str, front: &str| {
        write(
            root,
            &format!("content/members/{slug}.md"),
            &format!("+++\n{front}\n+++\n\n介绍。\n"),
        );
    };
    member(
        "hengrui",
        r#"title = "恒锐精密"
date = 2024-01-01
type = "enterprise"
industries = ["intelligent-manufacturing"]
regions = ["linxun"]
offers = ["research", "funding"]
expertise = ["数控加工"]"#,
    );
    member(
        "xjtu",
        r#"title = "浔江大学"
date = 2024-01-01
type = "university"
industries = ["intelligent-manufacturing"]
regions = ["linxun"]
offers = ["research", "equipment"]
expertise = ["数控加工", "精密测量"]"#,
    );
    member(
        "vocational",
        r#"title = "浔江职业技术学院"
date = 2024-01-01
type = "college"
industries = ["intelligent-manufacturing"]
offers = ["talent", "training"]"#,
    );
    member(
        "orchard",
        r#"title = "赣南果业"
date = 2024-01-01
type = "enterprise"
industries = ["modern-agriculture"]
regions = ["linxun"]
offers = ["research", "funding"]
expertise = ["脐橙种植"]"#,
    );
    member(
        "vision",
        r#"title = "Vision Institute"
date = 2024-01-01
type = "institute"
lang = "en"
industries = ["electronic-information"]
offers = ["research"]
expertise = ["Machine Vision"]"#,
    );
    member(
        "ai-corp",
        r#"title = "AI Corp"
date = 2024-01-01
type = "enterprise"
industries = ["digital-economy"]
offers = ["research", "consulting"]
expertise = ["AI"]"#,
    );
    member(
        "acme",
        r#"title = "Acme <R&D> \"Lab\" & Co"
date = 2024-01-01
type = "enterprise"
industries = ["new-materials"]"#,
    );
    member(
        "assoc",
        r#"title = "浔江智能制造协会"
date = 2024-01-01
type = "association"
industries = ["intelligent-manufacturing"]"#,
    );

    let case = |slug: &str, front: &str| {
        write(root, &format!("content/cases/{slug}.md"), &format!("+++\n{front}\n+++\n\n案例。\n"));
    };
    case(
        "c1",
        r#"title = "热误差补偿联合研发"
date = 2024-03-01
partners = ["xjtu", "hengrui"]
modes = ["joint-rnd"]
depth = "deep"
started = 2023-05-01
industries = ["intelligent-manufacturing"]
policies = ["p1"]"#,
    );
    case(
        "c2",
        r#"title = "精密测量联合实验室"
date = 2024-06-01
partners = ["hengrui", "xjtu"]
modes = ["joint-rnd", "joint-lab"]
depth = "middle"
started = 2024-02-01
industries = ["intelligent-manufacturing"]
policies = ["p1", "p2"]"#,
    );
    case(
        "c3",
        r#"title = "Acme 新材料联合研发"
date = 2025-01-10
partners = ["xjtu", "acme"]
modes = ["joint-rnd"]
depth = "shallow"
industries = ["new-materials"]"#,
    );
    case(
        "c4",
        r#"title = "数控订单班"
date = 2025-02-01
partners = ["vocational", "hengrui"]
modes = ["order-training"]"#,
    );

    let demand = |slug: &str, front: &str, body: &str| {
        write(
            root,
            &format!("content/demands/{slug}.md"),
            &format!("+++\n{front}\n+++\n\n{body}\n"),
        );
    };
    demand(
        "d-open",
        r#"title = "薄壁件数控加工变形控制"
date = 2025-05-01
need = "technology"
organization = "hengrui"
deadline = 2025-12-31
trl = 6
industries = ["intelligent-manufacturing"]
regions = ["linxun"]"#,
        "我们希望在五轴数控加工中控制变形，并引入 machine vision 在线检测。设备需要 maintain 得更好。",
    );
    demand(
        "d-closed",
        r#"title = "已关闭的数控加工需求"
date = 2025-01-01
need = "technology"
organization = "hengrui"
deadline = 2025-12-31
status = "closed"
industries = ["intelligent-manufacturing"]"#,
        "数控加工。",
    );
    demand(
        "d-expired",
        r#"title = "过期的数控加工需求"
date = 2024-01-01
need = "technology"
organization = "hengrui"
deadline = 2025-01-31
industries = ["intelligent-manufacturing"]"#,
        "数控加工。",
    );
    demand(
        "d-en",
        r#"title = "CNC technicians wanted"
date = 2025-05-02
lang = "en"
need = "talent"
organization = "hengrui"
deadline = 2025-09-30
industries = ["intelligent-manufacturing"]"#,
        "We need CNC technicians.",
    );

    write(
        root,
        "content/roadshows/r1.md",
        r#"+++
title = "智能制造成果路演"
date = 2025-02-01
start = 2025-03-01T09:00:00+08:00
organizer = "assoc"
venue = { name = "会展中心", city = "浔江" }
industries = ["intelligent-manufacturing"]

[[projects]]
title = "五轴加工误差补偿"
team = "xjtu"
seeking = "licensing"
trl = 6

[[projects]]
title = "无团队项目"
+++

路演。
"#,
    );

    let policy = |slug: &str, front: &str| {
        write(
            root,
            &format!("content/policies/{slug}.md"),
            &format!("+++\n{front}\n+++\n\n政策。\n"),
        );
    };
    policy(
        "p1",
        r#"title = "省级产教融合激励办法"
date = 2024-01-01
issuer = "省教育厅"
level = "provincial"
issued = 2024-01-01
industries = ["intelligent-manufacturing"]
regions = ["linxun"]

[[incentives]]
kind = "tax"
text = "减免。"

[[incentives]]
kind = "funding"
text = "补助。"

[[incentives]]
kind = "tax"
text = "再减免。""#,
    );
    policy(
        "p2",
        r#"title = "已废止的国家政策"
date = 2020-01-01
issuer = ["国务院", "教育部"]
level = "national"
issued = 2020-01-01
status = "repealed"

[[incentives]]
kind = "talent"
text = "人才。""#,
    );
    policy(
        "p3",
        r#"title = "尚未生效的市级政策"
date = 2025-05-01
issuer = "市政府"
level = "municipal"
issued = 2025-05-01
effective = 2025-07-01"#,
    );

    let site = load(root, "2025-06-01");
    (dir, site)
}

fn slugs(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|x| x["slug"].as_str().unwrap()).collect()
}

fn output(ins: &Insights, path: &str) -> Value {
    let file =
        ins.outputs().into_iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
    assert_eq!(file.bytes.last(), Some(&b'\n'));
    serde_json::from_slice(&file.bytes).unwrap()
}

fn page(ins: &Insights, path: &str) -> (&'static str, Value) {
    let (_, template, ctx) =
        ins.pages().into_iter().find(|p| p.0 == path).unwrap_or_else(|| panic!("no {path}"));
    (template, ctx["insight"].clone())
}

#[test]
fn the_right_partner_ranks_first_and_the_own_organization_never_appears() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let ctx = ins.demand_context("d-open");
    let list = &ctx["suggestions"];
    let found = slugs(list);
    assert_eq!(found.first(), Some(&"xjtu"), "{list:#}");
    assert!(!found.contains(&"hengrui"), "the demand's own organization: {found:?}");
    assert!(!found.contains(&"orchard"), "nothing topical in common: {found:?}");
    assert!(!found.contains(&"ai-corp"), "`AI` must not match inside `maintain`: {found:?}");
    assert!(found.contains(&"vision"), "expertise keyword in the text, any case: {found:?}");

    let first = &list[0];
    assert_eq!(first["url"], "/alliance/members/xjtu/");
    assert_eq!(first["type"], "university");
    assert_eq!(first["type_label"], "高校");
    // 4 keyword + 3 industry + 3 offers + 3×2 cases + 3 project + 2 region
    assert_eq!(first["score"], 21);
    let reasons: Vec<&str> =
        first["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        [
            "专长「数控加工」见于需求",
            "同属智能制造",
            "3 项联合研发案例",
            "1 项联合实验室案例",
            "可提供科研、设备",
            "路演项目「五轴加工误差补偿」",
            "同在临浔区",
        ]
    );
    assert_eq!(ctx["labels"]["heading"], "推荐对接伙伴");

    // Scores are in descending order.
    let scores: Vec<u64> =
        list.as_array().unwrap().iter().map(|s| s["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn only_open_demands_get_suggestions() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    for slug in ["d-closed", "d-expired", "no-such-demand"] {
        assert_eq!(ins.demand_context(slug)["suggestions"], serde_json::json!([]), "{slug}");
    }
    let matches = output(&ins, "demands/matches.json");
    assert_eq!(matches["today"], "2025-06-01");
    assert_eq!(matches["count"], 2);
    let demands: Vec<&str> = slugs(&matches["demands"]);
    assert_eq!(demands, ["d-en", "d-open"]);
    let open = &matches["demands"][1];
    assert_eq!(open["url"], "https://example.org/alliance/demands/d-open/");
    assert_eq!(open["suggestions"][0]["slug"], "xjtu");
    assert_eq!(open["suggestions"][0]["url"], "https://example.org/alliance/members/xjtu/");
    assert_eq!(
        open["suggestions"],
        ins.demand_context("d-open")["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut s = s.clone();
                let o = s.as_object_mut().unwrap();
                o.remove("type_label");
                o.insert(
                    "url".into(),
                    format!("https://example.org{}", o["url"].as_str().unwrap()).into(),
                );
                s
            })
            .collect::<Value>()
    );
}

#[test]
fn reasons_follow_the_page_language() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let ctx = ins.demand_context("d-en");
    let list = &ctx["suggestions"];
    assert_eq!(ctx["labels"]["heading"], "Suggested partners");
    // A talent need: the college offering talent and training with an order-training case.
    assert_eq!(list[0]["slug"], "vocational", "{list:#}");
    assert_eq!(list[0]["type_label"], "college");
    let reasons: Vec<&str> =
        list[0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(reasons.contains(&"same industry: 智能制造"), "{reasons:?}");
    assert!(reasons.contains(&"1 order-based training case"), "{reasons:?}");
    assert!(reasons.contains(&"offers talent, training"), "{reasons:?}");

    // The English member page shows its open demands with English reasons.
    let vision = ins.member_context("vision");
    assert_eq!(vision["labels"]["demands_heading"], "Open demands it could answer");
    assert_eq!(slugs(&vision["open_demands"]), ["d-open"]);
    assert_eq!(
        vision["open_demands"][0]["reasons"][0],
        "expertise “Machine Vision” mentioned in the demand"
    );
}

#[test]
fn member_pages_show_open_demands_and_partners() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let xjtu = ins.member_context("xjtu");
    let demands = slugs(&xjtu["open_demands"]);
    assert_eq!(demands, ["d-open"]);
    let d = &xjtu["open_demands"][0];
    assert_eq!(d["deadline"], "2025-12-31");
    assert_eq!(d["url"], "/alliance/demands/d-open/");
    assert_eq!(d["need"], "technology");
    assert_eq!(d["score"], 21);
    assert_eq!(d["reasons"][0], "专长「数控加工」见于需求");

    // Its own demands are never suggested to the organization.
    assert!(slugs(&ins.member_context("hengrui")["open_demands"]).is_empty());
    assert!(slugs(&ins.member_context("orchard")["open_demands"]).is_empty());

    let partners = &xjtu["partners"];
    assert_eq!(slugs(partners), ["hengrui", "acme", "assoc"]);
    assert_eq!(partners[0]["cases"], 2);
    assert_eq!(partners[0]["depth"], serde_json::json!({ "shallow": 0, "middle": 1, "deep": 1 }));
    assert_eq!(partners[0]["roadshows"], 0);
    assert_eq!(partners[0]["type"], "enterprise");
    assert_eq!(partners[1]["depth"], serde_json::json!({ "shallow": 1, "middle": 0, "deep": 0 }));
    assert_eq!(partners[2]["cases"], 0);
    assert_eq!(partners[2]["roadshows"], 1);
    assert_eq!(partners[2]["url"], "/alliance/members/assoc/");

    let hengrui = slugs(&ins.member_context("hengrui")["partners"]).join(",");
    assert_eq!(hengrui, "xjtu,vocational");
    let vocational = &ins.member_context("vocational")["partners"][0];
    assert_eq!(vocational["cases"], 1);
    assert_eq!(vocational["depth"], serde_json::json!({ "shallow": 0, "middle": 0, "deep": 0 }));
    assert_eq!(ins.member_context("orchard")["partners"], serde_json::json!([]));
}

#[test]
fn network_counts_edges_and_depths() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let net = output(&ins, "network/index.json");
    let edges = net["edges"].as_array().unwrap();
    let pairs: Vec<(String, String, u64, u64)> = edges
        .iter()
        .map(|e| {
            (
                e["a"].as_str().unwrap().to_owned(),
                e["b"].as_str().unwrap().to_owned(),
                e["cases"].as_u64().unwrap(),
                e["roadshows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("hengrui".into(), "xjtu".into(), 2, 0),
            ("acme".into(), "xjtu".into(), 1, 0),
            ("hengrui".into(), "vocational".into(), 1, 0),
            ("assoc".into(), "xjtu".into(), 0, 1),
        ]
    );
    assert_eq!(edges[0]["depth"], serde_json::json!({ "shallow": 0, "middle": 1, "deep": 1 }));

    let members: Vec<&str> = slugs(&net["members"]);
    assert_eq!(members, ["xjtu", "hengrui", "acme", "vocational", "assoc"]);
    let xjtu = &net["members"][0];
    assert_eq!(xjtu["case_partners"], 2);
    assert_eq!(xjtu["partners"], 3);
    assert_eq!(xjtu["cases"], 3);
    assert_eq!(xjtu["depth"], serde_json::json!({ "shallow": 1, "middle": 1, "deep": 1 }));
    assert_eq!(xjtu["roadshows"], 1);

    let (template, ctx) = page(&ins, "network/index.html");
    assert_eq!(template, "network.html");
    assert_eq!(ctx["drawn"], 4, "members with case partners");
    assert_eq!(ctx["capped"], false);
    assert_eq!(ctx["members"].as_array().unwrap().len(), 5);
    assert_eq!(ctx["edges"].as_array().unwrap().len(), 3, "drawn pairs are case pairs");
    let svg = ctx["svg"].as_str().unwrap();
    assert_well_formed(svg);
    assert!(svg.contains(r#"<a href="/alliance/members/xjtu/">"#), "nodes link to members");
    assert!(svg.contains("Acme &lt;R&amp;D&gt; &quot;Lab&quot;"), "titles are escaped");
    assert!(!svg.contains("<R&D>"));
    assert_eq!(svg.matches("<path ").count(), 3);
    assert_eq!(svg.matches("<circle ").count(), 4);
    assert_eq!(svg.matches("d-deep").count(), 1);
    // The legend names every type drawn, on the ring or apart, with how many.
    let legend: Vec<(&str, u64)> = ctx["legend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["type"].as_str().unwrap(), l["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        legend,
        [
            ("university", 1),
            ("college", 1),
            ("enterprise", 4),
            ("association", 1),
            ("institute", 1)
        ]
    );

    // Members that share no case (`assoc` met partners at a roadshow only) are
    // drawn apart and listed, by type, then title.
    assert_eq!(slugs(&net["unconnected"]), ["ai-corp", "orchard", "assoc", "vision"]);
    assert_eq!(net["unconnected"][2]["roadshows"], 1);
    assert_eq!(ctx["apart_count"], 4);
    assert_eq!(ctx["apart_drawn"], 4);
    assert_eq!(ctx["apart_capped"], false);
    let groups: Vec<(&str, Vec<&str>)> = ctx["apart"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["type"].as_str().unwrap(), slugs(&g["members"])))
        .collect();
    assert_eq!(
        groups,
        [
            ("enterprise", vec!["ai-corp", "orchard"]),
            ("association", vec!["assoc"]),
            ("institute", vec!["vision"])
        ]
    );
    let apart = ctx["apart_svg"].as_str().unwrap();
    assert_well_formed(apart);
    assert_eq!(apart.matches("<circle ").count(), 4);
    assert!(!apart.contains("<path "), "no lines to members apart");
    assert!(apart.contains(r#"<a href="/alliance/members/orchard/">"#));
    assert!(!svg.contains("/members/orchard/"), "not on the ring");
    // Drawn at the ring's scale: the same width.
    let width = |svg: &str| {
        svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().to_owned()
    };
    assert_eq!(width(apart), width(svg));
}

/// A site where one member has no case: the network still shows it, apart from
/// the ring, and the built `/network/` page links to it under the theme's heading.
#[test]
fn a_member_without_a_case_is_drawn_apart_and_listed_on_the_built_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"测试联盟\"\nbase_url = \"https://example.org/alliance/\"\nlanguage = \"zh\"\n",
    );
    for (slug, title, kind) in [
        ("xjtu", "浔江大学", "university"),
        ("hengrui", "恒锐精密", "enterprise"),
        ("edu-bureau", "浔江市教育局 <局>", "government"),
    ] {
        write(
            root,
            &format!("content/members/{slug}.md"),
            &format!(
                "+++\ntitle = \"{title}\"\ndate = 2024-01-01\ntype = \"{kind}\"\n+++\n\n介绍。\n"
            ),
        );
    }
    write(
        root,
        "content/cases/c1.md",
        "+++\ntitle = \"联合研发\"\ndate = 2025-01-01\npartners = [\"xjtu\", \"hengrui\"]\nmodes = [\"joint-rnd\"]\n+++\n\n正文。\n",
    );
    let site = load(root, "2025-06-01");

    // The facts: on the ring two members, apart the third.
    let ins = compute(&site);
    let net = output(&ins, "network/index.json");
    assert_eq!(slugs(&net["members"]), ["hengrui", "xjtu"]);
    assert_eq!(slugs(&net["unconnected"]), ["edu-bureau"]);
    assert_eq!(net["unconnected"][0]["cases"], 0);
    assert_eq!(net["unconnected"][0]["url"], "https://example.org/alliance/members/edu-bureau/");
    let (_, ctx) = page(&ins, "network/index.html");
    assert_eq!(ctx["drawn"], 2);
    assert_eq!(ctx["apart_drawn"], 1);
    assert_eq!(ctx["apart"][0]["type"], "government");
    assert_eq!(ctx["apart"][0]["members"][0]["url"], "/alliance/members/edu-bureau/");
    let apart = ctx["apart_svg"].as_str().unwrap();
    assert_well_formed(apart);
    assert!(apart.contains(r#"<a href="/alliance/members/edu-bureau/">"#), "{apart}");
    assert!(apart.contains("浔江市教育局 &lt;局&gt;"), "titles are escaped: {apart}");
    assert!(!ctx["svg"].as_str().unwrap().contains("edu-bureau"));

    // The built page, through the library as `qiao build` does.
    let mut options = qiao::config::BuildOptions::new(root);
    options.today = Some("2025-06-01".parse().unwrap());
    let mut timings = qiao::build::Timings::default();
    let site = qiao::build::load(&options, &mut timings).unwrap_or_else(|e| panic!("{e:?}"));
    let files =
        qiao::build::render(&site, &options, &mut timings).unwrap_or_else(|e| panic!("{e:?}"));
    let html = files.iter().find(|f| f.path == "network/index.html").expect("network page");
    let html = std::str::from_utf8(&html.bytes).unwrap();
    let zh: toml::Table = toml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/zh.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    let heading = zh["network_apart"].as_str().unwrap();
    let intro = zh["network_apart_intro"].as_str().unwrap();
    assert!(html.contains(heading) && html.contains(intro), "the theme's words: {html}");
    // Once in the drawing apart, once in the list under the heading.
    let link = r#"<a href="/alliance/members/edu-bureau/">"#;
    assert_eq!(html.matches(link).count(), 2, "{html}");
    assert!(
        html.contains(r#"<a href="/alliance/members/edu-bureau/">浔江市教育局 &lt;局&gt;</a>"#)
    );
    let list = &html[html.find(r#"id="insight-apart-title""#).expect("the list's heading")..];
    assert!(list.contains(link), "listed under the heading");
    assert!(files.iter().any(|f| f.path == "members/edu-bureau/index.html"), "the link resolves");
}

/// Past `MAX_APART` (120) members without a case partner, those closest to a
/// case (partners met at roadshows) are drawn apart; the page still lists them all.
#[test]
fn members_apart_past_the_cap_keep_those_with_roadshow_partners() {
    const MAX_APART: usize = 120;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"测试联盟\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh\"\n",
    );
    let total = MAX_APART + 2;
    for n in 0..total {
        write(
            root,
            &format!("content/members/m{n:03}.md"),
            &format!(
                "+++\ntitle = \"成员 {n:03}\"\ndate = 2024-01-01\ntype = \"enterprise\"\n+++\n"
            ),
        );
    }
    // The last two by title met at a roadshow: they are drawn, the two before them not.
    let (a, b) = (format!("m{:03}", total - 2), format!("m{:03}", total - 1));
    write(
        root,
        "content/roadshows/r1.md",
        &format!(
            "+++\ntitle = \"路演\"\ndate = 2025-02-01\nstart = 2025-03-01T09:00:00+08:00\norganizer = [\"{a}\", \"{b}\"]\nvenue = {{ name = \"会展中心\" }}\n+++\n"
        ),
    );
    let site = load(root, "2025-06-01");
    let ins = compute(&site);
    let (_, ctx) = page(&ins, "network/index.html");
    assert_eq!(ctx["drawn"], 0);
    assert_eq!(ctx["apart_count"], total);
    assert_eq!(ctx["apart_drawn"], MAX_APART);
    assert_eq!(ctx["apart_capped"], true);
    assert_eq!(ctx["apart"][0]["members"].as_array().unwrap().len(), total, "all listed");
    let apart = ctx["apart_svg"].as_str().unwrap();
    assert_well_formed(apart);
    assert_eq!(apart.matches("<circle ").count(), MAX_APART);
    let drawn = |n: usize| apart.contains(&format!("/members/m{n:03}/"));
    assert!(drawn(0) && drawn(MAX_APART - 3) && drawn(total - 2) && drawn(total - 1));
    assert!(!drawn(MAX_APART - 2) && !drawn(MAX_APART - 1));
    let unconnected = output(&ins, "network/index.json")["unconnected"].as_array().unwrap().len();
    assert_eq!(unconnected, total);
}

#[test]
fn statistics_match_the_fixture() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let stats = output(&ins, "stats/index.json");
    assert_eq!(stats["today"], "2025-06-01");
    let cases = &stats["cases"];
    assert_eq!(cases["total"], 4);
    assert_eq!(cases["by_mode"]["joint-rnd"], 3);
    assert_eq!(cases["by_mode"]["joint-lab"], 1);
    assert_eq!(cases["by_mode"]["order-training"], 1);
    assert_eq!(cases["by_mode"]["apprenticeship"], 0);
    assert_eq!(
        cases["by_depth"],
        serde_json::json!({ "deep": 1, "middle": 1, "shallow": 1, "unspecified": 1 })
    );
    assert_eq!(
        cases["by_industry"],
        serde_json::json!({ "intelligent-manufacturing": 2, "new-materials": 1 })
    );
    // `started` when given, else `date`.
    assert_eq!(cases["by_year"], serde_json::json!({ "2023": 1, "2024": 1, "2025": 2 }));

    let demands = &stats["demands"];
    assert_eq!(demands["total"], 4);
    assert_eq!(demands["by_need"]["technology"], 3);
    assert_eq!(demands["by_need"]["talent"], 1);
    assert_eq!(
        demands["by_state"],
        serde_json::json!({ "open": 2, "expired": 1, "in-talks": 0, "matched": 0, "closed": 1 })
    );

    let roadshows = &stats["roadshows"];
    assert_eq!(roadshows["total"], 1);
    assert_eq!(roadshows["projects"], 2);
    assert_eq!(roadshows["projects_by_seeking"]["licensing"], 1);
    assert_eq!(roadshows["projects_by_seeking"]["unspecified"], 1);
    assert_eq!(roadshows["projects_by_trl"]["6"], 1);
    assert_eq!(roadshows["projects_by_trl"]["unspecified"], 1);

    let policies = &stats["policies"];
    assert_eq!(policies["total"], 3);
    assert_eq!(policies["by_level"]["provincial"], 1);
    assert_eq!(policies["by_level"]["national"], 1);
    assert_eq!(policies["by_level"]["municipal"], 1);
    assert_eq!(policies["by_state"]["in-force"], 1);
    assert_eq!(policies["by_state"]["repealed"], 1);
    assert_eq!(policies["by_state"]["upcoming"], 1);
    // A policy with two tax incentives counts once.
    assert_eq!(policies["by_incentive"]["tax"], 1);
    assert_eq!(policies["by_incentive"]["funding"], 1);
    assert_eq!(policies["by_incentive"]["talent"], 1);

    let members = &stats["members"];
    assert_eq!(members["total"], 8);
    assert_eq!(members["by_type"]["enterprise"], 4);
    assert_eq!(members["by_type"]["university"], 1);
    assert_eq!(members["by_region"]["linxun"], 3);
    assert_eq!(members["by_region"]["unspecified"], 5);

    // The page has the same numbers, a chart for each, and every chart is XML.
    let (template, ctx) = page(&ins, "stats/index.html");
    assert_eq!(template, "stats.html");
    let mut charts = 0;
    for section in ctx["sections"].as_array().unwrap() {
        let id = section["id"].as_str().unwrap();
        assert_eq!(section["total"], stats[id]["total"], "{id}");
        for chart in section["charts"].as_array().unwrap() {
            let cid = chart["id"].as_str().unwrap();
            for row in chart["rows"].as_array().unwrap() {
                let key = row["key"].as_str().unwrap();
                assert_eq!(row["count"], stats[id][cid][key], "{id}.{cid}.{key}");
            }
            let svg = chart["svg"].as_str().unwrap();
            if !chart["rows"].as_array().unwrap().is_empty() {
                assert_well_formed(svg);
                assert!(svg.contains("viewBox=") && svg.contains(r#"width="100%""#));
                assert!(!svg.contains("#"), "colours come from CSS, not the SVG: {svg}");
            }
            charts += 1;
        }
    }
    assert_eq!(charts, 13);
}

#[test]
fn policy_finder_lists_every_policy_with_its_facets() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let (template, ctx) = page(&ins, "policies/finder/index.html");
    assert_eq!(template, "policy-finder.html");
    assert_eq!(ctx["total"], 3);
    // Newest first.
    assert_eq!(slugs(&ctx["policies"]), ["p3", "p1", "p2"]);
    let p1 = &ctx["policies"][1];
    assert_eq!(p1["url"], "/alliance/policies/p1/");
    assert_eq!(p1["data"]["level"], "provincial");
    assert_eq!(p1["data"]["state"], "in-force");
    assert_eq!(p1["data"]["incentive"], "tax funding");
    assert_eq!(p1["data"]["industry"], "intelligent-manufacturing");
    assert_eq!(p1["data"]["region"], "linxun");
    assert_eq!(ctx["policies"][2]["issuer"], "国务院、教育部");
    let facets: Vec<&str> =
        ctx["facets"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(facets, ["level", "state", "incentive", "industry", "region"]);
    let incentive = &ctx["facets"][2]["options"];
    assert_eq!(
        incentive
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["value"].as_str().unwrap(), o["count"].as_u64().unwrap()))
            .collect::<Vec<_>>(),
        [("tax", 1), ("funding", 1), ("talent", 1)]
    );
    assert_eq!(ctx["facets"][3]["options"][0]["label"], "智能制造");

    // Policy → cases, newest first.
    assert_eq!(slugs(&ins.policy_context("p1")["cases"]), ["c2", "c1"]);
    assert_eq!(ins.policy_context("p1")["cases"][0]["url"], "/alliance/cases/c2/");
    assert_eq!(slugs(&ins.policy_context("p2")["cases"]), ["c2"]);
    assert_eq!(ins.policy_context("p3")["cases"], serde_json::json!([]));
}

#[test]
fn output_is_deterministic() {
    let (_dir, site) = fixture();
    let a = compute(&site);
    let b = compute(&site);
    assert_eq!(a.outputs(), b.outputs());
    assert_eq!(a.pages(), b.pages());
    for item in &site.items {
        assert_eq!(a.demand_context(&item.slug), b.demand_context(&item.slug));
        assert_eq!(a.member_context(&item.slug), b.member_context(&item.slug));
        assert_eq!(a.policy_context(&item.slug), b.policy_context(&item.slug));
    }
    let paths: Vec<String> = a.outputs().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["demands/matches.json", "network/index.json", "stats/index.json"]);
}

#[test]
fn an_empty_site_has_empty_insights() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site.toml",
        "title = \"Empty\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
    );
    write(
        dir.path(),
        "content/about.md",
        "+++\ntitle = \"About\"\ndate = 2025-01-01\n+++\n\nHello.\n",
    );
    let site = load(dir.path(), "2025-06-01");
    let ins = compute(&site);
    let (_, net) = page(&ins, "network/index.html");
    assert_eq!(net["drawn"], 0);
    assert_eq!(net["title"], "Cooperation network");
    assert_well_formed(net["svg"].as_str().unwrap());
    let (_, finder) = page(&ins, "policies/finder/index.html");
    assert_eq!(finder["total"], 0);
    assert_eq!(output(&ins, "demands/matches.json")["count"], 0);
    assert_eq!(output(&ins, "stats/index.json")["members"]["total"], 0);
}

#[test]
fn templates_render_with_the_contexts() {
    let (_dir, site) = fixture();
    let ins = compute(&site);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let read = |name: &str| std::fs::read_to_string(theme.join(name)).unwrap();
    let mut tera = tera::Tera::new();
    // The theme's `fmt` filter (`{{ t.items_count | fmt(n=3) }}`), as qiao registers it.
    tera.register_filter(
        "fmt",
        |s: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let n: tera::Value = kwargs.must_get("n")?;
            Ok(s.replace("{n}", &n.to_string()))
        },
    );
    tera.add_raw_templates(vec![
        ("base.html", "<html lang=\"{{ lang }}\"><title>{% block title %}{% endblock title %}</title><meta name=\"description\" content=\"{% block description %}{% endblock description %}\">{% block head %}{% endblock head %}<main>{% block content %}{% endblock content %}</main>{% block scripts %}{% endblock scripts %}</html>".to_owned()),
        ("network.html", read("network.html")),
        ("stats.html", read("stats.html")),
        ("policy-finder.html", read("policy-finder.html")),
        ("partials/insight-demand.html", read("partials/insight-demand.html")),
        ("partials/insight-member.html", read("partials/insight-member.html")),
        ("demand.html", "{% include \"partials/insight-demand.html\" %}".to_owned()),
        ("member.html", "{% include \"partials/insight-member.html\" %}".to_owned()),
    ])
    .unwrap();
    let strings: Value = toml::from_str::<toml::Table>(
        &std::fs::read_to_string(theme.join("../i18n/zh.toml")).unwrap(),
    )
    .map(|t| serde_json::to_value(t).unwrap())
    .unwrap();
    let base = |extra: &Value| {
        let mut ctx = tera::Context::new();
        ctx.insert("base_path", "/alliance/");
        ctx.insert("lang", "zh");
        ctx.insert("t", &strings);
        ctx.insert("site", &serde_json::json!({ "title": "测试联盟" }));
        for (k, v) in extra.as_object().unwrap() {
            ctx.insert(k.clone(), v);
        }
        ctx
    };
    for (path, template, value) in ins.pages() {
        let html = tera.render(template, &base(&value)).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        assert!(html.contains("/alliance/css/insight.css"), "{path}");
        assert!(!html.contains("<R&D>"), "{path}: editor text is escaped");
        if path == "policies/finder/index.html" {
            assert!(
                html.contains(r#"<script src="/alliance/js/insight-finder.js" defer></script>"#)
            );
            assert_eq!(html.matches("data-level=").count(), 3);
            assert!(html.contains(r#"data-incentive="tax funding""#));
            assert!(html.contains("data-finder-form hidden"), "the form waits for the script");
        }
        if path == "network/index.html" {
            assert!(html.contains("<svg"));
            assert!(html.contains("Acme &lt;R&amp;D&gt;"));
            assert!(html.contains(r#"<a href="/alliance/members/orchard/">赣南果业</a>"#));
            assert!(html.contains(strings["network_apart"].as_str().unwrap()));
        }
        if path == "stats/index.html" {
            assert_eq!(html.matches("<svg").count(), 13);
        }
    }
    let demand = tera
        .render(
            "demand.html",
            &base(&serde_json::json!({ "insight": ins.demand_context("d-open") })),
        )
        .unwrap();
    assert!(demand.contains(r#"<a href="/alliance/members/xjtu/">浔江大学</a>"#), "{demand}");
    assert!(demand.contains("<li>3 项联合研发案例</li>"));
    let closed = tera
        .render(
            "demand.html",
            &base(&serde_json::json!({ "insight": ins.demand_context("d-closed") })),
        )
        .unwrap();
    assert!(!closed.contains("<section"), "no section for a closed demand: {closed}");
    let member = tera
        .render("member.html", &base(&serde_json::json!({ "insight": ins.member_context("xjtu") })))
        .unwrap();
    assert!(member.contains("Acme &lt;R&amp;D&gt; &quot;Lab&quot; &amp; Co"), "{member}");
    assert!(member.contains(r#"<a href="/alliance/demands/d-open/">"#));
    let lonely = tera
        .render(
            "member.html",
            &base(&serde_json::json!({ "insight": ins.member_context("orchard") })),
        )
        .unwrap();
    assert!(!lonely.contains("<section"));
}

/// Parses `svg` as XML, failing on any syntax error or mismatched tag.
fn assert_well_formed(svg: &str) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                panic!("SVG is not well-formed XML at {}: {e}\n{svg}", reader.buffer_position())
            }
        }
    }
    assert_eq!(depth, 0, "unbalanced SVG");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

/// Times `compute` on a generated 10k-document corpus (the issue asks for well
/// under 10 % of the build). `QIAO_BENCH_CORPUS` names an existing corpus;
/// otherwise one is generated with the project's `scripts/gen_corpus.py`.
#[test]
#[ignore = "slow: generates and loads a 10,000-document site; run in release mode"]
fn compute_is_fast_on_a_10k_corpus() {
    let root = match std::env::var_os("QIAO_BENCH_CORPUS") {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let dir = std::env::temp_dir().join("qiao-insight-c10k");
            if !dir.join("site.toml").exists() {
                common::generate_corpus(&dir, 10_000);
            }
            dir
        }
    };
    let started = std::time::Instant::now();
    let site = load(&root, "2026-06-01");
    let load_time = started.elapsed();
    let mut best = std::time::Duration::MAX;
    let mut contexts = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let ins = compute(&site);
        best = best.min(t.elapsed());
        let t = std::time::Instant::now();
        let mut n = 0;
        for item in &site.items {
            n += match item.kind {
                qiao::model::Kind::Members => {
                    ins.member_context(&item.slug)["partners"].as_array().map_or(0, Vec::len)
                }
                qiao::model::Kind::Demands => {
                    ins.demand_context(&item.slug)["suggestions"].as_array().map_or(0, Vec::len)
                }
                qiao::model::Kind::Policies => {
                    ins.policy_context(&item.slug)["cases"].as_array().map_or(0, Vec::len)
                }
                _ => 0,
            };
        }
        n += ins.pages().len() + ins.outputs().len();
        contexts = contexts.min(t.elapsed());
        assert!(n > 0);
    }
    eprintln!(
        "{} items: content::load {load_time:.2?}; insight::compute {best:.2?}; every context + pages() + outputs() {contexts:.2?}",
        site.items.len()
    );
}
