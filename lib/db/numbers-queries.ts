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
  /** The people of the span the team knew before it (their record is older): they were added earlier. */
  seenBefore: Set<string>;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The team's activities in a span of time, for sourcing activity, without reading the whole
 * history. Read a week at a time: as a live query, one new change then re-reads its own week,
 * and Dexie's live-query cache answers the other weeks from memory. Who was seen before the span
 * comes from the people's records (v9 index on `createdAt`): everyone in the span whose record
 * was not created in it was known to the team before it.
 */
export async function activityWindow(db: TandemDB, from: number, to: number): Promise<ActivityWindow> {
  const weeks: Promise<Activity[]>[] = [];
  for (let start = from; start <= to; start += WEEK_MS) weeks.push(db.activities.where('at').between(start, Math.min(start + WEEK_MS - 1, to), true, true).toArray());
  const [created, ...chunks] = await Promise.all([db.prospects.where('createdAt').between(from, to, true, true).primaryKeys(), ...weeks]);
  const activities = chunks.flat();
  const isNew = new Set(created);
  return { activities, seenBefore: new Set(activities.map((a) => a.prospectId).filter((p) => !isNew.has(p))) };
}
