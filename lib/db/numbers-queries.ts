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

/**
 * The team's activities in a span of time, for sourcing activity, without reading the whole
 * history: whether someone in the span was added before it is one index look-up per person on
 * [prospectId+at] (the first live activity before `from`), not a scan of everything before.
 */
export async function activityWindow(db: TandemDB, from: number, to: number): Promise<ActivityWindow> {
  return db.transaction('r', db.activities, async () => {
    const activities = await db.activities.where('at').between(from, to, true, true).toArray();
    const people = [...new Set(activities.map((a) => a.prospectId))];
    const earlier = await Promise.all(
      people.map((prospectId) =>
        db.activities
          .where('[prospectId+at]')
          .between([prospectId, Dexie.minKey], [prospectId, from], true, false)
          .filter((a) => a.deletedAt === null)
          .first(),
      ),
    );
    return { activities, seenBefore: new Set(people.filter((_, i) => earlier[i] !== undefined)) };
  });
}
