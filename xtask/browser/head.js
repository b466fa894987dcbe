// The page's one inline script, written into dist/index.html by `cargo xtask
// build` from xtask/browser/head.js (allowed by its hash in the CSP).
(function () {
  var root = document.documentElement;
  // The language, chosen exactly as the app will (src/i18n.rs): the
  // address's ?lang=, the saved choice, the browser's language, the default.
  // Each language's code and tag, the default first, are the build's
  // (`Lang::ALL` in src/content/model.rs).
  var langs = __LANGS__;
  var parse = function (code) {
    code = (code || '').toLowerCase();
    for (var i = 0; i < langs.length; i++) {
      if (code.indexOf(langs[i].code) === 0) return langs[i];
    }
    return null;
  };
  // Saved under a name scoped to this page's folder, as the app does
  // (src/storage_key.rs), so events in other folders keep their own.
  var savedKey = location.pathname.replace(/[^/]*$/, '') + __LANG_KEY__;
  var chosen = null;
  try {
    chosen = parse(new URLSearchParams(location.search).get('lang')) || parse(localStorage.getItem(savedKey));
  } catch (e) {}
  var lang = chosen || parse(navigator.language) || langs[0];
  root.lang = lang.tag;
  // The build wrote the page in every language: keep the visitor's.
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('#prerender [data-lang]:not([data-lang="' + lang.code + '"])').forEach(function (e) {
      e.remove();
    });
  });
  if (typeof WebAssembly !== 'object') {
    root.classList.add('no-wasm');
    return;
  }
  // The app starts once the page has loaded and the build's markup has been
  // painted with content, so nothing the app needs competes with that first
  // paint on a slow network; it then takes that markup over (src/app.rs).
  // The manifest (only useful with the app and its service worker) is linked
  // then too.
  var started = false;
  var start = function () {
    if (started) return;
    started = true;
    var manifest = document.createElement('link');
    manifest.rel = 'manifest';
    manifest.href = 'manifest.webmanifest';
    document.head.appendChild(manifest);
    import('./__APP_JS__')
      .then(function (app) {
        return app.default({ module_or_path: './__APP_WASM__' });
      })
      .catch(function (error) {
        console.error('the app could not start', error);
      });
    // The content files, requested now beside the app's code rather than
    // after it has started; the app takes these requests (src/api.rs).
    // Where that cannot be done, the app fetches them itself.
    try {
      var content = {};
      __CONTENT_FILES__.forEach(function (file) {
        var controller = new AbortController();
        var response = fetch('content/' + file, { cache: 'no-cache', signal: controller.signal });
        response.catch(function () {}); // the app reports a failure
        content[file] = { response: response, controller: controller };
      });
      window.__eventContent = content;
    } catch (e) {}
  };
  var afterFirstPaint = function () {
    var soon = function () {
      setTimeout(start, 0);
    };
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf('paint') < 0) {
      requestAnimationFrame(soon);
      return;
    }
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName('first-contentful-paint').length) {
        observer.disconnect();
        soon();
      }
    }).observe({ type: 'paint', buffered: true });
    // A page that never paints content (it should) still gets its app.
    setTimeout(start, 3000);
  };
  addEventListener('load', function () {
    afterFirstPaint();
    // The service worker, told which photos the page showed before it took
    // control, and again when the visitor leaves (photos load as they scroll).
    var worker = navigator.serviceWorker;
    if (!worker) return;
    // Built with --no-offline, this page undoes offline support itself: it
    // removes this site's worker (none other: the scope and script must be
    // ours) and this site's caches, then reloads once, out of the old
    // worker's hands (which would store again what the page fetches). A
    // page that the old worker served from its cache gets the same from
    // sw.js, the worker that undoes offline support. A new visitor never
    // installs either.
    if (!__OFFLINE__) {
      var prefix = new URL('./', location.href).href + ' ';
      var clear = function () {
        if (!window.caches) return Promise.resolve();
        return caches.keys().then(function (keys) {
          return Promise.all(
            keys
              .filter(function (key) {
                return key.indexOf(prefix) === 0;
              })
              .map(function (key) {
                return caches.delete(key);
              }),
          );
        });
      };
      var script = new URL('sw.js', location.href).href;
      worker.getRegistration('./').then(function (registration) {
        var newest = registration && (registration.active || registration.waiting || registration.installing);
        if (!newest || newest.scriptURL !== script) return clear();
        return registration.unregister().then(clear).then(function () {
          if (worker.controller) location.reload();
        });
      }).catch(function () {});
      return;
    }
    var seen = function () {
      if (!worker.controller) return;
      worker.controller.postMessage(
        performance
          .getEntriesByType('resource')
          .map(function (entry) {
            return entry.name;
          })
          .filter(function (url) {
            return /\.(jpe?g|png|webp|avif|gif|svg)(\?|$)/i.test(url);
          }),
      );
    };
    worker.addEventListener('controllerchange', seen);
    addEventListener('pagehide', seen);
    worker.register('sw.js').then(seen, function () {});
  });
})();
