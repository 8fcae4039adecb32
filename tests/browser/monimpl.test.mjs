// Monitoring's implementation pages and dashboard (issue 21, lane monimpl) in the browser:
// axe (WCAG 2.1 AA) in every locale at phone and desktop width and the first-load weight
// on the dashboard, the measures, a measure, a recommendation's assessments and the
// participants page; every form driven as rendered with JavaScript off, filling only what
// a person must: the dashboard filter, adding a participant, a new measure, an indicator,
// a value (refused out of range, then saved), and a CSO admin's assessment.
//
// Run alone: cd tests/browser && node --test monimpl.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, WIDTHS, axeEveryLocale, pageWeight, signedIn, startSpona, submit } from './spona.mjs';

let spona;
let browser;

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

/** The first measure's path and the path of the assessments of the recommendation it implements. */
async function demoPaths(page) {
  await page.goto('/en/monitoring/measures');
  const measure = await page.getAttribute('table tbody tr th a', 'href');
  const assessments = await page.getAttribute('a[href$="/assessments"]:text-is("131.4")', 'href');
  assert.ok(measure && assessments, 'the demo has measures linked to recommendations');
  return { measure: measure.replace(/^\/en/, ''), assessments: assessments.replace(/^\/en/, '') };
}

test('monitoring pages pass axe in every locale and stay light', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, undefined, { js: true });
  try {
    const { measure, assessments } = await demoPaths(page);
    const failures = [];
    for (const p of ['/monitoring/dashboard', '/monitoring/dashboard?mechanism=upr', '/monitoring/measures', measure, assessments, '/monitoring/participants', '/monitoring/measures/new']) {
      failures.push(...(await axeEveryLocale(context, (pg, loc) => pg.goto(`/${loc}${p}`), { widths: WIDTHS })));
    }
    assert.deepEqual(failures, []);
    const anon = await browser.newContext({ javaScriptEnabled: false, baseURL: spona.baseURL });
    for (const p of ['/en/monitoring/dashboard', '/en/monitoring/measures', `/en${measure}`, `/en${assessments}`]) {
      const w = await pageWeight(anon, spona.baseURL, p);
      assert.equal(w.status, 200, p);
      assert.ok(w.wire + w.headers < MAX_TOTAL, `${p}: ${w.wire + w.headers} bytes`);
      assert.deepEqual(w.foreign, [], p);
    }
    // The dashboard's filter form as rendered: one mechanism, submit; the address is the link.
    const p = await anon.newPage();
    await p.goto('/en/monitoring/dashboard');
    assert.ok(await p.$('svg[role=img] title'), 'a chart with a title');
    await p.selectOption('#mechanism', 'upr');
    await Promise.all([p.waitForURL((u) => u.searchParams.get('mechanism') === 'upr'), p.click('form.filters button[type=submit]')]);
    assert.match(await p.textContent('main'), /Universal Periodic Review/);
    await anon.close();
  } finally {
    await context.close();
  }
});

test('an admin adds a participant, a measure, an indicator and its values through the forms', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL);
  try {
    await page.goto('/en/monitoring/participants');
    const org = await page.$eval('#org option:nth-child(2)', (o) => o.value);
    await page.selectOption('#org', org);
    let r = await submit(page, 'form[action="/en/monitoring/participants"] button[type=submit]');
    assert.ok(r.status() === 303 || r.status() === 200, `participant: ${r.status()}`);
    assert.match(await page.textContent('main'), /takes part now/);

    await page.goto('/en/monitoring/measures/new');
    await page.fill('#title', 'Publish the Council minutes');
    await page.fill('#institution', 'Office for Human and Minority Rights');
    await submit(page, 'form[action="/en/monitoring/measures/new"] button[type=submit]');
    assert.match(await page.textContent('main'), /The measure was created/);

    await page.fill('#name', 'Minutes published');
    await page.fill('#max_value', '12');
    await submit(page, 'form[action$="/indicators"] button[type=submit]');
    assert.match(await page.textContent('main'), /The indicator was added/);

    const value = await page.$('input[name=value]');
    const id = await value.getAttribute('id');
    await page.fill(`#${id}`, '40');
    r = await submit(page, 'form[action$="/values"] button[type=submit]');
    assert.equal(r.status(), 422);
    assert.match(await page.textContent('main'), /outside the indicator/);
    await page.fill(`input[name=value]`, '3');
    await submit(page, 'form[action$="/values"] button[type=submit]');
    assert.match(await page.textContent('main'), /The value was recorded/);
  } finally {
    await context.close();
  }
});

test("a participating organisation's admin signs an assessment through the form", async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org');
  try {
    const { assessments } = await demoPaths(page);
    await page.goto(`/en${assessments}`);
    // Astra is the only side Jelena may speak for: chosen already; the status is hers to pick.
    assert.equal(await page.$$eval('#side option', (os) => os.length), 1);
    assert.equal(await page.$$eval('input[name=status]:checked', (xs) => xs.length), 0, 'no status pre-selected');
    await page.check('#status-partially');
    await submit(page, `form[action="/en${assessments}"] button[type=submit]`);
    const text = await page.textContent('main');
    assert.match(text, /signed and saved/);
    assert.match(text, /Differs from the state/);
    assert.match(text, /Earlier assessments/);
  } finally {
    await context.close();
  }
});
