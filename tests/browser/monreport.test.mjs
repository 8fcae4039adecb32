// Browser tests of shadow reports (lane monreport), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the report form and on the form with its errors, in all
//    four locales, at phone and desktop widths;
//  - the form driven as rendered, with JavaScript off: sent with every default kept it is
//    refused with its message (nothing chosen); with one mechanism chosen it either downloads
//    the report (when the demo holds recommendations) or says that none matches.
//
// Run alone: cd tests/browser && node --test monreport.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { ADMIN, CHROMIUM, LAUNCH_ARGS, WIDTHS, axeEveryLocale, signIn, startSpona, submit } from './spona.mjs';

let spona;
let baseURL;
let browser;
let session;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  session = await signIn(browser, baseURL, ADMIN);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

const FORM = 'form[action$="/monitoring/reports/new"] button[type=submit]';

const PAGES = [
  { name: 'report-form', load: (page, loc) => page.goto(`/${loc}/monitoring/reports/new`) },
  {
    name: 'report-form-errors',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`/${loc}/monitoring/reports/new`);
      return submit(page, FORM);
    },
  },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width`, async () => {
    const context = await browser.newContext({ baseURL, bypassCSP: true, javaScriptEnabled: true, storageState: session });
    try {
      const failures = await axeEveryLocale(context, p.load, { status: p.status || 200, widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('the report form, sent as rendered, refuses an empty choice and then makes the report', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto('/en/monitoring/reports/new');
    // Nothing is chosen for the reader: no co-signer ticked, the report in the reader's language.
    assert.equal(await page.locator('input[name=org]:checked').count(), 0);
    assert.equal(await page.inputValue('#lang'), 'en');
    const refused = await submit(page, FORM);
    assert.equal(refused.status(), 422);
    assert.match(await page.textContent('.error-summary'), /Choose which recommendations the report covers/);
    assert.equal(await page.getAttribute('#selection', 'aria-describedby'), 'selection-hint selection-error');

    // One choice a person makes: the mechanism. Everything else keeps its default.
    await page.selectOption('#mechanism', 'upr');
    const countries = await page.locator('#country option').count();
    if (countries > 1) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(FORM)]);
      assert.match(download.suggestedFilename(), /^shadow-report-\d{4}-\d{2}-\d{2}\.odt$/);
    } else {
      // The demo holds no recommendations yet: the form says so.
      const res = await submit(page, FORM);
      assert.equal(res.status(), 422);
      assert.match(await page.textContent('.error-summary'), /No recommendation matches these choices/);
      assert.equal(await page.inputValue('#mechanism'), 'upr', 'the choice is kept');
    }
  } finally {
    await context.close();
  }
});
