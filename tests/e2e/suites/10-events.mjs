// Events and entities across documents: incident and pledge cards in the sidebar, the
// structure of a sentence on hover and on focus, the corpus-wide Events table (sorting,
// filtering, opening a row), and entities grouped by canonical name over all documents.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default async function events({ page, freshPage, check, waitReady, ROOT, CLI }) {
  // What the command-line tool finds in the samples is what the app must list.
  const cli = spawnSync(CLI, ['annotate', join(ROOT, 'samples')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const expected = JSON.parse(cli.stdout);
  const count = (layer) => expected.documents.flatMap((d) => d.annotations).filter((a) => a.layer === layer).length;
  const nIncidents = count('incident');
  const nPledges = count('pledge');

  await freshPage();
  await page.click('[data-action=load-samples]');
  await waitReady(page);

  // Cards: every sentence of the selected document, with its type and who → whom.
  const firstDoc = expected.documents[0];
  await page.locator('.doc-item', { hasText: firstDoc.name }).click();
  const cards = await page.evaluate(() =>
    [...document.querySelectorAll('.event-card')].map((card) => ({
      layer: card.dataset.layerItem,
      kind: card.querySelector('.card-kind')?.textContent || '',
      headline: card.querySelector('.card-headline')?.textContent || '',
    })),
  );
  const docEvents = firstDoc.annotations.filter((a) => a.layer !== 'entity');
  const withHeadline = cards.filter((c) => c.headline.includes('→'));
  check('incident and pledge cards list each event sentence of the document',
    cards.length === docEvents.length && cards.every((c) => c.kind) && withHeadline.length > 0,
    `${cards.length} cards (${withHeadline.length} with actor → target), e.g. "${withHeadline[0]?.headline}"`);

  // Hovering a highlighted sentence shows its structure.
  await page.locator('.text .sent-incident').first().hover();
  const hovered = await page.waitForSelector('.event-popover dt', { timeout: 5000 }).then(
    () => page.evaluate(() => ({
      title: document.querySelector('.event-popover .popover-title')?.textContent,
      fields: [...document.querySelectorAll('.event-popover dt')].map((dt) => dt.textContent),
    })),
    () => null,
  );
  check('hovering an incident sentence shows its event', hovered?.title === 'Cyber incident' && hovered.fields.includes('type'),
    hovered ? hovered.fields.join(', ') : 'no popover');
  await page.mouse.move(0, 0);
  const goneAfterLeave = await page.waitForFunction(() => !document.querySelector('.event-popover'), null, { timeout: 5000 })
    .then(() => true, () => false);
  check('the popover goes away when the pointer leaves the text', goneAfterLeave);

  // Clicking a pledge card focuses its sentence, and focus shows the structure too.
  await page.locator('.event-card[data-layer-item=pledge]').first().click();
  const focused = await page.waitForSelector('.event-popover .popover-title', { timeout: 5000 }).then(
    () => page.evaluate(() => ({
      active: document.activeElement?.dataset.layer,
      titles: [...document.querySelectorAll('.event-popover .popover-title')].map((t) => t.textContent),
      live: document.querySelector('.event-popover')?.getAttribute('aria-live'),
    })),
    () => null,
  );
  check('focusing a pledge sentence from its card shows its event to screen readers too',
    focused?.active === 'pledge' && focused.titles.includes('Diplomatic pledge') && focused.live === 'polite',
    JSON.stringify(focused));

  // The Events table: every incident and pledge of every document.
  await page.click('[data-view=events]');
  await page.waitForSelector('.events-table');
  const rowCount = () => page.locator('.events-table tbody tr').count();
  const allRows = await rowCount();
  check('the Events table lists every incident and pledge of all documents', allRows === nIncidents + nPledges,
    `${allRows} rows; the CLI finds ${nIncidents} incidents and ${nPledges} pledges`);

  // Sorting by actor: ascending, then descending on a second click, empty cells last.
  const actorColumn = await page.evaluate(() =>
    [...document.querySelectorAll('.events-table thead th')].findIndex((th) => th.textContent.trim() === 'Actor'));
  const actors = () => page.evaluate((i) =>
    [...document.querySelectorAll('.events-table tbody tr')].map((tr) => tr.children[i].textContent), actorColumn);
  await page.click('.sort-button[data-column=Actor]');
  const ascending = await actors();
  await page.click('.sort-button[data-column=Actor]');
  const descending = await actors();
  const sortState = await page.getAttribute('.events-table th:nth-child(' + (actorColumn + 1) + ')', 'aria-sort');
  const named = (list) => list.filter(Boolean);
  const isSorted = (list, dir) => list.every((v, i) => i === 0 || dir * list[i - 1].toLowerCase().localeCompare(v.toLowerCase(), 'en') <= 0);
  check('sorting by actor goes up, then down, with unnamed actors last',
    isSorted(named(ascending), 1) && isSorted(named(descending), -1) && sortState === 'descending'
      && named(ascending).length > 0 && ascending.at(-1) === descending.at(-1),
    `first ${named(ascending)[0]} … ${named(descending)[0]}`);

  // Filtering by layer, type, document and words.
  await page.selectOption('.events-layer', 'pledge');
  const pledgeRows = await rowCount();
  const onlyPledges = await page.evaluate(() => [...document.querySelectorAll('.events-table tbody tr')].every((tr) => tr.dataset.layerRow === 'pledge'));
  await page.selectOption('.events-layer', '');
  await page.selectOption('.events-doc', firstDoc.name);
  const docRows = await rowCount();
  await page.selectOption('.events-doc', '');
  const kind = (await page.locator('.events-kind option').nth(1).getAttribute('value')) || '';
  await page.selectOption('.events-kind', kind);
  const kindRows = await page.evaluate(() => [...document.querySelectorAll('.events-table tbody tr')].length);
  const expectedKind = expected.documents.flatMap((d) => d.annotations)
    .filter((a) => a.event && (a.layer === 'incident' ? a.event.category : a.event.plover) === kind).length;
  await page.selectOption('.events-kind', '');
  await page.fill('.events-query', 'Microsoft');
  const wordRows = await rowCount();
  const status = await page.textContent('.events-count');
  check('the table filters by layer, document, type and words',
    pledgeRows === nPledges && onlyPledges && docRows === docEvents.length && kindRows === expectedKind
      && wordRows > 0 && wordRows < allRows && status.startsWith(`${wordRows} of ${allRows}`),
    `pledges ${pledgeRows}, ${firstDoc.name} ${docRows}, "${kind}" ${kindRows}, "Microsoft" ${wordRows}`);

  // A row opens its sentence in its document.
  const rowDoc = await page.locator('.events-table tbody tr').first().locator('td').first().textContent();
  await page.locator('.events-table .open-event').first().click();
  await page.waitForSelector('.reader .text');
  const opened = await page.evaluate(() => ({
    selected: document.querySelector('.doc-item.selected .doc-name')?.textContent,
    active: document.activeElement?.dataset.layer,
  }));
  await page.fill('.events-query', '').catch(() => {});
  check('a table row opens its sentence in the reader', opened.selected === rowDoc && ['incident', 'pledge'].includes(opened.active),
    JSON.stringify(opened));

  // Entities over all documents: one entry per canonical name, with names in other
  // languages and the documents that mention it.
  await page.click('[data-scope=corpus]');
  const entry = page.locator('.corpus-entity', { has: page.locator('.entity-name', { hasText: /^China$/ }) });
  const otherNames = await entry.locator('.other-names bdi').allTextContents();
  await entry.locator('.entity-item').click();
  const docsListed = await entry.locator('.mention-doc').count();
  const expectedDocs = expected.documents.filter((d) => d.annotations.some((a) => a.layer === 'entity' && a.canonical === 'China')).length;
  check('all documents: China is one entry, with its other-language names and the documents that mention it',
    docsListed === expectedDocs && otherNames.includes('الصين') && otherNames.includes('中国'),
    `${docsListed} documents; names ${otherNames.slice(0, 6).join(' · ')}`);
  const target = await entry.locator('.mention-doc .doc-name').last().textContent();
  await entry.locator('.mention-doc').last().click();
  const went = await page.evaluate(() => ({
    selected: document.querySelector('.doc-item.selected .doc-name')?.textContent,
    canonical: document.activeElement?.dataset.canonical,
  }));
  check('a document in that list opens at the entity\'s first mention', went.selected === target && went.canonical === 'China',
    JSON.stringify(went));
  await page.click('[data-scope=document]');

  // Corpus tools: the Arabic sample is a translation of an English one and is linked to
  // it, side by side; the search finds documents by words and by entities.
  const arabic = expected.documents.find((d) => d.lang === 'ar');
  await page.locator('.doc-item', { hasText: arabic.name }).click();
  const sameStory = await page.locator('.same-story li').allTextContents();
  await page.click('[data-action=side-by-side]');
  const beside = await page.evaluate(() => ({
    pane: document.querySelector('.compare-pane .doc-name')?.textContent,
    highlights: document.querySelectorAll('.compare-pane [data-layer]').length,
    duplicateIds: document.querySelectorAll('.compare-pane [id]').length,
  }));
  check('the Arabic translation is linked to its English original and shown side by side',
    sameStory.length === 1 && beside.pane && sameStory[0].startsWith(beside.pane) && beside.highlights > 0 && beside.duplicateIds === 0,
    `${sameStory.join(' | ')}; beside: ${JSON.stringify(beside)}`);
  await page.click('[data-action=stop-compare]');

  await page.fill('.doc-search', 'Wang Yi');
  const found = await page.locator('.doc-item').count();
  const expectedFound = expected.documents.filter((d) =>
    d.text.toLowerCase().includes('wang') && d.text.toLowerCase().includes('yi')
      || d.annotations.some((a) => a.canonical && a.canonical.toLowerCase().includes('wang yi'))).length;
  const heading = await page.textContent('.doc-list h2');
  await page.fill('.doc-search', '');
  check('searching the documents finds them by text and by entity, in any script',
    found === expectedFound && found >= 2 && heading.includes(`${found} of ${expected.documents.length}`),
    `${found} documents: ${heading}`);
}
