import type { Actor } from '@/lib/mutations/define';
import type { SyncedRows, SyncedTable } from '@/lib/model';
import type { Draft, MutationStore } from '@/lib/mutations/store';
import { type StoredRows, type TandemDB, fromStoredRow, toStoredRow } from './database';
import { findProspectByKey, hasViewedOnDay } from './queries';
import { readSuppressionSecret } from './local-state';
import { personRows } from './person-rows';
import { suppressionHash } from '@/lib/model';

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

  /** Records the row as the server has it before this change first touches it. */
  private async shadow(table: SyncedTable, id: string): Promise<void> {
    if (await this.db.shadows.get([table, id])) return;
    const original: unknown = (await this.db.table(table).get(id)) ?? null;
    await this.db.shadows.put({ table, id, original });
  }

  async put<T extends SyncedTable>(table: T, draft: Draft<T>): Promise<void> {
    await this.shadow(table, draft.id);
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

  aliasesOf(prospectIds: readonly string[]) {
    return this.db.aliases.where('prospectId').anyOf([...prospectIds]).toArray();
  }

  /** Deleted with shadows like any write: a refused erasure brings the rows back until the server's say. */
  async erasePeople(prospectIds: readonly string[]): Promise<void> {
    const { deletes, rewrites } = await personRows(this.db, prospectIds);
    for (const { table, id } of deletes) {
      await this.shadow(table, id);
      await this.db.table(table).delete(id);
    }
    for (const { table, row } of rewrites) {
      const { teamId: _team, version: _version, ...draft } = fromStoredRow(table, row as never) as Record<string, unknown>;
      await this.put(table, draft as never);
    }
  }

  async suppressionHashes(identifiers: readonly string[]): Promise<string[]> {
    const secret = await readSuppressionSecret(this.db, this.actor.teamId);
    return secret === undefined ? [] : identifiers.map((i) => suppressionHash(secret, i));
  }

  openRequestsTo(requisitionId: string, reviewerId: string) {
    return this.db.reviewRequests
      .where('reviewerId')
      .equals(reviewerId)
      .filter((r) => r.requisitionId === requisitionId && r.status === 'open' && r.deletedAt === null)
      .toArray();
  }
}
