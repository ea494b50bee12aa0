//! The offline search index: built at build time into sharded, compressed JSON under
//! `search/`, queried in the browser by `themes/default/static/js/search-core.js` and
//! on the command line by [`query_dir`], with the same tokenizer and the same ranking.
//!
//! Why this shape: the site is static (no server code) and may hold 10,000 documents,
//! so a query must download only a small manifest, the shards of its own terms and
//! the fragments of the results it shows. Chinese has no spaces, so CJK text is
//! indexed as overlapping bigrams (any 2+ character substring is findable); Latin
//! text as folded words (case, accents, full-width). See [`tokenize`](mod@tokenize)
//! for the tokenizer, [`index`] for the file layout and weights, [`query`] for the
//! ranking.
//!
//! ```
//! use qiao::search::{SearchDoc, build_index, query::{Index, MemSource, hits}};
//! let doc = SearchDoc {
//!     url: "/cases/cnc/".into(),
//!     title: "数控机床订单班".into(),
//!     kind: "cases".into(),
//!     body: "Joint CNC training with 赣府发〔2024〕12号 support.".into(),
//!     ..SearchDoc::default()
//! };
//! let files = build_index(&[doc]);
//! let index = Index::open(MemSource(&files)).unwrap();
//! assert_eq!(hits(&index, "机床", 10).unwrap()[0].url, "/cases/cnc/");
//! assert_eq!(hits(&index, "12号", 10).unwrap().len(), 1);
//! assert_eq!(hits(&index, "trai", 10).unwrap().len(), 1);
//! ```

pub(crate) mod codec;
pub(crate) mod document;
pub(crate) mod incremental;
pub(crate) mod index;
pub mod query;
pub mod tokenize;

pub(crate) use document::item_doc;
pub(crate) use incremental::WarmIndex;
pub(crate) use index::is_manifest;
pub use index::{IndexOptions, assemble, assemble_with, build_index, tokenize_doc};
pub use query::query_dir;
pub use tokenize::tokenize;

use crate::output::OutputFile;
use crate::urls;

/// One document to index, as the build hands it over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// Absolute URL path as linked on the site, e.g. `/alliance/cases/x/`.
    pub url: String,
    /// Title (boosted).
    pub title: String,
    /// `members`, `cases`, `policies`, `demands`, `roadshows` or `pages`.
    pub kind: String,
    /// Plain-text summary.
    pub summary: String,
    /// Plain text of the whole body (Markdown already stripped).
    pub body: String,
    /// Taxonomy labels, tags, names of referenced members, doc numbers, issuers, ...
    pub labels: Vec<String>,
    /// Filter values, e.g. `("industries", "智能制造")`, `("status", "open")`; a
    /// `("kind", kind)` facet is added when missing.
    pub facets: Vec<(String, String)>,
    /// `YYYY-MM-DD`, for display (and newest-first among equal scores).
    pub date: String,
    /// BCP 47 language tag (the tokenizer needs none).
    pub lang: String,
}

/// One result of [`query_dir`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// URL path of the document.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its score (higher is better; only the order is meaningful).
    pub score: f64,
}

/// Sizes of one group of index files as stored (every file but the manifest is
/// compressed already) and compressed again by `gzip_len`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SizeStats {
    /// Number of files.
    pub files: usize,
    /// Sum of raw sizes in bytes.
    pub raw_total: usize,
    /// Largest raw size.
    pub raw_max: usize,
    /// Sum of compressed sizes.
    pub(crate) gzip_total: usize,
    /// Largest compressed size.
    pub(crate) gzip_max: usize,
}

/// The search page's one script: the index's manifest (`manifest`, the
/// `search/manifest.json` file) as `self.QiaoSearchManifest={...};`, then `code`, in
/// order (the theme's `js/search-core.js` and `js/search.js`), each part on lines of
/// its own, without its comment lines and indentation ([`compact_js`]).
///
/// Why one file: before its first result the search page needs the manifest, the
/// index reader and the page code, and each request it waits for costs it more than
/// the bytes do (docs/search.md measures 10-15 ms a request in headless Chromium on
/// 2 cores). Written whenever the manifest is, so the manifest it carries is the
/// index's. Safe under a strict CSP: a classic script from the site itself, whose
/// first line only assigns numbers and a hex id.
pub(crate) fn page_script(manifest: &OutputFile, code: &[&[u8]]) -> OutputFile {
    let json = manifest.bytes.trim_ascii_end();
    let mut bytes =
        Vec::with_capacity(json.len() + 32 + code.iter().map(|c| c.len() + 1).sum::<usize>());
    bytes.extend_from_slice(b"self.QiaoSearchManifest=");
    bytes.extend_from_slice(json);
    bytes.extend_from_slice(b";\n");
    for part in code {
        let part = compact_js(part);
        bytes.extend_from_slice(&part);
        if !part.is_empty() && !part.ends_with(b"\n") {
            bytes.push(b'\n');
        }
    }
    OutputFile::new(urls::SEARCH_SCRIPT, bytes)
}

/// `code` without its whole-line comments (`// ...`, and `/* ... */` blocks that
/// start and end a line), its blank lines and its lines' indentation; `code` as it is
/// when that is not certainly safe: a template literal (a backtick in a line of code)
/// or a line ending in a backslash can carry a line that looks like a comment inside
/// a string, and a block comment followed by code on its last line is left alone.
///
/// Why: many hosts send the script uncompressed, and the theme's code is a third
/// comments and indentation (40 KB became 27 KB on the 10k corpus; docs/search.md).
/// This is not a minifier: every line of code stays as it was written, so an error's
/// line is still readable.
pub fn compact_js(code: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let Ok(text) = std::str::from_utf8(code) else { return Cow::Borrowed(code) };
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        if line.ends_with('\\') {
            return Cow::Borrowed(code);
        }
        let trimmed = line.trim();
        let closes = |rest: &str| rest.find("*/").map(|at| rest[at + 2..].trim().is_empty());
        if in_block {
            match closes(trimmed) {
                Some(true) => in_block = false,
                Some(false) => return Cow::Borrowed(code),
                None => {}
            }
        } else if trimmed.starts_with("//") || trimmed.is_empty() {
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            match closes(rest) {
                Some(true) => {}
                Some(false) => return Cow::Borrowed(code),
                None => in_block = true,
            }
        } else if trimmed.contains('`') {
            // The first line of code with a backtick: no template literal was open
            // before it, so the lines dropped so far were comments.
            return Cow::Borrowed(code);
        } else {
            out.push_str(trimmed);
            out.push('\n');
        }
    }
    if in_block {
        return Cow::Borrowed(code);
    }
    Cow::Owned(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::compact_js;

    #[test]
    fn compacting_drops_comment_lines_and_indentation_only() {
        let js = "/*\n * a block\n */\n(function () {\n  // a line\n  var a = 1; // kept\n\n  /** one line */\n  return a /* kept */ + 2;\n})();\n";
        assert_eq!(
            &*compact_js(js.as_bytes()),
            b"(function () {\nvar a = 1; // kept\nreturn a /* kept */ + 2;\n})();\n"
        );
        // Not certainly safe: left as it is.
        for js in [
            "var s = `\n// not a comment\n`;\n",
            "// `quoted` in a comment is fine, but not in code:\nvar s = `a`;\n",
            "var s = \"a\\\n// not a comment\";\n",
            "/* a */ var a = 1;\n",
            "/*\n*/ var a = 1;\n",
            "/* never closed\nvar a = 1;\n",
        ] {
            assert_eq!(&*compact_js(js.as_bytes()), js.as_bytes(), "{js}");
        }
        assert_eq!(&*compact_js(b"// only a comment\n"), b"");
    }
}

/// Sizes of a built index, by kind of file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    /// `search/manifest.json`: read by `qiao search`; the search page carries the same
    /// object in its script ([`page_script`], not counted here).
    pub manifest: SizeStats,
    /// `search/filters.jz`: fetched when the visitor opens the filters.
    pub(crate) filters: SizeStats,
    /// `search/t/*.jz`: one per query term.
    pub shards: SizeStats,
    /// `search/f/*.jz`: one per shown result.
    pub(crate) fragments: SizeStats,
}

impl std::fmt::Display for IndexStats {
    /// One line per kind of file: count, raw total/max, compressed total/max.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, s) in [
            ("manifest", &self.manifest),
            ("filters", &self.filters),
            ("shards", &self.shards),
            ("fragments", &self.fragments),
        ] {
            writeln!(
                f,
                "{name:<10} {:>6} files  raw {:>10} B (max {:>8} B)  gzip {:>10} B (max {:>8} B)",
                s.files, s.raw_total, s.raw_max, s.gzip_total, s.gzip_max
            )?;
        }
        Ok(())
    }
}

impl IndexStats {
    /// Measures `files` (as [`build_index`] returned them). `gzip_len` gives the
    /// compressed size of some bytes, e.g. with `flate2`:
    /// `|b| { let mut e = GzEncoder::new(Vec::new(), Compression::default()); e.write_all(b).unwrap(); e.finish().unwrap().len() }`;
    /// pass `|_| 0` to measure raw sizes only.
    pub fn measure(files: &[OutputFile], gzip_len: impl Fn(&[u8]) -> usize) -> Self {
        let mut stats = Self::default();
        for f in files {
            let Some(name) = f.path.strip_prefix(urls::SEARCH_INDEX) else { continue };
            let group = match name {
                index::MANIFEST => &mut stats.manifest,
                index::FILTERS => &mut stats.filters,
                n if n.starts_with("t/") => &mut stats.shards,
                n if n.starts_with("f/") => &mut stats.fragments,
                _ => continue,
            };
            let gz = gzip_len(&f.bytes);
            group.files += 1;
            group.raw_total += f.bytes.len();
            group.raw_max = group.raw_max.max(f.bytes.len());
            group.gzip_total += gz;
            group.gzip_max = group.gzip_max.max(gz);
        }
        stats
    }
}
