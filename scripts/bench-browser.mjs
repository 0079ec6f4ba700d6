// In-browser throughput: Dossier's annotation worker against compromise, on the same text.
//
//   trunk build --release && node scripts/bench-browser.mjs [MB] [--dossier-only]   (default 10 MB)
//
// Builds a corpus of at least MB megabytes from the English sample articles in samples/
// (repeated; each copy is one document), then, in headless Chromium on one core each:
//   - Dossier: the built worker (dist/dossier-worker*), exactly as the app uses it: the page
//     posts each document's bytes, the worker decodes, annotates (entities, incidents,
//     pledges) and answers with the document's interchange JSON (its annotations in parts).
//   - compromise: nlp(text) and .people(), .places(), .organizations() as arrays, per
//     document, on the page's thread.
// Prints MB/s and words/s for both (--dossier-only skips compromise, which takes minutes);
// Dossier's corpus runs twice, the first time right after the worker has started.
// A benchmark, not a test: numbers depend on the machine.

import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = resolve(process.env.DIST_DIR || join(ROOT, 'dist'));
const COMPROMISE = join(ROOT, 'node_modules/compromise/builds/compromise.js');
const args = process.argv.slice(2);
const DOSSIER_ONLY = args.includes('--dossier-only');
const TARGET_MB = Number(args.find((a) => !a.startsWith('--')) || 10);
const MB = 1024 * 1024;

for (const [file, hint] of [[join(DIST, 'dossier-worker_loader.js'), 'run `trunk build --release` first'],
  [COMPROMISE, 'run `npm ci` (or ./scripts/setup.sh) first']]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: ${hint}`);
    process.exit(2);
  }
}

// English articles only: compromise reads English. An article counts as English when
// almost all of its characters are ASCII (one sample quotes a Korean caption).
const samplesDir = join(ROOT, 'samples');
const articles = readdirSync(samplesDir).sort()
  .map((name) => readFileSync(join(samplesDir, name), 'utf8'))
  .filter((text) => [...text].filter((c) => c.charCodeAt(0) < 128).length / [...text].length > 0.95);
const corpus = [];
let bytes = 0;
while (bytes < TARGET_MB * MB) {
  for (const text of articles) {
    corpus.push(text);
    bytes += Buffer.byteLength(text);
  }
}
const words = corpus.reduce((n, text) => n + (text.match(/\S+/g) || []).length, 0);
console.log(`corpus: ${corpus.length} documents (${articles.length} English sample articles repeated), ` +
  `${(bytes / MB).toFixed(1)} MB, ${words} words`);

// The built app's files, plus compromise and an empty page without a CSP to run both in.
const MIME = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  const file = path === '/compromise.js' ? COMPROMISE : path === '/' ? null : join(DIST, path.replace(/^\/+/, ''));
  if (file && !file.startsWith(DIST) && file !== COMPROMISE) return res.writeHead(403).end();
  try {
    const body = file ? readFileSync(file) : '<!doctype html><title>bench</title><script src="/compromise.js"></script>';
    const type = file ? MIME[extname(file)] || 'application/octet-stream' : MIME['.html'];
    res.writeHead(200, { 'content-type': type }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'dossier-bench-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30 * 60_000);
  await page.goto(origin + '/', { waitUntil: 'load' });

  const dossier = await page.evaluate(async (corpus) => {
    const worker = new Worker('/dossier-worker_loader.js');
    await new Promise((ok, fail) => {
      worker.onmessage = ok;
      worker.onerror = fail;
    });
    const encoder = new TextEncoder();
    // Every answer is counted and dropped, as the page would hand it on.
    const run = (docs) => new Promise((done) => {
      let answered = 0;
      let outputBytes = 0;
      let annotations = 0;
      const decoder = new TextDecoder();
      worker.onmessage = ({ data }) => {
        // Not an answer (the worker's note about its knowledge base).
        if (!data.outcome) return;
        // The outcome, then an annotated document's text and its annotations in parts.
        for (const bytes of [data.outcome, data.text, ...(data.parts || [])].filter(Boolean)) {
          outputBytes += bytes.byteLength;
          annotations += (decoder.decode(bytes).match(/"layer":/g) || []).length;
        }
        if (++answered === docs.length) done({ outputBytes, annotations });
      };
      docs.forEach((text, id) => {
        const bytes = encoder.encode(text);
        worker.postMessage({ id, name: `doc-${id}.txt`, bytes }, [bytes.buffer]);
      });
    });
    // The first document also waits for the dictionaries to be compiled.
    await run(corpus.slice(0, 4));
    // Twice: right after the worker has started, as when files are dropped on a page just
    // opened, and again once the browser has optimized the hot code (WebAssembly starts
    // on a baseline compiler; the worker's own warm-up gets part of the way).
    const timed = async () => {
      const start = performance.now();
      const result = await run(corpus);
      return { seconds: (performance.now() - start) / 1000, ...result };
    };
    const first = await timed();
    const again = await timed();
    worker.terminate();
    return { ...first, again: again.seconds };
  }, corpus);

  const compromise = DOSSIER_ONLY ? null : await page.evaluate((corpus) => {
    let people = 0;
    let places = 0;
    let organizations = 0;
    nlp(corpus[0]).people().out('array');
    const start = performance.now();
    for (const text of corpus) {
      const doc = nlp(text);
      people += doc.people().out('array').length;
      places += doc.places().out('array').length;
      organizations += doc.organizations().out('array').length;
    }
    const seconds = (performance.now() - start) / 1000;
    return { seconds, people, places, organizations, version: nlp.version };
  }, corpus);

  const rate = (seconds) => `${(bytes / MB / seconds).toFixed(2)} MB/s, ${Math.round(words / seconds)} words/s`;
  console.log(`Dossier (worker, wasm): ${dossier.seconds.toFixed(2)} s = ${rate(dossier.seconds)} — ` +
    `${dossier.annotations} annotations (entities, incidents, pledges), ${(dossier.outputBytes / MB).toFixed(1)} MB of answers`);
  console.log(`Dossier again, hot code optimized: ${dossier.again.toFixed(2)} s = ${rate(dossier.again)}`);
  if (compromise) {
    console.log(`compromise ${compromise.version}: ${compromise.seconds.toFixed(2)} s = ${rate(compromise.seconds)} — ` +
      `${compromise.people} people, ${compromise.places} places, ${compromise.organizations} organizations`);
    console.log(`Dossier is ${(compromise.seconds / dossier.seconds).toFixed(1)}× the throughput of compromise on this text`);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
