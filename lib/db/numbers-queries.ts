import type { Activity, ReviewDecision, ReviewRequest } from '@/lib/model';
import type { TandemDB } from './database';
import { DAY_MS } from '@/lib/time-units';

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

const WEEK_MS = 7 * DAY_MS;

/** The span cut into weeks (both ends included), the unit the activities are read and kept in. */
export function weekRanges(from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = from; start <= to; start += WEEK_MS) ranges.push([start, Math.min(start + WEEK_MS - 1, to)]);
  return ranges;
}

/** One range's activities, through the `at` index only. */
export function activitiesBetween(db: TandemDB, start: number, end: number): Promise<Activity[]> {
  return db.activities.where('at').between(start, end, true, true).toArray();
}

/** The people whose record was created in the span (v9 index on `createdAt`). */
export function createdBetween(db: TandemDB, from: number, to: number): Promise<string[]> {
  return db.prospects.where('createdAt').between(from, to, true, true).primaryKeys();
}

/**
 * The window from its weeks' activities and the people created in it: everyone active in the
 * span whose record was not created in it was known to the team before it.
 */
export function windowOf(weeks: readonly (readonly Activity[])[], created: readonly string[]): ActivityWindow {
  const activities = weeks.flat();
  const isNew = new Set(created);
  return { activities, seenBefore: new Set(activities.map((a) => a.prospectId).filter((p) => !isNew.has(p))) };
}

/**
 * The team's activities in a span of time, for sourcing activity, without reading the whole
 * history. The Numbers view reads the same weeks as separate live queries
 * (components/dashboard/numbers/use-activity-window.ts), so a change re-reads only its own week.
 */
export async function activityWindow(db: TandemDB, from: number, to: number): Promise<ActivityWindow> {
  const [created, ...weeks] = await Promise.all([createdBetween(db, from, to), ...weekRanges(from, to).map(([start, end]) => activitiesBetween(db, start, end))]);
  return windowOf(weeks, created);
}
