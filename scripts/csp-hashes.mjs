// Trunk post-build step (run by scripts/post-build.mjs): allows the inline scripts Trunk
// wrote into index.html by their sha256, in the page's Content-Security-Policy
// (script-src), instead of 'unsafe-inline'.
//
// Works on TRUNK_STAGING_DIR/index.html (else dist/index.html); it can also be given an
// index.html path.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/// The CSP source allowing an inline script or style with exactly this text.
export function hashSource(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function allowInlineScripts(file) {
  let html = readFileSync(file, 'utf8');

  // Inline scripts: a <script> without src, and its exact text (the hash covers every byte).
  const hashes = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1]) || match[2].length === 0) continue;
    hashes.push(hashSource(match[2]));
  }

  let replaced = false;
  html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src\s+)([^;"]*)/i, (_, head, sources) => {
    replaced = true;
    const kept = sources.split(/\s+/).filter((s) => s && !s.startsWith("'sha256-"));
    return head + [...kept, ...hashes].join(' ');
  });
  if (!replaced) {
    throw new Error(`csp-hashes: no Content-Security-Policy with script-src in ${file}`);
  }
  writeFileSync(file, html);
  console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  allowInlineScripts(process.argv[2] || join(process.env.TRUNK_STAGING_DIR || 'dist', 'index.html'));
}
