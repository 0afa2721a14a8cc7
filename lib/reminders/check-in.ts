import { isAllowed, localTime } from '@/lib/deadlines';
import { addCalendarDays, instantAt, minutesOf } from '@/lib/deadlines/calendar';
import { isoWeek } from '@/lib/metrics';
import type { CheckInReminder, ReminderPolicy, Requisition } from '@/lib/model';
import type { NotificationSpec } from './memory';
import { notificationId } from './notification-ids';

/**
 * The latest moment at or before `now` that is the chosen weekday and time in `timeZone`, and
 * its ISO week there ("2025-W25"), which names that week's check-in in the memory: one per week
 * whatever the day, so moving the day within a week does not announce the week again.
 */
export function lastCheckInSlot(schedule: Pick<CheckInReminder, 'weekday' | 'time'>, now: number, timeZone: string): { at: number; key: string } {
  const today = localTime(now, timeZone);
  const back = (today.weekday - schedule.weekday + 7) % 7;
  let date = addCalendarDays(today, -back);
  let at = instantAt(date, minutesOf(schedule.time), timeZone);
  if (at > now) {
    date = addCalendarDays(date, -7);
    at = instantAt(date, minutesOf(schedule.time), timeZone);
  }
  return { at, key: isoWeek(at, timeZone) };
}

export interface CheckInDecision {
  notifications: NotificationSpec[];
  /** Requisition id → the week last announced for it (see lastCheckInSlot). */
  announced: Record<string, string>;
  changed: boolean;
}

/**
 * "Weekly check-in for <requisition> is ready", once per week per open requisition the member
 * recruits for, from the chosen weekday and time on. Like every reminder it waits for a working
 * day outside quiet hours. The memory holds the week last announced per requisition, so nothing
 * is shown twice, and a week missed while the browser was closed is shown once, late. A
 * requisition seen for the first time, or any while the reminder is off, has its current week
 * recorded without a notification: a new recruiter, a new device or turning the reminder on is
 * not told about a week that began before, and moving the day earlier does not re-announce.
 */
export function decideCheckIns(input: { memberId: string; requisitions: readonly Requisition[]; schedule: CheckInReminder; announced: Record<string, string>; policy: ReminderPolicy; now: number }): CheckInDecision {
  const { schedule, policy, now } = input;
  const slot = lastCheckInSlot(schedule, now, policy.timeZone);
  const allowed = isAllowed(now, policy);
  const announced = { ...input.announced };
  const due: Requisition[] = [];
  let changed = false;
  for (const r of input.requisitions) {
    if (r.deletedAt !== null || r.status !== 'open' || !r.recruiterIds.includes(input.memberId)) continue;
    const seen = announced[r.id];
    // "2025-W09" < "2025-W10" < "2026-W01": ISO week names compare in time order.
    if (seen !== undefined && seen >= slot.key) continue;
    if (seen !== undefined && schedule.enabled) {
      if (!allowed) continue;
      due.push(r);
    }
    announced[r.id] = slot.key;
    changed = true;
  }
  return {
    notifications: due.map((r) => ({
      id: notificationId.checkIn(r.id),
      title: `Weekly check-in for ${r.title} is ready`,
      message: 'Pipeline, who needs to act, sourcing, pass-through and feedback times: open it to copy, download or print.',
    })),
    announced: changed ? announced : input.announced,
    changed,
  };
}
