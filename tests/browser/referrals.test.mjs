// Referrals in the browser (issue 19), as the demo case worker of Atina: the navigation
// shows referrals to case workers only; axe (WCAG 2.1 AA) and first-load weight on the list,
// a referral's page, the new-referral form, the intake form and the statistics; the intake
// form and a new referral driven as rendered with JavaScript off, filling only what a person
// must, and no consent box or radio pre-selected.
//
// Run alone: cd tests/browser && node --test referrals.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, startSpona } from './spona.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TOTAL = 100 * 1024;
const WORKER = 'jovana@atina.example.org';

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
  const context = await browser.newContext({
    javaScriptEnabled: js,
    bypassCSP: js,
    baseURL: spona.baseURL,
  });
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
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    [],
    url,
  );
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
  const res = await page.goto(url);
  assert.equal(res.status(), 200, url);
  await page.waitForLoadState('load');
  await page.close();
  assert.ok(bytes < MAX_TOTAL, `${url}: ${bytes} bytes`);
  assert.deepEqual([...origins], [new URL(spona.baseURL).origin], `${url}: other origins`);
  return bytes;
}

// The first referral listed, and the service chooser's address for a PVPT service.
async function firstReferral(page) {
  await page.goto('/en/referrals');
  const href = await page.getAttribute('table a[href*="/referrals/"]', 'href');
  assert.ok(href, 'the demo has referrals');
  return new URL(href, spona.baseURL).pathname;
}

test('the navigation shows referrals to case workers only', async () => {
  const worker = await signedIn(WORKER);
  try {
    await worker.page.goto('/en/');
    assert.equal(await worker.page.locator('nav a[href="/en/referrals"]').count(), 1);
    assert.equal(await worker.page.locator('nav a[href="/en/referrals/intake"]').count(), 1);
  } finally {
    await worker.context.close();
  }
  // A member of the same organisation who is no case worker sees neither link.
  const member = await signedIn('milan@atina.example.org');
  try {
    await member.page.goto('/en/');
    assert.equal(await member.page.locator('a[href^="/en/referrals"]').count(), 0);
  } finally {
    await member.context.close();
  }
});

test('referral pages pass axe and stay light', async () => {
  const { context, page } = await signedIn(WORKER, true);
  try {
    const referral = await firstReferral(page);
    await page.goto('/en/referrals/new');
    const service = await page.getAttribute('#service option:nth-child(2)', 'value');
    assert.ok(service, 'the chooser offers a service');
    const pages = [
      '/en/referrals',
      referral,
      '/en/referrals/new',
      `/en/referrals/new?service=${service}`,
      '/en/referrals/intake',
      '/en/referrals/stats',
      '/uk/referrals',
      '/sr-Cyrl/referrals/intake',
    ];
    for (const p of pages) await axe(page, p);
    const noJs = await signedIn(WORKER);
    try {
      for (const p of pages.slice(0, 6)) {
        const bytes = await weight(noJs.context, p);
        console.log(`weight ${p}: ${bytes} bytes`);
      }
    } finally {
      await noJs.context.close();
    }
  } finally {
    await context.close();
  }
});

test('a case worker takes an intake as the form offers it', async () => {
  const { context, page } = await signedIn(WORKER);
  try {
    await page.goto('/en/referrals/intake');
    // Nothing pre-selected: every safety answer and the channel wait for the person's answer.
    assert.equal(await page.locator('form input[type=radio]:checked, form input[type=checkbox]:checked').count(), 0);
    // Only what a person must answer: in danger now, safe to talk, call or walk-in.
    await page.check('#danger-no');
    await page.check('#safe-yes');
    await page.check('#channel-call');
    await Promise.all([
      page.waitForURL((u) => /\/en\/referrals\/intake\/[0-9a-f-]+$/.test(u.pathname)),
      page.click('form[action="/en/referrals/intake"] button[type=submit]'),
    ]);
    assert.equal((await page.request.get(new URL(page.url()).pathname)).status(), 200);
  } finally {
    await context.close();
  }
});

test('a case worker refers a person to a PVPT service with consent', async () => {
  const { context, page } = await signedIn(WORKER);
  try {
    await page.goto('/en/referrals/new');
    const label = await page.locator('#service option', { hasText: 'Reintegration' }).first().textContent();
    await page.selectOption('#service', { label: label.trim() });
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('service')),
      page.click('form[action="/en/referrals/new"] button[type=submit]'),
    ]);
    const form = 'form[method="post"][action="/en/referrals/new"]';
    // No consent box, radio or the urgent box is ticked before the worker does.
    assert.equal(await page.locator(`${form} input[type=checkbox]:checked, ${form} input[type=radio]:checked`).count(), 0);
    // Only what a person must: one field of the person, the reason, and the consent.
    await page.fill('#first-name', 'Test Person Z');
    await page.fill('#reason', 'Asks for a vocational course (browser test).');
    await page.check('#share-first-name');
    await page.fill('#consent_purpose', 'Vocational course in Mitrovica');
    await page.fill('#consent_until', '2099-12-31');
    await page.check('#how-signed');
    await page.selectOption('#consent_channel', 'through-worker');
    await Promise.all([
      page.waitForURL((u) => /\/en\/referrals\/[0-9a-f-]{36}$/.test(u.pathname)),
      page.click(`${form} button[type=submit]`),
    ]);
    assert.match(await page.textContent('main'), /Test Person Z/);
    // The receiving case worker sees it in the list.
    const besa = await signedIn('besa@pvpt.example.org');
    try {
      const path = new URL(page.url()).pathname;
      await besa.page.goto('/en/referrals');
      assert.equal(await besa.page.locator(`a[href="${path}"]`).count(), 1);
    } finally {
      await besa.context.close();
    }
  } finally {
    await context.close();
  }
});
