import { z } from 'zod';
import { type ActivityRow, type TandemDB, toActivityRow } from './database';
import { FILL_CHUNK } from './deferred-indexes';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';
import { walkSlice } from './walk-slice';

/**
 * The activities stored before schema v15 that are still to be walked for `tombstoneOf` (the
 * index of undone activities: lib/db/database.ts). The upgrade leaves them for later rather than
 * read a large team's million activities while the database is closed to everything else; the
 * walk goes by id, FILL_CHUNK rows a transaction, in the background. Until it is done the guard
 * counts outreach from the rows themselves (`guardActivitiesFor`).
 */
export const TombstoneBacklog = z.object({
  /** The last activity id walked (null: from the start). */
  after: z.string().nullable(),
});
export type TombstoneBacklog = z.infer<typeof TombstoneBacklog>;

export function readTombstoneBacklog(db: TandemDB): Promise<TombstoneBacklog | undefined> {
  return readValidated(db, LOCAL_KEYS.tombstoneBacklog, TombstoneBacklog);
}

/** One transaction of the walk. Returns whether any is left. */
async function walkChunk(db: TandemDB): Promise<boolean> {
  return db.transaction('rw', db.activities, db.local, async () => {
    const backlog = await readTombstoneBacklog(db);
    if (!backlog) return false;
    const rows: ActivityRow[] = await (backlog.after === null ? db.activities.orderBy(':id') : db.activities.where(':id').above(backlog.after)).limit(FILL_CHUNK).toArray();
    const missing = rows.filter((a) => a.deletedAt !== null && a.tombstoneOf === undefined);
    // Derived from the rows as stored: the pull's own writes, finished.
    allowSyncedWrites('pull');
    if (missing.length > 0) await db.activities.bulkPut(missing.map(toActivityRow));
    if (rows.length < FILL_CHUNK) await db.local.delete(LOCAL_KEYS.tombstoneBacklog);
    else await db.local.put({ key: LOCAL_KEYS.tombstoneBacklog, value: { after: rows[rows.length - 1]!.id } satisfies TombstoneBacklog });
    return rows.length === FILL_CHUNK;
  });
}

/** Walks for a slice (`walkSlice`); most rounds have nothing to walk: one read. */
export async function fillTombstoneIndex(db: TandemDB, sliceMs: number, now: () => number = Date.now): Promise<boolean> {
  if (!(await readTombstoneBacklog(db))) return false;
  return walkSlice(() => walkChunk(db), sliceMs, now);
}
