import type { Database } from '@/server/db/database';
import type { SyncedRows, SyncedTable } from '@/lib/model';
import type { Draft } from '@/lib/mutations/store';
import { nextVersion, writeEntity } from '@/server/sync/sql-store';

/**
 * Writes a row straight into a team's store, as data written before a rule existed would be
 * (the mutations refuse to write it today, and the server's readability check too): for tests
 * of what the rules do with such rows.
 */
export async function writeLegacyRow<T extends SyncedTable>(db: Database, teamId: string, table: T, draft: Draft<T>): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await nextVersion(tx, teamId);
    await writeEntity(tx, teamId, table, { ...draft, teamId, version } as SyncedRows[T], version);
  });
}
