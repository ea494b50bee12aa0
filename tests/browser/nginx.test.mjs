// The example site on Debian's nginx, configured with exactly docs/deploy/nginx.conf
// (only `listen`, `server_name` and `root` replaced): the documented headers
// (docs/security.md's Content-Security-Policy, cache headers), the precompressed
// answers (.br and .gz written by `qiao build --precompress`, byte for byte), the
// redirect pages of aliases followed by Chromium, the 404 page, and the search
// page's browser test (tests/js/search-page.browser.mjs) run against nginx.
//
// nginx runs as whoever runs the test: its own prefix, pid, logs and temp folders in
// a temporary folder, one process (`master_process off`), on 127.0.0.1 at a free
// port, under `timeout` so that it stops by itself even if this test dies.
//
// Run: cargo build && cd tests/browser && npm ci && node --test nginx.test.mjs
// Needs /usr/sbin/nginx and the brotli_static module (apt-get install nginx
// libnginx-mod-http-brotli-static; scripts/test.sh installs them). The binary is
// QIAO_BIN, else target/debug/qiao.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { freePort } from './site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = process.env.QIAO_BIN || path.join(repo, 'target', 'debug', 'qiao');
const nginxBin = process.env.NGINX || '/usr/sbin/nginx';
const brotliModule = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

let tmp;
let site;
let nginx;
let origin;
let browser;

/** docs/deploy/nginx.conf with `listen`, `server_name` and `root` made local. */
function documentedConfig(port, root) {
  let conf = fs.readFileSync(path.join(repo, 'docs', 'deploy', 'nginx.conf'), 'utf8');
  const swaps = [
    [/^    listen 80;$/m, `    listen 127.0.0.1:${port};`],
    [/^    listen \[::\]:80;$/m, ''],
    [/^    server_name alliance\.example\.org;$/m, '    server_name 127.0.0.1;'],
    [/^    root \/srv\/alliance\/public;$/m, `    root ${root};`],
  ];
  for (const [pattern, by] of swaps) {
    assert.match(conf, pattern, `docs/deploy/nginx.conf has ${pattern}`);
    conf = conf.replace(pattern, by);
  }
  return conf;
}

/** GET `path` with `headers`: status, headers and the body's bytes. */
function get(urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(origin + urlPath, { headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

before(async () => {
  assert.ok(fs.existsSync(nginxBin), `install nginx (${nginxBin}): apt-get install nginx`);
  assert.ok(fs.existsSync(brotliModule), `install ${brotliModule}: apt-get install libnginx-mod-http-brotli-static`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-nginx-'));
  site = path.join(tmp, 'public');
  const built = spawnSync(bin, ['build', '--root', repo, '--today', '2026-11-24', '--precompress', '--output-dir', site], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  for (const dir of ['logs', 'temp']) fs.mkdirSync(path.join(tmp, dir));
  const port = await freePort();
  fs.writeFileSync(path.join(tmp, 'site.conf'), documentedConfig(port, site));
  const t = (name) => path.join(tmp, 'temp', name);
  fs.writeFileSync(
    path.join(tmp, 'nginx.conf'),
    `load_module ${brotliModule};
daemon off;
master_process off;
pid ${path.join(tmp, 'nginx.pid')};
error_log ${path.join(tmp, 'logs', 'error.log')} warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${path.join(tmp, 'logs', 'access.log')};
    client_body_temp_path ${t('body')};
    proxy_temp_path ${t('proxy')};
    fastcgi_temp_path ${t('fastcgi')};
    uwsgi_temp_path ${t('uwsgi')};
    scgi_temp_path ${t('scgi')};
    include ${path.join(tmp, 'site.conf')};
}
`,
  );
  const args = ['-p', tmp, '-e', path.join(tmp, 'logs', 'error.log'), '-c', path.join(tmp, 'nginx.conf')];
  const check = spawnSync(nginxBin, ['-t', ...args], { encoding: 'utf8' });
  assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
  // `timeout` ends nginx after ten minutes whatever happens to this process.
  nginx = spawn('timeout', ['600', nginxBin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  nginx.stderr.on('data', (d) => (log += d));
  origin = `http://127.0.0.1:${port}`;
  const start = Date.now();
  for (;;) {
    const up = await get('/').then(() => true, () => false);
    if (up) break;
    assert.equal(nginx.exitCode, null, `nginx exited: ${log}`);
    assert.ok(Date.now() - start < 20000, `nginx did not answer: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx.once('exit', r));
    nginx.kill('SIGTERM');
    await exited;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The Content-Security-Policy docs/security.md documents. */
function documentedPolicy() {
  const doc = fs.readFileSync(path.join(repo, 'docs', 'security.md'), 'utf8');
  const line = doc.split('\n').find((l) => l.startsWith('Content-Security-Policy: '));
  assert.ok(line, 'docs/security.md shows the header');
  return line.slice('Content-Security-Policy: '.length);
}

test('pages carry the documented headers; versioned index files are cached for a year', async () => {
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(home.headers['content-security-policy'], documentedPolicy());
  assert.equal(home.headers['x-content-type-options'], 'nosniff');
  assert.equal(home.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.equal(home.headers['cache-control'], 'no-cache');
  assert.ok(home.headers['last-modified'], 'pages revalidate with Last-Modified');
  const shard = fs.readdirSync(path.join(site, 'search', 't')).find((f) => f.endsWith('.jz'));
  const versioned = await get(`/search/t/${shard}?v=0123abcd`);
  assert.equal(versioned.status, 200);
  assert.equal(versioned.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get('/search/manifest.json')).headers['cache-control'], 'no-cache');
  const calendar = await get('/roadshows/calendar.ics');
  assert.equal(calendar.headers['content-type'], 'text/calendar; charset=utf-8');
  assert.equal((await get('/_redirects')).status, 404, '/_redirects is not served');
});

test('precompressed files are sent as written: brotli, else gzip, else plain', async () => {
  for (const file of ['index.html', 'css/style.css', 'search/search.js', 'sitemap.xml', 'roadshows/calendar.ics']) {
    const plain = fs.readFileSync(path.join(site, file));
    const url = `/${file.replace(/index\.html$/, '')}`;
    const br = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br', file);
    assert.deepEqual(br.body, fs.readFileSync(path.join(site, `${file}.br`)), `${file}.br`);
    assert.match(br.headers.vary || '', /Accept-Encoding/i, file);
    const gz = await get(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', file);
    assert.deepEqual(gz.body, fs.readFileSync(path.join(site, `${file}.gz`)), `${file}.gz`);
    const none = await get(url);
    assert.equal(none.headers['content-encoding'], undefined, file);
    assert.deepEqual(none.body, plain, file);
  }
});

test('an old address of a moved page opens the page, and unknown ones the 404 page', async () => {
  const redirects = fs.readFileSync(path.join(site, '_redirects'), 'utf8').trim().split('\n');
  assert.ok(redirects.length >= 2, redirects.join('\n'));
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  for (const line of redirects) {
    const [from, to, code] = line.split(' ');
    assert.equal(code, '301');
    const answer = await get(encodeURI(from));
    assert.equal(answer.status, 200, from);
    assert.match(answer.body.toString(), new RegExp(`<meta http-equiv="refresh" content="0; url=${to}">`), from);
    await page.goto(origin + encodeURI(from));
    await page.waitForURL(origin + encodeURI(to));
    assert.equal(await page.locator('h1').count() > 0, true, `${from} -> ${to} shows the page`);
  }
  assert.deepEqual(problems, [], 'the redirect pages and their targets run under the policy without errors');
  await page.close();
  const missing = await get('/no/such/page/');
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, fs.readFileSync(path.join(site, '404.html')));
  const missingEn = await get('/en/no/such/page/');
  assert.equal(missingEn.status, 404);
  assert.deepEqual(missingEn.body, fs.readFileSync(path.join(site, 'en/404.html')), "the English tree's own 404 page");
  const moved = await get('/join/how');
  assert.equal(moved.status, 301, 'a folder without its slash is redirected to it');
  assert.match(moved.headers.location, /\/join\/how\/$/);
});

test("the search page's browser test passes against nginx", () => {
  // A fresh test run of its own (not a child of this one), reporting as TAP.
  const env = { ...process.env, QIAO_SEARCH_SITE: site, QIAO_SEARCH_ORIGIN: origin };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path.join(repo, 'tests', 'js', 'search-page.browser.mjs')], {
    env,
    encoding: 'utf8',
    timeout: 300000,
  });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const passed = /^# pass (\d+)$/m.exec(run.stdout);
  assert.ok(passed && Number(passed[1]) >= 4, run.stdout);
});
