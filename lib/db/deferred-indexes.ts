import { z } from 'zod';
import { type ProspectRow, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { recomputeLastActivity } from './last-activity';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';
import { walkSlice } from './walk-slice';

/**
 * What a first sign-in leaves out of the rows it writes, so the device is usable and holds
 * everything sooner (docs/sync.md, "First sign-in to a large team"), and makes afterwards:
 * `lastActivity` (kept per page by lib/db/last-activity.ts: a read of every activity's old row
 * and the people's rows, and a write per person, on each page) and the people's search words
 * (`nameWords` and `searchWords`: multi-entry indexes, eleven LevelDB entries a typical person in
 * Chromium). The notes' words are no longer among them: their own table (lib/db/note-words.ts)
 * costs a few rows a page, written with the notes.
 *
 * The recent phase leaves both out; older history leaves `lastActivity` out (kept per page it
 * was a read and a write per person a page touched: ~8 s of a 100,000-row pull in Chromium).
 *
 * The backlog is a walk: `lastActivity` made again person by person (by id, from their feeds,
 * FILL_CHUNK activities a transaction), then people's words by id. Everything left out lies
 * ahead of it: a recent-phase page puts the backlog back at its start in the page's own
 * transaction, and so does the last page of older history; nothing is walked until the recent
 * phase is over. Until the backlog is gone the People search says it is still indexing, and the
 * sidebar's search of names too (`readIndexBacklog`).
 */

export const IndexBacklog = z.object({
  /**
   * The step of the walk: `lastActivity`, then people. `notes`, the last step before schema v16,
   * may still be stored: v16 listed every note's words, so the walk ends there.
   */
  table: z.enum(['lastActivity', 'prospects', 'notes']),
  /** The last id given its words (null: from the start). */
  after: z.string().nullable(),
});
export type IndexBacklog = z.infer<typeof IndexBacklog>;

/** Rows given their words, or activities read for `lastActivity`, per transaction: a pull page's size (issue 13: 5,000 wrote fastest). */
export const FILL_CHUNK = 5_000;

export function readIndexBacklog(db: TandemDB): Promise<IndexBacklog | undefined> {
  return readValidated(db, LOCAL_KEYS.indexBacklog, IndexBacklog);
}

/** Inside the transaction of a recent-phase page, which left them out: the walk starts over. */
export async function leaveIndexesForLater(db: TandemDB): Promise<void> {
  await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: { table: 'lastActivity', after: null } satisfies IndexBacklog });
}

const hasWords = (row: ProspectRow) => row.searchWords !== undefined && row.nameWords !== undefined;

/** A stored person with their search words (derived again if they have none); any other row as it is. */
export function withSearchWords(table: string, row: unknown): unknown {
  if (row === null || table !== 'prospects') return row;
  const stored = row as ProspectRow;
  return hasWords(stored) ? stored : toStoredRow('prospects', fromStoredRow('prospects', stored));
}

const moveOn = async (db: TandemDB, next: IndexBacklog | null) => {
  if (next) await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: next });
  else await db.local.delete(LOCAL_KEYS.indexBacklog);
};

/** One transaction of the walk: the next people's `lastActivity` made again, or the next FILL_CHUNK people by id, those without words given theirs. Returns whether it may go on now. */
async function fillChunk(db: TandemDB): Promise<boolean> {
  const planned = (await readIndexBacklog(db))?.table;
  if (planned === undefined) return false;
  const recomputing = planned === 'lastActivity';
  return db.transaction('rw', recomputing ? [db.activities, db.lastActivity, db.local] : [db.prospects, db.local], async () => {
    const backlog = await readIndexBacklog(db);
    if (!backlog) return false;
    // A recent page since put the walk back at its start: the next transaction takes it.
    if ((backlog.table === 'lastActivity') !== recomputing) return true;
    if (backlog.table === 'notes') {
      await moveOn(db, null);
      return false;
    }
    if (backlog.table === 'lastActivity') {
      const last = await recomputeLastActivity(db, backlog.after, FILL_CHUNK);
      await moveOn(db, last === null ? { table: 'prospects', after: null } : { table: 'lastActivity', after: last });
      return true;
    }
    // Derived from the server's rows as the pull stored them: the pull's own writes, finished.
    allowSyncedWrites('pull');
    const rows = await (backlog.after === null ? db.prospects.orderBy(':id') : db.prospects.where(':id').above(backlog.after)).limit(FILL_CHUNK).toArray();
    const missing = rows.filter((r) => !hasWords(r));
    if (missing.length > 0) await db.prospects.bulkPut(missing.map((r) => withSearchWords('prospects', r) as ProspectRow));
    const next: IndexBacklog | null = rows.length === FILL_CHUNK ? { table: 'prospects', after: rows[rows.length - 1]!.id } : null;
    await moveOn(db, next);
    return next !== null;
  });
}

/** Walks the backlog for a slice (`walkSlice`). Call only when no first sign-in is in its recent phase (lib/sync/engine.ts). */
export async function fillDeferredIndexes(db: TandemDB, sliceMs: number, now: () => number = Date.now): Promise<boolean> {
  // Most rounds have nothing to walk: that is one read, not a read-write transaction.
  if (!(await readIndexBacklog(db))) return false;
  return walkSlice(() => fillChunk(db), sliceMs, now);
}
