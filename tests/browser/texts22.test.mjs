// Browser tests of changing publications and campaigns after they are written (lane
// texts22), against `serve --demo`, with JavaScript off as rendered:
//  - an author writes an article, changes its kind and publisher (a podcast without its
//    transcript refused first, naming the field), then deletes it through its confirmation
//    page;
//  - ASTRA's admin (coordinator of Balkans ACT Now!) adds a Ukrainian text to the demo
//    campaign through its form (a last day before the first refused first);
//  - axe on the new forms, with their errors, in every locale and width.
//
// Run alone: cd tests/browser && node --test texts22.test.mjs

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

/** The demo campaign's path (without locale). */
async function firstCampaign(page) {
  await page.goto('/en/campaigns');
  const href = await page.locator('ul.cards li h2 a').first().getAttribute('href');
  assert.ok(href, 'the demo has a campaign');
  return href.replace(/^\/en/, '');
}

test('an author changes an article into a story of the network and deletes it, as rendered', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/stories/new');
    await page.selectOption('#by', 'org:astra');
    await page.selectOption('#kind', 'article');
    const title = `Shelters in winter ${Date.now()}`;
    await page.fill('#title', title);
    await page.fill('#body', 'First paragraph.');
    let res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303);
    await page.waitForURL(/\/en\/stories\/[0-9a-f-]{36}$/);
    const story = new URL(page.url()).pathname;

    await page.click('a:has-text("Change kind or publisher")');
    assert.equal(await page.inputValue('#by'), 'org:astra');
    assert.equal(await page.inputValue('#kind'), 'article');
    await page.selectOption('#kind', 'podcast');
    await page.fill('#link', 'https://example.org/podcast/1');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.textContent('#kind-error'), /transcript/);
    assert.equal(await page.getAttribute('#kind', 'aria-invalid'), 'true');
    await page.selectOption('#kind', 'story');
    await page.fill('#link', '');
    await page.selectOption('#by', 'network:balkans-act-now');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `changing answered ${res.status()}`);
    await page.waitForURL((u) => u.pathname === story);
    assert.match(await page.textContent('main'), /Balkans ACT (\(Against the Crime of Trafficking\) )?Now!/);

    await page.click('a:has-text("Delete this publication")');
    assert.match(await page.textContent('main'), /cannot be undone/);
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303);
    await page.waitForURL((u) => u.pathname === '/en/stories');
    assert.doesNotMatch(await page.textContent('main'), new RegExp(title));
    const gone = await page.goto(story);
    assert.equal(gone.status(), 404);
  } finally {
    await context.close();
  }
});

test('a coordinator adds a language to the demo campaign through its form, as rendered', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    const campaign = await firstCampaign(page);
    await page.goto(`/en${campaign}`);
    await page.click('main a[href$="/edit"]');
    const opens = await page.inputValue('#opens_on');
    assert.match(opens, /^\d{4}-\d{2}-\d{2}$/);
    await page.fill('#closes_on', '2000-01-01');
    let res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 422);
    assert.ok((await page.textContent('#closes_on-error')).length > 0);
    await page.fill('#closes_on', '');
    await page.fill('#title_uk', 'Підтримайте Балканську декларацію');
    await page.fill('#statement_uk', 'Ми підтримуємо Балканську декларацію про протидію торгівлі людьми.');
    res = await submit(page, 'main form[method=post] button:has-text("Save changes")');
    assert.equal(res.status(), 303, `saving answered ${res.status()}`);
    await page.goto(`/uk${campaign}`);
    assert.match(await page.textContent('main h1'), /Підтримайте Балканську декларацію/);
  } finally {
    await context.close();
  }
});

const PAGES = [
  {
    name: 'campaign-edit-errors',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`/${loc}${await firstCampaign(page)}/edit`);
      await page.fill('#opens_on', '');
      return submit(page, 'main form[method=post] button[type=submit]');
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
