//! `qiao check` on small fixture sites: one test per class of editor mistake,
//! asserting the exact `path:line:col: error: message` line, plus the happy paths
//! (`init`, `new`, the example site) and a no-panic property test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway site: `site.toml`, two members, and whatever a test adds.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let site = Site { dir };
        site.write("site.toml", "title = \"Test\"\nbase_url = \"https://example.org/\"\n");
        site.write("content/members/alpha-college.md", "+++\ntitle = \"Alpha College\"\ndate = 2025-01-01\ntype = \"college\"\n+++\n\nA college.\n");
        site.write("content/members/beta-company.md", "+++\ntitle = \"Beta Company\"\ndate = 2025-01-01\ntype = \"enterprise\"\n+++\n\nA company.\n");
        site.write("content/policies/p1.md", "+++\ntitle = \"Policy\"\ndate = 2025-01-01\nissuer = \"Gov\"\nlevel = \"municipal\"\nissued = 2025-01-01\n+++\n");
        site
    }

    /// A site made by `qiao init --language LANGUAGE`.
    fn init(language: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_qiao"))
            .arg("init")
            .arg(dir.path())
            .args(["--language", language])
            .output()
            .unwrap();
        assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
        Site { dir }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Runs `check`, asserting exit 0; `what` says what the site holds.
    fn passes(&self, what: &dyn std::fmt::Display) {
        let out = self.check();
        assert!(out.status.success(), "{what}\n{}", String::from_utf8_lossy(&out.stderr));
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    fn qiao(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_qiao"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env_remove("QIAO_TODAY")
            .output()
            .unwrap()
    }

    fn check(&self) -> Output {
        self.qiao(&["check", "--today", "2026-11-24"])
    }

    /// Runs `check` and returns the error lines (the count line removed), asserting exit 1.
    fn errors(&self) -> Vec<String> {
        let out = self.check();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "expected errors, got: {stderr}");
        let lines: Vec<String> = stderr.lines().map(str::to_owned).collect();
        let count = lines.last().unwrap();
        assert!(count.ends_with("error") || count.ends_with("errors"), "{count}");
        lines[..lines.len() - 1].to_vec()
    }

    fn one_error(&self) -> String {
        let e = self.errors();
        assert_eq!(e.len(), 1, "{e:#?}");
        e[0].clone()
    }
}

fn case(front: &str) -> String {
    format!("+++\ntitle = \"A case\"\ndate = 2025-01-01\n{front}+++\n\nText.\n")
}

const PARTNERS: &str =
    "partners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n";

#[test]
fn misspelt_field_gets_a_suggestion() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitel = \"A case\"\ndate = 2025-01-01\n{PARTNERS}+++\n"),
    );
    let e = s.errors();
    assert_eq!(
        e,
        vec![
            "content/cases/x.md:1:1: error: missing required field `title`",
            "content/cases/x.md:2:1: error: unknown field `titel`; did you mean `title`?",
        ]
    );
}

#[test]
fn missing_required_field_points_at_the_file() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        "+++\ntitle = \"A case\"\ndate = 2025-01-01\nmodes = [\"joint-lab\"]\n+++\n",
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:1:1: error: missing required field `partners` (the slugs of at least two members, like [\"school-a\", \"company-b\"])"
    );
}

#[test]
fn wrong_type() {
    let s = Site::new();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}draft = \"yes\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:9: error: `draft` must be true or false, found a string \"yes\""
    );
}

#[test]
fn unknown_enum_value_gets_a_suggestion() {
    let s = Site::new();
    s.write(
        "content/members/gamma.md",
        "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"univercity\"\n+++\n",
    );
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:4:8: error: `type` has an unknown value `univercity`; did you mean `university`? (allowed: `university`, `college`, `enterprise`, `association`, `government`, `institute`, `investor`)"
    );
}

#[test]
fn unknown_value_in_a_list() {
    let s = Site::new();
    s.write("content/cases/x.md", &case("partners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"order-training\", \"joint lab\"]\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/cases/x.md:5:28: error: `modes` has an unknown value `joint lab`; did you mean `joint-lab`?"), "{e}");
}

#[test]
fn impossible_date() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitle = \"A\"\ndate = 2025-13-45\n{PARTNERS}+++\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:3:8: error: front matter is not valid TOML at `date`: invalid date, expected month between 01 and 12"
    );
}

#[test]
fn impossible_date_in_quotes() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &format!("+++\ntitle = \"A\"\ndate = \"2025-02-30\"\n{PARTNERS}+++\n"),
    );
    let e = s.one_error();
    assert!(
        e.starts_with("content/cases/x.md:3:8: error: `date` is not a valid date: `2025-02-30`"),
        "{e}"
    );
}

#[test]
fn ended_before_started() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}started = 2025-05-01\nended = 2024-01-01\n")),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:7:9: error: `ended` (2024-01-01) is before `started` (2025-05-01); it must not be"
    );
}

#[test]
fn expires_before_effective() {
    let s = Site::new();
    s.write("content/policies/p2.md", "+++\ntitle = \"P\"\ndate = 2025-01-01\nissuer = [\"A\", \"B\"]\nlevel = \"county\"\nissued = 2025-01-01\neffective = 2025-03-01\nexpires = 2025-02-01\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/policies/p2.md:8:11: error: `expires` (2025-02-01) is before `effective` (2025-03-01); it must not be"
    );
}

#[test]
fn roadshow_end_before_start_and_no_venue() {
    let s = Site::new();
    s.write("content/roadshows/r.md", "+++\ntitle = \"R\"\ndate = 2025-01-01\nstart = 2026-05-20T14:00:00\nend = 2026-05-20T10:00:00\norganizer = \"alpha-college\"\n+++\n");
    assert_eq!(
        s.errors(),
        vec![
            "content/roadshows/r.md:1:1: error: a roadshow needs `venue` (where it takes place) or `online_url` (where to watch), or both",
            "content/roadshows/r.md:5:7: error: `end` (2026-05-20T10:00:00+08:00) must be after `start` (2026-05-20T14:00:00+08:00)",
        ]
    );
}

#[test]
fn trl_out_of_range() {
    let s = Site::new();
    s.write("content/demands/d.md", "+++\ntitle = \"D\"\ndate = 2025-01-01\nneed = \"technology\"\norganization = \"beta-company\"\ndeadline = 2026-12-31\ntrl = 12\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/demands/d.md:7:7: error: `trl` must be between 1 and 9, found 12"
    );
}

#[test]
fn budget_min_above_max() {
    let s = Site::new();
    s.write("content/demands/d.md", "+++\ntitle = \"D\"\ndate = 2025-01-01\nneed = \"technology\"\norganization = \"beta-company\"\ndeadline = 2026-12-31\nbudget = { min = 500000, max = 100000 }\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/demands/d.md:7:32: error: `budget.max` (100000) is less than `budget.min` (500000)"
    );
}

#[test]
fn fewer_than_two_partners() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\"]\nmodes = [\"joint-lab\"]\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:4:12: error: `partners` needs at least two members, found 1"
    );
}

#[test]
fn unknown_member_lists_nearest_slugs() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\", \"beta-compny\"]\nmodes = [\"joint-lab\"]\n"),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:4:30: error: unknown member `beta-compny` in `partners`; did you mean `beta-company`?"
    );
}

#[test]
fn unknown_policy() {
    let s = Site::new();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}policies = [\"p2\"]\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:13: error: unknown policy `p2` in `policies`; did you mean `p1`?"
    );
}

#[test]
fn slug_with_path_characters() {
    let s = Site::new();
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}slug = \"../etc\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:8: error: `slug` may use only a-z, 0-9, `-` and Chinese characters, found \"../etc\" (not allowed: \"../\")"
    );
}

#[test]
fn duplicate_slug_names_the_earlier_file() {
    let s = Site::new();
    s.write("content/cases/a.md", &case(PARTNERS));
    s.write("content/cases/b.md", &case(&format!("{PARTNERS}slug = \"a\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/b.md:6:1: error: duplicate slug `a` in cases: `content/cases/a.md` already uses it; set a different `slug` or rename the file"
    );
}

#[test]
fn a_page_cannot_take_a_url_qiao_writes_itself() {
    let s = Site::new();
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
            "content/cases.md:1:1: error: this page's URL /cases/ belongs to the listing of cases, which qiao writes itself; rename the file or its folder",
            "content/cases/x.md:6:1: error: this page's URL /cases/page/ belongs to the listing of cases, which qiao writes itself; set a different `slug` or rename the file",
            "content/index.md:1:1: error: this page's URL / belongs to the home page, which qiao writes itself; rename the file or its folder",
            "content/policies/finder.md:1:1: error: this page's URL /policies/finder/ belongs to the policy finder, which qiao writes itself; set a different `slug` or rename the file",
            "content/search/help.md:1:1: error: this page's URL /search/help/ belongs to the search page, which qiao writes itself; rename the file or its folder",
            "content/tags.md:1:1: error: this page's URL /tags/ belongs to the tags pages, which qiao writes itself; rename the file or its folder",
        ]
    );
}

#[test]
fn duplicate_slug_across_subfolders() {
    let s = Site::new();
    s.write("content/cases/2024/a.md", &case(PARTNERS));
    s.write("content/cases/2025/a.md", &case(PARTNERS));
    assert_eq!(
        s.one_error(),
        "content/cases/2025/a.md:1:1: error: duplicate slug `a` in cases: `content/cases/2024/a.md` already uses it; set a different `slug` or rename the file"
    );
}

#[test]
fn cover_without_alt() {
    let s = Site::new();
    s.write("static/img/c.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    s.write("content/cases/x.md", &case(&format!("{PARTNERS}cover = \"/img/c.svg\"\n")));
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:1: error: `cover` needs `cover_alt`: a short description of the image for people who cannot see it"
    );
}

#[test]
fn url_that_does_not_parse() {
    let s = Site::new();
    s.write("content/members/gamma.md", "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"enterprise\"\nwebsite = \"www.gamma.cn\"\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:5:11: error: `website` is not a valid web address: `www.gamma.cn` (relative URL without a base); write it in full, like https://example.org/"
    );
}

#[test]
fn javascript_url_is_refused() {
    let s = Site::new();
    s.write("content/members/gamma.md", "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"enterprise\"\nwebsite = \"javascript:alert(1)\"\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/members/gamma.md:5:11: error: `website` must be an http:// or https:// address, found scheme `javascript:`"
    );
}

#[test]
fn taxonomy_term_must_be_a_slug() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &case(&format!("{PARTNERS}industries = [\"Intelligent Manufacturing\"]\n")),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:15: error: `industries` terms are slugs (a-z, 0-9, `-`), found \"Intelligent Manufacturing\"; write \"intelligent-manufacturing\" and give its label in site.toml [taxonomies]"
    );
}

#[test]
fn unclosed_yaml_empty_and_binary_files() {
    let s = Site::new();
    s.write("content/cases/a.md", "+++\ntitle = \"x\"\n");
    s.write("content/cases/b.md", "---\ntitle: x\n---\n");
    s.write("content/cases/c.md", "");
    s.write_bytes("content/cases/d.md", b"+++\ntitle = \"caf\xe9\"\n+++\n");
    assert_eq!(
        s.errors(),
        vec![
            "content/cases/a.md:1:1: error: front matter is not closed: add a line `+++` after the last field (the first `+++` is on line 1)",
            "content/cases/b.md:1:1: error: front matter is TOML between `+++` lines, not YAML between `---` lines: replace both `---` lines with `+++` and write `key = \"value\"` instead of `key: value`",
            "content/cases/c.md:1:1: error: the file is empty; a content file starts with TOML front matter between `+++` lines, with at least `title` and `date`",
            "content/cases/d.md:2:13: error: the file is not valid UTF-8: byte 0xE9 at byte offset 16; save the file as UTF-8",
        ]
    );
}

#[test]
fn unknown_site_toml_key() {
    let s = Site::new();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezon = \"Asia/Shanghai\"\n",
    );
    assert_eq!(
        s.one_error(),
        "site.toml:3:1: error: unknown field `timezon`; did you mean `timezone`?"
    );
}

#[test]
fn bad_timezone() {
    let s = Site::new();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"Beijing\"\n",
    );
    assert_eq!(
        s.one_error(),
        "site.toml:3:12: error: `timezone` must be an IANA time zone name like \"Asia/Shanghai\", found \"Beijing\""
    );
}

#[test]
fn crlf_and_bom_positions() {
    let s = Site::new();
    s.write(
        "content/cases/x.md",
        &format!(
            "\u{feff}+++\r\ntitle = \"A\"\r\ndate = 2025-01-01\r\n{}trl = 3\r\n+++\r\n",
            PARTNERS.replace('\n', "\r\n")
        ),
    );
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:6:1: error: unknown field `trl`; free-form data goes under [extra]"
    );
}

#[test]
fn every_error_of_a_run_is_reported_sorted() {
    let s = Site::new();
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
    assert!(lines[1].starts_with("content/cases/b.md:4:13: error: unknown member `nobody`"));
    assert_eq!(lines[2], "2 errors");
}

#[test]
fn editor_leftovers_and_hidden_files_are_ignored() {
    let s = Site::new();
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
    let s = Site::new();
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
        "content/cases/x.md:4:30: error: `gamma` in `partners` is a draft (`content/members/gamma.md` has `draft = true`); publish it, or build with --drafts"
    );
    assert!(s.qiao(&["check", "--drafts"]).status.success());
}

#[test]
fn init_then_new_of_every_kind_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-alliance");
    let out = Command::new(env!("CARGO_BIN_EXE_qiao")).arg("init").arg(&site).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_qiao"))
            .args(args)
            .arg("--root")
            .arg(&site)
            .output()
            .unwrap()
    };
    let check = run(&["check"]);
    assert!(check.status.success(), "init: {}", String::from_utf8_lossy(&check.stderr));
    for kind in ["members", "cases", "policies", "demands", "roadshows", "page"] {
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
    let s = Site::init(language);
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
    for kind in ["members", "cases", "policies", "demands", "roadshows", "page"] {
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

#[test]
fn bad_command_line_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_qiao"))
        .args(["check", "--today", "tomorrow"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_qiao")).args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn example_site_passes_check() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_qiao"))
        .args(["check", "--today", "2026-11-24", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Mutations of a valid file (truncations, byte flips, inserted delimiters) never
/// make loading panic: the library returns diagnostics or a site.
#[test]
fn mutated_files_never_panic() {
    let valid = "+++\ntitle = \"案例\"\ndate = 2025-01-01\npartners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n[[outcomes]]\nlabel = \"学生\"\nvalue = 12\n+++\n\n# 标题\n\n正文 [link](../members/alpha-college.md)\n";
    let s = Site::new();
    let config = qiao::config::load(s.root()).unwrap();
    let file = qiao::content::ContentFile {
        path: s.root().join("content/cases/x.md"),
        rel: "content/cases/x.md".into(),
        kind: qiao::model::Kind::Cases,
        segments: vec!["cases".into(), "x".into()],
        is_intro: false,
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
    let s = Site::new();
    s.write(
        "content/members/gamma.md",
        "+++\ntitle = \"Gamma\"\ndate = 2025-01-01\ntype = \"startup\"\n+++\n",
    );
    s.write(
        "content/cases/x.md",
        &case("partners = [\"alpha-college\", \"gamma\"]\nmodes = [\"joint-lab\"]\n"),
    );
    let e = s.one_error();
    assert!(e.starts_with("content/members/gamma.md:4:8: error: `type` must be one of"), "{e}");
}

#[test]
fn plain_pages_need_only_a_title() {
    let s = Site::new();
    s.write("content/join/how.md", "+++\ntitle = \"如何加入\"\n+++\n\n欢迎。\n");
    let out = s.check();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    s.write("content/cases/x.md", "+++\ntitle = \"A case\"\npartners = [\"alpha-college\", \"beta-company\"]\nmodes = [\"joint-lab\"]\n+++\n");
    assert_eq!(
        s.one_error(),
        "content/cases/x.md:1:1: error: missing required field `date` (the publication date, like `date = 2025-03-18`)"
    );
}

#[test]
fn check_reports_broken_markdown_links_like_build() {
    let s = Site::new();
    s.write("content/cases/x.md", &format!("+++\ntitle = \"A\"\ndate = 2025-01-01\n{PARTNERS}+++\n\n见 [甲](../members/alpha-college.md) 与\n[乙](../members/gamma.md)。\n"));
    let e = s.one_error();
    assert!(e.starts_with("content/cases/x.md:9:1: error:"), "{e}");
    assert!(e.contains("gamma"), "{e}");
}
