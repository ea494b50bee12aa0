//! Fixture helpers shared by the integration tests.

use std::path::Path;
use std::process::Command;

/// Writes a synthetic alliance site of `docs` documents into `dir` with the
/// project's own generator (`scripts/gen_corpus.py`, seed 1, today 2026-06-01).
/// Panics with the generator's output when it fails: a test that needs a corpus
/// never runs without one.
pub fn generate_corpus(dir: &Path, docs: usize) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_corpus.py");
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
