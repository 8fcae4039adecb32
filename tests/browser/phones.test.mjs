// Phones (issue 13 item 11): at 390 px, tables stack as cards with every cell labelled and
// nothing off-screen (role, actions, hashes), no page scrolls sideways, and the directory's
// and the hub's results start within the first screen (filters folded in a <details>).
// Screenshots of each page at 390 px go to artifacts/browser/phones/ — look at them.
//
// Run with: bash tests/browser/run.sh   (or `node --test phones.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, REPO, openVaultCase, startSpona } from './spona.mjs';

const SHOTS = path.join(REPO, 'artifacts', 'browser', 'phones');
const PHONE = { width: 390, height: 844 };
const USERS = { jelena: 'jelena@astra.example.org', admin: 'admin@spona.example' };

let spona;
let browser;
const sessions = {};
let vault;

function context(user) {
  return browser.newContext({
    baseURL: spona.baseURL,
    javaScriptEnabled: false,
    viewport: PHONE,
    storageState: user ? sessions[user] : undefined,
  });
}

async function signIn(user) {
  const ctx = await context(null);
  try {
    const page = await ctx.newPage();
    await page.goto('/en/signin');
    await page.fill('#email', USERS[user]);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/en/'), page.click('form[action="/en/signin"] button[type=submit]')]);
    sessions[user] = await ctx.storageState();
  } finally {
    await ctx.close();
  }
}

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await mkdir(SHOTS, { recursive: true });
  for (const u of Object.keys(USERS)) await signIn(u);
  const ctx = await context('jelena');
  try {
    vault = await openVaultCase(await ctx.newPage());
  } finally {
    await ctx.close();
  }
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

const mentorshipRound = async (page) => {
  const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
  return rounds.find((r) => r.programme === 'mentorship' && r.status === 'published').id;
};

// `first`: a selector whose first match must start within the first screen.
const PAGES = [
  { name: 'directory', path: async () => '/orgs', first: 'ul.cards > li' },
  { name: 'resources', path: async () => '/resources', first: 'ol.results > li' },
  { name: 'people', user: 'jelena', path: async () => '/orgs/astra/people', tables: 1 },
  { name: 'vault-cases', user: 'jelena', path: async () => '/vault', first: 'ul.cases > li' },
  { name: 'vault-case', user: 'jelena', path: async () => `/vault/cases/${vault.caseId}`, tables: 1 },
  { name: 'vault-custody', user: 'jelena', path: async () => `/vault/cases/${vault.caseId}/custody`, tables: 1 },
  { name: 'admin-users', user: 'admin', path: async () => '/admin/users', tables: 1 },
  { name: 'admin-audit', user: 'admin', path: async () => '/admin/audit', tables: 1 },
  { name: 'matching-round', user: 'admin', path: async (page) => `/matching/${await mentorshipRound(page)}`, tables: 1 },
  { name: 'resources-review', user: 'admin', path: async () => '/resources/review' },
];

for (const p of PAGES) {
  test(`phone: ${p.name} fits 390 px`, async () => {
    const ctx = await context(p.user);
    try {
      const page = await ctx.newPage();
      for (const loc of ['en', 'uk']) {
        const res = await page.goto(`/${loc}${await p.path(page)}`);
        assert.equal(res.status(), 200, `${p.name} ${loc}: HTTP ${res.status()}`);
        await page.screenshot({ path: path.join(SHOTS, `${p.name}-${loc}.png`), fullPage: true });
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${p.name} ${loc}: the page is ${scroll}px wide in a ${client}px screen`);

        // Every table stacks: no cell reaches past the screen, each cell carries its label.
        const tables = await page.locator('main table').count();
        if (p.tables) assert.ok(tables >= p.tables, `${p.name}: the table is there`);
        const cells = await page.evaluate(() =>
          [...document.querySelectorAll('main table tbody td, main table tbody th[scope=row]')].map((c) => {
            const r = c.getBoundingClientRect();
            return { right: r.right, left: r.left, label: c.dataset.label ?? null, text: c.textContent.trim().slice(0, 40) };
          }),
        );
        for (const c of cells) {
          assert.ok(c.left >= 0 && c.right <= client + 1, `${p.name} ${loc}: cell "${c.text}" lies off-screen (${c.left}–${c.right})`);
          assert.ok(c.label !== null, `${p.name} ${loc}: cell "${c.text}" has no label for its card`);
        }
        const wraps = await page.evaluate(() =>
          [...document.querySelectorAll('main .table-wrap')].filter((w) => w.scrollWidth > w.clientWidth).length,
        );
        assert.equal(wraps, 0, `${p.name} ${loc}: a table scrolls sideways`);

        if (p.first) {
          const box = await page.locator(p.first).first().boundingBox();
          assert.ok(box, `${p.name}: a result is shown`);
          assert.ok(box.y < PHONE.height, `${p.name} ${loc}: the first result starts at ${box.y}px, below the first screen`);
        }
      }
    } finally {
      await ctx.close();
    }
  });
}

test('phone: contacts are links a phone can call or mail', async () => {
  const ctx = await context('jelena');
  try {
    const page = await ctx.newPage();
    await page.goto('/en/orgs/astra/people');
    const mails = await page.locator('main td a[href^="mailto:"]').count();
    assert.ok(mails > 0, 'members\' addresses are mailto: links');
    await page.goto('/en/orgs/astra');
    const plain = await page.evaluate(() =>
      [...document.querySelectorAll('main dd')].filter((d) => /@|^\+?[0-9 ()-]{7,}$/.test(d.textContent.trim()) && !d.querySelector('a')).length,
    );
    assert.equal(plain, 0, 'no address or phone number shown as plain text on the organisation page');
  } finally {
    await ctx.close();
  }
});
