import path from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { makePrivate, privateFolder } from './private-folder';

export interface DatabaseConfig {
  /** Set: real Postgres. Unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase({ databaseUrl, dataDir }: DatabaseConfig): Promise<Database> {
  let db: Database;
  if (databaseUrl) {
    db = openPostgres(databaseUrl);
  } else {
    privateFolder(dataDir);
    db = await openPglite(path.join(dataDir, 'pglite'));
    makePrivate(dataDir);
  }
  await migrate(db);
  return db;
}
