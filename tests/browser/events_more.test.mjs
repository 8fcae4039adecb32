// Events in the browser, session 9 (issue 18's gaps), JavaScript off for the forms: a demo
// past event carries its report as a PDF material; a person registers for one date of a
// series and sees it among their dates; an organiser deletes a material through its
// confirmation page. axe (WCAG 2.1 AA) on every new page type.
//
// Run alone: cd tests/browser && node --test events_more.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, axeClean, signedIn, startSpona } from './spona.mjs';

let spona;
let browser;

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

async function createEvent(page, title, extra = async () => {}) {
  await page.goto('/en/events/new');
  await page.selectOption('#kind', 'workshop');
  await page.fill('#title', title);
  await page.check('#att-online');
  await page.fill('#starts', '2031-09-05T10:00');
  await page.fill('#ends', '2031-09-05T12:00');
  await extra();
  await Promise.all([
    page.waitForURL((u) => /\/en\/events\/[0-9a-f-]+$/.test(u.pathname)),
    page.click('form[action="/en/events/new"] button[type=submit]'),
  ]);
  return new URL(page.url()).pathname;
}

test('demo past events carry their report as a material', async () => {
  const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, baseURL: spona.baseURL });
  const page = await context.newPage();
  try {
    await page.goto('/en/events?past=1');
    const links = await page.$$eval('ul.cards li h3 a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2, 'the demo has past events');
    let found = 0;
    for (const href of links) {
      await page.goto(href);
      const materials = (await page.textContent('#materials')) || '';
      if (/report-\d{4}-\d{2}-\d{2}\.pdf/.test(materials)) {
        found += 1;
        const link = await page.getAttribute('#materials a[download]', 'href');
        const r = await context.request.get(link);
        assert.equal(r.status(), 200);
        assert.ok((await r.body()).subarray(0, 5).toString() === '%PDF-');
        await axeClean(page, new URL(page.url()).pathname);
      }
    }
    assert.ok(found >= 2, `${found} past events with a report material`);
  } finally {
    await context.close();
  }
});

test('a person registers for one date of a series', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org');
  try {
    const eventPath = await createEvent(page, 'Browser weekly clinic', async () => {
      await page.fill('#rrule', 'FREQ=WEEKLY;COUNT=4');
      await page.fill('#capacity', '3');
    });
    const other = await signedIn(browser, spona.baseURL, 'milan@atina.example.org');
    try {
      await other.page.goto(eventPath);
      // The form offers every date (kept as the default) and each coming date.
      const options = await other.page.$$eval('#reg-occurrence option', (os) => os.map((o) => o.value));
      assert.deepEqual(options, ['', '2031-09-05T10:00', '2031-09-12T10:00', '2031-09-19T10:00', '2031-09-26T10:00']);
      await other.page.selectOption('#reg-occurrence', '2031-09-12T10:00');
      await Promise.all([
        other.page.waitForURL((u) => u.pathname === eventPath),
        other.page.click(`form[action="${eventPath}/register"] button[type=submit]`),
      ]);
      const section = await other.page.textContent('#registration');
      assert.match(section, /Your dates/);
      assert.match(section, /2031-09-12 10:00/);
      assert.match(section, /Confirmed/);
      const js = await signedIn(browser, spona.baseURL, 'milan@atina.example.org', { js: true });
      try {
        await axeClean(js.page, eventPath);
      } finally {
        await js.context.close();
      }
      // Cancel the date: it leaves the list.
      await Promise.all([
        other.page.waitForURL((u) => u.pathname === eventPath),
        other.page.click(`#registration form[action="${eventPath}/unregister"] button[type=submit]`),
      ]);
      assert.doesNotMatch(await other.page.textContent('#registration'), /Your dates/);
    } finally {
      await other.context.close();
    }
  } finally {
    await context.close();
  }
});

test('an organiser deletes a material after confirming', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org');
  try {
    const eventPath = await createEvent(page, 'Browser event with a file to delete');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.setInputFiles('form.upload input[type=file]', { name: 'old-agenda.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([
      page.waitForURL((u) => u.pathname === eventPath && u.hash === '#materials'),
      page.click('form.upload button[type=submit]'),
    ]);
    assert.match(await page.textContent('#materials'), /old-agenda\.pdf/);
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/delete')),
      page.click('#materials a[href$="/delete"]'),
    ]);
    const confirmPath = new URL(page.url()).pathname;
    assert.match(await page.textContent('main'), /old-agenda\.pdf/);
    const js = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org', { js: true });
    try {
      await axeClean(js.page, confirmPath);
    } finally {
      await js.context.close();
    }
    await Promise.all([
      page.waitForURL((u) => u.pathname === eventPath && u.hash === '#materials'),
      page.click(`form[action="${confirmPath}"] button[type=submit]`),
    ]);
    assert.doesNotMatch((await page.textContent('main')) || '', /old-agenda\.pdf/);
  } finally {
    await context.close();
  }
});
