// `qiao serve` in a real browser: the system's headless Chromium, driven with
// playwright-core (no browser download). An editor keeps a page open, saves an
// edit, breaks the file, fixes it: the page must follow every step by itself.
//
// Run: cargo build && cd tests/browser && npm ci && node --test serve.test.mjs
// The binary is QIAO_BIN, else target/debug/qiao. A screenshot of the error
// overlay is written to QIAO_SCREENSHOT_DIR (default: the system's temp folder).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { freePort } from './site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = process.env.QIAO_BIN || path.join(repo, 'target', 'debug', 'qiao');
const shots = process.env.QIAO_SCREENSHOT_DIR || os.tmpdir();

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const member = (title, type) =>
  `+++\ntitle = "${title}"\ndate = 2025-01-10\ntype = "${type}"\n+++\n\n${title} is a member of the alliance.\n`;
const caseFile = (title, partners) =>
  `+++\ntitle = "${title}"\ndate = 2025-06-01\npartners = [${partners.map((p) => `"${p}"`).join(', ')}]\nmodes = ["joint-lab"]\n+++\n\nThe lab trains 40 students a year.\n`;

let root;
let server;
let serverLog = '';
let baseUrl;
let browser;

before(async () => {
  assert.ok(fs.existsSync(bin), `build qiao first (${bin})`);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-serve-browser-'));
  write(path.join(root, 'site.toml'), 'title = "Test Alliance"\nbase_url = "https://alliance.example.org/"\nlanguage = "en"\n');
  write(path.join(root, 'content/members/north-univ.md'), member('North University', 'university'));
  write(path.join(root, 'content/members/river-works.md'), member('River Works', 'enterprise'));
  write(path.join(root, 'content/cases/joint-lab.md'), caseFile('Joint vision lab', ['north-univ', 'river-works']));

  const port = await freePort();
  server = spawn(bin, ['serve', '--root', root, '--port', String(port)], {
    env: { ...process.env, QIAO_TODAY: '2026-01-15' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`qiao serve did not start:\n${serverLog}`)), 60_000);
    server.stderr.on('data', (chunk) => {
      serverLog += chunk;
      const m = /serving (http:\/\/\S+)/.exec(serverLog);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`qiao serve exited (${code}):\n${serverLog}`)));
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('a page follows edits, shows errors in an overlay, and recovers', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    // The overlay logs the site's errors on purpose; anything else is a problem.
    if (m.type() === 'error' && !/: error\[E\d{4}\]: /.test(m.text())) problems.push(m.text());
  });
  await page.goto(new URL('cases/joint-lab/', baseUrl).href);
  await page.getByText('Joint vision lab').first().waitFor();
  await page.waitForFunction(() => document.querySelector('script[src$="__qiao/livereload.js"]'));
  // Give the event stream a moment to connect.
  await page.waitForTimeout(300);

  const file = path.join(root, 'content/cases/joint-lab.md');
  // An edit: the open page reloads with the new text.
  write(file, caseFile('Joint machine vision lab', ['north-univ', 'river-works']));
  await page.getByText('Joint machine vision lab').first().waitFor({ timeout: 15_000 });

  // A mistake: the overlay names the file, line and column; the page keeps the last good text.
  write(file, caseFile('Broken lab', ['north-univ', 'river-wrks']));
  const overlay = page.locator('qiao-error-overlay');
  await overlay.waitFor({ timeout: 15_000 });
  const line = page.locator('qiao-error-overlay .line').first();
  const text = await line.textContent();
  assert.match(text, /^content\/cases\/joint-lab\.md:4:\d+: error\[E0301\]: unknown member `river-wrks`/);
  assert.ok(await page.getByText('Joint machine vision lab').first().isVisible());
  assert.equal(await page.getByText('Broken lab').count(), 0);
  await page.screenshot({ path: path.join(shots, 'qiao-serve-overlay.png') });

  // Messages are text, never markup.
  write(file, caseFile('Broken lab', ['north-univ', '<img src=x onerror=alert(1)>']));
  await page.waitForFunction(() => {
    const host = document.querySelector('qiao-error-overlay');
    return host && host.shadowRoot.textContent.includes('<img');
  });
  assert.equal(await page.locator('qiao-error-overlay img').count(), 0);

  // The fix: the overlay goes, the page shows the new text.
  write(file, caseFile('Fixed lab', ['north-univ', 'river-works']));
  await page.getByText('Fixed lab').first().waitFor({ timeout: 15_000 });
  await overlay.waitFor({ state: 'detached', timeout: 15_000 });

  // A stylesheet change swaps the stylesheet without reloading the page.
  await page.evaluate(() => {
    window.qiaoMarker = 'still here';
  });
  // The site's static/css/style.css takes the place of the theme's.
  const themeCss = await (await fetch(new URL('css/style.css', baseUrl))).text();
  write(path.join(root, 'static/css/style.css'), `${themeCss}\nbody { outline: 3px solid rgb(0, 128, 0); }\n`);
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(0, 128, 0)', null, { timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.qiaoMarker), 'still here');
  assert.ok(await page.evaluate(() => [...document.querySelectorAll('link[rel~=stylesheet]')].some((l) => l.href.includes('qiao-reload='))));

  // Another page of the site is not reloaded by an edit that does not touch it.
  assert.deepEqual(problems, []);
  await page.close();
});
