// Browser tests of lane montrial, against `serve --demo`:
//  - co-signers confirm: a member of Atina makes a report naming ASTRA through the form as
//    rendered (JavaScript off); the report's page shows ASTRA awaiting confirmation; ASTRA's
//    admin confirms on the list of reports awaiting their signature (the form as rendered),
//    and the report's page then shows ASTRA confirmed;
//  - axe-core (WCAG 2.1 A and AA) on the report's page and on the list of requests, in all
//    four locales at phone and desktop widths.
//
// Run alone: cd tests/browser && node --test montrial.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, WIDTHS, axeEveryLocale, signIn, signedIn, startSpona, submit } from './spona.mjs';

const JELENA = 'jelena@astra.example.org'; // ASTRA's admin
const MILAN = 'milan@atina.example.org'; // a member of Atina

let spona;
let baseURL;
let browser;
let reportPath;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

const NEW = 'main form[action$="/monitoring/reports/new"] button[type=submit]';

test('a report naming a co-signer waits for its admin, who confirms on their list', async () => {
  const maker = await signedIn(browser, baseURL, MILAN);
  try {
    const page = maker.page;
    await page.goto('/en/monitoring/reports/new');
    assert.equal(await page.locator('input[name=org]:checked').count(), 0, 'no co-signer ticked');
    await page.fill('#numbers', '131.4');
    await page.check('input[name=org][value=astra]');
    const res = await submit(page, NEW);
    assert.equal(res.status(), 303, 'the report is saved and the form leads to its page');
    assert.match(page.url(), /\/en\/monitoring\/reports\/[0-9a-f-]{36}$/);
    reportPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    assert.match(await page.textContent('li.cosigner-pending'), /ASTRA.*awaiting confirmation/s);
    assert.equal(await page.locator('li.cosigner-confirmed').count(), 0);
  } finally {
    await maker.context.close();
  }

  const admin = await signedIn(browser, baseURL, JELENA);
  try {
    const page = admin.page;
    await page.goto('/en/monitoring/reports/cosign');
    const confirm = `main form[action$="${reportPath}/cosigners/astra/confirm"] button[type=submit]`;
    assert.equal(await page.locator(confirm).count(), 1);
    const res = await submit(page, confirm);
    assert.equal(res.status(), 303, "confirmed, then the list");
    assert.match(page.url(), /\/en\/monitoring\/reports\/cosign\?done=confirmed$/);
    assert.match(await page.textContent('main .notice'), /signature is confirmed/);
    assert.equal(await page.locator(confirm).count(), 0, 'answered: no button left');
    await page.goto(`/en${reportPath}`);
    assert.match(await page.textContent('li.cosigner-confirmed'), /ASTRA.*confirmed/s);
    assert.equal(await page.locator('li.cosigner-pending').count(), 0);
  } finally {
    await admin.context.close();
  }
});

test('axe: the saved report and the requests list have no WCAG 2.1 AA violations', async () => {
  // A report of its own, still pending, so that the list shows its buttons.
  const maker = await signedIn(browser, baseURL, MILAN);
  let own;
  try {
    await maker.page.goto('/en/monitoring/reports/new');
    await maker.page.fill('#numbers', '131.4');
    await maker.page.check('input[name=org][value=astra]');
    await submit(maker.page, NEW);
    own = new URL(maker.page.url()).pathname.replace(/^\/en/, '');
  } finally {
    await maker.context.close();
  }
  const session = await signIn(browser, baseURL, JELENA);
  const context = await browser.newContext({ baseURL, bypassCSP: true, javaScriptEnabled: true, storageState: session });
  try {
    for (const url of [own, '/monitoring/reports/cosign']) {
      const failures = await axeEveryLocale(context, (page, loc) => page.goto(`/${loc}${url}`), { widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    }
  } finally {
    await context.close();
  }
});

test('a trial case edit form, sent as rendered, refuses a bad change and saves a good one', async () => {
  const { context, page } = await signedIn(browser, baseURL, JELENA);
  try {
    await page.goto('/en/monitoring/trials');
    await page.click('main table th[scope=row] a');
    const caseURL = new URL(page.url()).pathname;
    await page.click(`main a[href="${caseURL}/edit"]`);
    assert.equal(new URL(page.url()).pathname, `${caseURL}/edit`);
    const SAVE = `main form[action="${caseURL}/edit"] button[type=submit]`;
    // Filled with what is stored.
    const number = await page.inputValue('#case_number');
    assert.notEqual(number, '');
    // A case number cleared: refused, naming the field, the rest kept.
    await page.fill('#case_number', '');
    const refused = await submit(page, SAVE);
    assert.equal(refused.status(), 422);
    assert.match(await page.textContent('#case_number-error'), /required/);
    assert.equal(await page.getAttribute('#case_number', 'aria-invalid'), 'true');
    await page.fill('#case_number', number);
    const victims = Number(await page.inputValue('#victims'));
    await page.fill('#victims', String(victims + 1));
    const saved = await submit(page, SAVE);
    assert.equal(saved.status(), 303, 'saved, then the case page');
    assert.equal(new URL(page.url()).pathname, caseURL);
    const letter = String.fromCharCode('A'.charCodeAt(0) + victims);
    assert.match(await page.textContent('main dl.facts'), new RegExp(`Victim ${letter}`));
  } finally {
    await context.close();
  }
});

test('axe: the trial edit and delete pages have no WCAG 2.1 AA violations', async () => {
  const session = await signIn(browser, baseURL, JELENA);
  const context = await browser.newContext({ baseURL, bypassCSP: true, javaScriptEnabled: true, storageState: session });
  try {
    const page = await context.newPage();
    await page.goto('/en/monitoring/trials');
    const caseURL = (await page.getAttribute('main table th[scope=row] a', 'href')).replace(/^\/en/, '');
    await page.goto(`/en${caseURL}`);
    const hearingEdit = (await page.getAttribute('main a[href$="/edit"][href*="/hearings/"]', 'href')).replace(/^\/en/, '');
    await page.close();
    for (const url of [`${caseURL}/edit`, `${caseURL}/delete`, hearingEdit, hearingEdit.replace(/\/edit$/, '/delete')]) {
      const failures = await axeEveryLocale(context, (p, loc) => p.goto(`/${loc}${url}`), { widths: WIDTHS, narrow: true });
      assert.deepEqual(failures, [], failures.join('\n'));
    }
  } finally {
    await context.close();
  }
});
