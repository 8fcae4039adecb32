// Browser tests of the public log (lane tlog), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on `/log` (the checkpoint, the verifier key, the newest
//    entries) and on an organisation's page with its log line, in all four locales, at phone
//    and desktop widths, and no horizontal scrolling at 320 px;
//  - with JavaScript off, the log line of an organisation links the log and a proof that
//    answers JSON with an audit path.
//
// Run alone: cd tests/browser && node --test tlog.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, WIDTHS, axeEveryLocale, startSpona } from './spona.mjs';

let spona;
let baseURL;
let browser;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

const PAGES = [
  { name: 'log', load: (page, loc) => page.goto(`/${loc}/log`) },
  { name: 'org-with-log-line', load: (page, loc) => page.goto(`/${loc}/orgs/astra`) },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width`, async () => {
    const context = await browser.newContext({ baseURL, bypassCSP: true, javaScriptEnabled: true });
    try {
      const failures = await axeEveryLocale(context, p.load, { status: 200, widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('an organisation page links its log entry and the proof', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/en/orgs/astra');
    const line = page.locator('main p.log-entry');
    assert.match(await line.textContent(), /Public log: entry \d+/);
    const proof = await line.locator('a[href^="/api/v1/log/entries/"]').getAttribute('href');
    const res = await page.request.get(proof);
    assert.equal(res.status(), 200);
    const body = await res.json();
    assert.equal(body.entry.kind, 'org');
    assert.ok(Array.isArray(body.proof));
    await page.goto('/en/log');
    assert.match(await page.textContent('main pre'), /\/log\n\d+\n/);
  } finally {
    await context.close();
  }
});
