import Dexie, { type EntityTable, type Table } from 'dexie';
import { nameKey, nameTokens } from '@/lib/identity';
import { type OutboxEntry, type Prospect, SYNCED_TABLES, type SyncedRows, type SyncedTable } from '@/lib/model';
import { SCHEMA_VERSIONS } from './schema';
import { guardSyncedWrites } from './synced-write-guard';

/**
 * A prospect as stored, with what its indexes need: `profileKeys` flattens `profiles[].key`;
 * `nameKey` is the name as matching compares it ('' for a single word: nobody is suggested on
 * one) and `nameWords` its words, for searching by the start of any of them (lib/identity).
 */
export type ProspectRow = Prospect & { profileKeys: string[]; nameKey: string; nameWords: string[] };

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

/** How each synced record is stored: a prospect carries its derived key index. */
type StoredRows = Omit<SyncedRows, 'prospects'> & { prospects: ProspectRow };

/** One Dexie table per entity of the registry, typed by its record. */
type SyncedTables = { [T in SyncedTable]: EntityTable<StoredRows[T], 'id'> };

/** Dexie, with the registry's tables declared on it (Dexie creates them from the schema). */
const DexieWithSyncedTables = Dexie as unknown as new (name: string) => Dexie & SyncedTables;

export class TandemDB extends DexieWithSyncedTables {
  outbox!: EntityTable<OutboxEntry, 'mutationId'>;
  local!: EntityTable<LocalRow, 'key'>;
  shadows!: Table<ShadowRow, [string, string]>;
  rejections!: EntityTable<RejectionRow, 'mutationId'>;

  constructor(name = DB_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    guardSyncedWrites(this);
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

export function toProspectRow(p: Prospect): ProspectRow {
  return { ...p, profileKeys: [...new Set(p.profiles.map((r) => r.key))], nameKey: nameKey(p.name) ?? '', nameWords: [...new Set(nameTokens(p.name))] };
}

export function fromProspectRow(row: ProspectRow): Prospect {
  const { profileKeys: _keys, nameKey: _name, nameWords: _words, ...prospect } = row;
  return prospect;
}

let shared: TandemDB | undefined;

/** The one database of the extension origin, shared by the sidebar, the pages and the worker. */
export function getDb(): TandemDB {
  shared ??= new TandemDB();
  return shared;
}
