// Built sites for the browser tests: build the example site or a generated corpus
// with qiao, serve a folder on 127.0.0.1, list its pages, pick a sample across kinds.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const bin = process.env.QIAO_BIN || path.join(repo, 'target', 'release', 'qiao');
export const TODAY = '2026-06-01';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.xml': 'application/xml',
};

export function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
}

/** Builds the example site (the repository) into `out`. */
export function buildExample(out) {
  assert.ok(fs.existsSync(bin), `build qiao first (${bin})`);
  run(bin, ['build', '--root', repo, '--output-dir', out, '--today', TODAY]);
}

/** Generates a corpus of `docs` documents in `dir` and builds it into `out`. */
export function buildCorpus(dir, out, docs, seed) {
  assert.ok(fs.existsSync(bin), `build qiao first (${bin})`);
  run('python3', [path.join(repo, 'scripts', 'gen_corpus.py'), dir, '--docs', String(docs), '--seed', String(seed), '--today', TODAY]);
  run(bin, ['build', '--root', dir, '--output-dir', out, '--today', TODAY]);
}

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. Unknown paths get 404.html. */
export function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(400).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(dir, '404.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
    }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() }),
    ),
  );
}

/** Every page of a built site, as URL paths (`cases/x/`; the home page is ''). */
export function pages(dir) {
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
  const redirects = path.join(dir, '_redirects');
  const moved = new Set(
    fs.existsSync(redirects)
      ? fs.readFileSync(redirects, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0].slice(1))
      : [],
  );
  return out
    .map((p) => (p ? `${p}/` : ''))
    .filter((p) => !moved.has(p))
    .sort();
}

/**
 * `n` pages spread over the kinds of page (grouped by their first path segment and
 * depth: a listing, its pages 2, 3…, its items, a taxonomy, its terms), taking from
 * every group in turn, always with the home page and 404.html.
 */
export function sample(paths, n) {
  const groups = new Map();
  for (const p of paths) {
    const parts = p.split('/').filter(Boolean);
    const key = `${parts[0] || ''}/${parts.length}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  const picked = ['', '404.html'];
  const queues = [...groups.values()];
  for (let i = 0; picked.length < n && queues.some((q) => q.length > i); i += 1) {
    for (const q of queues) {
      // Spread over each group: first, last, then the middle ones.
      const order = [0, q.length - 1, ...Array.from({ length: q.length }, (_, k) => k)];
      const pick = q[order[i]];
      if (pick !== undefined && !picked.includes(pick) && picked.length < n) picked.push(pick);
    }
  }
  return picked;
}

/** A port on 127.0.0.1 that nothing listens on now, for a server a test starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
