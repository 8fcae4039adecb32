// A group's newsletters and its names in several languages, in the browser (lane mail17):
// axe (WCAG 2.1 A/AA) on the group's newsletters page (with the coordinator's form), the
// group newsletter's own page, a group page with the coordinator's language form, the new
// group form (with its optional second language) and a search of the list, in all four
// locales at phone width; page weight on a first load without JavaScript; and the forms
// driven as rendered with JavaScript off: a platform admin starts a newsletter for the
// demo's NAP group (only the name filled and the audience chosen; nothing pre-chosen), adds a
// Serbian name to a group, and readers see the demo groups' names in their language.
//
// Run with: SPONA_BIN=target/debug/spona node --test groups_news.test.mjs (in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, axeEveryLocale, pageWeight, signedIn, startSpona, submit } from './spona.mjs';

const NL = '/newsletters/peace-dialogue-letters';

let spona;
let browser;
let adminState;
let dialogue; // /groups/<id> of the Serbia–Ukraine group
let nap; // /groups/<id> of the NAP group

function context({ js = false, signedIn = false } = {}) {
  return browser.newContext({
    baseURL: spona.baseURL,
    javaScriptEnabled: js,
    bypassCSP: js,
    viewport: { width: 390, height: 844 },
    storageState: signedIn ? adminState : undefined,
  });
}

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const { context: ctx, page } = await signedIn(browser, spona.baseURL);
  adminState = await ctx.storageState();
  await page.goto('/en/groups');
  const href = async (name) => (await page.locator('main a', { hasText: name }).first().getAttribute('href')).replace(/^\/en/, '');
  dialogue = await href('Serbia–Ukraine peace dialogue');
  nap = await href('1325 National Action Plan');
  await ctx.close();
});

after(async () => {
  await browser?.close();
  await spona?.stop();
});

test('the group page links to its newsletters; the demo newsletter lists its archive', async () => {
  const ctx = await context({ signedIn: true });
  const page = await ctx.newPage();
  await page.goto(`/en${dialogue}`);
  await page.click(`a[href="/en${dialogue}/newsletters"]`);
  assert.equal(new URL(page.url()).pathname, `/en${dialogue}/newsletters`);
  const html = await page.content();
  assert.ok(html.includes('Peace dialogue letters'));
  assert.ok(html.includes('Safe dialogue: the rules we agreed'));
  await ctx.close();
});

test('a coordinator starts a group newsletter without JavaScript; no audience is pre-chosen', async () => {
  const ctx = await context({ signedIn: true });
  const page = await ctx.newPage();
  await page.goto(`/en${nap}/newsletters`);
  assert.equal(await page.locator('input[name=audience]:checked').count(), 0, 'nothing pre-chosen');
  await page.fill('#name', 'NAP group letters');
  await page.check('input[name=audience][value=members]');
  const res = await submit(page, `form[action="/en${nap}/newsletters"] button[type=submit]`);
  assert.equal(res.status(), 303);
  assert.equal(new URL(page.url()).pathname, '/en/newsletters/nap-group-letters');
  await ctx.close();
});

test('readers see a group in their language; search finds it across scripts', async () => {
  const ctx = await context({ signedIn: true });
  const page = await ctx.newPage();
  await page.goto(`/uk${dialogue}`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Мирний діалог Сербія–Україна');
  await page.goto(`/sr-Latn${dialogue}`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Mirovni dijalog Srbija–Ukrajina');
  await page.goto(`/en${nap}`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Working group on the 1325 National Action Plan');
  await page.goto('/en/groups');
  await page.fill('#q', 'mirovni dijalog');
  await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'mirovni dijalog'), page.click('form[action="/en/groups"] button[type=submit]')]);
  assert.equal(await page.locator(`main a[href="/en${dialogue}"]`).count(), 1);
  assert.equal(await page.locator(`main a[href="/en${nap}"]`).count(), 0);
  await ctx.close();
});

test('a coordinator adds a name in another language without JavaScript', async () => {
  const ctx = await context({ signedIn: true });
  const page = await ctx.newPage();
  await page.goto(`/en${nap}`);
  await page.selectOption('#variant_lang', 'sr-Latn');
  await page.fill('#variant_name', 'Radna grupa za NAP 1325 (latinica)');
  const res = await submit(page, `form[action="/en${nap}/names"]:not(.inline) button[type=submit]`);
  assert.equal(res.status(), 303);
  await page.goto(`/sr-Latn${nap}`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Radna grupa za NAP 1325 (latinica)');
  await ctx.close();
});

const PAGES = [
  { name: 'group-newsletters', path: () => `${dialogue}/newsletters`, signedIn: true },
  { name: 'group-newsletter', path: () => NL },
  { name: 'group-page-coordinator', path: () => dialogue, signedIn: true },
  { name: 'group-new', path: () => '/groups/new', signedIn: true },
  { name: 'groups-search', path: () => '/groups?q=mirovni', signedIn: true },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale`, async () => {
    const ctx = await context({ js: true, signedIn: p.signedIn });
    const failures = await axeEveryLocale(ctx, (page, loc) => page.goto(`/${loc}${p.path()}`));
    await ctx.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  test(`weight: ${p.name} loads in ≤ 100 KB without JavaScript from its own origin`, async () => {
    const ctx = await context({ signedIn: p.signedIn });
    const w = await pageWeight(ctx, spona.baseURL, `/en${p.path()}`);
    await ctx.close();
    assert.deepEqual(w.foreign, []);
    assert.ok(w.wire <= MAX_TOTAL, `${p.name}: ${w.wire} bytes`);
  });
}
