// Large corpora: the page stays responsive while thousands of files (tens of MB) are
// annotated, loading can be cancelled without losing track of any file, and one large
// document opens in reasonable time. Prints what it measured (long tasks, times, memory).

const LARGE_CORPUS_FILES = 2000;
const LARGE_CORPUS_BYTES = 50 * 1024 * 1024;
// Among them a few long reports: annotating one of them takes about a second, which on the
// page would be a long task of that length.
const LARGE_CORPUS_BIG_FILES = 8;
const BIG_FILE_BYTES = 1024 * 1024;
const LARGE_DOCUMENT_BYTES = 5 * 1024 * 1024;
// Generous, so a busy machine does not make the check flaky: on a loaded 2-core machine,
// showing a document's first page alone took 85–300 ms, and taking in the answer for a
// 1 MB report (parsing it, planning its pages) up to about 430 ms. Annotating that report on
// the page would block it for 1–2 s, so the bound still tells the two apart.
const MAX_LONG_TASK_MS = 750;
const LOAD_TIMEOUT_MS = 10 * 60_000;

// Runs in the page: builds files of news-like English from varied sentences (named people,
// organisations, places, threat actors, incidents, pledges, and plain filler), with a
// seeded generator so every run annotates the same text.
// `big` files of `bigBytes` are spread among the others, whose sizes vary around the mean.
function makeCorpus({ count, totalBytes, prefix, seed, big = 0, bigBytes = 0 }) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const people = ['Wang Yi', 'Antony Blinken', 'Xi Jinping', 'Joe Biden', 'Mao Ning', 'Sergey Lavrov',
    'Jake Sullivan', 'Christopher Wray', 'Jen Easterly', 'Olaf Scholz', 'Emmanuel Macron', 'Yoon Suk Yeol'];
  const orgs = ['the Foreign Ministry', 'Microsoft', 'the FBI', 'NATO', 'the European Union', 'the State Department',
    'the Cybersecurity and Infrastructure Security Agency', 'Google', 'the United Nations', 'Mandiant'];
  const places = ['Beijing', 'Washington', 'Berlin', 'Jakarta', 'Moscow', 'Seoul', 'Tokyo', 'Brussels', 'Kyiv', 'Taiwan'];
  const actors = ['APT28', 'Volt Typhoon', 'Lazarus Group', 'Sandworm', 'APT41', 'Salt Typhoon'];
  const days = ['on Monday', 'on Tuesday', 'last week', 'in March', 'earlier this year', 'on Friday'];
  const templates = [
    () => `${pick(people)} met ${pick(people)} in ${pick(places)} ${pick(days)} to discuss trade and security.`,
    () => `Hackers linked to ${pick(actors)} breached networks of ${pick(orgs)} in ${pick(places)}, officials said.`,
    () => `${pick(orgs)} said ${pick(actors)} stole emails from government agencies ${pick(days)}.`,
    () => `${pick(places)} pledged to cooperate with ${pick(places)} on cybersecurity and law enforcement.`,
    () => `${pick(people)} promised that ${pick(places)} would not interfere in the election.`,
    () => `A spokesperson for ${pick(orgs)} denied the accusations and called them groundless.`,
    () => `The two sides agreed to hold further talks ${pick(days)} and to keep channels of communication open.`,
    () => `Analysts in ${pick(places)} said the relationship remained fragile despite the meeting.`,
    () => `Ransomware attacks on hospitals in ${pick(places)} disrupted services for several days.`,
    () => `The report, published ${pick(days)}, runs to more than forty pages and cites dozens of sources.`,
    () => `Markets rose slightly after the announcement, while bond yields were little changed.`,
    () => `${pick(people)} told reporters that dialogue was the only way forward.`,
    () => `According to ${pick(orgs)}, the campaign targeted telecommunications providers and energy firms.`,
    () => `Officials declined to say how many systems had been affected or when the intrusion began.`,
  ];
  const meanSize = (totalBytes - big * bigBytes) / (count - big);
  const bigEvery = big ? Math.floor(count / big) : 0;
  const encoder = new TextEncoder();
  const files = [];
  for (let i = 0; i < count; i++) {
    const isBig = big && i % bigEvery === bigEvery - 1 && (i + 1) / bigEvery <= big;
    const target = isBig ? bigBytes : count === 1 ? meanSize : meanSize * (0.25 + 1.5 * random());
    const paragraphs = [];
    let size = 0;
    while (size < target) {
      const n = 2 + Math.floor(random() * 5);
      const paragraph = Array.from({ length: n }, () => pick(templates)()).join(' ');
      paragraphs.push(paragraph);
      size += paragraph.length + 1;
    }
    const bytes = encoder.encode(paragraphs.join('\n'));
    files.push(new File([bytes], `${prefix}-${String(i).padStart(4, '0')}.txt`, { type: 'text/plain' }));
  }
  return files;
}

export default async function large({ page, reload, freshPage, check }) {
  // Time from navigation to "ready" (the worker loaded, the app mounted), noted by the page.
  await page.addInitScript(() => {
    // Trunk announces the app's WebAssembly exports, its memory among them.
    addEventListener('TrunkApplicationStarted', (event) => { window.__appWasm = event.detail.wasm; });
    const observer = new MutationObserver(() => {
      if (document.body?.dataset.state === 'ready' && window.__readyAt === undefined) {
        window.__readyAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  await freshPage();
  const readyAt = await page.evaluate(() => window.__readyAt);
  check('the app gets ready with its annotation worker', typeof readyAt === 'number',
    `time to ready: ${readyAt === undefined ? '?' : readyAt.toFixed(0)} ms after navigation`);

  // The worker reports its knowledge base (how many names, built in how long).
  const knowledgeBase = await page.waitForFunction(
    () => document.querySelector('.knowledge-base')?.textContent, null, { timeout: 30_000 },
  ).then((handle) => handle.jsonValue()).catch(() => '');
  const built = /Knowledge base: ([\d,]+) names built in (\d+) ms on this device/.exec(knowledgeBase);
  check('the knowledge base build time is shown', Boolean(built) && Number(built[1].replace(/,/g, '')) > 1000,
    knowledgeBase || 'no .knowledge-base note');

  // Shared in-page helpers: a corpus generator, a drop, and waiting for "ready".
  const install = () => page.evaluate((source) => {
    // eslint-disable-next-line no-new-func
    window.__makeCorpus = new Function(`return (${source})`)();
    window.__drop = (files) => {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      const target = document.querySelector('main') || document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    };
    window.__ready = () => new Promise((done) => {
      const poll = () => (document.body.dataset.state === 'ready' ? done() : requestAnimationFrame(poll));
      poll();
    });
  }, makeCorpus.toString());

  // (1) 2,000 files, about 50 MB: long tasks on the page while they load. One document is
  // open first: the first paint of the workspace (laying out a page of highlighted text,
  // loading fonts) is a one-off cost of showing a document, not of loading, and is
  // reported apart.
  await install();
  const firstPaint = await page.evaluate(async () => {
    const [file] = window.__makeCorpus({ count: 1, totalBytes: 25 * 1024, prefix: 'first', seed: 1 });
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const start = performance.now();
    window.__drop([file]);
    await window.__ready();
    // The paint after "ready" belongs to it too.
    await new Promise((done) => setTimeout(done, 300));
    longTasks.push(...observer.takeRecords());
    observer.disconnect();
    return Math.max(0, ...longTasks.filter((t) => t.startTime >= start).map((t) => t.duration));
  });
  const bulk = await page.evaluate(async ({ count, totalBytes, big, bigBytes, timeoutMs }) => {
    const files = window.__makeCorpus({ count, totalBytes, prefix: 'corpus', seed: 20, big, bigBytes });
    const bytes = files.reduce((n, f) => n + f.size, 0);
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    // Progress seen along the way: the bar and the estimate of the time left.
    const seen = { bar: false, timeLeft: '', counts: '' };
    const watch = () => {
      if (document.querySelector('.progress-bar')) seen.bar = true;
      seen.timeLeft ||= document.querySelector('.time-left')?.textContent || '';
      seen.counts ||= document.querySelector('.progress')?.textContent || '';
    };
    const watcher = setInterval(watch, 100);
    const start = performance.now();
    window.__drop(files);
    await Promise.race([window.__ready(), new Promise((done) => setTimeout(done, timeoutMs))]);
    const ms = performance.now() - start;
    clearInterval(watcher);
    longTasks.push(...observer.takeRecords());
    observer.disconnect();
    const during = longTasks.filter((t) => t.startTime >= start);
    return {
      bytes,
      ms,
      // The heading counts them all; the list shows the first few hundred.
      docs: Number(/\((\d+)\)/.exec(document.querySelector('.doc-list h2')?.textContent || '')?.[1] || 0),
      state: document.body.dataset.state,
      longTasks: during.length,
      maxLongTask: Math.max(0, ...during.map((t) => t.duration)),
      heap: performance.memory ? performance.memory.usedJSHeapSize : null,
      seen,
    };
  }, {
    count: LARGE_CORPUS_FILES,
    totalBytes: LARGE_CORPUS_BYTES,
    big: LARGE_CORPUS_BIG_FILES,
    bigBytes: BIG_FILE_BYTES,
    timeoutMs: LOAD_TIMEOUT_MS,
  });
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  check(`${LARGE_CORPUS_FILES} files (${mb(bulk.bytes)}, ${LARGE_CORPUS_BIG_FILES} of them ${mb(BIG_FILE_BYTES)}) load without a long task over ${MAX_LONG_TASK_MS} ms`,
    bulk.docs === LARGE_CORPUS_FILES + 1 && bulk.state === 'ready' && bulk.maxLongTask < MAX_LONG_TASK_MS,
    `${bulk.docs - 1} documents in ${(bulk.ms / 1000).toFixed(1)} s (${(bulk.bytes / 1024 / 1024 / (bulk.ms / 1000)).toFixed(2)} MB/s); ` +
      `longest task ${bulk.maxLongTask.toFixed(0)} ms, ${bulk.longTasks} tasks over 50 ms; ` +
      `first paint of a document before: longest task ${firstPaint.toFixed(0)} ms`);
  check('loading shows counts, a progress bar and the time left',
    /Annotating \d+ of \d+/.test(bulk.seen.counts) && bulk.seen.bar && /about \d+ (s|min) left/.test(bulk.seen.timeLeft),
    `"${bulk.seen.counts}", "${bulk.seen.timeLeft}"`);
  // The documents' text lives in WebAssembly memory, outside the JS heap: both are reported.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  await cdp.detach().catch(() => {});
  const memory = await page.evaluate(() => ({
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm: window.__appWasm?.memory?.buffer.byteLength ?? null,
  }));
  check('memory after the 50 MB corpus is reported', memory.heap !== null && memory.wasm !== null,
    `JS heap ${memory.heap === null ? '?' : mb(memory.heap)} after GC (${bulk.heap === null ? '?' : mb(bulk.heap)} before); ` +
      `the app's WebAssembly memory (documents and their views) ${memory.wasm === null ? '?' : mb(memory.wasm)}`);

  // (2) Cancel: part of a large drop loads, the rest is reported as not loaded.
  await freshPage();
  await install();
  const cancelled = await page.evaluate(async ({ count, totalBytes }) => {
    const files = window.__makeCorpus({ count, totalBytes, prefix: 'cancel', seed: 7 });
    window.__drop(files);
    // Wait until some files are in, then cancel.
    await new Promise((done) => {
      const poll = () => {
        const match = /Annotating (\d+) of/.exec(document.querySelector('.progress')?.textContent || '');
        if (match && Number(match[1]) > 20) done();
        else requestAnimationFrame(poll);
      };
      poll();
    });
    const button = document.querySelector('[data-action=cancel-loading]');
    const start = performance.now();
    button?.click();
    await window.__ready();
    return {
      button: Boolean(button),
      ms: performance.now() - start,
      // The heading counts them all; the list shows the first few hundred.
      docs: Number(/\((\d+)\)/.exec(document.querySelector('.doc-list h2')?.textContent || '')?.[1] || 0),
      notLoaded: [...document.querySelectorAll('.problem')].filter((p) => /cancelled/.test(p.textContent)).length,
      note: document.querySelector('.progress')?.textContent || '',
    };
  }, { count: 600, totalBytes: 15 * 1024 * 1024 });
  check('Cancel stops loading, and every file is either loaded or reported',
    cancelled.button && cancelled.docs > 0 && cancelled.docs < 600 && cancelled.docs + cancelled.notLoaded === 600 &&
      new RegExp(`Cancelled: ${cancelled.notLoaded} files not loaded`).test(cancelled.note),
    `${cancelled.docs} loaded, ${cancelled.notLoaded} listed as not loaded, ready ${cancelled.ms.toFixed(0)} ms after the click; "${cancelled.note}"`);

  // (3) One 5 MB document.
  await freshPage();
  await install();
  const single = await page.evaluate(async ({ bytes }) => {
    const [file] = window.__makeCorpus({ count: 1, totalBytes: bytes, prefix: 'five-megabytes', seed: 5 });
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const start = performance.now();
    window.__drop([file]);
    await window.__ready();
    const ms = performance.now() - start;
    longTasks.push(...observer.takeRecords());
    observer.disconnect();
    const during = longTasks.filter((t) => t.startTime >= start);
    return {
      size: file.size,
      ms,
      maxLongTask: Math.max(0, ...during.map((t) => t.duration)),
      paragraphs: document.querySelectorAll('.text p').length,
      highlights: document.querySelectorAll('.text [data-layer]').length,
    };
  }, { bytes: LARGE_DOCUMENT_BYTES });
  check('a 5 MB document opens', single.paragraphs > 0 && single.highlights > 0,
    `${mb(single.size)} open in ${(single.ms / 1000).toFixed(1)} s; longest task on the page ${single.maxLongTask.toFixed(0)} ms`);

  // Its stored record (tens of MB) went to IndexedDB as the worker's Blob, by reference.
  const stored = await page.waitForFunction(() => new Promise((done) => {
    const open = indexedDB.open('dossier');
    open.onerror = () => done(null);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('documents').objectStore('documents').getAll();
      request.onsuccess = () => {
        db.close();
        const record = request.result.find((v) => v instanceof Blob || v?.byteLength > 1e6);
        done(record ? { blob: record instanceof Blob, size: record.size ?? record.byteLength } : null);
      };
      request.onerror = () => { db.close(); done(null); };
    };
  }), null, { timeout: 30_000, polling: 500 }).then((h) => h.jsonValue(), () => null);
  check('a large document is saved as a Blob the worker made', stored?.blob === true,
    stored ? `${mb(stored.size)} record, ${stored.blob ? 'a Blob' : 'bytes'}` : 'no record saved');

  // (4) A reload restores it, the worker reading the Blob back in pieces the page takes a
  // slice at a time. Long tasks are watched from the page's first script on.
  await page.addInitScript(() => {
    window.__restoreTasks = [];
    new PerformanceObserver((list) => window.__restoreTasks.push(...list.getEntries()))
      .observe({ type: 'longtask' });
  });
  const reloadStart = Date.now();
  await reload();
  const reloadMs = Date.now() - reloadStart;
  const restored = await page.evaluate(() => {
    const item = [...document.querySelectorAll('.doc-list li')].find((li) => /five-megabytes/.test(li.textContent));
    item?.querySelector('button, a')?.click();
    return {
      listed: Boolean(item),
      maxLongTask: Math.max(0, ...(window.__restoreTasks || []).map((t) => t.duration)),
    };
  });
  const shown = await page.waitForFunction(
    () => document.querySelectorAll('.text [data-layer]').length > 0 && document.querySelectorAll('.text p').length,
    null, { timeout: 30_000 }).then((h) => h.jsonValue(), () => 0);
  check('a saved 5 MB document is restored after a reload, with its highlights',
    restored.listed && shown > 0 && restored.maxLongTask < MAX_LONG_TASK_MS,
    `restored and ready ${(reloadMs / 1000).toFixed(1)} s after the reload; longest task on the page ${restored.maxLongTask.toFixed(0)} ms (opening the app included); ${shown} paragraphs shown`);
}
