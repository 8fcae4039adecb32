// Shared set-up of the browser tests: a Spona demo server on a free loopback port with a
// fresh data directory, and Debian's Chromium with the flags this closed network needs.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const SPONA_BIN = path.resolve(HERE, process.env.SPONA_BIN || '../../target/debug/spona');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PASSWORD = 'demo password for Spona';

// Without the background-networking flags Chromium's connections are refused here.
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

/**
 * Starts `spona serve --demo` and waits until /healthz answers 200.
 * Returns { baseURL, log(), stop() }.
 */
export async function startSpona(timeoutMs = 60_000) {
  await access(SPONA_BIN, fsConstants.X_OK).catch(() => {
    throw new Error(`spona binary not found or not executable: ${SPONA_BIN} (set SPONA_BIN)`);
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spona-browser-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawn(
    SPONA_BIN,
    ['--data-dir', dataDir, 'serve', '--demo', '--bind', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  const keep = (chunk) => {
    serverLog = (serverLog + chunk.toString()).slice(-20000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise((resolve) => {
        const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
        server.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        server.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`spona exited early (code ${server.exitCode}, signal ${server.signalCode}).\n${serverLog}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return { baseURL, dataDir, log: () => serverLog, stop };
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.message;
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`spona did not answer 200 within ${timeoutMs} ms (last: ${lastError}).\n${serverLog}`);
}

/** The hidden `csrf` and `once` inputs of a form page's HTML (`once` may be absent). */
export function hiddenInputs(html) {
  const value = (name) => {
    const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
    return m?.[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
  };
  const out = { csrf: value('csrf') };
  const once = value('once');
  if (once) out.once = once;
  return out;
}

/**
 * Opens a vault case with one testimony through the forms, as the signed-in user of `page`
 * (its request context shares the cookies). Returns { caseId, itemId }.
 */
export async function openVaultCase(page, title = 'Recruitment through a fake job offer') {
  const post = async (url, form) => {
    const res = await page.request.post(url, { form, maxRedirects: 0 });
    if (res.status() !== 303) throw new Error(`POST ${url} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
    return res.headers().location;
  };
  const form = await (await page.request.get('/en/vault/new')).text();
  const caseAt = await post('/en/vault/new', { ...hiddenInputs(form), title });
  const caseId = caseAt.match(/\/vault\/cases\/([0-9a-f-]{36})$/)[1];
  const tform = await (await page.request.get(`/en/vault/cases/${caseId}/testimonies/new`)).text();
  const itemAt = await post(`/en/vault/cases/${caseId}/testimonies/new`, {
    ...hiddenInputs(tform),
    interviewer: 'Jelena Petrović',
    language: 'uk',
    place: 'Novi Sad, ASTRA office',
    date: '2026-03-14',
    pseudonym: 'Witness K.',
    gender_choice: 'chosen',
    narrative: 'She answered an advertisement for seasonal work abroad.',
    documentation: 'on',
    prosecutors: 'on',
  });
  const itemId = itemAt.match(/\/items\/([0-9a-f-]{36})$/)[1];
  return { caseId, itemId };
}

// The newest mail in the outbox to `to`, as text, waiting (up to `timeoutMs`) for the
// server's mail sender, which writes queued mail every half second.
export async function mailTo(dataDir, to, timeoutMs = 10_000) {
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = path.join(dataDir, 'outbox');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const names = (await readdir(dir).catch(() => [])).filter((x) => x.endsWith('.eml'));
    for (const f of names.sort().reverse()) {
      const text = await readFile(path.join(dir, f), 'utf8');
      if (text.includes(`To: ${to}`)) return text;
    }
    if (Date.now() > until) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- What the page-type tests share: signing in, posting a form, axe, page weight ----

export const ADMIN = 'admin@spona.example';
export const LOCALES = ['en', 'sr-Latn', 'sr-Cyrl', 'uk'];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** A phone and a desktop. */
export const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
/** A first load's budget, without JavaScript. */
export const MAX_TOTAL = 100 * 1024;

/** Signs `page` in as `email` through the English form and waits for the page after it. */
export async function signInOn(page, email = ADMIN) {
  await page.goto('/en/signin');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/signin')),
    page.click('form[action="/en/signin"] button[type=submit]'),
  ]);
}

/** A new context of `browser` on `baseURL` signed in as `email`, with the page it used. */
export async function signedIn(browser, baseURL, email = ADMIN, { js = false, viewport } = {}) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: js, bypassCSP: js, viewport });
  const page = await context.newPage();
  await signInOn(page, email);
  return { context, page };
}

/** The session of `email` on `baseURL`, as a storage state for later contexts. */
export async function signIn(browser, baseURL, email = ADMIN) {
  const { context } = await signedIn(browser, baseURL, email);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Clicks `selector` (a form's button) and returns the POST's response, once loaded. */
export async function submit(page, selector) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click(selector),
  ]);
  await page.waitForLoadState();
  return response;
}

/** Axe's WCAG 2.1 A/AA violations on the page as it is, one line each, after `label`. */
export async function axeViolations(page, label) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  // axe runs as a script in the page: in a context with JavaScript off its evaluation never
  // answers (Chromium 156), so a run that does not finish fails the test here, not CI's clock.
  let timer;
  const stuck = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label}: axe did not finish in 60 s; axe needs a context with javaScriptEnabled and bypassCSP`)),
      60_000,
    );
  });
  const result = await Promise.race([new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), stuck]).finally(() =>
    clearTimeout(timer),
  );
  return result.violations.map(
    (v) => `${label}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
}

/**
 * Loads a page type in every locale with `load(page, loc)` (which returns the response) and
 * collects axe's violations: at each of `widths` in English and at the first of them (a
 * phone) in the other locales (or at the context's own width), with `lang` set to the
 * locale, and, with `narrow`, no horizontal scrolling at 320 px. Returns the failures.
 */
export async function axeEveryLocale(context, load, { status = 200, widths = null, narrow = false } = {}) {
  const { default: assert } = await import('node:assert/strict');
  const failures = [];
  const page = await context.newPage();
  for (const loc of LOCALES) {
    const res = await load(page, loc);
    assert.equal(res.status(), status, `${loc}: HTTP ${res.status()}`);
    assert.equal(await page.getAttribute('html', 'lang'), loc);
    // Every width in English, the first (the phone) in the other locales.
    for (const viewport of (loc === LOCALES[0] ? widths : widths?.slice(0, 1)) ?? [null]) {
      if (viewport) await page.setViewportSize(viewport);
      failures.push(...(await axeViolations(page, viewport ? `${loc} ${viewport.width}` : loc)));
    }
    if (narrow) {
      await page.setViewportSize({ width: 320, height: 844 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (wide) failures.push(`${loc}: horizontal scrolling at 320 px`);
    }
  }
  await page.close();
  return failures;
}

/**
 * What a first load of `url` in `context` (on `baseURL`) fetches, every response counted once it is
 * complete: `wire` (body bytes as sent), `headers` (response header bytes), `decoded`
 * (body bytes once decoded), the addresses on other origins, and the page's status.
 */
export async function pageWeight(context, baseURL, url) {
  const page = await context.newPage();
  const origin = new URL(baseURL).origin;
  const out = { wire: 0, headers: 0, decoded: 0, foreign: [], status: 0 };
  const pending = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        if (new URL(request.url()).origin !== origin) out.foreign.push(request.url());
        const sizes = await request.sizes().catch(() => null);
        out.wire += sizes?.responseBodySize ?? 0;
        out.headers += sizes?.responseHeadersSize ?? 0;
        const body = await (await request.response())?.body().catch(() => null);
        out.decoded += body?.length ?? 0;
      })(),
    );
  });
  const res = await page.goto(url, { waitUntil: 'load' });
  out.status = res.status();
  await page.waitForTimeout(200);
  await Promise.all(pending);
  await page.close();
  return out;
}

/** Goes to `url` and fails unless it answers 200 with no axe violation. */
export async function axeClean(page, url) {
  const { default: assert } = await import('node:assert/strict');
  const res = await page.goto(url);
  assert.equal(res.status(), 200, url);
  const failures = await axeViolations(page, url);
  assert.deepEqual(failures, [], failures.join('\n'));
}

// ---- Two deployments paired for federation (fedref, fedvault) ----

/** The id that the deployment at `baseURL` gives its organisation `slug` in its federation document. */
export async function federationOrgId(baseURL, slug) {
  const doc = await (await fetch(`${baseURL}/.well-known/spona-federation`)).json();
  return doc.document.organisations.find((o) => o.slug === slug).id;
}

/**
 * `here` (a server of `startSpona`) adds `there` as a partner through its admin form, with the
 * fingerprint read off `there`'s page as an admin would, and links `local` (an organisation's
 * slug here) with `remote` (there).
 */
export async function pairDeployments(browser, here, there, local, remote) {
  const seen = await signedIn(browser, there.baseURL, ADMIN);
  await seen.page.goto('/en/admin/federation');
  const fingerprint = (await seen.page.locator('dd strong.fingerprint').textContent()).trim();
  await seen.context.close();
  const { context, page } = await signedIn(browser, here.baseURL, ADMIN);
  try {
    await page.goto('/en/admin/federation');
    await page.fill('#url', there.baseURL);
    await page.fill('#fingerprint', fingerprint);
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith('/en/admin/federation/partners/')),
      page.click('form[action="/en/admin/federation/partners"] button[type=submit]'),
    ]);
    await page.selectOption('#local', await federationOrgId(here.baseURL, local));
    await page.selectOption('#remote', await federationOrgId(there.baseURL, remote));
    await Promise.all([page.waitForURL(/done=linked/), page.click('button[name=action][value=add]')]);
  } finally {
    await context.close();
  }
}
