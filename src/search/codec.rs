//! The compact encodings inside the index's JSON files, shared with `search-core.js`.
//!
//! Why strings of base64 digits instead of JSON number arrays: posting lists are
//! most of the index, and a variable-length quantity (VLQ) string is about a third of
//! the raw size of the equivalent JSON array, decodes with a few lines of JavaScript,
//! and still gzips well. Each character of the alphabet [`DIGITS`] carries 5 bits of
//! value plus a continuation bit (values 32..63 mean "more follows"), least
//! significant group first; JSON needs no escaping for any of them.
//!
//! Sharding hashes a term's key with 32-bit FNV-1a over its Unicode code points, so
//! the browser can compute it without a UTF-8 encoder.
//!
//! Every index file a query fetches (term shards, fragments, filters) is stored
//! gzip-compressed ([`pack`], extension [`PACKED_EXT`]): many static hosts send files
//! as they are on disk, and a query's files are a third to a half of their JSON size
//! this way whatever the host does. The browser reads them with its built-in
//! `DecompressionStream` (allowed by a strict CSP, unlike WebAssembly), `qiao search`
//! with [`unpack`]; docs/search.md has the measurements.

use std::io::{Read, Write};

/// The extension of a compressed index file (`t/3.jz`): gzip-compressed JSON under a
/// name that no host knows, so hosts serve it as `application/octet-stream`, as it
/// is, and never add a `Content-Encoding` (which would make the browser decompress
/// it before the page does) or compress it again.
pub(crate) const PACKED_EXT: &str = "jz";

/// Compresses an index file: gzip at the default level (on the 10k corpus, level 9
/// saved 0.1% of the bytes in 2.5 times the time), without a file name or a time in
/// its header, so the same JSON always gives the same bytes.
pub(crate) fn pack(json: &[u8]) -> Vec<u8> {
    let out = Vec::with_capacity(json.len() / 3 + 32);
    let mut gz = flate2::GzBuilder::new().write(out, flate2::Compression::default());
    gz.write_all(json).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// Decompresses [`pack`]'s output; `None` when `bytes` is not a whole gzip stream.
pub(crate) fn unpack(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The 64 digits of the VLQ encoding (base64url order).
pub(crate) const DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` as a VLQ (ASCII bytes).
pub(crate) fn push_vlq(out: &mut Vec<u8>, mut v: u64) {
    while v >= 32 {
        out.push(DIGITS[(32 | (v & 31)) as usize]);
        v >>= 5;
    }
    out.push(DIGITS[v as usize]);
}

/// Reads VLQs from a string.
pub(crate) struct VlqReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> VlqReader<'a> {
    /// A reader at the start of `s`.
    pub(crate) fn new(s: &'a str) -> Self {
        Self { bytes: s.as_bytes(), at: 0 }
    }

    /// Whether everything has been read.
    pub(crate) fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// The next value, or `None` at the end or on a character outside [`DIGITS`].
    pub(crate) fn next_value(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            let d = digit_value(b)? as u64;
            v |= (d & 31) << shift;
            if d < 32 {
                return Some(v);
            }
            shift += 5;
            if shift > 60 {
                return None;
            }
        }
    }
}

fn digit_value(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    })
}

/// Encodes a strictly increasing list of document ids as runs: for each run of
/// consecutive ids, `2 * (start - end_of_previous_run) + (len > 1)`, then `len - 2`
/// when the run is longer than one. Contiguous ranges (one kind, sorted together)
/// cost a few characters; scattered ids about one character each.
pub(crate) fn encode_doc_list(ids: &[u32]) -> String {
    let mut out = Vec::new();
    let mut prev_end: u64 = 0;
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i] as u64;
        let mut j = i + 1;
        while j < ids.len() && ids[j] as u64 == ids[j - 1] as u64 + 1 {
            j += 1;
        }
        let len = (j - i) as u64;
        push_vlq(&mut out, 2 * (start - prev_end) + u64::from(len > 1));
        if len > 1 {
            push_vlq(&mut out, len - 2);
        }
        prev_end = start + len;
        i = j;
    }
    String::from_utf8(out).expect("VLQ digits are ASCII")
}

/// Decodes [`encode_doc_list`].
pub(crate) fn decode_doc_list(s: &str) -> Option<Vec<u32>> {
    let mut r = VlqReader::new(s);
    let mut out = Vec::new();
    let mut prev_end: u64 = 0;
    while !r.done() {
        let v = r.next_value()?;
        let start = prev_end + (v >> 1);
        let len = if v & 1 == 1 { r.next_value()? + 2 } else { 1 };
        for id in start..start + len {
            out.push(u32::try_from(id).ok()?);
        }
        prev_end = start + len;
    }
    Some(out)
}

/// 32-bit FNV-1a over the code points of `s`.
pub(crate) fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for c in s.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The part of a term that picks its shard: a CJK term whole (a bigram, or the
/// character term that stands for every bigram a character starts, see
/// `index::tokenize_doc`), the first two characters of a word (so a typed prefix of
/// two or more characters finds every word it starts in one shard).
///
/// Why CJK terms are no longer sharded by their first character (as in format 2): a common
/// first character (`能`, `江`) gathered hundreds of bigrams into one shard, and a
/// query of three bigrams fetched 50-100 KiB of them; a single character typed
/// alone now reads its one character term instead.
pub(crate) fn shard_key(term: &str) -> &str {
    let mut it = term.char_indices();
    let Some((_, first)) = it.next() else { return term };
    if super::tokenize::is_cjk_letter(first) {
        return term;
    }
    match term.char_indices().nth(2) {
        Some((i, _)) => &term[..i],
        None => term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlq_round_trips() {
        let values = [0u64, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX as u64];
        let mut s = Vec::new();
        for &v in &values {
            push_vlq(&mut s, v);
        }
        let s = String::from_utf8(s).unwrap();
        let mut r = VlqReader::new(&s);
        for &v in &values {
            assert_eq!(r.next_value(), Some(v));
        }
        assert!(r.done());
    }

    #[test]
    fn doc_lists_round_trip() {
        for ids in [vec![], vec![0], vec![5], vec![0, 1, 2, 3], vec![1, 3, 4, 9, 10, 11, 40]] {
            let s = encode_doc_list(&ids);
            assert_eq!(decode_doc_list(&s).unwrap(), ids, "{s}");
        }
        assert_eq!(encode_doc_list(&(100..1100).collect::<Vec<_>>()).len(), 4);
    }

    #[test]
    fn packed_files_round_trip_and_are_deterministic() {
        let json = "[[\"数控\",120,\"BAC\"],[\"battery\",90,\"CAE\"]]\n".repeat(20);
        let packed = pack(json.as_bytes());
        assert!(packed.len() < json.len() / 4, "{} of {}", packed.len(), json.len());
        assert_eq!(pack(json.as_bytes()), packed);
        // No time (bytes 4..8) and "unknown" as the system (byte 9) in the header.
        assert_eq!(&packed[..4], &[0x1f, 0x8b, 8, 0]);
        assert_eq!(&packed[4..8], &[0, 0, 0, 0]);
        assert_eq!(packed[9], 255);
        assert_eq!(unpack(&packed).unwrap(), json.as_bytes());
        assert_eq!(unpack(json.as_bytes()), None);
        assert_eq!(unpack(&packed[..packed.len() - 4]), None, "a cut file");
        assert_eq!(unpack(b""), None);
    }

    #[test]
    fn shard_keys() {
        assert_eq!(shard_key("manufacturing"), "ma");
        assert_eq!(shard_key("m"), "m");
        assert_eq!(shard_key("数控"), "数控");
        assert_eq!(shard_key("数"), "数");
        assert_eq!(shard_key("é1"), "é1");
    }
}
