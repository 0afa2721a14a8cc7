import type { Actor } from '@/lib/mutations/define';
import type { SyncedRows, SyncedTable } from '@/lib/model';
import type { Draft, MutationStore } from '@/lib/mutations/store';
import { type StoredRows, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { findProspectByKey, hasViewedOnDay } from './queries';

/**
 * The device's side of a mutation, used inside its transaction. Every write is optimistic
 * (version 0) and first records what it overwrites in `shadows`, once per row, so the sync can
 * restore the server's row when the change is refused or rebased.
 */
export class DexieStore implements MutationStore {
  constructor(
    private readonly db: TandemDB,
    private readonly actor: Actor,
  ) {}

  async get<T extends SyncedTable>(table: T, id: string): Promise<SyncedRows[T] | undefined> {
    const row = (await this.db.table(table).get(id)) as StoredRows[T] | undefined;
    return row === undefined ? undefined : fromStoredRow(table, row);
  }

  async put<T extends SyncedTable>(table: T, draft: Draft<T>): Promise<void> {
    const id = draft.id;
    if (!(await this.db.shadows.get([table, id]))) {
      const original: unknown = (await this.db.table(table).get(id)) ?? null;
      await this.db.shadows.put({ table, id, original });
    }
    const row = { ...draft, teamId: this.actor.teamId, version: 0 } as unknown as SyncedRows[T];
    await this.db.table(table).put(toStoredRow(table, row));
  }

  findProspectByKey(key: string) {
    return findProspectByKey(this.db, key);
  }

  hasViewedOnDay(prospectId: string, memberId: string, at: number) {
    return hasViewedOnDay(this.db, prospectId, memberId, at);
  }

  decisionsFor(requestId: string) {
    return this.db.reviewDecisions.where('requestId').equals(requestId).toArray();
  }

  openRequestsTo(requisitionId: string, reviewerId: string) {
    return this.db.reviewRequests
      .where('reviewerId')
      .equals(reviewerId)
      .filter((r) => r.requisitionId === requisitionId && r.status === 'open' && r.deletedAt === null)
      .toArray();
  }
}
