import { type TandemDB, syncedTables, toStoredRow, writableTables } from '@/lib/db/database';
import { DexieStore } from '@/lib/db/dexie-store';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { LOCAL_KEYS, writeSuppressionSecret } from '@/lib/db/local-state';
import { forgetLocally } from '@/lib/db/forget-locally';
import { leaveIndexesForLater, withSearchWords } from '@/lib/db/deferred-indexes';
import { deferLastActivity } from '@/lib/db/last-activity';
import { ENTITY_SCHEMAS, type PullResponse, TABLE_OF_KIND } from '@/lib/model';
import { MUTATIONS, MutationRefused, type Actor } from '@/lib/mutations';
import { dropAcknowledged, teamOutbox } from './outbox';
import { MAX_UNREADABLE_KEPT, type UnreadableRow, patchSyncState, readSyncState } from './session';

/** Puts back what pending changes overwrote: the local tables become the server's state again. */
export async function restoreShadows(db: TandemDB) {
  for (const shadow of await db.shadows.toArray()) {
    const table = db.table(shadow.table);
    if (shadow.original === null) await table.delete(shadow.id);
    // A row stored without its search words during a first sign-in gets them back with it: the
    // walk that fills them may have passed it already (lib/db/deferred-indexes.ts).
    else await table.put(withSearchWords(shadow.table, shadow.original));
  }
  await db.shadows.clear();
}

/**
 * What a page of a first sign-in leaves for later (lib/db/deferred-indexes.ts): its recent phase
 * the people's search words and `lastActivity` (noted in the backlog in the page's transaction),
 * its older history `lastActivity` (noted once, with its last page: lib/sync/first-sync.ts).
 */
type Deferred = 'nothing' | 'recent' | 'history';

/**
 * Writes the server's rows, a table at a time; a row without content is one the member may no
 * longer see. Returns the rows this version cannot read: they are left out rather than stored
 * half-understood, and the status line says so.
 */
async function writeServerRows(db: TandemDB, rows: PullResponse['rows'], deferred: Deferred): Promise<UnreadableRow[]> {
  const searchWords = deferred !== 'recent';
  const puts = new Map<string, unknown[]>();
  const deletes = new Map<string, string[]>();
  const unreadable: UnreadableRow[] = [];
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
    if (!parsed.success || parsed.data.id !== row.id) {
      const reason = parsed.success ? 'its id does not match' : parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
      unreadable.push({ kind: row.kind, id: row.id, version: row.version, reason: reason.slice(0, 300) });
      continue;
    }
    add(puts, table, toStoredRow(table, parsed.data as never, { searchWords }));
  }
  // `lastActivity` is made again after each phase, a person at a time, rather than read and written per page.
  if (deferred !== 'nothing') deferLastActivity();
  if (deferred === 'recent') await leaveIndexesForLater(db);
  // A page is in version order and a row appears in it once, so puts and deletes do not interleave.
  const people = (await db.prospects.bulkGet(deletes.get('prospects') ?? [])).filter((p) => p !== undefined);
  for (const [table, ids] of deletes) await db.table(table).bulkDelete(ids);
  await forgetLocally(db, { ids: new Set([...deletes.values()].flat()), people });
  for (const [table, values] of puts) await db.table(table).bulkPut(values);
  return unreadable;
}

/** The remembered unreadable rows after a page: a row that arrived again (readable or not) is replaced. */
function mergeUnreadable(kept: UnreadableRow[], page: PullResponse['rows'], skipped: UnreadableRow[]): UnreadableRow[] {
  const arrived = new Set(page.map((r) => `${r.kind}:${r.id}`));
  return [...skipped.reverse(), ...kept.filter((u) => !arrived.has(`${u.kind}:${u.id}`))].slice(0, MAX_UNREADABLE_KEPT);
}

/**
 * Applies the still-pending outbox on top of the server's state, in order. One the device now
 * refuses (the server changed something under it) is left for the server to judge.
 */
export async function replayPending(db: TandemDB, actor: Actor) {
  const store = new DexieStore(db, actor);
  // Only the changes written for this team: another team's wait until the member is back there.
  for (const entry of await teamOutbox(db, actor.teamId).toArray()) {
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
 * its optimistic change disappears. `deferWords: 'recent'` (a first sign-in's recent phase) leaves
 * people's and notes' search words for later (lib/db/deferred-indexes.ts).
 */
export async function applyPullPage(db: TandemDB, page: PullResponse, actor: Actor, now = Date.now(), alsoWrite?: () => Promise<void>, deferIndexes = false): Promise<void> {
  await db.transaction('rw', writableTables(db), async () => {
    const { state, unreadable } = await writeServerPage(db, page, actor, deferIndexes ? 'recent' : 'nothing');
    // Every page says it; a server that does not (older) leaves reminding to the device.
    const remindersByMail = page.remindersByMail ?? false;
    if (!page.more) {
      await dropAcknowledged(db, actor.teamId, page.lastMutationId);
      await db.rejections.bulkPut(page.rejections.map((r) => ({ ...r, at: now })));
      await patchSyncState(db, {
        cursor: page.cursor,
        epoch: page.epoch,
        unreadable,
        ackedMutationId: Math.max(state.ackedMutationId, page.lastMutationId),
        rejectionsSince: Math.max(state.rejectionsSince, page.lastMutationId),
        remindersByMail,
      });
    } else {
      await patchSyncState(db, { cursor: page.cursor, epoch: page.epoch, unreadable, remindersByMail });
    }
    await alsoWrite?.();
    await replayPending(db, actor);
  });
}

/** Inside a page's transaction: pending changes rolled back and the page's rows written; the rows it could not read kept. */
async function writeServerPage(db: TandemDB, page: PullResponse, actor: Actor, deferred: Deferred) {
  allowSyncedWrites('pull');
  await restoreShadows(db);
  const skipped = await writeServerRows(db, page.rows, deferred);
  if (page.suppressionSecret) await writeSuppressionSecret(db, actor.teamId, page.suppressionSecret);
  const state = await readSyncState(db);
  return { state, unreadable: mergeUnreadable(state.unreadable, page.rows, skipped) };
}

/**
 * One page of older history (docs/sync.md, "First sign-in to a large team"), in one transaction,
 * only if `stillValid` says the device has not moved on since it asked (else nothing is written
 * and false returned); rows are written and pending changes replayed as for any page, and
 * `alsoWrite` moves the history cursor with them. No acknowledgements: those are the main pull's.
 * `lastActivity` is not kept per page: the last page has it made again after (lib/sync/first-sync.ts).
 */
export async function applyHistoryPage(db: TandemDB, page: PullResponse, actor: Actor, stillValid: () => Promise<boolean>, alsoWrite: () => Promise<void>): Promise<boolean> {
  return db.transaction('rw', writableTables(db), async () => {
    if (!(await stillValid())) return false;
    const { unreadable } = await writeServerPage(db, page, actor, 'history');
    await patchSyncState(db, { unreadable });
    await alsoWrite();
    await replayPending(db, actor);
    return true;
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

/**
 * The server's database is not the one the cursor was taken from (restored from a backup, or
 * another epoch): forget the team's rows and pull from zero. Pending changes stay queued and
 * are replayed on the rows as they arrive.
 */
export async function restartFromZero(db: TandemDB, epoch: string) {
  await db.transaction('rw', writableTables(db), async () => {
    await clearSyncedRows(db);
    // A first sign-in under way starts again from its recent phase (the pull from zero starts one).
    await db.local.delete(LOCAL_KEYS.firstSync);
    await patchSyncState(db, { cursor: 0, epoch, unreadable: [] });
  });
}
