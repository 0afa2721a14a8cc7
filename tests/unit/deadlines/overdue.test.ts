import { describe, expect, it } from 'vitest';
import { dueText, formatDueAt, isOverdue, lateness } from '@/lib/deadlines';

const HOUR = 3_600_000;
const now = Date.UTC(2025, 5, 11, 12); // Wednesday 11 June 2025, 12:00 UTC

describe('overdue', () => {
  it('is overdue only when open and past due', () => {
    expect(isOverdue({ status: 'open', dueAt: now - 1 }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: now }, now)).toBe(false);
    expect(isOverdue({ status: 'completed', dueAt: now - HOUR }, now)).toBe(false);
    expect(isOverdue({ status: 'reassigned', dueAt: now - HOUR }, now)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueAt: now - HOUR }, now)).toBe(false);
  });

  it('measures lateness in ms, 0 when not late', () => {
    expect(lateness(now - 2 * HOUR, now)).toBe(2 * HOUR);
    expect(lateness(now + HOUR, now)).toBe(0);
  });

  it.each([
    [now - 2 * 24 * HOUR, 'overdue by 2 days'],
    [now - 47 * HOUR, 'overdue by 2 days'],
    [now - 3 * HOUR, 'overdue by 3 hours'],
    // A 48-hour review a minute after it was sent: the popup, the sidebar and the review page all said it differently.
    [now + 48 * HOUR - 60_000, 'due in 2 days'],
    [now + 36 * HOUR, 'due in 2 days'],
    [now + 30 * HOUR, 'due in 1 day'],
    [now + 5 * HOUR + 10 * 60_000, 'due in 5 hours'],
    [now + 90_000, 'due in 2 minutes'],
    [now + 20_000, 'due now'],
    [now, 'due now'],
  ])('says %s as "%s"', (dueAt, text) => {
    expect(dueText(dueAt, now)).toBe(text);
  });

  it('formats a due time in the reader’s zone', () => {
    const thursday14Stockholm = Date.UTC(2025, 5, 12, 12);
    expect(formatDueAt(thursday14Stockholm, now, 'Europe/Stockholm')).toBe('Thu 14:00');
    expect(formatDueAt(thursday14Stockholm, now, 'America/New_York')).toBe('Thu 08:00');
    expect(formatDueAt(Date.UTC(2025, 7, 1, 9), now, 'UTC')).toBe('1 Aug 09:00');
    // Within the past few days too ("you planned it for Sat 10:00").
    expect(formatDueAt(Date.UTC(2025, 5, 7, 10), now, 'UTC')).toBe('Sat 10:00');
    expect(formatDueAt(Date.UTC(2025, 4, 1, 9), now, 'UTC')).toBe('1 May 09:00');
    expect(formatDueAt(Date.UTC(2026, 0, 5, 9), now, 'UTC')).toBe('5 Jan 2026 09:00');
  });
});
