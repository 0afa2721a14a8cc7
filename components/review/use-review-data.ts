import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { useLiveRead } from '@/components/ui/use-live-read';
import type { TandemDB } from '@/lib/db/database';
import { readMe } from '@/lib/db/local-state';
import { activitiesOfKindForPeople, membersById, notesForPeople, resolvePeople } from '@/lib/db/queries';
import { decisionsForRequest } from '@/lib/db/review-queries';
import type { Activity, Me, Member, Note, Prospect, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';

export type DecisionActivity = Extract<Activity, { kind: 'review_decision' }>;

/** One person of a request, with everything the page shows about them, computed once per change. */
export interface ReviewPerson {
  /** The id as the request lists it. */
  key: string;
  /** null: the person is no longer in Tandem (erased, or not synced to this device yet). */
  prospect: Prospect | null;
  /** undefined: still being read (just after opening, everyone but the first person shown). */
  notes: Note[] | undefined;
  /** `review_decision`s from other reviews, newest first; undefined: still being read. */
  earlierDecisions: DecisionActivity[] | undefined;
  /** This request's standing decision on the person. */
  decision: ReviewDecision | undefined;
}

export interface ReviewHead {
  me: Me | undefined;
  members: Map<string, Member>;
  /** null: no such request on this device. */
  request: ReviewRequest | null;
  requisition: Requisition | undefined;
  /** The requisitions by id that the page names: the request's and those of earlier decisions. */
  requisitions: Map<string, Requisition>;
}

export interface ReviewData extends ReviewHead {
  request: ReviewRequest;
  people: ReviewPerson[];
  /**
   * The request's decisions as last read: a new array only when they changed. `people` also
   * changes with notes and feeds, which can arrive before the decision that wrote them.
   */
  decisions: ReviewDecision[];
}

type PersonContext = Omit<ReviewPerson, 'key' | 'decision'>;
/** A person's context once read: their notes and earlier decisions are there. */
type ReadContext = PersonContext & { notes: Note[]; earlierDecisions: DecisionActivity[] };

const live = <T extends { deletedAt: number | null }>(row: T | undefined): T | undefined => (row && row.deletedAt === null ? row : undefined);

/** The request, its requisition and who reads it, in one read transaction. */
export async function readHead(db: TandemDB, requestId: string): Promise<Omit<ReviewHead, 'requisitions'>> {
  return db.transaction('r', [db.local, db.members, db.reviewRequests, db.requisitions], () => readHeadNow(db, requestId));
}

async function readHeadNow(db: TandemDB, requestId: string): Promise<Omit<ReviewHead, 'requisitions'>> {
  const [me, members, request] = await Promise.all([readMe(db), membersById(db), db.reviewRequests.get(requestId)]);
  const found = live(request) ?? null;
  return { me, members, request: found, requisition: found ? live(await db.requisitions.get(found.requisitionId)) : undefined };
}

/**
 * Every person of the request (by the id it names, following aliases to the record the team
 * kept), and the requisitions their earlier decisions were for: one read transaction and one
 * batch of requests per step for all of them, not a transaction per read per person, which is
 * what cost on a large team's device in Chromium (bench/large-team.ts times it).
 */
export async function readPeople(db: TandemDB, requestId: string, keys: string[], meId: string | undefined): Promise<PeopleRead> {
  return db.transaction('r', [db.aliases, db.prospects, db.notes, db.activities, db.requisitions], () => readPeopleNow(db, requestId, keys, meId));
}

type PeopleRead = { contexts: ReadContext[]; roles: Requisition[] };

/** The request's people's records alone (following aliases), in one read transaction: enough to name them all. */
export async function readRecords(db: TandemDB, keys: string[]): Promise<(Prospect | undefined)[]> {
  return db.transaction('r', [db.aliases, db.prospects], () => resolvePeople(db, keys));
}

async function readPeopleNow(db: TandemDB, requestId: string, keys: string[], meId: string | undefined): Promise<PeopleRead> {
  const prospects = await resolvePeople(db, keys);
  const found = prospects.flatMap((p) => p?.id ?? []);
  // Their decisions only, by index: a person with hundreds of activities costs no more.
  const [notes, decisions] = await Promise.all([meId ? notesForPeople(db, found, meId) : found.map(() => []), activitiesOfKindForPeople(db, found, 'review_decision')]);
  let next = 0;
  const contexts = prospects.map((prospect): ReadContext => {
    if (!prospect) return { prospect: null, notes: [], earlierDecisions: [] };
    const i = next++;
    return { prospect, notes: notes[i]!, earlierDecisions: decisions[i]!.filter((a) => a.data.requestId !== requestId) };
  });
  const roleIds = [...new Set(contexts.flatMap((c) => c.earlierDecisions.flatMap((d) => d.requisitionId ?? [])))];
  const roles = (await db.requisitions.bulkGet(roleIds)).flatMap((r) => live(r) ?? []);
  return { contexts, roles };
}

/** The key of the request's first person without a decision (the first of all when everyone has one; '' for nobody). */
export function firstUndecided(keys: readonly string[], records: readonly (Prospect | undefined)[], decisions: readonly ReviewDecision[]): string {
  const decided = new Set(decisions.map((d) => d.prospectId));
  return keys.find((key, i) => !decided.has(key) && !decided.has(records[i]?.id ?? key)) ?? keys[0] ?? '';
}

/**
 * Everything a review page shows, loaded up front with live queries so that moving between
 * people never waits for the database: the request, then every person's record and the request's
 * decisions (which change most often, so they are queried apart), then the first person to show
 * (the first without a decision) with their notes and earlier decisions, and only then everyone's:
 * on a large team's device reading all of them first kept the page waiting (bench/large-team.ts).
 */
export function useReviewData(requestId: string): ReviewData | null | undefined {
  const db = useDb();
  const head = useLiveRead(
    () => readHead(db, requestId),
    () => readHeadNow(db, requestId),
    [db, requestId],
  );
  const keys = head?.request?.prospectIds;
  const keysDep = keys?.join(',') ?? '';
  const meId = head?.me?.memberId;
  const ids = keysDep ? keysDep.split(',') : [];
  // Each read says which people it is for: a live query keeps its last answer while the next
  // runs, and an answer for other people (the request changed, or before it was known) is not this one.
  const records = useLiveRead(
    async () => ({ for: keysDep, records: await readRecords(db, ids) }),
    async () => ({ for: keysDep, records: await resolvePeople(db, ids) }),
    [db, keysDep],
  );
  const decisions = useLiveQuery(() => decisionsForRequest(db, requestId), [db, requestId]);
  const known = keys && records?.for === keysDep ? records.records : undefined;
  // Who the page opens on (the first without a decision), kept once known: later decisions move
  // the page, not what it reads first.
  const [opening, setOpening] = useState<string | null>(null);
  const firstKey = opening ?? (keys && known && decisions ? firstUndecided(keys, known, decisions) : null);
  if (opening === null && firstKey !== null) setOpening(firstKey);
  const first = useLiveRead(
    async () => (firstKey ? { for: firstKey, read: await readPeople(db, requestId, [firstKey], meId) } : undefined),
    async () => (firstKey ? { for: firstKey, read: await readPeopleNow(db, requestId, [firstKey], meId) } : undefined),
    [db, requestId, firstKey, meId],
  );
  const firstRead = first && first.for === firstKey ? first.read : undefined;
  // Everyone's notes and decisions once the first person's are in (or there is nobody to show).
  const everyoneWanted = firstRead !== undefined || firstKey === '';
  const everyone = useLiveRead(
    async () => (everyoneWanted ? { for: keysDep, read: await readPeople(db, requestId, ids, meId) } : undefined),
    async () => (everyoneWanted ? { for: keysDep, read: await readPeopleNow(db, requestId, ids, meId) } : undefined),
    [db, requestId, keysDep, meId, everyoneWanted],
  );
  const read = everyone && everyone.for === keysDep ? everyone.read : undefined;
  const contexts = useMemo((): PersonContext[] | undefined => {
    if (read) return read.contexts;
    if (!keys || !known || !firstRead) return undefined;
    return keys.map((key, i) => (key === firstKey ? firstRead.contexts[0]! : { prospect: known[i] ?? null, notes: undefined, earlierDecisions: undefined }));
  }, [read, keys, known, firstRead, firstKey]);
  const roles = read?.roles ?? firstRead?.roles;

  const people = useMemo(() => {
    if (!keys || !contexts || contexts.length !== keys.length || !decisions) return undefined;
    const byPerson = new Map(decisions.map((d) => [d.prospectId, d]));
    return keys.map((key, i): ReviewPerson => {
      const context = contexts[i]!;
      return { key, ...context, decision: byPerson.get(context.prospect?.id ?? key) ?? byPerson.get(key) };
    });
  }, [keys, contexts, decisions]);

  if (head === undefined) return undefined;
  if (head.request === null) return null;
  if (people === undefined) return undefined;
  const requisitions = new Map([...(roles ?? []), ...(head.requisition ? [head.requisition] : [])].map((r) => [r.id, r]));
  return { ...head, request: head.request, people, decisions: decisions!, requisitions };
}
