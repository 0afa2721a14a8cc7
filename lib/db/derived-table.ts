import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie';
import type Dexie from 'dexie';

/**
 * Keeps `derived` in step with `source` in the same transaction, whoever writes `source`
 * (`mutate()`, the pull and its rebases, the account, tests): every read-write transaction on
 * `source` also takes `derived` (as Dexie Cloud's middleware adds its own tables), and every write
 * to `source` goes through `mutate`, given the source table and the layer below (for `derived`).
 * A schema upgrade's writes pass untouched: an upgrade fills or leaves its derived rows itself.
 */
export function keepDerivedTable(
  db: Dexie,
  { name, source, derived, mutate }: { name: string; source: string; derived: string; mutate: (table: DBCoreTable, down: DBCore, req: DBCoreMutateRequest) => Promise<DBCoreMutateResponse> },
): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.includes(source) && !stores.includes(derived) ? [...stores, derived] : stores;
        return down.transaction(scope, mode, options);
      },
      table(tableName) {
        const table = down.table(tableName);
        if (tableName !== source) return table;
        return {
          ...table,
          mutate: (req) => ((req.trans as unknown as IDBTransaction).mode === 'versionchange' ? table.mutate(req) : mutate(table, down, req)),
        };
      },
    }),
  });
}
