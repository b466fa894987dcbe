// The service worker that `cargo xtask build --no-offline` writes as sw.js:
// the way back from offline support. A visitor's browser checks sw.js on
// every visit; finding this one, it installs it at once, which deletes this
// site's caches (only those named after this scope: other events on the
// host keep theirs), unregisters itself and reloads the open pages, which
// then come straight from the network.
self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const prefix = `${self.registration.scope} `;
      const keys = await caches.keys();
      await Promise.all(keys.filter((key) => key.startsWith(prefix)).map((key) => caches.delete(key)));
      await self.registration.unregister();
      const windows = await self.clients.matchAll({ type: 'window' });
      await Promise.all(windows.map((client) => client.navigate(client.url).catch(() => undefined)));
    })(),
  );
});
