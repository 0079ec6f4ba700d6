// Annotating by hand: select → key → added as manual; click → relabel, remove, undo; the
// work survives a reload and is exported as `source: "manual"`; j/k step through highlights.

import { readFileSync } from 'node:fs';

const TEXT = 'Microsoft said analysts met Ana Petrova in Valletta after the Harbor Lantern group breached the port authority.';

/// Selects `word` in the reader's text the way a drag does, then releases the mouse.
async function selectWord(page, word) {
  return page.evaluate((word) => {
    const walker = document.createTreeWalker(document.querySelector('.text'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      node.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return true;
    }
    return false;
  }, word);
}

async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

const manualSpans = (page) => page.evaluate(() =>
  [...document.querySelectorAll('.text .ent.manual')].map((e) => `${e.dataset.label}:${e.textContent}`));

export default async function manual({ page, freshPage, reload, check, dropFiles }) {
  await freshPage();
  await dropFiles(page, [{ name: 'by-hand.txt', bytes: Buffer.from(TEXT + '\n') }]);

  // Select a name the engine does not know and press 1 (person).
  const selected = await selectWord(page, 'Ana Petrova');
  await page.waitForSelector('.annotation-bar [data-add=PERSON]');
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelector('.text .ent.manual'));
  check('selecting text and pressing 1 adds a person by hand', selected && (await manualSpans(page)).includes('PERSON:Ana Petrova'),
    (await manualSpans(page)).join(', '));

  // The toolbar's buttons do the same: a place, then an incident sentence.
  await selectWord(page, 'Valletta');
  await page.click('.annotation-bar [data-add=PLACE]');
  await page.waitForFunction(() => [...document.querySelectorAll('.text .ent.manual')].some((e) => e.textContent === 'Valletta'));
  await selectWord(page, 'Harbor Lantern');
  await page.keyboard.press('4');
  await page.waitForFunction(() => [...document.querySelectorAll('.text .ent.manual')].some((e) => e.dataset.label === 'THREAT_ACTOR'));

  // Click the place: relabel it with 2 (organisation), then remove it with Delete.
  await page.locator('.text .ent.manual', { hasText: 'Valletta' }).click();
  await page.waitForSelector('.annotation-bar.editing');
  await page.keyboard.press('2');
  const relabelled = await page.locator('.text .ent[data-label=ORG]', { hasText: 'Valletta' }).count();
  await page.keyboard.press('Delete');
  const removed = await page.locator('.text .ent', { hasText: 'Valletta' }).count();
  await page.keyboard.press('Control+z');
  const undone = await page.locator('.text .ent[data-label=ORG]', { hasText: 'Valletta' }).count();
  await page.keyboard.press('Control+Shift+z');
  const redone = await page.locator('.text .ent', { hasText: 'Valletta' }).count();
  check('a clicked highlight is relabelled and removed by key, and undo and redo work',
    relabelled === 1 && removed === 0 && undone === 1 && redone === 0,
    `relabelled ${relabelled}, removed → ${removed}, undo → ${undone}, redo → ${redone}`);

  // An automatic annotation, confirmed: it becomes manual.
  const auto = page.locator('.text .ent:not(.manual)').first();
  const autoText = await auto.textContent();
  await auto.click();
  await page.click('[data-action=confirm-annotation]');
  const confirmed = await page.locator('.text .ent.manual', { hasText: autoText }).count();
  check('confirming an automatic annotation marks it as checked by hand', confirmed >= 1, autoText);

  // A refused edit says why.
  await page.locator('.text .ent.manual', { hasText: 'Ana Petrova' }).click();
  let shrinks = 0;
  for (; shrinks < 12; shrinks++) {
    const shrink = page.locator('[data-nudge=end-earlier]:not([disabled])');
    if (!(await shrink.count())) break;
    await shrink.click();
  }
  const shrunk = await page.locator('.text .ent.manual[data-label=PERSON]').first().textContent();
  check('a span can be shrunk to one character and no further', shrunk === 'A' && shrinks > 0, `${shrinks} steps to "${shrunk}"`);
  for (let i = 0; i < shrinks; i++) await page.keyboard.press('Control+z');

  // Survives a reload, and the export says which annotations are by hand.
  await page.waitForTimeout(400);
  await reload();
  const afterReload = await manualSpans(page);
  const value = await exported(page);
  const doc = value.documents.find((d) => d.name === 'by-hand.txt');
  const manualExported = doc.annotations.filter((a) => a.source === 'manual').map((a) => `${a.layer}:${a.label || ''}:${a.text}`);
  check('hand annotations survive a reload and export as source "manual"',
    afterReload.includes('PERSON:Ana Petrova') && afterReload.includes('THREAT_ACTOR:Harbor Lantern')
      && manualExported.includes('entity:PERSON:Ana Petrova') && manualExported.includes('entity:THREAT_ACTOR:Harbor Lantern'),
    manualExported.join(' | '));

  // Dropping the same file again annotates it again but keeps the hand work.
  await dropFiles(page, [{ name: 'by-hand.txt', bytes: Buffer.from(TEXT + '\n') }]);
  const afterRerun = await manualSpans(page);
  check('annotating the same text again keeps the hand annotations', afterRerun.includes('PERSON:Ana Petrova'), afterRerun.join(', '));

  // j and k walk through the highlights.
  await page.keyboard.press('Escape');
  await page.locator('h1.doc-title').click();
  await page.keyboard.press('j');
  const first = await page.evaluate(() => document.activeElement?.dataset.ann);
  await page.keyboard.press('j');
  const second = await page.evaluate(() => document.activeElement?.dataset.ann);
  await page.keyboard.press('k');
  const back = await page.evaluate(() => document.activeElement?.dataset.ann);
  check('j and k go to the next and previous highlight', first !== undefined && second !== first && back === first,
    `${first} → ${second} → ${back}`);

  // The reader's own names apply at once to every document, persist, and can be taken back.
  await dropFiles(page, [{ name: 'second.txt', bytes: Buffer.from('A report says Harbor Lantern also hit Valletta.\n') }]);
  await page.evaluate(() => { document.querySelector('details.dictionary').open = true; });
  await page.fill('.dictionary-text', 'Harbor Lantern\tTHREAT_ACTOR\tUNC9999\nValletta, PLACE\nOops, WEAPON\n');
  await page.click('[data-action=apply-dictionary]');
  await page.locator('.doc-item', { hasText: 'second.txt' }).click();
  const applied = await page.locator('.text .ent[data-canonical=UNC9999]').count();
  const dictProblems = await page.locator('.dictionary-problems li').allTextContents();
  await page.locator('.doc-item', { hasText: 'by-hand.txt' }).click();
  const inOther = await page.locator('.text .ent[data-canonical=Valletta]').count();
  const keptManual = await page.locator('.text .ent.manual[data-label=THREAT_ACTOR]', { hasText: 'Harbor Lantern' }).count();
  await page.waitForTimeout(400);
  await reload();
  await page.locator('.doc-item', { hasText: 'second.txt' }).click();
  const afterReloadNames = await page.locator('.text .ent[data-canonical=UNC9999]').count();
  check('your own names apply to every document at once, keep hand work, report bad lines and survive a reload',
    applied === 1 && inOther === 1 && keptManual === 1 && afterReloadNames === 1 && dictProblems.length === 1 && /WEAPON/.test(dictProblems[0]),
    `applied ${applied}, in the other document ${inOther}, manual kept ${keptManual}, after reload ${afterReloadNames}; ${dictProblems.join(' | ')}`);
  await page.evaluate(() => { document.querySelector('details.dictionary').open = true; });
  await page.fill('.dictionary-text', '');
  await page.click('[data-action=apply-dictionary]');
  await page.locator('.doc-item', { hasText: 'second.txt' }).click();
  const takenBack = await page.locator('.text .ent[data-canonical=UNC9999]').count();
  check('names taken off the list lose their annotations', takenBack === 0);
}
