// The site's service worker, written into dist/ by `cargo xtask build` from
// xtask/src/sw.js (the build fills in VERSION and SHELL).
//
// - The app shell (page, script, wasm, CSS, icons, the content files) is
//   cached when the worker installs, so a revisit without network works.
// - The page and the content files come from the network first, so new
//   content shows as soon as the visitor is online; the cache answers only
//   when the network fails or stalls.
// - Photos come from the cache once seen, refreshed in the background.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `shell-${VERSION}`;
const RUNTIME_CACHE = 'runtime';
const NETWORK_TIMEOUT_MS = 6000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('shell-') && key !== SHELL_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page lists the photos it showed, some before this worker took over:
// keep them, from the browser's HTTP cache where it has them (even offline).
self.addEventListener('message', (event) => {
  if (!Array.isArray(event.data)) return;
  const urls = event.data.filter(
    (url) => typeof url === 'string' && new URL(url).origin === self.location.origin,
  );
  const keep = async (cache, url) => {
    if (await cache.match(url)) return;
    const response = await fetch(url, { cache: 'force-cache' });
    if (response.ok) await cache.put(url, response);
  };
  event.waitUntil(
    caches
      .open(RUNTIME_CACHE)
      .then((cache) => Promise.all(urls.map((url) => keep(cache, url).catch(() => undefined)))),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' || url.pathname.endsWith('.json')) {
    event.respondWith(networkFirst(request));
  } else if (/-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)$/.test(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else {
    event.respondWith(staleWhileRevalidate(request));
  }
});

/** The network's answer, kept in `cache` when it is a good one. */
function fetchAndKeep(cache, request) {
  return fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
}

async function networkFirst(request) {
  const cache = await caches.open(RUNTIME_CACHE);
  const network = fetchAndKeep(cache, request);
  const stalled = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('network stalled')), NETWORK_TIMEOUT_MS),
  );
  try {
    return await Promise.race([network, stalled]);
  } catch (error) {
    // The newest copy first: the runtime cache holds what the network last
    // gave; the shell cache, what was there at install.
    const cached =
      (await cache.match(request)) ||
      (await caches.match(request)) ||
      (await caches.match(request, { ignoreSearch: true })) ||
      (request.mode === 'navigate' ? await caches.match('./') : undefined);
    return cached || network;
  }
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await cache.match(request);
  const network = fetchAndKeep(cache, request);
  if (cached) {
    network.catch(() => undefined);
    return cached;
  }
  return network;
}
