import Dexie, { type DBCoreKeyRange, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import { keepDerivedTable } from './derived-table';
import { ulid } from 'ulidx';
import { noteSearchWords } from './search-words';

/**
 * The notes' search words, kept out of the notes' rows (issue 13): a multi-entry index on the
 * notes wrote a LevelDB entry per word per note (7.7 a note), which was most of what storing a
 * note cost in Chromium. Here a write of notes adds one row per distinct word, `[word+batch]`,
 * listing the notes of that write that have it (`batch`: an id of the write), so a pull page of
 * thousands of notes writes a few rows per word used in it. A note records the batch that holds
 * its words (`wordsBatch`), so a note changed or deleted is taken out of exactly those rows: the
 * rows are always the words of the notes as they are (erasure leaves nothing of a note here).
 *
 * Kept by a middleware, like `lastActivity`, whoever writes notes (`mutate()`, the pull, restoring
 * shadows, the account, tests): every read-write transaction on `notes` also takes `noteWords`.
 * Local only and derived: neither sync, backups nor exports see it.
 */
export interface NoteWordsRow {
  word: string;
  batch: string;
  /** The notes of the batch that have this word. */
  ids: string[];
}

export const NOTE_WORDS = 'noteWords';
const NOTES = 'notes';

/** What the middleware needs of a stored note. */
interface NoteFields {
  id: string;
  body: string;
  /** The batch whose rows list this note's words. */
  wordsBatch?: string;
}

// DBCoreRangeType.Any (3; .Range is 2): a const enum, which isolated modules cannot import.
const EVERY_KEY = { type: 3, lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false } as unknown as DBCoreKeyRange;

const wordsOf = (note: NoteFields) => noteSearchWords(typeof note.body === 'string' ? note.body : '');

/** The rows to add for notes written together as `batch`: one per distinct word. */
export function postingsOf(notes: readonly NoteFields[], batch: string): NoteWordsRow[] {
  const byWord = new Map<string, string[]>();
  for (const note of notes) {
    for (const word of wordsOf(note)) {
      const ids = byWord.get(word);
      if (ids) ids.push(note.id);
      else byWord.set(word, [note.id]);
    }
  }
  return [...byWord].map(([word, ids]) => ({ word, batch, ids }));
}

/** The ids of the notes with a word starting with `prefix` (each once). */
export async function notesByWordStart(db: Dexie, prefix: string): Promise<string[]> {
  const rows = (await db.table(NOTE_WORDS).where('[word+batch]').between([prefix, Dexie.minKey], [`${prefix}\uffff`, Dexie.maxKey]).toArray()) as NoteWordsRow[];
  return [...new Set(rows.flatMap((row) => row.ids))];
}

/** Takes `notes` (as they were stored) out of the rows of their batches. */
async function unlist(postings: DBCoreTable, trans: DBCoreTransaction, notes: readonly NoteFields[]): Promise<void> {
  const gone = new Set(notes.map((n) => n.id));
  const keys = notes.flatMap((note) => (note.wordsBatch === undefined ? [] : wordsOf(note).map((word) => [word, note.wordsBatch!])));
  if (keys.length === 0) return;
  const rows = ((await postings.getMany({ trans, keys })) as (NoteWordsRow | undefined)[]).filter((r) => r !== undefined);
  const puts: NoteWordsRow[] = [];
  const deletes: [string, string][] = [];
  for (const row of rows) {
    const ids = row.ids.filter((id) => !gone.has(id));
    if (ids.length === row.ids.length) continue;
    if (ids.length === 0) deletes.push([row.word, row.batch]);
    else puts.push({ ...row, ids });
  }
  if (deletes.length > 0) await postings.mutate({ trans, type: 'delete', keys: deletes });
  if (puts.length > 0) await postings.mutate({ trans, type: 'put', values: puts });
}

/** Notes written at once from which a count of their range of ids is tried before reading them one by one. */
const RANGE_CHECK_MIN = 50;

/**
 * The notes stored at `keys`, before a write replaces or deletes them. A get per key is a request
 * each (in a fresh Chromium 47,700 of them took 0.9–1.4 s): a pull page of new notes, whose ids
 * lie together (ULIDs, in the order the team wrote them), is first counted in its range of ids,
 * one request, and nothing is read when none is there.
 */
async function storedAt(table: DBCoreTable, trans: DBCoreTransaction, keys: string[]): Promise<(NoteFields | undefined)[]> {
  if (keys.length >= RANGE_CHECK_MIN) {
    const sorted = [...keys].sort();
    const range = { type: 2, lower: sorted[0], lowerOpen: false, upper: sorted[sorted.length - 1], upperOpen: false } as unknown as DBCoreKeyRange;
    if ((await table.count({ trans, query: { index: table.schema.primaryKey, range } })) === 0) return keys.map(() => undefined);
  }
  return (await table.getMany({ trans, keys })) as (NoteFields | undefined)[];
}

/** Keeps `noteWords` the words of the notes (`keepDerivedTable`), in the transaction of every write to `notes`. */
export function keepNoteWords(db: Dexie): void {
  keepDerivedTable(db, {
    name: 'NoteWords',
    source: NOTES,
    derived: NOTE_WORDS,
    async mutate(table, down, req) {
      const { trans } = req;
      const postings = down.table(NOTE_WORDS);
      if (req.type === 'deleteRange') {
        const whole = req.range.type === EVERY_KEY.type;
        const before = whole ? [] : ((await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })).result as NoteFields[]);
        const response = await table.mutate(req);
        if (whole) await postings.mutate({ trans, type: 'deleteRange', range: EVERY_KEY });
        else await unlist(postings, trans, before);
        return response;
      }
      const keys: string[] = req.type === 'delete' ? (req.keys as string[]) : (req.values as NoteFields[]).map((n) => n.id);
      const before = await storedAt(table, trans, keys);
      const batch = ulid();
      const request = req.type === 'delete' ? req : { ...req, values: (req.values as NoteFields[]).map((n) => ({ ...n, wordsBatch: batch })) };
      const response = await table.mutate(request);
      const done = (_: unknown, i: number) => !(i in response.failures);
      await unlist(postings, trans, before.filter((n, i): n is NoteFields => n !== undefined && done(n, i)));
      if (request.type !== 'delete') {
        const rows = postingsOf((request.values as NoteFields[]).filter(done), batch);
        if (rows.length > 0) await postings.mutate({ trans, type: 'put', values: rows });
      }
      return response;
    },
  });
}
