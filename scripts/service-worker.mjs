// Trunk post-build step (run by scripts/post-build.mjs): writes into sw.js the list of the
// build's files for the service worker to keep, and a version that is a hash of their
// contents, so every build that changes a file installs a new worker and a new cache.
//
// Runs on TRUNK_STAGING_DIR (else dist/), after index.html is final: the hash covers it.
// Not kept: sw.js itself (the browser fetches it on its own) and dossier.html (the
// single-file copy of the app, for opening from disk, not used by the served app).

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const SKIPPED = new Set(['sw.js', 'dossier.html']);

export function writeServiceWorker(dir) {
  const files = listFiles(dir)
    .map((path) => relative(dir, path).split(sep).join('/'))
    .filter((name) => !SKIPPED.has(name))
    .sort();
  const hash = createHash('sha256');
  for (const name of files) {
    hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  const version = hash.digest('hex').slice(0, 16);
  // The page is asked for by its directory's address ("./", the manifest's start_url) as
  // well as by name.
  const urls = ['./', ...files.map((name) => `./${name}`)];

  const file = join(dir, 'sw.js');
  const FILES_LINE = /^const FILES = \[[^\]]*\];$/m;
  const VERSION_LINE = /^const VERSION = '[^']*';$/m;
  let script = readFileSync(file, 'utf8');
  if (!FILES_LINE.test(script) || !VERSION_LINE.test(script) || !files.includes('index.html')) {
    throw new Error(`service-worker: no FILES and VERSION lines to fill in ${file}, or no index.html in ${dir}`);
  }
  script = script
    .replace(FILES_LINE, () => `const FILES = ${JSON.stringify(urls)};`)
    .replace(VERSION_LINE, () => `const VERSION = '${version}';`);
  writeFileSync(file, script);
  console.log(`service-worker: ${urls.length} addresses kept offline, version ${version}`);
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeServiceWorker(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');
}
