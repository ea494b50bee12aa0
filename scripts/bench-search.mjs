#!/usr/bin/env node
// Measures qiao's offline search against Pagefind on one built site: bytes a cold
// browser downloads to answer a query, time to the first result, the share of the
// build spent on the index, and relevance on 40 queries made from the corpus.
//
//   (cd scripts/bench && npm ci)   # once: playwright-core and pagefind, pinned
//   node scripts/bench-search.mjs --out OUT [--corpus SITE/content] [--root SITE]
//        [--bin target/release/qiao] [--runs 20] [--seed 1] [--gzip 1]
//
// SITE is usually a corpus from `python3 scripts/gen_corpus.py SITE --docs 10000`
// (docs/benchmarks.md); the relevance queries are drawn from the titles of the files
// directly in each content folder, whose URL is /<folder>/<file name>/.
//
// OUT is a qiao output folder. With --root, qiao builds SITE into OUT first (3 times,
// `-v` timings, median) and Pagefind is (re)run over OUT; without it OUT must already
// hold OUT/pagefind/ (`scripts/bench/node_modules/.bin/pagefind --site OUT`). The
// script writes OUT/pf-test/index.html (a minimal Pagefind page: search, then the
// first 10 results' data, as its default UI does), serves OUT on 127.0.0.1 as a plain
// static host does (files as they are on disk, no compression; with --gzip 1, gzip
// for text and index files when the client accepts it, identically for both tools)
// and drives the system Chromium through playwright-core from
// scripts/bench/node_modules (its own package.json, with the Pagefind it runs).
// Nothing but 127.0.0.1 is contacted; the server and browser stop at the end.
//
// Time to the first result is measured in the page, the same way for both tools:
// performance.now() (relative to performance.timeOrigin, the navigation's start)
// when a MutationObserver first sees a [data-search-result]. Each load is a fresh
// browser context (empty cache) whose tab first shows an empty page of the same
// origin, like a visitor arriving from another page of the site, so a new renderer
// process is not part of the figure (QIAO_BENCH_FROM=new-tab to include it). The
// driver touches the page only after the result is in (see FIRST_RESULT_SCRIPT), and
// the HTTP server runs in a thread of its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const require = createRequire(path.join(here, 'bench/package.json'));
const { chromium } = require('playwright-core');

// ---------- arguments ----------
const args = { bin: path.join(repo, 'target/release/qiao'), runs: 20, seed: 1, gzip: 0 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  args[k] = process.argv[i + 1];
}
if (!args.out) {
  console.error('usage: node scripts/bench-search.mjs --out OUT [--corpus SITE/content] [--root SITE] [--runs 10] [--seed 1]');
  process.exit(2);
}
const OUT = path.resolve(args.out);
const RUNS = Number(args.runs);
const GZIP = args.gzip === '1' || args.gzip === 'true';
const PAGEFIND = path.join(here, 'bench/node_modules/.bin/pagefind');
const CORPUS = path.resolve(args.corpus || (args.root ? path.join(args.root, 'content') : ''));
// An English word, a two-character Chinese word, a four-character Chinese name (a
// member's, found in 40 files of the seed-11 corpus) and two mixed Chinese–English
// queries of three terms; a query without results shows as "(0 hits)" / "no
// results" in the tables.
const BROWSER_QUERIES = ['battery', '数控', '澜江东升', '智能制造 joint lab', '实训 joint lab'];
const loadStart = os.loadavg();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const kb = (n) => (n / 1024).toFixed(1);

// ---------- 3. build (optional) ----------
let buildReport = null;
if (args.root) {
  const timings = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(args.bin, ['build', '--root', args.root, '--output-dir', OUT, '--today', '2026-06-01', '-v'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('qiao build failed:\n' + r.stderr + r.stdout);
    const line = (r.stderr + r.stdout).split('\n').find((l) => l.startsWith('timing:'));
    const ms = (name) => Number(new RegExp(name + ' (\\d+) ms').exec(line)[1]);
    timings.push({ text: ms('search text'), index: ms('search index'), total: ms('total'), line });
  }
  const t0 = Date.now();
  const pf = spawnSync(PAGEFIND, ['--site', OUT], { encoding: 'utf8' });
  if (pf.status !== 0) throw new Error('pagefind failed:\n' + pf.stderr + pf.stdout);
  const pagefindMs = Date.now() - t0;
  const pages = /Indexed (\d+) pages/.exec(pf.stdout + pf.stderr);
  buildReport = { timings, pagefindMs, pagefindPages: pages ? pages[1] : '?' };
}
if (!fs.existsSync(path.join(OUT, 'pagefind/pagefind.js'))) {
  console.error(`${OUT}/pagefind/ missing: run ${PAGEFIND} --site ${OUT} (or pass --root)`);
  process.exit(2);
}

// ---------- Pagefind test page ----------
fs.mkdirSync(path.join(OUT, 'pf-test'), { recursive: true });
fs.writeFileSync(
  path.join(OUT, 'pf-test/index.html'),
  `<!doctype html><meta charset="utf-8"><title>pagefind test</title><ol id="r"></ol>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js');
// Top-10 urls and titles for a query, as Pagefind's default UI loads them.
window.pfSearch = async (q) => {
  const s = await pagefind.search(q);
  const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, title: d.meta && d.meta.title }));
};
const q = new URLSearchParams(location.search).get('q');
if (q) {
  const hits = await window.pfSearch(q);
  const ol = document.getElementById('r');
  for (const h of hits) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = h.url; a.textContent = h.title; a.setAttribute('data-search-result', '');
    li.append(a); ol.append(li);
  }
  if (!hits.length) document.body.setAttribute('data-no-results', '');
}
window.pfReady = true;
</script>`,
);

// ---------- static server with gzip ----------
// In a worker thread of its own, so the browser driver's work in this thread (CDP
// events for every request) never delays a response; `/__blank` is an empty page of
// the site's origin (see coldLoad).
const serverCode = `
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const zlib = require('node:zlib');
const { workerData, parentPort } = require('node:worker_threads');
const OUT = workerData.out;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.wasm': 'application/wasm' };
const COMPRESSIBLE = /\\.(html|js|mjs|json|css|svg|xml)$|\\.pf_|\\.pagefind$/;
const gzCache = new Map();
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p === '/__bare') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end('<!doctype html><html lang="zh"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>bare</title><link rel="icon" href="data:,"><h1>搜索 search</h1><p>A bare page: one heading, one line of text, nothing to fetch.</p>');
  if (p === '/__blank') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
  let file = path.join(OUT, p);
  if (!file.startsWith(OUT)) return res.writeHead(403).end();
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  } catch {}
  let body;
  try {
    body = fs.readFileSync(file);
  } catch {
    return res.writeHead(404).end('not found');
  }
  const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
  if (workerData.gzip && /\\bgzip\\b/.test(req.headers['accept-encoding'] || '') && COMPRESSIBLE.test(file)) {
    let gz = gzCache.get(file);
    if (!gz) gzCache.set(file, (gz = zlib.gzipSync(body, { level: 9 })));
    // Pagefind's .pf_* files are gzip already: sending them raw is what a server would do.
    if (gz.length < body.length) {
      body = gz;
      headers['content-encoding'] = 'gzip';
    }
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers).end(body);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;
const serverThread = new Worker(serverCode, { eval: true, workerData: { out: OUT, gzip: GZIP } });
const port = await new Promise((resolve, reject) => {
  serverThread.once('message', resolve);
  serverThread.once('error', reject);
});
const BASE = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// Records, in the page, performance.now() (ms since performance.timeOrigin, the start
// of the navigation) when the first [data-search-result] is attached, and marks the
// search as done when results appear or the page says there are none (qiao:
// #qiao-search drops aria-busy; test page: data-no-results on body). "Done" is
// reported through a console message, so the driver does not evaluate anything in the
// page (Playwright's waitForFunction injects and runs its own script on the page's
// main thread, which delayed the very thing being measured by 15-60 ms).
const FIRST_RESULT_SCRIPT = `(() => {
  let sawBusy = false;
  const seen = () => {
    if (!window.__firstResult && document.querySelector('[data-search-result]')) window.__firstResult = performance.now();
    const root = document.getElementById('qiao-search');
    if (root && root.hasAttribute('aria-busy')) sawBusy = true;
    if (!window.__done && (window.__firstResult || (sawBusy && root && !root.hasAttribute('aria-busy')) || (document.body && document.body.hasAttribute('data-no-results')))) {
      window.__done = true;
      console.log('__bench_done');
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true });
  // First contentful paint, for the bare page (done when painted) and beside each
  // tool's first result.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== 'first-contentful-paint') continue;
      window.__fcp = e.startTime;
      if (location.pathname === '/__bare' && !window.__done) {
        window.__done = true;
        console.log('__bench_done');
      }
    }
  }).observe({ type: 'paint', buffered: true });
})();`;

const searchUrl = (tool, q) => (tool === 'bare' ? `${BASE}/__bare` : `${BASE}/${tool === 'qiao' ? 'search' : 'pf-test'}/?q=${encodeURIComponent(q)}`);

// One cold load (fresh context, empty cache): time to first result and, with
// `bytes`, the bytes of every request. The fresh tab first opens an empty page of the
// same origin, as a visitor who comes from another page of the site (its header
// search box) does, so the figure is the search page's own time, not the start of a
// renderer process for a new tab (about 20-40 ms here, the same for both tools);
// QIAO_BENCH_FROM=new-tab measures from a new tab instead. Only the load that counts
// bytes listens to requests: asking the browser for each request's sizes while the
// page loads costs the browser time the timed loads should not pay.
async function coldLoad(tool, q, bytes = false) {
  const ctx = await browser.newContext();
  await ctx.addInitScript(FIRST_RESULT_SCRIPT);
  const page = await ctx.newPage();
  if (process.env.QIAO_BENCH_FROM !== 'new-tab') await page.goto(`${BASE}/__blank`);
  const reqs = [];
  if (process.env.BENCH_DEBUG) {
    page.on('console', (m) => console.error('console', m.text()));
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    page.on('response', (r) => console.error('response', r.status(), r.url()));
  }
  if (bytes) {
    page.on('requestfinished', async (r) => {
      reqs.push(r.sizes().then((s) => ({ url: r.url(), body: s.responseBodySize, headers: s.responseHeadersSize })));
    });
  }
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === '__bench_done', timeout: 15000 });
  await page.goto(searchUrl(tool, q), { waitUntil: 'commit' });
  await done;
  const ms = await page.evaluate(() => window.__firstResult ?? null);
  // The first paint may come after the first result is in the DOM: wait for it.
  const fcp = await page.waitForFunction(() => window.__fcp, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => null);
  if (bytes) await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(reqs);
  await ctx.close();
  return { ms, fcp, sizes };
}

// What a host that compresses would send for a response: gzip (level 6, a server's
// usual) of the file on disk when that is smaller, else the file.
function hostGzipSize(url, raw) {
  const p = decodeURIComponent(new URL(url).pathname);
  let file = path.join(OUT, p);
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const body = fs.readFileSync(file);
    if (!/\.(html|js|mjs|json|css|svg|xml)$|\.pf_|\.pagefind$/.test(file)) return body.length;
    return Math.min(body.length, zlib.gzipSync(body, { level: 6 }).length);
  } catch {
    return raw;
  }
}

// Search-only bytes: the index files and search code, not the page shell and theme.
const isSearchFile = (tool, u) => (tool === 'qiao' ? /\/search\/(manifest|filters|search\.js|t\/|f\/)|\/js\/search(-core)?\.js/.test(u) : /\/pagefind\//.test(u));

// ---------- 1. bytes, 2. time ----------
const bytesRows = [];
const timeRows = [];
for (const q of BROWSER_QUERIES) {
  const row = { q };
  const trow = { q };
  const tools = ['qiao', 'pagefind'];
  // The bytes, from one load that also warms the server's gzip cache and the OS page
  // cache; then the timed loads, the two tools taking turns so that a slower spell of
  // a shared machine falls on both.
  const firsts = {};
  for (const tool of tools) firsts[tool] = await coldLoad(tool, q, true);
  const timesOf = { qiao: [], pagefind: [], bare: [] };
  const paintsOf = { qiao: [], pagefind: [], bare: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const tool of [...tools, 'bare']) {
      const r = await coldLoad(tool, q);
      if (r.ms !== null && tool !== 'bare') timesOf[tool].push(r.ms);
      if (r.fcp !== null) paintsOf[tool].push(r.fcp);
    }
  }
  const stat = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null);
  trow.bare = stat(paintsOf.bare);
  for (const tool of tools) {
    const first = firsts[tool];
    const times = timesOf[tool];
    const all = first.sizes.reduce((a, s) => a + s.body, 0);
    const searchSizes = first.sizes.filter((s) => isSearchFile(tool, s.url));
    const search = searchSizes.reduce((a, s) => a + s.body, 0);
    const searchGz = searchSizes.reduce((a, s) => a + hostGzipSize(s.url, s.body), 0);
    const hdr = first.sizes.reduce((a, s) => a + s.headers, 0);
    row[tool] = { all, search, searchGz, hdr, n: first.sizes.length, urls: first.sizes.map((s) => `${s.body}\t${s.url.replace(BASE, '')}`) };
    trow[tool] = stat(times);
    trow[tool + 'Paint'] = stat(paintsOf[tool]);
    row[tool].noResults = first.ms === null;
  }
  bytesRows.push(row);
  timeRows.push(trow);
}

// ---------- 4. relevance ----------
let relevance = null;
if (args.corpus || args.root) {
  // Corpus titles by URL (/section/stem/), from the first `title =` of each front matter.
  const docs = [];
  for (const section of fs.readdirSync(CORPUS)) {
    const dir = path.join(CORPUS, section);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.md') || f.startsWith('_')) continue;
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const fm = /^\+\+\+\n([\s\S]*?)\n\+\+\+/.exec(text);
      const m = fm && /^title\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(fm[1]);
      if (m) docs.push({ url: `/${section}/${f.slice(0, -3)}/`, title: JSON.parse(`"${m[1]}"`) });
    }
  }
  docs.sort((a, b) => (a.url < b.url ? -1 : 1));
  const titleOf = new Map(docs.map((d) => [d.url, d.title]));

  // mulberry32: a small seeded generator, so the 40 queries are the same on every run.
  let seed = Number(args.seed) >>> 0;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const CJK = /[\u3400-\u9fff]/;
  const cjkDocs = docs.filter((d) => /^[\u3400-\u9fff]{5,}/.test(d.title));
  const enDocs = docs.filter((d) => /^[\x20-\x7e]+$/.test(d.title) && /[A-Za-z]{4}/.test(d.title));
  const STOP = new Set(['for', 'the', 'and', 'in', 'to', 'of']);
  const enWords = (t) => (t.match(/[A-Za-z]+/g) || []).filter((w) => w.length >= 3 && !STOP.has(w.toLowerCase()));

  const queries = [];
  for (let i = 0; i < 10; i++) {
    const d = pick(docs);
    queries.push({ cat: 'exact title', q: d.title, url: d.url, need: 1, term: d.title.toLowerCase() });
  }
  for (let i = 0; i < 10; i++) {
    const d = pick(cjkDocs);
    const run = /^[\u3400-\u9fff]+/.exec(d.title)[0];
    const len = 2 + Math.floor(rand() * 3);
    const maxLen = Math.min(len, run.length - 2);
    const start = 1 + Math.floor(rand() * (run.length - 1 - maxLen));
    const q = run.slice(start, start + maxLen);
    queries.push({ cat: 'CJK 2-4 mid-title', q, url: d.url, need: 5, term: q });
  }
  for (let i = 0; i < 10; i++) {
    const d = pick(enDocs);
    const w = pick(enWords(d.title));
    const q = [...w].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
    queries.push({ cat: 'EN word, random case', q, url: d.url, need: 5, term: w.toLowerCase() });
  }
  for (let i = 0; i < 10; i++) {
    let d, ws;
    do {
      d = pick(enDocs);
      ws = enWords(d.title).filter((w) => w.length >= 6);
    } while (!ws.length);
    const w = pick(ws);
    const q = w.slice(0, 4 + Math.floor(rand() * 2)).toLowerCase();
    queries.push({ cat: 'EN prefix 4-5', q, url: d.url, need: 5, term: q, prefix: true });
  }

  // Does a title contain the query term (a word starting with it, for prefixes)?
  const titleMatches = (qq, title) => {
    if (!title) return false;
    const t = title.toLowerCase();
    if (qq.prefix) return new RegExp(`(^|[^a-z])${qq.term}`).test(t);
    return t.includes(qq.term);
  };
  const normUrl = (u) => {
    u = u.replace(BASE, '').replace(/index\.html$/, '');
    return u.endsWith('/') ? u : u + '/';
  };

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${BASE}/pf-test/`);
  await page.waitForFunction(() => window.pfReady);
  for (const qq of queries) {
    const r = spawnSync(args.bin, ['search', '--index', OUT, '--limit', '10', '--json', qq.q], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`qiao search ${qq.q}: ${r.stderr}`);
    qq.qiao = JSON.parse(r.stdout).map((h) => normUrl(h.url));
    qq.pagefind = (await page.evaluate((q) => window.pfSearch(q), qq.q)).map((h) => normUrl(h.url));
    qq.titlesWithTerm = docs.filter((d) => titleMatches(qq, d.title)).length;
    for (const tool of ['qiao', 'pagefind']) {
      const rank = qq[tool].indexOf(qq.url);
      qq[tool + 'Rank'] = rank < 0 ? null : rank + 1;
      qq[tool + 'Hit'] = rank >= 0 && rank < qq.need;
      // Share of the top 5 whose title holds the term: the useful measure when
      // hundreds of titles hold it and the one doc we picked is a lottery.
      const top = qq[tool].slice(0, 5);
      qq[tool + 'P5'] = top.length ? top.filter((u) => titleMatches(qq, titleOf.get(u))).length / 5 : 0;
    }
  }
  await ctx.close();
  relevance = queries;
}

await browser.close();
await serverThread.terminate();
const loadEnd = os.loadavg();

// ---------- report ----------
// Pads to a display width (CJK characters take two columns).
const width = (s) => [...String(s)].reduce((a, c) => a + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));
const lpad = (s, n) => String(s).padStart(n);
console.log(`\nqiao search vs Pagefind — ${OUT}`);
console.log(`load average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadEnd.map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);

console.log(`\n1. Bytes downloaded, cold cache, ${GZIP ? 'host gzips text and JSON' : 'plain host (no compression)'} (response bodies as transferred; KiB)`);
console.log(`${pad('query', 26)}${lpad('qiao all', 10)}${lpad('qiao srch', 11)}${lpad('reqs', 6)}${lpad('pf all', 10)}${lpad('pf srch', 10)}${lpad('reqs', 6)}${lpad('srch q/pf', 11)}${lpad('gz q/pf', 9)}`);
for (const r of bytesRows) {
  console.log(`${pad(r.q + (r.qiao.noResults ? ' (0 hits)' : ''), 26)}${lpad(kb(r.qiao.all), 10)}${lpad(kb(r.qiao.search), 11)}${lpad(r.qiao.n, 6)}${lpad(kb(r.pagefind.all), 10)}${lpad(kb(r.pagefind.search), 10)}${lpad(r.pagefind.n, 6)}${lpad((r.qiao.search / r.pagefind.search).toFixed(2), 11)}${lpad((r.qiao.searchGz / r.pagefind.searchGz).toFixed(2), 9)}`);
}
console.log(`  (qiao all = search page + css + theme js + index; "srch" = index files + search js only; Pagefind's page is a bare test page, so its "all" ≈ "srch".`);
console.log(`   srch q/pf = qiao's search bytes over Pagefind's, as served here (goal ≤ 0.25); gz q/pf = the same if the host gzipped text files: ${bytesRows.map((r) => `${kb(r.qiao.searchGz)}/${kb(r.pagefind.searchGz)}`).join(', ')} KiB.)`);

console.log(`\n2. Navigation → first result in the DOM, headless Chromium, cold cache, localhost, ${process.env.QIAO_BENCH_FROM === 'new-tab' ? 'from a new tab' : 'from a page of the same origin'} (ms, median of ${RUNS} [min–max])`);
console.log(`${pad('query', 22)}${lpad('qiao', 18)}${lpad('pagefind', 18)}${lpad('q/pf', 6)}${lpad('qiao paint', 12)}${lpad('pf paint', 10)}${lpad('bare paint', 18)}`);
for (const r of timeRows) {
  const f = (t) => !t ? 'no results' : `${t.median.toFixed(0)} [${t.min.toFixed(0)}–${t.max.toFixed(0)}]`;
  const m = (t) => (t ? t.median.toFixed(0) : '-');
  const ratio = r.qiao && r.pagefind ? (r.qiao.median / r.pagefind.median).toFixed(2) : '-';
  console.log(`${pad(r.q, 22)}${lpad(f(r.qiao), 18)}${lpad(f(r.pagefind), 18)}${lpad(ratio, 6)}${lpad(m(r.qiaoPaint), 12)}${lpad(m(r.pagefindPaint), 10)}${lpad(f(r.bare), 18)}`);
}
console.log(`  (q/pf: goal ≤ 0.5. Paint = first contentful paint of the same loads; bare = a page of one heading and one line, no requests, loaded in turn with the others: the browser's own share.)`);

if (buildReport) {
  const t = buildReport.timings;
  const share = t.map((x) => (x.text + x.index) / x.total);
  console.log(`\n3. Index build time (qiao build -v, 3 runs)`);
  for (const x of t) console.log(`  ${x.line}`);
  console.log(`  search text + search index = ${median(t.map((x) => x.text + x.index))} ms of ${median(t.map((x) => x.total))} ms total → ${(100 * median(share)).toFixed(1)}% (median)`);
  console.log(`  Pagefind over the same output: ${(buildReport.pagefindMs / 1000).toFixed(1)} s (${buildReport.pagefindPages} pages)`);
}
const du = (dir) => {
  let n = 0, files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else { n += fs.statSync(path.join(d, e.name)).size; files++; }
    }
  };
  walk(dir);
  return `${(n / 1048576).toFixed(1)} MiB in ${files} files`;
};
console.log(`  index on disk: qiao search/ ${du(path.join(OUT, 'search'))}; pagefind/ ${du(path.join(OUT, 'pagefind'))}`);

if (relevance) {
  console.log(`\n4. Relevance, 40 seeded queries (seed ${args.seed}); hit = doc first (exact title) or in top 5`);
  console.log(`   P@5 = share of the top 5 whose title holds the term (word prefix for prefixes)`);
  console.log(`${pad('category', 24)}${lpad('qiao hit', 10)}${lpad('pf hit', 8)}${lpad('qiao P@5', 10)}${lpad('pf P@5', 8)}`);
  for (const cat of [...new Set(relevance.map((q) => q.cat))]) {
    const qs = relevance.filter((q) => q.cat === cat);
    const hits = (t) => `${qs.filter((q) => q[t + 'Hit']).length}/${qs.length}`;
    const p5 = (t) => (qs.reduce((a, q) => a + q[t + 'P5'], 0) / qs.length).toFixed(2);
    const exact = cat === 'exact title';
    console.log(`${pad(cat, 24)}${lpad(hits('qiao'), 10)}${lpad(hits('pagefind'), 8)}${lpad(exact ? '-' : p5('qiao'), 10)}${lpad(exact ? '-' : p5('pagefind'), 8)}`);
  }
  const tot = (t) => relevance.filter((q) => q[t + 'Hit']).length;
  console.log(`${pad('total', 24)}${lpad(tot('qiao') + '/40', 10)}${lpad(tot('pagefind') + '/40', 8)}`);
  console.log(`\n   per query: category | query | target | #titles holding term | qiao rank | pagefind rank | qiao P@5 | pf P@5`);
  for (const q of relevance) {
    console.log(`   ${pad(q.cat, 21)}| ${pad(JSON.stringify(q.q), 58)}| ${pad(q.url, 17)}| ${lpad(q.titlesWithTerm, 5)} | ${lpad(q.qiaoRank ?? '-', 2)} | ${lpad(q.pagefindRank ?? '-', 2)} | ${q.qiaoP5.toFixed(1)} | ${q.pagefindP5.toFixed(1)}`);
  }
}
if (process.env.BENCH_VERBOSE) {
  for (const r of bytesRows) for (const t of ['qiao', 'pagefind']) console.log(`\n${t} ${r.q}:\n  ${r[t].urls.join('\n  ')}`);
}
