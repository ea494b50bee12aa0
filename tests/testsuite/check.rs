//! `qiao check` on small fixture sites: one test per class of editor mistake,
//! asserting the exact `path:line:col: error[CODE]: message` line, plus the happy paths
//! (`init`, `new`, the example site) and a no-panic property test.

use std::path::PathBuf;

use crate::support::{Site, content, qiao, run};

/// A throwaway site: `site.toml`, two members, a policy, and whatever a test adds.
fn site() -> Site {
    let site = Site::new();
    site.write("content/members/alpha-college.md", "+++\ntitle = \"Alpha College\"\ndate = 2025-01-01\ntype = \"college\"\n+++\n\nA college.\n");
    site.write("content/members/beta-company.md", "+++\ntitle = \"Beta Company\"\ndate = 2025-01-01\ntype = \"enterprise\"\n+++\n\nA company.\n");
    site.write("content/policies/p1.md", "+++\ntitle = \"Policy\"\ndate = 2025-01-01\nissuer = \"Gov\"\nlevel = \"municipal\"\nissued = 2025-01-01\n+++\n");
    site
}

/// A case called "A case" whose front matter goes on with `front`.
fn case(front: &str) -> String {
    content(&format!("title = \"A case\"\ndate = 2025-01-01\n{front}"), "Text.")
}

const PARTNERS: &str =
    "partners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n";

#[test]
fn misspelt_field_gets_a_suggestion() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitel = \"A case\"\ndate = 2025-01-01\n{PARTNERS}+++\n"),
    );
    let e = s.errors();
    assert_eq!(
        e,
        vec![
            "content/cases/x.md:1:1: error[E0201]: missing required field `title`",
            "content/cases/x.md:2:1: error[E0202]: unknown field `titel`; did you mean `title`?",
        ]
    );
}

#[test]
fn missing_required_field_points_at_the_file() {
    let s = site();
    s.write(
        "content/cases/x.md",
        "+++\ntitle = \"A case\"\ndate = 2025-01-01\nmodes = [\"joint-lab\"]\n+++\n",
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:1:1: error[E0201]: missing required field `partners` (the slugs of at least two members, like [\"school-a\", \"company-b\"])"
    );
}

#[test]
fn wrong_type() {
    let s = site();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}draft = \"yes\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:9: error[E0203]: `draft` must be true or false, found a string \"yes\""
    );
}

#[test]
fn unknown_enum_value_gets_a_suggestion() {
    let s = site();
    s.write(
        "content/members/gamma.md",
        "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"univercity\"\n+++\n",
    );
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:4:8: error[E0207]: `type` has an unknown value `univercity`; did you mean `university`? (allowed: `university`, `college`, `enterprise`, `association`, `government`, `institute`, `investor`)"
    );
}

#[test]
fn unknown_value_in_a_list() {
    let s = site();
    s.write("content/cases/x.md", &case("partners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"order-training\", \"joint lab\"]\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/cases/x.md:5:28: error[E0207]: `modes` has an unknown value `joint lab`; did you mean `joint-lab`?"), "{e}");
}

#[test]
fn impossible_date() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitle = \"A\"\ndate = 2025-13-45\n{PARTNERS}+++\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:3:8: error[E0106]: front matter is not valid TOML at `date`: invalid date, expected month between 01 and 12"
    );
}

#[test]
fn impossible_date_in_quotes() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitle = \"A\"\ndate = \"2025-02-30\"\n{PARTNERS}+++\n"),
    );
    let e = s.one_error();
    assert_eq!(
        e,
        "content/cases/x.md:3:8: error[E0208]: `date` is not a valid date: `2025-02-30` (2025-02 has no day 30: it has 28 days)"
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:3:8: error[E0208]: `date` 不是有效的日期：`2025-02-30`（2025 年 2 月没有 30 日：这个月最后一天是 28 日）"
        ]
    );
}

#[test]
fn ended_before_started() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}started = 2025-05-01\nended = 2024-01-01\n")),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:7:9: error[E0220]: `ended` (2024-01-01) is before `started` (2025-05-01); it must not be"
    );
}

#[test]
fn expires_before_effective() {
    let s = site();
    s.write("content/policies/p2.md", "+++\ntitle = \"P\"\ndate = 2025-01-01\nissuer = [\"A\", \"B\"]\nlevel = \"county\"\nissued = 2025-01-01\neffective = 2025-03-01\nexpires = 2025-02-01\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/policies/p2.md:8:11: error[E0220]: `expires` (2025-02-01) is before `effective` (2025-03-01); it must not be"
    );
}

#[test]
fn roadshow_end_before_start_and_no_venue() {
    let s = site();
    s.write("content/roadshows/r.md", "+++\ntitle = \"R\"\ndate = 2025-01-01\nstart = 2026-05-20T14:00:00\nend = 2026-05-20T10:00:00\norganizer = \"alpha-college\"\n+++\n");
    assert_eq!(
        s.errors(),
        vec![
            "content/roadshows/r.md:1:1: error[E0230]: a roadshow needs `venue` (where it takes place) or `online_url` (where to watch), or both",
            "content/roadshows/r.md:5:7: error[E0228]: `end` (2026-05-20T10:00:00+08:00) must be after `start` (2026-05-20T14:00:00+08:00)",
        ]
    );
}

#[test]
fn trl_out_of_range() {
    let s = site();
    s.write("content/demands/d.md", "+++\ntitle = \"D\"\ndate = 2025-01-01\nneed = \"technology\"\norganization = \"beta-company\"\ndeadline = 2026-12-31\ntrl = 12\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/demands/d.md:7:7: error[E0205]: `trl` must be between 1 and 9, found 12"
    );
}

#[test]
fn budget_min_above_max() {
    let s = site();
    s.write("content/demands/d.md", "+++\ntitle = \"D\"\ndate = 2025-01-01\nneed = \"technology\"\norganization = \"beta-company\"\ndeadline = 2026-12-31\nbudget = { min = 500000, max = 100000 }\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/demands/d.md:7:32: error[E0225]: `budget.max` (100000) is less than `budget.min` (500000)"
    );
}

#[test]
fn fewer_than_two_partners() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\"]\nmodes = [\"joint-lab\"]\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:4:12: error[E0221]: `partners` needs at least two members, found 1"
    );
}

#[test]
fn unknown_member_lists_nearest_slugs() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\", \"beta-compny\"]\nmodes = [\"joint-lab\"]\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:4:30: error[E0301]: unknown member `beta-compny` in `partners`; did you mean `beta-company`?"
    );
}

#[test]
fn unknown_policy() {
    let s = site();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}policies = [\"p2\"]\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:13: error[E0301]: unknown policy `p2` in `policies`; did you mean `p1`?"
    );
}

#[test]
fn slug_with_path_characters() {
    let s = site();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}slug = \"../etc\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:8: error[E0213]: `slug` may use only a-z, 0-9, `-` and Chinese characters, found \"../etc\" (not allowed: \"../\")"
    );
}

#[test]
fn duplicate_slug_names_the_earlier_file() {
    let s = site();
    s.write("content/cases/a.md", &case(PARTNERS));
    s.write("content/cases/b.md", &case(&format!("{PARTNERS}slug = \"a\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/b.md:6:1: error[E0303]: duplicate slug `a` in cases: `content/cases/a.md` already uses it; set a different `slug` or rename the file"
    );
}

#[test]
fn a_page_cannot_take_a_url_qiao_writes_itself() {
    let s = site();
    let policy = "+++\ntitle = \"Finder\"\ndate = 2025-01-01\nissuer = \"Gov\"\nlevel = \"municipal\"\nissued = 2025-01-01\n+++\n";
    s.write("content/policies/finder.md", policy);
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}slug = \"page\"\n")));
    s.write("content/cases.md", "+++\ntitle = \"Our cases\"\n+++\n");
    s.write("content/index.md", "+++\ntitle = \"Home\"\n+++\n");
    s.write("content/search/help.md", "+++\ntitle = \"Help\"\n+++\n");
    s.write("content/tags.md", "+++\ntitle = \"Tags\"\n+++\n");
    assert_eq!(
        s.errors(),
        [
            "content/cases.md:1:1: error[E0304]: this page's URL /cases/ belongs to the listing of cases, which qiao writes itself; rename the file or its folder",
            "content/cases/x.md:6:1: error[E0304]: this page's URL /cases/page/ belongs to the listing of cases, which qiao writes itself; set a different `slug` or rename the file",
            "content/index.md:1:1: error[E0304]: this page's URL / belongs to the home page, which qiao writes itself; rename the file or its folder",
            "content/policies/finder.md:1:1: error[E0304]: this page's URL /policies/finder/ belongs to the policy finder, which qiao writes itself; set a different `slug` or rename the file",
            "content/search/help.md:1:1: error[E0304]: this page's URL /search/help/ belongs to the search page, which qiao writes itself; rename the file or its folder",
            "content/tags.md:1:1: error[E0304]: this page's URL /tags/ belongs to the tags pages, which qiao writes itself; rename the file or its folder",
        ]
    );
}

#[test]
fn duplicate_slug_across_subfolders() {
    let s = site();
    s.write("content/cases/2024/a.md", &case(PARTNERS));
    s.write("content/cases/2025/a.md", &case(PARTNERS));
    assert_eq!(
        s.one_error(),
        "content/cases/2025/a.md:1:1: error[E0303]: duplicate slug `a` in cases: `content/cases/2024/a.md` already uses it; set a different `slug` or rename the file"
    );
}

#[test]
fn cover_without_alt() {
    let s = site();
    s.write("static/img/c.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}cover = \"/img/c.svg\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:1: error[E0218]: `cover` needs `cover_alt`: a short description of the image for people who cannot see it"
    );
}

#[test]
fn url_that_does_not_parse() {
    let s = site();
    s.write("content/members/gamma.md", "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"enterprise\"\nwebsite = \"www.gamma.cn\"\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:5:11: error[E0211]: `website` is not a valid web address: `www.gamma.cn` (it does not start with https:// or http://); write it in full, like https://example.org/"
    );
}

#[test]
fn javascript_url_is_refused() {
    let s = site();
    s.write("content/members/gamma.md", "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"enterprise\"\nwebsite = \"javascript:alert(1)\"\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:5:11: error[E0211]: `website` must be an http:// or https:// address, found scheme `javascript:`"
    );
}

#[test]
fn taxonomy_term_must_be_a_slug() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}industries = [\"Intelligent Manufacturing\"]\n")),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:15: error[E0216]: `industries` terms are slugs (a-z, 0-9, `-`), found \"Intelligent Manufacturing\"; write \"intelligent-manufacturing\" and give its label in site.toml [taxonomies]"
    );
}

#[test]
fn unclosed_yaml_empty_and_binary_files() {
    let s = site();
    s.write("content/cases/a.md", "+++\ntitle = \"x\"\n");
    s.write("content/cases/b.md", "---\ntitle: x\n---\n");
    s.write("content/cases/c.md", "");
    s.write_bytes("content/cases/d.md", b"+++\ntitle = \"caf\xe9\"\n+++\n");
    assert_eq!(
        s.errors(),
        vec![
            "content/cases/a.md:1:1: error[E0105]: front matter is not closed: add a line `+++` after the last field (the first `+++` is on line 1)",
            "content/cases/b.md:1:1: error[E0104]: front matter is TOML between `+++` lines, not YAML between `---` lines: replace both `---` lines with `+++` and write `key = \"value\"` instead of `key: value`",
            "content/cases/c.md:1:1: error[E0102]: the file is empty; a content file starts with TOML front matter between `+++` lines, with at least `title` and `date`",
            "content/cases/d.md:2:13: error[E0101]: the file is not valid UTF-8: byte 0xE9 at byte offset 16; save the file as UTF-8",
        ]
    );
}

#[test]
fn unknown_site_toml_key() {
    let s = site();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezon = \"Asia/Shanghai\"\n",
    );
    assert_eq!(
        s.one_error(),
        "site.toml:3:1: error[E0202]: unknown field `timezon`; did you mean `timezone`?"
    );
}

#[test]
fn bad_timezone() {
    let s = site();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"Beijing\"\n",
    );
    assert_eq!(
        s.one_error(),
        "site.toml:3:12: error[E0504]: `timezone` must be an IANA time zone name like \"Asia/Shanghai\", found \"Beijing\""
    );
    // A misspelt zone gets the nearest one; a base URL without its scheme says so, in
    // either language.
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"alliance.example.org\"\ntimezone = \"Asia/Shangai\"\n",
    );
    let (_, en) = s.lines_in("en");
    assert_eq!(
        en,
        vec![
            "site.toml:2:12: error[E0503]: `base_url` `alliance.example.org` is not a valid URL (it does not start with https:// or http://)",
            "site.toml:3:12: error[E0504]: `timezone` must be an IANA time zone name like \"Asia/Shanghai\", found \"Asia/Shangai\"; did you mean `Asia/Shanghai`?",
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "site.toml:2:12: error[E0503]: `base_url` `alliance.example.org` 不是有效的网址（没有以 https:// 或 http:// 开头）",
            "site.toml:3:12: error[E0504]: `timezone` 必须是 IANA 时区名称，如 \"Asia/Shanghai\"，实际是 \"Asia/Shangai\"；是不是 `Asia/Shanghai`？",
        ]
    );
}

#[test]
fn crlf_and_bom_positions() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &format!(
            "\u{feff}+++\r\ntitle = \"A\"\r\ndate = 2025-01-01\r\n{}trl = 3\r\n+++\r\n",
            PARTNERS.replace('\n', "\r\n")
        ),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:1: error[E0202]: unknown field `trl`; free-form data goes under [extra]"
    );
}

#[test]
fn every_error_of_a_run_is_reported_sorted() {
    let s = site();
    s.write(
        "content/cases/b.md",
        &case("partners = [\"nobody\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n"),
    );
    s.write("content/cases/a.md", &case(&format!("{PARTNERS}depth = \"very\"\n")));
    let out = s.check();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("content/cases/a.md:6:9:"));
    assert!(lines[1].starts_with("content/cases/b.md:4:13: error[E0301]: unknown member `nobody`"));
    assert_eq!(lines[2], "2 errors");
}

#[test]
fn editor_leftovers_and_hidden_files_are_ignored() {
    let s = site();
    for name in [
        "content/cases/.x.md.swp",
        "content/cases/x.md~",
        "content/cases/#x.md#",
        "content/cases/4913",
        "content/cases/_notes.md",
        "content/.hidden/y.md",
    ] {
        s.write(name, "garbage");
    }
    let out = s.check();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let s = site();
    s.write(
        "content/members/gamma.md",
        "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"enterprise\"\ndraft = true\n+++\n",
    );
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\", \"gamma\"]\nmodes = [\"joint-lab\"]\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:4:30: error[E0302]: `gamma` in `partners` is a draft (`content/members/gamma.md` has `draft = true`); publish it, or build with --drafts"
    );
    assert!(s.qiao(&["check", "--drafts"]).status.success());
}

#[test]
fn init_then_new_of_every_kind_passes_check() {
    let site = Site::init(&[]);
    let run = |args: &[&str]| site.qiao(args);
    let check = run(&["check"]);
    assert!(check.status.success(), "init: {}", String::from_utf8_lossy(&check.stderr));
    for kind in ["members", "cases", "policies", "demands", "roadshows", "page", "news"] {
        let out = run(&["new", kind, &format!("new-{kind}"), "--title", "新的条目"]);
        assert!(out.status.success(), "new {kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let check = run(&["check"]);
    assert!(check.status.success(), "after new: {}", String::from_utf8_lossy(&check.stderr));
    let again = run(&["new", "cases", "new-cases"]);
    assert_eq!(again.status.code(), Some(2));
}

/// A commented TOML line, by the rule of `src/cli/scaffold.rs`: `# ` and then `[`, or
/// a bare key followed by `=`. Any other comment is prose.
fn is_hint(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("# ") else { return false };
    let key = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)));
    let key = key.unwrap_or(rest.len());
    rest.starts_with('[') || (key > 0 && rest[key..].trim_start().starts_with('='))
}

/// The lines of `text` a scaffold's comment rules apply to (index, line): the front
/// matter of a content file, or all of `site.toml`.
fn toml_lines(text: &str, whole: bool) -> Vec<(usize, &str)> {
    let lines = text.lines().enumerate();
    if whole {
        return lines.collect();
    }
    lines.skip(1).take_while(|(_, l)| *l != "+++").collect()
}

/// The commented TOML lines of `text`, as blocks of consecutive lines.
fn hint_blocks(text: &str, whole: bool) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (i, line) in toml_lines(text, whole) {
        if !is_hint(line) {
            continue;
        }
        match blocks.last_mut() {
            Some(b) if b.last() == Some(&(i - 1)) => b.push(i),
            _ => blocks.push(vec![i]),
        }
    }
    blocks
}

/// `text` with the leading `# ` of the given lines removed.
fn uncomment(text: &str, lines: &[usize]) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| if lines.contains(&i) { &l[2..] } else { l })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(qiao::text::is_cjk)
}

/// Checks the comments of a file `qiao init` or `qiao new` wrote, then uncomments
/// each block of commented TOML lines on its own, and then all of them at once:
/// the site must pass `check` every time. Returns how many hints the file has.
fn check_hints(s: &Site, rel: &str, language: &str) -> usize {
    let text = s.read(rel);
    let whole = rel == "site.toml";
    let comments: Vec<&str> = toml_lines(&text, whole)
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| l.starts_with('#'))
        .collect();
    for line in &comments {
        assert!(line.starts_with("# "), "{rel}: a comment must start with `# `: {line}");
        if !is_hint(line) {
            assert!(
                toml::from_str::<toml::Table>(&line[2..]).is_err(),
                "{rel}: prose that reads as TOML: {line}"
            );
            if language == "zh" {
                assert!(has_cjk(line), "{rel}: a comment of a Chinese site in English: {line}");
            }
        }
    }
    if language == "en" {
        assert!(!has_cjk(&text), "{rel}: Chinese in an English site:\n{text}");
    }
    let blocks = hint_blocks(&text, whole);
    for block in &blocks {
        let edited = uncomment(&text, block);
        s.write(rel, &edited);
        s.passes(&format_args!("{rel} with lines {block:?} uncommented:\n{edited}"));
    }
    let all: Vec<usize> = blocks.concat();
    let edited = uncomment(&text, &all);
    s.write(rel, &edited);
    s.passes(&format_args!("{rel} with every hint uncommented:\n{edited}"));
    s.write(rel, &text);
    all.len()
}

/// What `init` and `new` write explains itself in the site's language, and every
/// commented optional line can be uncommented where it stands.
#[test]
fn scaffold_hints_can_be_uncommented_in_the_site_language() {
    std::thread::scope(|scope| {
        for language in ["zh", "en"] {
            scope.spawn(move || scaffold_hints_in(language));
        }
    });
}

/// The scaffold test on one site made by `qiao init --language LANGUAGE`: its
/// `site.toml`, the files `init` writes from the templates, and a `new` file of
/// every kind.
fn scaffold_hints_in(language: &str) {
    let s = Site::init(&["--language", language]);
    s.passes(&format_args!("init --language {language}"));
    assert!(s.read("site.toml").contains(&format!("language = \"{language}\"")), "{language}");
    // The Chinese site has an image under static/, so `new` offers `cover`; the
    // English one has none, so `new` only says how to add one.
    if language == "zh" {
        s.write("static/images/campus.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    }
    for rel in [
        "site.toml",
        "content/cases/first-order-class.md",
        "content/policies/first-policy.md",
        "content/demands/first-demand.md",
        "content/roadshows/first-roadshow.md",
    ] {
        assert!(check_hints(&s, rel, language) > 0, "{language} {rel}: no commented TOML line");
    }
    let title = if language == "zh" { "新的条目" } else { "A new entry" };
    for kind in ["members", "cases", "policies", "demands", "roadshows", "page", "news"] {
        let out = s.qiao(&["new", kind, &format!("new-{kind}"), "--title", title]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "new {kind}: {}", String::from_utf8_lossy(&out.stderr));
        let path = PathBuf::from(stdout.trim());
        let rel = path.strip_prefix(s.root()).unwrap().to_str().unwrap().replace('\\', "/");
        s.passes(&format_args!("{language}: qiao new {kind}"));
        let text = s.read(&rel);
        assert_eq!(
            text.contains("\n# cover = \"/images/campus.svg\"\n"),
            language == "zh",
            "{text}"
        );
        assert!(check_hints(&s, &rel, language) > 0, "{language} {rel}: no commented TOML line");
    }
}

/// The comment lines of a scaffold's front matter.
fn comment_lines(text: &str) -> Vec<&str> {
    toml_lines(text, false).into_iter().map(|(_, l)| l).filter(|l| l.starts_with('#')).collect()
}

/// A Chinese site that declares English (`[languages.en]`), with an original of
/// every kind whose text a translation carries: a member with a logo and
/// expertise, a case with a cover, outcomes and `[extra]`, a policy with
/// incentives, a roadshow with a venue and projects, a plain page, a section with
/// its intro.
fn site_to_translate(language: &str) -> Site {
    let s = Site::new();
    // English and French, but for the site's own language.
    let others: String = [("en", "Xunjiang Alliance"), ("fr", "Alliance de Xunjiang")]
        .iter()
        .filter(|(code, _)| *code != language)
        .map(|(code, title)| format!("\n[languages.{code}]\ntitle = \"{title}\"\n"))
        .collect();
    s.write(
        "site.toml",
        &format!(
            "title = \"浔江联盟\"\nbase_url = \"https://example.org/\"\nlanguage = \"{language}\"\n{others}"
        ),
    );
    s.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    s.write(
        "content/members/alpha-college.md",
        &content(
            "title = \"阿尔法学院\"\ndate = 2025-01-01\ntype = \"college\"\nwebsite = \"https://alpha.example.org/\"\nlogo = \"/images/logo.svg\"\nlogo_alt = \"学院的校徽\"\nexpertise = [\"数控加工\", \"机器视觉\"]\noffers = [\"talent\"]\n",
            "阿尔法学院是一所职业院校。",
        ),
    );
    s.write(
        "content/members/beta-company.md",
        &content("title = \"贝塔公司\"\ndate = 2025-01-01\ntype = \"enterprise\"\n", "一家公司。"),
    );
    s.write(
        "content/policies/p1.md",
        &content(
            "title = \"订单班补贴办法\"\ndate = 2025-01-01\nissuer = \"浔江市教育局\"\nlevel = \"municipal\"\nissued = 2025-01-01\nincentives = [\n  { kind = \"funding\", text = \"每个订单班补贴五万元。\" },\n  { kind = \"talent\", text = \"带班师傅享受津贴。\" },\n]\n",
            "## 申报条件\n\n校企双方签订协议。",
        ),
    );
    s.write(
        "content/cases/2025/vision-lab.md",
        "+++\ntitle = \"视觉联合实验室\"\ndate = 2025-03-01\nsummary = \"三方共建的工业视觉实验室。\"\nindustries = [\"intelligent-manufacturing\"]\nregions = [\"xunjiang-city\"]\ntags = [\"机器视觉\", \"AI\"]\ncover = \"/images/logo.svg\"\ncover_alt = \"实验室里的检测工位\"\npartners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\ndepth = \"deep\"\nstarted = 2024-09-01\npolicies = [\"p1\"]\naliases = [\"/old/vision/\"]\n\n[extra]\nmotto = \"边学边做\"\nlab_area_m2 = 600\n\n[[outcomes]]\nlabel = \"标注图像\"\nvalue = 12000\nunit = \"张\"\n\n[[outcomes]]\nlabel = \"质检场景\"\nvalue = 7\n+++\n\n## 合作内容\n\n学院和[贝塔公司](/members/beta-company.md)共建实验室，\"引号\"和 \\ 反斜杠原样保留。\n\n- 第一项\n- 第二项\n",
    );
    s.write(
        "content/roadshows/r1.md",
        &content(
            "title = \"智能制造路演\"\ndate = 2025-02-01\nstart = 2027-03-20T14:00:00+08:00\norganizer = \"alpha-college\"\nvenue = { name = \"路演厅\", address = \"江滨大道 188 号\", city = \"浔江市\" }\n\n[[projects]]\ntitle = \"缺陷检测平台\"\nteam = \"alpha-college\"\nseeking = \"investment\"\ntrl = 6\nsummary = \"几十张样本即可训练。\"\n\n[[projects]]\ntitle = \"数控实训云\"\nteam = \"beta-company\"\nseeking = \"partner\"\n",
            "## 活动安排\n\n下午两点开始。",
        ),
    );
    s.write("content/join/how.md", &content("title = \"如何加入\"\n", "填写申请表。"));
    s.write(
        "content/news/_index.md",
        &content("title = \"联盟动态\"\npaginate_by = 5\n", "秘书处发布的动态。"),
    );
    s.write(
        "content/news/first.md",
        &content("title = \"第一条动态\"\ndate = 2025-05-01\n", "动态正文。"),
    );
    s
}

/// Runs `qiao new ARGS` on `s` in `lang`, returning the exit code and stderr.
fn new_said(s: &Site, lang: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--lang", lang, "new"];
    all.extend_from_slice(args);
    let out = s.qiao(&all);
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// Runs `qiao new ARGS` on `s`, asserting success, and returns the written file's
/// path below the site and its text.
fn translated(s: &Site, args: &[&str]) -> (String, String) {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let out = s.qiao(&all);
    assert!(out.status.success(), "new {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let path = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let rel = path.strip_prefix(s.root()).unwrap().to_str().unwrap().replace('\\', "/");
    let text = s.read(&rel);
    (rel, text)
}

/// The front matter of a content file as TOML, and its body (after the closing
/// `+++` line).
fn front_and_body(text: &str) -> (toml::Table, String) {
    let rest = text.strip_prefix("+++\n").expect("opens with +++");
    let end = rest.find("\n+++\n").expect("a closing +++");
    let front: toml::Table = rest[..=end].parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    (front, rest[end + 5..].to_owned())
}

/// The keys of a TOML table, sorted.
fn keys(t: &toml::Table) -> Vec<&str> {
    t.keys().map(String::as_str).collect()
}

/// `qiao new KIND SLUG --translate en` writes `x.en.md` beside the original: only
/// the fields a translation may set, each holding the original's text, and the
/// original's body; the facts stay out, and the comments say so in the site's
/// language.
#[test]
fn a_translation_scaffold_holds_the_original_text_and_no_fact() {
    let s = site_to_translate("zh");
    let before = s.read("content/cases/2025/vision-lab.md");

    let (rel, text) = translated(&s, &["cases", "vision-lab", "--translate", "en"]);
    assert_eq!(rel, "content/cases/2025/vision-lab.en.md");
    assert_eq!(s.read("content/cases/2025/vision-lab.md"), before, "the original is unchanged");
    let (front, body) = front_and_body(&text);
    assert_eq!(
        keys(&front),
        ["cover_alt", "extra", "outcomes", "summary", "tags", "title"],
        "{text}"
    );
    assert_eq!(front["title"].as_str(), Some("视觉联合实验室"));
    assert_eq!(front["summary"].as_str(), Some("三方共建的工业视觉实验室。"));
    assert_eq!(front["cover_alt"].as_str(), Some("实验室里的检测工位"));
    assert_eq!(front["tags"].as_array().unwrap().len(), 2);
    assert_eq!(front["extra"]["motto"].as_str(), Some("边学边做"));
    let outcomes = front["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 2, "one per outcome of the original, in order");
    assert_eq!(keys(outcomes[0].as_table().unwrap()), ["label", "unit"]);
    assert_eq!(outcomes[0]["label"].as_str(), Some("标注图像"));
    assert_eq!(outcomes[0]["unit"].as_str(), Some("张"));
    assert_eq!(keys(outcomes[1].as_table().unwrap()), ["label"]);
    assert_eq!(body, before.split_once("\n+++\n").unwrap().1, "the original's body, as it is");
    assert!(body.contains("\"引号\"和 \\ 反斜杠"), "{body}");
    for fact in ["date", "partners", "modes", "depth", "started", "policies", "aliases", "cover ="]
    {
        assert!(!text.lines().any(|l| l.starts_with(fact)), "{fact} set:\n{text}");
        assert!(!text.lines().any(|l| l.starts_with(&format!("# {fact}"))), "{fact}:\n{text}");
    }
    assert!(!text.contains("value ="), "{text}");
    assert!(!text.contains("intelligent-manufacturing"), "{text}");
    // The comments: whole `# ` lines in the site's language, naming the original;
    // the one hint (`draft = true`) can be uncommented where it stands.
    let comments = comment_lines(&text);
    assert!(comments.len() >= 4, "{text}");
    for line in &comments {
        assert!(line.starts_with("# "), "{line}");
        if !is_hint(line) {
            assert!(has_cjk(line), "a comment of a Chinese site in English: {line}");
            assert!(toml::from_str::<toml::Table>(&line[2..]).is_err(), "prose as TOML: {line}");
        }
    }
    assert!(comments.iter().any(|l| l.contains("content/cases/2025/vision-lab.md")), "{text}");
    let blocks = hint_blocks(&text, false);
    assert_eq!(blocks.len(), 1, "{text}");
    let (drafted, _) = front_and_body(&uncomment(&text, &blocks[0]));
    assert_eq!(drafted["draft"].as_bool(), Some(true));

    // A member: logo_alt and expertise, not its type, website, logo or offers.
    let (rel, text) = translated(&s, &["members", "alpha-college", "--translate", "en"]);
    assert_eq!(rel, "content/members/alpha-college.en.md");
    let (front, body) = front_and_body(&text);
    assert_eq!(keys(&front), ["expertise", "logo_alt", "title"], "{text}");
    assert_eq!(front["expertise"].as_array().unwrap().len(), 2);
    assert_eq!(front["logo_alt"].as_str(), Some("学院的校徽"));
    assert_eq!(body, "\n阿尔法学院是一所职业院校。\n");

    // A policy: the text of each incentive, not its kind.
    let (_, text) = translated(&s, &["policies", "p1", "--translate", "en"]);
    let (front, _) = front_and_body(&text);
    assert_eq!(keys(&front), ["incentives", "title"], "{text}");
    let incentives = front["incentives"].as_array().unwrap();
    assert_eq!(incentives.len(), 2);
    assert_eq!(keys(incentives[1].as_table().unwrap()), ["text"]);
    assert_eq!(incentives[1]["text"].as_str(), Some("带班师傅享受津贴。"));

    // A roadshow: the venue's words and each project's title and summary.
    let (_, text) = translated(&s, &["roadshows", "r1", "--translate", "en"]);
    let (front, body) = front_and_body(&text);
    assert_eq!(keys(&front), ["projects", "title", "venue"], "{text}");
    assert_eq!(keys(front["venue"].as_table().unwrap()), ["address", "city", "name"]);
    let projects = front["projects"].as_array().unwrap();
    assert_eq!(keys(projects[0].as_table().unwrap()), ["summary", "title"]);
    assert_eq!(keys(projects[1].as_table().unwrap()), ["title"]);
    assert_eq!(projects[1]["title"].as_str(), Some("数控实训云"));
    assert!(body.contains("下午两点开始。"), "{body}");

    // A plain page by its path, a page of a section, and a section's intro (title
    // and text only: paginate_by is the original's), each with --title.
    let (rel, text) =
        translated(&s, &["page", "join/how", "--translate", "en", "--title", "How to join"]);
    assert_eq!(rel, "content/join/how.en.md");
    let (front, _) = front_and_body(&text);
    assert_eq!(keys(&front), ["title"]);
    assert_eq!(front["title"].as_str(), Some("How to join"));
    assert!(!text.contains("可选字段"), "no note on optional fields it does not have:\n{text}");
    assert!(text.contains("\n# draft = true\n"), "{text}");
    let (rel, _) = translated(&s, &["news", "first", "--translate", "fr"]);
    assert_eq!(rel, "content/news/first.fr.md");
    let (rel, text) = translated(&s, &["news", "_index", "--translate", "en"]);
    assert_eq!(rel, "content/news/_index.en.md");
    let (front, body) = front_and_body(&text);
    assert_eq!(keys(&front), ["title"], "{text}");
    assert_eq!(body, "\n秘书处发布的动态。\n");
    // An intro with no title of its own: its folder's name, to write over.
    s.write("content/cases/_index.md", "+++\n+++\n\n合作案例的介绍。\n");
    let (_, text) = translated(&s, &["cases", "_index", "--translate", "en"]);
    let (front, _) = front_and_body(&text);
    assert_eq!(front["title"].as_str(), Some("cases"), "{text}");
}

/// In an English site the comments of a translation scaffold are English.
#[test]
fn a_translation_scaffold_explains_itself_in_the_site_language() {
    let s = site_to_translate("fr");
    let (_, text) = translated(&s, &["cases", "vision-lab", "--translate", "en"]);
    let comments = comment_lines(&text);
    assert!(comments.len() >= 4, "{text}");
    for line in comments {
        assert!(!has_cjk(line), "a comment of an English site in Chinese: {line}");
    }
    assert!(text.contains("# The facts (dates, slugs, partners"), "{text}");
}

/// Every refusal of `new --translate`, in English and in Chinese, with exit 2
/// and no file written.
#[test]
fn a_translation_scaffold_refuses_what_it_cannot_start() {
    let s = site_to_translate("zh");
    s.write("content/cases/2024/vision-lab.md", "+++\ntitle = \"另一个\"\n+++\n");
    s.write("content/cases/broken.md", "+++\ntitle = \"坏的\"\ndate = 2025-13-01\n+++\n");
    s.write("content/members/beta-company.en.md", "+++\ntitle = \"Beta\"\n+++\n");
    s.write(
        "content/members/gamma-gmbh.md",
        "+++\ntitle = \"Gamma GmbH\"\ndate = 2025-01-01\ntype = \"enterprise\"\nlang = \"en\"\n+++\n",
    );
    let before = crate::support::files(s.root());
    let cases: [(&[&str], &str, &str); 11] = [
        (
            &["cases", "nope", "--translate", "en"],
            "nothing to translate: there is no content/cases/nope.md, nor a file of that name in the folders below content/cases/; make the original first",
            "没有可翻译的原文：没有 content/cases/nope.md，content/cases/ 下面的文件夹里也没有同名文件；请先建好原文",
        ),
        (
            &["page", "join/nope", "--translate", "en"],
            "nothing to translate: there is no content/join/nope.md; make the original first",
            "没有可翻译的原文：没有 content/join/nope.md；请先建好原文",
        ),
        (
            &["cases", "vision-lab", "--translate", "en"],
            "`vision-lab` names more than one file (content/cases/2024/vision-lab.md, content/cases/2025/vision-lab.md): name one by its path below content/cases/, such as 2025/vision-lab",
            "`vision-lab` 对应不止一个文件（content/cases/2024/vision-lab.md, content/cases/2025/vision-lab.md）：请写出它在 content/cases/ 下面的路径，例如 2025/vision-lab",
        ),
        (
            &["cases", "broken", "--translate", "en"],
            "content/cases/broken.md has errors: correct them first (qiao check shows them), then start its translation",
            "content/cases/broken.md 有错误：请先改正（qiao check 会列出），再开始翻译",
        ),
        (
            &["members", "beta-company", "--translate", "en"],
            "@/content/members/beta-company.en.md already exists: this translation has been started; edit that file",
            "@/content/members/beta-company.en.md 已经存在：这篇译文已经开始了，请直接编辑那个文件",
        ),
        (
            &["members", "gamma-gmbh", "--translate", "en"],
            "content/members/gamma-gmbh.md is written in en already (it sets lang = \"en\"): it needs no translation into en",
            "content/members/gamma-gmbh.md 本身就是用 en 写的（它写了 lang = \"en\"）：不需要再翻译成 en",
        ),
        (
            &["members", "alpha-college", "--translate", "english!"],
            "`english!` is not a language tag: write it like en or en-US",
            "`english!` 不是语言代码：请写成 en 或 en-US 这样",
        ),
        (
            &["members", "alpha-college", "--translate", "zh"],
            "`zh` is the site's own language (`language` in site.toml): the originals are written in it; translate into another language",
            "`zh` 就是网站本身的语言（site.toml 里的 language）：原文就是用它写的；请翻译成另一种语言",
        ),
        (
            &["members", "alpha-college", "--translate", "de"],
            "site.toml declares no language `de`: add a [languages.de] table to site.toml (with the site's title in that language), then run this again",
            "site.toml 里没有声明语言 `de`：请先在 site.toml 里加上 [languages.de]（写上这种语言的网站名称），再运行一次",
        ),
        (
            &["cses", "alpha-college", "--translate", "en"],
            "unknown kind `cses`: use members, cases, policies, demands, roadshows, page, or the folder of a section (news, notices)",
            "没有 `cses` 这种内容：请用 members、cases、policies、demands、roadshows、page，或者栏目的文件夹名（news、notices）",
        ),
        (
            &["members", "Alpha College", "--translate", "en"],
            "`Alpha College` cannot be a slug: use only a-z, 0-9, `-` and Chinese characters",
            "`Alpha College` 不能用作 slug：只能用 a-z、0-9、`-` 和汉字",
        ),
    ];
    let root = s.root().display().to_string();
    for (args, en, zh) in cases {
        for (lang, want) in [("en", en), ("zh", zh)] {
            let (code, said) = new_said(&s, lang, args);
            assert_eq!(code, Some(2), "{args:?} in {lang}: {said}");
            assert_eq!(said.trim_end(), format!("error: {}", want.replace('@', &root)), "{args:?}");
        }
    }
    // The path below the folder chooses between two files of one name.
    let (rel, _) = translated(&s, &["cases", "2025/vision-lab", "--translate", "en"]);
    assert_eq!(rel, "content/cases/2025/vision-lab.en.md");
    std::fs::remove_file(s.root().join(&rel)).unwrap();
    assert_eq!(crate::support::files(s.root()), before, "a refusal writes nothing");

    // site.toml with an error of its own: said before anything is looked for.
    s.write("site.toml", "title = \"X\"\nbase_url = \"https://example.org/\"\n[languages.en\n");
    for (lang, want) in [
        ("en", "error: site.toml has errors: run qiao check and correct them, then run this again"),
        ("zh", "error: site.toml 有错误：请先运行 qiao check 并改正，再运行一次"),
    ] {
        let (code, said) = new_said(&s, lang, &["members", "alpha-college", "--translate", "en"]);
        assert_eq!(code, Some(2));
        assert_eq!(said.trim_end(), want);
    }
}

#[test]
fn bad_command_line_exits_2() {
    let out = run(&["check", "--today", "tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn example_site_passes_check() {
    let out = Site::example().check();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Mutations of a valid file (truncations, byte flips, inserted delimiters) never
/// make loading panic: the library returns diagnostics or a site.
#[test]
fn mutated_files_never_panic() {
    let valid = "+++\ntitle = \"案例\"\ndate = 2025-01-01\npartners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n[[outcomes]]\nlabel = \"学生\"\nvalue = 12\n+++\n\n# 标题\n\n正文 [link](../members/alpha-college.md)\n";
    let s = site();
    let config = qiao::config::load(s.root()).unwrap();
    let file = qiao::content::ContentFile {
        path: s.root().join("content/cases/x.md"),
        rel: "content/cases/x.md".into(),
        kind: qiao::model::Kind::Cases,
        segments: vec!["cases".into(), "x".into()],
        is_intro: false,
        lang: None,
    };
    let bytes = valid.as_bytes();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..4000 {
        let mut m = bytes.to_vec();
        match i % 4 {
            0 => m.truncate((next() as usize) % (bytes.len() + 1)),
            1 => {
                let at = (next() as usize) % m.len();
                m[at] = next() as u8;
            }
            2 => {
                let at = (next() as usize) % m.len();
                let ins: &[u8] = [b"+++\n".as_slice(), b"\"", b"[", b"{", b"=", b"\r", b"\xe6\xa8"]
                    [(next() as usize) % 7];
                m.splice(at..at, ins.iter().copied());
            }
            _ => {
                let a = (next() as usize) % m.len();
                let b = (next() as usize) % m.len();
                m.swap(a, b);
            }
        }
        if let Ok(text) = qiao::source::decode(&file.rel, &m) {
            let _ = qiao::content::parse_file(&file, &text, &config);
        }
    }
}

#[test]
fn a_broken_member_is_reported_once_not_at_every_reference() {
    let s = site();
    s.write(
        "content/members/gamma.md",
        "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"startup\"\n+++\n",
    );
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\", \"gamma\"]\nmodes = [\"joint-lab\"]\n"),
    );
    let e = s.one_error();
    assert!(
        e.starts_with("content/members/gamma.md:4:8: error[E0207]: `type` must be one of"),
        "{e}"
    );
}

#[test]
fn plain_pages_need_only_a_title() {
    let s = site();
    s.write("content/join/how.md", "+++\ntitle = \"如何加入\"\n+++\n\n欢迎。\n");
    let out = s.check();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    s.write("content/cases/x.md", "+++\ntitle = \"A case\"\npartners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:1:1: error[E0201]: missing required field `date` (the publication date, like `date = 2025-03-18`)"
    );
}

#[test]
fn check_reports_broken_markdown_links_like_build() {
    let s = site();
    s.write("content/cases/x.md", &format!("+++\ntitle = \"A\"\ndate = 2025-01-01\n{PARTNERS}+++\n\n见 [甲](../members/alpha-college.md) 与\n[乙](../members/gamma.md)。\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/cases/x.md:9:1: error[E0403]:"), "{e}");
    assert!(e.contains("gamma"), "{e}");
}

// Errors an editor understands (issue 19): every message has a code and is worded in
// Chinese and English; the mistakes a Chinese keyboard makes are named at their
// character, with the line as it should be written.

impl Site {
    /// Runs `check --lang LANG`: the exit code and every line but the count and
    /// the final "ok" line.
    fn lines_in(&self, lang: &str) -> (Option<i32>, Vec<String>) {
        let out = self.qiao(&["check", "--today", "2026-11-24", "--lang", lang]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines = stderr
            .lines()
            .filter(|l| l.starts_with("content/") || l.starts_with("site.toml"))
            .map(str::to_owned)
            .collect();
        (out.status.code(), lines)
    }

    /// A site with a member whose title is Chinese, and labelled industries.
    fn chinese() -> Self {
        let s = site();
        s.write(
            "site.toml",
            "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[taxonomies]\nindustries.intelligent-manufacturing = \"智能制造\"\n",
        );
        s.write(
            "content/members/example-college.md",
            "+++\ntitle = \"示例职业技术学院\"\ndate = 2025-01-01\ntype = \"college\"\n+++\n",
        );
        s.write_bytes("static/images/x.jpg", &crate::support::tiny_image(image::ImageFormat::Jpeg));
        s
    }
}

/// Each front-matter line (line 6 of a case), and what `check` says of it in
/// English and in Chinese: one line each, at the mistaken character.
const KEYBOARD: &[(&str, &str, &str)] = &[
    (
        "summary = “数控订单班”",
        "6:11: error[E0107]: the Chinese quotation mark `“` around a value: TOML needs straight quotes `\"`; write the line as `summary = \"数控订单班\"`",
        "6:11: error[E0107]: 值两边用了中文引号 `“`：TOML 要用英文引号 `\"`；这一行应写成 `summary = \"数控订单班\"`",
    ),
    (
        "summary = \"数控订单班”",
        "6:17: error[E0107]: the Chinese quotation mark `”` around a value: TOML needs straight quotes `\"`; write the line as `summary = \"数控订单班\"`",
        "6:17: error[E0107]: 值两边用了中文引号 `”`：TOML 要用英文引号 `\"`；这一行应写成 `summary = \"数控订单班\"`",
    ),
    (
        "summary = ‘数控订单班’",
        "6:11: error[E0107]: the Chinese single quotation mark `‘` around a value: TOML needs straight quotes `'`; write the line as `summary = '数控订单班'`",
        "6:11: error[E0107]: 值两边用了中文单引号 `‘`：TOML 要用英文引号 `'`；这一行应写成 `summary = '数控订单班'`",
    ),
    (
        "tags = [\"a\"，\"b\"]",
        "6:12: error[E0108]: the full-width comma `，` in front matter: TOML needs `,`; write the line as `tags = [\"a\", \"b\"]`",
        "6:12: error[E0108]: front matter 里用了全角逗号 `，`：TOML 要用 `,`；这一行应写成 `tags = [\"a\", \"b\"]`",
    ),
    (
        "tags = [\"a\"、\"b\"]",
        "6:12: error[E0108]: the enumeration comma `、` in front matter: TOML needs `,`; write the line as `tags = [\"a\", \"b\"]`",
        "6:12: error[E0108]: front matter 里用了顿号 `、`：TOML 要用 `,`；这一行应写成 `tags = [\"a\", \"b\"]`",
    ),
    (
        "summary：“x”",
        "6:8: error[E0108]: the full-width colon `：` in front matter: TOML needs `=`; write the line as `summary = \"x\"`",
        "6:8: error[E0108]: front matter 里用了全角冒号 `：`：TOML 要用 `=`；这一行应写成 `summary = \"x\"`",
    ),
    (
        "summary ＝ \"x\"",
        "6:9: error[E0108]: the full-width equals sign `＝` in front matter: TOML needs `=`; write the line as `summary = \"x\"`",
        "6:9: error[E0108]: front matter 里用了全角等号 `＝`：TOML 要用 `=`；这一行应写成 `summary = \"x\"`",
    ),
    (
        "tags = 【\"a\"】",
        "6:8: error[E0108]: a full-width bracket `【` in front matter: TOML needs `[`; write the line as `tags = [\"a\"]`",
        "6:8: error[E0108]: front matter 里用了全角方括号 `【`：TOML 要用 `[`；这一行应写成 `tags = [\"a\"]`",
    ),
    (
        "tags = ［\"a\"］",
        "6:8: error[E0108]: a full-width bracket `［` in front matter: TOML needs `[`; write the line as `tags = [\"a\"]`",
        "6:8: error[E0108]: front matter 里用了全角方括号 `［`：TOML 要用 `[`；这一行应写成 `tags = [\"a\"]`",
    ),
    (
        "contact = ｛ name = \"李雯\" ｝",
        "6:11: error[E0108]: a full-width brace `｛` in front matter: TOML needs `{`; write the line as `contact = { name = \"李雯\" }`",
        "6:11: error[E0108]: front matter 里用了全角花括号 `｛`：TOML 要用 `{`；这一行应写成 `contact = { name = \"李雯\" }`",
    ),
    (
        "tags = （\"a\"，\"b\"）",
        "6:8: error[E0108]: a full-width round bracket `（` in front matter: TOML needs `[`; write the line as `tags = [\"a\", \"b\"]`",
        "6:8: error[E0108]: front matter 里用了全角圆括号 `（`：TOML 要用 `[`；这一行应写成 `tags = [\"a\", \"b\"]`",
    ),
    (
        "contact = （name = \"李雯\"）",
        "6:11: error[E0108]: a full-width round bracket `（` in front matter: TOML needs `{`; write the line as `contact = {name = \"李雯\"}`",
        "6:11: error[E0108]: front matter 里用了全角圆括号 `（`：TOML 要用 `{`；这一行应写成 `contact = {name = \"李雯\"}`",
    ),
    (
        "tags\u{3000}= [\"a\"]",
        "6:5: error[E0108]: the full-width space `\u{3000}` in front matter: TOML needs an ordinary space; write the line as `tags = [\"a\"]`",
        "6:5: error[E0108]: front matter 里用了全角空格 `\u{3000}`：TOML 要用普通（半角）空格；这一行应写成 `tags = [\"a\"]`",
    ),
    (
        "summary: \"x\"",
        "6:8: error[E0110]: `key: value` is YAML; TOML writes `key = value`: write the line as `summary = \"x\"`",
        "6:8: error[E0110]: `键: 值` 是 YAML 的写法，TOML 要写 `键 = 值`；这一行应写成 `summary = \"x\"`",
    ),
    (
        "summary = 数控订单班",
        "6:11: error[E0113]: text must be in straight double quotes: write the line as `summary = \"数控订单班\"`",
        "6:11: error[E0113]: 文字要用英文双引号括起来；这一行应写成 `summary = \"数控订单班\"`",
    ),
    (
        "updated = 2025/3/18",
        "6:11: error[E0109]: the date `2025/3/18` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025/3/18` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = \"2025/3/18\"",
        "6:11: error[E0109]: the date `2025/3/18` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025/3/18` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = 2025.3.18",
        "6:11: error[E0109]: the date `2025.3.18` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025.3.18` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = \"2025.3.18\"",
        "6:11: error[E0109]: the date `2025.3.18` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025.3.18` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = 2025年3月18日",
        "6:11: error[E0109]: the date `2025年3月18日` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025年3月18日` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = \"2025年3月18日\"",
        "6:11: error[E0109]: the date `2025年3月18日` is not written the TOML way: write `2025-03-18` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-18`",
        "6:11: error[E0109]: 日期 `2025年3月18日` 的写法不对：应写成 `2025-03-18`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-18`",
    ),
    (
        "updated = 2025-3-8",
        "6:11: error[E0109]: the date `2025-3-8` is not written the TOML way: write `2025-03-08` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `updated = 2025-03-08`",
        "6:11: error[E0109]: 日期 `2025-3-8` 的写法不对：应写成 `2025-03-08`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `updated = 2025-03-08`",
    ),
    (
        "cover = \"C:\\Users\\me\\Pictures\\x.jpg\"\ncover_alt = \"x\"",
        "6:9: error[E0307]: `cover` is a path on your computer (`C:\\Users\\me\\Pictures\\x.jpg`), which the site cannot show: put the image in the site's static/images/ folder and write `/images/x.jpg`",
        "6:9: error[E0307]: `cover` 写的是你电脑上的路径（`C:\\Users\\me\\Pictures\\x.jpg`），网站上显示不出来：把图片放进站点的 static/images/ 文件夹，写成 `/images/x.jpg`",
    ),
    (
        "cover = 'C:\\Users\\me\\Pictures\\x.jpg'\ncover_alt = \"x\"",
        "6:9: error[E0307]: `cover` is a path on your computer (`C:\\Users\\me\\Pictures\\x.jpg`), which the site cannot show: put the image in the site's static/images/ folder and write `/images/x.jpg`",
        "6:9: error[E0307]: `cover` 写的是你电脑上的路径（`C:\\Users\\me\\Pictures\\x.jpg`），网站上显示不出来：把图片放进站点的 static/images/ 文件夹，写成 `/images/x.jpg`",
    ),
    (
        "cover = \"static/images/x.jpg\"\ncover_alt = \"x\"",
        "6:9: error[E0308]: `cover` starts with `static/`: files under static/ are published at the site root, so write `/images/x.jpg`",
        "6:9: error[E0308]: `cover` 以 `static/` 开头：static/ 里的文件发布在网站根目录，应写成 `/images/x.jpg`",
    ),
    (
        "industry = [\"intelligent-manufacturing\"]",
        "6:1: error[E0202]: unknown field `industry`; did you mean `industries`?",
        "6:1: error[E0202]: 未知字段 `industry`；是不是 `industries`？",
    ),
    (
        "标题 = \"x\"",
        "6:1: error[E0202]: unknown field `标题`; did you mean `title`?",
        "6:1: error[E0202]: 未知字段 `标题`；是不是 `title`？",
    ),
    (
        "[extra]\nnote = 1\ntags = [\"AI\"]",
        "8:1: error[E0112]: `tags` is inside `[extra]`: TOML puts every line after the `[extra]` line into that table; move `tags = …` above the `[extra]` line",
        "8:1: error[E0112]: `tags` 被写进了 `[extra]`：TOML 会把 `[extra]` 这一行之后的所有行都放进这个表格；把 `tags = …` 移到 `[extra]` 这一行上面",
    ),
];

#[test]
fn the_chinese_keyboards_mistakes_are_named_at_their_character_in_both_languages() {
    let s = Site::chinese();
    for (line, en, zh) in KEYBOARD {
        s.write("content/cases/x.md", &case(&format!("{PARTNERS}{line}\n")));
        for (lang, expected) in [("en", en), ("zh", zh)] {
            let (code, lines) = s.lines_in(lang);
            assert_eq!(code, Some(1), "{line} ({lang}): {lines:#?}");
            assert_eq!(lines, vec![format!("content/cases/x.md:{expected}")], "{line} ({lang})");
        }
    }
}

#[test]
fn a_field_below_a_table_line_is_told_to_move_up() {
    let s = Site::chinese();
    s.write(
        "content/roadshows/r.md",
        "+++\ntitle = \"R\"\ndate = 2025-01-01\nstart = 2026-05-20T14:00:00\norganizer = \"alpha-college\"\n\n[venue]\nname = \"Hall\"\n\n[[projects]]\ntitle = \"P\"\nonline_url = \"https://x.org/\"\n+++\n",
    );
    let (_, en) = s.lines_in("en");
    assert_eq!(
        en,
        vec![
            "content/roadshows/r.md:12:1: error[E0112]: `online_url` is inside `[[projects]]`: TOML puts every line after the `[[projects]]` line into that table; move `online_url = …` above the `[[projects]]` line"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/roadshows/r.md:12:1: error[E0112]: `online_url` 被写进了 `[[projects]]`：TOML 会把 `[[projects]]` 这一行之后的所有行都放进这个表格；把 `online_url = …` 移到 `[[projects]]` 这一行上面"
        ]
    );
}

#[test]
fn a_members_title_in_a_reference_suggests_its_slug() {
    let s = Site::chinese();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"示例职业技术学院\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n"),
    );
    let (_, en) = s.lines_in("en");
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:4:13: error[E0301]: unknown member `示例职业技术学院` in `partners`; did you mean `example-college` (示例职业技术学院)? A reference names a member or policy by its slug (its file name), not by its title"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:4:13: error[E0301]: `partners` 中的成员 `示例职业技术学院` 不存在；是不是 `example-college`（示例职业技术学院）？引用成员或政策要写它的 slug（文件名），不是名称"
        ]
    );
    // A title written from memory is near enough.
    s.write("content/demands/d.md", "+++\ntitle = \"D\"\ndate = 2025-01-01\nneed = \"talent\"\norganization = \"示例职业学院\"\ndeadline = 2026-12-31\n+++\n");
    let (_, en) = s.lines_in("en");
    assert!(en.iter().any(|l| l.starts_with("content/demands/d.md:5:16: error[E0301]: unknown member `示例职业学院` in `organization`; did you mean `example-college` (示例职业技术学院)?")), "{en:#?}");
}

#[test]
fn industries_written_as_labels_or_outside_the_list() {
    let s = Site::chinese();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}industries = [\"智能制造\"]\n")));
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(0), "a warning does not fail the check");
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:6:15: warning[W0309]: `智能制造` in `industries` is the label of `intelligent-manufacturing`: write the slug, `intelligent-manufacturing` (read as `intelligent-manufacturing` for now)"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:6:15: warning[W0309]: `industries` 里的 `智能制造` 是 `intelligent-manufacturing` 的名称：请写 slug `intelligent-manufacturing`（这次先按 `intelligent-manufacturing` 处理）"
        ]
    );
    // The label is read as its slug: one industry page, not two.
    let out = s.qiao(&["build", "--today", "2026-11-24"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(s.root().join("public/industries/intelligent-manufacturing/index.html").is_file());
    assert!(!s.root().join("public/industries/智能制造").exists());

    // Once site.toml labels industries, its labels are the list: a slug outside
    // it is an error naming the nearest labelled ones.
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}industries = [\"intelligent-manufactoring\"]\n")),
    );
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(1));
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:6:15: error[E0335]: `intelligent-manufactoring` in `industries` is not on the site's list ([taxonomies] in site.toml labels 1 industry); if it is new, add `industries.intelligent-manufactoring = \"…\"` under [taxonomies]; did you mean `intelligent-manufacturing`?"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:6:15: error[E0335]: `industries` 里的 `intelligent-manufactoring` 不在 site.toml 的名单里（[taxonomies] 给 1 个产业起了名称）；如果是新增的，请在 [taxonomies] 下加一行 `industries.intelligent-manufactoring = \"…\"`；是不是 `intelligent-manufacturing`？"
        ]
    );

    // A site that labels no regions yet: a region is shown as written, with a warning.
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}regions = [\"xunjiang\"]\n")));
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(0), "a warning does not fail the check");
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:6:12: warning[W0310]: `xunjiang` in `regions` has no label in site.toml, so the site shows it as written; add `regions.xunjiang = \"…\"` under [taxonomies]"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:6:12: warning[W0310]: `regions` 里的 `xunjiang` 在 site.toml 里没有名称，网站上会直接显示 slug；请在 [taxonomies] 下加一行 `regions.xunjiang = \"…\"`"
        ]
    );
}

#[test]
fn a_quoted_iso_date_is_a_date() {
    let s = Site::chinese();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitle = \"A case\"\ndate = \"2025-03-18\"\n{PARTNERS}+++\n"),
    );
    s.passes(&"date = \"2025-03-18\"");
}

#[test]
fn a_front_matter_error_does_not_hide_the_files_broken_links() {
    let s = Site::chinese();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}summary = “x”\n")).replace(
            "Text.",
            "See [gone](../members/gone.md) and [ok](../members/alpha-college.md).",
        ),
    );
    // A link to another broken file is not reported: that file's own error is.
    s.write("content/cases/y.md", &format!("+++\ntitle = \"Y\"\n{PARTNERS}+++\n\n[x](x.md)\n"));
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(1));
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:6:11: error[E0107]: the Chinese quotation mark `“` around a value: TOML needs straight quotes `\"`; write the line as `summary = \"x\"`",
            "content/cases/x.md:9:5: error[E0403]: link `../members/gone.md` points to `content/members/gone.md`, which does not exist",
            "content/cases/y.md:1:1: error[E0201]: missing required field `date` (the publication date, like `date = 2025-03-18`)",
        ]
    );
}

#[test]
fn a_missing_cover_is_reported_at_cover() {
    let s = Site::chinese();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}cover = \"/images/none.jpg\"\ncover_alt = \"x\"\n")),
    );
    let (_, en) = s.lines_in("en");
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:6:9: error[E0306]: `cover` image `/images/none.jpg` does not exist; put it under static/ (static/images/none.jpg)"
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(
        zh,
        vec![
            "content/cases/x.md:6:9: error[E0306]: `cover` 的图片 `/images/none.jpg` 不存在；请把它放在 static/ 下（static/images/none.jpg）"
        ]
    );
}

#[test]
fn site_toml_errors_are_all_reported_in_line_order() {
    let s = site();
    s.write(
        "site.toml",
        "titel = \"Test\"\nbase_url = \"example.org\"\ntimezone = \"Beijing\"\nlanguage：\"en\"\n",
    );
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(1));
    let positions: Vec<&str> = en.iter().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        positions,
        vec!["site.toml:1:1", "site.toml:1:1", "site.toml:2:12", "site.toml:3:12", "site.toml:4:9"],
        "{en:#?}"
    );
}

#[test]
fn message_format_json_gives_one_object_per_diagnostic() {
    let s = Site::chinese();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}summary = “数控订单班”\n")));
    let out =
        s.qiao(&["check", "--today", "2026-11-24", "--message-format", "json", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objects.len(), 1, "{stdout}");
    assert_eq!(
        objects[0],
        serde_json::json!({
            "code": "E0107",
            "severity": "error",
            "path": "content/cases/x.md",
            "line": 6,
            "column": 11,
            "end": {"line": 6, "column": 12},
            "message": "值两边用了中文引号 `“`：TOML 要用英文引号 `\"`；这一行应写成 `summary = \"数控订单班\"`",
            "suggestion": {"line": 6, "column": 1, "end": {"line": 6, "column": 18}, "text": "summary = \"数控订单班\""},
        })
    );
}

#[test]
fn the_language_is_the_flag_then_qiao_lang_then_the_site_then_the_locale() {
    let s = site();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\"]\nmodes = [\"joint-lab\"]\n"),
    );
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = qiao();
        c.arg("check").args(args).arg("--root").arg(s.root());
        for var in ["QIAO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            c.env_remove(var);
        }
        c.envs(envs.iter().copied());
        let err = String::from_utf8(c.output().unwrap().stderr).unwrap();
        err.lines().last().unwrap_or_default().to_owned()
    };
    // The site says nothing: `zh` is its language.
    assert_eq!(run(&[], &[]), "1 个错误");
    assert_eq!(run(&[("QIAO_LANG", "en")], &[]), "1 error");
    assert_eq!(run(&[("QIAO_LANG", "en")], &["--lang", "zh"]), "1 个错误");
    s.write(
        "site.toml",
        "title = \"Test\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
    );
    assert_eq!(run(&[("LANG", "zh_CN.UTF-8")], &[]), "1 error");
    assert_eq!(run(&[("QIAO_LANG", "zh")], &[]), "1 个错误");
    // Without a site, the locale.
    let out = qiao()
        .args(["explain", "E0107"])
        .current_dir(std::env::temp_dir())
        .env_remove("QIAO_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("E0107（错误") && text.contains("错误写法"), "{text}");
}

#[test]
fn explain_knows_every_code_and_suggests_the_nearest() {
    let explain = |code: &str| qiao().args(["explain", code, "--lang", "en"]).output().unwrap();
    let out = explain("e0108");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("E0108 (error, Files and front matter)"), "{text}");
    assert!(text.contains("Wrong:\n    partners = [\"xunjiang-polytechnic\"，"), "{text}");
    let out = explain("E0299");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: there is no error code `E0299`; did you mean `E0209`, `E0219`, `E0229`?\n"
    );
}

#[test]
fn a_file_with_field_errors_still_has_its_references_checked() {
    let s = Site::chinese();
    s.write(
        "content/cases/x.md",
        "+++\ntitle = \"X\"\ndate = 2025-12-01\npartners = [\"示例职业技术学院\", \"nobody\"]\nmodes = [\"joint-lab\", \"nonsense\"]\n+++\nBody [a link](/nowhere.md)\n",
    );
    let (code, en) = s.lines_in("en");
    assert_eq!(code, Some(1));
    assert_eq!(
        en,
        vec![
            "content/cases/x.md:4:13: error[E0301]: unknown member `示例职业技术学院` in `partners`; did you mean `example-college` (示例职业技术学院)? A reference names a member or policy by its slug (its file name), not by its title",
            "content/cases/x.md:4:25: error[E0301]: unknown member `nobody` in `partners`; add `content/members/nobody.md` or use an existing slug",
            "content/cases/x.md:5:23: error[E0207]: `modes` must be one of `order-training`, `apprenticeship`, `internship-base`, `industrial-college`, `joint-lab`, `joint-rnd`, `tech-transfer`, `training-base`, `teacher-exchange`, `other`, found `nonsense`",
            "content/cases/x.md:7:6: error[E0403]: link `/nowhere.md` points to `content/nowhere.md`, which does not exist",
        ]
    );
    let (_, zh) = s.lines_in("zh");
    assert_eq!(zh.len(), 4, "{zh:#?}");
    assert!(zh[0].contains("是不是 `example-college`（示例职业技术学院）？"), "{zh:#?}");
}
