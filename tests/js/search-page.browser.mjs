// Browser test of the search page (/search/) in headless Chromium, under a strict CSP.
// Why a separate file, not run by `node --test tests/js/`: it needs a built site and
// Chromium (through playwright-core from tests/browser/node_modules), so the harness
// that builds a site runs it:
//
//   QIAO_SEARCH_SITE=public [QIAO_SEARCH_BASE=/] [QIAO_SEARCH_QUERY=数控] \
//     node --test tests/js/search-page.browser.mjs
//
// QIAO_SEARCH_QUERY must match more than one document of the site. With
// QIAO_SEARCH_ORIGIN=http://127.0.0.1:PORT the pages come from a server that already
// serves QIAO_SEARCH_SITE (tests/browser/nginx.test.mjs: nginx with the documented
// configuration) instead of this file's own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "browser", "package.json"));
const { chromium } = require("playwright-core");

const site = process.env.QIAO_SEARCH_SITE;
const basePath = process.env.QIAO_SEARCH_BASE || "/";
const query = process.env.QIAO_SEARCH_QUERY || "数控";
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };

let server;
let browser;
let origin;

before(async () => {
  assert.ok(site && fs.existsSync(path.join(site, "search", "manifest.json")), "set QIAO_SEARCH_SITE to a built site");
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  if (process.env.QIAO_SEARCH_ORIGIN) {
    origin = process.env.QIAO_SEARCH_ORIGIN;
    return;
  }
  server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(basePath)) return res.writeHead(404).end();
    rel = rel.slice(basePath.length);
    let file = path.join(site, rel);
    if (!file.startsWith(path.resolve(site))) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Content-Security-Policy": CSP });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

async function openPage(search) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.goto(`${origin}${basePath}search/${search}`);
  return { page, problems };
}

const results = (page) => page.locator("a[data-search-result]");

test("?q= runs on load, results are links in rank order with highlighted text", async () => {
  const { page, problems } = await openPage(`?q=${encodeURIComponent(query)}`);
  await results(page).first().waitFor();
  assert.equal(await page.inputValue("#qs-input"), query);
  const n = await results(page).count();
  assert.ok(n > 0 && n <= 10, `first page of results: ${n}`);
  assert.ok((await page.locator("#qs-results mark").count()) > 0, "matches are highlighted");
  const status = await page.textContent("#qs-status");
  assert.match(status, /\d/, "the status line announces the count");
  assert.equal(await page.getAttribute("#qs-status", "aria-live"), "polite");
  for (const href of await results(page).evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
    assert.ok(href.startsWith(basePath), href);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("filters load when opened, narrow the results, are kept in the URL, and the back button restores", async () => {
  const { page, problems } = await openPage(`?q=${encodeURIComponent(query)}`);
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await results(page).first().waitFor();
  const boxes = page.locator("#qs-facets input[type=checkbox]");
  // The filters start folded, and their lists are not fetched until they are opened.
  const summary = page.locator("#qs-filters > summary");
  await summary.waitFor();
  await page.waitForFunction(() => !document.getElementById("qiao-search").hasAttribute("aria-busy"));
  assert.equal(await page.locator("#qs-filters").evaluate((d) => d.open), false, "the filters start folded");
  assert.equal(await boxes.count(), 0);
  assert.ok(!fetched.some((p) => p.endsWith("/filters.jz")), `fetched: ${fetched.join(" ")}`);
  await summary.click();
  await boxes.first().waitFor();
  assert.equal(fetched.filter((p) => p.endsWith("/filters.jz")).length, 1);
  const before = await page.textContent("#qs-status");
  assert.ok((await boxes.count()) > 0, "facets are shown");
  const counts = await page.locator("#qs-facets .qs-count").allTextContents();
  assert.ok(counts.every((c) => /^\d+$/.test(c)), `counts: ${counts}`);
  const box = boxes.last();
  const name = await box.getAttribute("name");
  const value = await box.getAttribute("value");
  await box.check();
  await page.waitForURL((u) => u.searchParams.getAll(name).includes(value));
  await page.waitForFunction((b) => document.querySelector("#qs-status").textContent !== b, before);
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has(name));
  await page.waitForFunction((b) => document.querySelector("#qs-status").textContent === b, before);
  assert.equal(await page.locator("#qs-facets input:checked").count(), 0);
  // Fetched once, for the whole visit.
  assert.equal(fetched.filter((p) => p.endsWith("/filters.jz")).length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("typing searches and keeps the URL, arrow keys move between results", async () => {
  const { page, problems } = await openPage("");
  await page.waitForFunction(() => document.querySelector("#qs-status").textContent.length > 0);
  await page.fill("#qs-input", query);
  await results(page).first().waitFor();
  await page.waitForURL((u) => u.searchParams.get("q") === query);
  await page.focus("#qs-input");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-search-result")), true);
  if ((await results(page).count()) > 1) {
    await page.keyboard.press("ArrowDown");
    const second = await results(page).nth(1).getAttribute("href");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), second);
    await page.keyboard.press("ArrowUp");
  }
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "qs-input");
  assert.deepEqual(problems, []);
  await page.close();
});

test("content is inserted as text, never as markup", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.exposeFunction("qiaoPwned", () => problems.push("markup from the index was executed"));
  // Serve every fragment with a hostile title and body.
  // Fragments are gzip on disk (f/<n>.jz); they go back as plain JSON, as a host that
  // decodes them would send them, which the page reads too.
  await page.route("**/search/f/*.jz*", async (route) => {
    const res = await route.fetch();
    const list = JSON.parse(zlib.gunzipSync(await res.body()).toString("utf8"));
    for (const f of list) {
      f.t = `<img src=x onerror="qiaoPwned()">${f.t}`;
      f.b = `<script>qiaoPwned()</script> ${f.b}`;
    }
    await route.fulfill({ response: res, json: list });
  });
  await page.goto(`${origin}${basePath}search/?q=${encodeURIComponent(query)}`);
  await results(page).first().waitFor();
  assert.equal(await page.locator("#qs-results img, #qs-results script").count(), 0);
  assert.match(await results(page).first().textContent(), /<img src=x/);
  await page.waitForTimeout(200);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a result whose head came with a term shard shows before its fragment arrives", async () => {
  // A two-character term of the built index that carries heads (format 4); searched
  // alone, its first head is its first result.
  const shards = path.join(site, "search", "t");
  let found = null;
  for (const name of fs.readdirSync(shards).sort((a, b) => parseInt(a) - parseInt(b))) {
    const entries = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(shards, name))).toString("utf8"));
    found = entries.find((e) => e[3] && /^\p{Script=Han}{2}$/u.test(e[0]));
    if (found) break;
  }
  assert.ok(found, "some term of the site carries heads");
  const [term, , , heads] = found;
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  // Hold every fragment until the first result is there.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/search/f/*.jz*", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${origin}${basePath}search/?q=${encodeURIComponent(term)}`);
  await results(page).first().waitFor();
  assert.equal(await results(page).first().getAttribute("href"), heads[0][1]);
  assert.equal(await results(page).first().textContent(), heads[0][2]);
  assert.ok((await page.locator("#qs-results mark").count()) > 0, "the title is highlighted");
  assert.equal(await page.locator("#qs-results .qs-meta").count(), 0, "no fragment has arrived");
  release();
  // Each result gets its kind, date and snippet when its fragment arrives.
  await page.waitForFunction(() => {
    const items = document.querySelectorAll("#qs-results li");
    return items.length > 0 && [...items].every((li) => li.querySelector(".qs-meta"));
  });
  assert.equal(await results(page).first().getAttribute("href"), heads[0][1]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("more results load on request", async () => {
  const { page, problems } = await openPage(`?q=${encodeURIComponent(query)}`);
  await results(page).first().waitFor();
  const more = page.locator("#qs-more");
  if (await more.isVisible()) {
    const n = await results(page).count();
    await more.click();
    await page.waitForFunction((k) => document.querySelectorAll("a[data-search-result]").length > k, n);
    const focused = await page.evaluate(() => document.activeElement.hasAttribute("data-search-result"));
    assert.ok(focused, "focus moves to the first new result");
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("without DecompressionStream the page loads js/search-inflate.js and still finds", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    delete window.DecompressionStream;
  });
  await page.goto(`${origin}${basePath}search/?q=${encodeURIComponent(query)}`);
  await results(page).first().waitFor();
  assert.ok((await results(page).count()) > 1);
  assert.ok(requested.includes(`${basePath}js/search-inflate.js`), requested.join(" "));
  assert.deepEqual(problems, []);
  await page.close();
});

test("a query without results says so", async () => {
  const { page, problems } = await openPage("?q=zzqxjvw");
  await page.waitForFunction(() => /zzqxjvw/.test(document.querySelector("#qs-status").textContent));
  assert.equal(await results(page).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
