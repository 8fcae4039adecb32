// Browser tests of publications and stories (lane publish), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the list, a demo story, the calendar of significant
//    dates, and the forms (also with errors), in all four locales, at phone and desktop
//    widths, and no horizontal scrolling at 320 px;
//  - page weight of the list without JavaScript (≤ 100 KB, own origin only);
//  - the forms driven as rendered with JavaScript off: writing a photo essay, uploading a
//    photo with its alternative text (refused without one), scheduling it (a time in the
//    spring gap refused first).
//
// Run alone: cd tests/browser && node --test publish.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, REPO, WIDTHS, axeEveryLocale, pageWeight, signIn, submit, startSpona } from './spona.mjs';

const JELENA = 'jelena@astra.example.org';
const PIXEL = path.join(REPO, 'crates', 'spona-web', 'testdata', 'pixel.png');

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

/** The first published demo story's path (without locale). */
async function firstStory(page) {
  await page.goto('/en/stories');
  const href = await page.locator('ul.cards li h3 a').first().getAttribute('href');
  assert.ok(href, 'the demo has published stories');
  return href.replace(/^\/en/, '');
}

const post = (p, fill) => async (page, loc) => {
  await page.goto(`/${loc}${p}`);
  await fill(page);
  return submit(page, 'main form[method=post] button[type=submit]');
};

const PAGES = [
  { name: 'stories', user: null, load: (page, loc) => page.goto(`/${loc}/stories`) },
  { name: 'story', user: null, load: async (page, loc) => page.goto(`/${loc}${await firstStory(page)}`) },
  { name: 'stories-calendar', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/stories/calendar`) },
  { name: 'story-new', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/stories/new`) },
  {
    name: 'story-new-errors',
    user: 'jelena',
    status: 422,
    load: post('/stories/new', async (page) => {
      await page.selectOption('#kind', 'podcast');
      await page.fill('#link', 'javascript:alert(1)');
    }),
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

test('weight: the stories load in ≤ 100 KB from their own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await pageWeight(context, baseURL, '/en/stories').finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `stories: ${w.wire + w.headers} bytes`);
});

test('an author writes a photo essay, adds a photo and schedules it through the forms as rendered', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/stories/new');
    // Nothing chosen for the author: who publishes and what kind.
    assert.equal(await page.inputValue('#by'), '');
    assert.equal(await page.inputValue('#kind'), '');
    await page.selectOption('#by', 'org:astra');
    await page.selectOption('#kind', 'photo-essay');
    const title = `Roads home ${Date.now()}`;
    await page.fill('#title', title);
    let res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `writing answered ${res.status()}`);
    await page.waitForURL(/\/en\/stories\/[0-9a-f-]{36}$/);
    assert.match(await page.textContent('main'), /Draft/);
    const story = new URL(page.url()).pathname;

    await page.click('a:has-text("Add photos")');
    // Without its alternative text the photo is refused.
    await page.setInputFiles('#photo', PIXEL);
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.textContent('#alt-error'), /Describe the photo/);
    await page.setInputFiles('#photo', PIXEL);
    await page.fill('#alt', 'A single grey dot on white.');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `the photo answered ${res.status()}`);
    assert.equal(await page.locator('main img.photo[alt="A single grey dot on white."]').count(), 1);

    await page.goto(`${story}/schedule`);
    assert.equal(await page.inputValue('#zone'), 'Europe/Belgrade');
    await page.fill('#at', '2030-03-31T02:30');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.textContent('#at-error'), /does not exist/);
    await page.fill('#at', '2030-03-08T09:00');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `scheduling answered ${res.status()}`);
    assert.match(await page.textContent('main'), /Scheduled for 2030-03-08 09:00 \(Europe\/Belgrade\)/);
  } finally {
    await context.close();
  }
});
