// Browser tests of trial monitoring (lane trial), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the findings (with the server-drawn chart), a monitor's
//    list, a demo case with its timeline, and every form (also with errors), in all four
//    locales, at phone and desktop widths, and no horizontal scrolling at 320 px;
//  - page weight of the findings without JavaScript (≤ 100 KB, own origin only);
//  - the forms driven as rendered with JavaScript off, filling only what a person must and
//    keeping every default: opening a case, adding a hearing, an observation, a verdict.
//
// Run alone: cd tests/browser && node --test trials.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, WIDTHS, axeEveryLocale, pageWeight, signIn, submit, startSpona } from './spona.mjs';

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

/** The first demo case's path (without locale), from the monitor's list. */
async function firstCase(page) {
  await page.goto('/en/monitoring/trials');
  const href = await page.locator('table th[scope=row] a').first().getAttribute('href');
  assert.ok(href, 'the demo has monitored cases');
  return href.replace(/^\/en/, '');
}

/** The first held hearing's observation form (without locale) of the first demo case. */
async function observePath(page) {
  const c = await firstCase(page);
  await page.goto(`/en${c}`);
  const href = await page.locator('#hearings a[href$="/observe"]').first().getAttribute('href');
  assert.ok(href, 'the demo case has a held hearing');
  return href.replace(/^\/en/, '');
}

const post = (path, fill) => async (page, loc) => {
  await page.goto(`/${loc}${path}`);
  await fill(page);
  const res = await submit(page, 'main form[method=post] button[type=submit]');
  return res;
};

const PAGES = [
  { name: 'trials-findings', user: null, load: (page, loc) => page.goto(`/${loc}/monitoring/trials/findings`) },
  { name: 'trials-list', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/monitoring/trials`) },
  { name: 'trial-case', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await firstCase(page)}`) },
  { name: 'trial-new', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/monitoring/trials/new`) },
  {
    name: 'trial-new-errors',
    user: 'jelena',
    status: 422,
    load: post('/monitoring/trials/new', async (page) => {
      await page.fill('#court', 'x');
    }),
  },
  { name: 'trial-hearing-new', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await firstCase(page)}/hearings/new`) },
  {
    name: 'trial-hearing-errors',
    user: 'jelena',
    status: 422,
    load: async (page, loc) => {
      const c = await firstCase(page);
      return post(`${c}/hearings/new`, async (p) => {
        await p.fill('#at', '2001-01-01T09:00');
        await p.selectOption('#status', 'adjourned');
      })(page, loc);
    },
  },
  { name: 'trial-observe', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await observePath(page)}`) },
  { name: 'trial-verdict', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await firstCase(page)}/verdict`) },
  {
    name: 'trial-verdict-errors',
    user: 'jelena',
    status: 422,
    load: async (page, loc) => {
      const c = await firstCase(page);
      return post(`${c}/verdict`, async (p) => {
        await p.fill('#sentence_months', '999');
      })(page, loc);
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

test('weight: the findings load in ≤ 100 KB from their own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await pageWeight(context, baseURL, '/en/monitoring/trials/findings').finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `findings: ${w.wire + w.headers} bytes`);
});

test('a monitor records a trial through the forms as rendered, from the case to its verdict', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/monitoring/trials/new');
    // ASTRA is checked as the monitoring organisation already; no partner.
    assert.ok(await page.isChecked('input[name=orgs][value=astra]'));
    await page.selectOption('#country', 'HR');
    await page.fill('#court', 'County Court in Zagreb');
    await page.fill('#case_number', `K-${Date.now()}/24`);
    await page.check('input[name=charges][value=forced-labour]');
    await page.fill('#defendants', '1');
    await page.fill('#victims', '2');
    await page.fill('#indicted_on', '2024-02-01');
    let res = await submit(page, 'form[action="/en/monitoring/trials/new"] button[type=submit]');
    assert.equal(res.status(), 303, `opening answered ${res.status()}`);
    await page.waitForURL(/\/en\/monitoring\/trials\/[0-9a-f-]{36}$/);
    assert.match(await page.textContent('dl.facts'), /Victim A, Victim B/);
    const casePath = new URL(page.url()).pathname;

    await page.click('a:has-text("Add a hearing")');
    // The zone defaults to the court's (Zagreb).
    assert.equal(await page.inputValue('#zone'), 'Europe/Zagreb');
    await page.fill('#at', '2024-03-05T09:30');
    await page.selectOption('#status', 'held');
    await page.fill('#note', 'The defendant\'s brother sat next to the victims.');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `the hearing answered ${res.status()}`);
    assert.match(await page.textContent('#hearings'), /2024-03-05 09:30/);
    assert.match(await page.textContent('#hearings'), /brother sat next to/);

    await page.click('#hearings a[href$="/observe"]');
    // Nothing is pre-answered; the observer is the person filling in the form.
    assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    await page.check('input[name="check-public-hearing"][value=yes]');
    await page.check('input[name=measures][value=video-link]');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `the observation answered ${res.status()}`);
    assert.match(await page.textContent('#observations'), /Testimony by video link/);

    await page.goto(`${casePath}/verdict`);
    await page.selectOption('#outcome', 'convicted');
    await page.fill('#decided_on', '2024-06-01');
    await page.fill('#sentence_months', '30');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `the verdict answered ${res.status()}`);
    assert.match(await page.textContent('#verdicts'), /Convicted/);
    assert.match(await page.textContent('#timeline'), /Verdict: Defendant 1 — Convicted/);
  } finally {
    await context.close();
  }
});
