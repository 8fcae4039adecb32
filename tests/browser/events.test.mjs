// Events in the browser, JavaScript off: axe (WCAG 2.1 AA) and first-load weight on every
// events page type, and each form driven as rendered (only what a person must fill; the
// defaults kept): create an event, register, make a private calendar feed, save a time zone,
// add a material.
//
// Run alone: cd tests/browser && node --test events.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, MAX_TOTAL, axeClean, pageWeight, signedIn, startSpona } from './spona.mjs';

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

async function weight(context, url) {
  const w = await pageWeight(context, spona.baseURL, url);
  assert.ok(w.decoded < MAX_TOTAL, `${url}: ${w.decoded} bytes`);
  assert.deepEqual(w.foreign, [], `${url}: other origins`);
}

test('events pages pass axe and stay light', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org', { js: true });
  try {
    await page.goto('/en/events');
    const first = await page.getAttribute('ul.cards li h3 a', 'href');
    assert.ok(first, 'the demo has events');
    const id = new URL(first, spona.baseURL).pathname.split('/').pop();
    const pages = ['/en/events', '/en/events?past=1', '/en/events/new', `/en/events/${id}`, '/en/account/calendar', '/en/account/zone', '/uk/account/zone', '/uk/events', '/sr-Cyrl/events'];
    // An event ASTRA organises, for its participants page.
    for (const p of pages) await axeClean(page, p);
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: spona.baseURL });
    for (const p of ['/en/events', `/en/events/${id}`]) await weight(noJs, p);
    await noJs.close();
  } finally {
    await context.close();
  }
});

test('an organiser creates an event, a person registers, a feed is made', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org');
  try {
    await page.goto('/en/events/new');
    // Only what a person must fill: kind, title, how people attend, start and end.
    await page.selectOption('#kind', 'workshop');
    await page.fill('#title', 'Browser workshop');
    await page.check('#att-online');
    await page.fill('#starts', '2031-05-12T10:00');
    await page.fill('#ends', '2031-05-12T12:00');
    await Promise.all([
      page.waitForURL((u) => /\/en\/events\/[0-9a-f-]+$/.test(u.pathname)),
      page.click('form[action="/en/events/new"] button[type=submit]'),
    ]);
    assert.match(await page.textContent('h1'), /Browser workshop/);
    // The organiser's pages: participants, and axe on them.
    await page.click('a[href$="/participants"]');
    assert.match(await page.textContent('h1'), /Participants/);
    const eventPath = new URL(page.url()).pathname.replace('/participants', '');

    const other = await signedIn(browser, spona.baseURL, 'milan@atina.example.org');
    await other.page.goto(eventPath);
    await Promise.all([
      other.page.waitForURL((u) => u.pathname === eventPath),
      other.page.click(`form[action="${eventPath}/register"] button[type=submit]`),
    ]);
    assert.match(await other.page.textContent('#registration'), /Confirmed/);
    await other.page.goto('/en/account/calendar');
    await other.page.click('form[action="/en/account/calendar"] button[type=submit]');
    const feed = await other.page.textContent('#feed-url');
    assert.match(feed, /\/calendar\/private\/[0-9a-f]{64}\/events\.ics$/);
    const ics = await (await other.context.request.get(new URL(feed).pathname)).text();
    assert.match(ics, /SUMMARY:Browser workshop/);
    await other.context.close();
  } finally {
    await context.close();
  }
});

test('a person saves a time zone and event pages follow it', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'milan@atina.example.org');
  try {
    await page.goto('/en/account/zone');
    await page.selectOption('#zone', 'Europe/Kyiv');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/en/account/zone'),
      page.click('form[action="/en/account/zone"] button[type=submit]'),
    ]);
    assert.match(await page.textContent('main'), /Europe\/Kyiv/);
    await page.goto('/en/events');
    assert.match(await page.textContent('ul.cards'), /\(Europe\/Kyiv/);
    // Back to no saved zone: the list shows Belgrade again.
    await page.goto('/en/account/zone');
    await page.selectOption('#zone', '');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/en/account/zone'),
      page.click('form[action="/en/account/zone"] button[type=submit]'),
    ]);
    await page.goto('/en/events');
    assert.match(await page.textContent('ul.cards'), /\(Europe\/Belgrade/);
  } finally {
    await context.close();
  }
});

test('an organiser adds a material to an event as the page offers it', async () => {
  const { context, page } = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org');
  try {
    await page.goto('/en/events/new');
    await page.selectOption('#kind', 'seminar');
    await page.fill('#title', 'Browser seminar with materials');
    await page.check('#att-online');
    await page.fill('#starts', '2031-06-12T10:00');
    await page.fill('#ends', '2031-06-12T12:00');
    await Promise.all([
      page.waitForURL((u) => /\/en\/events\/[0-9a-f-]+$/.test(u.pathname)),
      page.click('form[action="/en/events/new"] button[type=submit]'),
    ]);
    const eventPath = new URL(page.url()).pathname;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.setInputFiles('form.upload input[type=file]', { name: 'agenda.pdf', mimeType: 'application/pdf', buffer: pdf });
    // The answer leads back to the event's materials (the address already names the event,
    // so wait for the fragment).
    await Promise.all([
      page.waitForURL((u) => u.pathname === eventPath && u.hash === '#materials'),
      page.click('form.upload button[type=submit]'),
    ]);
    assert.match(await page.textContent('#materials'), /agenda\.pdf/);
    // axe needs script: the organiser's page with its upload form, in a context that runs it.
    const js = await signedIn(browser, spona.baseURL, 'jelena@astra.example.org', { js: true });
    try {
      await axeClean(js.page, eventPath);
    } finally {
      await js.context.close();
    }
  } finally {
    await context.close();
  }
});
