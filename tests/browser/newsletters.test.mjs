// Newsletters in the browser (lane newsletters): axe (WCAG 2.1 A/AA) on every newsletter
// page type in all four locales at phone width, page weight on a first load without
// JavaScript, and each form driven as rendered with JavaScript off — only what a person
// must fill is filled, defaults kept: the public subscribe form (address + the consent box,
// which is not ticked), the confirmation page's one button (the link from the outbox), and
// for an editor: a new issue, its editor (one language), the schedule form.
//
// Run with: bash tests/browser/run.sh   (or `node --test newsletters.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, axeEveryLocale, pageWeight, signedIn, startSpona, submit } from './spona.mjs';

const NL = '/newsletters/wps-1325-news';

let spona;
let browser;
let adminState;
let sentIssue;
let draftEdit;
let confirmLink;

function context({ js = false, signedIn = false } = {}) {
  return browser.newContext({
    baseURL: spona.baseURL,
    javaScriptEnabled: js,
    bypassCSP: js,
    viewport: { width: 390, height: 844 },
    storageState: signedIn ? adminState : undefined,
  });
}

async function outboxLink(address) {
  const dir = path.join(spona.dataDir, 'outbox');
  for (let i = 0; i < 50; i++) {
    const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.eml'));
    for (const n of names) {
      const text = await readFile(path.join(dir, n), 'utf8');
      if (text.includes(`To: ${address}\r\n`)) {
        const m = text.match(/http:\/\/[^\s]+\/newsletters\/confirm\/[0-9a-f]{64}/);
        if (m) return new URL(m[0]).pathname;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no confirmation mail to ${address}`);
}

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const { context: ctx, page } = await signedIn(browser, spona.baseURL);
  adminState = await ctx.storageState();
  await page.goto(`/en${NL}`);
  sentIssue = await page.locator(`a[href^="/en${NL}/issues/"]:not([href$="/edit"])`).first().getAttribute('href');
  draftEdit = await page.locator(`a[href$="/edit"]`).first().getAttribute('href');
  await ctx.close();
});

after(async () => {
  await browser?.close();
  await spona?.stop();
});

test('the public subscribe form: the consent box starts unticked; address and tick subscribe', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`/en${NL}`);
  assert.equal(await page.locator('#consent').isChecked(), false, 'consent is never pre-ticked');
  await page.fill('#email', 'browser.reader@example.org');
  await page.check('#consent');
  const res = await submit(page, `form[action="/en${NL}/signup"] button[type=submit]`);
  assert.equal(res.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/en${NL}/signup/sent`);
  confirmLink = await outboxLink('browser.reader@example.org');
  await ctx.close();
});

test('the confirmation page has one button, and pressing it subscribes', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(confirmLink);
  assert.equal(await page.locator('main button[type=submit], form[action*="/confirm/"] button').count(), 1);
  const res = await submit(page, 'form[action*="/newsletters/confirm/"] button[type=submit]');
  assert.equal(res.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/en${NL}/confirmed`);
  await ctx.close();
});

test('an editor writes an issue in one language and schedules it', async () => {
  const ctx = await context({ signedIn: true });
  const page = await ctx.newPage();
  await page.goto(`/en${NL}`);
  let res = await submit(page, `form[action="/en${NL}/issues"] button[type=submit]`);
  assert.equal(res.status(), 303);
  assert.match(new URL(page.url()).pathname, /\/issues\/[^/]+\/edit$/);
  await page.fill('#title-en', 'Browser issue');
  await page.fill('#body-en', 'Written *without* JavaScript.');
  res = await submit(page, 'form[action$="/edit"] button[type=submit]');
  assert.equal(res.status(), 303);
  assert.equal(await page.inputValue('#title-en'), 'Browser issue');
  await page.fill('#at', '2099-01-01T09:00');
  res = await submit(page, 'form[action$="/schedule"] button[type=submit]');
  assert.equal(res.status(), 303);
  assert.ok((await page.content()).includes('2099'), 'the page shows when it leaves');
  await ctx.close();
});

const PAGES = [
  { name: 'newsletters', path: () => '/newsletters' },
  { name: 'newsletter', path: () => NL },
  { name: 'issue', path: () => sentIssue.replace(/^\/en/, '') },
  { name: 'signup-sent', path: () => `${NL}/signup/sent` },
  { name: 'confirmed', path: () => `${NL}/confirmed` },
  { name: 'newsletter-editor-view', path: () => NL, signedIn: true },
  { name: 'issue-edit', path: () => draftEdit.replace(/^\/en/, ''), signedIn: true },
  { name: 'subscribers', path: () => `${NL}/subscribers`, signedIn: true },
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
