// Browser tests of calls and opportunities (lane calls), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the list, a call's page, the new-call form and that
//    form with errors, in all four locales, at phone and desktop widths;
//  - page weight of the list without JavaScript (≤ 100 KB, own origin only);
//  - the forms driven as rendered, with JavaScript off: the list's filters, posting a call
//    (only what a person must fill; every default kept), and closing it.
//
// Run alone: cd tests/browser && node --test calls.test.mjs

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

/** A demo call's id (the first on the list). */
async function firstCallPath(page, loc) {
  await page.goto(`/${loc}/calls`);
  const href = await page.locator('ol.calls h2 a').first().getAttribute('href');
  assert.ok(href, 'the demo has open calls');
  return href;
}

/** A date-time `days` from now as `YYYY-MM-DDTHH:MM` (noon, never on a clock change). */
function inDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T12:00`;
}

const PAGES = [
  { name: 'calls-list', user: null, load: (page, loc) => page.goto(`/${loc}/calls`) },
  {
    name: 'calls-list-filtered',
    user: 'jelena',
    load: (page, loc) => page.goto(`/${loc}/calls?when=soon&days=30&fits=astra`),
  },
  {
    name: 'call',
    user: null,
    load: async (page, loc) => page.goto(await firstCallPath(page, loc)),
  },
  { name: 'call-new', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/calls/new`) },
  {
    name: 'call-new-errors',
    user: 'jelena',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`/${loc}/calls/new`);
      await page.fill('#title', 'x');
      await page.fill('#deadline', '2020-01-01T12:00');
      await page.fill('#amount', '-5');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.click('form[action$="/calls/new"] button[type=submit]'),
      ]);
      await page.waitForLoadState('load');
      return res;
    },
  },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width`, async () => {
    const context = await browser.newContext({
      baseURL,
      bypassCSP: true,
      javaScriptEnabled: true,
      storageState: p.user ? session : undefined,
    });
    try {
      const failures = await axeEveryLocale(context, p.load, { status: p.status || 200, widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('weight: the calls list loads in ≤ 100 KB from its own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await pageWeight(context, baseURL, '/en/calls').finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `calls list: ${w.wire + w.headers} bytes`);
});

test('the list filters by deadline without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/en/calls');
    const open = await page.locator('ol.calls > li').count();
    await page.check('input[name=when][value=past]');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/en/calls' && u.searchParams.get('when') === 'past'),
      page.click('form.filters button[type=submit]'),
    ]);
    const past = await page.locator('ol.calls > li').count();
    assert.ok(open > 0 && past > 0, `open ${open}, past ${past}`);
    assert.match(await page.textContent('ol.calls'), /Deadline passed/);
  } finally {
    await context.close();
  }
});

test('a member posts a call through the form as rendered, then closes it', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/calls/new');
    // Only what a person must give; organisation, language, zone and the rest keep their defaults.
    await page.selectOption('#kind', 'grant');
    await page.fill('#title', 'Browser-posted grant');
    await page.fill('#deadline', inDays(20));
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/en/calls/new')),
      page.click('form[action="/en/calls/new"] button[type=submit]'),
    ]);
    assert.equal(res.status(), 303, `posting answered ${res.status()}`);
    await page.waitForURL(/\/en\/calls\/[0-9a-f-]{36}$/);
    assert.equal((await page.textContent('h1')).trim(), 'Browser-posted grant');
    assert.match(await page.textContent('dl.facts'), /Europe\/Belgrade/);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'GET' && /\/en\/calls\/[0-9a-f-]{36}$/.test(r.url())),
      page.click('form[action$="/status"] button:has-text("Close it early")'),
    ]);
    await page.waitForLoadState('load');
    assert.match(await page.textContent('h1 + p.meta'), /Closed early/);
  } finally {
    await context.close();
  }
});
