//! Fixture helpers shared by the test modules: a throwaway site and the `qiao`
//! binary run on it ([`Site`], [`run`]), the text of a content file
//! ([`content`]), files written and listed ([`write`], [`files`], [`snapshot`]), a
//! site built in memory through the library as `qiao build` builds it
//! ([`build_files`]), a generated corpus ([`generate_corpus`]), and two readers of
//! built output: [`links`] (every internal link resolves) and [`scan`] (nothing
//! runs script).

pub mod links;
pub mod scan;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

use jiff::civil::Date;
use qiao::config::BuildOptions;
use qiao::model;
use qiao::serve::preview::Preview;

/// The "today" a [`Site`] is checked and built as of, unless it says otherwise
/// ([`Site::on`]): the example site's.
pub const TODAY: &str = "2026-11-24";

/// The `site.toml` of [`Site::new`].
const SITE_TOML: &str = "title = \"Test\"\nbase_url = \"https://example.org/\"\n";

/// The repository: the example site, and the folder that holds `tests/`.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `qiao` binary cargo built for these tests, with `QIAO_TODAY` unset and
/// `QIAO_LANG=en`: the caller's environment decides neither a test's "today" nor
/// the language of what qiao says.
pub fn qiao() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qiao"));
    command.env_remove("QIAO_TODAY").env("QIAO_LANG", "en");
    command
}

/// Runs `qiao ARGS`, asserting that it neither panicked nor died.
pub fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    let out = qiao().args(args).output().unwrap();
    let shown: Vec<String> =
        args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
    assert_no_crash(&out, &shown);
    out
}

/// What a run printed on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A panic shows as exit code 101 (and "panicked" on stderr), a stack overflow or
/// a kill as no exit code: both fail.
pub fn assert_no_crash<S: std::fmt::Debug>(out: &Output, args: &[S]) {
    let err = stderr(out);
    assert!(
        out.status.code().is_some() && out.status.code() != Some(101) && !err.contains("panicked"),
        "qiao {args:?} crashed ({:?}): {}",
        out.status,
        &err[..err.len().min(4000)]
    );
}

pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "expected success: {}",
        &stderr(out)[..stderr(out).len().min(4000)]
    );
}

/// Writes `text` to `root/rel`, creating its folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    write_bytes(root, rel, text.as_bytes());
}

/// Writes `bytes` to `root/rel`, creating its folders.
pub fn write_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The text of a content file: the TOML lines `front` (each ending in a line
/// break) between `+++` lines, a blank line, and `body`.
pub fn content(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n\n{body}\n")
}

/// Every file below `dir` (links not followed), relative to it with `/` between
/// folders, sorted; none when `dir` does not exist.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(e.path());
            } else if kind.is_file() {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Every file and folder below `dir` (links not followed, listed themselves):
/// path -> (hash of the bytes, mtime). Equal snapshots: nothing was written. The
/// image cache (`.qiao-cache/`, which any command that opens the site's images
/// may fill) is not the site's, and is left out.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut map = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            if d == dir && e.file_name() == ".qiao-cache" {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path.clone());
            }
            let mut h = DefaultHasher::new();
            if meta.is_file() {
                std::fs::read(&path).unwrap().hash(&mut h);
            }
            map.insert(
                path.strip_prefix(dir).unwrap().to_path_buf(),
                (h.finish(), meta.modified().ok()),
            );
        }
    }
    map
}

/// Writes a synthetic alliance site of `docs` documents into `dir` with the
/// project's own generator (`scripts/gen_corpus.py`, seed 1, today 2026-06-01).
/// Panics with the generator's output when it fails: a test that needs a corpus
/// never runs without one.
pub fn generate_corpus(dir: &Path, docs: usize) {
    let script = repo().join("scripts/gen_corpus.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .args(["--docs", &docs.to_string(), "--seed", "1", "--today", "2026-06-01"])
        .output()
        .unwrap_or_else(|e| panic!("python3 {}: {e}", script.display()));
    assert!(
        out.status.success() && dir.join("site.toml").is_file(),
        "{} failed: {}{}",
        script.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The site at `root`, loaded and checked through the library as of `today`.
pub fn load(root: &Path, today: Date) -> model::Site {
    let config = qiao::config::load(root)
        .unwrap_or_else(|d| panic!("site.toml: {}", qiao::diagnostics::render(&d)));
    qiao::content::load(root, config, false, today)
        .unwrap_or_else(|d| panic!("{}", qiao::diagnostics::render(&d)))
}

/// The options of `qiao build --root ROOT --today TODAY`.
pub fn options(root: &Path, today: Date) -> BuildOptions {
    let mut options = BuildOptions::new(root);
    options.today = Some(today);
    options
}

/// Every file a build with `options` writes, made as `qiao build` makes them
/// (`build::load`, then `build::render`) but kept in memory: path -> bytes.
pub fn build_files(options: &BuildOptions) -> BTreeMap<String, Vec<u8>> {
    let mut timings = qiao::build::Timings::default();
    let site = qiao::build::load(options, &mut timings).unwrap_or_else(|e| panic!("{e:?}"));
    qiao::build::render(&site, options, &mut timings)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

/// The files of [`build_files`] that are UTF-8 text, as text.
pub fn build_texts(options: &BuildOptions) -> BTreeMap<String, String> {
    build_files(options)
        .into_iter()
        .filter_map(|(path, bytes)| Some((path, String::from_utf8(bytes).ok()?)))
        .collect()
}

/// What a preview serves, by path.
pub fn served(p: &Preview) -> BTreeMap<String, Vec<u8>> {
    p.output().iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
}

/// A small real image (8 × 6 pixels) in `format`, for a cover a test names: the
/// build opens every named image (issue 21).
pub fn tiny_image(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([40, 120, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A site in a temporary folder (or the example site), and the `qiao` binary run
/// on it: write its files, then `check` or `build` it and read what it says.
pub struct Site {
    /// The temporary folder: the site is its `site/`, and a test may put other
    /// things beside it (outputs, files outside the site). `None` for the example
    /// site, which is the repository.
    dir: Option<tempfile::TempDir>,
    root: PathBuf,
    /// What `check` and `build` take as today.
    today: &'static str,
}

impl Site {
    /// A site with only `site.toml` (title "Test", base URL https://example.org/).
    pub fn new() -> Site {
        Site::new_in(std::env::temp_dir())
    }

    /// [`Site::new`] in a temporary folder below `parent`.
    pub fn new_in(parent: impl AsRef<Path>) -> Site {
        let site = Site::empty_in(parent);
        site.write("site.toml", SITE_TOML);
        site
    }

    /// A site with no file yet.
    pub fn empty() -> Site {
        Site::empty_in(std::env::temp_dir())
    }

    fn empty_in(parent: impl AsRef<Path>) -> Site {
        let dir = tempfile::Builder::new().prefix("qiao-test-").tempdir_in(parent).unwrap();
        let root = dir.path().join("site");
        Site { dir: Some(dir), root, today: TODAY }
    }

    /// A site made by `qiao init ROOT ARGS`.
    pub fn init(args: &[&str]) -> Site {
        let site = Site::empty();
        let out = qiao().arg("init").arg(&site.root).args(args).output().unwrap();
        assert!(out.status.success(), "qiao init {args:?}: {}", stderr(&out));
        site
    }

    /// A corpus of `docs` documents from the project's generator ([`generate_corpus`]).
    pub fn corpus(docs: usize) -> Site {
        let site = Site::empty();
        generate_corpus(&site.root, docs);
        site
    }

    /// The example site: the repository itself, which tests only read.
    pub fn example() -> Site {
        Site { dir: None, root: repo().to_path_buf(), today: TODAY }
    }

    /// A copy of the example site (`site.toml`, `content/`, `static/`, `themes/`),
    /// for tests that edit it.
    pub fn example_copy() -> Site {
        let site = Site::empty();
        for sub in ["content", "static", "themes"] {
            copy_dir(&repo().join(sub), &site.root.join(sub));
        }
        std::fs::copy(repo().join("site.toml"), site.root.join("site.toml")).unwrap();
        site
    }

    /// A copy of the example site in Chinese only: its translations (`x.en.md`)
    /// and the `[languages.en]` tables of `site.toml` left out, for what a site of
    /// one language does differently (the partial renders of `serve`).
    pub fn example_copy_in_one_language() -> Site {
        let site = Site::example_copy();
        for path in snapshot(&site.root.join("content")).into_keys() {
            if path.to_string_lossy().ends_with(".en.md") {
                std::fs::remove_file(site.root.join("content").join(path)).unwrap();
            }
        }
        let toml = site.read("site.toml");
        let mut kept = Vec::new();
        let mut in_languages = false;
        for line in toml.lines() {
            let header = line.trim_start().starts_with('[');
            if header {
                let name = line.trim().trim_start_matches('[');
                in_languages = name.starts_with("languages.") || name.starts_with("languages]");
            }
            if !in_languages {
                kept.push(line);
            }
        }
        let one = kept.join("\n") + "\n";
        assert!(!one.contains("[languages") && one.len() < toml.len(), "{one}");
        site.write("site.toml", &one);
        site
    }

    /// The same site, checked and built as of `today` (YYYY-MM-DD).
    pub fn on(mut self, today: &'static str) -> Site {
        self.today = today;
        self
    }

    /// The folder that holds `site.toml`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder around the site, for what a test puts beside it.
    pub fn dir(&self) -> &Path {
        self.dir.as_ref().expect("the example site has no temporary folder").path()
    }

    /// Where `build` writes unless told otherwise.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        assert!(self.dir.is_some(), "the example site is the repository: use Site::example_copy");
        write_bytes(&self.root, rel, bytes);
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Runs `qiao ARGS --root ROOT`, asserting that it neither panicked nor died.
    pub fn qiao(&self, args: &[&str]) -> Output {
        let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        all.extend([OsStr::new("--root"), self.root.as_os_str()]);
        let out = qiao().args(&all).output().unwrap();
        assert_no_crash(&out, args);
        out
    }

    pub fn check(&self) -> Output {
        self.qiao(&["check", "--today", self.today])
    }

    pub fn build(&self) -> Output {
        self.qiao(&["build", "--today", self.today])
    }

    pub fn build_to(&self, out: &Path) -> Output {
        self.qiao(&["build", "--today", self.today, "--output-dir", out.to_str().unwrap()])
    }

    /// Runs `check`, asserting exit 0; `what` says what the site holds.
    pub fn passes(&self, what: &dyn std::fmt::Display) {
        let out = self.check();
        assert!(out.status.success(), "{what}\n{}", String::from_utf8_lossy(&out.stderr));
    }

    /// Runs `check` and returns the error lines (the count line removed), asserting exit 1.
    pub fn errors(&self) -> Vec<String> {
        let out = self.check();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "expected errors, got: {stderr}");
        let lines: Vec<String> = stderr.lines().map(str::to_owned).collect();
        let count = lines.last().unwrap();
        assert!(count.ends_with("error") || count.ends_with("errors"), "{count}");
        lines[..lines.len() - 1].to_vec()
    }

    /// The one error line of `check`.
    pub fn one_error(&self) -> String {
        let e = self.errors();
        assert_eq!(e.len(), 1, "{e:#?}");
        e[0].clone()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
