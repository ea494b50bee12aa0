// The system's headless Chromium for the browser tests, driven by playwright-core
// (no browser is downloaded), with the flags this machine's closed network needs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Launches headless Chromium, or fails saying how to install it. */
export function launch() {
  assert.ok(fs.existsSync(chromiumPath), `install Chromium (${chromiumPath}): apt-get install chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
