import type { TandemDB } from './database';
import { type Merges, type PeopleSet } from './people-sets';
import { type SearchMemo, freshMemo, mergesOf } from './search-memo';

/** Entries read per step when walking `lastActivity` newest first. */
const WALK_CHUNK = 500;

/**
 * What reading one person's `lastActivity` row by key costs, in index entries walked: in
 * Chromium (v156, 100,000 people) a `get` is 55–65 µs (one request each, pipelined) where a walk
 * of the `at` index's keys reads 500 in 4–6 ms, so a set's own rows are read only when it is small.
 */
export const GET_COST_IN_ENTRIES = 6;

export interface Ordered {
  /** The first `limit` people by last activity, newest first; people with none follow, newest added first. */
  ids: string[];
  /** Last activity of each of them (absent: none). */
  lastActivityAt: Map<string, number>;
}

/** Every id that counts as each person: the person's own and the ids merged into them (aliases). */
function idsCountingFor(people: ReadonlySet<string>, { aliasIds, resolve }: Merges): Map<string, string> {
  const owner = new Map([...people].map((id) => [id, id]));
  for (const alias of aliasIds) {
    const into = resolve(alias);
    if (into !== alias && people.has(into)) owner.set(alias, into);
  }
  return owner;
}

/**
 * The first `limit` of a set of people by last activity, from `lastActivity` (one row per person
 * with activity, kept in step with the activities; lib/db/last-activity.ts): for a small set each
 * person's own row by key; for a large one the `at` index newest first, `WALK_CHUNK` at a time,
 * until `limit` of them turn up — whichever reads less (about |set| gets against
 * limit × rows ÷ |set| rows walked, a get weighing `GET_COST_IN_ENTRIES`). An alias's activity
 * counts for the person it was merged into.
 */
export async function orderByLastActivity(db: TandemDB, people: PeopleSet, limit: number, withActivity: number, memo: SearchMemo = freshMemo()): Promise<Ordered> {
  const lastActivityAt = new Map<string, number>();
  const merges = await mergesOf(db, memo);
  const { resolve } = merges;
  if (people !== null && people.size * GET_COST_IN_ENTRIES <= (limit * withActivity) / Math.max(people.size, 1)) {
    const owner = idsCountingFor(people, merges);
    const times = await lastActivityOf(db, memo, [...owner.keys()]);
    times.forEach((at, key) => {
      const id = owner.get(key)!;
      if (at !== null && (lastActivityAt.get(id) ?? -1) < at) lastActivityAt.set(id, at);
    });
    const ids = [...people].sort((a, b) => (lastActivityAt.get(b) ?? -1) - (lastActivityAt.get(a) ?? -1) || (a < b ? 1 : -1)).slice(0, limit);
    return { ids, lastActivityAt };
  }
  // Each person once, by the id (theirs or a merged-away one's) whose activity came first.
  const via = new Map<string, string>();
  const next = newestFirst(db, WALK_CHUNK);
  for (let step = await next(); step !== null && via.size < limit; step = await next()) {
    for (const met of step) {
      const id = resolve(met);
      if (via.has(id) || (people !== null && !people.has(id))) continue;
      via.set(id, met);
      if (via.size >= limit) break;
    }
  }
  const ids = [...via.keys()];
  if (ids.length < limit) {
    // Everyone left has no activity: newest added first (ids are ULIDs, made when they were).
    const rest = people !== null ? [...people] : await db.prospects.toCollection().primaryKeys();
    for (const id of rest.sort().reverse()) {
      if (ids.length >= limit) break;
      if (!via.has(id)) ids.push(id);
    }
  }
  return { ids, lastActivityAt: await timesVia(db, memo, via) };
}

/**
 * Who has activity, newest first, `size` at a time (each by the id their activity is stored
 * under), null once everyone is met: the `at` index's keys only (in Chromium a third to half
 * cheaper than its rows). Each step reads from the time of the last one's oldest (one `get`),
 * skipping who it met there already; when more people share one time than a step holds, the
 * rest of them come in one step and the walk goes on below that time.
 */
export function newestFirst(db: TandemDB, size: number): () => Promise<string[] | null> {
  let bound = Number.POSITIVE_INFINITY;
  // Whether the next step reads people at `bound` itself, and whom the walk met there.
  let inclusive = true;
  let met = new Set<string>();
  let done = false;
  const step = async (): Promise<string[] | null> => {
    if (done) return null;
    const range = inclusive ? db.lastActivity.where('at').belowOrEqual(bound) : db.lastActivity.where('at').below(bound);
    const ids = await range.reverse().limit(size).primaryKeys();
    const fresh = ids.filter((id) => !met.has(id));
    if (fresh.length === 0 && ids.length === size) {
      const tie = (await db.lastActivity.where('at').equals(bound).reverse().primaryKeys()).filter((id) => !met.has(id));
      inclusive = false;
      met = new Set();
      return tie.length > 0 ? tie : step();
    }
    const oldest = ids.length < size ? undefined : (await db.lastActivity.get(ids[ids.length - 1]!))?.at;
    if (oldest === undefined) done = true;
    else {
      met = oldest === bound && inclusive ? new Set([...met, ...ids]) : new Set(ids);
      bound = oldest;
      inclusive = true;
    }
    return fresh.length > 0 ? fresh : null;
  };
  return step;
}

/** People's `lastActivity` times (null: none), from the memo or read by key. */
async function lastActivityOf(db: TandemDB, memo: SearchMemo, keys: readonly string[]): Promise<Map<string, number | null>> {
  const missing = keys.filter((key) => !memo.lastAt.has(key));
  if (missing.length > 0) (await db.lastActivity.bulkGet(missing)).forEach((row, i) => memo.lastAt.set(missing[i]!, row?.at ?? null));
  return new Map(keys.map((key) => [key, memo.lastAt.get(key) ?? null]));
}

/** The last activity of each person a walk met, by the id it met them under. */
export async function timesVia(db: TandemDB, memo: SearchMemo, via: ReadonlyMap<string, string>): Promise<Map<string, number>> {
  const times = await lastActivityOf(db, memo, [...via.values()]);
  const lastActivityAt = new Map<string, number>();
  via.forEach((met, id) => {
    const at = times.get(met) ?? null;
    if (at !== null) lastActivityAt.set(id, at);
  });
  return lastActivityAt;
}
