import type { ReminderPolicy } from '@/lib/model';
import { addCalendarDays, instantAt, localTime, nextAllowed } from './calendar';

/**
 * When the next overdue reminder for a request is due.
 *
 * - The first reminder is at the due time, moved to the next allowed moment (a working day,
 *   outside quiet hours): due Friday 18:30 with quiet hours from 19:00 → Friday 18:30; due
 *   Friday 21:00 → Monday at the end of quiet hours.
 * - After a reminder, the next is on the next working day after the local day it was shown, at
 *   the same local time of day as the first reminder, moved out of quiet hours if need be. So
 *   never in quiet hours and never twice on one local day, even if a reminder was shown late
 *   (the device was asleep) or the policy changed in between.
 */
export function nextReminderAt(dueAt: number, lastRemindedAt: number | null, policy: ReminderPolicy): number {
  const first = nextAllowed(dueAt, policy);
  if (lastRemindedAt === null) return first;
  const { timeZone } = policy;
  const timeOfDay = localTime(first, timeZone).minuteOfDay;
  const remindedOn = localTime(lastRemindedAt, timeZone);
  for (let offset = 1; offset <= 7; offset++) {
    const date = addCalendarDays(remindedOn, offset);
    if (!policy.workingDays.includes(date.weekday)) continue;
    // Moved on if that time is quiet (a DST gap, or quiet hours changed since the first reminder):
    // still a later local day than the last reminder, so never twice on one day.
    return Math.max(first, nextAllowed(instantAt(date, timeOfDay, timeZone), policy));
  }
  throw new Error('nextReminderAt: the policy has no working days');
}

/**
 * The latest reminder slot at or before `now` that comes after `lastSlot` (null: none yet), or
 * null when none is due. A sender that was down for days sends one reminder on coming back, not
 * one per day missed. Slots are the times nextReminderAt gives, never the time a reminder went
 * out, so every process that asks gets the same slot (the mail queue's unique key needs that).
 */
export function dueReminderSlot(dueAt: number, lastSlot: number | null, policy: ReminderPolicy, now: number): number | null {
  let slot: number | null = null;
  // A year of working days at most: a request overdue for longer is still reminded of, once.
  for (let next = nextReminderAt(dueAt, lastSlot, policy), i = 0; next <= now && i < 400; next = nextReminderAt(dueAt, next, policy), i++) slot = next;
  return slot;
}
