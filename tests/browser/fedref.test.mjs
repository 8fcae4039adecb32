// Browser tests of referrals across deployments (lane fed20, issue 20), against two
// `serve --demo` servers paired through their admin pages, Atina (Belgrade) exchanging with
// PVPT (Prishtina):
//  - the forms driven as rendered, with JavaScript off: Belgrade's case worker chooses PVPT's
//    service on the partner deployment in the referral form, fills only what a person must
//    (the fields the service asks for, the reason, the consent — nothing pre-ticked), sends;
//    Prishtina's case worker finds it in the list of referrals with partners and accepts it;
//    the answer shows on Belgrade's side;
//  - axe-core (WCAG 2.1 A and AA) on the list and on a referral, in all four locales, at
//    phone and desktop widths, and no horizontal scrolling at 320 px.
//
// Run alone: cd tests/browser && node --test fedref.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import {
  ADMIN,
  AXE_TAGS,
  CHROMIUM,
  LAUNCH_ARGS,
  LOCALES,
  WIDTHS,
  pairDeployments,
  signedIn,
  startSpona,
} from './spona.mjs';

const REFERRER = 'jovana@atina.example.org';
const RECEIVER = 'besa@pvpt.example.org';

let belgrade;
let prishtina;
let browser;
let referralPath;

async function context(baseURL, email, javaScriptEnabled = false) {
  const { context: ctx, page } = await signedIn(browser, baseURL, email, { js: javaScriptEnabled });
  return { ctx, page };
}

before(async () => {
  belgrade = await startSpona();
  prishtina = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await pairDeployments(browser, belgrade, prishtina, 'atina', 'pvpt');
  await pairDeployments(browser, prishtina, belgrade, 'pvpt', 'atina');
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (belgrade) await belgrade.stop();
  if (prishtina) await prishtina.stop();
});

async function eventually(what, check, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('a referral to a partner deployment through the forms, without JavaScript', async () => {
  const { ctx, page } = await context(belgrade.baseURL, REFERRER);
  try {
    await page.goto('/en/referrals/new');
    const option = page.locator('#service option[value^="fed:"]').first();
    const value = await option.getAttribute('value');
    assert.ok(value, 'a partner service in the chooser');
    await page.selectOption('#service', value);
    await Promise.all([page.waitForURL(/service=fed/), page.click('form[action="/en/referrals/new"][method=get] button[type=submit]')]);
    // Nothing pre-ticked, no override across deployments.
    assert.equal(await page.locator('input[type=checkbox]:checked, input[type=radio]:checked').count(), 0);
    assert.equal(await page.locator('#override_reason').count(), 0);
    // Only what a person must: each field the service asks for, the reason, the consent.
    const asked = await page.locator('input[name=consent_share]').evaluateAll((els) => els.map((e) => e.value));
    for (const f of asked) {
      const field = page.locator(`[name="${f}"]`);
      const tag = await field.evaluate((e) => e.tagName);
      if (tag === 'SELECT') {
        const first = await field.locator('option:not([value=""])').first().getAttribute('value');
        await field.selectOption(first);
      } else {
        await field.fill(f === 'first-name' ? 'Vesna' : 'sr');
      }
      await page.check(`#share-${f}`);
    }
    await page.fill('#reason', 'Needs a safe place to stay across the line');
    await page.fill('#consent_purpose', 'Safe accommodation');
    await page.fill('#consent_until', '2099-12-31');
    await page.check('#how-signed');
    await page.selectOption('#consent_channel', 'through-worker');
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith('/en/federation/referrals/')),
      page.click('form[action="/en/referrals/new"][method=post] button[type=submit]'),
    ]);
    referralPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    assert.equal(await page.locator('#status').getAttribute('data-status'), 'sent');
  } finally {
    await ctx.close();
  }

  const there = await context(prishtina.baseURL, RECEIVER);
  try {
    const p = there.page;
    await eventually('the referral on Prishtina', async () => {
      await p.goto('/en/federation/referrals');
      return (await p.locator('tr[data-status=sent] a').count()) === 1;
    });
    await Promise.all([p.waitForURL(/\/en\/federation\/referrals\/[^/]+$/), p.click('tr[data-status=sent] a')]);
    assert.ok((await p.content()).includes('Vesna'));
    await p.check('#a-accept');
    await Promise.all([p.waitForURL(/\/en\/federation\/referrals\/[^/]+$/), p.click('input[value=answer] ~ button[type=submit]')]);
    assert.equal(await p.locator('#status').getAttribute('data-status'), 'accepted');
  } finally {
    await there.ctx.close();
  }

  const back = await context(belgrade.baseURL, REFERRER);
  try {
    await eventually('the answer on Belgrade', async () => {
      await back.page.goto(`/en${referralPath}`);
      return (await back.page.locator('#status').getAttribute('data-status')) === 'accepted';
    });
    assert.equal(await back.page.locator('#custody').getAttribute('data-intact'), 'true');
  } finally {
    await back.ctx.close();
  }
});

const PAGES = [
  { name: 'the referrals with partners', path: () => '/federation/referrals' },
  { name: 'a referral with a partner', path: () => referralPath },
];

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width`, async () => {
    assert.ok(referralPath, 'the referral test ran first');
    const { ctx, page } = await context(belgrade.baseURL, REFERRER, true);
    const failures = [];
    try {
      for (const loc of LOCALES) {
        const res = await page.goto(`/${loc}${p.path()}`);
        assert.equal(res.status(), 200, `${p.name} ${loc}: HTTP ${res.status()}`);
        assert.equal(await page.getAttribute('html', 'lang'), loc);
        for (const viewport of WIDTHS) {
          await page.setViewportSize(viewport);
          const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
          for (const v of result.violations) {
            failures.push(`${loc} ${viewport.width}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
          }
        }
        await page.setViewportSize({ width: 320, height: 844 });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        if (wide) failures.push(`${loc}: horizontal scrolling at 320 px`);
      }
    } finally {
      await ctx.close();
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}
