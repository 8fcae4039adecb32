// Forms as people meet them: every form page, with JavaScript off as on a cheap phone.
//
// For each form, in the browser:
//  1. submit it untouched: either it is valid as rendered (an edit form already filled in)
//     and succeeds, or it answers with an error summary and marked fields, and nothing was
//     created (`count` before and after);
//  2. fill only the fields a person must fill, keep every other default exactly as the page
//     rendered it (selected options, ticked boxes, values), submit, and expect success;
//  3. after every submission, reload the page the browser shows and switch its language:
//     neither may answer an error (item 4 of issue 13: result and error pages must live at
//     addresses that also answer GET).
//
// This is the test that would have caught a select listing the wrong vocabulary (the
// resource form's "Kind" listed countries, so no save could succeed) and consent ticked in
// advance. Forms that only send valid codes from tests never see what the page offers.
//
// Run with: bash tests/browser/run.sh   (or `node --test forms.test.mjs` in this folder)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, PASSWORD, openVaultCase, startSpona } from './spona.mjs';

const USERS = {
  jelena: 'jelena@astra.example.org',
  admin: 'admin@spona.example',
  iryna: 'iryna@mentors.example.org',
  milan: 'milan@atina.example.org',
};

let spona;
let browser;
const sessions = {};

function context(user) {
  return browser.newContext({
    baseURL: spona.baseURL,
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    storageState: user ? sessions[user] : undefined,
  });
}

// Clicks `button` and returns the final response of the POST it sends, after redirects.
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

async function signIn(user) {
  const ctx = await context(null);
  try {
    const page = await ctx.newPage();
    await page.goto('/en/signin');
    await page.fill('#email', USERS[user]);
    await page.fill('#password', PASSWORD);
    await submit(page, 'form[action="/en/signin"] button[type=submit]');
    sessions[user] = await ctx.storageState();
  } finally {
    await ctx.close();
  }
}

const api = async (page, path) => (await page.request.get(path)).json();
const rounds = (page) => api(page, '/api/v1/matching/rounds');
let vault;
const vaultCase = async (page) => (vault ??= await openVaultCase(page));
// Pending invitations on ASTRA's people page (members are in a table, invitations a list).
const pendingInvites = async (page) =>
  ((await (await page.request.get('/en/orgs/astra/people')).text()).match(/<li><a href="mailto:/g) ?? []).length;
async function astraResource(page) {
  const list = await api(page, '/en/api/v1/resources?page=1');
  for (const item of list.items) {
    const r = await api(page, `/en/api/v1/resources/${item.id}`);
    if (r.owner === 'astra') return r;
  }
  throw new Error('no ASTRA resource in the demo');
}

// `path(page)` gives the form page (without locale), `button` the submit button inside the
// form, `fill(page)` fills what a person must; `untouched` is 'errors' or 'ok'; `done`
// matches the address shown after success; `count(page)` counts what the form creates.
const FORMS = [
  {
    name: 'resource-new',
    user: 'jelena',
    path: async () => '/resources/new',
    button: 'form[action$="/resources/new"] button[value=save]',
    untouched: 'errors',
    fill: async (page) => {
      await page.selectOption('#kind', 'case-study');
      await page.fill('#title', 'Shelter intake checklist');
      await page.fill('#body', 'What we ask on the first night, and what we never ask.');
    },
    done: /\/resources\/[0-9a-f-]{36}$/,
    count: async (page) => (await api(page, '/en/api/v1/resources')).total,
  },
  {
    name: 'resource-details',
    user: 'jelena',
    path: async (page) => `/resources/${(await astraResource(page)).id}/details`,
    button: 'form[action$="/details"] button[value=save]',
    untouched: 'ok',
    done: /\/resources\/[0-9a-f-]{36}$/,
  },
  {
    name: 'resource-edit',
    user: 'jelena',
    path: async (page) => {
      const r = await astraResource(page);
      return `/resources/${r.id}/edit?lang=${r.variants[0].lang}`;
    },
    button: 'form[action*="/edit"] button[value=save]',
    // Saving a version needs a note saying what changed.
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#note', 'Night-shift contacts added');
    },
    done: /\/resources\/[0-9a-f-]{36}/,
  },
  {
    name: 'org-edit',
    user: 'jelena',
    path: async () => '/orgs/astra/edit',
    button: 'form[action$="/orgs/astra/edit"] button[type=submit]',
    untouched: 'ok',
    done: /\/orgs\/astra$/,
  },
  {
    name: 'org-new',
    user: 'admin',
    path: async () => '/orgs/new',
    button: 'form[action$="/orgs/new"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#name', 'Sigurna kuća Kragujevac');
      await page.selectOption('#country', 'RS');
      await page.fill('#city', 'Kragujevac');
    },
    done: /\/orgs\/[a-z0-9-]+$/,
    count: async (page) => (await api(page, '/api/v1/orgs')).total,
  },
  {
    name: 'matching-new',
    user: 'admin',
    path: async () => '/matching/new',
    button: 'form[action$="/matching/new"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#title', 'Kosovo ↔ Serbia: shelters');
      await page.check('#side_a input[value=XK]');
      await page.check('#side_b input[value=RS]');
      await page.fill('#deadline', '2099-06-30');
    },
    done: /\/matching\/[0-9a-f-]{36}$/,
    count: async (page) => (await rounds(page)).length,
  },
  {
    // An organisation's opt-in to the open peer-exchange round (ASTRA is on the Serbian side):
    // the form comes filled from the organisation's profile, so as rendered it is complete.
    name: 'matching-opt-in',
    user: 'jelena',
    path: async (page) => {
      const round = (await rounds(page)).find((r) => r.programme === 'peer_exchange' && r.status === 'open');
      return `/matching/${round.id}`;
    },
    button: 'form[action$="/opt-in"] button[type=submit]',
    untouched: 'ok',
    done: /\/matching\/[0-9a-f-]{36}$/,
  },
  {
    // A person's opt-in to the open mentorship round (Kosovo ↔ Serbia).
    name: 'mentorship-opt-in',
    user: 'milan',
    path: async (page) => {
      const round = (await rounds(page)).find((r) => r.programme === 'mentorship' && r.status === 'open');
      return `/matching/${round.id}`;
    },
    button: 'form[action$="/opt-in"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.check('input[name=role][value=mentee]');
      await page.selectOption('#country', 'RS');
      await page.fill('#statement', 'We open our first safe house and want to do it well.');
      await page.check('#needs input[value=safe-houses]');
      await page.check('#languages input[value=sr]');
    },
    done: /\/matching\/[0-9a-f-]{36}$/,
  },
  {
    name: 'matching-check-in',
    user: 'iryna',
    path: async (page) => {
      const round = (await rounds(page)).find((r) => r.programme === 'mentorship' && r.status === 'published');
      const full = await api(page, `/api/v1/matching/rounds/${round.id}`);
      const pair = full.proposals.find((p) => p.answer_a === 'accepted' && p.answer_b === 'accepted');
      return `/matching/${round.id}/pairs/${pair.id}`;
    },
    button: 'form[action$="/check-ins"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#note', 'Second call: the house rules, translated.');
    },
    done: /\/pairs\/[0-9a-f-]{36}$/,
  },
  {
    name: 'vault-new',
    user: 'jelena',
    path: async () => '/vault/new',
    button: 'form[action$="/vault/new"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#title', 'Recruitment through a fake job offer');
    },
    done: /\/vault\/cases\/[0-9a-f-]{36}$/,
    count: async (page) => (await api(page, '/api/v1/vault/cases')).length,
  },
  {
    name: 'people-invite',
    user: 'jelena',
    path: async () => '/orgs/astra/people',
    button: 'form[action$="/orgs/astra/invite"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#email', 'new.volunteer@example.org');
    },
    done: /\/orgs\/astra\/people/,
    count: pendingInvites,
  },
  {
    // Nothing is decided for the witness in advance: language, the gender question and
    // consent are the interviewer's to record.
    name: 'vault-testimony',
    user: 'jelena',
    path: async (page) => `/vault/cases/${(await vaultCase(page)).caseId}/testimonies/new`,
    button: 'form[action$="/testimonies/new"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#interviewer', 'Jelena Petrović');
      await page.selectOption('#language', 'sr');
      await page.fill('#place', 'Novi Sad, ASTRA office');
      await page.fill('#date', '2026-03-14');
      await page.fill('#pseudonym', 'Witness M.');
      await page.check('input[name=gender_choice][value=chosen]');
      await page.fill('#narrative', 'He was promised work on a building site and paid nothing for months.');
      await page.check('input[name=documentation]');
    },
    done: /\/vault\/cases\/[0-9a-f-]{36}\/items\/[0-9a-f-]{36}$/,
    count: async (page) => (await api(page, `/api/v1/vault/cases/${(await vaultCase(page)).caseId}`)).items.length,
  },
  {
    name: 'reset-request',
    user: null,
    path: async () => '/reset',
    button: 'form[action$="/reset"] button[type=submit]',
    untouched: 'errors',
    fill: async (page) => {
      await page.fill('#email', 'jelena@astra.example.org');
    },
    done: /\/reset\?done=sent$/,
  },
];

before(async () => {
  spona = await startSpona();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  for (const user of Object.keys(USERS)) await signIn(user);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (spona) await spona.stop();
});

// The address the browser shows answers a GET (a reload, a bookmark, a shared link), and
// its language links lead to a page, not an error.
async function reloadAndSwitch(page, what) {
  const here = page.url();
  const href = await page.locator('a[hreflang=uk]').first().getAttribute('href');
  const again = await page.goto(here);
  assert.ok(again.status() < 400, `${what}: loading ${here} again answered HTTP ${again.status()}`);
  const switched = await page.goto(href);
  assert.ok(switched.status() < 400, `${what}: switching to Ukrainian (${href}) answered HTTP ${switched.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'uk', `${what}: the page after switching is Ukrainian`);
  assert.ok((await page.textContent('main')).trim().length > 0, `${what}: the page after switching is not empty`);
}

for (const f of FORMS) {
  test(`form ${f.name}: as rendered`, async () => {
    const ctx = await context(f.user);
    try {
      const page = await ctx.newPage();
      const path = await f.path(page);

      // Untouched.
      const before = f.count ? await f.count(page) : null;
      await page.goto(`/en${path}`);
      // A field the browser knows is required keeps the form from being sent (the browser
      // says which); past that check, the server must refuse it just the same.
      if (!(await page.locator(f.button).evaluate((b) => b.form.noValidate || b.form.checkValidity()))) {
        const here = page.url();
        await page.click(f.button);
        await page.waitForTimeout(300);
        assert.equal(page.url(), here, `${f.name}: the browser keeps an incomplete form`);
        await page.locator(f.button).evaluate((b) => { b.form.noValidate = true; });
      }
      const untouched = await submit(page, f.button);
      if (f.untouched === 'errors') {
        assert.equal(untouched.post.status(), 422, `${f.name}: untouched, the form answers 422`);
        assert.equal(await page.locator('.error-summary').count(), 1, `${f.name}: untouched, an error summary`);
        assert.ok(
          (await page.locator('[aria-invalid=true]').count()) > 0,
          `${f.name}: untouched, the fields in error are marked`,
        );
        if (f.count) assert.equal(await f.count(page), before, `${f.name}: untouched, nothing was created`);
      } else {
        assert.ok(untouched.shown.status() < 400, `${f.name}: untouched, answered HTTP ${untouched.shown.status()}`);
        assert.match(page.url(), f.done, `${f.name}: untouched, the result page`);
      }
      await reloadAndSwitch(page, `${f.name} untouched`);

      if (!f.fill) return;
      // Only what a person must fill; every other default as rendered.
      await page.goto(`/en${path}`);
      await f.fill(page);
      const filled = await submit(page, f.button);
      const errors = await page.locator('.error-summary').allTextContents();
      assert.equal(filled.post.status(), 303, `${f.name}: filled, the form answers 303, not ${filled.post.status()}: ${errors.join(' ')}`);
      assert.ok(filled.shown.status() < 400, `${f.name}: filled, answered HTTP ${filled.shown.status()}`);
      assert.match(page.url(), f.done, `${f.name}: filled, the result page`);
      if (f.count) assert.equal(await f.count(page), before + 1, `${f.name}: filled, one thing created`);
      await reloadAndSwitch(page, `${f.name} filled`);
    } finally {
      await ctx.close();
    }
  });
}

// A form's error page lives at its POST address; the language links there must lead to a
// page (before, a GET answered an empty 405, which Chromium shows as "This page isn't
// working").
test('a method an address does not serve is a page in the reader\'s language', async () => {
  const res = await fetch(`${spona.baseURL}/uk/orgs/astra`, { method: 'PUT' });
  // Without a CSRF token the request is refused before routing; any refusal is a page.
  assert.ok(res.status >= 400, `PUT answered ${res.status}`);
  const body = await res.text();
  assert.match(body, /<html lang="uk">/, 'the refusal is a page in Ukrainian');
});
