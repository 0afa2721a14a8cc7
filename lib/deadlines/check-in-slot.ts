import type { CheckInReminder } from '@/lib/model';
import { isoWeek } from '@/lib/metrics';
import { addCalendarDays, instantAt, localTime, minutesOf } from './calendar';

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

