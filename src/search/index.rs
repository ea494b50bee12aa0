//! Building the index: documents -> tokens -> sharded, compressed JSON files under
//! `search/`.
//!
//! The build is split in two so `serve` can cache the expensive half: [`tokenize_doc`]
//! is a pure function of one document (normalization, segmentation, weights,
//! positions), and [`assemble`] turns all documents' [`DocTerms`] into files (document
//! numbers, idf, posting lists, shards, fragments, filters). Saving one content file
//! re-tokenizes one document and re-assembles.
//!
//! Layout (all JSON, all deterministic; every file but the manifest gzip-compressed,
//! `.jz`, see [`super::codec::pack`]):
//!
//! | file | holds | fetched |
//! |---|---|---|
//! | `search/manifest.json` | version, id (content hash for cache busting), doc count, shard count, docs per fragment file | by `qiao search`; by the search page only to revalidate the copy in its script (`search/search.js`, see [`super::page_script`]) when that came from the HTTP cache |
//! | `search/t/<n>.jz` | `[[term, idf, postings, heads?], ...]` sorted by term, for terms whose key ([`shard_key`]: a CJK term whole, a word's first two characters) hashes to shard n | per query term |
//! | `search/f/<n>.jz` | `[{u,t,k,d,s,b,l}, ...]`: url, title, kind, date, summary, start of body, labels, for docs `n*D..n*D+D` | per shown result |
//! | `search/filters.jz` | facet -> value -> doc-id list | once, when the visitor opens the filters (first, when the URL sets one) |
//!
//! `heads` (format 4) is there for terms in at least [`HEADS_MIN_DF`] documents:
//! `[[doc, url, title], ...]` of the term's [`HEADS`] best documents (highest weight,
//! then lowest number), what a result shows before its fragment arrives. So the
//! first result of a query whose best document is one of them shows as soon as the
//! term shards are in, without waiting for a fragment (docs/search.md, "Titles before
//! snippets").
//!
//! A posting list is a VLQ string (see [`super::codec`]): per document `doc-id delta,
//! weight, 2*npos + truncated, position deltas...`. The weight (1..=31, see
//! `weight` below) is a BM25F-style score in which any title match outranks matches in
//! the other fields; it depends on the document alone (lengths are normalized to
//! fixed reference lengths, not the collection's average), so a document's postings
//! never change because another document did. The idf is an integer too, so the
//! browser and Rust rank with exact integer arithmetic. Positions are token indexes
//! over the fields laid end to end with gaps (title, labels, summary, body), capped
//! at [`POS_CAP`] per document and term, and left out for the most common terms
//! ([`POSITIONS_MIN_DF`]); a cut list has its `truncated` bit set and matches any
//! position.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::SearchDoc;
use super::codec::{PACKED_EXT, encode_doc_list, fnv1a, pack, push_vlq, shard_key};
use super::tokenize::{TokenKind, for_each_token_normalized, is_cjk_letter, normalize_into};
use crate::output::OutputFile;
use crate::urls;

/// Format version in the manifest; the browser refuses other versions (2: files
/// compressed, `.jz`; 3: CJK terms sharded whole, a term per CJK character; 4: the
/// heads of a term's best documents in its shard).
pub(crate) const FORMAT_VERSION: u32 = 4;
/// The manifest's name in the index's folder ([`crate::urls::SEARCH_INDEX`]).
pub(crate) const MANIFEST: &str = "manifest.json";
/// The filters' name in the index's folder.
pub(crate) const FILTERS: &str = "filters.jz";
/// At most this many positions are kept per document and term.
pub(crate) const POS_CAP: usize = 32;
/// Empty positions between fields and between labels, so no phrase spans two.
pub(crate) const FIELD_GAP: u32 = 8;
/// Documents per fragment file (default of [`IndexOptions::fragment_docs`]). One:
/// the results of a query are scattered over the numbering, so a file of several
/// documents mostly brings ones that are not shown (with 4, a page of ten results
/// fetched 18 KiB of compressed fragments on the 10k corpus; with 1, about 6 KiB).
pub(crate) const FRAGMENT_DOCS: usize = 1;
/// Characters of the body kept in a fragment for snippets.
pub(crate) const EXCERPT_CHARS: usize = 800;
/// Shards are sized to hold about this many raw bytes on average (default of
/// [`IndexOptions::target_shard_bytes`]).
pub(crate) const TARGET_SHARD_BYTES: usize = 4 * 1024;
/// Estimated encoded bytes per (term, document) pair, for sizing shards.
const BYTES_PER_POSTING: usize = 5;
/// Terms in more than an eighth of the documents, and more than this many, are
/// stored without positions: they are most of the index's bytes, and an adjacency
/// check anchored on the rarer terms of a query loses little without them.
pub(crate) const POSITIONS_MIN_DF: usize = 500;
/// The most shards an index is split into.
pub(crate) const MAX_SHARDS: usize = 4096;
/// The heads (url and title) of this many best documents of a term are
/// stored in its shard entry, so a result can show before its fragment arrives.
pub(crate) const HEADS: usize = 10;
/// Only terms in at least this many documents carry heads (default of
/// [`IndexOptions::heads_min_df`]): the heads in the whole index are then at most
/// `HEADS / HEADS_MIN_DF` of its postings, whereas heads on every rare term would
/// repeat a document's title once for each of its rare words. A rare term's few
/// fragments are a small fetch anyway.
pub(crate) const HEADS_MIN_DF: usize = 16;

const TITLE: usize = 0;
const LABELS: usize = 1;
const SUMMARY: usize = 2;
const BODY: usize = 3;
const FIELDS: usize = 4;
/// BM25 saturation.
const K1: f64 = 1.2;
/// Field weights, length normalization and reference lengths (in tokens).
const FIELD_WEIGHT: [f64; FIELDS] = [0.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; FIELDS] = [0.5, 0.3, 0.75, 0.75];
const REF_LEN: [f64; FIELDS] = [12.0, 16.0, 60.0, 600.0];

/// Knobs of the file layout; the defaults suit sites of any size, tests use small
/// values to get many files from few documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Average raw size a term shard is aimed at.
    pub target_shard_bytes: usize,
    /// Documents per fragment file.
    pub fragment_docs: usize,
    /// Terms in at least this many documents carry the heads of their best documents.
    pub heads_min_df: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        Self {
            target_shard_bytes: TARGET_SHARD_BYTES,
            fragment_docs: FRAGMENT_DOCS,
            heads_min_df: HEADS_MIN_DF,
        }
    }
}

/// The cacheable token data of one document (see [`tokenize_doc`]).
///
/// Terms live in one string (`arena`) and their encoded positions in one byte
/// vector, so a document costs a handful of allocations however many terms it has.
#[derive(Debug, Clone, PartialEq)]
pub struct DocTerms {
    fragment: Fragment,
    facets: Vec<(String, String)>,
    arena: String,
    terms: Vec<DocTerm>,
    /// Each term's `2*npos + truncated, position deltas...` as VLQ digits, in term order.
    encoded: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
struct DocTerm {
    /// [`term_hash`] of the term.
    hash: u64,
    /// [`fnv1a`] of its [`shard_key`].
    key_hash: u32,
    /// The term is `arena[start..start + len]`.
    start: u32,
    /// Its encoded positions start at `encoded[enc_start]` and end where the next
    /// term's start.
    enc_start: u32,
    len: u8,
    weight: u8,
}

impl DocTerms {
    fn term(&self, t: usize) -> &str {
        let term = &self.terms[t];
        &self.arena[term.start as usize..term.start as usize + term.len as usize]
    }

    fn encoded_positions(&self, t: usize) -> &[u8] {
        let end = self.terms.get(t + 1).map_or(self.encoded.len(), |next| next.enc_start as usize);
        &self.encoded[self.terms[t].enc_start as usize..end]
    }
}

/// What a result shows; one entry of a fragment file.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Fragment {
    u: String,
    t: String,
    k: String,
    d: String,
    s: String,
    b: String,
    /// The labels, once each, so a result found by a label (a doc number, a partner's
    /// name) can show why.
    l: Vec<String>,
}

/// A fast 64-bit hash (FxHash-style, 8 bytes at a time); never written out.
fn fast_hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x51_7C_C1_B7_27_22_0A_95;
    let mut h = seed ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(chunk.try_into().expect("8 bytes")))
            .wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// A term's 64-bit identity for grouping: for terms of up to 8 bytes (every CJK
/// bigram, most words) a bijective mix of the bytes themselves, so equal hashes mean
/// equal terms without looking at the text; longer terms hash and are compared.
fn term_hash(s: &str) -> u64 {
    if s.len() <= 8 {
        let mut w = [0u8; 8];
        w[..s.len()].copy_from_slice(s.as_bytes());
        let h = u64::from_le_bytes(w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 29)
    } else {
        fast_hash(s.as_bytes(), 0x2545_F491_4F6C_DD1D)
    }
}

/// A hasher for keys that already are hashes.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fast_hash(bytes, self.0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A document's distinct terms, as [`tokenize_doc`] collects them.
struct Terms {
    by_hash: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    /// Terms whose 64-bit hash equals an earlier, different term's (practically never).
    collided: HashMap<String, u32>,
    arena: String,
    terms: Vec<DocTerm>,
    tfs: Vec<[u32; FIELDS]>,
}

impl Terms {
    /// The number of term `tok`, added when new; `None` past 2^[`TERM_BITS`] terms.
    fn id(&mut self, tok: &str) -> Option<u32> {
        let hash = term_hash(tok);
        let found = match self.by_hash.get(&hash) {
            None => None,
            Some(&i) => {
                let t = &self.terms[i as usize];
                if &self.arena[t.start as usize..t.start as usize + t.len as usize] == tok {
                    return Some(i);
                }
                if let Some(&j) = self.collided.get(tok) {
                    return Some(j);
                }
                Some(i)
            }
        };
        if self.terms.len() >= 1 << TERM_BITS {
            return None;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(tok);
        self.terms.push(DocTerm {
            hash,
            key_hash: fnv1a(shard_key(tok)),
            start,
            enc_start: 0,
            len: tok.len() as u8,
            weight: 0,
        });
        self.tfs.push([0; FIELDS]);
        let i = self.terms.len() as u32 - 1;
        if found.is_some() {
            self.collided.insert(tok.to_owned(), i);
        } else {
            self.by_hash.insert(hash, i);
        }
        Some(i)
    }
}

/// Tokenizes one document: pure, so its result can be cached per document.
///
/// Besides the tokens, each CJK character that starts a bigram is a term of its own
/// at the bigram's position (the run's last character is one already, as the
/// tokenizer gives it): a single character typed alone reads that one term, in the
/// shard of the character, instead of every bigram the character starts (format 3).
pub fn tokenize_doc(doc: &SearchDoc) -> DocTerms {
    let text_len = doc.title.len() + doc.summary.len() + doc.body.len();
    let mut by_hash = HashMap::default();
    by_hash.reserve(256 + text_len / 16);
    let mut t = Terms {
        by_hash,
        collided: HashMap::new(),
        arena: String::new(),
        terms: Vec::new(),
        tfs: Vec::new(),
    };
    let mut occurrences: Vec<(u32, u32)> = Vec::with_capacity(text_len / 2);
    let mut lens = [0u32; FIELDS];
    let mut pos: u32 = 0;
    let mut norm = String::new();
    let mut add_field = |field: usize, text: &str, pos: &mut u32| {
        norm.clear();
        normalize_into(text, &mut norm);
        for_each_token_normalized(&norm, |tok, kind| {
            let Some(i) = t.id(tok) else { return };
            t.tfs[i as usize][field] += 1;
            occurrences.push((i, *pos));
            if kind == TokenKind::Bigram {
                let first = tok.chars().next().map_or(0, char::len_utf8);
                if let Some(c) = t.id(&tok[..first]) {
                    t.tfs[c as usize][field] += 1;
                }
            }
            *pos += 1;
            lens[field] += 1;
        });
        *pos += FIELD_GAP;
    };
    add_field(TITLE, &doc.title, &mut pos);
    for label in &doc.labels {
        add_field(LABELS, label, &mut pos);
    }
    add_field(SUMMARY, &doc.summary, &mut pos);
    add_field(BODY, &doc.body, &mut pos);
    let Terms { arena, mut terms, tfs, .. } = t;

    // Group positions by term (a counting sort; occurrences are in position order),
    // then encode each term's first POS_CAP.
    let mut starts = vec![0u32; terms.len() + 1];
    for &(i, _) in &occurrences {
        starts[i as usize + 1] += 1;
    }
    for i in 0..terms.len() {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut positions = vec![0u32; occurrences.len()];
    for &(i, p) in &occurrences {
        positions[fill[i as usize] as usize] = p;
        fill[i as usize] += 1;
    }
    let mut encoded = Vec::with_capacity(occurrences.len() * 2 + terms.len());
    for (i, t) in terms.iter_mut().enumerate() {
        t.weight = weight(&tfs[i], &lens);
        t.enc_start = encoded.len() as u32;
        let text = &arena[t.start as usize..t.start as usize + t.len as usize];
        if is_char_term(text) {
            push_vlq(&mut encoded, 1);
            continue;
        }
        let all = &positions[starts[i] as usize..starts[i + 1] as usize];
        let kept = &all[..all.len().min(POS_CAP)];
        push_vlq(&mut encoded, 2 * kept.len() as u64 + u64::from(all.len() > POS_CAP));
        let mut prev = 0;
        for &p in kept {
            push_vlq(&mut encoded, u64::from(p - prev));
            prev = p;
        }
    }

    let mut facets: Vec<(String, String)> =
        doc.facets.iter().filter(|(k, v)| !k.is_empty() && !v.is_empty()).cloned().collect();
    if !doc.kind.is_empty() && !facets.iter().any(|(k, _)| k == "kind") {
        facets.push(("kind".into(), doc.kind.clone()));
    }
    facets.sort();
    facets.dedup();

    DocTerms {
        fragment: Fragment {
            u: doc.url.clone(),
            t: doc.title.clone(),
            k: doc.kind.clone(),
            d: doc.date.clone(),
            s: doc.summary.clone(),
            b: excerpt(&doc.body, EXCERPT_CHARS),
            l: {
                let mut seen = std::collections::HashSet::new();
                doc.labels
                    .iter()
                    .filter(|l| !l.is_empty() && seen.insert(l.as_str()))
                    .cloned()
                    .collect()
            },
        },
        facets,
        arena,
        terms,
        encoded,
    }
}

/// Whether `term` is one CJK character: a character term (see [`tokenize_doc`]),
/// stored without positions (as if truncated, so it matches anywhere). Only a lone
/// character of a query reads one, and only the phrase bonus with its neighbours
/// would use positions; they would make the index a sixth larger.
fn is_char_term(term: &str) -> bool {
    let mut chars = term.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk_letter(c))
}

/// A document's weight for a term, 1..=31 (one VLQ digit): 16..=31 when the term is
/// in the title (more for shorter titles and more matches elsewhere), 1..=15 when it
/// is only in other fields (BM25F over labels, summary and body, saturating). So a
/// title match always outweighs matches elsewhere.
fn weight(tf: &[u32; FIELDS], lens: &[u32; FIELDS]) -> u8 {
    let norm = |f: usize| 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lens[f]) / REF_LEN[f];
    let rest: f64 =
        [LABELS, SUMMARY, BODY].iter().map(|&f| FIELD_WEIGHT[f] * f64::from(tf[f]) / norm(f)).sum();
    let rest = rest / (rest + K1);
    if tf[TITLE] > 0 {
        let t = f64::from(tf[TITLE]) / norm(TITLE);
        16 + (7.0 * t / (t + K1)).round() as u8 + (8.0 * rest).round() as u8
    } else {
        1 + (14.0 * rest).round() as u8
    }
}

/// The first `max` characters of `text`, cut after a space or CJK punctuation when
/// one is near the end.
fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let soft = head
                .char_indices()
                .rev()
                .take(40)
                .find(|&(_, c)| c.is_whitespace() || matches!(c, '，' | '。' | '；' | '、'))
                .map(|(i, c)| i + c.len_utf8());
            head[..soft.unwrap_or(cut)].trim_end().to_owned()
        }
    }
}

/// The index files for tokenized documents. Documents are numbered by (kind, newest
/// date first, url), whatever the order of `docs`.
pub fn assemble(docs: &[DocTerms]) -> Vec<OutputFile> {
    assemble_with(docs, IndexOptions::default())
}

/// [`assemble`] with a chosen layout.
pub fn assemble_with(docs: &[DocTerms], options: IndexOptions) -> Vec<OutputFile> {
    Assembled::build(docs, options, false).0
}

/// An index kept after assembling, so that `serve` can update it when a few
/// documents change: every shard's postings (before encoding) and every file's
/// hash. [`Assembled::update`] then encodes again only the shards that hold a
/// changed document's terms (old or new), the fragment files that show it, the
/// filters and the manifest; every other file keeps its bytes. The result is the
/// same as assembling from scratch (tested below and in `tests/testsuite/incremental.rs`).
#[derive(Debug, Clone)]
pub(crate) struct Assembled {
    options: IndexOptions,
    /// The position in `docs` of each document number.
    order: Vec<usize>,
    shards: usize,
    /// Per shard: its postings, sorted.
    entries: Vec<Vec<Entry>>,
    /// The hash of every file but the manifest: filters, shards, fragments.
    hashes: Vec<u64>,
}

/// Document numbers: positions in `docs`, by (kind, newest date first, url).
fn doc_order(docs: &[DocTerms]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&docs[a].fragment, &docs[b].fragment);
        (&a.k, &b.d, &a.u).cmp(&(&b.k, &a.d, &b.u))
    });
    order
}

/// Terms in more documents than this are stored without positions.
fn positions_max_df(docs: usize) -> usize {
    (docs / 8).max(POSITIONS_MIN_DF)
}

fn shard_count(docs: &[DocTerms], options: IndexOptions) -> usize {
    let postings: usize = docs.iter().map(|d| d.terms.len()).sum();
    (postings * BYTES_PER_POSTING).div_ceil(options.target_shard_bytes).clamp(1, MAX_SHARDS)
}

/// Posting entries of document number `d`, into `buckets` by shard.
fn push_entries(buckets: &mut [Vec<Entry>], d: u32, doc: &DocTerms) {
    let shards = buckets.len();
    for (t, term) in doc.terms.iter().enumerate() {
        let long = u32::from(term.len > 8) << TERM_BITS;
        let packed = u32::from(term.weight) << WEIGHT_SHIFT | long | t as u32;
        buckets[term.key_hash as usize % shards].push((term.hash, d, packed));
    }
}

/// The name of shard `s` in the index's folder.
pub(crate) fn shard_name(s: impl std::fmt::Display) -> String {
    format!("t/{s}.{PACKED_EXT}")
}

/// The name of fragment file `c` in the index's folder.
pub(crate) fn fragment_name(c: impl std::fmt::Display) -> String {
    format!("f/{c}.{PACKED_EXT}")
}

/// A compressed index file named `name` in the index's folder, from its JSON.
fn packed_file(name: &str, json: &[u8]) -> OutputFile {
    OutputFile::new(urls::search_index_file(name), pack(json))
}

/// Whether `path` (relative to the output folder) is the index's manifest.
pub(crate) fn is_manifest(path: &str) -> bool {
    path.strip_prefix(urls::SEARCH_INDEX) == Some(MANIFEST)
}

fn fragment_file(c: usize, chunk: &[&DocTerms]) -> OutputFile {
    let frags: Vec<&Fragment> = chunk.iter().map(|d| &d.fragment).collect();
    let mut bytes = serde_json::to_vec(&frags).expect("fragments serialize");
    bytes.push(b'\n');
    packed_file(&fragment_name(c), &bytes)
}

fn file_hash(f: &OutputFile) -> u64 {
    fast_hash(&f.bytes, fast_hash(f.path.as_bytes(), 0))
}

/// `search/manifest.json`. Its id changes whenever any file does, so browsers never
/// mix old and new files. The search page gets the same object inside its script
/// ([`page_script`](super::page_script)), written whenever this file is.
fn manifest_file(hashes: &[u64], docs: usize, shards: usize, fragment_docs: usize) -> OutputFile {
    let id = hashes
        .iter()
        .fold(0u64, |acc, &h| (acc.rotate_left(7) ^ h).wrapping_mul(0x0000_0100_0000_01B3));
    let manifest = serde_json::json!({
        "version": FORMAT_VERSION,
        "id": format!("{id:016x}"),
        "docs": docs,
        "shards": shards,
        "fragmentDocs": fragment_docs,
    });
    let json = serde_json::to_string(&manifest).expect("manifest serializes");
    OutputFile::new(urls::search_index_file(MANIFEST), format!("{json}\n").into_bytes())
}

impl Assembled {
    /// Assembles the index and keeps what [`Assembled::update`] needs.
    pub(crate) fn new(docs: &[DocTerms], options: IndexOptions) -> (Vec<OutputFile>, Self) {
        Self::build(docs, options, true)
    }

    fn build(docs: &[DocTerms], options: IndexOptions, keep: bool) -> (Vec<OutputFile>, Self) {
        let options = IndexOptions {
            target_shard_bytes: options.target_shard_bytes.max(1),
            fragment_docs: options.fragment_docs.max(1),
            heads_min_df: options.heads_min_df.max(1),
        };
        let order = doc_order(docs);
        let sorted: Vec<&DocTerms> = order.iter().map(|&i| &docs[i]).collect();
        let n = sorted.len();
        let shards = shard_count(docs, options);
        let positions_max_df = positions_max_df(n);

        // (term hash, document, weight << 27 | term index) per shard, in document order:
        // built per slice of documents in parallel, concatenated in slice order per shard.
        let slice_len = n.div_ceil(16).max(1);
        let slices: Vec<Vec<Vec<Entry>>> = sorted
            .par_chunks(slice_len)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buckets = vec![Vec::new(); shards];
                for (k, doc) in chunk.iter().enumerate() {
                    push_entries(&mut buckets, (c * slice_len + k) as u32, doc);
                }
                buckets
            })
            .collect();
        let (shard_files, entries): (Vec<OutputFile>, Vec<Vec<Entry>>) = (0..shards)
            .into_par_iter()
            .map(|s| {
                let mut entries: Vec<Entry> =
                    slices.iter().flat_map(|b| b[s].iter().copied()).collect();
                let json =
                    shard_json(&sorted, &mut entries, positions_max_df, options.heads_min_df);
                let kept = if keep { entries } else { Vec::new() };
                (packed_file(&shard_name(s), &json), kept)
            })
            .unzip();
        drop(slices);

        let fragment_files: Vec<OutputFile> = sorted
            .par_chunks(options.fragment_docs)
            .enumerate()
            .map(|(c, chunk)| fragment_file(c, chunk))
            .collect();

        let mut files = Vec::with_capacity(shard_files.len() + fragment_files.len() + 3);
        files.push(packed_file(FILTERS, &filters_json(&sorted)));
        files.extend(shard_files);
        files.extend(fragment_files);
        let hashes: Vec<u64> = files.par_iter().map(file_hash).collect();
        files.insert(0, manifest_file(&hashes, n, shards, options.fragment_docs));
        let kept = Assembled { options, order, shards, entries, hashes };
        (files, kept)
    }

    /// The files that change when the documents at positions `changed` of `docs`
    /// (the same documents as before, in the same positions) have new tokens:
    /// `None` when documents are numbered differently now (a date or title moved
    /// one) or the index needs another number of shards; then assemble again.
    pub(crate) fn update(
        &mut self,
        docs: &[DocTerms],
        changed: &[usize],
    ) -> Option<Vec<OutputFile>> {
        let n = docs.len();
        if n != self.order.len()
            || shard_count(docs, self.options) != self.shards
            || doc_order(docs) != self.order
        {
            return None;
        }
        let sorted: Vec<&DocTerms> = self.order.iter().map(|&i| &docs[i]).collect();
        let mut number = vec![0u32; n];
        for (d, &i) in self.order.iter().enumerate() {
            number[i] = d as u32;
        }
        let mut is_changed = vec![false; n];
        let mut fresh: Vec<Vec<Entry>> = vec![Vec::new(); self.shards];
        let mut chunks = std::collections::BTreeSet::new();
        for &i in changed.iter().filter(|&&i| i < n) {
            let d = number[i];
            if !std::mem::replace(&mut is_changed[d as usize], true) {
                push_entries(&mut fresh, d, &docs[i]);
                chunks.insert(d as usize / self.options.fragment_docs);
            }
        }
        let positions_max_df = positions_max_df(n);
        let shard_files: Vec<(usize, OutputFile)> = self
            .entries
            .par_iter_mut()
            .zip(fresh.into_par_iter())
            .enumerate()
            .filter_map(|(s, (entries, add))| {
                let had = entries.iter().any(|e| is_changed[e.1 as usize]);
                if !had && add.is_empty() {
                    return None;
                }
                entries.retain(|e| !is_changed[e.1 as usize]);
                entries.extend(add);
                let json =
                    shard_json(&sorted, entries, positions_max_df, self.options.heads_min_df);
                Some((s, packed_file(&shard_name(s), &json)))
            })
            .collect();
        let fragment_docs = self.options.fragment_docs;
        let filters = packed_file(FILTERS, &filters_json(&sorted));
        let mut files = vec![(0, filters)];
        files.extend(shard_files.into_iter().map(|(s, f)| (1 + s, f)));
        files.extend(chunks.into_iter().map(|c| {
            let chunk = &sorted[c * fragment_docs..((c + 1) * fragment_docs).min(n)];
            (1 + self.shards + c, fragment_file(c, chunk))
        }));
        for (at, f) in &files {
            self.hashes[*at] = file_hash(f);
        }
        let mut out: Vec<OutputFile> = files.into_iter().map(|(_, f)| f).collect();
        out.insert(0, manifest_file(&self.hashes, n, self.shards, fragment_docs));
        Some(out)
    }
}

/// A posting before encoding: (term hash, document, weight << 27 | long << 26 | term
/// index), so most postings encode without touching the document's data again
/// (`long`: the term has more than 8 bytes, so its hash is not its identity).
type Entry = (u64, u32, u32);
/// Bits of [`Entry`] for the term index: [`tokenize_doc`] keeps at most 2^26 distinct
/// terms per document (a document would need more than 64 million tokens).
const TERM_BITS: u32 = 26;
const WEIGHT_SHIFT: u32 = 27;

/// The documents of a term's entries whose heads its shard entry carries: the
/// [`HEADS`] of highest weight, lowest number first among equals (the order in which
/// the ranking puts them for the term alone).
fn best_docs(list: &[Entry]) -> Vec<u32> {
    let mut best: Vec<(u32, u32)> = list.iter().map(|&(_, d, p)| (p >> WEIGHT_SHIFT, d)).collect();
    best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    best.into_iter().take(HEADS).map(|(_, d)| d).collect()
}

/// One shard file: `[[term, idf, postings, heads?], ...]` sorted by term, from its
/// entries in document order; heads for terms in `heads_min_df` documents or more.
fn shard_json(
    docs: &[&DocTerms],
    entries: &mut [Entry],
    positions_max_df: usize,
    heads_min_df: usize,
) -> Vec<u8> {
    let n = docs.len() as f64;
    let term_index = |packed: u32| (packed & ((1 << TERM_BITS) - 1)) as usize;
    let text = |&(_, d, t): &Entry| docs[d as usize].term(term_index(t));
    // Group by term: sort by hash, then document. Each group's posting list is encoded
    // while checking that its terms really are one text (free for short terms, see
    // `term_hash`); a group whose hash two texts share (practically never) is split
    // by text, the slow way.
    entries.sort_unstable();
    let encode = |list: &[Entry], out: &mut Vec<u8>| -> bool {
        let first = text(&list[0]);
        let keep_positions = list.len() <= positions_max_df;
        let mut prev_doc = 0u32;
        for &(_, d, packed) in list {
            let doc = docs[d as usize];
            let t = term_index(packed);
            let long = packed & (1 << TERM_BITS) != 0;
            if long != (first.len() > 8) || (long && doc.term(t) != first) {
                return false;
            }
            push_vlq(out, u64::from(d - prev_doc));
            prev_doc = d;
            push_vlq(out, u64::from(packed >> WEIGHT_SHIFT));
            if keep_positions {
                out.extend_from_slice(doc.encoded_positions(t));
            } else {
                push_vlq(out, 1);
            }
        }
        true
    };
    let heads = |list: &[Entry]| {
        if list.len() >= heads_min_df { best_docs(list) } else { Vec::new() }
    };
    // (term, df, encoded postings, documents whose heads it carries)
    let mut groups: Vec<(&str, usize, Vec<u8>, Vec<u32>)> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let mut j = i + 1;
        while j < entries.len() && entries[j].0 == entries[i].0 {
            j += 1;
        }
        let mut out = Vec::with_capacity((j - i) * BYTES_PER_POSTING);
        if encode(&entries[i..j], &mut out) {
            groups.push((text(&entries[i]), j - i, out, heads(&entries[i..j])));
        } else {
            entries[i..j].sort_by(|a, b| text(a).cmp(text(b)).then(a.1.cmp(&b.1)));
            let mut k = i;
            while k < j {
                let mut m = k + 1;
                while m < j && text(&entries[m]) == text(&entries[k]) {
                    m += 1;
                }
                let mut out = Vec::new();
                encode(&entries[k..m], &mut out);
                groups.push((text(&entries[k]), m - k, out, heads(&entries[k..m])));
                k = m;
            }
        }
        i = j;
    }
    groups.sort_unstable_by(|a, b| a.0.cmp(b.0));

    let mut json: Vec<u8> =
        Vec::with_capacity(groups.iter().map(|g| g.2.len() + 24).sum::<usize>() + 4);
    json.push(b'[');
    for (k, (term, df, postings, best)) in groups.iter().enumerate() {
        let df = *df as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let idf = ((idf * 100.0).round() as u64).max(1);
        if k > 0 {
            json.push(b',');
        }
        json.push(b'[');
        serde_json::to_writer(&mut json, term).expect("a string serializes");
        json.push(b',');
        json.extend_from_slice(idf.to_string().as_bytes());
        json.extend_from_slice(b",\"");
        json.extend_from_slice(postings);
        json.push(b'"');
        if !best.is_empty() {
            json.extend_from_slice(b",[");
            for (h, &d) in best.iter().enumerate() {
                let f = &docs[d as usize].fragment;
                if h > 0 {
                    json.push(b',');
                }
                serde_json::to_writer(&mut json, &(d, &f.u, &f.t)).expect("a head serializes");
            }
            json.push(b']');
        }
        json.push(b']');
    }
    json.extend_from_slice(b"]\n");
    json
}

/// `{"facets":[{"name":..,"values":[[value, doc-list],..]},..]}`; facets in the order
/// kind, industries, regions, status, then the others by name; values by name.
fn filters_json(docs: &[&DocTerms]) -> Vec<u8> {
    use std::collections::BTreeMap;
    let mut by_facet: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (k, v) in &doc.facets {
            by_facet.entry(k).or_default().entry(v).or_default().push(d as u32);
        }
    }
    let rank = |name: &str| {
        ["kind", "industries", "regions", "status"].iter().position(|&p| p == name).unwrap_or(4)
    };
    let mut names: Vec<&str> = by_facet.keys().copied().collect();
    names.sort_by_key(|&name| (rank(name), name));
    let facets: Vec<serde_json::Value> = names
        .iter()
        .map(|&name| {
            let values: Vec<serde_json::Value> = by_facet[name]
                .iter()
                .map(|(v, ids)| serde_json::json!([v, encode_doc_list(ids)]))
                .collect();
            serde_json::json!({ "name": name, "values": values })
        })
        .collect();
    let mut bytes =
        serde_json::to_vec(&serde_json::json!({ "facets": facets })).expect("serializes");
    bytes.push(b'\n');
    bytes
}

/// Tokenizes every document in parallel and assembles the index.
pub fn build_index(docs: &[SearchDoc]) -> Vec<OutputFile> {
    let terms: Vec<DocTerms> = docs.par_iter().map(tokenize_doc).collect();
    assemble(&terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_matches_outweigh_everything_else() {
        let lens = [40, 200, 400, 100_000];
        assert!(weight(&[1, 0, 0, 0], &lens) >= 16);
        assert!(weight(&[0, 50, 50, 5000], &[1, 50, 50, 5000]) <= 15);
    }

    /// Files by path.
    fn by_path(files: Vec<OutputFile>) -> std::collections::BTreeMap<String, Vec<u8>> {
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    #[test]
    fn an_updated_index_equals_one_assembled_from_scratch() {
        let options = IndexOptions { target_shard_bytes: 64, fragment_docs: 2, heads_min_df: 2 };
        let doc = |i: usize, word: &str| SearchDoc {
            url: format!("/cases/c{i}/"),
            title: format!("案例 {i} 数控"),
            kind: "cases".into(),
            body: format!("joint lab {word} 联合实验室 number{i}"),
            date: format!("2025-01-{:02}", i + 1),
            facets: vec![(
                "status".into(),
                if i.is_multiple_of(2) { "open" } else { "closed" }.into(),
            )],
            ..SearchDoc::default()
        };
        let mut docs: Vec<SearchDoc> = (0..9).map(|i| doc(i, "alpha")).collect();
        let mut terms: Vec<DocTerms> = docs.iter().map(tokenize_doc).collect();
        let (files, mut kept) = Assembled::new(&terms, options);
        assert!(kept.shards > 4, "{} shards", kept.shards);
        let mut served = by_path(files);
        // One word for another (the same number of terms), in two documents (the second
        // time with new titles, which the heads show); then a facet.
        for (round, changed) in [vec![3usize], vec![0, 8], vec![5]].into_iter().enumerate() {
            for &i in &changed {
                docs[i] = doc(i, ["beta", "gamma", "delta"][round]);
                if round == 1 {
                    // A new title: the heads that show it change with it.
                    docs[i].title = format!("案例 {i} 数控 renamed");
                }
                if round == 2 {
                    docs[i].facets = vec![("status".into(), "expired".into())];
                }
                terms[i] = tokenize_doc(&docs[i]);
            }
            let patch = kept.update(&terms, &changed).expect("same numbering and shards");
            assert!(patch.len() < served.len(), "round {round}: {} files", patch.len());
            served.extend(by_path(patch));
            let fresh = by_path(assemble_with(&terms, options));
            assert_eq!(served, fresh, "round {round}");
        }
        // A new date renumbers the documents: assemble again.
        docs[4].date = "2030-01-01".into();
        terms[4] = tokenize_doc(&docs[4]);
        assert!(kept.update(&terms, &[4]).is_none());
    }

    #[test]
    fn excerpts_cut_softly() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two");
        assert_eq!(excerpt("数控机床，加工中心", 7), "数控机床，");
    }
}
