//! What a build produces before anything touches the disk: a list of files, each a
//! path relative to the output folder and its bytes.
//!
//! What it is for: the one currency of every stage that makes files (pages, feeds,
//! calendars, exports, the search index, the insight charts), low enough in the
//! layers that each of them can use it. What it is not: writing. Only the build's
//! writer (`build::write`, above every stage) puts files on disk, and `serve` keeps
//! them in memory.

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators and no leading `/`,
    /// e.g. `cases/joint-lab/index.html` or `search/manifest.json`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file from anything that turns into bytes.
    pub(crate) fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self { path: path.into(), bytes: bytes.into() }
    }
}
