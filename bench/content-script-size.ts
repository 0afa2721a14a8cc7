// Budget: the content script is at most 30 KB minified (React and Dexie live in the sidebar page).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../tests/e2e/support/paths';

const dir = path.join(EXTENSION_DIR, 'content-scripts');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const bytes = statSync(path.join(dir, file)).size;
  const gzip = gzipSync(new Uint8Array(readFileSync(path.join(dir, file)))).length;
  console.log(JSON.stringify({ bench: 'content-script-size', file, bytes, kb: +(bytes / 1024).toFixed(1), gzipKb: +(gzip / 1024).toFixed(1), budgetKb: 30, withinBudget: bytes <= 30 * 1024 }));
}
