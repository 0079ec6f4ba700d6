// Reading comfort and access: text contrast of at least 4.5:1 (WCAG AA) in the light and
// the dark scheme, on every kind of text the workspace shows; every control has a name a
// screen reader can say.

/// In the page: the worst text contrast over the visible text elements, with a sample of
/// the failures. Backgrounds are composited up the ancestors, as the eye sees them.
function auditContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = '1'] = m[1].split(',').map((x) => x.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    let color = [255, 255, 255, 1];
    const root = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (root[3] > 0) color = over(root, color);
    for (const layer of layers.reverse()) if (layer[3] > 0) color = over(layer, color);
    return color;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const failures = [];
  let worst = Infinity;
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest('[aria-hidden=true], .visually-hidden, option, noscript')) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height || getComputedStyle(el).visibility === 'hidden') continue;
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const r = ratio(fg, bg);
    // Disabled controls are exempt in WCAG 1.4.3.
    if (el.closest(':disabled')) continue;
    checked++;
    worst = Math.min(worst, r);
    if (r < 4.5) failures.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent.trim().slice(0, 20)}" ${r.toFixed(2)}`);
  }
  return { checked, worst, failures: [...new Set(failures)].slice(0, 8) };
}

function auditNames() {
  const unnamed = [];
  for (const el of document.querySelectorAll('button, input, select, textarea, a[href]')) {
    if (el.type === 'hidden') continue;
    const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.title
      || (el.labels && el.labels.length) || el.textContent.trim() || el.placeholder;
    if (!labelled) unnamed.push(el.outerHTML.slice(0, 80));
  }
  return unnamed;
}

export default async function access({ page, freshPage, check, waitReady }) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await freshPage();
    const empty = await page.evaluate(auditContrast);
    await page.click('[data-action=load-samples]');
    await waitReady(page);
    // A pledge card focused shows the popover; a selection shows the annotation bar.
    await page.locator('.event-card').first().click();
    const reading = await page.evaluate(auditContrast);
    await page.click('[data-view=events]');
    const table = await page.evaluate(auditContrast);
    await page.click('[data-view=reader]');
    await page.click('[data-scope=corpus]');
    const corpus = await page.evaluate(auditContrast);
    await page.click('[data-scope=document]');
    const all = [empty, reading, table, corpus];
    const worst = Math.min(...all.map((a) => a.worst));
    const failures = all.flatMap((a) => a.failures);
    check(`text contrast is at least 4.5:1 in the ${scheme} scheme`, failures.length === 0,
      `${all.reduce((n, a) => n + a.checked, 0)} text elements, worst ${worst.toFixed(2)}:1${failures.length ? ' — ' + failures.join('; ') : ''}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const unnamed = await page.evaluate(auditNames);
  check('every button, field and link has a name for screen readers', unnamed.length === 0, unnamed.slice(0, 5).join(' | ') || 'all named');
}
