// Page checks for every page type of Spona, against one demo server:
//  1. axe-core (WCAG 2.0/2.1 A and AA) on every page type, in all four locales at phone
//     width and in English at desktop width too — zero violations;
//  2. page weight on a first load with an empty cache, without JavaScript (the site has
//     none): bytes per resource type, no other origins, no web fonts, hashed immutable
//     static assets, compressed HTML;
//  3. a phone-width screenshot of each page type (en) in artifacts/browser/pages/;
//  4. a markdown report in artifacts/browser/page-report.md.
//
// Pages send a CSP without script-src, so the axe runs use a context with bypassCSP and
// JavaScript on (axe is injected as a script); the weight walk and the screenshots use
// contexts with JavaScript off, as a reader without scripts sees the site.
//
// Run with: bash tests/browser/run.sh   (or `node --test` in this folder)
// Env: SPONA_BIN      path to the spona binary (default ../../target/debug/spona)
//      CHROMIUM_PATH  path to Chromium (default /usr/bin/chromium)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, REPO, hiddenInputs as formInputs, mailTo as waitForMail, openVaultCase, startSpona } from './spona.mjs';

const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const SHOTS = path.join(ARTIFACTS, 'pages');

const USERS = {
  jelena: 'jelena@astra.example.org',
  admin: 'admin@spona.example',
  // A demo mentor with an agreed mentee (see `mentorship` in crates/spona/src/demo.rs).
  iryna: 'iryna@mentors.example.org',
};

const LOCALES = ['en', 'sr-Latn', 'sr-Cyrl', 'uk'];
const WIDTHS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const KB = 1024;
const MAX_TOTAL = 100 * KB;
const MAX_JS = 20 * KB;
/** HTML larger than this (decoded) must come compressed. */
const COMPRESS_ABOVE = 2 * KB;
/** Static assets must be cacheable for at least 30 days. */
const MIN_STATIC_MAX_AGE = 30 * 24 * 3600;


let spona;
let baseURL;
let browser;
/** user key → storage state (cookies) after signing in through the form */
const sessions = {};
/** path of an invitation link, without locale prefix, e.g. /invite/abc */
let invitePath;

/** static-asset cache problems on signed-in pages (known, see the `todo` test) */
const signedInCacheProblems = [];
/** page name → { html, css, js, images, fonts, other, total, violations } */
const results = new Map();

// ---------------------------------------------------------------------------
// Page types. `prepare` (optional) gets the page ready without loading the page under
// test; `load` loads it and returns the document response; `status` is the expected HTTP
// status of that response.

const get = (p) => async (page, loc) => page.goto(`/${loc}${p}`);

// A page type reached through a list: `prepare` finds the address of the first link that
// `selector` matches on the list at `listPath` (so that the weight test weighs the page alone),
// `load` goes there.
const firstOf = (listPath, selector) => {
  const found = new WeakMap();
  return {
    prepare: async (page, loc) => {
      await page.goto(`/${loc}${listPath}`);
      found.set(page, await page.locator(selector).first().getAttribute('href'));
    },
    load: (page) => page.goto(found.get(page)),
  };
};

// Clicks a submit button and returns the response that the browser finally shows for the
// POST it sends (following a redirect), once that page has loaded.
async function submit(page, buttonSelector, postPath) {
  const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === postPath,
    ),
    page.click(buttonSelector),
  ]);
  await navigated;
  await page.waitForLoadState('load');
  let request = response.request();
  while (request.redirectedTo()) request = request.redirectedTo();
  return request.response();
}

// Finds a demo resource through the JSON API (as the page's user) whose JSON satisfies
// `pred`; cached by `key`, so each page type loads just its own page.
const found = new Map();
async function findResource(page, key, pred) {
  if (found.has(key)) return found.get(key);
  for (let n = 1; n <= 5; n++) {
    const list = await (await page.request.get(`/en/api/v1/resources?page=${n}`)).json();
    for (const item of list.items) {
      const r = await (await page.request.get(`/en/api/v1/resources/${item.id}`)).json();
      if (pred(r)) {
        found.set(key, r);
        return r;
      }
    }
    if (list.items.length < list.page_size) break;
  }
  throw new Error(`no demo resource for ${key}`);
}
const edited = (r) => r.variants.some((v) => v.version >= 2);
const withFile = (r) => r.attachments.length > 0;
const ownedByAstra = (r) => r.owner === 'astra';
const resourcePage = (key, pred, suffix) => async (page, loc) => {
  const r = await findResource(page, key, pred);
  const v = r.variants.find((x) => x.version >= 2) ?? r.variants[0];
  return page.goto(`/${loc}/resources/${r.id}${suffix(v)}`);
};

// A vault case with one testimony, opened once through the forms (the demo data has none)
// as the page's user; page.request shares the signed-in context's cookies. Cached, so each
// page type loads just its own page.
let vaultCase;
let withheld;
function hiddenInputs(html) {
  const value = (name) => {
    const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
    assert.ok(m, `the form has a hidden ${name} input`);
    return m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
  };
  return { csrf: value('csrf'), once: value('once') };
}
async function postForm(page, url, form) {
  const res = await page.request.post(url, { form, maxRedirects: 0 });
  assert.equal(res.status(), 303, `POST ${url} answered HTTP ${res.status()}: ${(await res.text()).slice(0, 500)}`);
  return res.headers().location;
}
async function findVaultCase(page) {
  if (vaultCase) return vaultCase;
  const form = await (await page.request.get('/en/vault/new')).text();
  const caseAt = await postForm(page, '/en/vault/new', {
    ...hiddenInputs(form),
    title: 'Recruitment through a fake job offer, Novi Sad 2026',
  });
  const caseId = caseAt.match(/^\/en\/vault\/cases\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(caseId, `opening a case redirected to ${caseAt}`);
  const tform = await (await page.request.get(`/en/vault/cases/${caseId}/testimonies/new`)).text();
  const itemAt = await postForm(page, `/en/vault/cases/${caseId}/testimonies/new`, {
    ...hiddenInputs(tform),
    interviewer: 'Jelena Petrović',
    language: 'uk',
    place: 'Novi Sad, ASTRA office',
    date: '2026-03-14',
    pseudonym: 'Witness K.',
    gender_choice: 'chosen',
    narrative:
      'She answered an advertisement for seasonal work abroad.\n' +
      'Her documents were taken on arrival and she was told she owed a debt for travel and lodging.',
    documentation: 'on',
    // So that the export form offers it.
    prosecutors: 'on',
  });
  const itemId = itemAt.match(/^\/en\/vault\/cases\/[0-9a-f-]{36}\/items\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(itemId, `recording a testimony redirected to ${itemAt}`);
  vaultCase = { caseId, itemId };
  return vaultCase;
}
// A PDF that runs JavaScript when it is opened, uploaded once to the vault case through its
// upload form: its download leads to the warning page.
let riskyItem;
async function findRiskyItem(page) {
  if (riskyItem) return riskyItem;
  const v = await findVaultCase(page);
  const html = await (await page.request.get(`/en/vault/cases/${v.caseId}`)).text();
  const action = html.match(/action="([^"]*\/files\?item=[^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
  assert.ok(action, 'the case page has an upload form');
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const res = await page.request.post(action, {
    multipart: {
      csrf: html.match(/<input[^>]*name="csrf"[^>]*value="([^"]*)"/)?.[1],
      documentation: 'on',
      reason: 'Scan of the job offer',
      file: { name: 'job-offer.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
    },
    maxRedirects: 0,
  });
  assert.equal(res.status(), 303, `upload answered HTTP ${res.status()}: ${(await res.text()).slice(0, 500)}`);
  riskyItem = res.headers().location.match(/\/items\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(riskyItem, 'the upload redirected to its item');
  return riskyItem;
}

const vaultPage = (suffix) => async (page, loc) => {
  const v = await findVaultCase(page);
  return page.goto(`/${loc}/vault/cases/${v.caseId}${suffix(v)}`);
};

const PAGES = [
  { name: 'home', load: get('/') },
  // A signed-in person's home: their organisations and what waits for them.
  { name: 'home-signed-in', user: 'jelena', load: get('/') },
  { name: 'directory', load: get('/orgs') },
  { name: 'directory-filtered', load: get('/orgs?country=RS&theme=anti-trafficking') },
  { name: 'org-astra', load: get('/orgs/astra'), check: async (page) => {
    assert.equal(await page.locator('.quick-exit').count(), 1, 'ASTRA page has a quick exit control');
  } },
  { name: 'org-zmina', load: get('/orgs/zmina') },
  { name: 'networks', load: get('/networks') },
  { name: 'network-bridge', load: get('/networks/bridge') },
  { name: 'signin', load: get('/signin') },
  {
    name: 'signin-error',
    status: [200, 401, 403, 422],
    prepare: async (page, loc) => {
      await page.goto(`/${loc}/signin`);
      await page.fill('#email', 'milan@atina.example.org');
      await page.fill('#password', 'not the right password at all');
    },
    load: (page, loc) => submit(page, `form[action="/${loc}/signin"] button[type=submit]`, `/${loc}/signin`),
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'sign-in error page shows an error summary');
    },
  },
  { name: 'reset', load: get('/reset') },
  { name: 'accessibility', load: get('/about/accessibility') },
  { name: 'not-found', status: [404], load: get('/orgs/no-such-org') },
  { name: 'account', user: 'jelena', load: get('/account') },
  { name: 'account-totp', user: 'jelena', load: get('/account/totp') },
  { name: 'org-edit', user: 'jelena', load: get('/orgs/astra/edit') },
  {
    name: 'org-edit-errors',
    user: 'jelena',
    status: [422],
    prepare: async (page, loc) => {
      await page.goto(`/${loc}/orgs/astra/edit`);
      await page.fill('#website', 'javascript:x');
    },
    load: (page, loc) =>
      submit(page, `form[action="/${loc}/orgs/astra/edit"] button[type=submit]`, `/${loc}/orgs/astra/edit`),
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'edit page with errors shows an error summary');
      assert.equal(await page.getAttribute('#website', 'aria-invalid'), 'true', '#website is marked invalid');
    },
  },
  { name: 'people', user: 'jelena', load: get('/orgs/astra/people') },
  { name: 'admin-users', user: 'admin', load: get('/admin/users') },
  { name: 'admin-audit', user: 'admin', load: get('/admin/audit') },
  { name: 'org-new', user: 'admin', load: get('/orgs/new') },
  { name: 'matching', user: 'jelena', load: get('/matching') },
  { name: 'matching-new', user: 'admin', load: get('/matching/new') },
  {
    name: 'matching-round',
    user: 'jelena',
    // Find the demo round's address without loading a page, so only one page load is measured.
    load: async (page, loc) => {
      const list = await (await page.request.get(`/${loc}/matching`)).text();
      const href = list.match(/href="(\/[^"]*\/matching\/[0-9a-f-]{36})"/)[1];
      return page.goto(href);
    },
  },
  {
    // A round's proposals as its coordinator sees them: the demo mentorship round, published,
    // with participants, proposed pairs, pins and the agreed pair.
    name: 'matching-round-proposals',
    user: 'admin',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'published');
      return page.goto(`/${loc}/matching/${round.id}`);
    },
    check: async (page) => {
      assert.ok((await page.locator('.card.proposal').count()) > 0, 'the coordinator sees the proposals');
    },
  },
  {
    // A person's opt-in form of an open mentorship round.
    name: 'mentorship-opt-in',
    user: 'jelena',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'open');
      return page.goto(`/${loc}/matching/${round.id}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('input[name=role]').count(), 2, 'mentor or mentee');
    },
  },
  {
    // An agreed pair's history as one of its two people sees it, with the check-in and
    // end-of-pair forms.
    name: 'matching-pair',
    user: 'iryna',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'published');
      const full = await (await page.request.get(`/api/v1/matching/rounds/${round.id}`)).json();
      const pair = full.proposals.find((p) => p.answer_a === 'accepted' && p.answer_b === 'accepted');
      return page.goto(`/${loc}/matching/${round.id}/pairs/${pair.id}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('textarea#note').count(), 1, 'a side member gets the check-in form');
    },
  },
  { name: 'resources', load: get('/resources') },
  { name: 'resources-search', load: get('/resources?q=%D0%B7%D0%B0%D1%88%D1%82%D0%B8%D1%82%D0%B0+%C5%BErtava&lang=sr') },
  { name: 'resource', load: resourcePage('file', withFile, () => '') },
  { name: 'resource-versions', load: resourcePage('edited', edited, (v) => `/versions?lang=${v.lang}`) },
  { name: 'resource-old-version', load: resourcePage('edited', edited, (v) => `/versions/1?lang=${v.lang}`) },
  { name: 'resource-compare', load: resourcePage('edited', edited, (v) => `/compare?lang=${v.lang}&from=1&to=2`) },
  { name: 'resource-new', user: 'jelena', load: get('/resources/new') },
  { name: 'resource-edit', user: 'jelena', load: resourcePage('astra', ownedByAstra, (v) => `/edit?lang=${v.lang}`) },
  { name: 'resource-details', user: 'jelena', load: resourcePage('astra', ownedByAstra, () => '/details') },
  { name: 'resources-review', user: 'admin', load: get('/resources/review') },
  { name: 'resources-outdated', user: 'admin', load: get('/resources/outdated') },
  // The list with the case on it, not the empty list.
  { name: 'vault', user: 'jelena', load: async (page, loc) => {
    await findVaultCase(page);
    return page.goto(`/${loc}/vault`);
  } },
  { name: 'vault-new', user: 'jelena', load: get('/vault/new') },
  { name: 'vault-case', user: 'jelena', load: vaultPage(() => ''), check: async (page) => {
    const n = await page.locator(`a[href$="/items/${vaultCase.itemId}"]`).count();
    assert.equal(n, 1, 'the case page links to its testimony');
  } },
  { name: 'vault-custody', user: 'jelena', load: vaultPage(() => '/custody') },
  { name: 'vault-testimony-new', user: 'jelena', load: vaultPage(() => '/testimonies/new') },
  {
    name: 'vault-testimony-errors',
    user: 'jelena',
    status: [422],
    // Submitted as rendered: nothing filled in, and nothing chosen for the person (consent,
    // interview language and the gender question start empty).
    prepare: async (page, loc) => {
      const v = await findVaultCase(page);
      await page.goto(`/${loc}/vault/cases/${v.caseId}/testimonies/new`);
      assert.equal(await page.isChecked('input[name=documentation]'), false, 'consent is never pre-ticked');
    },
    load: (page, loc) => {
      const action = `/${loc}/vault/cases/${vaultCase.caseId}/testimonies/new`;
      return submit(page, `form[action="${action}"] button[type=submit]`, action);
    },
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'testimony form with errors shows an error summary');
      assert.equal(await page.getAttribute('#interviewer', 'aria-invalid'), 'true', '#interviewer is marked invalid');
      assert.equal(await page.locator('#documentation-error').count(), 1, 'missing consent is reported');
      assert.equal(await page.locator('#language-error').count(), 1, 'the unchosen interview language is reported');
      assert.equal(await page.locator('#gender_choice-error').count(), 1, 'the unanswered gender question is reported');
    },
  },
  { name: 'vault-testimony', user: 'jelena', load: vaultPage((v) => `/items/${v.itemId}`), check: async (page) => {
    assert.match(await page.textContent('.narrative'), /seasonal work abroad/, 'the testimony shows its narrative');
  } },
  { name: 'vault-export', user: 'jelena', load: vaultPage(() => '/export'), check: async (page) => {
    const box = page.locator(`input[name=items][value="${vaultCase.itemId}"]`);
    assert.equal(await box.isEnabled(), true, 'the export form offers the testimony');
  } },
  // The warning before downloading a file with active content (the hub's is the same page).
  { name: 'vault-file-warning', user: 'jelena', load: async (page, loc) => {
    const item = await findRiskyItem(page);
    return page.goto(`/${loc}/vault/cases/${vaultCase.caseId}/items/${item}/warning`);
  }, check: async (page) => {
    assert.match(await page.textContent('main'), /\/JavaScript/, 'the warning names the actions');
    assert.equal(await page.locator('a[href$="/download?confirmed=1"]').count(), 1, 'the page offers the download');
  } },
  {
    // A testimony whose consent was withdrawn: nothing of it is shown, only the consent form
    // (restoring consent needs the record of the person's new decision).
    name: 'vault-item-withheld',
    user: 'jelena',
    status: [403],
    load: async (page, loc) => {
      withheld ??= await (async () => {
        const v = await openVaultCase(page, 'A withdrawn testimony');
        const at = `/en/vault/cases/${v.caseId}/items/${v.itemId}`;
        const html = await (await page.request.get(at)).text();
        await postForm(page, `${at}/consent`, { ...formInputs(html), action: 'withdraw' });
        return at.replace(/^\/en/, '');
      })();
      return page.goto(`/${loc}${withheld}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('.narrative').count(), 0, 'nothing of the testimony');
      assert.equal(await page.locator('#decided_by').count(), 1, 'the form to restore consent');
    },
  },
  { name: 'invite-accept', load: (page, loc) => page.goto(`/${loc}${invitePath}`) },
  // Monitoring: recommendations (lane monrec).
  { name: 'monitoring-recommendations', load: get('/monitoring/recommendations') },
  { name: 'monitoring-recommendations-filtered', load: get('/monitoring/recommendations?cycle=2&q=convention&mechanism=upr') },
  { name: 'monitoring-recommendation', ...firstOf('/monitoring/recommendations?q=131.4', 'ul.cards li h2 a') },
  { name: 'monitoring-recommendation-new', user: 'admin', load: get('/monitoring/recommendations/new') },
  { name: 'monitoring-import', user: 'admin', load: get('/monitoring/recommendations/import') },
  // Monitoring: implementation and dashboard (lane monimpl).
  { name: 'monitoring-dashboard', load: get('/monitoring/dashboard?mechanism=upr') },
  { name: 'monitoring-measures', load: get('/monitoring/measures') },
  { name: 'monitoring-measure', user: 'admin', ...firstOf('/monitoring/measures', 'table tbody tr th a') },
  { name: 'monitoring-measure-new', user: 'admin', load: get('/monitoring/measures/new') },
  { name: 'monitoring-participants', user: 'admin', load: get('/monitoring/participants') },
  { name: 'monitoring-assessments', user: 'jelena', ...firstOf('/monitoring/measures', 'a[href$="/assessments"]') },
  // Shadow reports (lane monreport): the form, for a platform admin.
  { name: 'monitoring-report-new', user: 'admin', load: (page, loc) => page.goto(`/${loc}/monitoring/reports/new`) },
  { name: 'monitoring-landing', load: (page, loc) => page.goto(`/${loc}/monitoring`) },
  // Trial monitoring (lane trial): the public findings, a monitor's cases and a demo case.
  { name: 'trials-findings', load: get('/monitoring/trials/findings') },
  { name: 'trials', user: 'jelena', load: get('/monitoring/trials') },
  { name: 'trial-case', user: 'jelena', ...firstOf('/monitoring/trials', 'table th[scope=row] a') },
  // Items from partner deployments (lane fedvault): ASTRA's admin, none arrived in the demo.
  { name: 'vault-received', user: 'jelena', load: get('/vault/received') },
];

// ---------------------------------------------------------------------------
// Server and browser.





/** A JS-enabled context that ignores the page CSP, for axe. */
function axeContext(user, viewport = WIDTHS.phone) {
  return browser.newContext({
    baseURL,
    bypassCSP: true,
    javaScriptEnabled: true,
    viewport,
    storageState: user ? sessions[user] : undefined,
  });
}

/** A context with JavaScript off, as a reader without scripts sees the site. */
function noJsContext(user, viewport = WIDTHS.phone) {
  return browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    viewport,
    storageState: user ? sessions[user] : undefined,
  });
}

async function signIn(user) {
  const context = await noJsContext(null);
  try {
    const page = await context.newPage();
    await page.goto('/en/signin');
    await page.fill('#email', USERS[user]);
    await page.fill('#password', PASSWORD);
    const res = await submit(page, 'form[action="/en/signin"] button[type=submit]', '/en/signin');
    await page.waitForURL((u) => u.pathname === '/en/');
    assert.ok(res.status() < 400, `signing in ${USERS[user]} answered HTTP ${res.status()}`);
    sessions[user] = await context.storageState();
  } finally {
    await context.close();
  }
}

async function createInvitation() {
  const context = await noJsContext('jelena');
  try {
    const page = await context.newPage();
    await page.goto('/en/orgs/astra/people');
    const invitee = `invitee-${Date.now()}@example.org`;
    await page.fill('#email', invitee);
    await page.selectOption('#role', 'member');
    const res = await submit(page, 'form[action="/en/orgs/astra/invite"] button[type=submit]', '/en/orgs/astra/invite');
    assert.ok(res.status() < 400, `inviting answered HTTP ${res.status()}`);
    // The link goes by mail only (the outbox while no mail server is configured); the
    // inviting admin never sees it.
    assert.equal(await page.locator('code.secret').count(), 0, 'the admin sees no link');
    const mail = await waitForMail(spona.dataDir, invitee);
    const link = mail.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
    assert.ok(link, 'the invitation mail holds the link');
    // The link is built on the configured public URL; keep the path and drop the locale.
    const p = new URL(link).pathname.replace(/^\/(en|sr-Latn|sr-Cyrl|uk)(?=\/)/, '');
    assert.match(p, /^\/invite\/[^/]+$/, `invitation link ${link}`);
    invitePath = p;
  } finally {
    await context.close();
  }
}

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;

  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await mkdir(SHOTS, { recursive: true });

  await signIn('jelena');
  await signIn('admin');
  await signIn('iryna');
  await createInvitation();
  for (const p of PAGES) results.set(p.name, { violations: 0, details: [] });
});

after(async () => {
  try {
    if (results.size) await writeReport();
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (spona) await spona.stop();
  }
});

// ---------------------------------------------------------------------------
// Checks.

function statusOk(p, res) {
  const want = p.status || [200];
  assert.ok(res, `${p.name}: no document response`);
  assert.ok(
    want.includes(res.status()),
    `${p.name}: ${res.url()} answered HTTP ${res.status()}, expected ${want.join(' or ')}`,
  );
}

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
        .join('\n');
      return `  - ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node(s)]\n${nodes}`;
    })
    .join('\n');
}

for (const p of PAGES) {
  test(`axe: ${p.name} has no WCAG 2.1 AA violations in any locale or width, and reflows`, async () => {
    const context = await axeContext(p.user);
    const failures = [];
    const reflow = [];
    let count = 0;
    try {
      const page = await context.newPage();
      for (const loc of LOCALES) {
        if (p.prepare) await p.prepare(page, loc);
        const res = await p.load(page, loc);
        statusOk(p, res);
        assert.equal(await page.getAttribute('html', 'lang'), loc, `${p.name}: html[lang] in ${loc}`);
        if (p.check) await p.check(page);
        // Both widths in English; the phone width (where longer words break layouts) in
        // every other locale: the rules that depend on width are layout rules, the same for
        // every language but for the length of its words.
        for (const [wname, viewport] of Object.entries(WIDTHS)) {
          if (loc !== 'en' && wname !== 'phone') continue;
          await page.setViewportSize(viewport);
          const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
          assert.ok(result.passes.length > 0, `${p.name}: axe ran no check (${loc} ${wname})`);
          const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
          count += result.violations.length;
          if (result.violations.length) {
            failures.push(`${loc} ${wname} (${nodes} node(s)):\n${describeViolations(result.violations)}`);
          }
        }
        // Reflow (WCAG 1.4.10): no horizontal scrolling of the page down to 320 CSS px.
        for (const width of [320, WIDTHS.phone.width]) {
          await page.setViewportSize({ width, height: WIDTHS.phone.height });
          const { scroll, client } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
          }));
          if (scroll > client) reflow.push(`${loc} ${width}px: page is ${scroll}px wide`);
        }
      }
    } finally {
      await context.close();
    }
    if (reflow.length) failures.push(`reflow (WCAG 1.4.10):\n  ${reflow.join('\n  ')}`);
    const r = results.get(p.name);
    r.violations = count;
    r.details = failures;
    assert.equal(count, 0, `${p.name}: axe violations\n${failures.join('\n')}`);
    assert.deepEqual(reflow, [], `${p.name}: horizontal scrolling\n${reflow.join('\n')}`);
  });
}

function kindOf(request) {
  switch (request.resourceType()) {
    case 'document':
      return 'html';
    case 'stylesheet':
      return 'css';
    case 'script':
      return 'js';
    case 'image':
      return 'images';
    case 'font':
      return 'fonts';
    default:
      return 'other';
  }
}

function maxAge(cacheControl) {
  const m = /max-age=(\d+)/.exec(cacheControl || '');
  return m ? Number(m[1]) : 0;
}

for (const p of PAGES) {
  test(`weight: ${p.name} loads in ≤ 100 KB from its own origin only (no JavaScript)`, async () => {
    const context = await noJsContext(p.user, WIDTHS.phone);
    const seen = [];
    try {
      const page = await context.newPage();
      if (p.prepare) await p.prepare(page, 'en');
      // An empty cache for the load under test, even when a form page or a list came first.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      const onFinished = (request) => seen.push({ request, failed: false });
      const onFailed = (request) => seen.push({ request, failed: true });
      page.on('requestfinished', onFinished);
      page.on('requestfailed', onFailed);
      const res = await p.load(page, 'en');
      await page.waitForLoadState('load');
      statusOk(p, res);
      if (p.check) await p.check(page);
      page.off('requestfinished', onFinished);
      page.off('requestfailed', onFailed);

      const bytes = { html: 0, css: 0, js: 0, images: 0, fonts: 0, other: 0 };
      const origin = new URL(baseURL).origin;
      const problems = [];
      for (const { request, failed } of seen) {
        const url = new URL(request.url());
        if (url.protocol === 'data:') continue;
        if (url.origin !== origin) problems.push(`request to another origin: ${request.url()}`);
        if (failed) {
          problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
          continue;
        }
        const response = await request.response();
        const sizes = await request.sizes();
        let size = sizes.responseBodySize + sizes.responseHeadersSize;
        if (!size && response) size = Number((await response.allHeaders())['content-length'] || 0);
        const kind = kindOf(request);
        bytes[kind] += size;
        if (!response) continue;
        const headers = await response.allHeaders();
        const accept = (await request.allHeaders())['accept-encoding'] || '';
        assert.match(accept, /gzip/, `the browser asks for gzip for ${url.pathname} (Accept-Encoding: ${accept})`);
        if (url.pathname.startsWith('/static/')) {
          if (!/\.[0-9a-f]{8,}\.[a-z0-9]+$/.test(url.pathname)) {
            problems.push(`static asset without a content hash in its name: ${url.pathname}`);
          }
          const cc = headers['cache-control'] || '';
          if (!/\bimmutable\b/.test(cc) || maxAge(cc) < MIN_STATIC_MAX_AGE) {
            const problem = `static asset ${url.pathname} has Cache-Control "${cc}"`;
            // Signed-in readers' findings are reported by their own test below.
            if (p.user) signedInCacheProblems.push(`${p.name}: ${problem}`);
            else problems.push(problem);
          }
        }
        if (kind === 'html' && (response.status() < 300 || response.status() >= 400)) {
          const decoded = (await response.body()).length;
          const enc = headers['content-encoding'] || '';
          if (decoded > COMPRESS_ABOVE && !/^(gzip|br)$/.test(enc)) {
            problems.push(`HTML ${url.pathname} (${decoded} bytes) is not compressed (content-encoding: "${enc}")`);
          }
        }
      }
      const total = Object.values(bytes).reduce((a, b) => a + b, 0);
      Object.assign(results.get(p.name), bytes, { total });
      if (bytes.fonts) problems.push(`web fonts loaded (${bytes.fonts} bytes)`);
      if (bytes.js > MAX_JS) problems.push(`JavaScript ${bytes.js} bytes > ${MAX_JS}`);
      if (total > MAX_TOTAL) problems.push(`total ${total} bytes > ${MAX_TOTAL}`);

      await page.screenshot({ path: path.join(SHOTS, `${p.name}.png`), fullPage: true });
      assert.deepEqual(problems, [], `${p.name}:\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  });
}

// Signed-in pages are `no-store`, but the hashed stylesheet keeps its immutable caching.
test(
  'static assets keep their immutable Cache-Control for signed-in readers',
  () => {
    assert.deepEqual(signedInCacheProblems, [], signedInCacheProblems.join('\n'));
  },
);

// ---------------------------------------------------------------------------
// Report.

async function writeReport() {
  const fmt = (n) => (n === undefined ? '—' : n.toLocaleString('en'));
  const runs = LOCALES.length * Object.keys(WIDTHS).length;
  const lines = [
    '# Page report',
    '',
    `Server: \`spona serve --demo\`. Weight: first load of each page type (en, 390×844) with an empty ` +
      `cache and JavaScript off; bytes as transferred (encoded body + headers). axe-core with ` +
      `${AXE_TAGS.join(', ')}; violations summed over ${runs} runs (${LOCALES.join(', ')} × ` +
      `${Object.keys(WIDTHS).join(', ')}). Screenshots: \`artifacts/browser/pages/<page>.png\`.`,
    '',
    '| page | HTML bytes | CSS bytes | JS bytes | total | axe violations (all locales × widths) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const p of PAGES) {
    const r = results.get(p.name);
    lines.push(`| ${p.name} | ${fmt(r.html)} | ${fmt(r.css)} | ${fmt(r.js)} | ${fmt(r.total)} | ${r.violations} |`);
  }
  if (signedInCacheProblems.length) {
    lines.push('', '## Known problems', '', ...signedInCacheProblems.map((x) => `- ${x}`));
  }
  const details = PAGES.filter((p) => results.get(p.name).details.length);
  if (details.length) {
    lines.push('', '## Violations', '');
    for (const p of details) {
      lines.push(`### ${p.name}`, '', '```', ...results.get(p.name).details, '```', '');
    }
  }
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(path.join(ARTIFACTS, 'page-report.md'), lines.join('\n') + '\n');
}
