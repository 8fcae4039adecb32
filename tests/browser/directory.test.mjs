// Browser end-to-end tests for Spona, driven through Debian's Chromium with
// JavaScript disabled (the site must work without scripts).
//
// Run with: bash tests/browser/run.sh   (or `node --test` in this folder)
// Env: SPONA_BIN      path to the spona binary (default ../../target/debug/spona)
//      CHROMIUM_PATH  path to Chromium (default /usr/bin/chromium)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, REPO, startSpona } from './spona.mjs';

const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const ADMIN_EMAIL = 'jelena@astra.example.org';

let spona;
let baseURL;
let browser;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, ...options });
  const page = await context.newPage();
  return { context, page };
}

// Clicks a form's submit button and waits for the POST it sends, failing with
// the server's answer (status and page heading) if that POST is refused,
// then waits until the browser lands on `landing` (a pathname).
async function submitForm(page, buttonSelector, postPath, landing) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === postPath),
    page.click(buttonSelector),
  ]);
  if (response.status() >= 400) {
    await page.waitForLoadState('load');
    const heading = (await page.textContent('h1').catch(() => ''))?.trim();
    const origin = await response.request().headerValue('origin');
    assert.fail(
      `POST ${postPath} answered HTTP ${response.status()} ("${heading}"); ` +
        `the browser sent Origin: ${origin}`,
    );
  }
  await page.waitForURL((u) => u.pathname === landing);
}

function countOf(text) {
  const m = /\d+/.exec(text ?? '');
  assert.ok(m, `no number in result count ${JSON.stringify(text)}`);
  return Number(m[0]);
}

test('signs in, edits an organisation and sees the change', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto('/en/signin');
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', PASSWORD);
    await submitForm(page, 'form[action="/en/signin"] button[type=submit]', '/en/signin', '/en/');

    const city = `Beograd-${Date.now()}`;
    const editResponse = await page.goto('/en/orgs/astra/edit');
    assert.equal(editResponse.status(), 200, 'edit page should be reachable for the org admin');
    await page.fill('#city', city);
    await submitForm(
      page,
      'form[action="/en/orgs/astra/edit"] button[type=submit]',
      '/en/orgs/astra/edit',
      '/en/orgs/astra',
    );

    assert.ok((await page.textContent('h1'))?.trim(), 'org page has a heading');
    const meta = await page.textContent('p.meta');
    assert.match(meta, new RegExp(`Serbia\\s*·\\s*${city}`), `meta line was ${JSON.stringify(meta)}`);

    await page.screenshot({ path: path.join(ARTIFACTS, 'org-edited.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('directory search is script-insensitive without JavaScript', async () => {
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
  try {
    const search = async (q) => {
      await page.goto('/sr-Latn/orgs');
      await page.fill('#q', q);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/sr-Latn/orgs' && u.searchParams.get('q') === q),
        page.click('form.filters button[type=submit]'),
      ]);
      return countOf(await page.textContent('#result-count'));
    };

    const cyrillic = await search('Београд');
    const latin = await search('Beograd');
    assert.ok(latin > 0, `searching "Beograd" found ${latin} organisations`);
    assert.equal(cyrillic, latin, 'Cyrillic and Latin spellings should match the same organisations');

    await page.screenshot({ path: path.join(ARTIFACTS, 'directory-search.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('the hub finds a Latin resource from a Cyrillic search, without JavaScript', async () => {
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto('/sr-Latn/resources');
    await page.fill('#q', 'заштита жртава');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/sr-Latn/resources' && u.searchParams.get('q') === 'заштита жртава'),
      page.click('form.hub-search button[type=submit]'),
    ]);
    const count = countOf(await page.textContent('.result-count'));
    assert.ok(count > 0, `a Cyrillic search found ${count} resources`);
    assert.ok((await page.locator('ol.results mark').count()) > 0, 'matched words are highlighted');
    // Krokodil's funding guide is written in Latin script.
    const link = page.locator('ol.results h2 a', { hasText: /[Ff]inansir|[Ff]ondov|donator/ }).first();
    assert.equal(await link.count(), 1, 'the Latin-script funding guide is among the results');
    await Promise.all([page.waitForURL(/\/sr-Latn\/resources\/[0-9a-f-]{36}/), link.click()]);
    const title = await page.textContent('h1');
    assert.ok(!/[\u0400-\u04FF]/.test(title), `the resource reads in Latin: ${title}`);
    assert.match(await page.textContent('article .body'), /zaštit/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hub-search.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('pages render in each locale', async () => {
  const { context, page } = await newPage();
  try {
    for (const loc of ['en', 'sr-Latn', 'sr-Cyrl', 'uk']) {
      const res = await page.goto(`/${loc}/orgs`);
      assert.equal(res.status(), 200, `/${loc}/orgs status`);
      assert.equal(await page.getAttribute('html', 'lang'), loc, `html[lang] on /${loc}/orgs`);
    }
  } finally {
    await context.close();
  }
});

test('an organisation opts in to a matching round without JavaScript', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto('/en/signin');
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', PASSWORD);
    await submitForm(page, 'form[action="/en/signin"] button[type=submit]', '/en/signin', '/en/');

    await page.goto('/en/matching');
    const href = await page.locator('.cards a').first().getAttribute('href');
    await page.goto(href);
    // The form comes filled in from ASTRA's profile; say how many partners and send it.
    await page.fill('#capacity', '1');
    await page.fill('#statement', 'We run a hotline and can share how.');
    await submitForm(page, `form[action="${href}/opt-in"] button[type=submit]`, `${href}/opt-in`, href);
    const facts = await page.textContent('dl.facts');
    assert.match(facts, /1 organisation/, `after opting in: ${facts}`);
    assert.equal(await page.locator(`form[action="${href}/opt-in"]`).count(), 0, 'no second opt-in form');
    assert.match(await page.textContent('p.notice'), /takes part in this round/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'matching-opted-in.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
