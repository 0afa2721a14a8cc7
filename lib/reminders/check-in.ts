import { isAllowed, lastCheckInSlot } from '@/lib/deadlines';
import { type CheckInReminder, type ReminderPolicy, type Requisition, recruitsFor } from '@/lib/model';
import type { NotificationSpec } from './memory';
import { notificationId } from './notification-ids';

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
    if (!recruitsFor(r, input.memberId)) continue;
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
