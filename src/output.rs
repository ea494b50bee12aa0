//! What a build produces before anything touches the disk: a list of files, each a
//! path relative to the output folder and its bytes. Every stage (pages, feeds,
//! calendars, search index) returns `OutputFile`s; only [`crate::write`] writes them.

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
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self { path: path.into(), bytes: bytes.into() }
    }
}
