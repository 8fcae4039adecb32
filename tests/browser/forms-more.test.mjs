// The rest of the forms as people meet them (issue 13), with JavaScript off at 390 px: the
// vault's team, leaving a case, export with a language, consent withdrawn and restored; an
// admin's one-time link; a signed-in person joining by invitation; password change, TOTP
// set-up and disabling; a coordinator's pin/forbid.
//
// Each form is first submitted untouched: a field the browser knows is required stops it
// there (the browser's own message), and the same post sent past the browser's check must
// be refused by the server with a message in the page and change nothing. Then only what a
// person must fill is filled, every default kept as rendered, and the post must succeed.
// After each post the shown page is reloaded and its language switched (item 4).
//
// Run with: bash tests/browser/run.sh   (or `node --test forms-more.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, hiddenInputs, mailTo as waitForMail, openVaultCase, startSpona } from './spona.mjs';

const USERS = {
  jelena: 'jelena@astra.example.org',
  admin: 'admin@spona.example',
  milan: 'milan@atina.example.org',
  dragana: 'dragana@krokodil.example.org',
  oksana: 'oksana@zmina.example.org',
  arta: 'arta@pvpt.example.org',
};

let spona;
let browser;
const sessions = {};
let vault;

function context(user) {
  return browser.newContext({
    baseURL: spona.baseURL,
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
    storageState: user ? sessions[user] : undefined,
  });
}

async function signIn(user, password = PASSWORD) {
  const ctx = await context(null);
  try {
    const page = await ctx.newPage();
    await page.goto('/en/signin');
    await page.fill('#email', USERS[user]);
    await page.fill('#password', password);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/en/', { timeout: 10_000 }),
      page.click('form[action="/en/signin"] button[type=submit]'),
    ]);
    sessions[user] = await ctx.storageState();
  } finally {
    await ctx.close();
  }
}

/** Runs `body(page)` in a fresh context of `user`. */
async function as(user, body) {
  const ctx = await context(user);
  try {
    return await body(await ctx.newPage());
  } finally {
    await ctx.close();
  }
}

// Clicks `button` and returns the POST's own response and the page finally shown.
async function submit(page, button) {
  const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click(button),
  ]);
  await navigated;
  await page.waitForLoadState('load');
  let request = response.request();
  while (request.redirectedTo()) request = request.redirectedTo();
  return { post: response, shown: await request.response() };
}

// Submits the form of `button` as rendered. A form the browser finds incomplete is not
// sent (the browser says which field); it is then sent past that check, and the server must
// refuse it with a message. Returns the refusal's { post, shown } or the accepted post's.
async function submitUntouched(page, button, what) {
  const valid = await page.locator(button).evaluate((b) => b.form.noValidate || b.form.checkValidity());
  if (!valid) {
    const before = page.url();
    await page.click(button);
    await page.waitForTimeout(300);
    assert.equal(page.url(), before, `${what}: the browser keeps an incomplete form`);
    await page.locator(button).evaluate((b) => { b.form.noValidate = true; });
  }
  return { valid, ...(await submit(page, button)) };
}

// The server refused the untouched form with a message a person can read.
async function refused(page, res, what, message) {
  const status = res.post.status();
  assert.ok(status >= 400 && status < 500, `${what}: untouched, answered ${status}`);
  const text = await page.textContent('main');
  assert.match(text, message, `${what}: untouched, the message says why`);
}

// The address shown answers a GET, and its Ukrainian version is a page.
async function reloadAndSwitch(page, what) {
  const here = page.url();
  const href = await page.locator('a[hreflang=uk]').first().getAttribute('href');
  const again = await page.goto(here);
  assert.ok(again.status() < 400 || again.status() === 403, `${what}: loading ${here} again answered ${again.status()}`);
  const switched = await page.goto(href);
  assert.ok(switched.status() < 400 || switched.status() === 403, `${what}: in Ukrainian (${href}) answered ${switched.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'uk', `${what}: the page after switching is Ukrainian`);
}

const api = async (page, p) => (await page.request.get(p)).json();
const team = async (page) => (await page.locator('#team-h + ul > li').count());
const consentOf = async (page) => {
  const c = await api(page, `/api/v1/vault/cases/${vault.caseId}`);
  return c.items.find((i) => i.id === vault.itemId).consent;
};

// The newest mail in the outbox to `to`, as text (waiting for the mail sender).
const mailTo = (to) => waitForMail(spona.dataDir, to);

// jelena (ASTRA's admin) invites `email` as a member, through the people page.
async function invite(email) {
  await as('jelena', async (page) => {
    const html = await (await page.request.get('/en/orgs/astra/people')).text();
    const res = await page.request.post('/en/orgs/astra/invite', {
      form: { ...hiddenInputs(html), email, role: 'member' },
      maxRedirects: 0,
    });
    assert.equal(res.status(), 303, `inviting ${email}: ${res.status()}`);
  });
}

// RFC 6238 with the defaults Spona uses (SHA-1, 6 digits, 30 s).
function totp(base32) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const off = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  for (const u of Object.keys(USERS)) await signIn(u);
  vault = await as('jelena', (page) => openVaultCase(page));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

test('form vault-team: add a team member', async () => {
  await as('jelena', async (page) => {
    const at = `/en/vault/cases/${vault.caseId}`;
    const button = `form[action$="/${vault.caseId}/team"] button[type=submit]`;
    await page.goto(at);
    const before = await team(page);
    const untouched = await submitUntouched(page, button, 'vault-team');
    assert.equal(untouched.valid, false, 'the role is a required choice');
    await refused(page, untouched, 'vault-team', /Choose one of the offered options/);
    await page.goto(at);
    assert.equal(await team(page), before, 'untouched, nobody was added');

    await page.fill('#email', USERS.milan);
    await page.selectOption('#role', 'documenter');
    const filled = await submit(page, button);
    assert.equal(filled.post.status(), 303);
    assert.match(page.url(), new RegExp(`/vault/cases/${vault.caseId}$`));
    assert.equal(await team(page), before + 1, 'one person added');
    await reloadAndSwitch(page, 'vault-team');
  });
});

test('form vault-leave: a team member leaves the case', async () => {
  await as('milan', async (page) => {
    await page.goto(`/en/vault/cases/${vault.caseId}`);
    const left = await submit(page, `form[action$="/${vault.caseId}/leave"] button[type=submit]`);
    assert.equal(left.post.status(), 303, 'leaving needs nothing filled');
    assert.ok(left.shown.status() < 400);
    const cases = await api(page, '/api/v1/vault/cases');
    assert.ok(!cases.some((c) => c.id === vault.caseId), 'the case is no longer theirs');
    await reloadAndSwitch(page, 'vault-leave');
  });
});

test('form vault-export: an export with a language', async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'spona-export-'));
  try {
    execFileSync('age-keygen', ['-o', path.join(work, 'key.txt')], { stdio: 'pipe' });
    const key = await readFile(path.join(work, 'key.txt'), 'utf8');
    const recipient = key.match(/public key: (age1\S+)/)[1];
    await as('jelena', async (page) => {
      const at = `/en/vault/cases/${vault.caseId}/export`;
      const button = `form[action$="/export"] button[type=submit]`;
      await page.goto(at);
      const entries = async () => (await api(page, `/api/v1/vault/cases/${vault.caseId}/custody`)).entries.length;
      const before = await entries();
      const untouched = await submitUntouched(page, button, 'vault-export');
      assert.equal(untouched.valid, false, 'recipient, language and reason are required');
      await refused(page, untouched, 'vault-export', /age|recipient/i);
      await reloadAndSwitch(page, 'vault-export untouched');

      await page.goto(at);
      await page.check(`input[name=items][value="${vault.itemId}"]`);
      await page.fill('#recipient', recipient);
      await page.selectOption('#language', 'uk');
      await page.fill('#reason', 'Requested by the prosecutor in Novi Sad');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const bundle = path.join(work, 'bundle.tar.age');
      await download.saveAs(bundle);
      assert.match(download.suggestedFilename(), /\.tar\.age$/);
      execFileSync('age', ['-d', '-i', path.join(work, 'key.txt'), '-o', path.join(work, 'bundle.tar'), bundle]);
      const list = execFileSync('tar', ['-tf', path.join(work, 'bundle.tar')]).toString();
      assert.match(list, /readable\/custody\.html/, 'the readable custody log is in the bundle');
      execFileSync('tar', ['-xf', path.join(work, 'bundle.tar'), '-C', work]);
      const readable = await readFile(path.join(work, 'readable', 'custody.html'), 'utf8');
      assert.match(readable, /<html lang="uk">/, 'in the language chosen');
      const after = await entries();
      assert.ok(after > before, 'the export is in the custody log');
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('form vault-consent: withdrawn, then restored with the record of the decision', async () => {
  await as('jelena', async (page) => {
    const at = `/en/vault/cases/${vault.caseId}/items/${vault.itemId}`;
    await page.goto(at);
    // Withdrawing needs nothing but the click: it only ever takes consent away.
    const withdrawn = await submit(page, 'button[name=action][value=withdraw]');
    assert.equal(withdrawn.post.status(), 303);
    assert.equal((await consentOf(page)).withdrawn, true, 'consent withdrawn');
    await reloadAndSwitch(page, 'vault-consent withdraw');

    // The case lists the withheld item with a link to its consent form.
    await page.goto(`/en/vault/cases/${vault.caseId}`);
    await page.click(`a[href$="/items/${vault.itemId}"]`);
    assert.equal(await page.locator('.narrative').count(), 0, 'nothing of the testimony is shown');
    const update = 'button[name=action][value=update]';
    // Restoring without the record of the person's decision is refused.
    await page.check('input[name=documentation]');
    const bare = await submit(page, update);
    await refused(page, bare, 'vault-consent restore', /new decision/);
    assert.equal((await consentOf(page)).withdrawn, true, 'still withdrawn');
    await reloadAndSwitch(page, 'vault-consent refused');

    await page.goto(at);
    await page.check('input[name=documentation]');
    await page.selectOption('#decided_by', 'person');
    await page.selectOption('#decided_how', 'writing');
    await page.fill('#decided_on', '2026-04-01');
    await page.fill('#witness', 'Marta K., social worker');
    const restored = await submit(page, update);
    assert.equal(restored.post.status(), 303, await page.textContent('main'));
    const c = await consentOf(page);
    assert.equal(c.withdrawn, false);
    assert.equal(c.documentation, true);
    await reloadAndSwitch(page, 'vault-consent restore');
  });
});

test('form admin-link: an admin issues a one-time link for a pending invitation', async () => {
  await invite('new.colleague@example.org');
  await as('admin', async (page) => {
    await page.goto('/en/orgs/astra/people');
    const res = await submit(page, 'form[action$="/invites/link"] button[type=submit]');
    assert.equal(res.post.status(), 303);
    assert.match(page.url(), /\/orgs\/astra\/invites\/link\/[^/]+$/);
    assert.match(await page.textContent('main'), /\/invite\//, 'the link is shown to the admin');
    await reloadAndSwitch(page, 'admin-link');
  });
});

test('form invite-join: a signed-in person joins by invitation', async () => {
  await invite(USERS.arta);
  const link = (await mailTo(USERS.arta)).match(/https?:\/\/\S+\/invite\/\S+/)[0];
  const p = new URL(link).pathname.replace(/^\/(en|sr-Latn|sr-Cyrl|uk)(?=\/)/, '');
  await as('arta', async (page) => {
    await page.goto(`/en${p}`);
    const res = await submit(page, 'form[action$="/join"] button[type=submit]');
    assert.equal(res.post.status(), 303);
    assert.match(page.url(), /\/orgs\/astra$/);
    await page.goto('/en/');
    assert.match(await page.textContent('main'), /ASTRA/, 'ASTRA is among their organisations');
    await reloadAndSwitch(page, 'invite-join');
  });
});

test('form account-password: a password change', async () => {
  const fresh = 'a new and longer demo password';
  await as('dragana', async (page) => {
    const button = 'form[action$="/account/password"] button[type=submit]';
    await page.goto('/en/account');
    const untouched = await submitUntouched(page, button, 'account-password');
    assert.equal(untouched.valid, false, 'the browser asks for the passwords');
    await refused(page, untouched, 'account-password', /password/i);
    assert.equal(await page.locator('.error-summary').count(), 1, 'an error summary');
    await reloadAndSwitch(page, 'account-password untouched');

    await page.goto('/en/account');
    await page.fill('#current', PASSWORD);
    await page.fill('#password', fresh);
    await page.fill('#password2', fresh);
    const res = await submit(page, button);
    assert.equal(res.post.status(), 303, await page.textContent('main'));
    await reloadAndSwitch(page, 'account-password');
  });
  await signIn('dragana', fresh);
});

test('form account-totp: set up, then disabled', async () => {
  await as('oksana', async (page) => {
    const button = 'form[action$="/account/totp"] button[type=submit]';
    await page.goto('/en/account/totp');
    const untouched = await submitUntouched(page, button, 'account-totp');
    assert.equal(untouched.valid, false, 'the browser asks for the code and password');
    await refused(page, untouched, 'account-totp', /code|password/i);
    await reloadAndSwitch(page, 'account-totp untouched');

    await page.goto('/en/account/totp');
    const secret = await page.getAttribute('input[name=secret]', 'value');
    await page.fill('#code', totp(secret));
    await page.fill('#current', PASSWORD);
    const on = await submit(page, button);
    assert.equal(on.post.status(), 303, await page.textContent('main'));
    await reloadAndSwitch(page, 'account-totp');

    const off = 'form[action$="/account/totp/disable"] button[type=submit]';
    await page.goto('/en/account');
    const bare = await submitUntouched(page, off, 'account-totp-disable');
    await refused(page, bare, 'account-totp-disable', /password/i);
    await page.goto('/en/account');
    assert.equal(await page.locator(off).count(), 1, 'untouched, still on');
    await page.fill('#disable_current', PASSWORD);
    const done = await submit(page, off);
    assert.equal(done.post.status(), 303, await page.textContent('main'));
    assert.equal(await page.locator(off).count(), 0, 'two-step sign-in is off');
    await reloadAndSwitch(page, 'account-totp-disable');
  });
});

test('form matching-constraint: a coordinator pins or forbids a pair', async () => {
  await as('admin', async (page) => {
    const rounds = await api(page, '/api/v1/matching/rounds');
    const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'published');
    const at = `/en/matching/${round.id}`;
    const button = 'form[action$="/constraints"] button[type=submit]';
    const list = () => page.locator('form[action$="/constraints"] + ul > li').count();
    await page.goto(at);
    const before = await list();
    for (const id of ['#ca', '#cb', '#ck']) {
      assert.equal(await page.inputValue(id), '', `${id}: nothing chosen in advance`);
    }
    const untouched = await submitUntouched(page, button, 'matching-constraint');
    await refused(page, untouched, 'matching-constraint', /people who opted in/);
    await reloadAndSwitch(page, 'matching-constraint untouched');
    await page.goto(at);
    assert.equal(await list(), before, 'untouched, no constraint');

    const first = async (sel) => page.locator(`${sel} option:not([value=""])`).first().getAttribute('value');
    await page.selectOption('#ca', await first('#ca'));
    await page.selectOption('#cb', await first('#cb'));
    await page.selectOption('#ck', 'forbid');
    const res = await submit(page, button);
    assert.equal(res.post.status(), 303, await page.textContent('main'));
    assert.equal(await list(), before + 1, 'one constraint');
    await reloadAndSwitch(page, 'matching-constraint');
  });
});
