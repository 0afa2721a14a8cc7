import Dexie, { type DBCoreTransaction } from 'dexie';
import { SYNCED_TABLES } from '@/lib/model';

/**
 * The only code that may write the team's synced tables on the device. A write anywhere else
 * would never reach the server (no outbox row) and be silently reverted by the next pull, so
 * it is refused instead (as Dexie Cloud's mutation-tracking middleware makes sure no mutation
 * goes untracked).
 * - `mutation`: `mutate()`, a named mutation and its outbox row in one transaction;
 * - `pull`: the server's rows, and the replay of pending mutations over them;
 * - `account`: who this device's member is (the local profile before sign-in, the member row
 *   the server returns at sign-in) and forgetting a team's rows at sign-out.
 * Importing a backup is not one of them: it re-creates records through the `backup.restore`
 * mutation, so they reach the team and the server stays the authority.
 */
export type SyncedWriter = 'mutation' | 'pull' | 'account';

const writers = new WeakMap<DBCoreTransaction, SyncedWriter>();
const SYNCED = new Set<string>(SYNCED_TABLES);

export class SyncedWriteRefused extends Error {
  constructor(table: string) {
    super(`Tandem: a write to the synced table "${table}" outside a mutation, a pull or the account (see lib/db/synced-write-guard.ts)`);
    this.name = 'SyncedWriteRefused';
  }
}

/** Marks the running Dexie transaction as one of the writers above. Call first thing inside it. */
export function allowSyncedWrites(writer: SyncedWriter): void {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('allowSyncedWrites() must be called inside a Dexie transaction');
  writers.set(tx.idbtrans, writer);
}

/** Refuses every write to a synced table from a transaction that is not one of the writers. */
export function guardSyncedWrites(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'SyncedWriteGuard',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (!SYNCED.has(name)) return table;
        return {
          ...table,
          mutate(req) {
            // Schema upgrades rewrite rows in their own versionchange transaction.
            const upgrading = (req.trans as unknown as IDBTransaction).mode === 'versionchange';
            if (!upgrading && !writers.has(req.trans)) return Promise.reject(new SyncedWriteRefused(name));
            return table.mutate(req);
          },
        };
      },
    }),
  });
}
