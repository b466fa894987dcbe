// The site's service worker, written into dist/ by `cargo xtask build` from
// xtask/browser/sw.js (the build fills in VERSION and SHELL).
//
// - The app shell (page, script, wasm, CSS, icons, the content files) is
//   cached when the worker installs, so a revisit without network works.
// - The page and the content files come from the network first, so new
//   content shows as soon as the visitor is online; the cache answers only
//   when the network fails or stalls. A page is kept once, whatever its
//   query (`?utm_source=…`, `?lang=en`).
// - Photos come from the cache once seen, refreshed in the background; the
//   most recently seen MAX_PHOTOS are kept.
// - Every cache is named after this worker's scope (the site's folder), and
//   the worker clears only its own: events in other folders of the same
//   host keep their offline copies.
// - The organisers' studio (studio/) is never answered from a cache: it
//   checks what the host serves now.
// - Videos, recordings and subtitles pass through to the network as the
//   browser asks for them (byte ranges): a whole video would fill the cache.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const PREFIX = `${self.registration.scope} `;
const SHELL_CACHE = `${PREFIX}shell ${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages`;
const PHOTOS_CACHE = `${PREFIX}photos`;
const OWN_CACHES = [SHELL_CACHE, PAGES_CACHE, PHOTOS_CACHE];
const MAX_PHOTOS = 200;
const NETWORK_TIMEOUT_MS = 6000;
const STUDIO = new URL('studio/', self.registration.scope).href;
const MEDIA = ['video', 'audio', 'track'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

// Older versions of this site's caches go; other sites' are not touched.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && !OWN_CACHES.includes(key))
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
    caches.open(PHOTOS_CACHE).then(async (cache) => {
      await Promise.all(urls.map((url) => keep(cache, url).catch(() => undefined)));
      await trim(cache);
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.href.startsWith(STUDIO)) return;
  if (request.headers.has('range') || MEDIA.includes(request.destination)) return;
  if (request.mode === 'navigate' || url.pathname.endsWith('.json')) {
    event.respondWith(networkFirst(request));
  } else if (/-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)$/.test(url.pathname)) {
    event.respondWith(
      caches.open(SHELL_CACHE).then((cache) => cache.match(request)).then((hit) => hit || fetch(request)),
    );
  } else {
    event.respondWith(staleWhileRevalidate(request));
  }
});

/** The address a page or content file is kept under: without its query. */
function pageKey(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** Drops the photos seen longest ago beyond MAX_PHOTOS (a cache lists its
 * entries in the order they were last stored). One trim at a time: two
 * side by side would each delete the excess they listed, and so too many. */
let trimming = Promise.resolve();
function trim(cache) {
  trimming = trimming
    .then(async () => {
      const keys = await cache.keys();
      const excess = keys.slice(0, Math.max(0, keys.length - MAX_PHOTOS));
      await Promise.all(excess.map((key) => cache.delete(key)));
    })
    .catch(() => undefined);
  return trimming;
}

async function networkFirst(request) {
  const key = pageKey(request);
  const pages = await caches.open(PAGES_CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) pages.put(key, response.clone());
    return response;
  });
  const stalled = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('network stalled')), NETWORK_TIMEOUT_MS),
  );
  try {
    return await Promise.race([network, stalled]);
  } catch (error) {
    // The newest copy first: the pages cache holds what the network last
    // gave; the shell cache, what was there at install.
    const shell = await caches.open(SHELL_CACHE);
    const cached =
      (await pages.match(key)) ||
      (await shell.match(key)) ||
      (request.mode === 'navigate' ? await shell.match('./') : undefined);
    return cached || network;
  }
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(PHOTOS_CACHE);
  const cached = await cache.match(request);
  const network = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone()).then(() => trim(cache));
    return response;
  });
  if (cached) {
    network.catch(() => undefined);
    return cached;
  }
  return network;
}
