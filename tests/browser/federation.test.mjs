// Browser tests of federation (lane fed20), against two `serve --demo` servers:
//  - the forms driven as rendered, with JavaScript off: Belgrade's platform admin adds
//    Prishtina with the fingerprint read off Prishtina's page (a wrong one first: refused,
//    nothing added), names who exchanges with whom, sends a test packet;
//  - axe-core (WCAG 2.1 A and AA) on the federation overview (with and without form
//    errors), a partner's page and the packet log, in all four locales, at phone and
//    desktop widths;
//  - page weight of the overview without JavaScript (≤ 100 KB, own origin only).
//
// Run alone: cd tests/browser && node --test federation.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, WIDTHS, axeEveryLocale, pageWeight, signIn, startSpona } from './spona.mjs';

let belgrade;
let prishtina;
let browser;
let sessions = {};
let partnerPath;

before(async () => {
  belgrade = await startSpona();
  prishtina = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  sessions.belgrade = await signIn(browser, belgrade.baseURL);
  sessions.prishtina = await signIn(browser, prishtina.baseURL);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (belgrade) await belgrade.stop();
  if (prishtina) await prishtina.stop();
});

test('pairing through the forms, without JavaScript', async () => {
  const there = await browser.newContext({ baseURL: prishtina.baseURL, javaScriptEnabled: false, storageState: sessions.prishtina });
  const here = await browser.newContext({ baseURL: belgrade.baseURL, javaScriptEnabled: false, storageState: sessions.belgrade });
  try {
    const p = await there.newPage();
    await p.goto('/en/admin/federation');
    const fingerprint = (await p.locator('dd strong.fingerprint').textContent()).trim();
    assert.match(fingerprint, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$/);

    const page = await here.newPage();
    await page.goto('/en/admin/federation');
    // A wrong fingerprint: the form again, with the reason, and no partner.
    await page.fill('#url', prishtina.baseURL);
    await page.fill('#fingerprint', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    const refused = await Promise.all([page.waitForNavigation(), page.click('form[action="/en/admin/federation/partners"] button[type=submit]')]);
    assert.equal(refused[0].status(), 422);
    assert.ok(await page.locator('#fingerprint-error').isVisible());
    assert.equal(await page.locator('table tbody tr').count(), 0);
    // Read aloud, typed in lower case.
    await page.fill('#fingerprint', fingerprint.toLowerCase());
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith('/en/admin/federation/partners/')),
      page.click('form[action="/en/admin/federation/partners"] button[type=submit]'),
    ]);
    partnerPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    assert.ok(await page.locator('p.notice').isVisible());
    // Who exchanges with whom: the first organisation here with the first there.
    await Promise.all([page.waitForURL(/done=linked/), page.click('button[name=action][value=add]')]);
    assert.equal(await page.locator('form.inline button[value=remove]').count(), 1);
    // A test packet: queued (Prishtina does not exchange back yet, so it is not accepted there).
    await Promise.all([page.waitForURL(/done=queued/), page.click('button[name=action][value=ping]')]);
    await page.goto('/en/admin/federation/packets');
    assert.equal(await page.locator('tr[data-state]').count(), 1);
  } finally {
    await there.close();
    await here.close();
  }
});

const PAGES = [
  { name: 'the federation overview', load: (page, loc) => page.goto(`/${loc}/admin/federation`) },
  {
    name: 'the overview with form errors',
    status: 422,
    load: async (page, loc) => {
      await page.goto(`/${loc}/admin/federation`);
      await page.fill('#url', 'http://127.0.0.1:9/'); // a well-formed address nobody answers at
      await page.fill('#fingerprint', 'x');
      const [res] = await Promise.all([page.waitForNavigation(), page.click(`form[action="/${loc}/admin/federation/partners"] button[type=submit]`)]);
      return res;
    },
  },
  { name: "a partner's page", load: (page, loc) => page.goto(`/${loc}${partnerPath}`) },
  { name: 'the packet log', load: (page, loc) => page.goto(`/${loc}/admin/federation/packets`) },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width`, async () => {
    assert.ok(partnerPath, 'the pairing test ran first');
    const context = await browser.newContext({
      baseURL: belgrade.baseURL,
      bypassCSP: true,
      javaScriptEnabled: true,
      storageState: sessions.belgrade,
    });
    try {
      const failures = await axeEveryLocale(context, p.load, { status: p.status || 200, widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('weight: the federation overview loads in ≤ 100 KB from its own origin, without JavaScript', async () => {
  const context = await browser.newContext({ baseURL: belgrade.baseURL, javaScriptEnabled: false, storageState: sessions.belgrade });
  const w = await pageWeight(context, belgrade.baseURL, '/en/admin/federation').finally(() => context.close());
  assert.equal(w.status, 200);
  assert.deepEqual(w.foreign, []);
  assert.ok(w.wire + w.headers <= MAX_TOTAL, `federation overview: ${w.wire + w.headers} bytes`);
});
