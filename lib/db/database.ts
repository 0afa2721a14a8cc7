import Dexie, { type EntityTable, type Table } from 'dexie';
import { type OutboxEntry, type Prospect, SYNCED_TABLES, type SyncedRows, type SyncedTable } from '@/lib/model';
import { SCHEMA_VERSIONS } from './schema';
import { guardSyncedWrites } from './synced-write-guard';

/** A prospect as stored: `profileKeys` flattens `profiles[].key` for the multi-entry index. */
export type ProspectRow = Prospect & { profileKeys: string[] };

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
  return { ...p, profileKeys: [...new Set(p.profiles.map((r) => r.key))] };
}

export function fromProspectRow(row: ProspectRow): Prospect {
  const { profileKeys: _derived, ...prospect } = row;
  return prospect;
}

let shared: TandemDB | undefined;

/** The one database of the extension origin, shared by the sidebar, the pages and the worker. */
export function getDb(): TandemDB {
  shared ??= new TandemDB();
  return shared;
}
