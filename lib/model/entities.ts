import { z } from 'zod';
import { Activity } from './activity';
import { Alias } from './alias';
import { FollowUp } from './follow-up';
import { Member } from './member';
import { Note } from './note';
import { PipelineEntry } from './pipeline';
import { TeamPrivacy } from './privacy-settings';
import { Prospect } from './prospect';
import { Requisition } from './requisition';
import { ReviewDecision, ReviewRequest } from './review';
import { SavedSearch } from './saved-search';
import { Suppression } from './suppression';

interface EntityDefinition<Kind extends string, Schema extends z.ZodType> {
  /** The row's name on the wire and in the server's `entities.kind`. */
  kind: Kind;
  schema: Schema;
  /** Who alone may read a row, or null when the whole team may (private notes, own follow-ups). */
  readableOnlyBy: (row: z.output<Schema>) => string | null;
  /** What one row is called in a sentence a person reads ("another review request"). */
  noun: string;
  /**
   * The field that dates a row, when rows older than the guard window may arrive after the rest
   * on a first sign-in (docs/sync.md, "First sign-in to a large team"); absent: it comes first.
   */
  olderHistory?: { at: string };
}

const teamWide = () => null;

function entity<Kind extends string, Schema extends z.ZodType>(
  kind: Kind,
  schema: Schema,
  noun: string,
  readableOnlyBy: (row: z.output<Schema>) => string | null = teamWide,
  olderHistory?: { at: keyof z.output<Schema> & string },
): EntityDefinition<Kind, Schema> {
  return { kind, schema, noun, readableOnlyBy, ...(olderHistory && { olderHistory }) };
}

/**
 * Every synced record, by the name of its table on the device. The one list: Dexie's tables,
 * the wire kinds, the server's kinds and read rules, backups and the convergence checks are
 * all derived from it. Adding an entity here (and a Dexie schema version) is all it takes.
 */
export const ENTITIES = {
  prospects: entity('prospect', Prospect, 'person'),
  activities: entity('activity', Activity, 'activity', teamWide, { at: 'at' }),
  notes: entity('note', Note, 'note', (note) => (note.visibility === 'private' ? note.authorId : null), { at: 'createdAt' }),
  members: entity('member', Member, 'member'),
  aliases: entity('alias', Alias, 'person'),
  requisitions: entity('requisition', Requisition, 'requisition'),
  reviewRequests: entity('review_request', ReviewRequest, 'review request'),
  reviewDecisions: entity('review_decision', ReviewDecision, 'review decision'),
  pipeline: entity('pipeline_entry', PipelineEntry, 'pipeline entry'),
  followUps: entity('followup', FollowUp, 'follow-up', (followUp) => followUp.ownerId),
  savedSearches: entity('saved_search', SavedSearch, 'saved search', (search) => search.ownerId),
  teamPrivacy: entity('team_privacy', TeamPrivacy, 'privacy setting'),
  suppressions: entity('suppression', Suppression, 'suppression entry'),
};

export type SyncedTable = keyof typeof ENTITIES;
/** Every synced table and the record it holds. */
export type SyncedRows = { [T in SyncedTable]: z.output<(typeof ENTITIES)[T]['schema']> };
export type EntityKind = (typeof ENTITIES)[SyncedTable]['kind'];

export const SYNCED_TABLES = Object.keys(ENTITIES) as SyncedTable[];

export const KIND_OF_TABLE = Object.fromEntries(SYNCED_TABLES.map((t) => [t, ENTITIES[t].kind])) as { [T in SyncedTable]: (typeof ENTITIES)[T]['kind'] };
export const TABLE_OF_KIND = Object.fromEntries(SYNCED_TABLES.map((t) => [ENTITIES[t].kind, t])) as { [T in SyncedTable as (typeof ENTITIES)[T]['kind']]: T };

export const EntityKind = z.enum(SYNCED_TABLES.map((t) => ENTITIES[t].kind) as [EntityKind, ...EntityKind[]]);

/** Each kind's schema, for reading rows that arrive by kind (a pull page). */
export const ENTITY_SCHEMAS = Object.fromEntries(SYNCED_TABLES.map((t) => [ENTITIES[t].kind, ENTITIES[t].schema])) as {
  [T in SyncedTable as (typeof ENTITIES)[T]['kind']]: (typeof ENTITIES)[T]['schema'];
};

/** Who alone may read a row of this table, or null for the whole team. */
export function readableOnlyBy<T extends SyncedTable>(table: T, row: SyncedRows[T]): string | null {
  return (ENTITIES[table].readableOnlyBy as (row: SyncedRows[T]) => string | null)(row);
}

/** Kinds whose older rows may arrive after the rest on a first sign-in, and the field that dates each. */
export const DEFERRABLE: { kind: EntityKind; at: string }[] = SYNCED_TABLES.flatMap((t) => {
  const older = (ENTITIES[t] as EntityDefinition<EntityKind, z.ZodType>).olderHistory;
  return older ? [{ kind: ENTITIES[t].kind, at: older.at }] : [];
});
