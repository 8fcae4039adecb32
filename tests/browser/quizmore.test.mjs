// Browser tests of the question-by-question quiz editor (lane quizmore), against
// `serve --demo`:
//  - a coordinator writes a two-question quiz through the forms as rendered, JavaScript
//    off: the new campaign form with its title and first question (defaults kept: a single
//    choice, no score, no shuffling), then a second question (true or false, its choices
//    left empty) from the question list, a move, and the preview in Ukrainian;
//  - axe-core (WCAG 2.1 A and AA) on the new pages in all four locales, at phone and
//    desktop widths, no horizontal scrolling at 320 px.
//
// Run alone: cd tests/browser && node --test quizmore.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, WIDTHS, axeEveryLocale, signIn, submit, startSpona } from './spona.mjs';

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

const LANGS = ['en', 'sr-Cyrl', 'uk'];
const t = (s, l) => ({ en: s, 'sr-Cyrl': `${s} (ћир)`, uk: `${s} (укр)` })[l];

/** Fills `#{prefix}-{lang}` in every language. */
async function fillAll(page, prefix, text) {
  for (const l of LANGS) await page.fill(`#${prefix}-${l}`, t(text, l));
}

test('a coordinator writes a two-question quiz through the forms, JavaScript off', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/quizzes/new');
    // Defaults: a single choice, no right answer marked, no score, no shuffling.
    assert.equal(await page.isChecked('input[name=kind][value=single]'), true);
    assert.equal(await page.locator('input[type=checkbox]:checked').count(), 0);
    await page.selectOption('#org', { index: 1 });
    const slug = `forms-quiz-${Date.now() % 100000}`;
    await page.fill('#slug', slug);
    const day = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);
    await page.fill('#starts_on', day(0));
    await page.fill('#ends_on', day(30));
    await fillAll(page, 'title', 'Know the signs');
    await fillAll(page, 'text', 'Who keeps your passport?');
    await fillAll(page, 'o0-text', 'The employer');
    await fillAll(page, 'o1-text', 'You');
    let res = await submit(page, 'main form button[type=submit]');
    assert.equal(res.status(), 303, `the campaign answered ${res.status()}`);
    await page.waitForURL(/\/en\/quizzes\/[0-9a-f-]{36}$/);
    const campaign = new URL(page.url()).pathname;

    await page.click(`main a[href="${campaign}/questions"]`);
    assert.match(await page.textContent('main ol'), /Who keeps your passport\?/);
    await page.click('main a[href$="/questions/new"]');
    await page.check('input[name=kind][value=truefalse]');
    await fillAll(page, 'text', 'Debt for the journey is a warning sign');
    await page.check('input[name=o0-correct]');
    res = await submit(page, 'main form button[type=submit]');
    assert.equal(res.status(), 303, `the question answered ${res.status()}`);
    await page.waitForURL(/\/questions$/);
    assert.equal(await page.locator('main ol > li').count(), 2);

    // The second question moves up.
    res = await submit(page, 'main ol > li:nth-child(2) form[action$="/move"] button');
    assert.equal(res.status(), 303);
    assert.match(await page.textContent('main ol > li:first-child'), /Debt for the journey/);

    // The preview in Ukrainian shows both, with the choices written for true/false.
    await page.goto(`${campaign}/preview/uk`);
    const preview = await page.textContent('main');
    assert.match(preview, /Who keeps your passport\? \(укр\)/);
    assert.match(preview, /Правда/);
  } finally {
    await context.close();
  }
});

async function firstCampaign(page) {
  await page.goto('/en/quizzes');
  return page.locator('main ul li a').first().getAttribute('href');
}

const PAGES = [
  {
    name: 'quiz-questions',
    load: async (page, loc) => page.goto(`${(await firstCampaign(page)).replace(/^\/en/, `/${loc}`)}/questions`),
  },
  {
    name: 'quiz-question-edit',
    load: async (page, loc) => page.goto(`${(await firstCampaign(page)).replace(/^\/en/, `/${loc}`)}/questions/1`),
  },
  {
    name: 'quiz-question-error',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`${(await firstCampaign(page)).replace(/^\/en/, `/${loc}`)}/questions/new`);
      return submit(page, 'main form button[type=submit]');
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
