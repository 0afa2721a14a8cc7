import { openAsBlob } from 'node:fs';
import { ulid } from 'ulidx';
import { inject } from 'vitest';
import type { Database } from '@/server/db/database';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';
import { openPostgres } from '@/server/db/postgres';
import { rotateEpoch } from '@/server/sync/epoch';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

/** A fresh database of the kind (in-memory PGlite, or a new database on the run's Postgres), migrated. */
export async function freshDatabase(kind: DatabaseKind, { migrated = true } = {}): Promise<Database> {
  let db: Database;
  if (kind === 'pglite') {
    // A copy of the run's new database (global-setup.ts): initdb for each would take seconds.
    db = await openPglite(undefined, { from: await openAsBlob(inject(migrated ? 'pgliteMigrated' : 'pgliteEmpty')) });
    if (migrated) await rotateEpoch(db);
  } else {
    const url = new URL(inject('postgresUrl'));
    const name = `t_${ulid().toLowerCase()}`;
    const admin = openPostgres(url.href, { max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    url.pathname = `/${name}`;
    db = openPostgres(url.href, { max: 20 });
  }
  if (migrated) await migrate(db);
  return db;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${database}`;
  return url.href;
}
