import { TZDate } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import type { Activity } from '@/lib/model';

export interface WeeklySourcing {
  actorId: string;
  /** ISO week in the team's time zone, e.g. "2025-W02". */
  week: string;
  /** Distinct people this member viewed that week. */
  viewed: number;
  /** People whose first activity in the team was this member's, that week: the prospect has no author field, so who first touched them added them. */
  added: number;
  /** Outreach logged, per channel. */
  outreach: { inmail: number; email: number; call: number };
  /** Replies logged. */
  replies: number;
  /**
   * Of the distinct people this member contacted that week, the share with a reply logged (by
   * anyone) at or after that contact, so a week's rate counts that week's outreach and never
   * exceeds 1; null when nobody was contacted.
   */
  replyRate: number | null;
  /** People sent for review (one per person in a batch). */
  sentForReview: number;
  /** Distinct people added to a requisition's pipeline. */
  movedIntoRequisition: number;
}

/** "2025-W02": ISO weeks start on Monday and belong to the year of their Thursday. */
export function isoWeek(t: number, timeZone: string): string {
  const d = new TZDate(t, timeZone);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

/**
 * `isoWeek` for many times in one zone: each week's bounds are worked out once, then a time is
 * placed by comparing numbers (zone arithmetic costs about a hundred times more than that, and a
 * window holds hundreds of thousands of activities).
 */
export function isoWeeks(timeZone: string): (t: number) => string {
  const weeks: { start: number; end: number; label: string }[] = [];
  return (t) => {
    for (const week of weeks) if (t >= week.start && t < week.end) return week.label;
    const start = startOfISOWeek(new TZDate(t, timeZone));
    const week = { start: start.getTime(), end: addWeeks(start, 1).getTime(), label: isoWeek(t, timeZone) };
    weeks.push(week);
    return week.label;
  };
}

/**
 * Sourcing activity per member per ISO week (DESIGN.md "Pipeline and the numbers"), from the
 * team's activities. Taken-back and erased activities (`deletedAt`) count for nothing. Sorted by
 * week, then member.
 *
 * `activities` may be a window of the history (a date range): `seenBefore` then names the people
 * with a live activity before it, whose first activity in the window is not their first in the
 * team, so nobody counts as added twice.
 */
export function sourcingActivity(activities: readonly Activity[], timeZone: string, seenBefore: ReadonlySet<string> = new Set()): WeeklySourcing[] {
  const live = activities.filter((a) => a.deletedAt === null);
  const first = new Map<string, Activity>();
  for (const a of live) {
    if (seenBefore.has(a.prospectId)) continue;
    const seen = first.get(a.prospectId);
    if (!seen || a.at < seen.at) first.set(a.prospectId, a);
  }
  const replyTimes = new Map<string, number[]>();
  for (const a of live) if (a.kind === 'reply') replyTimes.set(a.prospectId, [...(replyTimes.get(a.prospectId) ?? []), a.at]);

  const weekOf = isoWeeks(timeZone);
  const rows = new Map<string, { row: WeeklySourcing; viewed: Set<string>; contacted: Map<string, number>; moved: Set<string> }>();
  for (const a of live) {
    const week = weekOf(a.at);
    const key = `${week}\u0000${a.actorId}`;
    let cell = rows.get(key);
    if (!cell) {
      const row: WeeklySourcing = { actorId: a.actorId, week, viewed: 0, added: 0, outreach: { inmail: 0, email: 0, call: 0 }, replies: 0, replyRate: null, sentForReview: 0, movedIntoRequisition: 0 };
      cell = { row, viewed: new Set(), contacted: new Map(), moved: new Set() };
      rows.set(key, cell);
    }
    const { row } = cell;
    if (first.get(a.prospectId) === a) row.added++;
    if (a.kind === 'viewed') cell.viewed.add(a.prospectId);
    else if (a.kind === 'outreach') {
      row.outreach[a.data.channel]++;
      // The first contact of the week is the one a reply has to follow.
      cell.contacted.set(a.prospectId, Math.min(a.at, cell.contacted.get(a.prospectId) ?? Infinity));
    } else if (a.kind === 'reply') row.replies++;
    else if (a.kind === 'review_requested') row.sentForReview++;
    else if (a.kind === 'stage_changed' && a.data.from === null) cell.moved.add(a.prospectId);
  }
  return [...rows.values()]
    .map(({ row, viewed, contacted, moved }) => {
      const replied = [...contacted].filter(([prospectId, at]) => (replyTimes.get(prospectId) ?? []).some((t) => t >= at)).length;
      return { ...row, viewed: viewed.size, movedIntoRequisition: moved.size, replyRate: contacted.size === 0 ? null : replied / contacted.size };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || a.actorId.localeCompare(b.actorId));
}
