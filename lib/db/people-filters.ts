import Dexie from 'dexie';
import { stageHistory } from '@/lib/metrics';
import type { PeopleFilters, Requisition } from '@/lib/model';
import type { TandemDB } from './database';
import { stageMoves } from './dashboard-queries';
import { type PeopleSet, intersect, readMerges } from './people-sets';

/**
 * Each person's last activity of a kind, read in one `getAll` over the `[kind+prospectId+at]`
 * range: a key cursor would be one round trip per activity (and fake-indexeddb's is quadratic).
 */
async function lastOfKind(db: TandemDB, kind: string, resolve: (id: string) => string): Promise<Map<string, number>> {
  // From the kind's first person ('' is the least string) to past its last (an array sorts after every string).
  const rows = await db.activities.where('[kind+prospectId+at]').between([kind, ''], [kind, Dexie.maxKey]).toArray();
  const last = new Map<string, number>();
  for (const { prospectId, at, deletedAt } of rows) {
    if (deletedAt !== null) continue;
    const id = resolve(prospectId);
    if ((last.get(id) ?? -1) < at) last.set(id, at);
  }
  return last;
}

async function everyone(db: TandemDB): Promise<Set<string>> {
  return new Set(await db.prospects.toCollection().primaryKeys());
}

/** People who reached one of the last two stages before hire of a closed requisition and were not hired. */
async function silverMedalists(db: TandemDB, requisitions: readonly Requisition[], resolve: (id: string) => string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const requisition of requisitions) {
    if (requisition.status !== 'closed' || requisition.deletedAt !== null) continue;
    const hire = requisition.stages.length - 1;
    for (const h of stageHistory(requisition, await stageMoves(db, requisition.id))) {
      if (h.status !== 'hired' && h.furthest >= Math.max(hire - 2, 0) && h.furthest < hire) found.add(resolve(h.prospectId));
    }
  }
  return found;
}

/**
 * The people the filters leave (null: no filter is set). Runs when a filter or the data changes,
 * not on each keystroke: it reads whole indexes (a requisition's moves, every outreach's key).
 */
export async function filterPeople(db: TandemDB, filters: PeopleFilters): Promise<PeopleSet> {
  const { resolve } = await readMerges(db);
  let set: PeopleSet = null;
  const narrow = (next: Iterable<string>) => (set = intersect(set, new Set(next)));

  if (filters.requisitionId !== null) {
    const requisition = await db.requisitions.get(filters.requisitionId);
    const reached = filters.reachedStage === null || !requisition ? -1 : requisition.stages.indexOf(filters.reachedStage);
    if (requisition && reached > 0) {
      narrow(stageHistory(requisition, await stageMoves(db, requisition.id)).filter((h) => h.furthest >= reached).map((h) => resolve(h.prospectId)));
    } else {
      const entries = await db.pipeline.where('requisitionId').equals(filters.requisitionId).toArray();
      narrow(entries.filter((e) => e.deletedAt === null).map((e) => resolve(e.prospectId)));
    }
  }
  if (filters.silverMedalists) narrow(await silverMedalists(db, await db.requisitions.toArray(), resolve));
  if (filters.verdict !== null || filters.scorecardItem !== null) {
    const item = filters.scorecardItem?.trim().toLowerCase() ?? null;
    const decisions = (await db.reviewDecisions.toArray()).filter(
      (d) =>
        d.deletedAt === null &&
        (filters.verdict === null || d.verdict === filters.verdict) &&
        (item === null || (filters.scorecardState === 'met' ? d.met : d.missing).some((m) => m.trim().toLowerCase() === item)),
    );
    narrow(decisions.map((d) => resolve(d.prospectId)));
  }
  if (filters.site !== null) {
    narrow(await db.prospects.where('profileKeys').startsWith(`${filters.site}:`).primaryKeys());
  }
  if (filters.neverContacted || filters.lastContactedBefore !== null || filters.lastContactedAfter !== null) {
    const contacted = await lastOfKind(db, 'outreach', resolve);
    if (filters.neverContacted) {
      narrow([...(set ?? (await everyone(db)))].filter((id) => !contacted.has(id)));
    } else {
      const { lastContactedBefore: before, lastContactedAfter: after } = filters;
      narrow([...contacted].filter(([, at]) => (before === null || at < before) && (after === null || at >= after)).map(([id]) => id));
    }
  }
  if (filters.doNotContact !== 'any') {
    // The do-not-contact mark is set and cleared with an activity each (prospect.setDoNotContact).
    const [setAt, clearedAt] = await Promise.all([lastOfKind(db, 'dnc_set', resolve), lastOfKind(db, 'dnc_cleared', resolve)]);
    const marked = new Set([...setAt].filter(([id, at]) => at >= (clearedAt.get(id) ?? -1)).map(([id]) => id));
    narrow(filters.doNotContact === 'only' ? marked : [...(set ?? (await everyone(db)))].filter((id) => !marked.has(id)));
  }
  return set;
}

/**
 * What a keystroke searches within, worked out when the filters or the data change: the people
 * the filters leave and the table sizes (counting a million rows is not a keystroke's work).
 */
export interface SearchBasis {
  filtered: PeopleSet;
  people: number;
  /** People with a live activity (rows of `lastActivity`). */
  withActivity: number;
}

export async function searchBasis(db: TandemDB, filters: PeopleFilters): Promise<SearchBasis> {
  const [filtered, people, withActivity] = await Promise.all([filterPeople(db, filters), db.prospects.count(), db.lastActivity.count()]);
  return { filtered, people, withActivity };
}
