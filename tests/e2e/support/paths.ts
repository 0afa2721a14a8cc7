import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
/** Saved real pages, shared with other projects: read in place, never copied or edited. */
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures');
export const OWN_FIXTURES = path.join(REPO_ROOT, 'tests/fixtures');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-results');
export const DOCS_DIR = path.join(REPO_ROOT, 'docs');
