import { TZDate } from '@date-fns/tz';
import type { ReminderPolicy } from '@/lib/model';
import { DAY_MS } from '@/lib/time-units';

/**
 * Working days and quiet hours, read in the policy's time zone. Pure: every function takes the
 * instant it reasons about (ms since the epoch) and the policy.
 */

/** A calendar date (month 0-based, like Date) with its ISO weekday and the minute of the day, in one zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  minuteOfDay: number;
}

export function localTime(t: number, timeZone: string): LocalTime {
  const d = new TZDate(t, timeZone);
  return {
    year: d.getFullYear(),
    month: d.getMonth(),
    day: d.getDate(),
    weekday: d.getDay() === 0 ? 7 : d.getDay(),
    minuteOfDay: d.getHours() * 60 + d.getMinutes(),
  };
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The instant a local date and time of day name in `timeZone`. A time skipped by a DST change
 * (02:30 on a spring-forward night) moves forward by the gap; a time that happens twice (01:30
 * on a fall-back night) is the first one.
 */
export function instantAt(date: Pick<LocalTime, 'year' | 'month' | 'day'>, minuteOfDay: number, timeZone: string): number {
  return new TZDate(date.year, date.month, date.day, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime();
}

/** The calendar date `days` after `date` (calendar arithmetic, no time zone involved). */
export function addCalendarDays(date: Pick<LocalTime, 'year' | 'month' | 'day'>, days: number): Pick<LocalTime, 'year' | 'month' | 'day' | 'weekday'> {
  const d = new Date(Date.UTC(date.year, date.month, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() };
}

export function isWorkingDay(t: number, policy: ReminderPolicy): boolean {
  return policy.workingDays.includes(localTime(t, policy.timeZone).weekday);
}

/** Quiet hours are a time of day, every day; they may wrap midnight. Equal start and end: never quiet. */
function quietAt(minuteOfDay: number, policy: ReminderPolicy): boolean {
  const start = minutesOf(policy.quietHours.start);
  const end = minutesOf(policy.quietHours.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

export function isQuiet(t: number, policy: ReminderPolicy): boolean {
  return quietAt(localTime(t, policy.timeZone).minuteOfDay, policy);
}

/** On a working day and outside quiet hours: a moment a reminder may be shown. */
export function isAllowed(t: number, policy: ReminderPolicy): boolean {
  const local = localTime(t, policy.timeZone);
  return policy.workingDays.includes(local.weekday) && !quietAt(local.minuteOfDay, policy);
}

/** Minutes of the day at which quiet hours end (a working day's allowed time starts there, or at midnight). */
function allowedStarts(policy: ReminderPolicy): number[] {
  const start = minutesOf(policy.quietHours.start);
  const end = minutesOf(policy.quietHours.end);
  if (start === end) return [0];
  // 19:00–08:00 leaves 08:00–19:00; 12:00–13:00 leaves 00:00–12:00 and 13:00–24:00.
  return start > end ? [end] : [0, end];
}

/**
 * `t` itself if it is on a working day outside quiet hours; otherwise the next moment that is —
 * the end of quiet hours (or the start of the day, when no quiet hours cover it) on the next
 * working day that still has allowed time after `t`.
 */
export function nextAllowed(t: number, policy: ReminderPolicy): number {
  if (isAllowed(t, policy)) return t;
  const today = localTime(t, policy.timeZone);
  const starts = allowedStarts(policy);
  // A week and a day covers every weekday whatever the working days are (at least one, by schema).
  for (let offset = 0; offset <= 8; offset++) {
    const date = addCalendarDays(today, offset);
    if (!policy.workingDays.includes(date.weekday)) continue;
    for (const minute of starts) {
      const candidate = instantAt(date, minute, policy.timeZone);
      // A DST gap can move the candidate; recheck it rather than trust the arithmetic.
      if (candidate > t && isAllowed(candidate, policy)) return candidate;
    }
  }
  throw new Error('nextAllowed: the policy allows no time at all (no working days?)');
}
