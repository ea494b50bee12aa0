//! Alliance intelligence on a small site whose right answers are known: demand
//! docking with its reasons, the partner network, statistics, the policy finder,
//! the SVG drawings (well-formed XML, editor text escaped), and determinism. The
//! facts are checked as `insight::compute` returns them (items, codes, slugs,
//! counts); their wording (reasons, labels, titles in each page's language) on the
//! pages and files a build writes. A timing test over a generated 10k corpus is
//! `#[ignore]`d; run it with
//! `cargo test --release --test testsuite insight::compute_is_fast -- --ignored --nocapture`.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use serde_json::Value;

use qiao::insight::{Insights, Match, Reason, compute};
use qiao::model::{IncentiveKind, Kind, Mode, Offer, PolicyLevel, Site, State};
use qiao::outputs::{self, Texts};

use crate::support::{build_texts, content, generate_corpus, load, options, repo, write};

/// The day the fixtures are loaded and built as of.
const TODAY: Date = date(2025, 6, 1);

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
industries.electronic-information = "电子信息"
industries.digital-economy = "数字经济"
industries.new-materials = "新材料"
regions.linxun = "临浔区"
"#,
    );
    let member = |slug: &str, front: &str| {
        write(
            root,
            &format!("content/members/{slug}.md"),
            &content(&format!("{front}\n"), "介绍。"),
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
        write(root, &format!("content/cases/{slug}.md"), &content(&format!("{front}\n"), "案例。"));
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
        write(root, &format!("content/demands/{slug}.md"), &content(&format!("{front}\n"), body));
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
            &content(&format!("{front}\n"), "政策。"),
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

    let site = load(root, TODAY);
    (dir, site)
}

/// The index of the item of `kind` called `slug`.
fn ix(site: &Site, kind: Kind, slug: &str) -> usize {
    site.items
        .iter()
        .position(|i| i.kind == kind && i.slug == slug)
        .unwrap_or_else(|| panic!("no {kind:?} {slug}"))
}

/// The slugs of the other side of `matches`.
fn matched<'s>(site: &'s Site, matches: &[Match]) -> Vec<&'s str> {
    matches.iter().map(|m| site.items[m.item].slug.as_str()).collect()
}

fn slugs(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|x| x["slug"].as_str().unwrap()).collect()
}

/// The insight JSON files (which hold no words but the reasons, empty here).
fn output(site: &Site, ins: &Insights, path: &str) -> Value {
    let file = outputs::insight::files(site, ins, &Texts::default())
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    assert_eq!(file.bytes.last(), Some(&b'\n'));
    serde_json::from_slice(&file.bytes).unwrap()
}

fn file<'a>(files: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    files.get(path).unwrap_or_else(|| panic!("no {path}"))
}

/// The texts of the `<li>`s of the first `<ul class="insight-reasons">` after `after`.
fn reasons_on<'a>(html: &'a str, after: &str) -> Vec<&'a str> {
    let from = html.find(after).unwrap_or_else(|| panic!("no {after} in {html}"));
    let list = &html[from..];
    let list = &list[list.find(r#"<ul class="insight-reasons">"#).unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("<li>").skip(1).map(|li| li.trim_end().trim_end_matches("</li>")).collect()
}

#[test]
fn the_right_partner_ranks_first_and_the_own_organization_never_appears() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    let list = ins.suggestions(ix(&site, Kind::Demands, "d-open"));
    let found = matched(&site, list);
    assert_eq!(found.first(), Some(&"xjtu"), "{list:#?}");
    assert!(!found.contains(&"hengrui"), "the demand's own organization: {found:?}");
    assert!(!found.contains(&"orchard"), "nothing topical in common: {found:?}");
    assert!(!found.contains(&"ai-corp"), "`AI` must not match inside `maintain`: {found:?}");
    assert!(found.contains(&"vision"), "expertise keyword in the text, any case: {found:?}");

    // 4 keyword + 3 industry + 3 offers + 3×2 cases + 3 project + 2 region
    let first = &list[0];
    assert_eq!(first.score, 21);
    assert_eq!(
        first.reasons,
        [
            Reason::Keywords(vec!["数控加工".into()]),
            Reason::Industries(vec!["intelligent-manufacturing".into()]),
            Reason::Cases { mode: Mode::JointRnd, count: 3 },
            Reason::Cases { mode: Mode::JointLab, count: 1 },
            Reason::Offers(vec![Offer::Research, Offer::Equipment]),
            Reason::Projects { title: "五轴加工误差补偿".into(), count: 1 },
            Reason::Regions(vec!["linxun".into()]),
        ]
    );
    // Scores are in descending order.
    assert!(list.windows(2).all(|w| w[0].score >= w[1].score), "{list:#?}");

    // The demand page words them from the theme's Chinese table, with the
    // site's labels of terms.
    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "demands/d-open/index.html");
    assert!(page.contains("推荐对接伙伴"), "{page}");
    assert!(page.contains(r#"<a href="/alliance/members/xjtu/">浔江大学</a>"#));
    assert!(page.contains(r#"<span class="insight-type t-university">高校</span>"#));
    assert_eq!(
        reasons_on(page, r#"<a href="/alliance/members/xjtu/">"#),
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
}

#[test]
fn only_open_demands_get_suggestions() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    for slug in ["d-closed", "d-expired"] {
        assert!(ins.suggestions(ix(&site, Kind::Demands, slug)).is_empty(), "{slug}");
    }
    let docked: Vec<&str> =
        ins.docked().iter().map(|(d, _)| site.items[*d].slug.as_str()).collect();
    assert_eq!(docked, ["d-en", "d-open"]);

    // `demands/matches.json` holds the same suggestions, with absolute URLs and the
    // reasons in each demand's language.
    let files = build_texts(&options(dir.path(), TODAY));
    let matches: Value = serde_json::from_str(file(&files, "demands/matches.json")).unwrap();
    assert_eq!(matches["today"], "2025-06-01");
    assert_eq!(matches["count"], 2);
    assert_eq!(slugs(&matches["demands"]), ["d-en", "d-open"]);
    let open = &matches["demands"][1];
    assert_eq!(open["url"], "https://example.org/alliance/demands/d-open/");
    assert_eq!(open["need"], "technology");
    assert_eq!(open["organization"], "hengrui");
    let facts = ins.suggestions(ix(&site, Kind::Demands, "d-open"));
    assert_eq!(slugs(&open["suggestions"]), matched(&site, facts));
    for (s, m) in open["suggestions"].as_array().unwrap().iter().zip(facts) {
        assert_eq!(s["score"], m.score);
        assert_eq!(s["reasons"].as_array().unwrap().len(), m.reasons.len());
    }
    let first = &open["suggestions"][0];
    assert_eq!(first["url"], "https://example.org/alliance/members/xjtu/");
    assert_eq!(first["type"], "university");
    assert_eq!(first["reasons"][0], "专长「数控加工」见于需求");
    assert_eq!(matches["demands"][0]["suggestions"][0]["reasons"][0], "same industry: 智能制造");
    // A closed demand's page shows no suggestions.
    assert!(!file(&files, "demands/d-closed/index.html").contains("insight-docking"));
}

#[test]
fn reasons_follow_the_page_language() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    // A talent need: the college offering talent and training with an order-training case.
    let list = ins.suggestions(ix(&site, Kind::Demands, "d-en"));
    assert_eq!(matched(&site, list)[0], "vocational", "{list:#?}");
    assert!(list[0].reasons.contains(&Reason::Cases { mode: Mode::OrderTraining, count: 1 }));
    assert!(list[0].reasons.contains(&Reason::Offers(vec![Offer::Talent, Offer::Training])));
    // The English member page shows its open demands, with reasons in English.
    let vision = ins.open_demands(ix(&site, Kind::Members, "vision"));
    assert_eq!(matched(&site, vision), ["d-open"]);
    assert_eq!(vision[0].reasons[0], Reason::Keywords(vec!["Machine Vision".into()]));

    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "demands/d-en/index.html");
    assert!(page.contains("Suggested partners"), "{page}");
    assert!(page.contains("Vocational college"), "the English table's label: {page}");
    let reasons = reasons_on(page, r#"<a href="/alliance/members/vocational/">"#);
    for reason in
        ["same industry: 智能制造", "1 Order-based training case", "offers Talent, Training"]
    {
        assert!(reasons.contains(&reason), "{reason}: {reasons:?}");
    }
    let vision = file(&files, "members/vision/index.html");
    assert!(vision.contains("Open demands it could answer"), "{vision}");
    assert_eq!(
        reasons_on(vision, r#"<a href="/alliance/demands/d-open/">"#)[0],
        "expertise “Machine Vision” mentioned in the demand"
    );
}

#[test]
fn member_pages_show_open_demands_and_partners() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    let xjtu = ix(&site, Kind::Members, "xjtu");
    let demands = ins.open_demands(xjtu);
    assert_eq!(matched(&site, demands), ["d-open"]);
    assert_eq!(demands[0].score, 21);
    assert_eq!(demands[0].reasons[0], Reason::Keywords(vec!["数控加工".into()]));

    // Its own demands are never suggested to the organization.
    assert!(ins.open_demands(ix(&site, Kind::Members, "hengrui")).is_empty());
    assert!(ins.open_demands(ix(&site, Kind::Members, "orchard")).is_empty());

    let partners = ins.partners(xjtu);
    let names: Vec<&str> = partners.iter().map(|l| site.items[l.other].slug.as_str()).collect();
    assert_eq!(names, ["hengrui", "acme", "assoc"]);
    assert_eq!((partners[0].cases, partners[0].depth, partners[0].roadshows), (2, [0, 1, 1], 0));
    assert_eq!(partners[1].depth, [1, 0, 0]);
    assert_eq!((partners[2].cases, partners[2].roadshows), (0, 1));

    let hengrui = ins.partners(ix(&site, Kind::Members, "hengrui"));
    let names: Vec<&str> = hengrui.iter().map(|l| site.items[l.other].slug.as_str()).collect();
    assert_eq!(names, ["xjtu", "vocational"]);
    let vocational = &ins.partners(ix(&site, Kind::Members, "vocational"))[0];
    assert_eq!((vocational.cases, vocational.depth), (1, [0, 0, 0]));
    assert!(ins.partners(ix(&site, Kind::Members, "orchard")).is_empty());

    // The page: partners with their depths under the theme's depth labels, the open
    // demand with its deadline and need label, editor text escaped.
    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "members/xjtu/index.html");
    for words in ["合作伙伴", "深层", "中层", "浅层", "可对接的需求", "技术攻关", "2025-12-31"]
    {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert!(page.contains("Acme &lt;R&amp;D&gt; &quot;Lab&quot; &amp; Co"), "{page}");
    assert!(page.contains(r#"<a href="/alliance/demands/d-open/">"#));
    assert!(!file(&files, "members/orchard/index.html").contains("insight-partners"));
}

#[test]
fn network_counts_edges_and_depths() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    let net = output(&site, &ins, "network/index.json");
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

    let network = ins.network();
    assert_eq!(network.ring.len(), 4, "members with case partners");
    assert_eq!(network.with_cases, 4);
    assert_eq!(network.rows.len(), 5);
    assert_eq!(network.drawn_edges.len(), 3, "drawn pairs are case pairs");
    // Every word of the drawing comes from the caller, escaped.
    let svg = network.ring_svg(&site, "<网络> & Co", &|row| format!("tip {}", row.cases));
    assert_well_formed(&svg);
    assert!(svg.contains("<title id=\"insight-network-title\">&lt;网络&gt; &amp; Co</title>"));
    assert!(svg.contains("<title>tip 3</title>"), "{svg}");
    assert!(svg.contains(r#"<a href="/alliance/members/xjtu/">"#), "nodes link to members");
    assert!(svg.contains("Acme &lt;R&amp;D&gt; &quot;Lab&quot;"), "titles are escaped");
    assert!(!svg.contains("<R&D>"));
    assert_eq!(svg.matches("<path ").count(), 3);
    assert_eq!(svg.matches("<circle ").count(), 4);
    assert_eq!(svg.matches("d-deep").count(), 1);
    // The legend counts every type drawn, on the ring or apart.
    let mut types: Vec<(&str, usize)> =
        network.drawn_types.iter().map(|(t, n)| (type_name(*t), *n)).collect();
    types.sort();
    assert_eq!(
        types,
        [
            ("association", 1),
            ("college", 1),
            ("enterprise", 4),
            ("institute", 1),
            ("university", 1)
        ]
    );

    // Members that share no case (`assoc` met partners at a roadshow only) are
    // drawn apart and listed, by type, then title.
    assert_eq!(slugs(&net["unconnected"]), ["ai-corp", "orchard", "assoc", "vision"]);
    assert_eq!(net["unconnected"][2]["roadshows"], 1);
    assert_eq!((network.apart.len(), network.apart_drawn.len()), (4, 4));
    let apart = network.apart_svg(&site, &|_| "tip".to_owned());
    assert_well_formed(&apart);
    assert_eq!(apart.matches("<circle ").count(), 4);
    assert!(!apart.contains("<path "), "no lines to members apart");
    assert!(apart.contains(r#"<a href="/alliance/members/orchard/">"#));
    assert!(!svg.contains("/members/orchard/"), "not on the ring");
    // Drawn at the ring's scale: the same width.
    let width = |svg: &str| {
        svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().to_owned()
    };
    assert_eq!(width(&apart), width(&svg));

    // The page: the drawings with the theme's words, the legend and the tables.
    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "network/index.html");
    assert!(page.contains("<title>合作网络 · 测试联盟</title>"), "{page}");
    assert!(page.contains("<title id=\"insight-network-title\">成员合作网络</title>"));
    assert!(page.contains("<title>浔江大学（高校，2 个合作伙伴，3 个案例）</title>"), "{page}");
    assert!(page.contains("图中画出全部 4 家有合作案例的成员。"));
    assert!(page.contains("线的粗细：共同案例数按深度加权（深层 3、中层 2、浅层或未注明 1）"));
    assert!(page.contains(r#"<a href="/alliance/members/orchard/">赣南果业</a>"#));
    assert!(page.contains("尚未参与合作案例的成员"));
    assert!(page.contains("/alliance/css/insight.css"));
}

/// A member type as editors write it.
fn type_name(t: qiao::model::MemberType) -> &'static str {
    use qiao::model::MemberType::*;
    match t {
        University => "university",
        College => "college",
        Enterprise => "enterprise",
        Association => "association",
        Government => "government",
        Institute => "institute",
        Investor => "investor",
    }
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
    let site = load(root, TODAY);

    // The facts: on the ring two members, apart the third.
    let ins = compute(&site);
    let net = output(&site, &ins, "network/index.json");
    assert_eq!(slugs(&net["members"]), ["hengrui", "xjtu"]);
    assert_eq!(slugs(&net["unconnected"]), ["edu-bureau"]);
    assert_eq!(net["unconnected"][0]["cases"], 0);
    assert_eq!(net["unconnected"][0]["url"], "https://example.org/alliance/members/edu-bureau/");
    let network = ins.network();
    assert_eq!((network.ring.len(), network.apart_drawn.len()), (2, 1));
    let apart = network.apart_svg(&site, &|_| String::new());
    assert_well_formed(&apart);
    assert!(apart.contains(r#"<a href="/alliance/members/edu-bureau/">"#), "{apart}");
    assert!(apart.contains("浔江市教育局 &lt;局&gt;"), "titles are escaped: {apart}");
    assert!(!network.ring_svg(&site, "", &|_| String::new()).contains("edu-bureau"));

    // The built page, through the library as `qiao build` does.
    let files = build_texts(&options(root, TODAY));
    let html = file(&files, "network/index.html");
    let zh: toml::Table = toml::from_str(
        &std::fs::read_to_string(repo().join("themes/default/i18n/zh.toml")).unwrap(),
    )
    .unwrap();
    let heading = zh["network_apart"].as_str().unwrap();
    let intro = zh["network_apart_intro"].as_str().unwrap();
    assert!(html.contains(heading) && html.contains(intro), "the theme's words: {html}");
    assert!(html.contains(r#"<h3 id="insight-apart-government"><span class="insight-type t-government">政府部门</span>"#), "{html}");
    // Once in the drawing apart, once in the list under the heading.
    let link = r#"<a href="/alliance/members/edu-bureau/">"#;
    assert_eq!(html.matches(link).count(), 2, "{html}");
    assert!(
        html.contains(r#"<a href="/alliance/members/edu-bureau/">浔江市教育局 &lt;局&gt;</a>"#)
    );
    let list = &html[html.find(r#"id="insight-apart-title""#).expect("the list's heading")..];
    assert!(list.contains(link), "listed under the heading");
    assert!(files.contains_key("members/edu-bureau/index.html"), "the link resolves");
}

/// Past `MAX_APART` (120) members without a case partner, those closest to a
/// case (partners met at roadshows) are drawn apart; the page still lists them all.
#[test]
fn members_apart_past_the_cap_keep_those_with_roadshow_partners() {
    const MAX_APART: usize = 120;
    assert_eq!(qiao::insight::MAX_APART, MAX_APART);
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
    let site = load(root, TODAY);
    let ins = compute(&site);
    let network = ins.network();
    assert!(network.ring.is_empty());
    assert_eq!(network.apart.len(), total, "all listed");
    assert_eq!(network.apart_drawn.len(), MAX_APART);
    let apart = network.apart_svg(&site, &|_| String::new());
    assert_well_formed(&apart);
    assert_eq!(apart.matches("<circle ").count(), MAX_APART);
    let drawn = |n: usize| apart.contains(&format!("/members/m{n:03}/"));
    assert!(drawn(0) && drawn(MAX_APART - 3) && drawn(total - 2) && drawn(total - 1));
    assert!(!drawn(MAX_APART - 2) && !drawn(MAX_APART - 1));
    let unconnected =
        output(&site, &ins, "network/index.json")["unconnected"].as_array().unwrap().len();
    assert_eq!(unconnected, total);

    // The page says how many are drawn, in the theme's words.
    let files = build_texts(&options(root, TODAY));
    assert!(
        file(&files, "network/index.html")
            .contains(&format!("尚未参与合作案例的成员只画出路演伙伴最多的 {MAX_APART} 家"))
    );
}

/// Past `MAX_DRAWN` (200) members with case partners, the ring draws those with
/// the most, and the page says so in the theme's words, with the numbers filled in.
#[test]
fn a_ring_past_the_cap_says_how_many_it_draws() {
    assert_eq!(qiao::insight::MAX_DRAWN, 200);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"测试联盟\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh\"\n",
    );
    let total = 202;
    for n in 0..total {
        write(
            root,
            &format!("content/members/m{n:03}.md"),
            &format!("+++\ntitle = \"M{n:03}\"\ndate = 2024-01-01\ntype = \"enterprise\"\n+++\n"),
        );
    }
    // A chain: every member shares a case with the next.
    for n in 0..total - 1 {
        write(
            root,
            &format!("content/cases/c{n:03}.md"),
            &format!(
                "+++\ntitle = \"C{n:03}\"\ndate = 2025-01-01\npartners = [\"m{n:03}\", \"m{:03}\"]\nmodes = [\"joint-rnd\"]\n+++\n",
                n + 1
            ),
        );
    }
    let site = load(root, TODAY);
    let ins = compute(&site);
    assert_eq!((ins.network().ring.len(), ins.network().with_cases), (200, total));
    let files = build_texts(&options(root, TODAY));
    let page = file(&files, "network/index.html");
    assert!(
        page.contains("图中只画出合作伙伴最多的 200 家成员（共 202 家成员有合作案例），下表列出全部 202 家有合作关系的成员。"),
        "{page}"
    );
}

#[test]
fn statistics_match_the_fixture() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    let stats = output(&site, &ins, "stats/index.json");
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

    // The facts hold the same numbers; every chart draws as XML with the words given.
    let mut charts = 0;
    for section in ins.stats() {
        assert_eq!(stats[section.id]["total"], section.total, "{}", section.id);
        for chart in &section.charts {
            for row in &chart.rows {
                assert_eq!(stats[section.id][chart.id][&row.key], row.count, "{}", chart.id);
            }
            let labels: Vec<String> = chart.rows.iter().map(|r| format!("<{}>", r.key)).collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            let svg = qiao::insight::bar_chart(chart, section.id, "A & B", &labels);
            if !chart.rows.is_empty() {
                assert_well_formed(&svg);
                assert!(svg.contains("viewBox=") && svg.contains(r#"width="100%""#));
                assert!(svg.contains(">A &amp; B</title>") && !svg.contains("<unspecified>"));
                assert!(!svg.contains("#"), "colours come from CSS, not the SVG: {svg}");
            }
            charts += 1;
        }
    }
    assert_eq!(charts, 13);

    // The page words every chart from the theme's tables.
    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "stats/index.html");
    assert_eq!(page.matches(r#"class="insight-chart""#).count(), 13);
    for words in [
        "统计日期：2025-06-01",
        "按合作模式",
        "联合研发",
        "未注明",
        "TRL 6",
        "1 场路演，2 个项目",
        "现行有效",
        "智能制造",
        "技术攻关",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
}

#[test]
fn policy_finder_lists_every_policy_with_its_facets() {
    let (dir, site) = fixture();
    let ins = compute(&site);
    let finder = ins.finder();
    // Newest first.
    let order: Vec<&str> =
        finder.policies.iter().map(|p| site.items[p.item].slug.as_str()).collect();
    assert_eq!(order, ["p3", "p1", "p2"]);
    let p1 = &finder.policies[1];
    assert_eq!((p1.level, p1.state), (PolicyLevel::Provincial, State::InForce));
    assert_eq!(p1.incentives, [IncentiveKind::Tax, IncentiveKind::Funding]);
    assert_eq!(
        (p1.industries.as_slice(), p1.regions.as_slice()),
        (&["intelligent-manufacturing".to_owned()][..], &["linxun".to_owned()][..])
    );
    let facets: Vec<&str> = finder.facets.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(facets, ["level", "state", "incentive", "industry", "region"]);
    let incentive: Vec<(&str, u64)> =
        finder.facets[2].options.iter().map(|o| (o.value.as_str(), o.count)).collect();
    assert_eq!(incentive, [("tax", 1), ("funding", 1), ("talent", 1)]);

    // The page: every policy with its data attributes and labels, the facets
    // labelled, the form waiting for the script.
    let files = build_texts(&options(dir.path(), TODAY));
    let page = file(&files, "policies/finder/index.html");
    assert!(page.contains(r#"<script src="/alliance/js/insight-finder.js" defer></script>"#));
    assert_eq!(page.matches("data-level=").count(), 3);
    assert!(page.contains(r#"data-incentive="tax funding""#));
    assert!(page.contains("data-finder-form hidden"), "the form waits for the script");
    for words in
        ["政策查找", "国务院、教育部", "激励类型", "智能制造", "税收", "现行有效", "尚未生效"]
    {
        assert!(page.contains(words), "{words}: {page}");
    }

    // Policy → cases, newest first, on the policy's own page.
    let p1 = file(&files, "policies/p1/index.html");
    let (c2, c1) =
        (p1.find("/alliance/cases/c2/").unwrap(), p1.find("/alliance/cases/c1/").unwrap());
    assert!(p1.contains("用到本政策的案例") && c2 < c1, "{p1}");
}

#[test]
fn output_is_deterministic() {
    let (_dir, site) = fixture();
    let a = compute(&site);
    let b = compute(&site);
    for i in 0..site.items.len() {
        assert_eq!(a.suggestions(i), b.suggestions(i));
        assert_eq!(a.open_demands(i), b.open_demands(i));
        assert_eq!(a.partners(i), b.partners(i));
    }
    assert_eq!(a.docked(), b.docked());
    assert_eq!(a.network(), b.network());
    assert_eq!(a.stats(), b.stats());
    assert_eq!(a.finder(), b.finder());
    let texts = Texts::default();
    let files = outputs::insight::files(&site, &a, &texts);
    assert_eq!(files, outputs::insight::files(&site, &b, &texts));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
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
    let site = load(dir.path(), TODAY);
    let ins = compute(&site);
    assert!(ins.network().ring.is_empty() && ins.network().apart.is_empty());
    assert_well_formed(&ins.network().ring_svg(&site, "Network", &|_| String::new()));
    assert!(ins.finder().policies.is_empty());
    assert_eq!(output(&site, &ins, "demands/matches.json")["count"], 0);
    assert_eq!(output(&site, &ins, "stats/index.json")["members"]["total"], 0);

    // The English site's insight pages, in the English table's words.
    let files = build_texts(&options(dir.path(), TODAY));
    assert!(file(&files, "network/index.html").contains("<h1>Cooperation network</h1>"));
    assert!(file(&files, "network/index.html").contains("No cases yet."));
    assert!(file(&files, "policies/finder/index.html").contains("No policies yet."));
    assert!(file(&files, "stats/index.html").contains("<h1>Statistics</h1>"));
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
                generate_corpus(&dir, 10_000);
            }
            dir
        }
    };
    let started = std::time::Instant::now();
    let site = load(&root, date(2026, 6, 1));
    let load_time = started.elapsed();
    let mut best = std::time::Duration::MAX;
    let mut files = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let ins = compute(&site);
        best = best.min(t.elapsed());
        let t = std::time::Instant::now();
        let n = outputs::insight::files(&site, &ins, &Texts::default()).len()
            + (0..site.items.len())
                .map(|i| ins.suggestions(i).len() + ins.partners(i).len())
                .sum::<usize>();
        files = files.min(t.elapsed());
        assert!(n > 0);
    }
    eprintln!(
        "{} items: content::load {load_time:.2?}; insight::compute {best:.2?}; every fact read + the JSON files {files:.2?}",
        site.items.len()
    );
}
