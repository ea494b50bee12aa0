//! `serve`'s incremental rebuild on the example site: after every kind of edit an
//! editor makes (text, titles, dates, states, partners, tags, expertise, intros),
//! only the touched pages are rendered, and the result is byte-for-byte a fresh
//! build of the same sources. Edits that change which items or pages exist fall
//! back to a full render, and are compared too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use qiao::serve::preview::{Preview, Update};
use qiao::serve::watch::Changes;

use crate::support::{self, Site, build_files, content, served};

/// The first path whose bytes differ, for a readable failure.
fn first_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .find(|k| a.get(*k) != b.get(*k))
        .map(|k| k.to_string())
        .unwrap_or_else(|| "none".into())
}

/// Replaces `from` with `to` in a content file (which must hold `from`).
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Rebuilds after a save of `rel` and checks the result against a fresh build.
fn rebuild_and_compare(p: &mut Preview, what: &str, rel: &str) -> Update {
    let update = p.rebuild(&changes(&[rel])).unwrap_or_else(|f| panic!("{what}: {}", f.terminal()));
    let want = build_files(p.options());
    let got = served(p);
    assert!(got == want, "{what}: differs from a fresh build at {}", first_difference(&got, &want));
    update
}

fn changes(paths: &[&str]) -> Changes {
    Changes { content: paths.iter().map(|p| p.to_string()).collect(), ..Changes::default() }
}

const CASE: &str = "content/cases/industrial-vision-joint-lab.md";
const MEMBER: &str = "content/members/hengrui-precision.md";
const DEMAND: &str = "content/demands/cnc-machining-accuracy.md";
const POLICY: &str = "content/policies/htz-joint-lab-support-2027.md";
const ROADSHOW: &str = "content/roadshows/2026-winter-achievements-roadshow.md";
const NOTICE: &str = "content/notices/key-projects-2027-call.md";

#[test]
fn every_kind_of_edit_renders_only_what_it_touches_and_equals_a_fresh_build() {
    // A site of one language: one of several renders every tree (`languages::serve_…`).
    let site = Site::example_copy_in_one_language();
    let root = site.root();
    let options = support::options(root, jiff::civil::date(2026, 11, 24));
    let mut p = Preview::new(options, "127.0.0.1:4000");
    let first = p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
    assert!(!first.partial);
    assert_eq!(served(&p), build_files(p.options()));
    let total = first.files;

    // (what, file, from, to, rendered only the touched pages)
    let steps: &[(&str, &str, &str, &str, bool)] = &[
        ("body text", CASE, "## 实验室怎么运转", "## 实验室如何运转", true),
        (
            "case title",
            CASE,
            "title = \"工业视觉联合实验室",
            "title = \"工业视觉与质检联合实验室",
            true,
        ),
        (
            "member title",
            MEMBER,
            "title = \"浔江恒锐精密机械有限公司\"",
            "title = \"恒锐精密机械\"",
            true,
        ),
        ("member expertise", MEMBER, "\"精密零部件\"", "\"精密零部件\", \"薄壁件加工\"", true),
        ("case partners", CASE, "\"yunshu-data\", ", "\"hengrui-precision\", ", true),
        ("case date", CASE, "date = 2026-04-16", "date = 2023-01-02", true),
        ("demand closes", DEMAND, "status = \"open\"", "status = \"closed\"", true),
        ("demand deadline", DEMAND, "deadline = 2027-03-31", "deadline = 2026-11-30", true),
        ("policy expires", POLICY, "effective = 2027-01-01", "effective = 2026-06-01", true),
        ("tag spelling", CASE, "tags = [\"AI\"", "tags = [\"ai\", \"Ai\"", true),
        ("new tag", CASE, "\"联合实验室\"]", "\"联合实验室\", \"视觉质检\"]", false),
        (
            "roadshow project",
            ROADSHOW,
            "title = \"数控实训云平台\"",
            "title = \"数控实训云平台 2.0\"",
            true,
        ),
        ("listing intro", "content/cases/_index.md", "合作深度标注", "合作深度分级标注", true),
        // A section: a page unpinned moves in its listing and home block; its intro.
        ("notice unpinned", NOTICE, "pinned = true\n", "", true),
        ("section intro", "content/news/_index.md", "工作动态", "最新动态", true),
        (
            "summary",
            MEMBER,
            "date = 2021-05-20",
            "date = 2021-05-20\nsummary = \"精密机械。\"",
            true,
        ),
    ];
    for (what, rel, from, to, partial) in steps {
        edit(root, rel, from, to);
        let update = rebuild_and_compare(&mut p, what, rel);
        assert_eq!(update.partial, *partial, "{what}: partial render");
        assert!(!update.changed.is_empty(), "{what}: nothing changed");
        assert!(
            update.changed.len() < total,
            "{what}: {} of {total} files changed",
            update.changed.len()
        );
    }

    // A broken file: the last good site stays, and the fix renders incrementally again.
    let before = served(&p);
    edit(root, CASE, "partners = [", "partners = [\"nobody\", ");
    assert!(p.rebuild(&changes(&[CASE])).is_err());
    assert_eq!(served(&p), before);
    edit(root, CASE, "partners = [\"nobody\", ", "partners = [");
    edit(root, CASE, "## 实验室如何运转", "## 实验室怎样运转");
    let update = p.rebuild(&changes(&[CASE])).unwrap();
    assert!(update.partial);
    assert_eq!(served(&p), build_files(p.options()));

    // A new file and a removed one change which pages exist: everything again.
    std::fs::write(
        root.join("content/cases/new-case.md"),
        "+++\ntitle = \"新案例\"\ndate = 2026-05-01\npartners = [\"hengrui-precision\", \"xunjiang-university\"]\nmodes = [\"joint-lab\"]\nindustries = [\"new-materials\"]\n+++\n\n新的合作。\n",
    )
    .unwrap();
    let update = p.rebuild(&changes(&["content/cases/new-case.md"])).unwrap();
    assert!(!update.partial);
    assert_eq!(served(&p), build_files(p.options()));
    std::fs::remove_file(root.join("content/cases/new-case.md")).unwrap();
    let update = p.rebuild(&changes(&["content/cases/new-case.md"])).unwrap();
    assert!(!update.partial);
    assert_eq!(served(&p), build_files(p.options()));

    // A template event renders everything, then edits are incremental again.
    edit(root, CASE, "## 实验室怎样运转", "## 实验室这样运转");
    let update = p.rebuild(&Changes { templates: true, ..changes(&[CASE]) }).unwrap();
    assert!(!update.partial);
    edit(root, CASE, "## 实验室这样运转", "## 实验室怎么运转");
    let update = p.rebuild(&changes(&[CASE])).unwrap();
    assert!(update.partial);
    assert_eq!(served(&p), build_files(p.options()));

    // An atomic save (write a temporary file, rename it over the page) is an edit.
    let text = std::fs::read_to_string(root.join(CASE)).unwrap();
    let tmp = format!("{CASE}.tmp-4913");
    std::fs::write(root.join(&tmp), text.replace("## 实验室怎么运转", "## 实验室的运转")).unwrap();
    std::fs::rename(root.join(&tmp), root.join(CASE)).unwrap();
    let update = p.rebuild(&changes(&[&tmp, CASE])).unwrap();
    assert!(update.partial);
    assert_eq!(served(&p), build_files(p.options()));
}

fn case(n: usize, date: &str, tags: &str) -> String {
    content(
        &format!(
            "title = \"Case {n:03}\"\ndate = {date}\npartners = [\"m1\", \"m2\"]\nmodes = [\"joint-lab\"]\nindustries = [\"new-materials\"]\ntags = [{tags}]\n"
        ),
        &format!("Case number {n}. 案例 {n}。"),
    )
}

fn member(title: &str) -> String {
    content(
        &format!("title = \"{title}\"\ndate = 2024-01-10\ntype = \"enterprise\"\n"),
        &format!("{title}."),
    )
}

#[test]
fn paginated_listings_and_terms_render_only_the_pages_that_moved() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| support::write(root, rel, text);
    write("site.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n");
    write("content/members/m1.md", &member("One Corp"));
    write("content/members/m2.md", &member("Two College"));
    // 160 cases: four pages of the listing and of the tag `t`; `u` has two.
    let date = |n: usize| format!("2025-{:02}-{:02}", 1 + n / 28, 1 + n % 28);
    for n in 0..160 {
        let tags = if n % 2 == 0 { "\"t\", \"u\"" } else { "\"t\"" };
        write(&format!("content/cases/c{n:03}.md"), &case(n, &date(n), tags));
    }
    let options = support::options(root, jiff::civil::date(2026, 1, 15));
    let mut p = Preview::new(options, "127.0.0.1:4000");
    p.rebuild(&Changes { rescan: true, ..Changes::default() }).unwrap();
    let listing = |p: &Preview| -> Vec<String> {
        let mut v: Vec<String> = p
            .output()
            .keys()
            .filter(|k| k.starts_with("cases/page/") || *k == "cases/index.html")
            .cloned()
            .collect();
        v.sort();
        v
    };
    assert_eq!(listing(&p).len(), 4);

    let mut step = |what: &str, rel: &str, text: String, rendered_at_most: usize| {
        write(rel, &text);
        let update = rebuild_and_compare(&mut p, what, rel);
        assert!(update.partial, "{what}");
        assert!(update.pages <= rendered_at_most, "{what}: {} pages rendered", update.pages);
        eprintln!(
            "{what}: {} pages rendered, {} files changed",
            update.pages,
            update.changed.len()
        );
    };
    // Newest first: case 159 is on page 1; its text changes its card only.
    step(
        "text",
        "content/cases/c159.md",
        case(159, &date(159), "\"t\"").replace("Case number", "Case no."),
        16,
    );
    // Case 10 (page 4) becomes the newest: every page of the listing and of `t` moves.
    step("date", "content/cases/c010.md", case(10, "2025-12-31", "\"t\", \"u\""), 40);
    // A title shown on every card of both members' pages and all listings.
    step("member", "content/members/m1.md", member("One Corporation"), 400);
    // Leaving `u`: its count changes (every page of `u`), `t` stays as it was.
    step("tag", "content/cases/c020.md", case(20, &date(20), "\"t\""), 20);
}
