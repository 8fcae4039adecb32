// Browser end-to-end tests for Spona, driven through Debian's Chromium with
// JavaScript disabled (the site must work without scripts).
//
// Run with: bash tests/browser/run.sh   (or `node --test` in this folder)
// Env: SPONA_BIN      path to the spona binary (default ../../target/debug/spona)
//      CHROMIUM_PATH  path to Chromium (default /usr/bin/chromium)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SPONA_BIN = path.resolve(HERE, process.env.SPONA_BIN || '../../target/debug/spona');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');

const ADMIN_EMAIL = 'jelena@astra.example.org';
const PASSWORD = 'demo password for Spona';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server; // ChildProcess
let serverLog = '';
let dataDir;
let baseURL;
let browser;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealthy(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`spona exited early (code ${server.exitCode}, signal ${server.signalCode}).\n${serverLog}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.message;
    }
    await sleep(250);
  }
  throw new Error(`spona did not answer 200 on ${url} within ${timeoutMs} ms (last: ${lastError}).\n${serverLog}`);
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
    server.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

before(async () => {
  await access(SPONA_BIN, fsConstants.X_OK).catch(() => {
    throw new Error(`spona binary not found or not executable: ${SPONA_BIN} (set SPONA_BIN)`);
  });
  dataDir = await mkdtemp(path.join(tmpdir(), 'spona-browser-'));
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(
    SPONA_BIN,
    ['--data-dir', dataDir, 'serve', '--demo', '--bind', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk) => {
    serverLog = (serverLog + chunk.toString()).slice(-20000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  await waitForHealthy(`${baseURL}/healthz`, 60_000);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newPage(options = {}) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, ...options });
  const page = await context.newPage();
  return { context, page };
}

// Clicks a form's submit button and waits for the POST it sends, failing with
// the server's answer (status and page heading) if that POST is refused,
// then waits until the browser lands on `landing` (a pathname).
async function submitForm(page, buttonSelector, postPath, landing) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === postPath),
    page.click(buttonSelector),
  ]);
  if (response.status() >= 400) {
    await page.waitForLoadState('load');
    const heading = (await page.textContent('h1').catch(() => ''))?.trim();
    const origin = await response.request().headerValue('origin');
    assert.fail(
      `POST ${postPath} answered HTTP ${response.status()} ("${heading}"); ` +
        `the browser sent Origin: ${origin}`,
    );
  }
  await page.waitForURL((u) => u.pathname === landing);
}

function countOf(text) {
  const m = /\d+/.exec(text ?? '');
  assert.ok(m, `no number in result count ${JSON.stringify(text)}`);
  return Number(m[0]);
}

test('signs in, edits an organisation and sees the change', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto('/en/signin');
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', PASSWORD);
    await submitForm(page, 'form[action="/en/signin"] button[type=submit]', '/en/signin', '/en/');

    const city = `Beograd-${Date.now()}`;
    const editResponse = await page.goto('/en/orgs/astra/edit');
    assert.equal(editResponse.status(), 200, 'edit page should be reachable for the org admin');
    await page.fill('#city', city);
    await submitForm(
      page,
      'form[action="/en/orgs/astra/edit"] button[type=submit]',
      '/en/orgs/astra/edit',
      '/en/orgs/astra',
    );

    assert.ok((await page.textContent('h1'))?.trim(), 'org page has a heading');
    const meta = await page.textContent('p.meta');
    assert.match(meta, new RegExp(`Serbia\\s*·\\s*${city}`), `meta line was ${JSON.stringify(meta)}`);

    await page.screenshot({ path: path.join(ARTIFACTS, 'org-edited.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('directory search is script-insensitive without JavaScript', async () => {
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
  try {
    const search = async (q) => {
      await page.goto('/sr-Latn/orgs');
      await page.fill('#q', q);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/sr-Latn/orgs' && u.searchParams.get('q') === q),
        page.click('form.filters button[type=submit]'),
      ]);
      return countOf(await page.textContent('#result-count'));
    };

    const cyrillic = await search('Београд');
    const latin = await search('Beograd');
    assert.ok(latin > 0, `searching "Beograd" found ${latin} organisations`);
    assert.equal(cyrillic, latin, 'Cyrillic and Latin spellings should match the same organisations');

    await page.screenshot({ path: path.join(ARTIFACTS, 'directory-search.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('pages render in each locale', async () => {
  const { context, page } = await newPage();
  try {
    for (const loc of ['en', 'sr-Latn', 'sr-Cyrl', 'uk']) {
      const res = await page.goto(`/${loc}/orgs`);
      assert.equal(res.status(), 200, `/${loc}/orgs status`);
      assert.equal(await page.getAttribute('html', 'lang'), loc, `html[lang] on /${loc}/orgs`);
    }
  } finally {
    await context.close();
  }
});
