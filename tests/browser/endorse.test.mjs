// Endorsement campaigns in the browser (lane endorse), against `serve --demo`:
//  - axe-core (WCAG 2.1 A and AA) on the campaigns list, the demo campaign (the Balkans
//    Declaration, a few hundred endorsements with counts per country), its form with errors,
//    the "check your mail" page, the confirmation link's page, the thank-you page, and for
//    its coordinator the review (with a preview) and the form that opens a campaign — in all
//    four locales, at phone and desktop widths, no horizontal scrolling at 320 px;
//  - page weight of the campaign page without JavaScript (own origin only);
//  - the forms driven as rendered with JavaScript off: endorsing (name, country, address;
//    the organisation left empty), the confirmation page's one button (the link from the
//    outbox; opening it alone confirms nothing), and the review's preview then invalidation.
//
// Run alone: cd tests/browser && node --test --test-timeout=900000 endorse.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, WIDTHS, axeEveryLocale, pageWeight, signIn, submit, startSpona } from './spona.mjs';

const JELENA = 'jelena@astra.example.org';

let spona;
let baseURL;
let browser;
let session;
let campaign;

/** The newest confirmation link (path) in the outbox to `address`. */
async function outboxLink(address) {
  const dir = path.join(spona.dataDir, 'outbox');
  for (let i = 0; i < 100; i++) {
    const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.eml')).sort().reverse();
    for (const n of names) {
      const text = (await readFile(path.join(dir, n), 'utf8')).replace(/=\r?\n/g, '');
      if (text.toLowerCase().includes(`to: ${address}`)) {
        const m = text.match(/https?:\/\/[^\s]+\/campaigns\/confirm\/[0-9a-f]{64}/);
        if (m) return new URL(m[0]).pathname.replace(/^\/[^/]+/, '');
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no confirmation mail to ${address}`);
}

/** The confirmed total on the campaign's JSON. */
async function confirmed() {
  const r = await fetch(`${baseURL}/api/v1/campaigns/${campaign}`);
  return (await r.json()).confirmed;
}

before(async () => {
  // Every page load below endorses from 127.0.0.1: lift the per-address limit for this
  // server (the e2e tests check the limits).
  process.env.SPONA_ENDORSE_LIMITS = '100000,100000';
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  session = await signIn(browser, baseURL, JELENA);
  const r = await fetch(`${baseURL}/api/v1/campaigns`);
  const items = (await r.json()).items;
  const demo = items.find((c) => c.title.startsWith('Support the Balkans Declaration'));
  assert.ok(demo, 'the demo campaign');
  assert.ok(demo.confirmed >= 200, `a few hundred endorsements (${demo.confirmed})`);
  campaign = demo.id;
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

const endorseWithErrors = async (page, loc) => {
  await page.goto(`/${loc}/campaigns/${campaign}`);
  await page.fill('#name', 'Axe Tester');
  await page.fill('#email', 'axe@mailinator.com');
  return submit(page, 'main form[method=post] button[type=submit]');
};

let axeToken = 0;
const confirmPage = async (page, loc) => {
  // A fresh endorsement per load, so that its link is still unused.
  const address = `axe.${Date.now()}.${axeToken++}@example.org`;
  const r = await fetch(`${baseURL}/en/campaigns/${campaign}`);
  const cookie = r.headers.get('set-cookie') || '';
  const csrf = (await r.text()).match(/name="csrf" value="([^"]+)"/)[1];
  await fetch(`${baseURL}/en/campaigns/${campaign}/endorse`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie.split(';')[0] },
    body: new URLSearchParams({ csrf, name: 'Axe Tester', country: 'ME', organisation: '', email: address }),
  });
  return page.goto(`/${loc}${await outboxLink(address)}`);
};

const PAGES = [
  { name: 'campaigns', user: false, load: (page, loc) => page.goto(`/${loc}/campaigns`) },
  { name: 'campaign', user: false, load: (page, loc) => page.goto(`/${loc}/campaigns/${campaign}`) },
  { name: 'campaign-errors', user: false, status: 422, load: endorseWithErrors },
  { name: 'campaign-sent', user: false, load: (page, loc) => page.goto(`/${loc}/campaigns/${campaign}/sent`) },
  { name: 'campaign-confirm', user: false, load: confirmPage },
  { name: 'campaign-confirmed', user: false, load: (page, loc) => page.goto(`/${loc}/campaigns/${campaign}/confirmed`) },
  { name: 'campaign-review', user: true, load: (page, loc) => page.goto(`/${loc}/campaigns/${campaign}/review?domain=example.org`) },
  { name: 'campaign-new', user: true, load: (page, loc) => page.goto(`/${loc}/campaigns/new`) },
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

test('weight: the campaign page with its counts loads from its own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await pageWeight(context, baseURL, `/en/campaigns/${campaign}`).finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `campaign: ${w.wire + w.headers} bytes`);
});

test('a person endorses and confirms through the forms as rendered, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const before = await confirmed();
    await page.goto(`/en/campaigns/${campaign}`);
    // Nothing is chosen for the person.
    assert.equal(await page.inputValue('#country'), '');
    await page.fill('#name', 'Mirela Hodžić');
    await page.selectOption('#country', 'BA');
    const address = `mirela.${Date.now()}@example.org`;
    await page.fill('#email', address);
    let res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `endorsing answered ${res.status()}`);
    assert.match(page.url(), /\/sent$/);
    assert.match(await page.textContent('main'), /Check your e-mail/);

    const link = await outboxLink(address);
    await page.goto(`/en${link}`);
    assert.match(await page.textContent('main'), /Mirela Hodžić \(Bosnia and Herzegovina\)/);
    assert.equal(await confirmed(), before, 'opening the link confirms nothing');
    assert.equal(await page.locator('main button[type=submit]').count(), 1);
    res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `confirming answered ${res.status()}`);
    assert.match(page.url(), /\/confirmed$/);
    assert.equal(await confirmed(), before + 1);
    // The link again: it was used.
    const again = await page.goto(`/en${link}`);
    assert.equal(again.status(), 409);
    assert.match(await page.textContent('main'), /confirmed already/);
  } finally {
    await context.close();
  }
});

test('the coordinator previews a domain, then invalidates it with one button', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: session });
  try {
    const page = await context.newPage();
    const before = await confirmed();
    await page.goto(`/en/campaigns/${campaign}/review`);
    assert.doesNotMatch(await page.textContent('main'), /@/, 'no address is shown');
    await page.fill('#domain', 'example.mk');
    await Promise.all([page.waitForURL(/domain=example\.mk/), page.click('main form[method=get] button[type=submit]')]);
    const text = await page.textContent('main');
    const m = text.match(/This selects (\d+) confirmed/);
    assert.ok(m && Number(m[1]) > 0, text);
    const res = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(res.status(), 303, `invalidating answered ${res.status()}`);
    assert.match(await page.textContent('main'), /endorsements? invalidated/);
    assert.equal(await confirmed(), before - Number(m[1]));
  } finally {
    await context.close();
  }
});
