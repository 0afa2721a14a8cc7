import type { Alias, Prospect, ReviewDecision, ReviewRequest, SyncedRows, SyncedTable } from '@/lib/model';

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
  /** The open review requests of a requisition addressed to a reviewer. */
  openRequestsTo(requisitionId: string, reviewerId: string): Promise<ReviewRequest[]>;
  /** The aliases that name one of these ids as the person they stand for. */
  aliasesOf(prospectIds: readonly string[]): Promise<Alias[]>;
  /**
   * Deletes every row about the people with these ids (PERSON_FIELDS): not tombstones, the rows
   * themselves; a row that lists several people only loses them from its list.
   */
  erasePeople(prospectIds: readonly string[]): Promise<void>;
  /** Keyed hashes of identifiers under the team's secret (none on a device that has not yet received it). */
  suppressionHashes(identifiers: readonly string[]): Promise<string[]>;
}
