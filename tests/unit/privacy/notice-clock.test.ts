import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/model';
import { lastNoticeSent, nextNoticeReminderAt, noticeDeadlineAction, noticeDueAt, noticeDueText, noticeState } from '@/lib/privacy/notice-clock';
import { STOCKHOLM, at, policy } from '../deadlines/fixtures';

const DAY = 86_400_000;
// Stored on Wednesday 4 June 2025 at 10:00 in Stockholm; with 30 days the notice is due Friday 4 July at 10:00.
const createdAt = at(STOCKHOLM, 2025, 6, 4, 10);
const thirty = { noticeDays: 30 };

const sent = (sentAt: number, deletedAt: number | null = null) =>
  ({ kind: 'privacy_notice_sent', data: { channel: 'email', sentAt }, deletedAt, at: sentAt }) as Pick<Activity, 'kind' | 'deletedAt' | 'at' | 'data'>;
const viewed = { kind: 'viewed', data: {}, deletedAt: null, at: createdAt } as Pick<Activity, 'kind' | 'deletedAt' | 'at' | 'data'>;

describe('the Article 14 clock, as the sidebar shows it', () => {
  it('is due noticeDays after the team first stored the person', () => {
    expect(noticeDueAt(createdAt, 30)).toBe(at(STOCKHOLM, 2025, 7, 4, 10));
  });

  it('counts the days left in calendar days of the member’s zone: due in N days, today, overdue', () => {
    const state = (now: number) => noticeState({ createdAt }, [viewed], thirty, now, STOCKHOLM);
    expect(state(createdAt)).toEqual({ state: 'due', dueAt: at(STOCKHOLM, 2025, 7, 4, 10), daysLeft: 30 });
    // The evening before: one calendar day, though fewer than 24 hours.
    expect(state(at(STOCKHOLM, 2025, 7, 3, 23, 30))).toMatchObject({ daysLeft: 1 });
    expect(state(at(STOCKHOLM, 2025, 7, 4, 0, 5))).toMatchObject({ daysLeft: 0 });
    expect(state(at(STOCKHOLM, 2025, 7, 4, 18))).toMatchObject({ daysLeft: 0 });
    expect(state(at(STOCKHOLM, 2025, 7, 6, 9))).toMatchObject({ daysLeft: -2 });
  });

  it('follows the team’s setting', () => {
    expect(noticeState({ createdAt }, [], { noticeDays: 10 }, createdAt + 3 * DAY, STOCKHOLM)).toMatchObject({ daysLeft: 7 });
  });

  it('stops once a notice is logged sent; one taken back does not count', () => {
    const now = at(STOCKHOLM, 2025, 7, 10, 12);
    expect(noticeState({ createdAt }, [viewed, sent(createdAt + DAY)], thirty, now, STOCKHOLM)).toEqual({ state: 'sent', sentAt: createdAt + DAY, channel: 'email' });
    expect(noticeState({ createdAt }, [sent(createdAt + DAY, now)], thirty, now, STOCKHOLM)).toMatchObject({ state: 'due', daysLeft: -6 });
    expect(lastNoticeSent([sent(5), sent(9), sent(7)])).toEqual({ sentAt: 9, channel: 'email' });
  });

  it('says it in words', () => {
    expect([3, 1, 0, -1, -4].map(noticeDueText)).toEqual([
      'Privacy notice due in 3 days',
      'Privacy notice due in 1 day',
      'Privacy notice due today',
      'Privacy notice overdue by 1 day',
      'Privacy notice overdue by 4 days',
    ]);
  });
});

describe('at the deadline, the team’s choice', () => {
  const dueAt = noticeDueAt(createdAt, 30);
  it('asks for nothing before the deadline or once the notice is sent', () => {
    expect(noticeDeadlineAction({ dueAt, sent: false, atDeadline: 'erase', now: dueAt - 1 })).toBeNull();
    expect(noticeDeadlineAction({ dueAt, sent: true, atDeadline: 'erase', now: dueAt + DAY })).toBeNull();
    expect(noticeDeadlineAction({ dueAt, sent: true, atDeadline: 'remind', now: dueAt + DAY })).toBeNull();
  });

  it('reminds again, or erases, from the deadline on', () => {
    expect(noticeDeadlineAction({ dueAt, sent: false, atDeadline: 'remind', now: dueAt })).toBe('remind');
    expect(noticeDeadlineAction({ dueAt, sent: false, atDeadline: 'erase', now: dueAt })).toBe('erase');
    expect(noticeDeadlineAction({ dueAt, sent: false, atDeadline: 'erase', now: dueAt + 40 * DAY })).toBe('erase');
  });
});

describe('reminding the member who added the person', () => {
  /** The reminders a worker waking every hour shows between `from` and `to`. */
  function simulate(atDeadline: 'remind' | 'erase', from: number, to: number, noticeDays = 30): number[] {
    const shown: number[] = [];
    for (let now = from; now <= to; now += 3_600_000) {
      const next = nextNoticeReminderAt({ createdAt, noticeDays, atDeadline, lastRemindedAt: shown.at(-1) ?? null, policy: policy() });
      if (next !== null && next <= now) shown.push(now);
    }
    return shown;
  }

  it('first a week before the deadline, then at it, then once a working day (remind)', () => {
    const shown = simulate('remind', createdAt, at(STOCKHOLM, 2025, 7, 9, 12));
    expect(shown).toEqual([
      at(STOCKHOLM, 2025, 6, 27, 10), // Friday, a week before
      at(STOCKHOLM, 2025, 7, 4, 10), // Friday, the deadline
      at(STOCKHOLM, 2025, 7, 7, 10), // Monday: not on the weekend
      at(STOCKHOLM, 2025, 7, 8, 10),
      at(STOCKHOLM, 2025, 7, 9, 10),
    ]);
  });

  it('only the early reminder when the team erases at the deadline', () => {
    expect(simulate('erase', createdAt, at(STOCKHOLM, 2025, 7, 20))).toEqual([at(STOCKHOLM, 2025, 6, 27, 10)]);
  });

  it('never in quiet hours or on a weekend, and earlier than a week for a short period', () => {
    // Stored Friday at 22:00 with 4 days: the early reminder is 2 days before the deadline (Sunday 22:00) → Monday 08:00.
    const friday = at(STOCKHOLM, 2025, 6, 6, 22);
    expect(nextNoticeReminderAt({ createdAt: friday, noticeDays: 4, atDeadline: 'remind', lastRemindedAt: null, policy: policy() })).toBe(at(STOCKHOLM, 2025, 6, 9, 8));
  });

  it('with a one-day period, first at the deadline itself', () => {
    expect(nextNoticeReminderAt({ createdAt, noticeDays: 1, atDeadline: 'remind', lastRemindedAt: null, policy: policy() })).toBe(createdAt + DAY);
  });
});
