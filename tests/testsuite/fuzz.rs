//! Mutation fuzzing of the content pipeline on stable Rust (cargo-fuzz needs a
//! nightly toolchain): a seeded xorshift generator mutates the seed files in
//! `tests/fuzz_corpus/` (byte flips, TOML and Markdown delimiters, deletions,
//! duplications, truncation, splices of two seeds, deep nesting, long repeats)
//! and feeds them to two targets:
//!
//! - `parse`: [`qiao::content::parse_file`] on the text, as every kind;
//! - `pipeline`: [`qiao::build::load`] and [`qiao::build::render`] on a one-file
//!   site (the fuzzed file, plus two members and a policy it may refer to), whose
//!   outputs must stay inside the output folder and hold no script a visitor's
//!   browser would run (the scanner of [`crate::support::scan`], which the
//!   `hostile` tests use too).
//!
//! A panic is caught, the input saved to `target/fuzz-crashes/`, and the test
//! fails naming it. Each input is also written to
//! `target/fuzz-crashes/current-<target>.md` before it runs, so an abort (a stack
//! overflow cannot be caught) leaves it behind. Every file in
//! `tests/fuzz_corpus/crashes/` is a past finding and runs first, every time.
//!
//! Time: `QIAO_FUZZ_SECONDS` (default 20): the targets run side by side (cargo's
//! test threads, beside the other tests of the suite), each for that long, so with
//! the filter `fuzz::` it is the wall-clock time of the run;
//! `QIAO_FUZZ_SEED` changes the sequence; `QIAO_FUZZ_SAVE=1` adds inputs that gave
//! a diagnostic never seen before to `tests/fuzz_corpus/found/` (the long run of
//! `scripts/fuzz.sh` does this, and the corpus is kept in the repository).

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::date;
use qiao::build::{self, Timings};
use qiao::content::ContentFile;
use qiao::model::Kind;

use crate::support::{self, repo, scan, write};

const SITE_TOML: &str = "title = \"Fuzz\"\nbase_url = \"https://example.org/f/\"\n\n[taxonomies]\nindustries.intelligent-manufacturing = \"智能制造\"\n";
const ALPHA: &str =
    "+++\ntitle = \"Alpha\"\ndate = 2025-01-01\ntype = \"university\"\n+++\n\nA university.\n";
const BETA: &str =
    "+++\ntitle = \"Beta\"\ndate = 2025-01-01\ntype = \"enterprise\"\n+++\n\nA company.\n";
const P1: &str = "+++\ntitle = \"P1\"\ndate = 2025-01-01\nissuer = \"Gov\"\nlevel = \"municipal\"\nissued = 2025-01-01\n+++\n";

/// Fragments that matter to the TOML, Markdown and HTML parsers and to qiao's
/// field rules.
const TOKENS: &[&str] = &[
    "+++\n",
    "+++",
    "---\n",
    "\"",
    "\"\"\"",
    "'''",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\n",
    "\r\n",
    "\r",
    "#",
    "\\",
    "\\u",
    "\\U0001F600",
    "\\uD800",
    "0x",
    "1e400",
    "-",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    ">",
    "<",
    "</",
    "<script>",
    "<div>",
    "<!--",
    "-->",
    "](",
    "![",
    "[^1]",
    "[^1]:",
    "|",
    "|---|",
    "&#",
    "&#x0;",
    "&amp;",
    "\u{202E}",
    "\u{200B}",
    "\u{0}",
    "\u{feff}",
    "\t",
    "    ",
    "- ",
    "1. ",
    "> ",
    "## ",
    "{#id}",
    "2025-13-45",
    "2025-02-29",
    "0000-01-01",
    "9999-12-31T23:59:59Z",
    "2025-01-01T10:00:00+14:00",
    "2025-03-30T02:30:00",
    "title = ",
    "date = ",
    "slug = ",
    "tags = ",
    "draft = true",
    "partners = ",
    "modes = ",
    "start = ",
    "end = ",
    "deadline = ",
    "budget = ",
    "trl = ",
    "lang = ",
    "cover = ",
    "summary = ",
    "[extra]\n",
    "[[projects]]\n",
    "[[outcomes]]\n",
    "[venue]\n",
    "99999999999999999999",
    "-9223372036854775808",
    "nan",
    "inf",
    "-0",
    "\"alpha\"",
    "\"beta\"",
    "\"p1\"",
    "../",
    "/",
    "javascript:",
    "data:",
    "mailto:",
    "https://",
    "产教融合",
    "ａ",
    "\u{301}",
    "</script><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
];

/// A seeded xorshift64* generator: the same seed gives the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// One seed: which kind its name says (`cases--x.md`) and its bytes.
#[derive(Clone)]
struct Seed {
    name: String,
    kind: Kind,
    intro: bool,
    bytes: Vec<u8>,
}

fn corpus_dir() -> PathBuf {
    repo().join("tests/fuzz_corpus")
}

fn crash_dir() -> PathBuf {
    repo().join("target/fuzz-crashes")
}

fn kind_of(name: &str) -> (Kind, bool) {
    let folder = name.split("--").next().unwrap_or("");
    let kind = Kind::from_folder(folder).unwrap_or(Kind::Pages);
    (kind, name.ends_with("--intro.md") && kind != Kind::Pages)
}

fn read_seeds(dir: &Path) -> Vec<Seed> {
    let mut seeds = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return seeds };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (kind, intro) = kind_of(&name);
        seeds.push(Seed { name, kind, intro, bytes: std::fs::read(&path).unwrap() });
    }
    seeds
}

/// One to four stacked mutations of `seed` (another seed may be spliced in).
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut m = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = m.len();
        let at = rng.below(len + 1);
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                m[i] = rng.next() as u8;
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                m.splice(at..at, token.iter().copied());
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                m.drain(at.min(end)..end);
            }
            4 if len > 0 => {
                let end = (at + 1 + rng.below(128)).min(len);
                let chunk = m[at.min(end)..end].to_vec();
                m.splice(at..at, chunk);
            }
            5 => m.truncate(at),
            6 => {
                let cut = rng.below(other.len() + 1);
                m.truncate(at);
                m.extend_from_slice(&other[cut..]);
            }
            7 => {
                // Deep nesting: block quotes, lists, brackets, HTML, TOML arrays.
                let max = if rng.chance(8) { 20_000 } else { 600 };
                let depth = 1 + rng.below(max);
                let unit: &[u8] = [
                    b"> ".as_slice(),
                    b"- ",
                    b"1. ",
                    b"[",
                    b"*",
                    b"<div>",
                    b"<ul><li>",
                    b"  - x\n",
                    b"[[",
                ][rng.below(9)];
                let deep = unit.repeat(depth);
                m.splice(at..at, deep);
            }
            8 if len > 0 => {
                // A long line: a chunk repeated.
                let end = (at + 1 + rng.below(16)).min(len);
                let chunk = m[at.min(end)..end].repeat(1 + rng.below(20_000));
                m.splice(at..at, chunk);
            }
            9 => {
                // Swap two lines.
                let text = String::from_utf8_lossy(&m).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                m = lines.join("\n").into_bytes();
            }
            _ => {
                // A digit to a boundary value.
                if let Some(i) =
                    (0..len).map(|k| (at + k) % len.max(1)).find(|&i| m[i].is_ascii_digit())
                {
                    let v = ["0", "9", "00", "-1", "13", "32", "60", "99999"][rng.below(8)];
                    m.splice(i..i + 1, v.bytes());
                }
            }
        }
    }
    m
}

/// The shape of a diagnostic: its message without the position, quoted text and
/// digits, cut short, so "new shape" means a new kind of problem, not a new value.
fn shape(diagnostic: &str) -> String {
    let message = diagnostic.split_once("]: ").map_or(diagnostic, |(_, m)| m);
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' | '"' | '\u{201C}' | '\u{201D}' => quoted = !quoted,
            c if quoted || c.is_ascii_digit() => {}
            c => out.push(c),
        }
        if out.chars().count() >= 48 {
            break;
        }
    }
    out
}

/// Where the body starts: after the closing `+++` line, if there is one.
fn body_start(bytes: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(bytes).ok()?;
    let after_open = text.find("+++")? + 3;
    let close = text[after_open..].find("\n+++")? + after_open + 4;
    Some(close.min(bytes.len()))
}

fn content_file(root: &Path, seed: &Seed) -> ContentFile {
    let (rel, segments) = match (seed.kind, seed.intro) {
        (Kind::Pages, _) => ("content/fuzz.md".to_owned(), vec!["fuzz".to_owned()]),
        (k, true) => {
            (format!("content/{}/_index.md", k.folder()), vec![k.folder().into(), "_index".into()])
        }
        (k, false) => {
            (format!("content/{}/fuzz.md", k.folder()), vec![k.folder().into(), "fuzz".into()])
        }
    };
    ContentFile {
        path: root.join(&rel),
        rel,
        kind: seed.kind,
        segments,
        is_intro: seed.intro,
        lang: None,
    }
}

/// The fuzz site: `site.toml`, two members and a policy.
fn make_site() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.unwrap();
    let root = dir.path();
    for (rel, text) in [
        ("site.toml", SITE_TOML),
        ("content/members/alpha.md", ALPHA),
        ("content/members/beta.md", BETA),
        ("content/policies/p1.md", P1),
    ] {
        write(root, rel, text);
    }
    dir
}

/// What went wrong with one input, if anything.
fn run_parse(
    root: &Path,
    config: &qiao::config::SiteConfig,
    seed: &Seed,
    input: &[u8],
) -> Result<Vec<String>, String> {
    let file = content_file(root, seed);
    catch_unwind(AssertUnwindSafe(|| match qiao::source::decode(&file.rel, input) {
        Ok(text) => qiao::content::parse_file(&file, &text, config)
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect(),
        Err(d) => vec![d.to_string()],
    }))
    .map_err(panic_message)
}

fn run_pipeline(root: &Path, seed: &Seed, input: &[u8]) -> Result<Vec<String>, String> {
    let file = content_file(root, seed);
    for old in ["content/fuzz.md"].into_iter().map(String::from).chain(
        [Kind::Members, Kind::Cases, Kind::Policies, Kind::Demands, Kind::Roadshows]
            .iter()
            .flat_map(|k| {
                [
                    format!("content/{}/fuzz.md", k.folder()),
                    format!("content/{}/_index.md", k.folder()),
                ]
            }),
    ) {
        let _ = std::fs::remove_file(root.join(old));
    }
    std::fs::create_dir_all(file.path.parent().unwrap()).unwrap();
    std::fs::write(&file.path, input).unwrap();
    let options = support::options(root, date(2026, 1, 1));
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut timings = Timings::default();
        let site = match build::load(&options, &mut timings) {
            Ok(site) => site,
            Err(e) => return Ok(errors(e)),
        };
        let files = match build::render(&site, &options, &mut timings) {
            Ok(files) => files,
            Err(e) => return Ok(errors(e)),
        };
        check_outputs(&files, site.items.iter().filter(|i| i.kind == Kind::Roadshows).count())
            .map(|()| Vec::new())
    }));
    match result {
        Ok(r) => r,
        Err(p) => Err(panic_message(p)),
    }
}

fn errors(e: build::BuildError) -> Vec<String> {
    match e {
        build::BuildError::Site(list) => list.iter().map(|d| d.to_string()).collect(),
        other => vec![format!("{other:?}")],
    }
}

/// Output paths stay inside the output folder and are unique; nothing runs script.
fn check_outputs(files: &[qiao::output::OutputFile], roadshows: usize) -> Result<(), String> {
    let mut seen = HashSet::new();
    let mut findings = scan::Findings::default();
    for f in files {
        let p = Path::new(&f.path);
        let normal = !f.path.is_empty()
            && !f.path.contains('\\')
            && f.path.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
            && p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
        if !normal {
            return Err(format!("output path `{}` leaves the output folder", f.path));
        }
        if !seen.insert(f.path.as_str()) {
            return Err(format!("two outputs at `{}`", f.path));
        }
        let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
        scan::scan_file(&f.path, text, "/f/", &scan::calendar(roadshows), &mut findings);
    }
    if findings.unsafe_html.is_empty() { Ok(()) } else { Err(findings.unsafe_html.join("\n")) }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    let msg = p
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic".into());
    format!("panicked: {msg}")
}

/// Saves a failing input and returns where.
fn save_crash(target: &str, seed: &Seed, input: &[u8]) -> PathBuf {
    let mut h = DefaultHasher::new();
    input.hash(&mut h);
    let dir = crash_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = seed.name.split("--").next().unwrap_or("pages");
    let intro = if seed.intro { "intro-" } else { "" };
    let path = dir.join(format!("{prefix}--{intro}{target}-{:016x}.md", h.finish()));
    std::fs::write(&path, input).unwrap();
    path
}

struct Fuzzer {
    rng: Rng,
    seeds: Vec<Seed>,
    /// How many of `seeds` came from the corpus (the rest were found by this run).
    base: usize,
    shapes: HashSet<String>,
    save_new: bool,
    found: usize,
    /// Inputs that loaded and rendered without a diagnostic.
    clean: usize,
    failures: Vec<String>,
}

impl Fuzzer {
    fn new() -> Self {
        let seed = std::env::var("QIAO_FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5EED_F0CA_51A0);
        let mut seeds = read_seeds(&corpus_dir());
        seeds.extend(read_seeds(&corpus_dir().join("found")));
        assert!(seeds.len() >= 20, "the seed corpus is missing: {}", corpus_dir().display());
        Fuzzer {
            rng: Rng(seed | 1),
            base: seeds.len(),
            seeds,
            shapes: HashSet::new(),
            save_new: std::env::var_os("QIAO_FUZZ_SAVE").is_some(),
            found: 0,
            clean: 0,
            failures: Vec::new(),
        }
    }

    /// Runs `target` on inputs for `budget`; returns how many ran.
    fn run(
        &mut self,
        target: &str,
        budget: Duration,
        mut exec: impl FnMut(&Seed, &[u8]) -> Result<Vec<String>, String>,
    ) -> usize {
        let current = crash_dir().join(format!("current-{target}.md"));
        std::fs::create_dir_all(crash_dir()).unwrap();
        let start = Instant::now();
        let mut runs = 0;
        while start.elapsed() < budget && self.failures.len() < 20 {
            let seed = self.seeds[self.rng.below(self.seeds.len())].clone();
            let other = &self.seeds[self.rng.below(self.seeds.len())].bytes;
            let input = if runs < self.seeds.len() {
                self.seeds[runs].bytes.clone()
            } else if let Some(at) = body_start(&seed.bytes).filter(|_| self.rng.chance(2)) {
                // Half the time only the body: valid front matter reaches rendering.
                let mut m = seed.bytes[..at].to_vec();
                m.extend(mutate(&mut self.rng, &seed.bytes[at..], other));
                m
            } else {
                mutate(&mut self.rng, &seed.bytes, other)
            };
            let seed = if runs < self.seeds.len() { self.seeds[runs].clone() } else { seed };
            std::fs::write(&current, &input).unwrap();
            runs += 1;
            match exec(&seed, &input) {
                Ok(diagnostics) => {
                    self.clean += usize::from(diagnostics.is_empty());
                    let new: Vec<String> = diagnostics
                        .iter()
                        .map(|d| shape(d))
                        .filter(|s| !self.shapes.contains(s))
                        .collect();
                    if !new.is_empty() && runs > self.seeds.len() {
                        self.shapes.extend(new);
                        self.keep(&seed, input);
                    } else {
                        self.shapes.extend(new);
                    }
                }
                Err(why) => {
                    let path = save_crash(target, &seed, &input);
                    self.failures.push(format!(
                        "{target}: {} ({} bytes from {}): {why}",
                        path.display(),
                        input.len(),
                        seed.name
                    ));
                }
            }
        }
        let _ = std::fs::remove_file(&current);
        runs
    }

    /// Keeps an input that showed new behaviour as a seed (and on disk when asked).
    fn keep(&mut self, seed: &Seed, input: Vec<u8>) {
        if input.len() > 16 * 1024 {
            return;
        }
        if self.save_new && self.found < 100 {
            let dir = corpus_dir().join("found");
            std::fs::create_dir_all(&dir).unwrap();
            let mut h = DefaultHasher::new();
            input.hash(&mut h);
            let prefix = seed.name.split("--").next().unwrap_or("pages");
            let intro = if seed.intro { "intro-" } else { "" };
            let _ = std::fs::write(
                dir.join(format!("{prefix}--{intro}{:016x}.md", h.finish())),
                &input,
            );
            self.found += 1;
        }
        let kept = Seed { bytes: input, ..seed.clone() };
        // A bounded pool: past the cap a new input replaces a random earlier find.
        if self.seeds.len() < self.base + 2000 {
            self.seeds.push(kept);
        } else {
            let i = self.base + self.rng.below(self.seeds.len() - self.base);
            self.seeds[i] = kept;
        }
    }
}

fn budget() -> Duration {
    let secs: f64 =
        std::env::var("QIAO_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(20.0);
    Duration::from_secs_f64(secs)
}

/// Every past finding in `tests/fuzz_corpus/crashes/` runs through both targets.
#[test]
fn past_findings_stay_fixed() {
    let crashes = read_seeds(&corpus_dir().join("crashes"));
    assert!(!crashes.is_empty());
    let site = make_site();
    let config = qiao::config::load(site.path()).unwrap();
    let mut failures = Vec::new();
    for seed in &crashes {
        if let Err(why) = run_parse(site.path(), &config, seed, &seed.bytes) {
            failures.push(format!("parse {}: {why}", seed.name));
        }
        if let Err(why) = run_pipeline(site.path(), seed, &seed.bytes) {
            failures.push(format!("pipeline {}: {why}", seed.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Front matter and field rules on mutated text.
#[test]
fn fuzz_parse_file() {
    let site = make_site();
    let config = qiao::config::load(site.path()).unwrap();
    let mut f = Fuzzer::new();
    let root = site.path().to_path_buf();
    let runs = f.run("parse", budget(), |seed, input| run_parse(&root, &config, seed, input));
    eprintln!(
        "parse: {runs} inputs, {} without errors, {} diagnostic shapes, {} new seeds saved",
        f.clean,
        f.shapes.len(),
        f.found
    );
    assert!(
        f.failures.is_empty(),
        "{} failing inputs:\n{}",
        f.failures.len(),
        f.failures.join("\n")
    );
}

/// Load, validate and render a one-file site from mutated text.
#[test]
fn fuzz_whole_pipeline() {
    let site = make_site();
    let mut f = Fuzzer::new();
    let root = site.path().to_path_buf();
    let runs = f.run("pipeline", budget(), |seed, input| run_pipeline(&root, seed, input));
    eprintln!(
        "pipeline: {runs} inputs, {} rendered, {} diagnostic shapes, {} new seeds saved",
        f.clean,
        f.shapes.len(),
        f.found
    );
    assert!(
        f.failures.is_empty(),
        "{} failing inputs:\n{}",
        f.failures.len(),
        f.failures.join("\n")
    );
}
