// The awareness quiz offline (issue 23, item 6; lane quiz23), with JavaScript ON, against
// `serve --demo` (the demo quiz /q/stop-trafficking, six questions):
//  - the page script registers the quiz's service worker (scope /en/q/stop-trafficking/),
//    which keeps the session's question pages;
//  - question 1 is answered online; then the phone goes offline (context.setOffline): the
//    answers to questions 2 and 3 are kept on the phone ("Saved on this phone") and the quiz
//    goes on from the worker's cache; one queued answer is put in the queue twice, as if
//    its acknowledgement had been lost;
//  - back online, the worker sends the queue: the database holds each answer once (three
//    answers, three choices), and the feedback pages of questions 2 and 3 show them.
//  - the script Spona sends for it weighs at most 20 KB.
//
// Run alone: cd tests/browser && SPONA_BIN=$PWD/../../target/debug/spona node --test quiz_offline.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, startSpona, submit } from './spona.mjs';

const SLUG = 'stop-trafficking';

let spona;
let baseURL;
let browser;

before(async () => {
  spona = await startSpona();
  baseURL = spona.baseURL;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

/** Rows of `sql` in the demo server's SQLite database (the `sqlite3` command). */
function sql(query) {
  const db = path.join(spona.dataDir, 'spona.db');
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

async function waitFor(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

test('the quiz script and worker weigh at most 20 KB', async () => {
  let bytes = 0;
  for (const file of ['app.js', 'sw.js']) {
    const res = await fetch(`${baseURL}/en/q/${SLUG}/${file}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self'/);
    bytes += (await res.arrayBuffer()).byteLength;
  }
  assert.ok(bytes <= 20 * 1024, `${bytes} bytes`);
});

test('answers given offline are sent once the phone is online again, each once', async () => {
  const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 640 } });
  try {
    const page = await context.newPage();
    await page.goto(`/en/q/${SLUG}`);
    // The page script registers the worker; it takes control of the quiz's pages.
    await waitFor('the worker active', () =>
      page.evaluate(async (s) => Boolean((await navigator.serviceWorker.getRegistration(s))?.active), `/en/q/${SLUG}/`),
    );
    const res = await submit(page, 'main form button[type=submit]');
    assert.equal(res.status(), 303);
    await page.waitForURL(/\/s\/[^/]+\/1$/);
    const first = new URL(page.url()).pathname;
    const base = first.replace(/\/1$/, '');
    const session = base.split('/').pop().split('.')[0];
    // The worker keeps the session's six questions and the "about you" page.
    await waitFor('the session kept offline', () =>
      page.evaluate(async (b) => Boolean(await (await caches.open('qz-pages-v1')).match(`${b}/__total`)), base),
    );

    // Question 1, online.
    await page.locator('main input[name=choice]').first().check();
    assert.equal((await submit(page, 'main form button[type=submit]')).status(), 303);
    await page.waitForURL(/\/1\/feedback$/);
    await page.click('main a.button');
    await page.waitForURL(/\/2$/);

    // Offline: questions 2 and 3 are answered and kept on the phone.
    await context.setOffline(true);
    for (const n of [2, 3]) {
      assert.equal(new URL(page.url()).pathname, `${base}/${n}`);
      await page.locator('main input[name=choice]').first().check();
      await page.click('main form button[type=submit]');
      await page.waitForSelector('a[data-next]');
      assert.match(await page.textContent('main h1'), /Saved on this phone/);
      assert.equal(await page.getAttribute('a[data-next]', 'href'), `${base}/${n + 1}`);
      await page.click('a[data-next]');
      await page.waitForURL(new RegExp(`/${n + 1}$`));
    }
    // Question 4 came from the cache; nothing reached the server yet.
    assert.match(await page.textContent('main'), /4 \/ 6/);
    assert.equal(sql(`SELECT COUNT(*) FROM quiz_responses WHERE session_id = '${session}'`), '1');
    // An acknowledgement lost on the way: the first queued answer is in the queue twice.
    const queued = await page.evaluate(async () => {
      const q = await caches.open('qz-queue-v1');
      const keys = await q.keys();
      const copy = await (await q.match(keys[0])).text();
      await q.put(`${keys[0].url}-again`, new Response(copy));
      return (await q.keys()).length;
    });
    assert.equal(queued, 3);

    // Online again: the worker sends the queue (the browser's `online` event, and the
    // next page that reaches the server).
    await context.setOffline(false);
    await page.reload();
    await waitFor('the queue sent', () =>
      page.evaluate(async () => (await (await caches.open('qz-queue-v1')).keys()).length === 0),
    );
    assert.equal(sql(`SELECT COUNT(*) FROM quiz_responses WHERE session_id = '${session}'`), '3');
    assert.equal(sql(`SELECT COUNT(*) FROM quiz_choices WHERE session_id = '${session}'`), '3');
    assert.equal(sql(`SELECT group_concat(question) FROM (SELECT question FROM quiz_responses WHERE session_id = '${session}' ORDER BY question)`), '0,1,2');
    for (const n of [2, 3]) {
      const fb = await page.goto(`${base}/${n}/feedback`);
      assert.equal(fb.status(), 200);
      assert.match(new URL(page.url()).pathname, /\/feedback$/, `question ${n} answered`);
    }
  } finally {
    await context.close();
  }
});
