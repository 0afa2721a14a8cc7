import Dexie, { type DBCore, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import { startingWith } from './key-ranges';
import { keepDerivedTable } from './derived-table';

/**
 * Each person's last activity, derived on the device so the People search orders thousands of
 * matches by reading one index (`at`) instead of every match's feed. Keyed by the activity's own
 * `prospectId`: a merged-away person keeps their row, and the search counts it for the person
 * they merged into (aliases are resolved when reading, so a merge or an undone merge changes
 * nothing here). A person with no live activity has no row. Local only: not a synced entity, so
 * neither sync nor backups see it.
 */
export interface LastActivityRow {
  prospectId: string;
  at: number;
}

export const LAST_ACTIVITY = 'lastActivity';
const ACTIVITIES = 'activities';

/** Transactions whose writes to `activities` leave `lastActivity` to be rebuilt after (`deferLastActivity`). */
const deferred = new WeakSet<object>();

/**
 * Leaves `lastActivity` out of step for the running transaction's writes to `activities`: a
 * first sign-in's pages have it made again after each phase, a person at a time
 * (`recomputeLastActivity`, lib/db/deferred-indexes.ts), instead of reading and writing it per
 * page (in Chromium that was ~8 s of a 100,000-row pull whose history each page made newer).
 */
export function deferLastActivity(): void {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('deferLastActivity() must be called inside a Dexie transaction');
  deferred.add(tx.idbtrans);
}

interface ActivityFields {
  id: string;
  prospectId: string;
  at: number;
  deletedAt: number | null;
}

const live = (a: ActivityFields | undefined): a is ActivityFields => a !== undefined && a.deletedAt === null;

/** The newest live activity per person among `rows`, raised into `into`. */
export function raiseLatest(into: Map<string, number>, rows: Iterable<ActivityFields>): Map<string, number> {
  for (const a of rows) if (live(a) && (into.get(a.prospectId) ?? -Infinity) < a.at) into.set(a.prospectId, a.at);
  return into;
}

/** Activities read per request when rebuilding from the whole table. */
const REBUILD_CHUNK = 20_000;

// DBCoreRangeType.Any (a const enum, which isolated modules cannot import).
const EVERY_KEY = { type: 3, lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false } as unknown as DBCoreKeyRange;

/** Every person's last activity from the whole `activities` table, read by primary key in chunks. */
async function rebuild(activities: DBCoreTable, lastActivity: DBCoreTable, trans: DBCoreTransaction): Promise<void> {
  const latest = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const range = after === null ? EVERY_KEY : ({ type: 2 /* Range */, lower: after, lowerOpen: true, upper: Dexie.maxKey, upperOpen: false } as DBCoreKeyRange);
    const { result } = await activities.query({ trans, values: true, limit: REBUILD_CHUNK, query: { index: activities.schema.primaryKey, range } });
    raiseLatest(latest, result as ActivityFields[]);
    if (result.length < REBUILD_CHUNK) break;
    after = (result[result.length - 1] as ActivityFields).id;
  }
  await lastActivity.mutate({ trans, type: 'deleteRange', range: EVERY_KEY });
  if (latest.size > 0) await lastActivity.mutate({ trans, type: 'put', values: [...latest].map(([prospectId, at]) => ({ prospectId, at })) });
}

/** One person's last live activity, from their own feed (`[prospectId+at]`, newest first). */
async function latestOf(activities: DBCoreTable, trans: DBCoreTransaction, prospectId: string): Promise<number | null> {
  const index = activities.schema.getIndexByKeyPath(['prospectId', 'at']);
  if (!index) throw new Error('activities has no [prospectId+at] index');
  const { result } = await activities.query({
    trans,
    values: true,
    limit: Infinity,
    direction: 'prev',
    query: { index, range: { type: 2, lower: [prospectId, Dexie.minKey], lowerOpen: false, upper: [prospectId, Dexie.maxKey], upperOpen: false } },
  });
  return (result as ActivityFields[]).find(live)?.at ?? null;
}

/** The rows a write to `activities` changes, given the rows before it and the request. */
async function follow(down: DBCore, req: DBCoreMutateRequest, before: (ActivityFields | undefined)[], failed: Set<number>): Promise<void> {
  const { trans } = req;
  const activities = down.table(ACTIVITIES);
  const lastActivity = down.table(LAST_ACTIVITY);
  if (req.type === 'deleteRange') return rebuild(activities, lastActivity, trans);
  const after: (ActivityFields | undefined)[] = req.type === 'delete' ? req.keys.map(() => undefined) : (req.values as ActivityFields[]);
  // A live activity that went (deleted, tombstoned, moved to another person or back in time)
  // may have been its person's newest: those people are read again from their feeds.
  const reread = new Set<string>();
  const raised = new Map<string, number>();
  before.forEach((old, i) => {
    if (failed.has(i)) return;
    const now = after[i];
    if (live(old) && !(live(now) && now.prospectId === old.prospectId && now.at >= old.at)) reread.add(old.prospectId);
  });
  raiseLatest(
    raised,
    after.filter((a, i): a is ActivityFields => !failed.has(i) && a !== undefined && !reread.has(a.prospectId)),
  );
  const ids = [...raised.keys()];
  const current = ids.length > 0 ? ((await lastActivity.getMany({ trans, keys: ids })) as (LastActivityRow | undefined)[]) : [];
  const puts: LastActivityRow[] = ids.flatMap((prospectId, i) => {
    const at = raised.get(prospectId)!;
    return (current[i]?.at ?? -Infinity) < at ? [{ prospectId, at }] : [];
  });
  const deletes: string[] = [];
  for (const prospectId of reread) {
    const at = await latestOf(activities, trans, prospectId);
    if (at === null) deletes.push(prospectId);
    else puts.push({ prospectId, at });
  }
  if (puts.length > 0) await lastActivity.mutate({ trans, type: 'put', values: puts });
  if (deletes.length > 0) await lastActivity.mutate({ trans, type: 'delete', keys: deletes });
}

/** Keeps `lastActivity` in step with `activities` (`keepDerivedTable`): every write to `activities` updates the people it touched. */
export function keepLastActivity(db: Dexie): void {
  keepDerivedTable(db, {
    name: 'LastActivity',
    source: ACTIVITIES,
    derived: LAST_ACTIVITY,
    async mutate(table, down, req) {
      // A first sign-in's pages leave it to be made again after (schema v11's upgrade filled it itself).
      if (deferred.has(req.trans)) return table.mutate(req);
      const keys = req.type === 'delete' ? req.keys : req.type === 'deleteRange' ? [] : (req.values as ActivityFields[]).map((a) => a.id);
      const before = keys.length > 0 ? ((await table.getMany({ trans: req.trans, keys })) as (ActivityFields | undefined)[]) : [];
      const response = await table.mutate(req);
      await follow(down, req, before, new Set(Object.keys(response.failures).map(Number)));
      return response;
    },
  });
}

/**
 * `lastActivity` made again for the people (by id) after `after` (null: from the first) whose
 * activities are among the next `maxRows` in `[prospectId+at]` order (a person cut off by the
 * limit is left for the next call, unless they are the only one: then their whole feed is read),
 * and the rows of anyone between without activities dropped; in the caller's transaction.
 * Returns the last person done, or null when no one is left. A walk of short transactions
 * (lib/db/deferred-indexes.ts), each one read of the index: exact for each person when done,
 * and kept so by every write after, so a large team's device is never held for one
 * transaction over all its activities.
 */
export async function recomputeLastActivity(db: Dexie, after: string | null, maxRows: number): Promise<string | null> {
  const activities = db.table(ACTIVITIES);
  let rows = (await (after === null ? activities.orderBy('[prospectId+at]') : activities.where('[prospectId+at]').above([after, Dexie.maxKey])).limit(maxRows).toArray()) as ActivityFields[];
  const ended = rows.length < maxRows;
  const cut = rows[rows.length - 1]?.prospectId;
  if (!ended && cut !== undefined) {
    rows = rows[0]!.prospectId === cut ? ((await startingWith(activities.where('[prospectId+at]'), cut).toArray()) as ActivityFields[]) : rows.filter((a) => a.prospectId !== cut);
  }
  const last = rows[rows.length - 1]?.prospectId ?? null;
  const table = db.table(LAST_ACTIVITY);
  // The rows of the people done: after `after` up to `last`, or to the end when no one is left.
  const done = ended ? (after === null ? table.toCollection() : table.where(':id').above(after)) : table.where(':id').between(after ?? '', last!, after === null, true);
  await done.delete();
  await table.bulkPut([...raiseLatest(new Map(), rows)].map(([prospectId, at]) => ({ prospectId, at })));
  return ended ? null : last;
}

/** Fills `lastActivity` from the activities already on the device (the upgrade to schema v11). */
export async function fillLastActivity(tx: { table(name: string): Dexie.Table }): Promise<void> {
  const activities = tx.table(ACTIVITIES);
  const latest = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const chunk = (await (after === null ? activities.orderBy(':id') : activities.where(':id').above(after)).limit(REBUILD_CHUNK).toArray()) as ActivityFields[];
    raiseLatest(latest, chunk);
    if (chunk.length < REBUILD_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  await tx.table(LAST_ACTIVITY).bulkPut([...latest].map(([prospectId, at]) => ({ prospectId, at })));
}
