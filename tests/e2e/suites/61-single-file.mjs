// dist/dossier.html, the whole app in one file, works when opened from disk: copied alone
// into an empty directory and opened from its file:// address, it starts, annotates dropped
// files and the sample articles, keeps the workspace across a reload, and asks for nothing
// but itself.

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export default async function singleFile({ context, check, clearWorkspace, dropFiles, waitReady, filesIn, samples, DIST, FIXTURES_DIR, TIMEOUT_MS }) {
  const built = join(DIST, 'dossier.html');
  if (!existsSync(built)) {
    check('the build writes dist/dossier.html', false, `no ${built}`);
    return;
  }
  const html = readFileSync(built, 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)?.[1] || '';
  const directive = (name) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1) || [];
  const scriptSources = directive('script-src');
  check('dossier.html forbids connections, eval and unhashed inline scripts',
    directive('connect-src').join(' ') === "'none'" && directive('default-src').join(' ') === "'none'"
      && scriptSources.every((s) => s === "'wasm-unsafe-eval'" || s.startsWith("'sha256-")) && !/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')),
    `${statSync(built).size} bytes (${gzipSync(html, { level: 9 }).length} gzipped); ${csp}`);

  const dir = mkdtempSync(join(tmpdir(), 'dossier-single-file-'));
  const copy = join(dir, 'dossier.html');
  copyFileSync(built, copy);
  const address = pathToFileURL(copy).href;
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Only the file itself may be asked for; data: and blob: addresses are in memory.
  page.on('request', (r) => {
    const url = r.url();
    if (url !== address && !url.startsWith('data:') && !url.startsWith('blob:')) requests.push(url);
  });
  try {
    await page.goto(address, { waitUntil: 'load' });
    await waitReady(page);
    check('dossier.html opened from file:// reaches ready', (await page.locator('.empty-state').count()) === 1,
      consoleErrors.join(' | ') || address);

    // Real files dropped on the page: an article, a GBK-encoded one, a hostile HTML page.
    const dropped = [samples[1], ...filesIn(FIXTURES_DIR, ['legacy-gbk.txt', 'hostile-page.html'])];
    await dropFiles(page, dropped);
    const afterDrop = await page.evaluate(() => ({
      docs: document.querySelectorAll('.doc-item').length,
      highlights: document.querySelectorAll('.text [data-layer]').length,
      layers: [...new Set([...document.querySelectorAll('.text [data-layer]')].map((e) => e.dataset.layer))].sort(),
    }));
    check('from file://, dropped files are annotated and highlighted', afterDrop.docs === dropped.length && afterDrop.highlights > 0,
      `${afterDrop.docs} documents, ${afterDrop.highlights} highlights (${afterDrop.layers.join(', ')})`);

    await clearWorkspace(page);
    await page.click('[data-action=load-samples]');
    await waitReady(page);
    const sampleDocs = await page.locator('.doc-item').count();
    check('from file://, the sample articles open', sampleDocs === samples.length && (await page.locator('.text [data-layer]').count()) > 0,
      `${sampleDocs} documents`);

    // The workspace is kept in the browser for file:// pages too (Chromium allows it).
    await page.waitForTimeout(500);
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    const restored = await page.evaluate(() => ({
      docs: document.querySelectorAll('.doc-item').length,
      storage: document.querySelector('.storage-message')?.textContent || null,
    }));
    check('from file://, the workspace survives a reload', restored.docs === samples.length && restored.storage === null,
      JSON.stringify(restored));

    check('dossier.html asks for nothing but itself', requests.length === 0, requests.join(' ') || 'no other request');
    check('no console errors in dossier.html', consoleErrors.length === 0, consoleErrors.join(' | '));
    await clearWorkspace(page);
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
