// End-to-end test of the built web app in headless Chromium.
//
//   node tests/e2e/run.mjs          (env: DIST_DIR=dist, DOSSIER_CLI=target/release/dossier)
//
// Serves DIST_DIR on a free loopback port, then checks that the app starts, loads the sample
// articles, survives a drop of real files (a legacy encoding, a binary file, a hostile HTML
// page), makes no network request after loading, exports exactly what the command-line
// tool prints for the same files, exports every other format, and reads its exports back. One line per check; the last line is "N passed, M failed".

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(process.env.DIST_DIR || join(ROOT, 'dist'));
const CLI = resolve(process.env.DOSSIER_CLI || join(ROOT, 'target/release/dossier'));
const SAMPLES_DIR = join(ROOT, 'samples');
const FIXTURES_DIR = join(ROOT, 'tests/e2e/fixtures');
const TIMEOUT_MS = 60_000;

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// ---------- a static server for dist/ (wasm needs its MIME type for streaming compile) ----------

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function serve(dir) {
  const server = createServer((req, res) => {
    // The same files are also served under a sub-path, to check the site works there.
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname).replace(/^\/nested\/site(?=\/)/, '');
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---------- helpers in the page ----------

const waitReady = (page) =>
  page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: TIMEOUT_MS, polling: 'raf' });

/// Drops files on the page the way a browser does, and resolves with the milliseconds from
/// the drop until `body[data-state]` turns "ready".
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') }));
  return page.evaluate(
    (payload) =>
      new Promise((done) => {
        const transfer = new DataTransfer();
        for (const f of payload) {
          const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
          transfer.items.add(new File([bytes], f.name));
        }
        const start = performance.now();
        let sawBusy = false;
        const observer = new MutationObserver(() => {
          const state = document.body.dataset.state;
          if (state === 'busy') sawBusy = true;
          if (state === 'ready' && sawBusy) {
            observer.disconnect();
            done(performance.now() - start);
          }
        });
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
        const target = document.querySelector('main') || document.body;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        if (document.body.dataset.state === 'busy') sawBusy = true;
      }),
    payload,
  );
}

/// Which highlight layers appear over all loaded documents, and whether some paragraph
/// with Arabic text is laid out right to left.
async function surveyDocuments(page) {
  const layers = new Set();
  let arabicRtl = false;
  let arabicSeen = false;
  const n = await page.locator('.doc-item').count();
  for (let i = 0; i < n; i++) {
    await page.locator('.doc-item').nth(i).click();
    await page.waitForFunction((i) => document.querySelectorAll('.doc-item')[i]?.classList.contains('selected'), i);
    const found = await page.evaluate(() => {
      const layers = [...document.querySelectorAll('.text [data-layer]')].map((e) => e.dataset.layer);
      const arabic = [...document.querySelectorAll('.text p[dir=auto]')].filter((p) => /[\u0600-\u06FF]/.test(p.textContent));
      return {
        layers: [...new Set(layers)],
        arabic: arabic.length,
        rtl: arabic.some((p) => getComputedStyle(p).direction === 'rtl'),
      };
    });
    found.layers.forEach((l) => layers.add(l));
    if (found.arabic) {
      arabicSeen = true;
      arabicRtl ||= found.rtl;
    }
  }
  return { n, layers, arabicSeen, arabicRtl };
}

/// Empties the workspace through the page, as a reader would.
async function clearWorkspace(page) {
  if (await page.locator('[data-action=clear-workspace]:not([disabled])').count()) {
    await page.click('[data-action=clear-workspace]');
    await page.click('[data-action=confirm-clear]');
    await page.waitForSelector('.empty-state', { timeout: TIMEOUT_MS });
  }
}

function filesIn(dir, names) {
  return names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

// ---------- the run ----------

async function main() {
  const samples = filesIn(SAMPLES_DIR, readdirSync(SAMPLES_DIR).filter((n) => !n.startsWith('.')).sort());
  const fixtures = filesIn(FIXTURES_DIR, ['legacy-gbk.txt', 'image-not-text.txt', 'hostile-page.html']);
  const dropped = [...samples, ...fixtures];

  const server = await serve(DIST);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'dossier-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    // Every request the page makes; after the app's own files are in, there must be none.
    let loaded = false;
    const lateRequests = [];
    const foreignRequests = [];
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('blob:') || url.startsWith('data:')) return;
      if (!url.startsWith(origin)) foreignRequests.push(url);
      if (loaded) lateRequests.push(url);
    });

    // A reload, then an empty workspace (the app keeps its work across reloads); the
    // reload's own requests are part of loading, not "after".
    const reload = async () => {
      loaded = false;
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await page.waitForLoadState('networkidle');
      loaded = true;
    };
    const freshPage = async () => {
      await reload();
      await clearWorkspace(page);
    };

    // (a) the start page
    await page.goto(origin + '/', { waitUntil: 'load' });
    await waitReady(page);
    await page.waitForLoadState('networkidle');
    loaded = true;
    const emptyState = await page.locator('.empty-state').count();
    check('start page reaches ready with no console errors', consoleErrors.length === 0 && emptyState === 1,
      consoleErrors.length ? consoleErrors.join(' | ') : 'empty state shown');

    // The built site uses relative URLs, so it works from any sub-path.
    loaded = false;
    await page.goto(origin + '/nested/site/', { waitUntil: 'load' });
    await waitReady(page);
    await page.waitForLoadState('networkidle');
    loaded = true;
    check('the site works from a sub-path', (await page.locator('.empty-state').count()) === 1);

    // (b) "Sample articles"
    await page.click('[data-action=load-samples]');
    await waitReady(page);
    const survey = await surveyDocuments(page);
    const layersOk = ['entity', 'incident', 'pledge'].every((l) => survey.layers.has(l));
    check('sample articles load with every highlight layer', survey.n === 5 && layersOk,
      `${survey.n} documents; layers: ${[...survey.layers].sort().join(', ')}`);
    check('Arabic paragraphs are right to left', survey.arabicSeen && survey.arabicRtl);
    const entityAttrs = await page.evaluate(() =>
      [...document.querySelectorAll('[data-layer=entity]')].every((e) => e.dataset.label && e.title));
    check('entities carry data-label and a canonical-name title', entityAttrs);
    // Each layer is marked by shape as well as colour: the stylesheet is really applied.
    const marks = await page.evaluate(() => {
      const style = (selector) => {
        const e = document.querySelector(selector);
        return e ? getComputedStyle(e) : null;
      };
      const entity = style('.text [data-layer=entity]');
      const incident = style('.text [data-layer=incident]');
      const pledge = style('.text [data-layer=pledge]');
      return {
        entity: entity && entity.borderBottomStyle,
        incident: incident && incident.textDecorationStyle,
        pledge: pledge && pledge.outlineStyle,
      };
    });
    check('highlights are styled by shape, not colour alone',
      marks.entity !== 'none' && (marks.incident === null || marks.incident === 'wavy') && (marks.pledge === null || marks.pledge === 'dotted'),
      `entity underline ${marks.entity}, incident ${marks.incident}, pledge outline ${marks.pledge}`);

    // The sidebar steps through an entity's mentions; a switch hides a layer.
    await page.locator('.entity-item').first().click();
    const firstFocus = await page.evaluate(() => [document.activeElement?.dataset.layer, document.activeElement?.id]);
    await page.locator('.entity-item').first().click();
    const secondFocus = await page.evaluate(() => [document.activeElement?.dataset.layer, document.activeElement?.id]);
    const canStep = (await page.locator('.entity-item').first().locator('.count').textContent()).startsWith('2 /');
    check('the sidebar goes to an entity\'s mentions one after another',
      firstFocus[0] === 'entity' && secondFocus[0] === 'entity' && (firstFocus[1] !== secondFocus[1] || !canStep),
      `${firstFocus[1]} then ${secondFocus[1]}`);
    await page.click('[data-toggle=entity]');
    const hidden = await page.evaluate(() => getComputedStyle(document.querySelector('.text [data-layer=entity]')).borderBottomStyle);
    await page.click('[data-toggle=entity]');
    const shown = await page.evaluate(() => getComputedStyle(document.querySelector('.text [data-layer=entity]')).borderBottomStyle);
    check('a layer switch hides and shows that layer', hidden === 'none' && shown !== 'none', `${hidden} → ${shown}`);

    // The file picker.
    await freshPage();
    await page.setInputFiles('input[type=file]', [join(SAMPLES_DIR, samples[0].name), join(SAMPLES_DIR, samples[1].name)]);
    await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 2 && document.body.dataset.state === 'ready');
    check('the file picker loads the chosen files', true);

    // Drop-to-ready time for the five samples on a fresh page.
    await freshPage();
    const sampleMs = await dropFiles(page, samples);
    const sampleCount = await page.locator('.doc-item').count();
    check('dropping the 5 samples', sampleCount === 5, `drop to ready: ${sampleMs.toFixed(0)} ms`);

    // (c) a drop of real files: samples, a GBK file, a PNG named .txt, a hostile HTML page
    await freshPage();
    const dropMs = await dropFiles(page, dropped);
    const afterDrop = await page.evaluate(() => ({
      docs: document.querySelectorAll('.doc-item').length,
      highlights: document.querySelectorAll('.text [data-layer]').length,
      problems: [...document.querySelectorAll('.problem')].map((p) => p.textContent),
    }));
    const pngProblem = afterDrop.problems.find((p) => p.includes('image-not-text.txt'));
    check('dropped files are annotated and highlighted', afterDrop.highlights > 0 && afterDrop.docs >= 5,
      `${afterDrop.docs} documents, ${afterDrop.problems.length} problems, ${dropMs.toFixed(0)} ms`);
    check('the binary file gets a message naming it', Boolean(pngProblem) && pngProblem.length > 'image-not-text.txt: '.length,
      pngProblem || afterDrop.problems.join(' | '));
    const hostile = page.locator('.doc-item', { hasText: 'hostile-page.html' });
    let hostileMarkup = 0;
    if (await hostile.count()) {
      await hostile.click();
      hostileMarkup = await page.evaluate(() => document.querySelectorAll('.text script, .text img, .text a, .text iframe').length);
    }
    await page.waitForTimeout(300);
    const pwned = await page.evaluate(() => window.__pwned);
    check('nothing in a dropped page runs or becomes markup', pwned === undefined && hostileMarkup === 0,
      `window.__pwned=${pwned}, elements from the page: ${hostileMarkup}`);

    // (e) the export equals the command-line tool's output for the same files
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
    const exported = readFileSync(await download.path());
    const workDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-files-'));
    for (const f of dropped) writeFileSync(join(workDir, f.name), f.bytes);
    const cli = spawnSync(CLI, ['annotate', ...dropped.map((f) => join(workDir, f.name))], { maxBuffer: 1 << 28 });
    rmSync(workDir, { recursive: true, force: true });
    const cliOut = cli.stdout || Buffer.alloc(0);
    let detail = `${download.suggestedFilename()}, ${exported.length} bytes; CLI exit ${cli.status}, ${cliOut.length} bytes`;
    if (cli.error) detail += `; ${cli.error.message}`;
    const same = cliOut.length > 0 && exported.equals(cliOut);
    if (!same && cliOut.length) {
      let i = 0;
      while (i < exported.length && exported[i] === cliOut[i]) i++;
      detail += `; first difference at byte ${i}: ${JSON.stringify(exported.subarray(i, i + 60).toString())} vs ${JSON.stringify(cliOut.subarray(i, i + 60).toString())}`;
    }
    check('export is byte-identical to `dossier annotate`', same && download.suggestedFilename() === 'dossier-annotations.json', detail);

    // Every other export format, one click each from the header's menu; each file has its
    // format's shape.
    const exportedAs = {};
    for (const action of ['export-w3c', 'export-brat', 'export-conll', 'export-csv-entities', 'export-csv-events', 'export-stix']) {
      await page.evaluate(() => { document.querySelector('[data-action=export-more]').open = true; });
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action=${action}]`)]);
      exportedAs[action] = { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
    }
    const parsed = (bytes) => { try { return JSON.parse(bytes.toString('utf8')); } catch { return null; } };
    const w3c = parsed(exportedAs['export-w3c'].bytes);
    const w3cItems = w3c?.first?.items || [];
    check('W3C export parses and every annotation has selectors',
      w3c?.type === 'AnnotationCollection' && w3cItems.length > 0 && w3cItems.every((a) => a.target?.selector),
      `${exportedAs['export-w3c'].name}, ${w3cItems.length} annotations`);
    check('brat export is a zip archive', exportedAs['export-brat'].bytes.subarray(0, 2).toString() === 'PK',
      `${exportedAs['export-brat'].name}, ${exportedAs['export-brat'].bytes.length} bytes`);
    const conll = exportedAs['export-conll'].bytes.toString('utf8');
    check('CoNLL export has a document per file', conll.split('-DOCSTART-').length - 1 === JSON.parse(exported.toString('utf8')).documents.length,
      exportedAs['export-conll'].name);
    const csvHeader = (action) => exportedAs[action].bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    check('CSV exports start with a header',
      csvHeader('export-csv-entities').startsWith('document,start,end,text,label') &&
        csvHeader('export-csv-events').startsWith('document,layer,start,end'),
      `${csvHeader('export-csv-entities')} | ${csvHeader('export-csv-events')}`);
    const stix = parsed(exportedAs['export-stix'].bytes);
    check('STIX export is a bundle', stix?.type === 'bundle' && Array.isArray(stix.objects) && stix.objects.length > 0,
      `${exportedAs['export-stix'].name}, ${stix?.objects?.length} objects`);

    // Export, reload with nothing loaded, import the export: exporting again gives the same bytes.
    await freshPage();
    await dropFiles(page, [{ name: 'dossier-annotations.json', bytes: exported }]);
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
    const reexported = readFileSync(await again.path());
    check('importing the JSON export restores it byte for byte', reexported.equals(exported),
      `${exported.length} → ${reexported.length} bytes, ${await page.locator('.doc-item').count()} documents`);

    // Web Annotations land on the documents already loaded, by name.
    const docsOf = (bytes) => JSON.parse(bytes.toString('utf8')).documents;
    const stripped = { ...JSON.parse(exported.toString('utf8')) };
    stripped.documents = stripped.documents.map((d) => ({ ...d, annotations: [] }));
    await freshPage();
    await dropFiles(page, [{ name: 'bare.json', bytes: Buffer.from(JSON.stringify(stripped)) }]);
    await dropFiles(page, [{ name: 'notes.jsonld', bytes: exportedAs['export-w3c'].bytes }]);
    const [withNotes] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
    const noteCount = (docs) => docs.reduce((n, d) => n + d.annotations.length, 0);
    const restoredNotes = noteCount(docsOf(readFileSync(await withNotes.path())));
    check('W3C annotations apply to the loaded documents by name', restoredNotes === noteCount(docsOf(exported)),
      `${restoredNotes} of ${noteCount(docsOf(exported))} annotations`);

    // A brat archive brings its documents.
    await freshPage();
    await dropFiles(page, [{ name: 'dossier-brat.zip', bytes: exportedAs['export-brat'].bytes }]);
    const bratDocs = await page.locator('.doc-item').count();
    check('a brat archive imports its documents', bratDocs === docsOf(exported).length, `${bratDocs} documents`);

    // A damaged record is listed with its document and record; the good records load.
    await freshPage();
    const damaged = JSON.parse(exported.toString('utf8'));
    const victim = damaged.documents[0];
    victim.annotations[0].text = 'words that are not in the text';
    await dropFiles(page, [{ name: 'damaged.json', bytes: Buffer.from(JSON.stringify(damaged, null, 2)) }]);
    const listed = await page.locator('.import-problem').allTextContents();
    const damagedDocs = await page.locator('.doc-item').count();
    check('a damaged import record is named and the good ones load',
      listed.length === 1 && listed[0].includes(victim.name) && listed[0].includes('annotation 1') && damagedDocs === damaged.documents.length,
      listed.join(' | '));

    // Many files at once: the page keeps painting progress and gets to ready.
    await freshPage();
    const manyCount = 2000;
    const many = Array.from({ length: manyCount }, (_, i) => ({
      name: `bulk-${String(i).padStart(4, '0')}.txt`,
      bytes: Buffer.from(`Report ${i}: hackers linked to APT28 breached an agency in Berlin. China pledged to cooperate.\n`),
    }));
    const progressSeen = page.waitForFunction(() => /Annotating \d+ of \d+/.test(document.querySelector('.progress')?.textContent || ''),
      null, { polling: 'raf' }).then(() => true, () => false);
    const manyMs = await dropFiles(page, many);
    const listedDocs = () => page.evaluate(() => ({
      total: Number(/\((\d+)\)/.exec(document.querySelector('.doc-list h2')?.textContent || '')?.[1]),
      items: document.querySelectorAll('.doc-item').length,
      more: document.querySelector('[data-action=more-documents]')?.textContent || '',
    }));
    const manyDocs = await listedDocs();
    check(`a drop of ${manyCount} files finishes with progress shown`, manyDocs.total === manyCount && (await progressSeen),
      `${manyDocs.total} documents in ${manyMs.toFixed(0)} ms`);
    // The list shows the first 200 and offers the rest 200 at a time.
    await page.click('[data-action=more-documents]');
    const moreDocs = await listedDocs();
    check('a long document list shows its first documents and more on request',
      manyDocs.items === 200 && /1800 not listed/.test(manyDocs.more) && moreDocs.items === 400 && /1600 not listed/.test(moreDocs.more),
      `${manyDocs.items} items ("${manyDocs.more}"), then ${moreDocs.items} ("${moreDocs.more}")`);

    // A long document: only its first page goes into the DOM, the rest on request.
    await freshPage();
    const longText = Array.from({ length: 20_000 }, (_, i) =>
      `Paragraph ${i}: hackers linked to APT28 breached an agency in Berlin, and China pledged to cooperate.`).join('\n');
    const longMs = await dropFiles(page, [{ name: 'long-report.txt', bytes: Buffer.from(longText) }]);
    const longView = await page.evaluate(() => ({
      paragraphs: document.querySelectorAll('.text p').length,
      more: Boolean(document.querySelector('.reader .more')),
    }));
    await page.locator('.entity-item').first().click();
    await page.locator('.entity-item').first().click();
    const afterStep = await page.evaluate(() => document.activeElement?.dataset.layer);
    check('a 20,000-line document renders page by page', longView.paragraphs <= 400 && longView.more && afterStep === 'entity',
      `${longView.paragraphs} paragraphs in the DOM, ready in ${longMs.toFixed(0)} ms`);

    // Pasting text with the keyboard outside the paste box adds it as a document.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Wang Yi said China was willing to work with the United States on cybersecurity.');
      document.querySelector('main').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitReady(page);
    const pasted = await page.locator('.doc-item', { hasText: 'pasted-1.txt' }).count();
    check('a keyboard paste becomes pasted-1.txt', pasted === 1);

    // Further suites, one file per workflow (tests/e2e/suites/*.mjs, in name order). Each
    // exports a default async function taking this context and reporting through `check`.
    const suitesDir = join(ROOT, 'tests/e2e/suites');
    // DOSSIER_E2E_SUITES=large,access runs only the suites whose names contain one of those.
    const only = (process.env.DOSSIER_E2E_SUITES || '').split(',').filter(Boolean);
    const suiteFiles = (existsSync(suitesDir) ? readdirSync(suitesDir) : [])
      .filter((n) => n.endsWith('.mjs') && (only.length === 0 || only.some((part) => n.includes(part))))
      .sort();
    const suiteContext = { page, context, origin, reload, freshPage, clearWorkspace, check, dropFiles, waitReady, filesIn, samples, serve, ROOT, DIST, FIXTURES_DIR, CLI, TIMEOUT_MS };
    for (const file of suiteFiles) {
      const suite = await import(pathToFileURL(join(suitesDir, file)).href);
      try {
        await suite.default(suiteContext);
      } catch (err) {
        check(`suite ${file} completed`, false, String(err && err.stack ? err.stack : err));
      }
    }

    // (d) no network after the app loaded
    check('no network request after the app loaded', lateRequests.length === 0 && foreignRequests.length === 0,
      [...lateRequests, ...foreignRequests].join(' ') || 'none');
    check('no console errors during the run', consoleErrors.length === 0, consoleErrors.join(' | '));
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  check('the run completed', false, String(err && err.stack ? err.stack : err));
}
const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
