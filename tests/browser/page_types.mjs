// The page types pages.test.mjs walks, as a module other files can walk too (issue 25, lane lang25:
// locales_all.test.mjs runs them in the five newer locales). The list and its helpers are
// pages.test.mjs's, with one change: what a page type creates once (a vault case, a risky
// file, a withheld testimony, a found resource) is cached as a promise, so that pages of
// several locales may ask for it at the same time and get the same one.

import assert from 'node:assert/strict';
import { hiddenInputs as formInputs, openVaultCase } from './spona.mjs';

const KB = 1024;

/** The path (without locale) of an invitation link; set by the file that walks PAGES. */
let invitePath;
export function setInvitePath(p) {
  invitePath = p;
}

// Page types. `prepare` (optional) gets the page ready without loading the page under
// test; `load` loads it and returns the document response; `status` is the expected HTTP
// status of that response.

const get = (p) => async (page, loc) => page.goto(`/${loc}${p}`);

// A page type reached through a list: `prepare` finds the address of the first link that
// `selector` matches on the list at `listPath` (so that the weight test weighs the page alone),
// `load` goes there.
const firstOf = (listPath, selector) => {
  const found = new WeakMap();
  return {
    prepare: async (page, loc) => {
      await page.goto(`/${loc}${listPath}`);
      found.set(page, await page.locator(selector).first().getAttribute('href'));
    },
    load: (page) => page.goto(found.get(page)),
  };
};

// A page linked (its href ending in `suffix`) from the first page of `listPath`'s `selector`
// links that has such a link: e.g. a demo story's `/edit` for its author.
const linkedFrom = (listPath, selector, suffix) => {
  const found = new WeakMap();
  return {
    prepare: async (page, loc) => {
      await page.goto(`/${loc}${listPath}`);
      const links = page.locator(selector);
      const hrefs = [];
      for (let i = 0; i < (await links.count()); i++) hrefs.push(await links.nth(i).getAttribute('href'));
      for (const href of hrefs) {
        await page.goto(href);
        const link = page.locator(`main a[href$="${suffix}"]`);
        if ((await link.count()) > 0) {
          found.set(page, await link.first().getAttribute('href'));
          return;
        }
      }
      throw new Error(`no page of ${listPath} links …${suffix}`);
    },
    load: (page) => page.goto(found.get(page)),
  };
};

// A page of a quiz session: `prepare` starts a session of the demo quiz through its form
// (answering the first question for `/feedback`), `load` opens the page of that session.
const startedQuiz = (suffix) => {
  const found = new WeakMap();
  return {
    prepare: async (page, loc) => {
      await page.goto(`/${loc}/q/stop-trafficking`);
      await Promise.all([page.waitForURL(/\/s\/[^/]+\/1$/), page.locator('main form button').click()]);
      let at = page.url();
      if (suffix === '/feedback') {
        await page.locator('main input[name=choice]').first().check();
        await Promise.all([page.waitForURL(/\/feedback$/), page.locator('main form button').click()]);
        at = page.url();
      } else if (suffix) {
        at = at.replace(/\/1$/, suffix);
      }
      found.set(page, at);
    },
    load: (page) => page.goto(found.get(page)),
  };
};

// Clicks a submit button and returns the response that the browser finally shows for the
// POST it sends (following a redirect), once that page has loaded.
async function submit(page, buttonSelector, postPath) {
  const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === postPath,
    ),
    page.click(buttonSelector),
  ]);
  await navigated;
  await page.waitForLoadState('load');
  let request = response.request();
  while (request.redirectedTo()) request = request.redirectedTo();
  return request.response();
}

// Finds a demo resource through the JSON API (as the page's user) whose JSON satisfies
// `pred`; cached by `key`, so each page type loads just its own page.
const found = new Map();
function findResource(page, key, pred) {
  if (!found.has(key)) found.set(key, findResourceOnce(page, key, pred));
  return found.get(key);
}
async function findResourceOnce(page, key, pred) {
  for (let n = 1; n <= 5; n++) {
    const list = await (await page.request.get(`/en/api/v1/resources?page=${n}`)).json();
    for (const item of list.items) {
      const r = await (await page.request.get(`/en/api/v1/resources/${item.id}`)).json();
      if (pred(r)) return r;
    }
    if (list.items.length < list.page_size) break;
  }
  throw new Error(`no demo resource for ${key}`);
}
const edited = (r) => r.variants.some((v) => v.version >= 2);
const withFile = (r) => r.attachments.length > 0;
const ownedByAstra = (r) => r.owner === 'astra';
const resourcePage = (key, pred, suffix) => async (page, loc) => {
  const r = await findResource(page, key, pred);
  const v = r.variants.find((x) => x.version >= 2) ?? r.variants[0];
  return page.goto(`/${loc}/resources/${r.id}${suffix(v)}`);
};

// A vault case with one testimony, opened once through the forms (the demo data has none)
// as the page's user; page.request shares the signed-in context's cookies. Cached, so each
// page type loads just its own page.
let vaultCase;
let withheld;
let withheldOnce;
function hiddenInputs(html) {
  const value = (name) => {
    const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
    assert.ok(m, `the form has a hidden ${name} input`);
    return m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
  };
  return { csrf: value('csrf'), once: value('once') };
}
async function postForm(page, url, form) {
  const res = await page.request.post(url, { form, maxRedirects: 0 });
  assert.equal(res.status(), 303, `POST ${url} answered HTTP ${res.status()}: ${(await res.text()).slice(0, 500)}`);
  return res.headers().location;
}
let vaultCaseOnce;
function findVaultCase(page) {
  return (vaultCaseOnce ??= findVaultCaseOnce(page));
}
async function findVaultCaseOnce(page) {
  const form = await (await page.request.get('/en/vault/new')).text();
  const caseAt = await postForm(page, '/en/vault/new', {
    ...hiddenInputs(form),
    title: 'Recruitment through a fake job offer, Novi Sad 2026',
  });
  const caseId = caseAt.match(/^\/en\/vault\/cases\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(caseId, `opening a case redirected to ${caseAt}`);
  const tform = await (await page.request.get(`/en/vault/cases/${caseId}/testimonies/new`)).text();
  const itemAt = await postForm(page, `/en/vault/cases/${caseId}/testimonies/new`, {
    ...hiddenInputs(tform),
    interviewer: 'Jelena Petrović',
    language: 'uk',
    place: 'Novi Sad, ASTRA office',
    date: '2026-03-14',
    pseudonym: 'Witness K.',
    gender_choice: 'chosen',
    narrative:
      'She answered an advertisement for seasonal work abroad.\n' +
      'Her documents were taken on arrival and she was told she owed a debt for travel and lodging.',
    documentation: 'on',
    // So that the export form offers it.
    prosecutors: 'on',
  });
  const itemId = itemAt.match(/^\/en\/vault\/cases\/[0-9a-f-]{36}\/items\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(itemId, `recording a testimony redirected to ${itemAt}`);
  vaultCase = { caseId, itemId };
  return vaultCase;
}
// A PDF that runs JavaScript when it is opened, uploaded once to the vault case through its
// upload form: its download leads to the warning page.
let riskyItem;
let riskyItemOnce;
function findRiskyItem(page) {
  return (riskyItemOnce ??= findRiskyItemOnce(page));
}
async function findRiskyItemOnce(page) {
  const v = await findVaultCase(page);
  const html = await (await page.request.get(`/en/vault/cases/${v.caseId}`)).text();
  const action = html.match(/action="([^"]*\/files\?item=[^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
  assert.ok(action, 'the case page has an upload form');
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const res = await page.request.post(action, {
    multipart: {
      csrf: html.match(/<input[^>]*name="csrf"[^>]*value="([^"]*)"/)?.[1],
      documentation: 'on',
      reason: 'Scan of the job offer',
      file: { name: 'job-offer.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
    },
    maxRedirects: 0,
  });
  assert.equal(res.status(), 303, `upload answered HTTP ${res.status()}: ${(await res.text()).slice(0, 500)}`);
  riskyItem = res.headers().location.match(/\/items\/([0-9a-f-]{36})$/)?.[1];
  assert.ok(riskyItem, 'the upload redirected to its item');
  return riskyItem;
}

const vaultPage = (suffix) => async (page, loc) => {
  const v = await findVaultCase(page);
  return page.goto(`/${loc}/vault/cases/${v.caseId}${suffix(v)}`);
};

export const PAGES = [
  { name: 'home', load: get('/') },
  // A signed-in person's home: their organisations and what waits for them.
  { name: 'home-signed-in', user: 'jelena', load: get('/') },
  { name: 'directory', load: get('/orgs') },
  { name: 'directory-filtered', load: get('/orgs?country=RS&theme=anti-trafficking') },
  { name: 'org-astra', load: get('/orgs/astra'), check: async (page) => {
    assert.equal(await page.locator('.quick-exit').count(), 1, 'ASTRA page has a quick exit control');
  } },
  { name: 'org-zmina', load: get('/orgs/zmina') },
  { name: 'networks', load: get('/networks') },
  { name: 'network-bridge', load: get('/networks/bridge') },
  { name: 'signin', load: get('/signin') },
  {
    name: 'signin-error',
    status: [200, 401, 403, 422],
    prepare: async (page, loc) => {
      await page.goto(`/${loc}/signin`);
      await page.fill('#email', 'milan@atina.example.org');
      await page.fill('#password', 'not the right password at all');
    },
    load: (page, loc) => submit(page, `form[action="/${loc}/signin"] button[type=submit]`, `/${loc}/signin`),
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'sign-in error page shows an error summary');
    },
  },
  { name: 'reset', load: get('/reset') },
  { name: 'accessibility', load: get('/about/accessibility') },
  { name: 'not-found', status: [404], load: get('/orgs/no-such-org') },
  { name: 'account', user: 'jelena', load: get('/account') },
  { name: 'account-totp', user: 'jelena', load: get('/account/totp') },
  { name: 'org-edit', user: 'jelena', load: get('/orgs/astra/edit') },
  {
    name: 'org-edit-errors',
    user: 'jelena',
    status: [422],
    prepare: async (page, loc) => {
      await page.goto(`/${loc}/orgs/astra/edit`);
      await page.fill('#website', 'javascript:x');
    },
    load: (page, loc) =>
      submit(page, `form[action="/${loc}/orgs/astra/edit"] button[type=submit]`, `/${loc}/orgs/astra/edit`),
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'edit page with errors shows an error summary');
      assert.equal(await page.getAttribute('#website', 'aria-invalid'), 'true', '#website is marked invalid');
    },
  },
  { name: 'people', user: 'jelena', load: get('/orgs/astra/people') },
  { name: 'admin-users', user: 'admin', load: get('/admin/users') },
  { name: 'admin-audit', user: 'admin', load: get('/admin/audit') },
  { name: 'org-new', user: 'admin', load: get('/orgs/new') },
  { name: 'matching', user: 'jelena', load: get('/matching') },
  { name: 'matching-new', user: 'admin', load: get('/matching/new') },
  {
    name: 'matching-round',
    user: 'jelena',
    // Find the demo round's address without loading a page, so only one page load is measured.
    load: async (page, loc) => {
      const list = await (await page.request.get(`/${loc}/matching`)).text();
      const href = list.match(/href="(\/[^"]*\/matching\/[0-9a-f-]{36})"/)[1];
      return page.goto(href);
    },
  },
  {
    // A round's proposals as its coordinator sees them: the demo mentorship round, published,
    // with participants, proposed pairs, pins and the agreed pair.
    name: 'matching-round-proposals',
    user: 'admin',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'published');
      return page.goto(`/${loc}/matching/${round.id}`);
    },
    check: async (page) => {
      assert.ok((await page.locator('.card.proposal').count()) > 0, 'the coordinator sees the proposals');
    },
  },
  {
    // A person's opt-in form of an open mentorship round.
    name: 'mentorship-opt-in',
    user: 'jelena',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'open');
      return page.goto(`/${loc}/matching/${round.id}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('input[name=role]').count(), 2, 'mentor or mentee');
    },
  },
  {
    // An agreed pair's history as one of its two people sees it, with the check-in and
    // end-of-pair forms.
    name: 'matching-pair',
    user: 'iryna',
    load: async (page, loc) => {
      const rounds = await (await page.request.get('/api/v1/matching/rounds')).json();
      const round = rounds.find((r) => r.programme === 'mentorship' && r.status === 'published');
      const full = await (await page.request.get(`/api/v1/matching/rounds/${round.id}`)).json();
      const pair = full.proposals.find((p) => p.answer_a === 'accepted' && p.answer_b === 'accepted');
      return page.goto(`/${loc}/matching/${round.id}/pairs/${pair.id}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('textarea#note').count(), 1, 'a side member gets the check-in form');
    },
  },
  { name: 'resources', load: get('/resources') },
  { name: 'resources-search', load: get('/resources?q=%D0%B7%D0%B0%D1%88%D1%82%D0%B8%D1%82%D0%B0+%C5%BErtava&lang=sr') },
  { name: 'resource', load: resourcePage('file', withFile, () => '') },
  { name: 'resource-versions', load: resourcePage('edited', edited, (v) => `/versions?lang=${v.lang}`) },
  { name: 'resource-old-version', load: resourcePage('edited', edited, (v) => `/versions/1?lang=${v.lang}`) },
  { name: 'resource-compare', load: resourcePage('edited', edited, (v) => `/compare?lang=${v.lang}&from=1&to=2`) },
  { name: 'resource-new', user: 'jelena', load: get('/resources/new') },
  { name: 'resource-edit', user: 'jelena', load: resourcePage('astra', ownedByAstra, (v) => `/edit?lang=${v.lang}`) },
  { name: 'resource-details', user: 'jelena', load: resourcePage('astra', ownedByAstra, () => '/details') },
  { name: 'resources-review', user: 'admin', load: get('/resources/review') },
  { name: 'resources-outdated', user: 'admin', load: get('/resources/outdated') },
  // The list with the case on it, not the empty list.
  { name: 'vault', user: 'jelena', load: async (page, loc) => {
    await findVaultCase(page);
    return page.goto(`/${loc}/vault`);
  } },
  { name: 'vault-new', user: 'jelena', load: get('/vault/new') },
  { name: 'vault-case', user: 'jelena', load: vaultPage(() => ''), check: async (page) => {
    const n = await page.locator(`a[href$="/items/${vaultCase.itemId}"]`).count();
    assert.equal(n, 1, 'the case page links to its testimony');
  } },
  { name: 'vault-custody', user: 'jelena', load: vaultPage(() => '/custody') },
  { name: 'vault-testimony-new', user: 'jelena', load: vaultPage(() => '/testimonies/new') },
  {
    name: 'vault-testimony-errors',
    user: 'jelena',
    status: [422],
    // Submitted as rendered: nothing filled in, and nothing chosen for the person (consent,
    // interview language and the gender question start empty).
    prepare: async (page, loc) => {
      const v = await findVaultCase(page);
      await page.goto(`/${loc}/vault/cases/${v.caseId}/testimonies/new`);
      assert.equal(await page.isChecked('input[name=documentation]'), false, 'consent is never pre-ticked');
    },
    load: (page, loc) => {
      const action = `/${loc}/vault/cases/${vaultCase.caseId}/testimonies/new`;
      return submit(page, `form[action="${action}"] button[type=submit]`, action);
    },
    check: async (page) => {
      assert.equal(await page.locator('.error-summary').count(), 1, 'testimony form with errors shows an error summary');
      assert.equal(await page.getAttribute('#interviewer', 'aria-invalid'), 'true', '#interviewer is marked invalid');
      assert.equal(await page.locator('#documentation-error').count(), 1, 'missing consent is reported');
      assert.equal(await page.locator('#language-error').count(), 1, 'the unchosen interview language is reported');
      assert.equal(await page.locator('#gender_choice-error').count(), 1, 'the unanswered gender question is reported');
    },
  },
  { name: 'vault-testimony', user: 'jelena', load: vaultPage((v) => `/items/${v.itemId}`), check: async (page) => {
    assert.match(await page.textContent('.narrative'), /seasonal work abroad/, 'the testimony shows its narrative');
  } },
  { name: 'vault-export', user: 'jelena', load: vaultPage(() => '/export'), check: async (page) => {
    const box = page.locator(`input[name=items][value="${vaultCase.itemId}"]`);
    assert.equal(await box.isEnabled(), true, 'the export form offers the testimony');
  } },
  // The warning before downloading a file with active content (the hub's is the same page).
  { name: 'vault-file-warning', user: 'jelena', load: async (page, loc) => {
    const item = await findRiskyItem(page);
    return page.goto(`/${loc}/vault/cases/${vaultCase.caseId}/items/${item}/warning`);
  }, check: async (page) => {
    assert.match(await page.textContent('main'), /\/JavaScript/, 'the warning names the actions');
    assert.equal(await page.locator('a[href$="/download?confirmed=1"]').count(), 1, 'the page offers the download');
  } },
  {
    // A testimony whose consent was withdrawn: nothing of it is shown, only the consent form
    // (restoring consent needs the record of the person's new decision).
    name: 'vault-item-withheld',
    user: 'jelena',
    status: [403],
    load: async (page, loc) => {
      withheld = await (withheldOnce ??= (async () => {
        const v = await openVaultCase(page, 'A withdrawn testimony');
        const at = `/en/vault/cases/${v.caseId}/items/${v.itemId}`;
        const html = await (await page.request.get(at)).text();
        await postForm(page, `${at}/consent`, { ...formInputs(html), action: 'withdraw' });
        return at.replace(/^\/en/, '');
      })());
      return page.goto(`/${loc}${withheld}`);
    },
    check: async (page) => {
      assert.equal(await page.locator('.narrative').count(), 0, 'nothing of the testimony');
      assert.equal(await page.locator('#decided_by').count(), 1, 'the form to restore consent');
    },
  },
  { name: 'invite-accept', load: (page, loc) => page.goto(`/${loc}${invitePath}`) },
  // Monitoring: recommendations (lane monrec).
  { name: 'monitoring-recommendations', load: get('/monitoring/recommendations') },
  { name: 'monitoring-recommendations-filtered', load: get('/monitoring/recommendations?cycle=2&q=convention&mechanism=upr') },
  { name: 'monitoring-recommendation', ...firstOf('/monitoring/recommendations?q=131.4', 'ul.cards li h2 a') },
  { name: 'monitoring-recommendation-new', user: 'admin', load: get('/monitoring/recommendations/new') },
  { name: 'monitoring-import', user: 'admin', load: get('/monitoring/recommendations/import') },
  // Monitoring: implementation and dashboard (lane monimpl).
  { name: 'monitoring-dashboard', load: get('/monitoring/dashboard?mechanism=upr') },
  { name: 'monitoring-measures', load: get('/monitoring/measures') },
  { name: 'monitoring-measure', user: 'admin', ...firstOf('/monitoring/measures', 'table tbody tr th a') },
  { name: 'monitoring-measure-new', user: 'admin', load: get('/monitoring/measures/new') },
  { name: 'monitoring-participants', user: 'admin', load: get('/monitoring/participants') },
  { name: 'monitoring-assessments', user: 'jelena', ...firstOf('/monitoring/measures', 'a[href$="/assessments"]') },
  // Shadow reports (lane monreport): the form, for a platform admin.
  { name: 'monitoring-report-new', user: 'admin', load: (page, loc) => page.goto(`/${loc}/monitoring/reports/new`) },
  { name: 'monitoring-landing', load: (page, loc) => page.goto(`/${loc}/monitoring`) },
  // Trial monitoring (lane trial): the public findings, a monitor's cases and a demo case.
  { name: 'trials-findings', load: get('/monitoring/trials/findings') },
  { name: 'trials', user: 'jelena', load: get('/monitoring/trials') },
  { name: 'trial-case', user: 'jelena', ...firstOf('/monitoring/trials', 'table th[scope=row] a') },
  // Endorsement campaigns (lane endorse): the list, the demo campaign with its counts, and
  // the form that opens one (ASTRA's admin coordinates Balkans ACT Now!).
  { name: 'campaigns', load: get('/campaigns') },
  { name: 'campaign', ...firstOf('/campaigns', 'ul.cards li h2 a') },
  { name: 'campaign-new', user: 'jelena', load: get('/campaigns/new') },
  // Items from partner deployments (lane fedvault): ASTRA's admin, none arrived in the demo.
  { name: 'vault-received', user: 'jelena', load: get('/vault/received') },
  // Awareness quiz (lane quiz): the public pages under /q/ weigh at most 30 KB each.
  { name: 'quiz-landing', maxTotal: 30 * KB, load: get('/q/stop-trafficking?c=school') },
  { name: 'quiz-question', maxTotal: 30 * KB, ...startedQuiz('') },
  { name: 'quiz-feedback', maxTotal: 30 * KB, ...startedQuiz('/feedback') },
  { name: 'quiz-about', maxTotal: 30 * KB, ...startedQuiz('/about') },
  { name: 'quiz-end', maxTotal: 30 * KB, ...startedQuiz('/end') },
  { name: 'quiz-results', maxTotal: 30 * KB, load: get('/q/stop-trafficking/results') },
  { name: 'quizzes', user: 'jelena', load: get('/quizzes') },
  { name: 'quiz-campaign', user: 'jelena', ...firstOf('/quizzes', 'main ul li a') },
  { name: 'quiz-new', user: 'jelena', load: get('/quizzes/new') },
  // Co-signers confirm (lane montrial): ASTRA's admin's requests, and the demo's saved report.
  { name: 'monitoring-cosign', user: 'jelena', load: get('/monitoring/reports/cosign') },
  { name: 'monitoring-saved-report', user: 'jelena', ...firstOf('/monitoring/reports/cosign', 'main h2 a') },
  // Publications and stories (lane publish): the list, a demo story, the calendar, the form.
  { name: 'stories', load: get('/stories') },
  { name: 'story', ...firstOf('/stories', 'ul.cards li h3 a') },
  { name: 'stories-calendar', load: get('/stories/calendar') },
  { name: 'story-new', user: 'jelena', load: get('/stories/new') },
  // Joint texts (lane texts): the list, the signed demo declaration, and a drafter's workspace.
  { name: 'texts', load: get('/texts') },
  { name: 'text', ...firstOf('/texts', 'ul.texts li > a') },
  { name: 'text-workspace', user: 'jelena', ...firstOf('/texts', 'ul.texts a[href$="/draft"]') },
  // Changing after writing (lane texts22): a demo story's kind and publisher, its deletion
  // page (ASTRA's admin wrote the network's article), and the demo campaign's form.
  { name: 'story-edit', user: 'jelena', ...linkedFrom('/stories', 'ul.cards li h3 a', '/edit') },
  { name: 'story-delete', user: 'jelena', ...linkedFrom('/stories', 'ul.cards li h3 a', '/delete') },
  { name: 'campaign-edit', user: 'jelena', ...linkedFrom('/campaigns', 'ul.cards li h2 a', '/edit') },
  // The quiz offline (lane quiz23): the page its service worker shows after an answer it
  // kept on the phone, and the installed quiz's start page.
  { name: 'quiz-offline-saved', maxTotal: 30 * KB, load: get('/q/stop-trafficking/offline?saved=1') },
  { name: 'quiz-start-page', maxTotal: 30 * KB, load: get('/q/stop-trafficking/') },
];
