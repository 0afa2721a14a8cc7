import { z } from 'zod';
import { type NoteRow, type ProspectRow, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { rebuildLastActivity } from './last-activity';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';

/**
 * What a first sign-in leaves out of the rows it writes, so the device is usable and holds
 * everything sooner (docs/sync.md, "First sign-in to a large team"), and makes afterwards:
 * `lastActivity` (kept per page by lib/db/last-activity.ts: a read of every activity's old row
 * and the people's rows, and a write per person, on each page) and the search words of people
 * and notes (a person's `nameWords` and `searchWords`, a note's `words`: multi-entry indexes,
 * seven to eleven LevelDB entries a row in Chromium).
 *
 * The backlog is a walk: `lastActivity` rebuilt (one transaction), then people, then notes, each
 * by id. Everything left out lies ahead of it: a recent-phase page (which leaves out all of it)
 * puts the backlog back at its start in the page's own transaction, and nothing is walked until
 * the recent phase is over; a history page (which leaves out its notes' words only) notes a walk
 * of notes if there is none, and notes are walked only once the first sign-in is over. Until the
 * backlog is gone the People search says it is still indexing, and the sidebar's search of names
 * until people are done (`readIndexBacklog`).
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

/**
 * Inside the transaction of a page that left something out: a recent-phase page (`'recent'`)
 * starts the walk over; a history page's notes lie ahead of any walk there is, since notes are
 * not walked during a first sign-in (without one, nothing else is left out: any recent page
 * started a walk, which cannot end before the first sign-in does).
 */
export async function leaveIndexesForLater(db: TandemDB, phase: 'recent' | 'history' = 'recent'): Promise<void> {
  if (phase === 'history' && (await readIndexBacklog(db))) return;
  const start: IndexBacklog = { table: phase === 'recent' ? 'lastActivity' : 'notes', after: null };
  await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: start });
}

/** Which tables may be walked now: none during a first sign-in's recent phase, people only during its history. */
export type WalkableNow = 'none' | 'prospects' | 'all';

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
async function fillChunk(db: TandemDB, walkable: WalkableNow): Promise<boolean> {
  const planned = (await readIndexBacklog(db))?.table;
  if (planned === undefined || walkable === 'none') return false;
  const rebuilding = planned === 'lastActivity';
  return db.transaction('rw', rebuilding ? [db.activities, db.lastActivity, db.local] : [db.prospects, db.notes, db.local], async () => {
    const backlog = await readIndexBacklog(db);
    if (!backlog || (backlog.table === 'notes' && walkable !== 'all')) return false;
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

/**
 * Gives the rows left without words theirs for about `sliceMs` (one transaction at least), so
 * a sync round goes on to pushes and pulls soon, walking only what `walkable` allows. Returns
 * whether more may be walked now (another slice should follow).
 */
export async function fillDeferredIndexes(db: TandemDB, walkable: WalkableNow, sliceMs: number, now: () => number = Date.now): Promise<boolean> {
  // Most rounds have nothing to walk: that is one read, not a read-write transaction.
  if (walkable === 'none' || !(await readIndexBacklog(db))) return false;
  const started = now();
  for (;;) {
    const left = await fillChunk(db, walkable);
    if (!left || now() - started >= sliceMs) return left;
  }
}
