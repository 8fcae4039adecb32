// Browser tests of the awareness quiz (lane quiz), against `serve --demo`:
//  - taking the demo quiz with JavaScript off at 320 px: the landing page, every question
//    (POST → 303 → feedback → next), the optional questions left empty, the end page with
//    the score and the hotlines; nothing is pre-selected;
//  - every public quiz page under 30 KB on a first load, from Spona's own origin only;
//  - a coordinator's forms as rendered, JavaScript off: a new campaign, a channel;
//  - axe-core (WCAG 2.1 A and AA) on the public pages and the coordinators' pages, in all
//    four locales, at phone and desktop widths, no horizontal scrolling at 320 px.
//
// Run alone: cd tests/browser && node --test quiz.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, WIDTHS, axeEveryLocale, pageWeight, signIn, submit, startSpona } from './spona.mjs';

const JELENA = 'jelena@astra.example.org';
const SLUG = 'stop-trafficking';
const MAX_QUIZ_PAGE = 30 * 1024;

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

/** Starts a session of the demo quiz on `page` (locale `loc`); the path of question 1. */
async function startQuiz(page, loc = 'en') {
  await page.goto(`/${loc}/q/${SLUG}?c=school`);
  const res = await submit(page, 'main form button[type=submit]');
  assert.equal(res.status(), 303);
  await page.waitForURL(/\/s\/[^/]+\/1$/);
  return new URL(page.url()).pathname;
}

test('a person takes the quiz without JavaScript on a 320 px phone', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  try {
    const page = await context.newPage();
    const first = await startQuiz(page);
    const base = first.replace(/\/1$/, '');
    for (let n = 1; n <= 6; n += 1) {
      assert.equal(new URL(page.url()).pathname, `${base}/${n}`);
      // Nothing is chosen in advance.
      assert.equal(await page.locator('input[name=choice]:checked').count(), 0);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, `question ${n} scrolls sideways at 320 px`);
      await page.locator('main input[name=choice]').first().check();
      const res = await submit(page, 'main form button[type=submit]');
      assert.equal(res.status(), 303, `question ${n} answered ${res.status()}`);
      await page.waitForURL(/\/feedback$/);
      const heading = await page.textContent('main h1');
      assert.match(heading, /Right!|Not quite\.|Thank you/);
      await page.click('main a.button');
    }
    await page.waitForURL(/\/about$/);
    // Every question about the person is optional and starts empty.
    assert.equal(await page.inputValue('#country'), '');
    assert.equal(await page.inputValue('#age_band'), '');
    assert.match(await page.textContent('label[for=country]'), /optional/);
    const res = await submit(page, 'main form button[type=submit]');
    assert.equal(res.status(), 303);
    await page.waitForURL(/\/end$/);
    const end = await page.textContent('main');
    assert.match(end, /Right answers:\s*\d \/ 5/);
    assert.match(end, /\+381 11 785 0000/);
    assert.match(end, /527/);
    const card = await page.getAttribute('main img', 'src');
    const r = await page.request.get(card);
    assert.equal(r.status(), 200);
    assert.equal(r.headers()['content-type'], 'image/svg+xml');
    assert.equal(r.headers()['set-cookie'], undefined, 'the card sets no cookie');
  } finally {
    await context.close();
  }
});

test('weight: every public quiz page is under 30 KB, from its own origin', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const first = await startQuiz(page);
    const base = first.replace(/\/1$/, '');
    await page.locator('main input[name=choice]').first().check();
    await submit(page, 'main form button[type=submit]');
    await page.close();
    for (const url of [`/en/q/${SLUG}`, first.replace(/\/1$/, '/2'), `${base}/1/feedback`, `${base}/about`, `${base}/end`, `/en/q/${SLUG}/results`]) {
      const fresh = await browser.newContext({ baseURL, javaScriptEnabled: false });
      const w = await pageWeight(fresh, baseURL, url).finally(() => fresh.close());
      assert.equal(w.status, 200, url);
      assert.deepEqual(w.foreign, [], url);
      assert.ok(w.wire + w.headers <= MAX_QUIZ_PAGE, `${url}: ${w.wire + w.headers} bytes`);
    }
  } finally {
    await context.close();
  }
});

test('a coordinator opens a campaign and adds a channel through the forms as rendered', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/quizzes/new');
    // No organisation is chosen for the coordinator, and results are not published by default.
    assert.equal(await page.isChecked('input[name=public_results]'), false);
    const doc = await (await page.request.get(`/api/v1/q/${SLUG}/results`)).json();
    assert.equal(doc.slug, SLUG);
    await page.selectOption('#org', { index: 1 });
    const slug = `school-quiz-${Date.now() % 100000}`;
    await page.fill('#slug', slug);
    const day = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);
    await page.fill('#starts_on', day(0));
    await page.fill('#ends_on', day(30));
    const t = (s) => ({ en: s, 'sr-Cyrl': `${s} (ћир)`, uk: `${s} (укр)` });
    // The JSON import is the advanced option, folded away (lane quizmore).
    await page.click('main details:has(#doc) summary');
    await page.fill('#doc', JSON.stringify({
      title: t('School quiz'),
      scored: true,
      questions: [{ kind: 'truefalse', text: t('Documents stay with you'), options: [{ text: t('True'), correct: true }, { text: t('False') }] }],
    }));
    let res = await submit(page, 'main form button[type=submit]');
    assert.equal(res.status(), 303, `the campaign answered ${res.status()}`);
    await page.waitForURL(/\/en\/quizzes\/[0-9a-f-]{36}$/);
    assert.match(await page.textContent('main'), new RegExp(`/q/${slug}`));
    await page.fill('#label', 'Gymnasium Sombor');
    await page.fill('#code', 'sombor');
    await page.selectOption('#kind', 'school');
    res = await submit(page, 'main form[action$="/channels"] button[type=submit]');
    assert.equal(res.status(), 303);
    assert.match(await page.textContent('main table'), new RegExp(`/q/${slug}\\?c=sombor`));
    const qr = await page.getAttribute('main table a[href$="/qr.svg"]', 'href');
    const q = await page.request.get(qr);
    assert.equal(q.status(), 200);
    assert.match(await q.text(), /<svg/);
  } finally {
    await context.close();
  }
});

const PAGES = [
  { name: 'quiz-landing', load: (page, loc) => page.goto(`/${loc}/q/${SLUG}`) },
  {
    name: 'quiz-question',
    load: async (page, loc) => page.goto(await startQuiz(page, loc)),
  },
  {
    name: 'quiz-question-error',
    status: 422,
    load: async (page, loc) => {
      await startQuiz(page, loc);
      return submit(page, 'main form button[type=submit]');
    },
  },
  {
    name: 'quiz-feedback',
    load: async (page, loc) => {
      await startQuiz(page, loc);
      await page.locator('main input[name=choice]').first().check();
      await submit(page, 'main form button[type=submit]');
      return page.goto(page.url());
    },
  },
  {
    name: 'quiz-about',
    load: async (page, loc) => page.goto((await startQuiz(page, loc)).replace(/\/1$/, '/about')),
  },
  {
    name: 'quiz-end',
    load: async (page, loc) => page.goto((await startQuiz(page, loc)).replace(/\/1$/, '/end')),
  },
  { name: 'quiz-results', load: (page, loc) => page.goto(`/${loc}/q/${SLUG}/results`) },
  { name: 'quizzes', user: true, load: (page, loc) => page.goto(`/${loc}/quizzes`) },
  { name: 'quiz-new', user: true, load: (page, loc) => page.goto(`/${loc}/quizzes/new`) },
  {
    name: 'quiz-campaign',
    user: true,
    load: async (page, loc) => {
      await page.goto('/en/quizzes');
      const href = await page.locator('main ul li a').first().getAttribute('href');
      return page.goto(href.replace(/^\/en/, `/${loc}`));
    },
  },
  {
    name: 'quiz-campaign-results',
    user: true,
    load: async (page, loc) => {
      await page.goto('/en/quizzes');
      const href = await page.locator('main ul li a').first().getAttribute('href');
      return page.goto(`${href.replace(/^\/en/, `/${loc}`)}/results`);
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
