import { z } from 'zod';
import { type NoteRow, type ProspectRow, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { rebuildLastActivity } from './last-activity';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';
import { walkSlice } from './walk-slice';

/**
 * What a first sign-in leaves out of the rows it writes, so the device is usable and holds
 * everything sooner (docs/sync.md, "First sign-in to a large team"), and makes afterwards:
 * `lastActivity` (kept per page by lib/db/last-activity.ts: a read of every activity's old row
 * and the people's rows, and a write per person, on each page) and the search words of people
 * and notes (a person's `nameWords` and `searchWords`, a note's `words`: multi-entry indexes,
 * seven to eleven LevelDB entries a row in Chromium).
 *
 * Only the recent phase leaves them out: older history comes with its words and `lastActivity`
 * kept, as any later page (the walk rewrites each row it gives words to, which costs more than
 * the words alone, so leaving them out of history made it pulled sooner but done later).
 *
 * The backlog is a walk: `lastActivity` rebuilt (one transaction), then people, then notes, each
 * by id. Everything left out lies ahead of it: a recent-phase page puts the backlog back at its
 * start in the page's own transaction, and nothing is walked until the recent phase is over.
 * Until the backlog is gone the People search says it is still indexing, and the sidebar's search
 * of names until people are done (`readIndexBacklog`).
 */
const WORD_TABLES = ['prospects', 'notes'] as const;
type WordTable = (typeof WORD_TABLES)[number];

export const IndexBacklog = z.object({
  /** The step of the walk: `lastActivity`, then people (found by their own words soonest), then notes. */
  table: z.enum(['lastActivity', ...WORD_TABLES]),
  /** The last id given its words (null: from the start). */
  after: z.string().nullable(),
});
export type IndexBacklog = z.infer<typeof IndexBacklog>;

/** Rows given their words per transaction: a pull page's size (issue 13: 5,000 wrote fastest). */
export const FILL_CHUNK = 5_000;

export function readIndexBacklog(db: TandemDB): Promise<IndexBacklog | undefined> {
  return readValidated(db, LOCAL_KEYS.indexBacklog, IndexBacklog);
}

/** Inside the transaction of a recent-phase page, which left them out: the walk starts over. */
export async function leaveIndexesForLater(db: TandemDB): Promise<void> {
  await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: { table: 'lastActivity', after: null } satisfies IndexBacklog });
}

const hasWords = (table: WordTable, row: ProspectRow | NoteRow) =>
  table === 'prospects' ? (row as ProspectRow).searchWords !== undefined && (row as ProspectRow).nameWords !== undefined : (row as NoteRow).words !== undefined;

/** A stored person or note with its search words (derived again if it has none); any other row as it is. */
export function withSearchWords(table: string, row: unknown): unknown {
  if (row === null || !(WORD_TABLES as readonly string[]).includes(table)) return row;
  const t = table as WordTable;
  const stored = row as ProspectRow | NoteRow;
  return hasWords(t, stored) ? stored : toStoredRow(t, fromStoredRow(t, stored as never));
}

const moveOn = async (db: TandemDB, next: IndexBacklog | null) => {
  if (next) await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: next });
  else await db.local.delete(LOCAL_KEYS.indexBacklog);
};

/** One transaction of the walk: `lastActivity` rebuilt, or the next FILL_CHUNK rows by id, those without words given theirs. Returns whether it may go on now. */
async function fillChunk(db: TandemDB): Promise<boolean> {
  const planned = (await readIndexBacklog(db))?.table;
  if (planned === undefined) return false;
  const rebuilding = planned === 'lastActivity';
  return db.transaction('rw', rebuilding ? [db.activities, db.lastActivity, db.local] : [db.prospects, db.notes, db.local], async () => {
    const backlog = await readIndexBacklog(db);
    if (!backlog) return false;
    // A recent page since put the walk back at its start: the next transaction takes it.
    if ((backlog.table === 'lastActivity') !== rebuilding) return true;
    if (backlog.table === 'lastActivity') {
      await rebuildLastActivity(db);
      await moveOn(db, { table: 'prospects', after: null });
      return true;
    }
    const words: WordTable = backlog.table;
    // Derived from the server's rows as the pull stored them: the pull's own writes, finished.
    allowSyncedWrites('pull');
    const table = db.table(words);
    const rows = (await (backlog.after === null ? table.orderBy(':id') : table.where(':id').above(backlog.after)).limit(FILL_CHUNK).toArray()) as (ProspectRow | NoteRow)[];
    const missing = rows.filter((r) => !hasWords(words, r));
    if (missing.length > 0) await table.bulkPut(missing.map((r) => withSearchWords(words, r)));
    const next: IndexBacklog | null = rows.length === FILL_CHUNK ? { table: words, after: rows[rows.length - 1]!.id } : words === 'prospects' ? { table: 'notes', after: null } : null;
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
