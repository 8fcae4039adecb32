// Browser tests of the open-data page (lane export), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on /exports, signed out and signed in, in all four locales,
//    at phone and desktop widths, and no horizontal scrolling at 320 px;
//  - its weight on a first load without JavaScript (≤ 100 KB, own origin only);
//  - with JavaScript off, each data set shows its row count and its four download links, and
//    following the CSV link downloads a file whose header is the data set's.
//
// Run alone: cd tests/browser && node --test exports.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, WIDTHS, axeEveryLocale, pageWeight, signIn, startSpona } from './spona.mjs';

const JELENA = 'jelena@astra.example.org';

let spona;
let baseURL;
let browser;
let session;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  session = await signIn(browser, baseURL, JELENA);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

for (const user of [null, 'jelena']) {
  test(`axe: the exports page (${user ? 'signed in' : 'signed out'}) has no WCAG 2.1 AA violations in any locale or width`, async () => {
    const context = await browser.newContext({
      baseURL,
      bypassCSP: true,
      javaScriptEnabled: true,
      storageState: user ? session : undefined,
    });
    try {
      const failures = await axeEveryLocale(context, (page, loc) => page.goto(`/${loc}/exports`), {
        status: 200,
        widths: WIDTHS,
        narrow: true,
      });
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('weight: the exports page loads in ≤ 100 KB from its own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await pageWeight(context, baseURL, '/en/exports').finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `exports page: ${w.wire + w.headers} bytes`);
});

test('each data set lists its rows and formats, and its CSV link downloads the data set', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto('/en/exports');
    const sections = page.locator('main section[aria-labelledby^="set-"]');
    assert.equal(await sections.count(), 8);
    for (let i = 0; i < 8; i++) {
      const s = sections.nth(i);
      // The progress note: rows to expect and the CSV's estimated size.
      assert.match(await s.locator('p.meta').textContent(), /\d+ rows? · about [\d.]+ (bytes|kB|MB|GB) as CSV/);
      const hrefs = await s.locator('ul.downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.equal(hrefs.length, 4, hrefs.join(' '));
      assert.ok(hrefs.some((h) => h.endsWith('.csv')));
      assert.ok(hrefs.some((h) => h.endsWith('.csv?bom=1')));
      assert.ok(hrefs.some((h) => h.endsWith('.xlsx')));
      assert.ok(hrefs.some((h) => h.endsWith('.ods')));
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#set-organisations ~ ul.downloads a[href$="organisations.csv"]'),
    ]);
    assert.equal(download.suggestedFilename(), 'organisations.csv');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path, 'utf8');
    assert.match(text, /^id,slug,name,country,city,/);
  } finally {
    await context.close();
  }
});
