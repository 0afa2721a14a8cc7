import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';

/**
 * A migrated PGlite, made once per test run and copied for every server a test starts. PGlite
 * runs initdb in WebAssembly on every new database: 5–13 s of CPU on these machines, where
 * reopening a copy takes about one. The copies start from the schema the migrations build, so
 * `migrate` on them is a no-op; tests of the migrations themselves start from an empty database.
 */
export interface PgliteTemplate {
  /** A data folder to copy to a server's `<TANDEM_DATA_DIR>/pglite`. */
  folder: string;
  /** The same database as a tarball, for `PGlite.create({ loadDataDir })` in memory. */
  tarball: string;
  remove(): void;
}

export async function makePgliteTemplate(): Promise<PgliteTemplate> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-pglite-template-'));
  const folder = path.join(root, 'pglite');
  const tarball = path.join(root, 'pglite.tar');
  const db = await openPglite(folder);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  // Dumped from the closed folder, so the tarball is the folder exactly.
  const reopened = await PGlite.create(folder);
  try {
    writeFileSync(tarball, Buffer.from(await (await reopened.dumpDataDir('none')).arrayBuffer()));
  } finally {
    await reopened.close();
  }
  return { folder, tarball, remove: () => rmSync(root, { recursive: true, force: true }) };
}
