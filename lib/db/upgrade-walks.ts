import { z } from 'zod';
import { type ActivityRow, type NoteRow, type TandemDB, toActivityRow } from './database';
import { FILL_CHUNK } from './deferred-indexes';
import { LOCAL_KEYS, readValidated } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';
import { walkSlice } from './walk-slice';

/**
 * What a schema upgrade leaves to walk in the background rather than read every row of a large
 * team's device while the database is closed to everything else (the sidebar included):
 * - v15: the activities undone before it, to put in `tombstoneOf` (lib/db/database.ts); reading a
 *   million activities in the upgrade took 48 s. Until done the guard counts outreach from the
 *   rows (`guardActivitiesFor`).
 * - v16: the notes stored before it, to list in `noteWords` (lib/db/note-words.ts: putting a note
 *   back lists it); listing 200,000 in the upgrade took 33 s. Until done the People search says it
 *   is still indexing, and a note not yet listed is not found by its words.
 * Each walk goes by id, FILL_CHUNK rows a transaction, from a cursor in `local`.
 */
export const UpgradeBacklog = z.object({
  /** The last id walked (null: from the start). */
  after: z.string().nullable(),
});
export type UpgradeBacklog = z.infer<typeof UpgradeBacklog>;

interface UpgradeWalk<R extends { id: string }> {
  /** Its cursor in `local` (the upgrade puts it there: lib/db/schema.ts). */
  key: string;
  table: 'activities' | 'notes';
  /** Whether a row still needs the walk. */
  missing(row: R): boolean;
  /** The row as it should be stored: putting it back makes what the upgrade left out. */
  fixed(row: R): R;
}

export const TOMBSTONES: UpgradeWalk<ActivityRow> = { key: LOCAL_KEYS.tombstoneBacklog, table: 'activities', missing: (a) => a.deletedAt !== null && a.tombstoneOf === undefined, fixed: toActivityRow };

export const NOTE_WORDS_LISTING: UpgradeWalk<NoteRow & { words?: unknown }> = {
  key: LOCAL_KEYS.noteWordsBacklog,
  table: 'notes',
  missing: (n) => n.wordsBatch === undefined,
  // Its old multi-entry `words` goes; the note-words middleware lists it as it is put.
  fixed: ({ words: _words, ...note }) => note,
};

const WALKS = [TOMBSTONES, NOTE_WORDS_LISTING] as UpgradeWalk<{ id: string }>[];

export function readUpgradeBacklog(db: TandemDB, w: { key: string }): Promise<UpgradeBacklog | undefined> {
  return readValidated(db, w.key, UpgradeBacklog);
}

/** One transaction of a walk. Returns whether any is left. */
async function walkChunk(db: TandemDB, w: UpgradeWalk<{ id: string }>): Promise<boolean> {
  const table = db.table<{ id: string }, string>(w.table);
  return db.transaction('rw', table, db.local, async () => {
    const backlog = await readUpgradeBacklog(db, w);
    if (!backlog) return false;
    const rows = await (backlog.after === null ? table.orderBy(':id') : table.where(':id').above(backlog.after)).limit(FILL_CHUNK).toArray();
    const missing = rows.filter((r) => w.missing(r));
    // Derived from the rows as stored: the pull's own writes, finished.
    allowSyncedWrites('pull');
    if (missing.length > 0) await table.bulkPut(missing.map((r) => w.fixed(r)));
    if (rows.length < FILL_CHUNK) await db.local.delete(w.key);
    else await db.local.put({ key: w.key, value: { after: rows[rows.length - 1]!.id } satisfies UpgradeBacklog });
    return rows.length === FILL_CHUNK;
  });
}

/** Walks what upgrades left, a slice each (`walkSlice`), one walk after the other; most rounds have nothing to walk: a read each. Returns whether any is left. */
export async function fillUpgradeWalks(db: TandemDB, sliceMs: number, now: () => number = Date.now): Promise<boolean> {
  for (const w of WALKS) {
    if (!(await readUpgradeBacklog(db, w))) continue;
    if (await walkSlice(() => walkChunk(db, w), sliceMs, now)) return true;
  }
  return false;
}
