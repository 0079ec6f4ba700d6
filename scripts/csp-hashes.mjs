// Trunk post-build hook: allows the inline scripts Trunk wrote into index.html by their
// sha256, in the page's Content-Security-Policy (script-src), instead of 'unsafe-inline'.
//
// Trunk runs it with TRUNK_STAGING_DIR set; it can also be given an index.html path.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2] || join(process.env.TRUNK_STAGING_DIR || 'dist', 'index.html');
let html = readFileSync(file, 'utf8');

// Inline scripts: a <script> without src, and its exact text (the hash covers every byte).
const hashes = [];
for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\ssrc\s*=/i.test(match[1]) || match[2].length === 0) continue;
  hashes.push(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
}

let replaced = false;
html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src\s+)([^;"]*)/i, (_, head, sources) => {
  replaced = true;
  const kept = sources.split(/\s+/).filter((s) => s && !s.startsWith("'sha256-"));
  return head + [...kept, ...hashes].join(' ');
});
if (!replaced) {
  console.error(`csp-hashes: no Content-Security-Policy with script-src in ${file}`);
  process.exit(1);
}
writeFileSync(file, html);
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
