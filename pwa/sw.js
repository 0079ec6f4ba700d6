// Dossier's service worker: keeps every file of the app in the browser's cache, so the app
// starts, annotates and opens the sample articles with the network off.
//
// scripts/service-worker.mjs (a post-build hook) fills in FILES and VERSION from the built
// files; VERSION is a hash of their contents, so each build is a new worker with a new cache.
// Cache first for the app's own files: they are hashed or versioned by this file, and a new
// build installs a new worker. Anything else goes to the network as usual.

const FILES = [];
const VERSION = 'unbuilt';

// One cache per scope (the app may be served under several sub-paths of one origin).
const PREFIX = `dossier:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // 'reload': the files come from the server, never from the HTTP cache.
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

// The new worker takes over at once and deletes the caches of earlier builds.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    caches
      .open(CACHE)
      // A page address may carry a query; the page is the same.
      .then((cache) => cache.match(request, { ignoreSearch: request.mode === 'navigate' }))
      .then((cached) => cached || fetch(request)),
  );
});
