// Browser tests of joint texts and co-signing (lane texts), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the list, the signed demo declaration's public page,
//    the drafting workspace of the demo policy brief, the differences between its two
//    versions, and every form (also with errors), in all four locales, at phone and desktop
//    widths, and no horizontal scrolling at 320 px;
//  - the forms driven as rendered with JavaScript off, keeping every default: ASTRA's admin
//    opens a text, saves a second version, comments on a paragraph, proposes and accepts an
//    amendment, freezes the final and signs it for ASTRA; the public page then lists ASTRA.
//
// Run alone: cd tests/browser && node --test texts.test.mjs

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

/** The path (without locale) of the first link matching `selector` on the list. */
async function fromList(page, selector) {
  await page.goto('/en/texts');
  const href = await page.locator(selector).first().getAttribute('href');
  assert.ok(href, `the demo list has ${selector}`);
  return href.replace(/^\/en/, '');
}

const declaration = (page) => fromList(page, 'ul.texts li > a');
const workspace = (page) => fromList(page, 'ul.texts a[href$="/draft"]');

const post = (path, fill) => async (page, loc) => {
  await page.goto(`/${loc}${path}`);
  await fill(page);
  return submit(page, 'main form[method=post] button[type=submit]');
};

const PAGES = [
  { name: 'texts', user: null, load: (page, loc) => page.goto(`/${loc}/texts`) },
  { name: 'text-public', user: null, load: async (page, loc) => page.goto(`/${loc}${await declaration(page)}`) },
  { name: 'text-workspace', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await workspace(page)}`) },
  {
    name: 'text-compare',
    user: 'jelena',
    load: async (page, loc) => page.goto(`/${loc}${(await workspace(page)).replace(/\/draft$/, '')}/compare?from=1&to=2`),
  },
  { name: 'text-new', user: 'jelena', load: (page, loc) => page.goto(`/${loc}/texts/new`) },
  { name: 'text-new-errors', user: 'jelena', status: 422, load: post('/texts/new', async () => {}) },
  {
    name: 'text-edit',
    user: 'jelena',
    load: async (page, loc) => page.goto(`/${loc}${(await workspace(page)).replace(/\/draft$/, '')}/edit?lang=en`),
  },
  { name: 'text-sign', user: 'jelena', load: async (page, loc) => page.goto(`/${loc}${await declaration(page)}/sign`) },
  {
    name: 'text-amendment-errors',
    user: 'jelena',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`/${loc}${await workspace(page)}`);
      await page.fill('#amend_paragraph', '99');
      return submit(page, 'form[action$="/amendments"] button[type=submit]');
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

test('an admin drafts, amends, freezes and signs a text through the forms as rendered', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/texts/new');
    // No drafting organisation is ticked for the person.
    assert.equal(await page.locator('input[name=orgs]:checked').count(), 0);
    await page.selectOption('#kind', 'statement');
    await page.check('input[name=orgs][value=astra]');
    await page.fill('#title', 'Statement on 30 July');
    await page.fill('#body', 'First paragraph.\n\nSecond paragraph.');
    let res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `opening answered ${res.status()}`);
    await page.waitForURL(/\/en\/texts\/[0-9a-f-]{36}\/draft$/);
    const draft = new URL(page.url()).pathname;

    await page.click('a:has-text("Save a new version")');
    await page.fill('#body', 'First paragraph.\n\nSecond paragraph, improved.');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `saving answered ${res.status()}`);
    assert.match(await page.textContent('#text-h'), /version 2/);

    await page.fill('#paragraph', '2');
    await page.fill('#comment', 'Say who acts.');
    res = await submit(page, 'form[action$="/comments"] button[type=submit]');
    assert.equal(res.status(), 303, `the comment answered ${res.status()}`);
    assert.match(await page.textContent('#p-2'), /Say who acts\./);

    await page.fill('#amend_paragraph', '1');
    await page.fill('#replacement', 'First paragraph, amended.');
    res = await submit(page, 'form[action$="/amendments"] button[type=submit]');
    assert.equal(res.status(), 303, `the amendment answered ${res.status()}`);
    res = await submit(page, 'form[action$="/accept"] button[type=submit]');
    assert.equal(res.status(), 303, `accepting answered ${res.status()}`);
    assert.match(await page.textContent('#text-h'), /version 3/);
    assert.match(await page.textContent('#p-1'), /First paragraph, amended\./);

    res = await submit(page, 'form[action$="/freeze"] button[type=submit]');
    assert.equal(res.status(), 303, `freezing answered ${res.status()}`);
    assert.match(await page.textContent('#text-h'), /final/);

    await page.goto(draft.replace(/\/draft$/, '/sign'));
    // No organisation is chosen for the person.
    assert.equal(await page.locator('input[name=org]:checked').count(), 0);
    await page.check('input[name=org][value=astra]');
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `signing answered ${res.status()}`);
    assert.match(await page.textContent('#signatories'), /ASTRA/);
  } finally {
    await context.close();
  }
});
