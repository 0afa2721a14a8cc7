import { z } from 'zod';
import { type NoteRow, type ProspectRow, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';

/**
 * The search words of people and notes (a person's `nameWords` and `searchWords`, a note's
 * `words`: multi-entry indexes, seven to eleven LevelDB entries a row in Chromium) left out while a first sign-in writes the
 * team's rows, so the device is usable and holds everything sooner (docs/sync.md, "First sign-in
 * to a large team"), and filled in afterwards by walking each table by id.
 *
 * Every row without words lies ahead of the walk: a recent-phase page (people and notes) puts the
 * backlog back at the start of people in its own transaction, and people are walked only once
 * the recent phase is over; a history page (notes only) notes a backlog if there is none, and
 * notes are walked only once the first sign-in is over. Until the backlog is gone the People
 * search says it is still indexing, and the sidebar's search of names until people are done
 * (`readWordsBacklog`).
 */
export const WORD_TABLES = ['prospects', 'notes'] as const;
type WordTable = (typeof WORD_TABLES)[number];

export const WordsBacklog = z.object({
  /** The table being walked; people first, so people are found by their own words soonest. */
  table: z.enum(WORD_TABLES),
  /** The last id given its words (null: from the start). */
  after: z.string().nullable(),
});
export type WordsBacklog = z.infer<typeof WordsBacklog>;

/** Rows given their words per transaction: a pull page's size (issue 13: 5,000 wrote fastest). */
export const FILL_CHUNK = 5_000;

export function readWordsBacklog(db: TandemDB): Promise<WordsBacklog | undefined> {
  return readValidated(db, LOCAL_KEYS.wordsBacklog, WordsBacklog);
}

/**
 * Inside the transaction of a page that stored rows without their words: a recent-phase page
 * (`'recent'`) starts the walk over; a history page's notes lie ahead of any walk there is, since
 * notes are not walked during a first sign-in (without one, no person lacks words: any recent
 * page that stored one started a walk, which cannot end before the first sign-in does).
 */
export async function leaveWordsForLater(db: TandemDB, phase: 'recent' | 'history' = 'recent'): Promise<void> {
  if (phase === 'history' && (await readWordsBacklog(db))) return;
  const start: WordsBacklog = { table: phase === 'recent' ? 'prospects' : 'notes', after: null };
  await db.local.put({ key: LOCAL_KEYS.wordsBacklog, value: start });
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

/** One transaction of the walk: the next FILL_CHUNK rows by id, those without words given theirs. Returns whether it may go on now. */
async function fillChunk(db: TandemDB, walkable: WalkableNow): Promise<boolean> {
  return db.transaction('rw', db.prospects, db.notes, db.local, async () => {
    const backlog = await readWordsBacklog(db);
    if (!backlog || walkable === 'none' || (backlog.table === 'notes' && walkable !== 'all')) return false;
    // Derived from the server's rows as the pull stored them: the pull's own writes, finished.
    allowSyncedWrites('pull');
    const table = db.table(backlog.table);
    const rows = (await (backlog.after === null ? table.orderBy(':id') : table.where(':id').above(backlog.after)).limit(FILL_CHUNK).toArray()) as (ProspectRow | NoteRow)[];
    const missing = rows.filter((r) => !hasWords(backlog.table, r));
    if (missing.length > 0) await table.bulkPut(missing.map((r) => withSearchWords(backlog.table, r)));
    const next: WordsBacklog | null = rows.length === FILL_CHUNK ? { table: backlog.table, after: rows[rows.length - 1]!.id } : backlog.table === 'prospects' ? { table: 'notes', after: null } : null;
    if (next) await db.local.put({ key: LOCAL_KEYS.wordsBacklog, value: next });
    else await db.local.delete(LOCAL_KEYS.wordsBacklog);
    return next !== null;
  });
}

/**
 * Gives the rows left without words theirs for about `sliceMs` (one transaction at least), so
 * a sync round goes on to pushes and pulls soon, walking only what `walkable` allows. Returns
 * whether more may be walked now (another slice should follow).
 */
export async function fillDeferredWords(db: TandemDB, walkable: WalkableNow, sliceMs: number, now: () => number = Date.now): Promise<boolean> {
  // Most rounds have nothing to walk: that is one read, not a read-write transaction.
  if (walkable === 'none' || !(await readWordsBacklog(db))) return false;
  const started = now();
  for (;;) {
    const left = await fillChunk(db, walkable);
    if (!left || now() - started >= sliceMs) return left;
  }
}
