import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import { nameKey, nameTokens } from '@/lib/identity';
import { type Activity, type Note, type OutboxEntry, type Prospect, SYNCED_TABLES, type SyncedRows, type SyncedTable } from '@/lib/model';
import { type LastActivityRow, keepLastActivity } from './last-activity';
import { type NoteWordsRow, keepNoteWords } from './note-words';
import { SCHEMA_VERSIONS } from './schema';
import { personSearchWords } from './search-words';
import { guardSyncedWrites } from './synced-write-guard';

/**
 * A prospect as stored, with what its indexes need: `profileKeys` flattens `profiles[].key`;
 * `nameKey` is the name as matching compares it ('' for a single word: nobody is suggested on
 * one) and `nameWords` its words, for searching by the start of any of them (lib/identity);
 * `searchWords` adds the headline's, company's and location's words (the dashboard's search).
 * `unknownAdderAt` is `createdAt` on people stored before `createdBy` was recorded, and absent on
 * everyone else: its index holds only them, so the privacy-notice reminders read the member's own
 * additions (`[createdBy+createdAt]`) and these few, not everyone stored in the notice window.
 */
export type ProspectRow = Prospect & { profileKeys: string[]; nameKey: string; nameWords?: string[]; searchWords?: string[]; unknownAdderAt?: number };

/**
 * A note as stored: `wordsBatch` says which rows of `noteWords` list its words (lib/db/note-words.ts,
 * set by its middleware on every write). A person's search words are absent (no index entries)
 * while a first sign-in leaves them for later (lib/db/deferred-indexes.ts).
 */
export type NoteRow = Note & { wordsBatch?: string };

/**
 * An activity as stored: an undone one (a tombstone) carries `tombstoneOf`, its person's id, and
 * no live one does, so that index holds only the few undone. The guard counts a person's outreach
 * by index keys and takes away their undone ones, rather than reading every row to see which are live.
 */
export type ActivityRow = Activity & { tombstoneOf?: string };

/** Device-local values (who I am, settings, sync cursors); never synced. */
export interface LocalRow {
  key: string;
  value: unknown;
}

/** What a pending local change overwrote: the row as it was (null: it did not exist). */
export interface ShadowRow {
  table: string;
  id: string;
  original: unknown;
}

/** A change the server refused, kept to tell the user why. */
export interface RejectionRow {
  mutationId: number;
  name: string;
  reason: string;
  at: number;
}

export const DB_NAME = 'tandem';

/** How each synced record is stored: a prospect and an undone activity carry their derived indexes, a note where its words are listed. */
export type StoredRows = Omit<SyncedRows, 'prospects' | 'notes' | 'activities'> & { prospects: ProspectRow; notes: NoteRow; activities: ActivityRow };

/** One Dexie table per entity of the registry, typed by its record. */
type SyncedTables = { [T in SyncedTable]: EntityTable<StoredRows[T], 'id'> };

/** Dexie, with the registry's tables declared on it (Dexie creates them from the schema). */
const DexieWithSyncedTables = Dexie as unknown as new (name: string, options?: DexieOptions) => Dexie & SyncedTables;

export class TandemDB extends DexieWithSyncedTables {
  outbox!: EntityTable<OutboxEntry, 'mutationId'>;
  local!: EntityTable<LocalRow, 'key'>;
  shadows!: Table<ShadowRow, [string, string]>;
  rejections!: EntityTable<RejectionRow, 'mutationId'>;
  /** Derived from `activities`, never written directly (lib/db/last-activity.ts). */
  lastActivity!: EntityTable<LastActivityRow, 'prospectId'>;
  /** Derived from `notes`, never written directly (lib/db/note-words.ts). */
  noteWords!: Table<NoteWordsRow, [string, string]>;

  constructor(name = DB_NAME) {
    // A transaction counts as committed once the OS has its writes, not once they are flushed to
    // the disk (Chromium's default since 121, Firefox's and Safari's always): a power cut can
    // lose the last seconds, never half a transaction. A pull page and its cursor commit
    // together, so a lost page is pulled again (docs/sync.md, "Pulling a big team").
    super(name, { chromeTransactionDurability: 'relaxed' });
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    guardSyncedWrites(this);
    keepLastActivity(this);
    keepNoteWords(this);
  }
}

/** Every table that holds the team's synced records. */
export function syncedTables(db: TandemDB): Table[] {
  return SYNCED_TABLES.map((t) => db.table(t));
}

/** The tables a mutation or a sync may write: synced records, their shadows, the outbox and local state. */
export function writableTables(db: TandemDB): Table[] {
  return [...syncedTables(db), db.shadows, db.outbox, db.local, db.rejections];
}

/** Whether a stored person gets their search words (`nameWords` and `searchWords`) now, the default, or later (lib/db/deferred-indexes.ts). */
export interface StoredRowOptions {
  searchWords?: boolean;
}

export function toProspectRow(p: Prospect, { searchWords = true }: StoredRowOptions = {}): ProspectRow {
  const row: ProspectRow = { ...p, profileKeys: [...new Set(p.profiles.map((r) => r.key))], nameKey: nameKey(p.name) ?? '' };
  if (!p.createdBy) row.unknownAdderAt = p.createdAt;
  if (!searchWords) return row;
  // A merged-away record (a tombstone) is nobody to find.
  return { ...row, nameWords: nameWordsOf(p), searchWords: p.deletedAt === null ? personSearchWords(p) : [] };
}

const nameWordsOf = (p: Pick<Prospect, 'name'>) => [...new Set(nameTokens(p.name))];

/** What a stored person is found by in the sidebar's search, whether or not their words are stored yet. */
export const nameWordsOfRow = (row: ProspectRow): string[] => row.nameWords ?? nameWordsOf(row);

/** What a stored person is found by on the People search, whether or not their words are stored yet. */
export const searchWordsOfRow = (row: ProspectRow): string[] => row.searchWords ?? (row.deletedAt === null ? personSearchWords(row) : []);

export function fromProspectRow(row: ProspectRow): Prospect {
  const { profileKeys: _keys, nameKey: _name, nameWords: _words, searchWords: _search, unknownAdderAt: _unknown, ...prospect } = row;
  return prospect;
}

/** A record as its table stores it, with the indexes derived from it. */
export function toStoredRow<T extends SyncedTable>(table: T, row: SyncedRows[T], options: StoredRowOptions = {}): StoredRows[T] {
  if (table === 'prospects') return toProspectRow(row as Prospect, options) as StoredRows[T];
  if (table === 'activities') return toActivityRow(row as Activity) as StoredRows[T];
  return row as StoredRows[T];
}

export const toActivityRow = (a: Activity): ActivityRow => (a.deletedAt === null ? a : { ...a, tombstoneOf: a.prospectId });

/** The record again, without what was derived for the indexes. */
export function fromStoredRow<T extends SyncedTable>(table: T, row: StoredRows[T]): SyncedRows[T] {
  if (table === 'prospects') return fromProspectRow(row as ProspectRow) as SyncedRows[T];
  if (table === 'notes') {
    // `words`: what a note stored before schema v16 carried for its index.
    const { wordsBatch: _batch, words: _words, ...note } = row as NoteRow & { words?: unknown };
    return note as SyncedRows[T];
  }
  if (table === 'activities') {
    const { tombstoneOf: _of, ...activity } = row as ActivityRow;
    return activity as SyncedRows[T];
  }
  return row;
}

let shared: TandemDB | undefined;

/** The one database of the extension origin, shared by the sidebar, the pages and the worker. */
export function getDb(): TandemDB {
  shared ??= new TandemDB();
  return shared;
}
