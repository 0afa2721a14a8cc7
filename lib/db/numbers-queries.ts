import Dexie from 'dexie';
import type { Activity, ReviewDecision, ReviewRequest } from '@/lib/model';
import type { TandemDB } from './database';

export interface ReviewHistory {
  requests: ReviewRequest[];
  decisions: ReviewDecision[];
}

/**
 * Every review request and decision, erased and taken-back ones included (lib/metrics leaves
 * them out), for the feedback times, people lost while waiting and calibration. They are a
 * small table beside the activities: one request per batch sent.
 */
export async function reviewHistory(db: TandemDB): Promise<ReviewHistory> {
  const [requests, decisions] = await Promise.all([db.reviewRequests.toArray(), db.reviewDecisions.toArray()]);
  return { requests, decisions };
}

export interface ActivityWindow {
  /** The activities of the span (both ends included), read through the `at` index only. */
  activities: Activity[];
  /** The people of the span with a live activity before it: they were added earlier. */
  seenBefore: Set<string>;
}

/** How many of a person's activities before the span to read at once; more than this many taken back in a row is rare. */
const FEW = 4;

/**
 * Whether the person has a live activity before `from`: a small query on [prospectId+at], not a
 * filtered cursor, because Dexie's live-query cache keeps query results (not cursors) and answers
 * a person whose history did not change from memory when the window is read again.
 */
async function seenBefore(db: TandemDB, prospectId: string, from: number): Promise<boolean> {
  const range = db.activities.where('[prospectId+at]').between([prospectId, Dexie.minKey], [prospectId, from], true, false);
  const first = await range.clone().limit(FEW).toArray();
  if (first.some((a) => a.deletedAt === null)) return true;
  if (first.length < FEW) return false;
  return (await range.filter((a) => a.deletedAt === null).first()) !== undefined;
}

/**
 * The team's activities in a span of time, for sourcing activity, without reading the whole
 * history: whether someone in the span was added before it is one index look-up per person
 * (their first live activity before `from`), not a scan of everything before. Run as a live
 * query (outside an explicit transaction, so Dexie may cache each read), it answers again when an
 * activity in the span, or an earlier one of someone in it, changes.
 */
export async function activityWindow(db: TandemDB, from: number, to: number): Promise<ActivityWindow> {
  const activities = await db.activities.where('at').between(from, to, true, true).toArray();
  const people = [...new Set(activities.map((a) => a.prospectId))];
  const earlier = await Promise.all(people.map((prospectId) => seenBefore(db, prospectId, from)));
  return { activities, seenBefore: new Set(people.filter((_, i) => earlier[i])) };
}
