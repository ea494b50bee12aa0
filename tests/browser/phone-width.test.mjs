// Every page fits a phone: no page of the example site, or of a sample of a generated
// corpus, is wider than a 360 px viewport, in the light and the dark scheme
// (`document.documentElement.scrollWidth` must not exceed the viewport's width).
// A drawing or a table may scroll inside its own box; the page itself never does.
// Then what a phone visitor meets on the pages that were broken: addresses that wrap
// where a reader expects, the policy finder's first result on the first screen with
// the filters one tap away, the network drawing that says it scrolls.
//
// Run: cargo build --release && cd tests/browser && npm ci && node --test phone-width.test.mjs
// The binary is QIAO_BIN, else target/release/qiao. Pages are served by a small
// static server on 127.0.0.1 (a free port) that stops with the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './chromium.mjs';
import { buildCorpus, buildExample, pages, sample, serve } from './site.mjs';

const WIDTH = 360;
const CORPUS_SAMPLE = 60;

let tmp;
let browser;
let example;
let corpus;

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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-phone-width-'));
  buildExample(path.join(tmp, 'example'));
  buildCorpus(path.join(tmp, 'corpus'), path.join(tmp, 'corpus-out'), 300, 3);
  example = await serve(path.join(tmp, 'example'));
  corpus = await serve(path.join(tmp, 'corpus-out'));
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  for (const s of [example, corpus]) if (s) s.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test(`every page of the example site fits ${WIDTH} px, light and dark`, async () => {
  const paths = [...pages(path.join(tmp, 'example')), '404.html'];
  assert.ok(paths.length > 50, `${paths.length} pages`);
  const wide = [...(await tooWide(example.url, paths, 'light')), ...(await tooWide(example.url, paths, 'dark'))];
  assert.deepEqual(wide, [], `${wide.length} of ${paths.length * 2} page loads are wider than ${WIDTH} px:\n${wide.join('\n')}`);
});

test(`${CORPUS_SAMPLE} pages of a generated corpus, across kinds, fit ${WIDTH} px, light and dark`, async () => {
  const all = pages(path.join(tmp, 'corpus-out'));
  const paths = sample(all, CORPUS_SAMPLE);
  assert.equal(paths.length, CORPUS_SAMPLE, `${all.length} pages`);
  // Across kinds: members, cases, policies, demands, roadshows, a taxonomy and its terms.
  for (const kind of ['members/', 'cases/', 'policies/', 'demands/', 'roadshows/', 'industries/']) {
    assert.ok(paths.filter((p) => p.startsWith(kind)).length >= 3, `${kind} in ${paths.join(' ')}`);
  }
  const wide = [...(await tooWide(corpus.url, paths, 'light')), ...(await tooWide(corpus.url, paths, 'dark'))];
  assert.deepEqual(wide, [], `${wide.length} of ${paths.length * 2} page loads are wider than ${WIDTH} px:\n${wide.join('\n')}`);
});

/** Every place where a link's text goes on to a new line: the characters either side. */
async function lineBreaks(page, selector) {
  return page.$$eval(selector, (links) =>
    links.flatMap((a) => {
      const text = a.textContent;
      const range = document.createRange();
      const breaks = [];
      let top = null;
      let offset = 0;
      for (const node of [...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
        for (let i = 0; i < node.data.length; i += 1) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect && top !== null && rect.top > top + 2) breaks.push(`${text.slice(0, offset + i)}|${text.slice(offset + i)}`);
          if (rect) top = rect.top;
        }
        offset += node.data.length;
      }
      return breaks;
    }),
  );
}

test('e-mail and web addresses wrap at @, . and / on a 320 px phone, never before their last letter', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const bad = [];
  let wrapped = 0;
  for (const p of pages(path.join(tmp, 'example')).filter((p) => p.startsWith('members/') && p.split('/').filter(Boolean).length === 2)) {
    await page.goto(example.url + p);
    for (const b of await lineBreaks(page, '.facts a[href^="mailto:"], .facts a[rel="external"], .site-footer a[href^="mailto:"]')) {
      wrapped += 1;
      const [before, after] = b.split('|');
      if (!(/^[@.]/.test(after) || /[/\-]$/.test(before))) bad.push(`${p}: ${b}`);
    }
  }
  await context.close();
  assert.ok(wrapped > 0, 'no address wraps at 320 px: the test checks nothing');
  assert.deepEqual(bad, [], `addresses broken inside a word:\n${bad.join('\n')}`);
});

test('on a phone the policy finder shows the first policy on the first screen, the filters one tap away', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${example.url}policies/finder/`);
  const first = page.locator('[data-finder-list] > li').first();
  const box = await first.boundingBox();
  assert.ok(box.y + 40 < 844, `the first policy starts ${Math.round(box.y)} px down`);
  const toggle = page.locator('.insight-finder-toggle');
  assert.ok(await toggle.isVisible());
  assert.equal(await page.locator('.insight-facet').first().isVisible(), false, 'the filters start folded');
  await toggle.click();
  const boxLabel = page.locator('.insight-facet input').first();
  assert.ok(await boxLabel.isVisible(), 'one tap opens the filters');
  await boxLabel.check();
  assert.ok(await page.locator('[data-finder-active]').isVisible(), 'the folded line says how many filters are chosen');
  await page.locator('[data-finder-show]').click();
  assert.equal(await page.locator('.insight-facet').first().isVisible(), false, '"show the results" folds them again');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  await context.close();

  // On a wide screen the filters stand open beside the list.
  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await wide.newPage();
  await desk.goto(`${example.url}policies/finder/`);
  assert.ok(await desk.locator('.insight-facet').first().isVisible());
  assert.equal(await desk.locator('[data-finder-show]').isVisible(), false);
  await wide.close();
});

test('on a phone the network drawing scrolls in its box and says so; its member table reads as a list', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${example.url}network/`);
  const canvas = await page.$eval('.insight-network-canvas', (c) => ({ scroll: c.scrollWidth, client: c.clientWidth }));
  assert.ok(canvas.scroll > canvas.client, `the drawing fits (${canvas.scroll} px), so nothing to say`);
  assert.ok(await page.locator('.insight-network-hint').isVisible(), 'the hint is shown');
  // Labels of at least 11 px on screen.
  const label = await page.$eval('.insight-network text', (t) => t.getBoundingClientRect().height);
  assert.ok(label >= 11, `labels ${label} px high`);
  // Each member is one block: its name, then its numbers with their words.
  const row = await page.$eval('.insight-members-table tbody tr', (tr) => ({ width: tr.getBoundingClientRect().width, text: tr.innerText }));
  assert.ok(row.width <= 390, `a member row is ${row.width} px wide`);
  await context.close();

  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await wide.newPage();
  await desk.goto(`${example.url}network/`);
  assert.equal(await desk.locator('.insight-network-hint').isVisible(), false);
  await wide.close();
});
