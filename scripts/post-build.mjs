// Trunk post-build hook (Trunk.toml). Trunk starts all hooks of a stage at once, and these
// steps depend on each other, so one hook runs them in order on the staging directory:
//
// 1. csp-hashes.mjs      allows Trunk's inline start-up script by its hash in index.html's CSP;
// 2. single-file.mjs     writes dossier.html, the whole app in one file for opening from disk;
// 3. service-worker.mjs  lists the final files, with a hash of their contents, in sw.js.

import { join } from 'node:path';
import { allowInlineScripts } from './csp-hashes.mjs';
import { writeSingleFile } from './single-file.mjs';
import { writeServiceWorker } from './service-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
try {
  allowInlineScripts(join(dir, 'index.html'));
  writeSingleFile(dir);
  writeServiceWorker(dir);
} catch (err) {
  console.error(String(err && err.message ? err.message : err));
  process.exit(1);
}
