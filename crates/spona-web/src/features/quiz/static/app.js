// Spona's awareness quiz, offline (issue 23, item 6). Optional: without this script (or
// without JavaScript) the quiz works the same, one page and one form at a time.
// It registers the quiz's service worker (same origin, scope /{lang}/q/{slug}/), tells it
// which session to keep for offline use, and asks it to send the answers it queued while
// the phone was offline whenever the page loads or the browser says it is online again.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  var m = location.pathname.match(/^((?:\/[A-Za-z-]+)?\/q\/[a-z0-9-]+)(?:\/|$)/);
  if (!m) return;
  var scope = m[1] + '/';
  var session = location.pathname.match(/^(.*\/s\/[^/]+)\//);
  var total = document.querySelector('meta[name="qz-total"]');
  navigator.serviceWorker
    .register(scope + 'sw.js', { scope: scope })
    .then(function (reg) {
      // Not `serviceWorker.ready`: the landing page (/q/{slug}) lies outside the scope.
      if (reg.active) return reg;
      return new Promise(function (resolve) {
        var w = reg.installing || reg.waiting;
        w.addEventListener('statechange', function () {
          if (w.state === 'activated') resolve(reg);
        });
      });
    })
    .then(function (reg) {
      var tell = function (msg) {
        var w = navigator.serviceWorker.controller || reg.active;
        if (w) w.postMessage(msg);
      };
      if (session && total) tell({ type: 'session', base: session[1], total: Number(total.content) });
      tell({ type: 'flush' });
      window.addEventListener('online', function () {
        tell({ type: 'flush' });
      });
    })
    .catch(function () {});
})();
