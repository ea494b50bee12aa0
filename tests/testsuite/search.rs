//! Search index tests that hold the Rust side to the shared vectors in
//! `tests/search_vectors/` (the JavaScript side is held to the same files by
//! `tests/js/search.test.js`), plus properties of the built index: deterministic,
//! sharded small, independent of input order, cacheable per document.
//!
//! `QIAO_BLESS=1 cargo test --test testsuite search::` rewrites the committed fixture index
//! (`tests/search_vectors/fixture_index/`) after an intended format change; the
//! expected rankings are never rewritten automatically.

use std::collections::BTreeMap;
use std::path::PathBuf;

use qiao::output::OutputFile;
use qiao::search::query::{Index, MemSource, apply_filters, facet_counts, plan};
use qiao::search::{
    IndexOptions, IndexStats, SearchDoc, assemble, assemble_with, build_index, query_dir, tokenize,
    tokenize_doc,
};
use serde_json::Value;

use crate::support::{self, repo};

fn vectors_dir() -> PathBuf {
    repo().join("tests/search_vectors")
}

fn load(name: &str) -> Value {
    let path = vectors_dir().join(name);
    serde_json::from_slice(&std::fs::read(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect()
}

fn doc_from_json(v: &Value) -> SearchDoc {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
    SearchDoc {
        url: s("url"),
        title: s("title"),
        kind: s("kind"),
        summary: s("summary"),
        body: s("body"),
        labels: strings(&v["labels"]),
        facets: v["facets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
            .collect(),
        date: s("date"),
        lang: s("lang"),
    }
}

fn fixture_docs() -> Vec<SearchDoc> {
    load("ranking.json")["docs"].as_array().unwrap().iter().map(doc_from_json).collect()
}

/// The fixture index: small shards and fragment files, so the few documents still
/// spread over many files and the browser's shard hashing is exercised.
fn fixture_files() -> Vec<OutputFile> {
    let docs: Vec<_> = fixture_docs().iter().map(tokenize_doc).collect();
    assemble_with(
        &docs,
        IndexOptions { target_shard_bytes: 256, fragment_docs: 2, heads_min_df: 2 },
    )
}

fn selected_filters(q: &Value) -> Vec<(String, Vec<String>)> {
    match q.get("filters").and_then(Value::as_object) {
        Some(f) => f.iter().map(|(k, v)| (k.clone(), strings(v))).collect(),
        None => Vec::new(),
    }
}

#[test]
fn tokenizer_matches_the_shared_vectors() {
    let v = load("tokenize.json");
    for case in v["tokenize"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        assert_eq!(tokenize(text), strings(&case["tokens"]), "{}: {text:?}", case["note"]);
    }
    for case in v["plan"].as_array().unwrap() {
        let query = case["query"].as_str().unwrap();
        let p = plan(query);
        let terms: Vec<Value> =
            p.terms.iter().map(|t| serde_json::json!([t.text, t.pos, t.prefix])).collect();
        let groups: Vec<Value> = p.groups.iter().map(|g| serde_json::json!([g.0, g.1])).collect();
        assert_eq!(Value::from(terms), case["terms"], "plan of {query:?}");
        assert_eq!(Value::from(groups), case["groups"], "groups of {query:?}");
    }
}

#[test]
fn committed_fixture_index_is_a_fresh_build() {
    let files = fixture_files();
    let dir = vectors_dir().join("fixture_index");
    if std::env::var_os("QIAO_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for f in &files {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.bytes).unwrap();
        }
    }
    let mut committed = BTreeMap::new();
    for rel in support::files(&dir.join("search")) {
        let bytes = std::fs::read(dir.join("search").join(&rel)).unwrap();
        committed.insert(format!("search/{rel}"), bytes);
    }
    let fresh: BTreeMap<String, Vec<u8>> = files.into_iter().map(|f| (f.path, f.bytes)).collect();
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "file list differs; run QIAO_BLESS=1 cargo test --test testsuite search:: if the change is intended"
    );
    for (path, bytes) in &fresh {
        assert!(
            committed[path] == *bytes,
            "{path} differs from a fresh build; run QIAO_BLESS=1 cargo test --test testsuite search:: if intended"
        );
    }
}

#[test]
fn ranking_matches_the_shared_vectors() {
    for files in [fixture_files(), build_index(&fixture_docs())] {
        ranking_matches_on(&files);
    }
}

fn ranking_matches_on(files: &[OutputFile]) {
    let index = Index::open(MemSource(files)).unwrap();
    let facets = index.facets().unwrap();
    for q in load("ranking.json")["queries"].as_array().unwrap() {
        let query = q["query"].as_str().unwrap();
        let selected = selected_filters(q);
        let ranked = index.rank(query).unwrap();
        let filtered = apply_filters(&ranked, &facets, &selected);
        let urls: Vec<String> =
            filtered.iter().map(|r| index.fragment(r.doc).unwrap().url).collect();
        assert_eq!(urls, strings(&q["expect"]), "{query:?} ({})", q["note"]);
        if let Some(expected) = q.get("counts").and_then(Value::as_object) {
            for (name, values) in facet_counts(&ranked, &facets, &selected) {
                let nonzero: serde_json::Map<String, Value> = values
                    .into_iter()
                    .filter(|(_, c)| *c > 0)
                    .map(|(v, c)| (v, c.into()))
                    .collect();
                assert_eq!(Value::from(nonzero), expected[&name], "counts of {name} for {query:?}");
            }
        }
    }
}

#[test]
fn query_dir_reads_a_built_output_folder() {
    let dir = vectors_dir().join("fixture_index");
    let hits = query_dir(&dir, "数控机床", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].url, "/alliance/cases/cnc-order-class/");
    assert_eq!(hits[0].title, "数控机床订单班");
    assert!(hits[0].score > 0.0);
    assert_eq!(query_dir(&dir, "数控", 2).unwrap().len(), 2);

    let empty = tempfile::tempdir().unwrap();
    let err = query_dir(empty.path(), "数控", 10).unwrap_err().to_string();
    assert!(err.contains("build the site first"), "{err}");
}

#[test]
fn a_damaged_index_file_is_an_error_naming_it() {
    // The fixture's files are gzip; the same JSON stored plain, or cut short, is not an
    // index file `qiao search` accepts.
    let src = vectors_dir().join("fixture_index");
    let tmp = tempfile::tempdir().unwrap();
    for rel in support::files(&src.join("search")) {
        let to = tmp.path().join("search").join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join("search").join(&rel), to).unwrap();
    }
    assert_eq!(query_dir(tmp.path(), "数控机床", 10).unwrap().len(), 1);
    for rel in support::files(&tmp.path().join("search")) {
        if rel.starts_with("t/") {
            let path = tmp.path().join("search").join(&rel);
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() - 6]).unwrap();
        }
    }
    let err = format!("{:#}", query_dir(tmp.path(), "数控机床", 10).unwrap_err());
    assert!(err.contains("search/t/") && err.contains(".jz is damaged"), "{err}");
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let docs = fixture_docs();
    let a = build_index(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(a, build_index(&docs));
    assert_eq!(a, build_index(&reversed));
}

#[test]
fn per_document_tokens_can_be_cached() {
    let docs = fixture_docs();
    let mut cached: Vec<_> = docs.iter().map(tokenize_doc).collect();
    assert_eq!(assemble(&cached), build_index(&docs));
    // Editing one document re-tokenizes only that one.
    let mut edited = docs.clone();
    edited[3].title = "关于支持锂电池产业发展的意见".into();
    cached[3] = tokenize_doc(&edited[3]);
    let files = assemble(&cached);
    assert_eq!(files, build_index(&edited));
    let index = Index::open(MemSource(&files)).unwrap();
    let top = index.rank("锂电池").unwrap()[0];
    assert_eq!(index.fragment(top.doc).unwrap().url, "/alliance/policies/gan-fu-fa-2024-120/");
}

/// A deterministic synthetic site: `n` documents mixing Chinese and English.
fn synthetic(n: usize) -> Vec<SearchDoc> {
    const ZH: [&str; 8] = [
        "校企双方共建联合研发中心",
        "围绕区域主导产业开展技术攻关",
        "推动科技成果转化落地",
        "企业提供实习岗位和项目经费",
        "开展订单式人才培养",
        "解决企业生产中的关键技术难题",
        "数控加工与模具制造",
        "新能源汽车动力电池检测",
    ];
    const EN: [&str; 4] = [
        "the university and the enterprise jointly built a research centre",
        "students joined real production projects during their internship",
        "the joint laboratory solved a key process problem for the plant",
        "machine vision inspection for lithium battery production",
    ];
    let mut seed: u64 = 7;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    (0..n)
        .map(|i| {
            let kind = ["members", "cases", "policies", "demands", "roadshows"][i % 5];
            let zh = i % 10 < 7;
            let body: Vec<&str> =
                (0..20).map(|_| if zh { ZH[next(ZH.len())] } else { EN[next(EN.len())] }).collect();
            SearchDoc {
                url: format!("/{kind}/d{i:05}/"),
                title: if zh {
                    format!("{}案例{i}", ZH[next(ZH.len())])
                } else {
                    format!("Case {i}: {}", EN[next(4)])
                },
                kind: kind.into(),
                summary: body[0].to_owned(),
                body: body.join(if zh { "，" } else { ". " }),
                labels: vec![format!("赣教发〔{}〕{}号", 2020 + i % 6, i % 60)],
                facets: vec![("regions".into(), ["九江", "南昌", "赣州"][i % 3].into())],
                date: format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                lang: if zh { "zh" } else { "en" }.into(),
            }
        })
        .collect()
}

#[test]
fn a_larger_site_stays_sharded_small_and_searchable() {
    let docs = synthetic(2000);
    let files = build_index(&docs);
    let stats = IndexStats::measure(&files, |_| 0);
    assert!(stats.manifest.raw_total < 200, "{stats:?}");
    assert!(stats.shards.files > 1, "{stats:?}");
    // A query downloads a shard or two, not the index.
    assert!(stats.shards.raw_max * 8 < stats.shards.raw_total, "{stats:?}");
    assert!(files.iter().all(|f: &OutputFile| f.path.starts_with("search/")));

    let index = Index::open(MemSource(&files)).unwrap();
    let hits = qiao::search::query::hits(&index, "赣教发〔2021〕13号", 5).unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        let doc = docs.iter().find(|d| d.url == h.url).unwrap();
        assert_eq!(doc.labels[0], "赣教发〔2021〕13号", "{h:?}");
    }
    let hits = qiao::search::query::hits(&index, "lithium batt", 3).unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits[0].title.contains("lithium battery"), "{hits:?}");
}

#[test]
fn an_empty_site_has_a_working_empty_index() {
    let files = build_index(&[]);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["search/manifest.json", "search/filters.jz", "search/t/0.jz"]);
    let index = Index::open(MemSource(&files)).unwrap();
    assert!(index.rank("数控").unwrap().is_empty());
    assert!(index.rank("").unwrap().is_empty());
}
