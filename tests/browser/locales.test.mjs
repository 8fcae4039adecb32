// Browser checks of the five interface locales of issue 25 (Albanian, Macedonian, Bosnian,
// Croatian, Montenegrin), against `serve --demo`. They are not in spona.mjs's LOCALES (that
// would double every other file's time); this file walks the page types of pages.test.mjs
// that load by address, in the five, and checks:
//  - the HTTP status and `<html lang>`;
//  - no raw message id (`hub-title`, `nav-home`…) and no missing-key marker in the text;
//  - the language switcher names every language in its own language and opens on a phone;
//  - no horizontal scrolling at 320 px, at 390 and 1280 px;
//  - axe-core (WCAG 2.1 A and AA) on a representative set (home, directory, an organisation,
//    resources, a resource in Albanian, sign-in, account), in a JS-enabled context with
//    bypassCSP as axe needs.
// The language switcher is also driven with JavaScript off: open it, follow Hrvatski.
//
// Run alone: cd tests/browser && node --test --test-timeout=900000 locales.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM, LAUNCH_ARGS, REPO, axeViolations, signIn, startSpona } from './spona.mjs';

const NEW_LOCALES = ['sq', 'mk', 'bs', 'hr', 'cnr'];
const ENDONYMS = ['English', 'Srpski (latinica)', 'Српски (ћирилица)', 'Українська', 'Shqip', 'Македонски', 'Bosanski', 'Hrvatski', 'Crnogorski'];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
const JELENA = 'jelena@astra.example.org';
const ADMIN = 'admin@spona.example';

// The page types of pages.test.mjs that load by address (path without locale), by user.
const PAGES = [
  ['home', null, '/'],
  ['home-signed-in', 'jelena', '/'],
  ['directory', null, '/orgs'],
  ['directory-filtered', null, '/orgs?country=RS&theme=anti-trafficking'],
  ['org-astra', null, '/orgs/astra'],
  ['org-pvpt', null, '/orgs/pvpt'],
  ['org-open-gate', null, '/orgs/open-gate-la-strada'],
  ['networks', null, '/networks'],
  ['network-bridge', null, '/networks/bridge'],
  ['signin', null, '/signin'],
  ['reset', null, '/reset'],
  ['accessibility', null, '/about/accessibility'],
  ['account', 'jelena', '/account'],
  ['account-totp', 'jelena', '/account/totp'],
  ['org-edit', 'jelena', '/orgs/astra/edit'],
  ['people', 'jelena', '/orgs/astra/people'],
  ['admin-users', 'admin', '/admin/users'],
  ['admin-audit', 'admin', '/admin/audit'],
  ['org-new', 'admin', '/orgs/new'],
  ['matching', 'jelena', '/matching'],
  ['matching-new', 'admin', '/matching/new'],
  ['resources', null, '/resources'],
  ['resource-new', 'jelena', '/resources/new'],
  ['resources-review', 'admin', '/resources/review'],
  ['resources-outdated', 'admin', '/resources/outdated'],
  ['vault-new', 'jelena', '/vault/new'],
  ['monitoring-recommendations', null, '/monitoring/recommendations'],
  ['monitoring-recommendation-new', 'admin', '/monitoring/recommendations/new'],
  ['monitoring-import', 'admin', '/monitoring/recommendations/import'],
  ['monitoring-dashboard', null, '/monitoring/dashboard?mechanism=upr'],
  ['monitoring-measures', null, '/monitoring/measures'],
  ['monitoring-measure-new', 'admin', '/monitoring/measures/new'],
  ['monitoring-participants', 'admin', '/monitoring/participants'],
  ['trials-findings', null, '/monitoring/trials/findings'],
  ['trials', 'jelena', '/monitoring/trials'],
  ['campaigns', null, '/campaigns'],
  ['campaign-new', 'jelena', '/campaigns/new'],
  ['vault-received', 'jelena', '/vault/received'],
  ['quizzes', 'jelena', '/quizzes'],
  ['quiz-new', 'jelena', '/quizzes/new'],
  ['monitoring-cosign', 'jelena', '/monitoring/reports/cosign'],
  ['stories', null, '/stories'],
  ['stories-calendar', null, '/stories/calendar'],
  ['story-new', 'jelena', '/stories/new'],
  ['texts', null, '/texts'],
  ['events', null, '/events'],
];

// Representative pages for axe: one of each layout family.
const AXE_PAGES = new Set(['home', 'directory', 'org-pvpt', 'resources', 'signin', 'account', 'org-edit', 'texts']);

let spona;
let baseURL;
let browser;
const sessions = {};
let messageIds;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  sessions.jelena = await signIn(browser, baseURL, JELENA);
  sessions.admin = await signIn(browser, baseURL, ADMIN);
  messageIds = await englishMessageIds();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

/** Every message id of the English Fluent files (shared and per feature). */
async function englishMessageIds() {
  const files = [
    path.join(REPO, 'crates/spona-i18n/locales/en/ui.ftl'),
    path.join(REPO, 'crates/spona-i18n/locales/en/vocab.ftl'),
  ];
  const features = path.join(REPO, 'crates/spona-web/src/features');
  for (const f of await readdir(features)) files.push(path.join(features, f, 'strings', 'en.ftl'));
  const ids = new Set();
  for (const f of files) {
    const text = await readFile(f, 'utf8').catch(() => '');
    for (const m of text.matchAll(/^([a-z][a-z0-9-]*) =/gm)) if (m[1].includes('-')) ids.add(m[1]);
  }
  assert.ok(ids.size > 500, `only ${ids.size} message ids found`);
  return ids;
}

/** Words of the page text that are message ids and are not on the English page too. */
async function rawIds(page, englishWords) {
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) parts.push(el.getAttribute(a));
    }
    return parts.join(' ');
  });
  return text
    .split(/[\s,.:;!?()[\]{}"'«»„“”·]+/)
    .filter((w) => messageIds.has(w) && !englishWords.has(w));
}

async function wordsOf(page) {
  const text = await page.evaluate(() => document.body.innerText);
  return new Set(text.split(/[\s,.:;!?()[\]{}"'«»„“”·]+/));
}

for (const [name, user, path] of PAGES) {
  test(`${name} renders in the five new locales at 390 and 1280 px`, async () => {
    const context = await browser.newContext({
      baseURL,
      javaScriptEnabled: true,
      bypassCSP: true,
      storageState: user ? sessions[user] : undefined,
    });
    const failures = [];
    try {
      const page = await context.newPage();
      // Words the English page itself shows (slugs, codes, e-mail parts) are not raw ids.
      await page.goto(`/en${path}`);
      const english = await wordsOf(page);
      for (const loc of NEW_LOCALES) {
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize(viewport);
          const res = await page.goto(`/${loc}${path}`);
          const at = `${loc} ${viewport.width}`;
          if (res.status() !== 200) failures.push(`${at}: HTTP ${res.status()}`);
          const lang = await page.getAttribute('html', 'lang');
          if (lang !== loc) failures.push(`${at}: lang=${lang}`);
          const raw = await rawIds(page, english);
          if (raw.length) failures.push(`${at}: raw message ids ${raw.join(', ')}`);
          const switcher = await page.locator('nav.langs a[hreflang]').allTextContents();
          for (const e of ENDONYMS) if (!switcher.includes(e)) failures.push(`${at}: the switcher lacks ${e}`);
          if (viewport.width === 1280 && AXE_PAGES.has(name)) {
            failures.push(...(await axeViolations(page, at)));
          }
        }
        await page.setViewportSize({ width: 320, height: 844 });
        await page.goto(`/${loc}${path}`);
        const wide = await page.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        if (wide) failures.push(`${loc}: horizontal scrolling at 320 px`);
        if (AXE_PAGES.has(name)) {
          await page.setViewportSize(VIEWPORTS[0]);
          await page.goto(`/${loc}${path}`);
          failures.push(...(await axeViolations(page, `${loc} 390`)));
        }
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

test('the switcher opens and changes the language with JavaScript off, on a phone', async () => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto('/sq/orgs');
    const hr = page.locator('nav.langs a[hreflang=hr]');
    assert.equal(await hr.isVisible(), false, 'the list is folded on a phone');
    await page.click('nav.langs summary');
    assert.equal(await hr.isVisible(), true, 'the list opens');
    await Promise.all([page.waitForURL(/\/hr\/orgs$/), hr.click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'hr');
    assert.equal(await page.textContent('nav.langs summary span[lang]'), 'Hrvatski');
  } finally {
    await context.close();
  }
});
