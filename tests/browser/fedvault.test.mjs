// Browser tests of vault items shared with an organisation on a partner deployment (lane
// fedvault, issue 20), against two `serve --demo` servers paired through their admin pages,
// Atina (Belgrade) exchanging with PVPT (Prishtina):
//  - the forms driven as rendered, with JavaScript off: Atina's case worker opens a case with
//    a testimony; on the item's page the consent form offers PVPT on the partner deployment,
//    unticked; ticked and saved, the share form offers it (nothing chosen in advance); the
//    untouched share form is kept by the browser and refused by the server; chosen and sent,
//    the item travels and Prishtina's packet log shows the `vault-item` packet received;
//  - axe-core (WCAG 2.1 A and AA) on the item page with both forms, in all four locales, at
//    phone and desktop widths, and no horizontal scrolling at 320 px.
//
// Run alone: cd tests/browser && node --test fedvault.test.mjs

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
  openVaultCase,
  pairDeployments,
  signedIn,
  startSpona,
} from './spona.mjs';

const LEAD = 'jovana@atina.example.org';

let belgrade;
let prishtina;
let browser;
let itemPath;

async function context(baseURL, email, javaScriptEnabled = false) {
  const { context: ctx, page } = await signedIn(browser, baseURL, email, { js: javaScriptEnabled });
  return { ctx, page };
}

async function eventually(what, check, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

// Clicks `button` and returns the POST's own response.
async function submit(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click(button),
  ]);
  await page.waitForLoadState('load');
  return response;
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

test('form vault-share: a testimony given to a partner deployment\'s organisation, without JavaScript', async () => {
  const { ctx, page } = await context(belgrade.baseURL, LEAD);
  try {
    const { caseId, itemId } = await openVaultCase(page, 'A case shared across the border');
    itemPath = `/vault/cases/${caseId}/items/${itemId}`;
    await page.goto(`/en${itemPath}`);
    // Consent names nobody yet: no share form, a sentence saying why.
    assert.equal(await page.locator('#share-org').count(), 0);
    // The consent form offers PVPT on Prishtina, unticked; a person ticks it and saves.
    const partner = page.locator('input[name=share_with][value^="fed:"]');
    assert.equal(await partner.count(), 1, 'PVPT on the partner deployment is offered');
    assert.equal(await partner.isChecked(), false);
    const target = await partner.getAttribute('value');
    await partner.check();
    const saved = await submit(page, 'button[name=action][value=update]');
    assert.equal(saved.status(), 303);
    await page.goto(`/en${itemPath}`);

    // The share form offers it, nothing chosen in advance.
    assert.equal(await page.locator('#share-org').inputValue(), '');
    assert.deepEqual(
      await page.locator('#share-org option').evaluateAll((os) => os.map((o) => o.value)),
      ['', target],
    );
    const button = `form[action$="${itemId}/share"] button[type=submit]`;
    // Untouched: the browser keeps it (a choice is required); sent anyway, the server refuses.
    const before = page.url();
    await page.click(button);
    await page.waitForTimeout(300);
    assert.equal(page.url(), before, 'the browser keeps the untouched share form');
    await page.locator(button).evaluate((b) => { b.form.noValidate = true; });
    const untouched = await submit(page, button);
    assert.equal(untouched.status(), 400);
    assert.match(await page.textContent('main'), /Choose an organisation from the list/);

    // Chosen and sent: back on the item's page.
    await page.goto(`/en${itemPath}`);
    await page.selectOption('#share-org', target);
    const sent = await submit(page, button);
    assert.equal(sent.status(), 303);
    assert.equal(new URL(page.url()).pathname, `/en${itemPath}`);
  } finally {
    await ctx.close();
  }

  // Prishtina's packet log shows the item packet received.
  const there = await context(prishtina.baseURL, ADMIN);
  try {
    await eventually('the vault item on Prishtina', async () => {
      await there.page.goto('/en/admin/federation/packets');
      return (await there.page.content()).includes('vault-item');
    });
  } finally {
    await there.ctx.close();
  }
});

test('axe: an item page with the consent and share forms has no WCAG 2.1 AA violations in any locale or width', async () => {
  assert.ok(itemPath, 'the share test ran first');
  const { ctx, page } = await context(belgrade.baseURL, LEAD, true);
  const failures = [];
  try {
    for (const loc of LOCALES) {
      const res = await page.goto(`/${loc}${itemPath}`);
      assert.equal(res.status(), 200, `${loc}: HTTP ${res.status()}`);
      assert.equal(await page.getAttribute('html', 'lang'), loc);
      assert.equal(await page.locator('#share-org').count(), 1);
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
