// Mail pages in the browser, JavaScript off: the one-click unsubscribe page (as anyone who
// follows the link of a list mail), the person's mail page after a bounce, the confirmation
// page of its mail, and the admin's queue page — each through axe-core (WCAG 2.1 AA, all four
// locales) and the weight budget, and each form driven as rendered: the button alone.
// The demo (`serve --demo`) marks arta@pvpt.example.org bouncing and queues one list mail to
// milan@atina.example.org; without a mail server both leave to the outbox.
//
// Run with: bash tests/browser/run.sh   (or `node --test mail.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, mailTo, startSpona } from './spona.mjs';

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
  sessions.admin = await signIn('admin@spona.example');
  sessions.arta = await signIn('arta@pvpt.example.org');
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
  const opts = { baseURL, javaScriptEnabled: js, bypassCSP: js };
  if (user) opts.storageState = sessions[user];
  return browser.newContext(opts);
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

/** The first link of this server starting with `prefix` (after the locale) in a mail. */
function linkIn(mail, prefix) {
  const m = mail.match(new RegExp(`${baseURL.replace(/[.]/g, '\\.')}(/[a-zA-Z-]+)?${prefix}[^\\s>]+`));
  assert.ok(m, `no ${prefix} link in:\n${mail}`);
  return new URL(m[0]).pathname;
}

/** axe in every locale (JavaScript on for axe) and the weight of the page (JavaScript off). */
async function axeAndWeight(name, user, path) {
  const ctx = await context(user, true);
  const page = await ctx.newPage();
  const failures = [];
  try {
    for (const loc of LOCALES) {
      const res = await page.goto(`/${loc}${path}`);
      assert.equal(res.status(), 200, `${name} ${loc}`);
      assert.equal(await page.getAttribute('html', 'lang'), loc, `${name} ${loc}: lang`);
      const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      for (const v of result.violations) failures.push(`${loc}: ${v.id} ${v.help} (${v.nodes.length})`);
    }
  } finally {
    await ctx.close();
  }
  assert.deepEqual(failures, [], `${name}: axe violations`);
  const light = await context(user);
  const page2 = await light.newPage();
  let bytes = 0;
  page2.on('requestfinished', async (r) => {
    const s = await r.sizes().catch(() => null);
    if (s) bytes += s.responseBodySize + s.responseHeadersSize;
  });
  try {
    await page2.goto(`/en${path}`);
    await page2.waitForLoadState('load');
  } finally {
    await light.close();
  }
  assert.ok(bytes <= MAX_TOTAL, `${name}: ${bytes} bytes`);
}

test('one-click unsubscribe: the link of a list mail, its page, its button', async () => {
  const mail = await mailTo(spona.dataDir, 'milan@atina.example.org', 20_000);
  assert.match(mail, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const path = linkIn(mail, '/mail/unsubscribe/');
  assert.ok(path.startsWith('/en/mail/unsubscribe/'), path);
  const bare = path.replace(/^\/en/, '');
  // Checked before the button is pressed: opening the page changes nothing.
  await axeAndWeight('unsubscribe', null, bare);
  const ctx = await context(null);
  const page = await ctx.newPage();
  try {
    await page.goto(path);
    assert.equal(await page.locator(`form[action="${path}"] button[type=submit]`).count(), 1);
    await submit(page, `form[action="${path}"] button[type=submit]`, path);
    assert.match(await page.textContent('[role=status]'), /Done/);
    // The link again: "already", and no button.
    await page.goto(path);
    assert.match(await page.textContent('main'), /already left/);
    assert.equal(await page.locator(`form[action="${path}"] button[type=submit]`).count(), 0);
  } finally {
    await ctx.close();
  }
  // A forged link: 404.
  const forged = await (await context(null)).newPage();
  const res = await forged.goto(`/en/mail/unsubscribe/${'0'.repeat(36)}.${'0'.repeat(32)}`);
  assert.equal(res.status(), 404);
});

test('a bounced address: the mail page, confirm again by mail, the confirmation page', async () => {
  await axeAndWeight('account-mail', 'arta', '/account/mail');
  const ctx = await context('arta');
  const page = await ctx.newPage();
  try {
    await page.goto('/en/account/mail');
    assert.match(await page.textContent('main'), /refused/);
    await submit(page, 'form[action="/en/account/mail/confirm"] button[type=submit]', '/en/account/mail/confirm');
    assert.match(await page.textContent('[role=status]'), /on its way/);
    const mail = await mailTo(spona.dataDir, 'arta@pvpt.example.org', 20_000);
    const path = linkIn(mail, '/mail/confirm/');
    await axeAndWeight('mail-confirm', null, path.replace(/^\/[a-zA-Z-]+(?=\/mail\/)/, ''));
    await page.goto(path);
    const lang = path.split('/')[1];
    await submit(page, `form[action="${path}"] button[type=submit]`, path);
    assert.equal(new URL(page.url()).pathname, `/${lang}/mail/confirmed`);
    await page.goto('/en/account/mail');
    assert.match(await page.textContent('main'), /is delivered/);
  } finally {
    await ctx.close();
  }
  await axeAndWeight('mail-confirmed', null, '/mail/confirmed');
});

test('axe and weight: admin mail', async () => {
  await axeAndWeight('admin-mail', 'admin', '/admin/mail');
});
