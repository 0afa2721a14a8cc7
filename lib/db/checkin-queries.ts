import Dexie from 'dexie';
import type { Activity, Requisition } from '@/lib/model';
import { type CheckInInput, checkInWeeks } from '@/lib/reports/check-in';
import type { TandemDB } from './database';
import { stageMoves } from './dashboard-queries';
import { resolvePeople } from './queries';
import { requestsForRequisition } from './review-queries';

export type CheckInData = Omit<CheckInInput, 'requisition' | 'members' | 'now' | 'timeZone'>;

/**
 * What one requisition's weekly check-in is built from, bounded by that requisition and two
 * weeks: its moves, its review requests and their decisions, the team's activities since last
 * week began (by the `at` index), and for each person touched since then their first activity
 * ever, so "added" counts only people new to the team.
 */
export async function checkInData(db: TandemDB, requisition: Requisition, now: number, timeZone: string): Promise<CheckInData> {
  const { since } = checkInWeeks(now, timeZone);
  const [moves, requests, recent] = await Promise.all([
    stageMoves(db, requisition.id),
    requestsForRequisition(db, requisition.id),
    db.activities.where('at').aboveOrEqual(since).toArray(),
  ]);
  const decisions = requests.length === 0 ? [] : await db.reviewDecisions.where('requestId').anyOf(requests.map((r) => r.id)).toArray();
  const touched = [...new Set(recent.map((a) => a.prospectId))];
  const firsts = await Promise.all(touched.map((id) => db.activities.where('[prospectId+at]').between([id, Dexie.minKey], [id, since], true, false).first()));
  const activities: Activity[] = [...recent, ...firsts.filter((a): a is Activity => a !== undefined)];
  const ids = [...new Set([...moves.map((m) => m.prospectId), ...requests.flatMap((r) => r.prospectIds)])];
  const people = await resolvePeople(db, ids);
  return { moves, requests, decisions, activities, people: new Map(ids.flatMap((id, i) => (people[i] ? [[id, people[i].name] as const] : []))) };
}
