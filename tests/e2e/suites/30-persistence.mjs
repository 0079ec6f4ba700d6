// The workspace survives a reload; a damaged saved record, a full storage quota, a browser
// that refuses storage and a database deleted from another tab each give a clear message,
// and what is in memory can still be exported.

import { readFileSync } from 'node:fs';

async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
  return readFileSync(await download.path());
}

export default async function persistence({ page, context, origin, reload, freshPage, clearWorkspace, check, dropFiles, waitReady, TIMEOUT_MS }) {
  await freshPage();
  await page.click('[data-action=load-samples]');
  await waitReady(page);
  await page.locator('.doc-item').nth(2).click();
  const chosen = await page.textContent('.doc-item.selected .doc-name');
  await page.click('[data-scope=corpus]');
  await page.locator('.legend input[type=checkbox]').first().uncheck();
  const before = await exportJson(page);

  // Saving happens after each change; give the last one a moment to commit.
  await page.waitForTimeout(500);
  await reload();
  const after = await exportJson(page);
  const restored = await page.evaluate(() => ({
    docs: document.querySelectorAll('.doc-item').length,
    selected: document.querySelector('.doc-item.selected .doc-name')?.textContent,
    scope: document.querySelector('.scope-tab[aria-pressed=true]')?.dataset.scope,
    entityLayerOn: document.querySelector('.legend input[type=checkbox]')?.checked,
    highlights: document.querySelectorAll('.text [data-layer]').length,
  }));
  check('the workspace and settings survive a reload', after.equals(before) && restored.docs === 5
    && restored.selected === chosen && restored.scope === 'corpus' && restored.entityLayerOn === false && restored.highlights > 0,
    `${after.length} bytes exported after reload, identical: ${after.equals(before)}; ${JSON.stringify(restored)}`);
  await page.locator('.legend input[type=checkbox]').first().check();
  await page.click('[data-scope=document]');

  // Damaged records, in the old form (a string) and in the worker's (a Blob): each is
  // named, and the other documents are restored.
  const damagedNames = await page.evaluate(() => new Promise((done, fail) => {
    const open = indexedDB.open('dossier');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('documents', 'readwrite');
      const store = tx.objectStore('documents');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        const [first, second] = keys.result;
        const binary = values.result.filter((v) => v instanceof Blob || v instanceof Uint8Array).length;
        store.put('{"format":"dossier-annotations","version":1,"documents":[{"name":', first);
        store.put(new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x7b])]), second);
        tx.oncomplete = () => { db.close(); done({ names: [first, second], binary, total: values.result.length }); };
      };
    };
  }));
  check('saved records are the worker\'s UTF-8 bytes or Blobs, not strings encoded on the page',
    damagedNames.binary === damagedNames.total && damagedNames.total === 5,
    `${damagedNames.binary} of ${damagedNames.total} records are bytes or Blobs`);
  await reload();
  const damaged = await page.evaluate(() => ({
    docs: [...document.querySelectorAll('.doc-item .doc-name')].map((e) => e.textContent),
    notes: [...document.querySelectorAll('.restore-problem')].map((e) => e.textContent),
  }));
  check('damaged saved documents (a string and a Blob) are named and the others are restored',
    damaged.docs.length === 3 && damagedNames.names.every((name) => !damaged.docs.includes(name))
      && damaged.notes.length === 2
      && damagedNames.names.every((name) => damaged.notes.some((n) => n.includes(name) && n.includes('damaged'))),
    damaged.notes.join(' | '));
  await page.click('[data-action=dismiss-restore-problems]');

  // A full quota: the page says so, offers the export, and keeps the document in memory.
  await page.evaluate(() => {
    window.__realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await dropFiles(page, [{ name: 'quota-test.txt', bytes: Buffer.from('Hackers linked to APT28 breached the Bundestag network in Berlin.') }]);
  const warning = await page.waitForSelector('.storage-warning', { timeout: 5000 }).then(
    () => page.textContent('.storage-warning'), () => '');
  const inMemory = await page.locator('.doc-item', { hasText: 'quota-test.txt' }).count();
  const offered = await page.locator('[data-action=export-unsaved]').count();
  let exportedUnsaved = false;
  if (offered) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-unsaved]')]);
    exportedUnsaved = JSON.parse(readFileSync(await download.path(), 'utf8')).documents.some((d) => d.name === 'quota-test.txt');
  }
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
  check('a full storage quota is reported and the unsaved work can be exported',
    /full/.test(warning) && inMemory === 1 && exportedUnsaved, warning.trim());
  // Saving works again at the next change (choosing another document), and the warning goes.
  await page.locator('.doc-item:not(.selected)').first().click();
  const recovered = await page.waitForFunction(() => !document.querySelector('.storage-warning'), null, { timeout: 5000 })
    .then(() => true, () => false);
  check('the warning goes once saving works again', recovered);

  // A browser that refuses storage (a private window): said at once, and the app still works.
  const refused = await context.newPage();
  try {
    await refused.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('Storage is disabled.', 'SecurityError');
      };
    });
    await refused.goto(origin + '/', { waitUntil: 'load' });
    await waitReady(refused);
    const message = await refused.textContent('.storage-warning').catch(() => '');
    await refused.click('[data-action=load-samples]');
    await waitReady(refused);
    const docs = await refused.locator('.doc-item').count();
    check('a browser that refuses storage gets a clear message and the app still works',
      /private window/.test(message) && docs === 5, message.trim());
  } finally {
    await refused.close();
  }

  // Another tab deletes the saved workspace: this tab lets it, and says saving stopped.
  const other = await context.newPage();
  try {
    await other.goto(origin + '/', { waitUntil: 'load' });
    await waitReady(other);
    await other.evaluate(() => new Promise((done) => {
      const request = indexedDB.deleteDatabase('dossier');
      request.onsuccess = request.onerror = request.onblocked = () => done();
    }));
  } finally {
    await other.close();
  }
  const lost = await page.waitForSelector('.storage-warning', { timeout: TIMEOUT_MS }).then(
    () => page.textContent('.storage-warning'), () => '');
  check('deleting the workspace from another tab is not blocked, and this tab says it no longer saves',
    /another tab/.test(lost), lost.trim());

  // Clearing the workspace also clears what is kept on the device.
  await freshPage();
  await page.click('[data-action=load-samples]');
  await waitReady(page);
  await clearWorkspace(page);
  await page.waitForTimeout(300);
  await reload();
  const afterClear = await page.locator('.empty-state').count();
  check('a cleared workspace stays empty after a reload', afterClear === 1);
}
