// The installed app works with the network off: the manifest makes it installable, the
// service worker keeps every file of the build, and once the server is gone the app still
// starts, annotates a dropped file and opens the sample articles.
//
// On its own server (a new origin), so its service worker, cache and saved workspace never
// reach the other suites; it unregisters and deletes them at the end all the same.

import { readdirSync } from 'node:fs';

// Files of the build the service worker does not keep: itself, and the single-file copy.
const NOT_KEPT = new Set(['sw.js', 'dossier.html']);

export default async function offline({ context, check, clearWorkspace, dropFiles, waitReady, filesIn, samples, serve, DIST, FIXTURES_DIR, TIMEOUT_MS }) {
  const server = await serve(DIST);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const consoleErrors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  let serverUp = true;
  try {
    await page.goto(origin + '/', { waitUntil: 'load' });
    await waitReady(page);

    // Installable: Chromium's own verdict on the manifest, its icons and the service worker.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    const parsed = JSON.parse(manifest.data || '{}');
    check('the web app manifest parses, with a name, standalone display and icons',
      manifest.errors.length === 0 && parsed.short_name === 'Dossier' && parsed.start_url === './' && parsed.display === 'standalone'
        && parsed.icons?.some((i) => i.type === 'image/svg+xml') && parsed.icons?.some((i) => i.sizes === '512x512'),
      manifest.errors.map((e) => e.message).join(' | ') || `${manifest.url}: ${parsed.name}`);

    // The service worker is active and controls the page (it claims the page that
    // registered it; a reload would do too).
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    const installable = (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors;
    check('Chromium finds the app installable', installable.length === 0,
      installable.map((e) => e.errorId).join(', ') || 'no installability errors');
    await cdp.detach();

    // Every file of the build is in the cache, the page also under its directory's address.
    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const key of await caches.keys()) {
        if (!key.startsWith(`dossier:${location.origin}/:`)) continue;
        const cache = await caches.open(key);
        urls.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
      }
      return urls;
    });
    const built = readdirSync(DIST).filter((name) => !NOT_KEPT.has(name));
    const missing = ['/', ...built.map((name) => `/${name}`)].filter((path) => !cached.includes(path));
    check('the service worker keeps every file of the build', scope === origin + '/' && missing.length === 0 && built.length >= 8,
      missing.length ? `missing: ${missing.join(', ')}` : `${cached.length} addresses cached for ${scope}`);

    // The network goes away: the server stops and the browser is offline.
    await context.setOffline(true);
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    serverUp = false;
    // Only requests made from now on count: a fetch of the page before (its annotation
    // worker's WebAssembly) is reported as aborted when the reload ends that page.
    const notFromWorker = [];
    const failed = [];
    const asked = new Set();
    const onRequest = (r) => asked.add(r);
    const onResponse = (r) => { if (!r.fromServiceWorker() && !/^(data|blob):/.test(r.url())) notFromWorker.push(r.url()); };
    const onFailed = (r) => asked.has(r) && failed.push(`${r.url()} (${r.failure()?.errorText})`);
    page.on('request', onRequest);
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    const started = await page.evaluate(() => ({
      emptyState: document.querySelectorAll('.empty-state').length,
      controlled: Boolean(navigator.serviceWorker.controller),
      online: navigator.onLine,
    }));
    const workerDown = warnings.filter((w) => w.includes('annotation worker did not start'));
    check('with the network off, the app starts from the service worker',
      started.emptyState === 1 && started.controlled && !started.online && failed.length === 0 && notFromWorker.length === 0
        && workerDown.length === 0 && [...asked].some((r) => r.url().endsWith('/dossier-worker_bg.wasm')),
      [...failed, ...notFromWorker.map((u) => `not from the service worker: ${u}`), ...workerDown].join(' | ')
        || `${asked.size} requests, all answered by the service worker; ${JSON.stringify(started)}`);

    // A dropped file is read, decoded and annotated offline (in the annotation worker).
    const dropped = [...filesIn(FIXTURES_DIR, ['legacy-gbk.txt']), samples[0]];
    await dropFiles(page, dropped);
    const afterDrop = await page.evaluate(() => ({
      docs: document.querySelectorAll('.doc-item').length,
      highlights: document.querySelectorAll('.text [data-layer]').length,
      problems: [...document.querySelectorAll('.problem')].map((p) => p.textContent),
    }));
    check('offline, a dropped file is annotated and highlighted',
      afterDrop.docs === dropped.length && afterDrop.highlights > 0 && afterDrop.problems.length === 0,
      `${afterDrop.docs} documents, ${afterDrop.highlights} highlights ${afterDrop.problems.join(' | ')}`);

    // The sample articles come with the app.
    await clearWorkspace(page);
    await page.click('[data-action=load-samples]');
    await waitReady(page);
    const sampleView = await page.evaluate(() => ({
      docs: document.querySelectorAll('.doc-item').length,
      highlights: document.querySelectorAll('.text [data-layer]').length,
    }));
    check('offline, the sample articles open', sampleView.docs === samples.length && sampleView.highlights > 0,
      `${sampleView.docs} documents, ${sampleView.highlights} highlights`);
    check('no console errors offline', consoleErrors.length === 0 && failed.length === 0 && notFromWorker.length === 0,
      [...consoleErrors, ...failed, ...notFromWorker].join(' | '));
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
    await clearWorkspace(page);
  } finally {
    // Online again for the suites that follow, and nothing of this origin left behind.
    await context.setOffline(false);
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      for (const key of await caches.keys()) await caches.delete(key);
    }).catch(() => {});
    await page.close();
    if (serverUp) server.close();
  }
}
