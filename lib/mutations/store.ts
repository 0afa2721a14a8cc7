import type { Activity, Alias, EntityKind, FollowUp, Member, Note, PipelineEntry, Prospect, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';

/** Every synced table and the record it holds. */
export interface SyncedRows {
  prospects: Prospect;
  activities: Activity;
  notes: Note;
  members: Member;
  aliases: Alias;
  requisitions: Requisition;
  reviewRequests: ReviewRequest;
  reviewDecisions: ReviewDecision;
  pipeline: PipelineEntry;
  followUps: FollowUp;
}
export type SyncedTable = keyof SyncedRows;

/** The wire name of each synced table that sync carries (pipeline entries join with the dashboard). */
export const KIND_OF_TABLE = {
  prospects: 'prospect',
  activities: 'activity',
  notes: 'note',
  members: 'member',
  aliases: 'alias',
  requisitions: 'requisition',
  reviewRequests: 'review_request',
  reviewDecisions: 'review_decision',
  followUps: 'followup',
} as const satisfies Partial<Record<SyncedTable, EntityKind>>;
export type SyncedKindTable = keyof typeof KIND_OF_TABLE;
export const TABLE_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_TABLE).map(([t, k]) => [k, t])) as {
  [T in SyncedKindTable as (typeof KIND_OF_TABLE)[T]]: T;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A row as a mutation writes it; the store stamps the team and the version. */
export type Draft<T extends SyncedTable> = DistributiveOmit<SyncedRows[T], 'teamId' | 'version'>;

/**
 * What a mutation may read and write. The device implements it over Dexie (recording what it
 * overwrites, so a rejected change can be rolled back); the server over Postgres, stamping the
 * write's version. One implementation of each mutation runs on both.
 */
export interface MutationStore {
  get<T extends SyncedTable>(table: T, id: string): Promise<SyncedRows[T] | undefined>;
  put<T extends SyncedTable>(table: T, row: Draft<T>): Promise<void>;
  findProspectByKey(key: string): Promise<Prospect | undefined>;
  /** Whether the member already logged `viewed` on the person on the calendar day of `at`. */
  hasViewedOnDay(prospectId: string, memberId: string, at: number): Promise<boolean>;
  /** Every decision (tombstones included) made on a review request. */
  decisionsFor(requestId: string): Promise<ReviewDecision[]>;
}
