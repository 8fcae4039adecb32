// The service form in the browser (issue 19): axe (WCAG 2.1 AA) on the new form, the form
// shown again with errors, the edit form and the organisation page with its services;
// first-load weight of the form; and an organisation's admin adding a service as rendered
// (JavaScript off): only the kind and the name filled, the defaults kept, a row of hours
// added with its button on the way, landing on the service page; then editing it with
// Enter in the name field (which saves, never adds a row); a wrong text row and location
// row each carrying its own message.
//
// Run alone: cd tests/browser && node --test svcform.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, startSpona } from './spona.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TOTAL = 100 * 1024;
const ADMIN = 'jelena@astra.example.org';

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

async function axeHere(page, what) {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
}

async function axe(page, url) {
  const r = await page.goto(url);
  assert.equal(r.status(), 200, url);
  await axeHere(page, url);
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

const SERVICE_PAGE = /\/en\/services\/[0-9a-f-]{36}$/;

test('the service form, its errors, the edit form and the organisation page pass axe', async () => {
  // The platform admin: may edit Atina's demo services (ASTRA has none in the demo).
  const { context, page } = await signedIn('admin@spona.example', true);
  try {
    await axe(page, '/en/services/new');
    await axe(page, '/sr-Cyrl/services/new');
    await axe(page, '/uk/services/new');
    // Submitted empty: shown again with 422 and the messages next to the fields.
    await page.goto('/en/services/new');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[name=action][value=draft]:not(.default-submit)'),
    ]);
    assert.equal(response.status(), 422);
    assert.match(await page.textContent('.error-summary'), /Give the service a name/);
    await axeHere(page, 'the form with errors');
    await axe(page, '/en/orgs/atina');
    await page.goto('/en/orgs/atina');
    const service = await page.getAttribute('section[aria-labelledby=services-h] li a', 'href');
    assert.ok(service, 'Atina lists its services');
    await axe(page, `${service}/edit`);
    const noJs = await signedIn(ADMIN, false);
    await weight(noJs.context, '/en/services/new');
    await noJs.context.close();
  } finally {
    await context.close();
  }
});

test('an admin adds a service filling only what must be filled, then renames it', async () => {
  const { context, page } = await signedIn(ADMIN);
  try {
    await page.goto('/en/orgs/astra');
    await Promise.all([page.waitForURL((u) => u.pathname === '/en/services/new'), page.click('a[href="/en/services/new?org=astra"]')]);
    await page.fill('#name', 'Browser test helpline');
    // One more row of hours, without script: the form comes back with the name kept.
    const rows = await page.locator('select[name=hour_day]').count();
    await Promise.all([page.waitForLoadState('load'), page.click('button[name=add][value=hours]')]);
    assert.equal(await page.locator('select[name=hour_day]').count(), rows + 1);
    assert.equal(await page.inputValue('#name'), 'Browser test helpline');
    await page.selectOption('#kind', 'hotline');
    await Promise.all([
      page.waitForURL((u) => SERVICE_PAGE.test(u.pathname)),
      page.click('button[name=action][value=draft]:not(.default-submit)'),
    ]);
    assert.equal((await page.textContent('h1')).trim(), 'Browser test helpline');
    assert.match(await page.textContent('main'), /Draft, not public/);
    const servicePath = new URL(page.url()).pathname;

    // Rename it: Enter in the name field saves.
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/edit')), page.click(`a[href="${servicePath}/edit"]`)]);
    await page.fill('#name', 'Browser test helpline, renamed');
    await Promise.all([page.waitForURL((u) => u.pathname === servicePath), page.press('#name', 'Enter')]);
    assert.equal((await page.textContent('h1')).trim(), 'Browser test helpline, renamed');
  } finally {
    await context.close();
  }
});

test('a text row and a location row that are wrong carry their own messages', async () => {
  // Script on only for axe at the end; the form itself has none.
  const { context, page } = await signedIn(ADMIN, true);
  try {
    await page.goto('/en/services/new?org=astra');
    await page.selectOption('#kind', 'hotline');
    await page.fill('#name', 'Row errors helpline');
    // A second text row, in the same language as the first: refused at that row.
    await Promise.all([page.waitForLoadState('load'), page.click('button[name=add][value=text]')]);
    await page.selectOption('#text_lang-2', await page.inputValue('#text_lang-1'));
    await page.fill('#name-2', 'Twice');
    // A location with an address but no city and no country: refused at its row.
    await page.fill('#loc_address-1', 'Ulica 1');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[name=action][value=draft]:not(.default-submit)'),
    ]);
    assert.equal(response.status(), 422);
    const textRows = page.locator('#texts .row-group');
    assert.equal(await textRows.nth(0).locator('.field-error').count(), 0, 'the first text is right');
    assert.match(await textRows.nth(1).locator('.field-error').textContent(), /\S/);
    assert.equal(await page.getAttribute('#text_lang-2', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#text_lang-2', 'aria-describedby'), 'texts-2-error');
    const locRow = page.locator('#locations .row-group').nth(0);
    assert.match(await locRow.locator('.field-error').textContent(), /\S/);
    assert.equal(await page.getAttribute('#loc_city-1', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#loc_city-1', 'aria-describedby'), 'locations-1-error');
    // Nothing at the top of the two fieldsets: each message is at its row.
    assert.equal(await page.locator('#texts > .field-error').count(), 0);
    assert.equal(await page.locator('#locations > .field-error').count(), 0);
    assert.equal(await page.inputValue('#name-2'), 'Twice', 'values kept');
    await axeHere(page, 'the form with row errors');
  } finally {
    await context.close();
  }
});
