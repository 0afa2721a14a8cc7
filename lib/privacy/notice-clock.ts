import { localTime, nextAllowed, nextReminderAt } from '@/lib/deadlines';
import { DAY_MS } from '@/lib/time-units';
import type { Activity, NoticeAtDeadline, NoticeChannel, PrivacyChoices, ReminderPolicy } from '@/lib/model';

/**
 * The Article 14 clock: a person the team sourced is told within `noticeDays` of the team first
 * storing them (their `createdAt`) that it holds their data. Pure, and part of the shared core:
 * the device shows and reminds with it, and whatever erases at the deadline decides with it.
 */

/** The member who added the person hears of the notice this many days before it is due (less when the whole period is shorter). */
export const NOTICE_LEAD_DAYS = 7;

/** When the notice is due: `noticeDays` after the team first stored the person. */
export function noticeDueAt(createdAt: number, noticeDays: number): number {
  return createdAt + noticeDays * DAY_MS;
}

type NoticeActivity = Pick<Activity, 'kind' | 'deletedAt' | 'at'> & { data: unknown };

/** The person's latest live privacy notice sent, from their feed (every id of theirs), or null. */
export function lastNoticeSent(activities: readonly NoticeActivity[]): { sentAt: number; channel: NoticeChannel } | null {
  let latest: { sentAt: number; channel: NoticeChannel } | null = null;
  for (const a of activities) {
    if (a.kind !== 'privacy_notice_sent' || a.deletedAt !== null) continue;
    const data = a.data as { sentAt: number; channel: NoticeChannel };
    if (!latest || data.sentAt > latest.sentAt) latest = { sentAt: data.sentAt, channel: data.channel };
  }
  return latest;
}

export type NoticeState =
  | { state: 'sent'; sentAt: number; channel: NoticeChannel }
  /** `daysLeft`: calendar days from today to the due day in the member's zone; 0 today, negative when overdue. */
  | { state: 'due'; dueAt: number; daysLeft: number };

/** Where the person's notice stands now. */
export function noticeState(person: { createdAt: number }, activities: readonly NoticeActivity[], choices: Pick<PrivacyChoices, 'noticeDays'>, now: number, timeZone: string): NoticeState {
  const sent = lastNoticeSent(activities);
  if (sent) return { state: 'sent', ...sent };
  const dueAt = noticeDueAt(person.createdAt, choices.noticeDays);
  return { state: 'due', dueAt, daysLeft: calendarDaysBetween(now, dueAt, timeZone) };
}

/** Whole calendar days from the day of `from` to the day of `to`, in `timeZone`. */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  const day = (t: number) => {
    const l = localTime(t, timeZone);
    return Date.UTC(l.year, l.month, l.day) / DAY_MS;
  };
  return day(to) - day(from);
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** "Privacy notice due in 3 days", "Privacy notice due today", "Privacy notice overdue by 2 days". */
export function noticeDueText(daysLeft: number): string {
  if (daysLeft > 0) return `Privacy notice due in ${days(daysLeft)}`;
  if (daysLeft === 0) return 'Privacy notice due today';
  return `Privacy notice overdue by ${days(-daysLeft)}`;
}

/**
 * What the team's choice asks for about a person now: null before the deadline or once the
 * notice is logged; at and after it, 'remind' (the member is reminded again) or 'erase'.
 */
export function noticeDeadlineAction(input: { dueAt: number; sent: boolean; atDeadline: NoticeAtDeadline; now: number }): NoticeAtDeadline | null {
  if (input.sent || input.now < input.dueAt) return null;
  return input.atDeadline;
}

/**
 * When the member who added the person is next reminded, or null for never again.
 *
 * - First, `NOTICE_LEAD_DAYS` before the deadline (half the period when that is shorter), at the
 *   next moment the member's policy allows (a working day, outside quiet hours).
 * - Then, with 'remind', at the deadline, and once a working day after it (as overdue reviews:
 *   `nextReminderAt`). With 'erase', nothing more: the person is erased at the deadline.
 */
export function nextNoticeReminderAt(input: { createdAt: number; noticeDays: number; atDeadline: NoticeAtDeadline; lastRemindedAt: number | null; policy: ReminderPolicy }): number | null {
  const { createdAt, noticeDays, atDeadline, lastRemindedAt, policy } = input;
  const dueAt = noticeDueAt(createdAt, noticeDays);
  const lead = Math.min(NOTICE_LEAD_DAYS, Math.floor(noticeDays / 2));
  const early = nextAllowed(dueAt - lead * DAY_MS, policy);
  if (lastRemindedAt === null) return early;
  if (atDeadline === 'erase') return null;
  return nextReminderAt(dueAt, lastRemindedAt < dueAt ? null : lastRemindedAt, policy);
}
