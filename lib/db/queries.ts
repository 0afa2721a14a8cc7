import { startOfDay, endOfDay } from 'date-fns';
import { Dexie } from 'dexie';
import { startingWith } from './key-ranges';
import type { Activity, Member, Note, PipelineEntry, Prospect } from '@/lib/model';
import { type TandemDB, fromProspectRow } from './database';
import { readMe } from './local-state';
import { TOMBSTONES, readUpgradeBacklog } from './upgrade-walks';
import { resolveProspectIds } from '@/lib/mutations';
import { warnsDeclined, warnsRejected } from '@/lib/guard/outreach-guard';

export async function findProspectByKey(db: TandemDB, key: string): Promise<Prospect | undefined> {
  const rows = await db.prospects.where('profileKeys').equals(key).toArray();
  const live = rows.find((r) => r.deletedAt === null);
  return live ? fromProspectRow(live) : undefined;
}

export async function findProspectsByEmail(db: TandemDB, email: string): Promise<Prospect[]> {
  const rows = await db.prospects.where('emails').equals(email.trim().toLowerCase()).toArray();
  return rows.filter((r) => r.deletedAt === null).map(fromProspectRow);
}

/** The person an id names now, following aliases (merges chain them) to the record the team kept. */
export async function resolvePerson(db: TandemDB, id: string): Promise<Prospect | undefined> {
  const [person] = await resolvePeople(db, [id]);
  return person;
}

/**
 * The people some ids name now, in order (undefined: nobody live), following merges: a follow-up
 * or request keeps the id it was made with. One `bulkGet` of aliases per hop and one of people,
 * however many ids.
 */
export async function resolvePeople(db: TandemDB, ids: readonly string[]): Promise<(Prospect | undefined)[]> {
  const rows = await db.prospects.bulkGet(await resolveProspectIds((keys) => db.aliases.bulkGet(keys), ids));
  return rows.map((row) => (row && row.deletedAt === null ? fromProspectRow(row) : undefined));
}

/**
 * What `idsOfPeople` read in each explicit read transaction, by the people asked for: a view's
 * reads each ask for the same person's ids (the sidebar's six, the guard's three), and in one
 * transaction the aliases cannot change, so they are read once (a request each in Chromium).
 */
const idsInTransaction = new WeakMap<object, Map<string, Promise<string[][]>>>();

/**
 * Every id that stands for the person: their own and every alias leading to them. A merge
 * (prospect.merge) leaves the merged-away record's feed, notes, follow-ups, pipeline and
 * reviews under its old id; reads gather them through these ids, so nothing is rewritten and
 * a change written offline to either id shows in one place. Aliases chain (A into B, B into C).
 * One read of aliases per link of the longest chain, however many people.
 */
export function idsOfPeople(db: TandemDB, prospectIds: readonly string[]): Promise<string[][]> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readonly') return readIdsOfPeople(db, prospectIds);
  const known = idsInTransaction.get(tx) ?? new Map<string, Promise<string[][]>>();
  idsInTransaction.set(tx, known);
  const key = JSON.stringify(prospectIds);
  const ids = known.get(key) ?? readIdsOfPeople(db, prospectIds);
  known.set(key, ids);
  // Each caller gets its own copy: some add to or sort what they are given.
  return ids.then((people) => people.map((person) => [...person]));
}

async function readIdsOfPeople(db: TandemDB, prospectIds: readonly string[]): Promise<string[][]> {
  const aliasesOf = new Map<string, string[]>();
  let frontier = [...new Set(prospectIds)];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const found = await db.aliases.where('prospectId').anyOf(frontier).toArray();
    frontier = [];
    for (const alias of found) {
      aliasesOf.set(alias.prospectId, [...(aliasesOf.get(alias.prospectId) ?? []), alias.id]);
      if (seen.has(alias.id)) continue;
      seen.add(alias.id);
      frontier.push(alias.id);
    }
  }
  return prospectIds.map((prospectId) => {
    const ids = new Set([prospectId]);
    for (let next = [prospectId]; next.length > 0; ) {
      // In the order one read of the frontier's aliases gives them: by the id they lead to, then their own.
      next = next
        .sort()
        .flatMap((id) => aliasesOf.get(id) ?? [])
        .filter((id) => !ids.has(id));
      for (const id of next) ids.add(id);
    }
    return [...ids];
  });
}

/** What `read` gives for each id of the person (compound indexes are read one id at a time). */
export async function byPerson<T>(db: TandemDB, prospectId: string, read: (id: string) => Promise<T>): Promise<T[]> {
  const [rows] = await byPeople(db, [prospectId], read);
  return rows!;
}

/**
 * `byPerson` for each of some people: their reads all issued at once (one transaction's worth of
 * requests, when called in one). Each person's own id is read beside their aliases, not after:
 * most people were never merged, and a round trip less is what a lookup is made of.
 */
async function byPeople<T>(db: TandemDB, prospectIds: readonly string[], read: (id: string) => Promise<T>): Promise<T[][]> {
  const [ids, own] = await Promise.all([idsOfPeople(db, prospectIds), Promise.all(prospectIds.map(read))]);
  // `idsOfPeople` lists each person's own id first.
  return Promise.all(ids.map(([, ...aliases], i) => Promise.all(aliases.map(read)).then((more) => [own[i]!, ...more])));
}

/** The person's feed (every id of theirs), newest first, tombstones left out. */
export async function activitiesFor(db: TandemDB, prospectId: string): Promise<Activity[]> {
  const rows = await byPerson(db, prospectId, (id) =>
    startingWith(db.activities.where('[prospectId+at]'), id).toArray(),
  );
  return rows.flat().filter((a) => a.deletedAt === null).sort((a, b) => b.at - a.at);
}

/** The person's newest activities (every id of theirs), newest first, and whether older ones exist: `limit` index entries per id at most. */
export async function recentActivitiesFor(db: TandemDB, prospectId: string, limit: number): Promise<{ activities: Activity[]; more: boolean }> {
  const rows = await byPerson(db, prospectId, (id) =>
    startingWith(db.activities.where('[prospectId+at]'), id)
      .reverse()
      .limit(limit + 1)
      .toArray(),
  );
  const activities = rows
    .flat()
    .filter((a) => a.deletedAt === null)
    .sort((a, b) => b.at - a.at);
  return { activities: activities.slice(0, limit), more: activities.length > limit || rows.some((r) => r.length > limit) };
}

/** The person's activities of some kinds since `since` (every id of theirs), newest first: those index ranges only. */
export async function activitiesSinceFor(db: TandemDB, prospectId: string, kinds: readonly Activity['kind'][], since: number): Promise<Activity[]> {
  const rows = await byPerson(db, prospectId, (id) =>
    Promise.all(
      kinds.map((kind) =>
        db.activities
          .where('[kind+prospectId+at]')
          .between([kind, id, since], [kind, id, Dexie.maxKey])
          .toArray(),
      ),
    ),
  );
  return rows
    .flat(2)
    .filter((a) => a.deletedAt === null)
    .sort((a, b) => b.at - a.at);
}

/** What the outreach guard reads of a person's window (lib/guard): see `guardActivitiesFor`. */
export interface GuardActivities {
  /** Newest first: the newest outreach, and of decisions and replies the newest that warn. */
  activities: Activity[];
  /** The person's live outreach in the window, counted. */
  outreachCount: number;
}

/**
 * What the outreach guard (lib/guard) needs of the person's history since `since`: the newest
 * outreach and how many there were, and of decisions and replies only the newest that warn. So
 * a person with hundreds of outreach or replies in the window reads no more rows of them than a
 * page: outreach is counted by index keys, less the person's undone ones (`tombstoneOf`).
 */
export async function guardActivitiesFor(db: TandemDB, prospectId: string, since: number, indexed: Promise<boolean> = tombstonesIndexed(db)): Promise<GuardActivities> {
  const [outreach, ...warnings] = await Promise.all([
    outreachSinceFor(db, prospectId, since, indexed),
    newestSinceFor(db, prospectId, 'review_decision', since, warnsRejected),
    newestSinceFor(db, prospectId, 'reply', since, warnsDeclined),
  ]);
  return { activities: [...outreach.newest, ...warnings.flat()].sort((a, b) => b.at - a.at), outreachCount: outreach.count };
}

/** Whether every undone activity is in `tombstoneOf` (not while the walk after the v15 upgrade is under way, lib/db/upgrade-walks.ts). A lookup asks it beside the person, not after. */
export function tombstonesIndexed(db: TandemDB): Promise<boolean> {
  return readUpgradeBacklog(db, TOMBSTONES).then((backlog) => backlog === undefined);
}

/**
 * The person's live outreach since `since`: how many, and the newest of each of their ids. Counted
 * by index keys once every undone activity is in `tombstoneOf` (`indexed`, `tombstonesIndexed`);
 * else from the rows.
 */
async function outreachSinceFor(db: TandemDB, prospectId: string, since: number, indexed: Promise<boolean>): Promise<{ newest: Activity[]; count: number }> {
  const parts = await byPerson(db, prospectId, async (id) => {
    const range = db.activities.where('[kind+prospectId+at]').between(['outreach', id, since], ['outreach', id, Dexie.maxKey]);
    const [keys, newest, undone, byIndex] = await Promise.all([range.clone().count(), range.clone().reverse().limit(GUARD_PAGE).toArray(), db.activities.where('tombstoneOf').equals(id).toArray(), indexed]);
    const whole = keys <= GUARD_PAGE ? newest : !byIndex ? (await range.toArray()).reverse() : undefined;
    const count = whole ? whole.filter((a) => a.deletedAt === null).length : keys - undone.filter((a) => a.kind === 'outreach' && a.at >= since).length;
    const live = (whole ?? newest).filter((a) => a.deletedAt === null);
    // A page of nothing but undone outreach (rare): the whole range, to find the newest live one.
    const read = live.length > 0 || count === 0 ? live : (await range.toArray()).filter((a) => a.deletedAt === null).reverse();
    // Its newest, and any of the same time in key order, as the guard took them from every row.
    return { newest: read.filter((a) => a.at === read[0]!.at).reverse(), count };
  });
  return { newest: parts.flatMap((p) => p.newest), count: parts.reduce((n, p) => n + p.count, 0) };
}

/** How many of a kind the guard reads at first, newest first, to find the one that warns. */
const GUARD_PAGE = 16;

/**
 * The person's newest live activities of a kind since `since` that `matches` (each id's newest,
 * and any of the same time, in key order as a forward read gives them: the guard takes the first
 * of equals). The newest GUARD_PAGE first, in one request (a cursor that stops at the match
 * costs a round trip a row in Chromium); the whole range only when they do not settle it.
 */
async function newestSinceFor(db: TandemDB, prospectId: string, kind: Activity['kind'], since: number, matches: (a: Activity) => boolean): Promise<Activity[]> {
  const rows = await byPerson(db, prospectId, async (id) => {
    const range = db.activities.where('[kind+prospectId+at]').between([kind, id, since], [kind, id, Dexie.maxKey]);
    const newest = await range.clone().reverse().limit(GUARD_PAGE).toArray();
    const found = newest.find((a) => a.deletedAt === null && matches(a));
    const settled = newest.length < GUARD_PAGE || (found !== undefined && newest.at(-1)!.at < found.at);
    const read = settled ? newest : (await range.toArray()).reverse();
    const first = read.find((a) => a.deletedAt === null && matches(a));
    return read.filter((a) => a.deletedAt === null && matches(a) && a.at === first?.at).reverse();
  });
  return rows.flat();
}

/** The person's activities of one kind (every id of theirs), newest first: that kind's index range only, however long their feed. */
export async function activitiesOfKindFor<K extends Activity['kind']>(db: TandemDB, prospectId: string, kind: K): Promise<Extract<Activity, { kind: K }>[]> {
  const [activities] = await activitiesOfKindForPeople(db, [prospectId], kind);
  return activities!;
}

/** `activitiesOfKindFor` for each of some people. */
export async function activitiesOfKindForPeople<K extends Activity['kind']>(db: TandemDB, prospectIds: readonly string[], kind: K): Promise<Extract<Activity, { kind: K }>[][]> {
  const rows = await byPeople(db, prospectIds, (id) =>
    startingWith(db.activities.where('[kind+prospectId+at]'), kind, id).toArray(),
  );
  return rows.map((person) =>
    person
      .flat()
      .filter((a): a is Extract<Activity, { kind: K }> => a.deletedAt === null && a.kind === kind)
      .sort((a, b) => b.at - a.at),
  );
}

/** Notes the member may see: the team's and their own private ones, newest first. */
export async function notesFor(db: TandemDB, prospectId: string, memberId: string): Promise<Note[]> {
  const [notes] = await notesForPeople(db, [prospectId], memberId);
  return notes!;
}

/** `notesFor` for each of some people. */
export async function notesForPeople(db: TandemDB, prospectIds: readonly string[], memberId: string): Promise<Note[][]> {
  const rows = await byPeople(db, prospectIds, (id) =>
    startingWith(db.notes.where('[prospectId+createdAt]'), id).toArray(),
  );
  return rows.map((person) =>
    person
      .flat()
      .filter((n) => n.deletedAt === null && (n.visibility === 'team' || n.authorId === memberId))
      .sort((a, b) => b.createdAt - a.createdAt),
  );
}

/** The person's pipeline entries, under every id of theirs. */
export async function pipelineFor(db: TandemDB, prospectId: string): Promise<PipelineEntry[]> {
  const entries = (await byPerson(db, prospectId, (id) => db.pipeline.where('prospectId').equals(id).toArray())).flat();
  // Two people merged while both were in one requisition leave two entries until the next move
  // carries the merged-away one over: show one per requisition, the person's own, else the latest.
  const byRequisition = new Map<string, PipelineEntry>();
  for (const entry of entries) {
    if (entry.deletedAt !== null) continue;
    const shown = byRequisition.get(entry.requisitionId);
    const better = !shown || (shown.prospectId !== prospectId && (entry.prospectId === prospectId || entry.updatedAt > shown.updatedAt));
    if (better) byRequisition.set(entry.requisitionId, entry);
  }
  return [...byRequisition.values()];
}

/** Whether the member already has a `viewed` on the person on the local calendar day of `at`. */
export async function hasViewedOnDay(db: TandemDB, prospectId: string, memberId: string, at: number): Promise<boolean> {
  const from = startOfDay(at).getTime();
  const to = endOfDay(at).getTime();
  const counts = await byPerson(db, prospectId, (id) =>
    db.activities
      .where('[kind+prospectId+at]')
      .between(['viewed', id, from], ['viewed', id, to], true, true)
      .filter((a) => a.deletedAt === null && a.actorId === memberId)
      .count(),
  );
  return counts.some((n) => n > 0);
}

/**
 * The members of the team this device works in (before sign-in: its local profile alone). A
 * member row of any other team is nobody here: the local profile an earlier version kept after
 * sign-in showed up in every picker, and the server refused it.
 */
export async function teamMembers(db: TandemDB): Promise<Member[]> {
  const [me, rows] = await Promise.all([readMe(db), db.members.toArray()]);
  return me ? rows.filter((m) => m.teamId === me.teamId) : rows;
}

export async function membersById(db: TandemDB): Promise<Map<string, Member>> {
  return new Map((await teamMembers(db)).map((m) => [m.id, m]));
}
