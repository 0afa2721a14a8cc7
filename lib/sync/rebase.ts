import { type TandemDB, syncedTables, toProspectRow, writableTables } from '@/lib/db/database';
import { DexieStore } from '@/lib/db/dexie-store';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { ENTITY_SCHEMAS, type PullResponse } from '@/lib/model';
import { MUTATIONS, MutationRefused, type Actor } from '@/lib/mutations';
import { TABLE_OF_KIND } from '@/lib/mutations/store';
import { patchSyncState, readSyncState } from './session';

/** Puts back what pending changes overwrote: the local tables become the server's state again. */
async function restoreShadows(db: TandemDB) {
  for (const shadow of await db.shadows.toArray()) {
    const table = db.table(shadow.table);
    if (shadow.original === null) await table.delete(shadow.id);
    else await table.put(shadow.original);
  }
  await db.shadows.clear();
}

/** Writes the server's rows, a table at a time; a row without content is one the member may no longer see. */
async function writeServerRows(db: TandemDB, rows: PullResponse['rows']) {
  const puts = new Map<string, unknown[]>();
  const deletes = new Map<string, string[]>();
  const add = <T>(map: Map<string, T[]>, table: string, value: T) => {
    const list = map.get(table);
    if (list) list.push(value);
    else map.set(table, [value]);
  };
  for (const row of rows) {
    const table = TABLE_OF_KIND[row.kind];
    if (row.doc === null) {
      add(deletes, table, row.id);
      continue;
    }
    const parsed = ENTITY_SCHEMAS[row.kind].safeParse(row.doc);
    // A row this version cannot read is left out rather than stored half-understood.
    if (!parsed.success || parsed.data.id !== row.id) continue;
    add(puts, table, row.kind === 'prospect' ? toProspectRow(parsed.data as Parameters<typeof toProspectRow>[0]) : parsed.data);
  }
  // A page is in version order and a row appears in it once, so puts and deletes do not interleave.
  for (const [table, ids] of deletes) await db.table(table).bulkDelete(ids);
  for (const [table, values] of puts) await db.table(table).bulkPut(values);
}

/**
 * Applies the still-pending outbox on top of the server's state, in order. One the device now
 * refuses (the server changed something under it) is left for the server to judge.
 */
export async function replayPending(db: TandemDB, actor: Actor) {
  const store = new DexieStore(db, actor);
  for (const entry of await db.outbox.orderBy('mutationId').toArray()) {
    const mutation = MUTATIONS.get(entry.name);
    const args = mutation?.args.safeParse(entry.args);
    if (!mutation || !args?.success) continue;
    try {
      await mutation.apply(store, args.data, { actor });
    } catch (e) {
      if (!(e instanceof MutationRefused)) throw e;
    }
  }
}

/**
 * One page of a pull, in one transaction: roll pending changes back, write the server's rows,
 * and, on the last page, drop what the server acknowledged and note what it refused; then
 * re-apply what is still pending. Whatever the server refused simply is not re-applied, so
 * its optimistic change disappears.
 */
export async function applyPullPage(db: TandemDB, page: PullResponse, actor: Actor, now = Date.now()): Promise<void> {
  await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('pull');
    await restoreShadows(db);
    await writeServerRows(db, page.rows);
    const state = await readSyncState(db);
    if (!page.more) {
      await db.outbox.where('mutationId').belowOrEqual(page.lastMutationId).delete();
      await db.rejections.bulkPut(page.rejections.map((r) => ({ ...r, at: now })));
      await patchSyncState(db, {
        cursor: page.cursor,
        ackedMutationId: Math.max(state.ackedMutationId, page.lastMutationId),
        rejectionsSince: Math.max(state.rejectionsSince, page.lastMutationId),
      });
    } else {
      await patchSyncState(db, { cursor: page.cursor });
    }
    await replayPending(db, actor);
  });
}

/** Forgets every synced row (signing in to another team): pending local work stays queued. */
export async function clearSyncedRows(db: TandemDB) {
  await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('account');
    for (const table of syncedTables(db)) await table.clear();
    await db.shadows.clear();
  });
}
