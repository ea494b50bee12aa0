// Every page fits a phone: no page of the example site, or of a generated corpus
// sample, is wider than a 360 px viewport, in the light and the dark scheme
// (`document.documentElement.scrollWidth` must not exceed the viewport's width).
// A drawing or a table may scroll inside its own box; the page itself never does.
//
// Run: cargo build --release && cd tests/browser && npm ci && node --test phone-width.test.mjs
// The binary is QIAO_BIN, else target/release/qiao. Pages are served by a small
// static server on 127.0.0.1 (a free port) that stops with the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = process.env.QIAO_BIN || path.join(repo, 'target', 'release', 'qiao');
const WIDTH = 360;
const TODAY = '2026-06-01';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
};

let tmp;
let browser;
const servers = [];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
}

/** Serves `dir` on 127.0.0.1 at a free port; resolves to its base URL. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(400).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/`)));
}

/** Every page of a built site, as URL paths (`cases/x/`). */
function pages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'index.html') out.push(path.relative(dir, path.dirname(p)).split(path.sep).join('/'));
    }
  };
  walk(dir);
  // The redirect pages of aliases (listed in /_redirects) leave at once: their
  // targets are among the pages.
  const moved = new Set(
    fs.readFileSync(path.join(dir, '_redirects'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0].slice(1)),
  );
  return out.map((p) => (p ? `${p}/` : '')).filter((p) => !moved.has(p)).sort();
}

/** Loads every page at WIDTH in `scheme`; returns the ones wider than the viewport. */
async function tooWide(base, paths, scheme) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const wide = [];
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: 'load' });
    const { scroll, client, culprit } = await page.evaluate(() => {
      const root = document.documentElement;
      const limit = root.clientWidth;
      // The outermost element that sticks out, to say what to fix.
      let culprit = '';
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > limit + 0.5 && getComputedStyle(el).position !== 'fixed') {
          let inScroller = false;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const o = getComputedStyle(a).overflowX;
            if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') inScroller = true;
          }
          if (!inScroller) {
            culprit = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${Math.round(r.right)} px)`;
            break;
          }
        }
      }
      return { scroll: root.scrollWidth, client: limit, culprit };
    });
    if (scroll > client) wide.push(`${p} (${scheme}): ${scroll} px wide; ${culprit}`);
  }
  await context.close();
  return wide;
}

before(async () => {
  assert.ok(fs.existsSync(bin), `build qiao first (${bin})`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-phone-width-'));
  run(bin, ['build', '--root', repo, '--output-dir', path.join(tmp, 'example'), '--today', TODAY]);
  run('python3', [path.join(repo, 'scripts', 'gen_corpus.py'), path.join(tmp, 'corpus'), '--docs', '120', '--seed', '5', '--today', TODAY]);
  run(bin, ['build', '--root', path.join(tmp, 'corpus'), '--output-dir', path.join(tmp, 'corpus-out'), '--today', TODAY]);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) s.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

for (const [name, dir] of [['the example site', 'example'], ['a generated corpus', 'corpus-out']]) {
  test(`every page of ${name} fits ${WIDTH} px, light and dark`, async () => {
    const out = path.join(tmp, dir);
    const base = await serve(out);
    const paths = pages(out);
    assert.ok(paths.length > 50, `${paths.length} pages`);
    const wide = [...(await tooWide(base, paths, 'light')), ...(await tooWide(base, paths, 'dark'))];
    assert.deepEqual(wide, [], `${wide.length} of ${paths.length * 2} page loads are wider than ${WIDTH} px:\n${wide.join('\n')}`);
  });
}
