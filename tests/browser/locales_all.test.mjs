// Every page type of pages.test.mjs in the five newer interface locales (issue 25: "the
// browser checks (axe, weight) on every page type in all nine locales at two widths").
// pages.test.mjs covers en, sr-Latn, sr-Cyrl and uk; this file covers sq, mk, bs, hr and cnr.
//
// Affordable by design (the cost is axe, not loading):
//  - one browser context per locale and user (anonymous, jelena, admin, iryna), each with one
//    page that every page type reuses, the cache switched off through CDP so that each load
//    is a first load; no context is made per page type;
//  - the five locales of a page type run side by side (five pages at once);
//  - each page type is loaded once per locale, at 1280 px: status, `<html lang>`, the page
//    type's own check, its weight (every response's body and headers, ≤ 100 KB or the page
//    type's own budget, nothing from another origin) and no horizontal scrolling; then the
//    same page is narrowed to 390 px (the layout follows without a reload; the pages have no
//    srcset or media-dependent resource, so the weight is the same at both widths) for axe
//    (WCAG 2.1 A and AA) and the reflow checks at 390 and 320 px.
// axe runs at phone width only; pages.test.mjs runs it at desktop width in English, and
// locales.test.mjs at both widths on a representative set in these five locales.
//
// Run: cd tests/browser && node --test --test-timeout=900000 locales_all.test.mjs
// It prints how long it took (`locales_all: … s`).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS, CHROMIUM, LAUNCH_ARGS, PASSWORD, mailTo, startSpona } from './spona.mjs';
import { PAGES, setInvitePath } from './page_types.mjs';

const NEW_LOCALES = ['sq', 'mk', 'bs', 'hr', 'cnr'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const MAX_TOTAL = 100 * 1024;
const USERS = {
  jelena: 'jelena@astra.example.org',
  admin: 'admin@spona.example',
  iryna: 'iryna@mentors.example.org',
};

let spona;
let baseURL;
let browser;
const sessions = {};
/** `${locale} ${user}` → the page every page type of that locale and user reuses. */
const pages = new Map();
const started = Date.now();
let axeRuns = 0;

async function signIn(user) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/en/signin');
    await page.fill('#email', USERS[user]);
    await page.fill('#password', PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/en/'),
      page.click('form[action="/en/signin"] button[type=submit]'),
    ]);
    sessions[user] = await context.storageState();
  } finally {
    await context.close();
  }
}

/** An invitation of ASTRA's, for the `invite-accept` page type (as pages.test.mjs makes it). */
async function createInvitation() {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: sessions.jelena });
  try {
    const page = await context.newPage();
    await page.goto('/en/orgs/astra/people');
    const invitee = `invitee-all-${Date.now()}@example.org`;
    await page.fill('#email', invitee);
    await page.selectOption('#role', 'member');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('form[action="/en/orgs/astra/invite"] button[type=submit]'),
    ]);
    const mail = await mailTo(spona.dataDir, invitee);
    const link = mail.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
    assert.ok(link, 'the invitation mail holds the link');
    setInvitePath(new URL(link).pathname.replace(/^\/[A-Za-z-]+(?=\/invite\/)/, ''));
  } finally {
    await context.close();
  }
}

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  for (const u of Object.keys(USERS)) await signIn(u);
  await createInvitation();
});

after(async () => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `locales_all: ${PAGES.length} page types × ${NEW_LOCALES.length} locales, ${axeRuns} axe runs, in ${seconds} s`,
  );
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

/** The reused page of `loc` and `user` (made on first use). */
async function pageFor(loc, user) {
  const key = `${loc} ${user ?? '-'}`;
  if (!pages.has(key)) {
    pages.set(
      key,
      (async () => {
        const context = await browser.newContext({
          baseURL,
          javaScriptEnabled: true,
          bypassCSP: true,
          viewport: DESKTOP,
          storageState: user ? sessions[user] : undefined,
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        return page;
      })(),
    );
  }
  return pages.get(key);
}

const scrolls = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The failures of one page type in one locale. */
async function checkOne(page, p, loc) {
  const out = [];
  await page.setViewportSize(DESKTOP);
  if (p.prepare) await p.prepare(page, loc);
  const origin = new URL(baseURL).origin;
  const sizes = [];
  const foreign = [];
  const onFinished = (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:')) foreign.push(request.url());
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  };
  page.on('requestfinished', onFinished);
  let res;
  try {
    res = await p.load(page, loc);
    await page.waitForLoadState('load');
  } finally {
    page.off('requestfinished', onFinished);
  }
  const want = p.status || [200];
  if (!res || !want.includes(res.status())) {
    return [`${loc}: ${res?.url()} answered HTTP ${res?.status()}, expected ${want.join(' or ')}`];
  }
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== loc) out.push(`${loc}: html lang=${lang}`);
  if (p.check) await p.check(page);
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  const limit = p.maxTotal ?? MAX_TOTAL;
  if (total > limit) out.push(`${loc}: weight ${total} bytes > ${limit}`);
  if (foreign.length) out.push(`${loc}: requests to other origins: ${foreign.join(', ')}`);
  if (await scrolls(page)) out.push(`${loc} 1280: horizontal scrolling`);
  await page.setViewportSize(PHONE);
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  axeRuns += 1;
  if (result.passes.length === 0) out.push(`${loc}: axe ran no check`);
  for (const v of result.violations) {
    out.push(`${loc} 390: ${v.id} ${v.help} (${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('; ')})`);
  }
  if (await scrolls(page)) out.push(`${loc} 390: horizontal scrolling`);
  await page.setViewportSize({ width: 320, height: PHONE.height });
  if (await scrolls(page)) out.push(`${loc} 320: horizontal scrolling`);
  return out;
}

for (const p of PAGES) {
  test(`${p.name}: axe, weight and reflow in ${NEW_LOCALES.join(', ')}`, async () => {
    const failures = await Promise.all(
      NEW_LOCALES.map(async (loc) => {
        const page = await pageFor(loc, p.user);
        try {
          return await checkOne(page, p, loc);
        } catch (e) {
          return [`${loc}: ${e.message.split('\n')[0]}`];
        }
      }),
    );
    const all = failures.flat();
    assert.deepEqual(all, [], `${p.name}:\n${all.join('\n')}`);
  });
}
