// An accessibility audit of every kind of page of the example site with axe-core, in
// the light and the dark scheme, at phone (390 px) and desktop (1280 px) width: any
// finding axe calls serious or critical fails the test. Then what axe cannot see:
// ticking a filter on the search page keeps the keyboard focus on that filter, and
// the search page and a page with a cover do not shift while they load.
//
// Run: cargo build --release && cd tests/browser && npm ci && node --test accessibility.test.mjs
// The binary is QIAO_BIN, else target/release/qiao.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { buildExample, pages, serve } from './site.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let tmp;
let out;
let site;
let browser;

/** One page of each kind: home, listings, an item of each kind, taxonomy, term, the insight pages, search, 404. */
function pageTypes(dir) {
  const all = pages(dir);
  const firstUnder = (prefix) => {
    const p = all.find((x) => x.startsWith(prefix) && x.split('/').filter(Boolean).length === prefix.split('/').filter(Boolean).length + 1 && !/^\d+\/$/.test(x.slice(prefix.length)) && !x.includes('/page/'));
    assert.ok(p, `no page under ${prefix}`);
    return p;
  };
  const kinds = ['members/', 'cases/', 'policies/', 'demands/', 'roadshows/'];
  const list = [''];
  for (const k of kinds) list.push(k, firstUnder(k));
  list.push('industries/', firstUnder('industries/'), 'about/', 'en/about/', 'policies/finder/', 'network/', 'stats/', 'search/?q=%E6%95%B0%E6%8E%A7', '404.html');
  for (const p of list) assert.ok(p.startsWith('search/') || p === '404.html' || all.includes(p), `${p} is not a page`);
  return list;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-a11y-'));
  out = path.join(tmp, 'example');
  buildExample(out);
  site = await serve(out);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (site) site.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds nothing serious on any kind of page (${label}, ${scheme})`, async () => {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      const found = [];
      const types = pageTypes(out);
      for (const p of types) {
        await page.goto(site.url + p, { waitUntil: 'load' });
        if (p.startsWith('search/')) await page.waitForSelector('#qs-results li');
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`);
        });
        for (const v of violations) found.push(`/${p}: ${v}`);
      }
      await context.close();
      assert.deepEqual(found, [], `${found.length} serious or critical findings:\n${found.join('\n')}`);
      assert.ok(types.length >= 20, `${types.length} pages`);
    });
  }
}

test('ticking a filter on the search page with the keyboard keeps the focus on it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.url}search/?q=%E6%95%B0%E6%8E%A7`);
  // The filters start folded; opening them loads their lists.
  await page.locator('#qs-filters > summary').click();
  await page.waitForSelector('#qs-facets input[type=checkbox]');
  const box = page.locator('#qs-facets input[type=checkbox]').first();
  const { name, value } = await box.evaluate((b) => ({ name: b.name, value: b.value }));
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => new URL(location.href).searchParams.toString().includes('='), null, { timeout: 5000 });
  await page.waitForFunction(({ name, value }) => {
    const b = document.querySelector(`#qs-facets input[name="${name}"][value="${value}"]`);
    return b && b.checked;
  }, { name, value });
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, name: document.activeElement.name, value: document.activeElement.value, checked: document.activeElement.checked }));
  assert.deepEqual(focused, { tag: 'INPUT', name, value, checked: true });
  // And once more to untick it.
  await page.keyboard.press('Space');
  await page.waitForFunction(({ name, value }) => {
    const b = document.querySelector(`#qs-facets input[name="${name}"][value="${value}"]`);
    return b && !b.checked && document.activeElement === b;
  }, { name, value });
  await context.close();
});

/** The layout shifts of a page while it loads (and 600 ms after), summed as CLS counts them. */
async function shift(page, url, ready) {
  await page.goto(url, { waitUntil: 'load' });
  if (ready) await page.waitForSelector(ready, { state: 'attached' });
  await page.waitForTimeout(600);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 50);
      }),
  );
}

test('the search page and a page with a cover do not shift while they load', async () => {
  const withCover = fs.readdirSync(path.join(out, 'cases')).find((d) => {
    const f = path.join(out, 'cases', d, 'index.html');
    return fs.existsSync(f) && fs.readFileSync(f, 'utf8').includes('class="cover"');
  });
  assert.ok(withCover, 'no case with a cover');
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const search = await shift(page, `${site.url}search/?q=%E6%95%B0%E6%8E%A7`, '#qs-filters:not([hidden])');
    assert.ok(search < 0.05, `search page at ${viewport.width} px: CLS ${search.toFixed(3)}`);
    const cover = await shift(page, `${site.url}cases/${withCover}/`, null);
    assert.ok(cover < 0.05, `cases/${withCover}/ at ${viewport.width} px: CLS ${cover.toFixed(3)}`);
    await context.close();
  }
  // The top cover is fetched at once, not lazily.
  const html = fs.readFileSync(path.join(out, 'cases', withCover, 'index.html'), 'utf8');
  assert.doesNotMatch(html.match(/<figure class="cover">.*?<\/figure>/s)[0], /loading="lazy"/);
});
