//! Answering a query from the built index: the Rust twin of `search-core.js`.
//!
//! `qiao search` and the tests use this; the browser runs the same algorithm in
//! JavaScript, and the shared vectors in `tests/search_vectors/` hold both to the same
//! ranked results. Every score is an integer (idf × weight, both stored as integers
//! by the builder), so the two implementations cannot drift by rounding.
//!
//! A query is planned from the shared tokenizer:
//! - a word is looked up exactly, except the query's last token, which when it is a
//!   word is a prefix (the visitor may still be typing it);
//! - CJK bigrams are looked up exactly, and the bigrams of one run must sit at
//!   consecutive positions in the document (so `数控机床` finds that substring, not
//!   four scattered characters); a lone CJK character reads its character term,
//!   which the builder gives every document where it starts a bigram or ends a run;
//! - every query term must match (AND); each contributes the best of its expansions
//!   (`idf × weight`, halved for a word prefix that is not the whole word), and each
//!   pair of query neighbours found next to each other in the document adds half
//!   their contributions (phrase bonus);
//! - ties go to the lower document number (kind, then newest first).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::codec::{VlqReader, decode_doc_list, fnv1a, shard_key, unpack};
use super::index::{FILTERS, FORMAT_VERSION, MANIFEST, fragment_name, shard_name};
use super::tokenize::{TokenKind, is_cjk_letter, tokenize_with_kinds};
use crate::output::OutputFile;
use crate::urls;
use crate::urls::search_index_file as file;

/// At most this many query terms are used; the rest of a pasted text is ignored.
pub(crate) const MAX_QUERY_TERMS: usize = 32;
/// Scores are integers; a [`super::Hit`] shows `score / SCORE_SCALE`.
pub(crate) const SCORE_SCALE: f64 = 3_200.0;

/// One term of a planned query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The folded token.
    pub text: String,
    /// Its position in the query's token list.
    pub pos: u32,
    /// Whether it also matches the longer terms it starts.
    pub prefix: bool,
}

/// A query turned into terms and the groups of terms that must be adjacent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryPlan {
    /// Terms in query order.
    pub terms: Vec<QueryTerm>,
    /// Ranges of `terms` (start, end exclusive) that must appear at the same relative
    /// positions in a document: the bigrams of a CJK run of 3+ characters.
    pub groups: Vec<(usize, usize)>,
}

/// Plans a query (see the module doc).
pub fn plan(query: &str) -> QueryPlan {
    let tokens = tokenize_with_kinds(query);
    let last = tokens.len().saturating_sub(1);
    let mut plan = QueryPlan::default();
    let mut run_start: Option<usize> = None;
    for (i, (text, kind)) in tokens.into_iter().enumerate() {
        if plan.terms.len() == MAX_QUERY_TERMS {
            break;
        }
        let prefix = match kind {
            TokenKind::Word => i == last,
            TokenKind::Bigram => {
                run_start.get_or_insert(plan.terms.len());
                false
            }
            TokenKind::Unigram { run_len } => {
                if let Some(s) = run_start.take()
                    && plan.terms.len() - s >= 2
                {
                    plan.groups.push((s, plan.terms.len()));
                }
                if run_len > 1 {
                    continue;
                }
                true
            }
        };
        plan.terms.push(QueryTerm { text, pos: i as u32, prefix });
    }
    if let Some(s) = run_start
        && plan.terms.len() - s >= 2
    {
        plan.groups.push((s, plan.terms.len()));
    }
    plan
}

/// Where index files come from: a folder on disk or a build's files in memory.
pub trait IndexSource {
    /// The bytes of `name` as stored (relative to `search/`, e.g. `t/3.jz`).
    fn read(&self, name: &str) -> Result<Vec<u8>>;
}

/// The `search/` folder of a built site.
pub(crate) struct DirSource(pub(crate) PathBuf);

impl IndexSource for DirSource {
    fn read(&self, name: &str) -> Result<Vec<u8>> {
        let path = self.0.join(name);
        std::fs::read(&path)
            .with_context(|| format!("cannot read search index file {}", path.display()))
    }
}

/// Index files returned by [`super::build_index`], not yet written.
pub struct MemSource<'a>(pub &'a [OutputFile]);

impl IndexSource for MemSource<'_> {
    fn read(&self, name: &str) -> Result<Vec<u8>> {
        let path = urls::search_index_file(name);
        match self.0.iter().find(|f| f.path == path) {
            Some(f) => Ok(f.bytes.clone()),
            None => bail!("no index file {path}"),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    version: u32,
    shards: u32,
    fragment_docs: u32,
}

/// One shard: its entries, sorted by term.
type Shard = Vec<ShardEntry>;

/// `[term, idf, postings, heads?]`: the heads (format 4) are for the search page, which
/// shows a result from them before its fragment arrives; `qiao search` prints results
/// from fragments and skips them.
#[derive(Debug, Deserialize)]
struct ShardEntry(String, u64, String, #[serde(default)] serde::de::IgnoredAny);

/// A document as a result shows it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Fragment {
    /// URL path.
    #[serde(rename = "u")]
    pub url: String,
    /// Title.
    #[serde(rename = "t")]
    pub(crate) title: String,
    /// Kind.
    #[serde(rename = "k")]
    pub(crate) kind: String,
    /// Date, `YYYY-MM-DD`.
    #[serde(rename = "d")]
    pub(crate) date: String,
    /// Summary.
    #[serde(rename = "s")]
    pub(crate) summary: String,
    /// Start of the body.
    #[serde(rename = "b")]
    pub(crate) body: String,
    /// Labels.
    #[serde(rename = "l", default)]
    pub(crate) labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Filters {
    facets: Vec<FacetEntry>,
}

#[derive(Debug, Deserialize)]
struct FacetEntry {
    name: String,
    values: Vec<(String, String)>,
}

/// Facet values with their document lists.
pub(crate) type FacetTable = Vec<(String, Vec<(String, Vec<u32>)>)>;

/// A ranked document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Document number.
    pub doc: u32,
    /// Integer score (divide by [`SCORE_SCALE`] for display).
    pub(crate) score: u64,
}

/// An opened index; shards and fragments are read on first use and kept.
pub struct Index<S: IndexSource> {
    source: S,
    manifest: Manifest,
    shards: RefCell<HashMap<u32, Rc<Shard>>>,
    fragments: RefCell<HashMap<u32, Rc<Vec<Fragment>>>>,
    filters: RefCell<Option<Rc<FacetTable>>>,
}

/// The matches of one query term in one document.
#[derive(Debug, Clone, Default)]
struct TermMatch {
    contribution: u64,
    positions: Vec<u32>,
    truncated: bool,
}

impl<S: IndexSource> Index<S> {
    /// Opens the index by reading its manifest.
    pub fn open(source: S) -> Result<Self> {
        let manifest: Manifest = serde_json::from_slice(&source.read(MANIFEST)?)
            .with_context(|| format!("{} is not a qiao search manifest", file(MANIFEST)))?;
        if manifest.version != FORMAT_VERSION {
            bail!(
                "search index format {} is not the supported {FORMAT_VERSION}; rebuild the site",
                manifest.version
            );
        }
        if manifest.shards == 0 || manifest.fragment_docs == 0 {
            bail!("{} is damaged", file(MANIFEST));
        }
        Ok(Self {
            source,
            manifest,
            shards: RefCell::default(),
            fragments: RefCell::default(),
            filters: RefCell::default(),
        })
    }

    fn shard(&self, n: u32) -> Result<Rc<Shard>> {
        if let Some(s) = self.shards.borrow().get(&n) {
            return Ok(s.clone());
        }
        let shard: Rc<Shard> = Rc::new(self.read_packed(&shard_name(n))?);
        self.shards.borrow_mut().insert(n, shard.clone());
        Ok(shard)
    }

    /// The JSON inside the compressed index file `name`.
    fn read_packed<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T> {
        let bytes = self.source.read(name)?;
        unpack(&bytes)
            .and_then(|json| serde_json::from_slice(&json).ok())
            .with_context(|| format!("{} is damaged", file(name)))
    }

    /// The fragment (title, url, text) of a document.
    pub fn fragment(&self, doc: u32) -> Result<Fragment> {
        let chunk = doc / self.manifest.fragment_docs;
        let cached = self.fragments.borrow().get(&chunk).cloned();
        let frags = match cached {
            Some(f) => f,
            None => {
                let f: Rc<Vec<Fragment>> = Rc::new(self.read_packed(&fragment_name(chunk))?);
                self.fragments.borrow_mut().insert(chunk, f.clone());
                f
            }
        };
        frags.get((doc % self.manifest.fragment_docs) as usize).cloned().with_context(|| {
            format!("document {doc} is missing from {}", file(&fragment_name(chunk)))
        })
    }

    /// Facets and their document lists (`filters.json`).
    pub fn facets(&self) -> Result<Rc<FacetTable>> {
        if let Some(f) = &*self.filters.borrow() {
            return Ok(f.clone());
        }
        let damaged = || format!("{} is damaged", file(FILTERS));
        let raw: Filters = self.read_packed(FILTERS)?;
        let mut table = FacetTable::new();
        for facet in raw.facets {
            let mut values = Vec::new();
            for (value, list) in facet.values {
                let ids = decode_doc_list(&list).with_context(damaged)?;
                values.push((value, ids));
            }
            table.push((facet.name, values));
        }
        let table = Rc::new(table);
        *self.filters.borrow_mut() = Some(table.clone());
        Ok(table)
    }

    /// Every document matching `query`, best first.
    pub fn rank(&self, query: &str) -> Result<Vec<Ranked>> {
        let plan = plan(query);
        if plan.terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut per_term: Vec<HashMap<u32, TermMatch>> = Vec::with_capacity(plan.terms.len());
        for term in &plan.terms {
            let matches = self.term_matches(term)?;
            if matches.is_empty() {
                return Ok(Vec::new());
            }
            per_term.push(matches);
        }
        let rarest = (0..per_term.len()).min_by_key(|&i| per_term[i].len()).unwrap_or(0);
        let mut out = Vec::new();
        'docs: for &doc in per_term[rarest].keys() {
            let mut found: Vec<&TermMatch> = Vec::with_capacity(per_term.len());
            for m in &per_term {
                match m.get(&doc) {
                    Some(tm) => found.push(tm),
                    None => continue 'docs,
                }
            }
            for &(s, e) in &plan.groups {
                let offsets: Vec<u32> =
                    plan.terms[s..e].iter().map(|t| t.pos - plan.terms[s].pos).collect();
                if !aligned(&found[s..e], &offsets) {
                    continue 'docs;
                }
            }
            let mut score: u64 = found.iter().map(|m| m.contribution).sum();
            for i in 1..found.len() {
                let gap = plan.terms[i].pos - plan.terms[i - 1].pos;
                if aligned(&found[i - 1..=i], &[0, gap]) {
                    score += (found[i - 1].contribution + found[i].contribution) / 2;
                }
            }
            out.push(Ranked { doc, score });
        }
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        Ok(out)
    }

    /// The documents a query term matches, with its best contribution and the union
    /// of positions of its expansions.
    fn term_matches(&self, term: &QueryTerm) -> Result<HashMap<u32, TermMatch>> {
        let shard = self.shard(fnv1a(shard_key(&term.text)) % self.manifest.shards)?;
        let start = shard.partition_point(|e| e.0.as_str() < term.text.as_str());
        let cjk = term.text.chars().next().is_some_and(is_cjk_letter);
        let mut out: HashMap<u32, TermMatch> = HashMap::new();
        for ShardEntry(t, idf, postings, _) in &shard[start..] {
            let exact = t == &term.text;
            // A CJK character's term stands for every bigram it starts; the bigrams
            // in its shard that start with it are there by chance of the hash.
            if !(exact || term.prefix && !cjk && t.starts_with(&term.text)) {
                break;
            }
            let mult = if exact || cjk { 2 } else { 1 };
            decode_postings(postings, |doc, weight, positions, truncated| {
                let m = out.entry(doc).or_default();
                m.contribution = m.contribution.max(mult * idf * weight);
                m.truncated |= truncated;
                if m.positions.is_empty() {
                    m.positions = positions;
                } else {
                    m.positions.extend(positions);
                    m.positions.sort_unstable();
                    m.positions.dedup();
                }
            })
            .with_context(|| format!("damaged posting list for {t:?} in the search index"))?;
        }
        Ok(out)
    }
}

/// Decodes a posting list, calling `f(doc, weight, positions, truncated)` per document.
fn decode_postings(s: &str, mut f: impl FnMut(u32, u64, Vec<u32>, bool)) -> Option<()> {
    let mut r = VlqReader::new(s);
    let mut doc: u64 = 0;
    while !r.done() {
        doc += r.next_value()?;
        let weight = r.next_value()?;
        let npos = r.next_value()?;
        let mut positions = Vec::with_capacity((npos / 2) as usize);
        let mut p: u64 = 0;
        for _ in 0..npos / 2 {
            p += r.next_value()?;
            positions.push(u32::try_from(p).ok()?);
        }
        f(u32::try_from(doc).ok()?, weight, positions, npos & 1 == 1);
    }
    Some(())
}

/// Whether some x has every term i at `x + offsets[i]`; a term whose positions were
/// truncated counts as present everywhere.
fn aligned(terms: &[&TermMatch], offsets: &[u32]) -> bool {
    let Some(anchor) = terms.iter().position(|t| !t.truncated) else { return true };
    terms[anchor].positions.iter().any(|&y| {
        let Some(x) = y.checked_sub(offsets[anchor]) else { return false };
        terms
            .iter()
            .zip(offsets)
            .all(|(t, &o)| t.truncated || t.positions.binary_search(&(x + o)).is_ok())
    })
}

/// Keeps the ranked documents that have, for every facet named in `selected`, one
/// of the selected values (names that are not facets are ignored).
pub fn apply_filters(
    ranked: &[Ranked],
    facets: &FacetTable,
    selected: &[(String, Vec<String>)],
) -> Vec<Ranked> {
    let allowed = allowed_sets(facets, selected, None);
    ranked.iter().copied().filter(|r| allowed.iter().all(|set| set.contains(&r.doc))).collect()
}

/// For each facet and value, how many ranked documents have it among those that pass
/// the selections of the *other* facets (so a selected value still shows its
/// siblings' counts). Values with a zero count are kept; order is the index's.
pub fn facet_counts(
    ranked: &[Ranked],
    facets: &FacetTable,
    selected: &[(String, Vec<String>)],
) -> Vec<(String, Vec<(String, usize)>)> {
    facets
        .iter()
        .map(|(name, values)| {
            let allowed = allowed_sets(facets, selected, Some(name));
            let docs: std::collections::HashSet<u32> = ranked
                .iter()
                .filter(|r| allowed.iter().all(|set| set.contains(&r.doc)))
                .map(|r| r.doc)
                .collect();
            let counts = values
                .iter()
                .map(|(v, ids)| (v.clone(), ids.iter().filter(|d| docs.contains(d)).count()))
                .collect();
            (name.clone(), counts)
        })
        .collect()
}

fn allowed_sets(
    facets: &FacetTable,
    selected: &[(String, Vec<String>)],
    except: Option<&str>,
) -> Vec<std::collections::HashSet<u32>> {
    // A name that is not a facet (say a stray `utm_source` URL parameter) filters nothing.
    selected
        .iter()
        .filter(|(name, values)| {
            !values.is_empty()
                && Some(name.as_str()) != except
                && facets.iter().any(|(n, _)| n == name)
        })
        .map(|(name, values)| {
            facets
                .iter()
                .filter(|(n, _)| n == name)
                .flat_map(|(_, vals)| vals.iter())
                .filter(|(v, _)| values.contains(v))
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect()
        })
        .collect()
}

/// `qiao search`: the best `limit` results for `query` from `output_dir/search/`.
pub fn query_dir(output_dir: &Path, query: &str, limit: usize) -> Result<Vec<super::Hit>> {
    let dir = output_dir.join(urls::SEARCH_INDEX.trim_end_matches('/'));
    if !dir.join(MANIFEST).is_file() {
        bail!("no search index in {}: build the site first", dir.display());
    }
    hits(&Index::open(DirSource(dir))?, query, limit)
}

/// The best `limit` results of an opened index as [`super::Hit`]s.
pub fn hits<S: IndexSource>(
    index: &Index<S>,
    query: &str,
    limit: usize,
) -> Result<Vec<super::Hit>> {
    index
        .rank(query)?
        .into_iter()
        .take(limit)
        .map(|r| {
            let f = index.fragment(r.doc)?;
            Ok(super::Hit { url: f.url, title: f.title, score: r.score as f64 / SCORE_SCALE })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        let p = plan("数控机床 data");
        let texts: Vec<_> = p.terms.iter().map(|t| (t.text.as_str(), t.pos, t.prefix)).collect();
        assert_eq!(
            texts,
            [("数控", 0, false), ("控机", 1, false), ("机床", 2, false), ("data", 4, true)]
        );
        assert_eq!(p.groups, [(0, 3)]);
        let p = plan("12号");
        let texts: Vec<_> = p.terms.iter().map(|t| (t.text.as_str(), t.pos, t.prefix)).collect();
        assert_eq!(texts, [("12", 0, false), ("号", 1, true)]);
        assert!(p.groups.is_empty());
        assert!(plan("，。!").terms.is_empty());
    }

    /// A lone CJK character reads its character term alone: the bigrams that share
    /// its shard (all of them in a one-shard index) change nothing, and a character
    /// inside a run or at its end is found as well as one that starts it.
    #[test]
    fn a_lone_character_reads_its_own_term() {
        use crate::search::{IndexOptions, SearchDoc, assemble_with, tokenize_doc};
        let doc = |url: &str, title: &str| SearchDoc {
            url: url.into(),
            title: title.into(),
            kind: "cases".into(),
            ..SearchDoc::default()
        };
        let docs = [
            doc("/a/", "数控机床"),
            doc("/b/", "数字经济"),
            doc("/c/", "算数"),
            doc("/d/", "机床 lathe"),
            doc("/e/", "lathe"),
        ];
        let terms: Vec<_> = docs.iter().map(tokenize_doc).collect();
        let mut answers = Vec::new();
        for target_shard_bytes in [1, 1 << 20] {
            let files = assemble_with(
                &terms,
                IndexOptions { target_shard_bytes, fragment_docs: 1, ..IndexOptions::default() },
            );
            let index = Index::open(MemSource(&files)).unwrap();
            let urls = |q: &str| {
                let mut u: Vec<String> =
                    hits(&index, q, 10).unwrap().into_iter().map(|h| h.url).collect();
                u.sort();
                u
            };
            assert_eq!(urls("数"), ["/a/", "/b/", "/c/"]);
            assert_eq!(urls("控"), ["/a/"]);
            assert_eq!(urls("床"), ["/a/", "/d/"]);
            assert_eq!(urls("床 lathe"), ["/d/"]);
            assert_eq!(urls("数控"), ["/a/"]);
            answers.push(hits(&index, "数", 10).unwrap());
        }
        assert_eq!(answers[0], answers[1], "one shard or many, the same ranking");
    }
}
