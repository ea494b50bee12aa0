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
    /// The file's bytes (empty while [`OutputFile::kept`] names where they are).
    pub bytes: Vec<u8>,
    /// A file of qiao's own cache that holds the bytes instead, which no one
    /// changes in place (a new version is a new file): the build's writer links or
    /// copies it into the output rather than reading it (an image, published
    /// unchanged on every rebuild), and [`OutputFile::load`] reads it for those
    /// that keep files in memory.
    pub(crate) kept: Option<std::path::PathBuf>,
    /// Whether the previous build, in the output folder this one replaces,
    /// published this very file at this path, and it is intact (its producer
    /// checked its size and modification time against the cache's record): the
    /// writer may carry it over rather than link [`OutputFile::kept`] again.
    pub(crate) carried: bool,
}

impl OutputFile {
    /// A file from anything that turns into bytes.
    pub(crate) fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self { path: path.into(), bytes: bytes.into(), kept: None, carried: false }
    }

    /// A file whose bytes are those of `file`, a file of qiao's cache.
    pub(crate) fn kept(path: impl Into<String>, file: std::path::PathBuf) -> Self {
        Self { path: path.into(), bytes: Vec::new(), kept: Some(file), carried: false }
    }

    /// A file of qiao's cache, `file`, that the previous build published at
    /// `path`, intact (see the field `carried`).
    pub(crate) fn carried(path: impl Into<String>, file: std::path::PathBuf) -> Self {
        Self { carried: true, ..Self::kept(path, file) }
    }

    /// The file with its bytes in memory (read from the cache when they are kept
    /// there).
    pub(crate) fn load(self) -> std::io::Result<Self> {
        match self.kept {
            Some(file) => Ok(Self::new(self.path, std::fs::read(file)?)),
            None => Ok(self),
        }
    }
}
