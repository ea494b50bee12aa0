//! Precompressed copies for hosts that serve them (nginx `gzip_static` and
//! `brotli_static`, object stores given `Content-Encoding` on upload): beside
//! every HTML, CSS, JS, JSON, XML, SVG and ICS file of at least 1 KiB, a `.gz`
//! and a `.br` of the same bytes (`build --precompress`, or `[build] precompress =
//! true` in `site.toml`; off by default, so a normal build pays nothing).
//!
//! Deterministic: the gzip header carries no time and no file name (flate2's
//! `GzBuilder` with mtime 0 and the "unknown" OS byte), and brotli has no header
//! fields that vary, so two builds of the same sources give the same bytes.
//! Levels were chosen by measuring (ARCHITECTURE.md, "Precompressed output"): gzip
//! level 9, and brotli quality 5 with a 4 MiB window (`lgwin` 22). Brotli 5 is
//! about 11 % smaller than gzip 9 at about three times its time; qualities 7–9 cost
//! three to fifteen times more for 3 % fewer bytes, 10–11 ten to fifty times more
//! for 11 %.
//!
//! What it is not: the writing of files (the build hands the copies to
//! `build::write::Staging`), or anything `serve` does (the preview serves the
//! plain files).

use std::io::Write as _;

use crate::output::OutputFile;

/// Files smaller than this are left alone: compression saves less than the
/// overhead of a second request path and of the header.
pub(crate) const MIN_SIZE: usize = 1024;

/// The extensions of the files that get compressed copies.
const TEXT_TYPES: [&str; 7] = ["html", "css", "js", "json", "xml", "svg", "ics"];

/// gzip's level (0–9).
const GZIP_LEVEL: u32 = 9;
/// brotli's quality (0–11) and window (log2 of its size in bytes).
const BROTLI_QUALITY: i32 = 5;
const BROTLI_WINDOW: i32 = 22;

/// Whether an output path is of a type that gets compressed copies (its size is
/// checked by [`copies`]).
pub(crate) fn is_text(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| TEXT_TYPES.contains(&ext))
}

/// The `.gz` and `.br` copies of a file, or none when it is too small or not text.
pub(crate) fn copies(path: &str, bytes: &[u8]) -> Option<[OutputFile; 2]> {
    if !is_text(path) || bytes.len() < MIN_SIZE {
        return None;
    }
    Some([
        OutputFile::new(format!("{path}.gz"), gzip(bytes)),
        OutputFile::new(format!("{path}.br"), brotli(bytes)),
    ])
}

/// `bytes` as a gzip stream with a header that depends on nothing else.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let out = Vec::with_capacity(bytes.len() / 3);
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(out, flate2::Compression::new(GZIP_LEVEL));
    // Writing to a Vec cannot fail.
    encoder.write_all(bytes).expect("write to memory");
    encoder.finish().expect("write to memory")
}

/// `bytes` as a brotli stream.
pub(crate) fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("write to memory");
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn copies_only_text_files_of_a_kilobyte_and_both_decompress() {
        let big = "<p>产教融合 alliance</p>\n".repeat(100);
        assert!(copies("a/index.html", &big.as_bytes()[..MIN_SIZE - 1]).is_none());
        assert!(copies("a.png", big.as_bytes()).is_none());
        assert!(copies("_redirects", big.as_bytes()).is_none());
        let [gz, br] = copies("a/index.html", big.as_bytes()).unwrap();
        assert_eq!((gz.path.as_str(), br.path.as_str()), ("a/index.html.gz", "a/index.html.br"));
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&gz.bytes[..]).read_to_string(&mut plain).unwrap();
        assert_eq!(plain, big);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &br.bytes[..], &mut plain).unwrap();
        assert_eq!(plain, big.as_bytes());
        // No time, no name: the header is the same whatever the clock says.
        assert_eq!(&gz.bytes[4..10], &[0, 0, 0, 0, 2, 255]);
        assert_eq!(gzip(big.as_bytes()), gz.bytes);
    }
}
