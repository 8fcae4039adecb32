// Services catalogue in the browser: axe (WCAG 2.1 AA) and first-load weight on the list
// and a service page, the search form driven as rendered (JavaScript off), and the
// free-places form driven by an admin (only the number filled).
//
// Run alone: cd tests/browser && node --test svcpages.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, startSpona } from './spona.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TOTAL = 100 * 1024;

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

async function signedIn(email, js = false) {
  const context = await browser.newContext({ javaScriptEnabled: js, bypassCSP: js, baseURL: spona.baseURL });
  const page = await context.newPage();
  await page.goto('/en/signin');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/signin')), page.click('form[action="/en/signin"] button[type=submit]')]);
  return { context, page };
}

async function axe(page, url) {
  const r = await page.goto(url);
  assert.equal(r.status(), 200, url);
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], url);
}

async function weight(context, url) {
  const page = await context.newPage();
  let bytes = 0;
  const origins = new Set();
  page.on('response', async (r) => {
    origins.add(new URL(r.url()).origin);
    try {
      bytes += (await r.body()).length;
    } catch {}
  });
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.close();
  assert.ok(bytes < MAX_TOTAL, `${url}: ${bytes} bytes`);
  assert.deepEqual([...origins], [new URL(spona.baseURL).origin], `${url}: other origins`);
}

test('services pages pass axe and stay light; the search form works without script', async () => {
  const { context, page } = await signedIn('admin@spona.example', true);
  try {
    await page.goto('/en/services');
    const first = await page.getAttribute('ul.cards li h2 a', 'href');
    assert.ok(first, 'the demo has published services');
    for (const p of ['/en/services', first, '/sr-Cyrl/services', '/uk/services?kind=shelter']) await axe(page, p);
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: spona.baseURL });
    for (const p of ['/en/services', first]) await weight(noJs, p);
    // The search form as rendered: one word, submit.
    const p = await noJs.newPage();
    await p.goto('/en/services');
    await p.fill('#q', 'zzzz-nothing');
    await Promise.all([p.waitForURL((u) => u.searchParams.get('q') === 'zzzz-nothing'), p.click('form[role=search] button[type=submit]')]);
    assert.match(await p.textContent('main'), /No published service matches/);
    await noJs.close();
  } finally {
    await context.close();
  }
});

test('an admin gives the free places through the form', async () => {
  const { context, page } = await signedIn('admin@spona.example');
  try {
    await page.goto('/en/services');
    const links = await page.$$eval('ul.cards li h2 a', (as) => as.map((a) => a.getAttribute('href')));
    let target = null;
    for (const href of links) {
      await page.goto(href);
      if (await page.$('#free')) {
        target = href;
        break;
      }
    }
    assert.ok(target, 'a demo service counts places');
    await page.fill('#free', '1');
    await Promise.all([
      page.waitForURL((u) => u.pathname === new URL(target, spona.baseURL).pathname),
      page.click(`form[action$="/places"] button[type=submit]`),
    ]);
    assert.match(await page.textContent('main'), /One place free of \d+/);
  } finally {
    await context.close();
  }
});
