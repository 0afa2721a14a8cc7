import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '@/server/db/migrate';
import { openPglite, pgliteDatabase } from '@/server/db/pglite';

/*
 * PGlite databases made once per test run and copied for every database a test opens. PGlite
 * runs initdb in WebAssembly for each new database: 5–13 s of CPU on these machines, where
 * loading a copy takes one or two. A migrated copy starts from the schema the migrations build,
 * so `migrate` on it is a no-op; the migrations' own tests start from the empty one. Copies share
 * the template's sync epoch, so each user of one rotates it (`rotateEpoch`), as a new server has
 * its own: a device moving between two test servers must see them as different servers.
 */

export interface Template {
  path: string;
  remove: () => void;
}

function tempRoot(): { root: string; remove: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-pglite-template-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A migrated data folder, to copy to a server's `<TANDEM_DATA_DIR>/pglite`. */
export async function migratedPgliteFolder(): Promise<Template> {
  const { root, remove } = tempRoot();
  const folder = path.join(root, 'pglite');
  const db = await openPglite(folder);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return { path: folder, remove };
}

/** Tarballs of a new database, empty and migrated, for `openPglite(undefined, { from })` in memory. */
export async function pgliteTarballs(): Promise<{ empty: string; migrated: string; remove: () => void }> {
  const { root, remove } = tempRoot();
  const empty = path.join(root, 'empty.tar');
  const migrated = path.join(root, 'migrated.tar');
  const pg = await PGlite.create();
  const dump = async (file: string) => writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
  try {
    await dump(empty);
    await migrate(pgliteDatabase(pg));
    await dump(migrated);
  } finally {
    await pg.close();
  }
  return { empty, migrated, remove };
}
