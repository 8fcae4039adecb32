// Working groups in the browser, JavaScript off: each new page type through axe-core
// (WCAG 2.1 AA, all four locales) and the weight budget, and each new form driven as
// rendered — filling only what a person must and keeping the defaults.
//
// Run with: bash tests/browser/run.sh   (or `node --test groups.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, startSpona } from './spona.mjs';

const LOCALES = ['en', 'sr-Latn', 'sr-Cyrl', 'uk'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TOTAL = 100 * 1024;

let spona;
let baseURL;
let browser;
const sessions = {};

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  sessions.jelena = await signIn('jelena@astra.example.org');
  sessions.oksana = await signIn('oksana@zmina.example.org');
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

async function signIn(email) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/signin');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/en/'), page.click('form[action="/en/signin"] button[type=submit]')]);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function context(user, js = false) {
  return browser.newContext({ baseURL, javaScriptEnabled: js, bypassCSP: js, storageState: sessions[user] });
}

/** Clicks `button` and expects the POST it sends to be answered with a redirect. */
async function submit(page, button, postPath) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === postPath),
    page.click(button),
  ]);
  assert.equal(response.status(), 303, `POST ${postPath} answered ${response.status()}`);
  await page.waitForLoadState('load');
}

/** The demo's NAP group and its first thread, found through the pages. */
async function napGroup(page) {
  await page.goto('/en/groups');
  const href = await page.locator('a[href^="/en/groups/0"]').first().getAttribute('href');
  await page.goto(href);
  const thread = await page.locator('a[href^="/en/discussions/"]').first().getAttribute('href');
  return { group: new URL(href, baseURL).pathname.replace('/en', ''), thread: new URL(thread, baseURL).pathname.replace('/en', '') };
}

test('forms: create a group, start a thread, reply, follow, join, preferences', async () => {
  const ctx = await context('jelena');
  const page = await ctx.newPage();
  try {
    await page.goto('/en/groups/new');
    await page.fill('#name', 'Cultural exchange');
    await submit(page, 'form[action="/en/groups/new"] button[type=submit]', '/en/groups/new');
    assert.match(await page.textContent('h1'), /Cultural exchange/);
    const group = new URL(page.url()).pathname;
    await page.fill('#title', 'First meeting');
    await page.fill('#body', 'When can we meet?');
    await submit(page, 'button:has-text("Start the discussion")', `${group}/threads`);
    const thread = new URL(page.url()).pathname;
    await page.fill('#body', 'Thursday works for me.');
    await submit(page, 'button:has-text("Send the reply")', `${thread}/replies`);
    assert.ok((await page.content()).includes('Thursday works for me.'));
    await submit(page, 'button:has-text("Follow")', `${thread}/choice`);
    await page.goto('/en/groups/preferences');
    await submit(page, 'form[action="/en/groups/preferences"] button[type=submit] >> nth=0', '/en/groups/preferences');
  } finally {
    await ctx.close();
  }
  const other = await context('oksana');
  const p2 = await other.newPage();
  try {
    await p2.goto('/en/groups');
    await p2.click('a:has-text("Cultural exchange")');
    const group = new URL(p2.url()).pathname;
    await submit(p2, 'button:has-text("Ask to join")', `${group}/join`);
    assert.ok((await p2.content()).includes('You asked to join'));
  } finally {
    await other.close();
  }
});

test('forms: a reply with a file, as a browser sends it without JavaScript', async () => {
  const ctx = await context('jelena');
  const page = await ctx.newPage();
  try {
    const { thread } = await napGroup(page);
    await page.goto(`/en${thread}`);
    await page.fill('#body', 'The minutes are attached.');
    await page.setInputFiles('#files', {
      name: 'zapisnik.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    });
    await submit(page, 'button:has-text("Send the reply")', `/en${thread}/replies`);
    const link = page.locator('a:has-text("zapisnik.pdf")');
    assert.equal(await link.count(), 1);
    const response = await page.request.get(await link.getAttribute('href'));
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
  } finally {
    await ctx.close();
  }
});

const PAGES = [
  { name: 'groups', path: async () => '/groups' },
  { name: 'group-new', path: async () => '/groups/new' },
  { name: 'group', path: async (page) => (await napGroup(page)).group },
  { name: 'thread', path: async (page) => (await napGroup(page)).thread },
  { name: 'groups-search', path: async () => '/groups/search?q=izbeglica' },
  { name: 'group-preferences', path: async () => '/groups/preferences' },
];

for (const p of PAGES) {
  test(`axe and weight: ${p.name}`, async () => {
    const ctx = await context('jelena', true);
    const page = await ctx.newPage();
    const failures = [];
    try {
      const path = await p.path(page);
      for (const loc of LOCALES) {
        const res = await page.goto(`/${loc}${path}`);
        assert.equal(res.status(), 200, `${p.name} ${loc}`);
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const v of result.violations) failures.push(`${loc}: ${v.id} ${v.help} (${v.nodes.length})`);
      }
    } finally {
      await ctx.close();
    }
    assert.deepEqual(failures, [], `${p.name}: axe violations`);
    const light = await context('jelena');
    const page2 = await light.newPage();
    let bytes = 0;
    page2.on('requestfinished', async (r) => {
      const s = await r.sizes().catch(() => null);
      if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    });
    try {
      const path = await p.path(await light.newPage());
      await page2.goto(`/en${path}`);
      await page2.waitForLoadState('load');
    } finally {
      await light.close();
    }
    assert.ok(bytes <= MAX_TOTAL, `${p.name}: ${bytes} bytes`);
  });
}
