// Monitoring recommendations in the browser (lane monrec): the import form driven as
// rendered (a file chosen, the layout left to be recognised), its preview and the import,
// and the add form with only what a person must fill; axe (WCAG 2.1 AA) in every locale on
// the preview and the pages the forms lead to. JavaScript off, as every form must work so.
//
// Run alone: cd tests/browser && node --test monrec.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, axeClean, axeEveryLocale, axeViolations, signedIn, startSpona, submit } from './spona.mjs';

let spona;
let browser;

// axe runs as a script: it gets a context of its own, signed in separately, with JavaScript
// on (the forms themselves are driven with JavaScript off).
async function withScript() {
  return (await signedIn(browser, spona.baseURL, undefined, { js: true })).context;
}

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

test('an admin previews and imports a UHRI file through the form as rendered', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monrec-'));
  const file = path.join(dir, 'uhri.csv');
  fs.writeFileSync(
    file,
    'Symbol,Annotation,Body,Regions/Countries,Themes,Publication date\r\n' +
      'CEDAW/C/SRB/CO/4 para. 24,"Adopt a law on gender equality, browser test",CEDAW,Serbia,Women\'s rights,14.03.2019\r\n',
  );
  const { context, page } = await signedIn(browser, spona.baseURL);
  try {
    await page.goto('/en/monitoring/recommendations/import');
    await page.setInputFiles('#file', file);
    const upload = await submit(page, 'form[enctype="multipart/form-data"] button[type=submit]');
    assert.equal(upload.status(), 303);
    assert.match(page.url(), /\/en\/monitoring\/recommendations\/import\/[0-9a-f]{32}$/);
    assert.match(await page.textContent('main'), /What the import would do/);
    const preview = new URL(page.url()).pathname.replace(/^\/en/, '');
    const scripted = await withScript();
    const failures = await axeEveryLocale(scripted, (p, loc) => p.goto(`/${loc}${preview}`), { narrow: true });
    assert.deepEqual(failures, [], failures.join('\n'));
    await page.goto(`/en${preview}`);
    const done = await submit(page, 'main form[method=post] button[type=submit]');
    assert.equal(done.status(), 303);
    assert.match(await page.textContent('main'), /Import done/);
    const list = await scripted.newPage();
    await axeClean(list, '/en/monitoring/recommendations?q=browser+test');
    assert.match(await list.textContent('main'), /Adopt a law on gender equality/);
    await scripted.close();
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an admin adds a recommendation filling only what a person must', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL);
  try {
    await page.goto('/en/monitoring/recommendations/new');
    // Submitted empty first: the errors are listed and the page passes axe.
    const empty = await submit(page, 'main form button[type=submit]');
    assert.equal(empty.status(), 422);
    const scripted = await withScript();
    const errors = await scripted.newPage();
    await errors.goto('/en/monitoring/recommendations/new');
    assert.equal((await submit(errors, 'main form button[type=submit]')).status(), 422);
    assert.deepEqual(await axeViolations(errors, 'errors'), []);
    await scripted.close();
    await page.selectOption('#mechanism', 'nap-1325');
    await page.fill('#paragraph', '4.2');
    await page.fill('#country', 'RS');
    await page.fill('#text', 'Browser test: include women from rural areas in the NAP consultations.');
    const saved = await submit(page, 'main form button[type=submit]');
    assert.equal(saved.status(), 303);
    assert.match(page.url(), /\/en\/monitoring\/recommendations\/[0-9a-f-]{36}$/);
    assert.match(await page.textContent('main'), /include women from rural areas/);
    const at = new URL(page.url()).pathname.replace(/^\/en/, '');
    const scripted2 = await withScript();
    const failures = await axeEveryLocale(scripted2, (p, loc) => p.goto(`/${loc}${at}`), { narrow: true });
    await scripted2.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  } finally {
    await context.close();
  }
});
