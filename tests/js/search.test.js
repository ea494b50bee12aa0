// Holds the browser's search core (themes/default/static/js/search-core.js) to the shared
// vectors in tests/search_vectors/, which tests/testsuite/search.rs holds the Rust side to: same
// tokens, same query plans, same ranked results on the committed fixture index (a build
// by the Rust side, checked against a fresh build there). The fixture's files are read
// as they are on disk, compressed, through the core's own `unpack` (the browser's
// DecompressionStream, in node too), as the Rust side reads the same files with
// flate2. Run: node --test tests/js/
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const core = require("../../themes/default/static/js/search-core.js");

const vectors = path.join(__dirname, "..", "search_vectors");
const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
const tokenizeVectors = readJson(path.join(vectors, "tokenize.json"));
const ranking = readJson(path.join(vectors, "ranking.json"));
const indexDir = path.join(vectors, "fixture_index", "search");

function openFixture() {
  const loaded = [];
  const index = new core.Index((name) => {
    loaded.push(name);
    return core.unpack(fs.readFileSync(path.join(indexDir, name)));
  });
  return { index, loaded };
}

test("tokenizer matches the shared vectors", () => {
  for (const c of tokenizeVectors.tokenize) {
    assert.deepEqual(core.tokenize(c.text), c.tokens, `${c.note}: ${JSON.stringify(c.text)}`);
  }
});

test("query plans match the shared vectors", () => {
  for (const c of tokenizeVectors.plan) {
    const p = core.plan(c.query);
    assert.deepEqual(
      p.terms.map((t) => [t.text, t.pos, t.prefix]),
      c.terms,
      `plan of ${JSON.stringify(c.query)}`
    );
    assert.deepEqual(p.groups, c.groups, `groups of ${JSON.stringify(c.query)}`);
  }
});

test("shard hashing matches the Rust side", () => {
  // Values computed by src/search/codec.rs (fnv1a over code points).
  assert.equal(core.fnv1a(""), 0x811c9dc5);
  assert.equal(core.fnv1a("a"), 0xe40c292c);
  assert.equal(core.shardKey("manufacturing"), "ma");
  // CJK terms (bigrams and character terms) are sharded whole (format 3).
  assert.equal(core.shardKey("数控"), "数控");
  assert.equal(core.shardKey("数"), "数");
  assert.equal(core.shardKey("𠀀𠀁"), "𠀀𠀁");
  assert.deepEqual(core.decodeDocList("DB"), [1, 2, 3]);
  assert.deepEqual(core.decodeDocList("CAA"), [1, 2, 3]);
});

test("ranking matches the shared vectors on the fixture index", async () => {
  const { index } = openFixture();
  const facets = await index.facets();
  for (const q of ranking.queries) {
    const ranked = await index.rank(q.query);
    const filtered = core.applyFilters(ranked, facets, q.filters || {});
    const urls = [];
    for (const r of filtered) urls.push((await index.fragment(r.doc)).u);
    assert.deepEqual(urls, q.expect, `${JSON.stringify(q.query)} (${q.note})`);
    if (q.counts) {
      for (const f of core.facetCounts(ranked, facets, q.filters || {})) {
        const nonzero = {};
        for (const v of f.values) if (v.count > 0) nonzero[v.value] = v.count;
        assert.deepEqual(nonzero, q.counts[f.name], `counts of ${f.name} for ${JSON.stringify(q.query)}`);
      }
    }
  }
});

test("a query loads the manifest and only its own shards", async () => {
  const { index, loaded } = openFixture();
  await index.rank("数控机床");
  const shards = new Set(loaded.filter((n) => n.startsWith("t/")));
  const manifest = readJson(path.join(indexDir, "manifest.json"));
  assert.ok(manifest.shards > 1, "the fixture is built with several shards");
  const own = new Set(
    core.plan("数控机床").terms.map((t) => `t/${core.fnv1a(core.shardKey(t.text)) % manifest.shards}.jz`)
  );
  assert.equal(loaded[0], "manifest.json");
  assert.deepEqual(shards, own);
  assert.ok(!loaded.includes("filters.jz"));
  assert.ok(!loaded.some((n) => n.startsWith("f/")));
});

test("a term shard's heads are its best documents' fragments, in rank order", async () => {
  // Format 4: terms in enough documents (2 in the fixture) carry [doc, u, t] of
  // their best documents, so the page shows a result before its fragment arrives.
  const names = fs.readdirSync(path.join(indexDir, "t"));
  let withHeads = 0;
  for (const name of names) {
    for (const e of await core.unpack(fs.readFileSync(path.join(indexDir, "t", name)))) {
      if (!e[3]) continue;
      withHeads++;
      assert.ok(e[3].length >= 1 && e[3].length <= 10, `${e[0]}: ${e[3].length} heads`);
      const { index } = openFixture();
      for (const h of e[3]) {
        const f = await index.fragment(h[0]);
        assert.deepEqual(h.slice(1), [f.u, f.t], `head of doc ${h[0]} under ${e[0]}`);
      }
      // Alone, the term ranks its heads first, in their order.
      const ranked = await index.rank(e[0]);
      const exact = ranked.filter((r) => e[3].some((h) => h[0] === r.doc));
      assert.ok(ranked.length >= e[3].length, e[0]);
      if (!core.plan(e[0]).terms[0].prefix) {
        assert.deepEqual(ranked.slice(0, e[3].length).map((r) => r.doc), e[3].map((h) => h[0]), `best of ${e[0]}`);
      } else {
        assert.equal(exact.length, e[3].length, e[0]);
      }
    }
  }
  assert.ok(withHeads > 10, `${withHeads} terms with heads`);
  // After ranking, the reader has the heads of the query's terms.
  const { index } = openFixture();
  const ranked = await index.rank("数控");
  const head = index.head(ranked[0].doc);
  const f = await index.fragment(ranked[0].doc);
  assert.deepEqual(head, { u: f.u, t: f.t });
});

test("index files are stored compressed and read back as JSON", async () => {
  const zlib = require("node:zlib");
  const names = fs.readdirSync(indexDir, { recursive: true }).filter((n) => n.endsWith(".jz"));
  assert.ok(names.some((n) => n.startsWith("t/")) && names.some((n) => n.startsWith("f/")));
  assert.ok(names.includes("filters.jz"));
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(indexDir, name));
    assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], `${name} is gzip`);
    const json = await core.unpack(bytes);
    assert.deepEqual(json, JSON.parse(zlib.gunzipSync(bytes).toString("utf8")), name);
    // A host that sends the file with Content-Encoding: gzip hands the page plain JSON.
    assert.deepEqual(await core.unpack(zlib.gunzipSync(bytes)), json, `${name}, decoded by the host`);
  }
  // ArrayBuffers (what fetch gives) as well as bytes.
  const m = fs.readFileSync(path.join(indexDir, "manifest.json"));
  assert.equal((await core.unpack(m.buffer.slice(m.byteOffset, m.byteOffset + m.length))).version, 4);
  // A cut or damaged file is an error, not a result.
  const shard = fs.readFileSync(path.join(indexDir, "t/0.jz"));
  await assert.rejects(core.unpack(shard.subarray(0, shard.length - 9)));
  await assert.rejects(core.unpack(Buffer.from("not json")));
});

test("without DecompressionStream, search-inflate.js reads the same files", async () => {
  const zlib = require("node:zlib");
  const inflate = require("../../themes/default/static/js/search-inflate.js");
  const names = fs.readdirSync(indexDir, { recursive: true }).filter((n) => n.endsWith(".jz"));
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(indexDir, name));
    assert.ok(Buffer.from(inflate.gunzip(bytes)).equals(zlib.gunzipSync(bytes)), name);
  }
  // Stored, fixed and dynamic blocks, and a header with a name.
  const text = Buffer.from("数控机床 joint lab 校企合作 ".repeat(3000) + "end");
  for (const level of [0, 1, 9]) {
    assert.ok(Buffer.from(inflate.gunzip(zlib.gzipSync(text, { level }))).equals(text), `level ${level}`);
  }
  assert.ok(Buffer.from(inflate.gunzip(zlib.gzipSync(Buffer.from("a")))).equals(Buffer.from("a")));
  const shard = fs.readFileSync(path.join(indexDir, "t/0.jz"));
  assert.throws(() => inflate.gunzip(shard.subarray(0, shard.length - 9)));
  assert.throws(() => inflate.gunzip(Buffer.from("not gzip at all, not at all")));

  // The core falls back to it: the ranking vectors hold with it alone.
  const saved = Object.getOwnPropertyDescriptor(globalThis, "DecompressionStream");
  delete globalThis.DecompressionStream;
  try {
    assert.equal(typeof DecompressionStream, "undefined");
    await assert.rejects(core.unpack(shard), /no gzip decompression/);
    globalThis.QiaoInflate = inflate;
    const { index } = openFixture();
    for (const q of ranking.queries.filter((q) => !q.filters)) {
      const urls = [];
      for (const r of await index.rank(q.query)) urls.push((await index.fragment(r.doc)).u);
      assert.deepEqual(urls, q.expect, JSON.stringify(q.query));
    }
  } finally {
    delete globalThis.QiaoInflate;
    Object.defineProperty(globalThis, "DecompressionStream", saved);
  }
});

test("highlight ranges cover words, prefixes, bigrams and lone characters", () => {
  const text = "校企合作推动数控机床产业，Data-driven databases";
  assert.deepEqual(core.matchRanges(text, core.plan("数控机床 data")), [
    [6, 10],
    [13, 17],
    [25, 34],
  ]);
  assert.deepEqual(core.matchRanges("Café CAFÉ cafe", core.plan("cafe ")), [
    [0, 4],
    [5, 9],
    [10, 14],
  ]);
  assert.deepEqual(core.matchRanges("模具与规模", core.plan("模")), [
    [0, 1],
    [4, 5],
  ]);
  assert.deepEqual(core.matchRanges("ＣＮＣ车床", core.plan("cnc")), [[0, 3]]);
  // A CJK query of 3+ characters is highlighted where it occurs whole, not bigram by bigram.
  assert.deepEqual(core.matchRanges("合作背景，校企双方，校企合作成果", core.plan("校企合作")), [[10, 14]]);
  assert.deepEqual(core.matchRanges("nothing here", core.plan("xyz")), []);
});

test("snippets cut a window around the matches", () => {
  const long = "前言。".repeat(40) + "本项目开展数控机床改造。" + "后记。".repeat(40);
  const s = core.snippet(long, core.plan("数控机床"), 40);
  assert.ok(s.before && s.after);
  assert.ok(s.text.length <= 41);
  assert.equal(s.ranges.length, 1);
  const [a, b] = s.ranges[0];
  assert.equal(s.text.slice(a, b), "数控机床");
  const short = core.snippet("数控", core.plan("数控"), 40);
  assert.deepEqual(short, { text: "数控", ranges: [[0, 2]], before: false, after: false });
});
