import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  Activity,
  Alias,
  FollowUp,
  Member,
  Note,
  OutboxEntry,
  PipelineEntry,
  Prospect,
  Requisition,
  ReviewDecision,
  ReviewRequest,
} from '@/lib/model';
import { outboxTeam } from './outbox-team';
import { SCHEMA_VERSIONS } from './schema';

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

export class TandemDB extends Dexie {
  prospects!: EntityTable<ProspectRow, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  members!: EntityTable<Member, 'id'>;
  requisitions!: EntityTable<Requisition, 'id'>;
  reviewRequests!: EntityTable<ReviewRequest, 'id'>;
  reviewDecisions!: EntityTable<ReviewDecision, 'id'>;
  pipeline!: EntityTable<PipelineEntry, 'id'>;
  aliases!: EntityTable<Alias, 'id'>;
  followUps!: EntityTable<FollowUp, 'id'>;
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
    this.use(outboxTeam);
  }
}

/** Every table that holds the team's synced records. */
export function syncedTables(db: TandemDB) {
  return [db.prospects, db.activities, db.notes, db.members, db.aliases, db.requisitions, db.reviewRequests, db.reviewDecisions, db.pipeline, db.followUps];
}

/** The tables a mutation or a sync may write: synced records, their shadows, the outbox and local state. */
export function writableTables(db: TandemDB) {
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
