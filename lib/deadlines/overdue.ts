import { formatDistanceStrict } from 'date-fns';
import type { ReviewRequest } from '@/lib/model';
import { DAY_MS } from '@/lib/time-units';

/** Open and past its due time. Completed, withdrawn and reassigned requests are never overdue. */
export function isOverdue(request: Pick<ReviewRequest, 'status' | 'dueAt'>, now: number): boolean {
  return request.status === 'open' && now > request.dueAt;
}

/** How late, in ms; 0 when not late yet. */
export function lateness(dueAt: number, now: number): number {
  return Math.max(0, now - dueAt);
}

/**
 * "due in 2 days", "overdue by 3 hours", "due now": the one wording of a deadline, in the popup,
 * the sidebar, the review page, the requisitions page and reminders. Rounded to the nearest
 * unit, so a 48-hour review sent a minute ago is due in 2 days everywhere.
 */
export function dueText(dueAt: number, now: number): string {
  if (Math.abs(dueAt - now) < 30_000) return 'due now';
  const distance = formatDistanceStrict(dueAt, now);
  return now > dueAt ? `overdue by ${distance}` : `due in ${distance}`;
}

/** The same at the start of a sentence: "Due in 2 days". */
export function dueSentence(dueAt: number, now: number): string {
  const text = dueText(dueAt, now);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A due time as a reviewer reads it in their zone: "Thu 14:00" within six days either side of
 * now, else "12 Jun 14:00" (with the year when it is not this year's).
 */
export function formatDueAt(dueAt: number, now: number, timeZone: string): string {
  const within = Math.abs(dueAt - now) < 6 * DAY_MS;
  const sameYear = parts(dueAt, timeZone, { year: 'numeric' }).year === parts(now, timeZone, { year: 'numeric' }).year;
  const p = parts(dueAt, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const time = `${p.hour}:${p.minute}`;
  if (within) return `${p.weekday} ${time}`;
  return sameYear ? `${p.day} ${p.month} ${time}` : `${p.day} ${p.month} ${p.year} ${time}`;
}

function parts(t: number, timeZone: string, options: Intl.DateTimeFormatOptions): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const out: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(t)) out[part.type] = part.value;
  return out;
}
