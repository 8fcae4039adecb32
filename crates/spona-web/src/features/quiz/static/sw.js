// Spona's awareness quiz, offline (issue 23, item 6): the service worker of one quiz in
// one language, scope /{lang}/q/{slug}/, same origin only.
//  - Pages: network first; a page that answered 200 is kept, and answers from the cache
//    when the network fails. A session's question pages are fetched ahead (message
//    `session`), so that the quiz goes on offline.
//  - Answers: a POST that cannot reach the server is queued (Cache API, 'qz-queue') and
//    answered with the "saved on this phone" page linking to the next question.
//  - Sending: whenever the page loads or the browser is online again (message `flush`),
//    and after any request that reached the server, each queued answer is sent with a
//    fresh CSRF token read from its question's page, and removed from the queue once the
//    server answered. A resend (an acknowledgement lost on the way) is harmless: the
//    server stores one answer per session and question and refuses a second with 409, and
//    a question already answered has no form, so nothing is sent for it at all.
'use strict';
var PAGES = 'qz-pages-v1';
var QUEUE = 'qz-queue-v1';
var path = new URL(self.registration.scope).pathname;
var ANSWER = /^(.*\/s\/[^/]+)\/(\d+|about)$/;

self.addEventListener('install', function (e) {
  e.waitUntil(
    caches
      .open(PAGES)
      .then(function (c) {
        return c.addAll([path, path + 'offline', path + 'offline?saved=1', path + 'app.js', path + 'manifest.webmanifest']);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener('activate', function (e) {
  e.waitUntil(self.clients.claim());
});

self.addEventListener('message', function (e) {
  var d = e.data || {};
  if (d.type === 'flush') e.waitUntil(flush());
  if (d.type === 'session' && typeof d.base === 'string' && d.base.indexOf(path) === 0 && d.total > 0 && d.total < 200) {
    e.waitUntil(keep(d.base, d.total));
  }
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'GET') {
    e.respondWith(get(req, url));
  } else if (req.method === 'POST' && url.pathname.indexOf(path) === 0 && ANSWER.test(url.pathname)) {
    e.respondWith(post(req, url));
  }
});

function online() {
  return self.navigator.onLine !== false;
}

async function get(req, url) {
  if (online()) {
    try {
      var res = await fetch(req);
      if (res.status === 200 && res.type === 'basic' && !/\.svg$/.test(url.pathname)) {
        var copy = res.clone();
        caches.open(PAGES).then(function (c) {
          return c.put(req, copy);
        });
      }
      flush();
      return res;
    } catch (_) {
      // offline: from the cache below
    }
  }
  var c = await caches.open(PAGES);
  var hit = await c.match(req);
  if (hit) return hit;
  if (req.mode === 'navigate') return (await c.match(path + 'offline')) || Response.error();
  return Response.error();
}

async function post(req, url) {
  var body = await req.clone().text();
  if (online()) {
    try {
      var res = await fetch(req);
      flush();
      return res;
    } catch (_) {
      // offline: queued below
    }
  }
  var m = url.pathname.match(ANSWER);
  var q = await caches.open(QUEUE);
  var key = path + '__queue/' + Date.now() + '-' + Math.random().toString(36).slice(2);
  await q.put(key, new Response(JSON.stringify({ url: url.pathname, body: body })));
  var c = await caches.open(PAGES);
  var next = m[1] + '/end';
  if (m[2] !== 'about') {
    var meta = await c.match(m[1] + '/__total');
    var total = meta ? Number(await meta.text()) : 0;
    var n = Number(m[2]);
    next = m[1] + '/' + (n < total ? n + 1 : 'about');
  }
  var page = await c.match(path + 'offline?saved=1');
  var html = page ? await page.text() : '<a href="' + path + '" data-next>…</a>';
  html = html.replace(/href="[^"]*" data-next/, 'href="' + next + '" data-next');
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** Keeps a session's question pages and its "about you" page for offline use, once. */
async function keep(base, total) {
  var c = await caches.open(PAGES);
  if (await c.match(base + '/__total')) return;
  var urls = [base + '/about'];
  for (var i = 1; i <= total; i += 1) urls.push(base + '/' + i);
  await Promise.all(
    urls.map(async function (u) {
      try {
        var r = await fetch(u);
        if (r.status === 200) await c.put(u, r);
      } catch (_) {
        // kept when next online
      }
    })
  );
  await c.put(base + '/__total', new Response(String(total)));
}

var flushing = null;

function flush() {
  if (!flushing) {
    flushing = send().finally(function () {
      flushing = null;
    });
  }
  return flushing;
}

/** Sends the queued answers in order; stops at the first that cannot reach the server. */
async function send() {
  var q = await caches.open(QUEUE);
  var keys = await q.keys();
  for (var i = 0; i < keys.length; i += 1) {
    var hit = await q.match(keys[i]);
    if (!hit) continue;
    var item = await hit.json();
    var sent = await sendOne(item);
    if (!sent) return;
    await q.delete(keys[i]);
  }
}

/** True once the server has it (or will never take it), false while it cannot be reached. */
async function sendOne(item) {
  var page;
  try {
    page = await fetch(item.url, { credentials: 'same-origin' });
  } catch (_) {
    return false;
  }
  if (page.status >= 500 || page.status === 429) return false;
  var m = (await page.text()).match(/name="csrf" value="([^"]+)"/);
  // No form: answered already (an earlier send got through), closed, or expired.
  if (!m) return true;
  var form = new URLSearchParams(item.body);
  form.set('csrf', m[1]);
  try {
    var res = await fetch(item.url, { method: 'POST', body: form, credentials: 'same-origin', redirect: 'manual' });
    return !(res.status >= 500 || res.status === 429);
  } catch (_) {
    return false;
  }
}
