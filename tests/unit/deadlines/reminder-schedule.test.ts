import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { dueReminderSlot, isAllowed, localTime, nextReminderAt } from '@/lib/deadlines';
import type { ReminderPolicy } from '@/lib/model';
import { NY, STOCKHOLM, at, policy } from './fixtures';

const show = (t: number, zone = STOCKHOLM) => new TZDate(t, zone).toString().slice(0, 21);

/** The reminders a worker that wakes every `step` ms would show between `from` and `to`. */
function simulate(dueAt: number, p: ReminderPolicy, from: number, to: number, step = 60_000): number[] {
  const shown: number[] = [];
  for (let now = from; now <= to; now += step) {
    if (now > dueAt && nextReminderAt(dueAt, shown.at(-1) ?? null, p) <= now) shown.push(now);
  }
  return shown;
}

describe('nextReminderAt', () => {
  it('reminds first at the due time when that is allowed', () => {
    const due = at(STOCKHOLM, 2025, 6, 11, 14);
    expect(nextReminderAt(due, null, policy())).toBe(due);
  });

  it('holds a due time inside quiet hours until they end', () => {
    expect(nextReminderAt(at(STOCKHOLM, 2025, 6, 11, 22), null, policy())).toBe(at(STOCKHOLM, 2025, 6, 12, 8));
  });

  it('moves a Friday-evening due time to Monday morning', () => {
    expect(nextReminderAt(at(STOCKHOLM, 2025, 6, 13, 20, 45), null, policy())).toBe(at(STOCKHOLM, 2025, 6, 16, 8));
  });

  it('then reminds once a working day at the same local time as the first reminder', () => {
    const due = at(STOCKHOLM, 2025, 6, 11, 14); // Wednesday
    expect(nextReminderAt(due, due + 20_000, policy())).toBe(at(STOCKHOLM, 2025, 6, 12, 14));
    // Friday's reminder → Monday.
    expect(nextReminderAt(due, at(STOCKHOLM, 2025, 6, 13, 14), policy())).toBe(at(STOCKHOLM, 2025, 6, 16, 14));
  });

  it('never reminds twice on one local day, even after a late reminder', () => {
    const due = at(STOCKHOLM, 2025, 6, 11, 14);
    // The laptop was closed; Thursday's reminder came at 09:00 when it woke → next is Friday 14:00, not Thursday 14:00.
    expect(nextReminderAt(due, at(STOCKHOLM, 2025, 6, 12, 9), policy())).toBe(at(STOCKHOLM, 2025, 6, 13, 14));
  });

  it('keeps the local time of day across a DST change', () => {
    // Due Friday 7 March 2025 10:00 in New York (EST); Monday 10 March is EDT.
    const due = at(NY, 2025, 3, 7, 10);
    const next = nextReminderAt(due, due, policy({ timeZone: NY }));
    expect(next).toBe(at(NY, 2025, 3, 10, 10));
    expect(next - due).toBe((3 * 24 - 1) * 3_600_000);
    // Stockholm changes on 30 March: Friday 28th 10:00 CET → Monday 31st 10:00 CEST.
    const dueSe = at(STOCKHOLM, 2025, 3, 28, 10);
    expect(nextReminderAt(dueSe, dueSe, policy())).toBe(Date.UTC(2025, 2, 31, 8));
  });

  it('reads days and hours in the policy’s zone (New York vs Stockholm)', () => {
    // Due Wednesday 11 June 18:00 in Stockholm = 12:00 in New York.
    const due = at(STOCKHOLM, 2025, 6, 11, 18);
    expect(nextReminderAt(due, null, policy())).toBe(due);
    expect(nextReminderAt(due, null, policy({ timeZone: NY }))).toBe(due);
    // Due 20:00 Stockholm: quiet there, 14:00 in New York is fine.
    const late = at(STOCKHOLM, 2025, 6, 11, 20);
    expect(nextReminderAt(late, null, policy())).toBe(at(STOCKHOLM, 2025, 6, 12, 8));
    expect(nextReminderAt(late, null, policy({ timeZone: NY }))).toBe(late);
  });

  it('gives one reminder per working day over a week, none at night or at the weekend', () => {
    const p = policy();
    const due = at(STOCKHOLM, 2025, 6, 11, 21, 30); // Wednesday night, in quiet hours
    const shown = simulate(due, p, due - 3_600_000, at(STOCKHOLM, 2025, 6, 18, 23, 59));
    expect(shown.map((t) => show(t))).toEqual([
      'Thu Jun 12 2025 08:00',
      'Fri Jun 13 2025 08:00',
      'Mon Jun 16 2025 08:00',
      'Tue Jun 17 2025 08:00',
      'Wed Jun 18 2025 08:00',
    ]);
    for (const t of shown) expect(isAllowed(t, p)).toBe(true);
    const days = shown.map((t) => {
      const l = localTime(t, p.timeZone);
      return `${l.year}-${l.month}-${l.day}`;
    });
    expect(new Set(days).size).toBe(days.length);
  });

  it('keeps to the rule over a week that crosses a DST change, with a custom week', () => {
    const p = policy({ timeZone: NY, workingDays: [1, 3, 5, 6], quietHours: { start: '18:00', end: '09:00' } });
    const due = at(NY, 2025, 3, 5, 16, 45); // Wednesday before the change
    const shown = simulate(due, p, due, at(NY, 2025, 3, 14, 23), 60_000);
    expect(shown.map((t) => show(t, NY))).toEqual([
      'Wed Mar 05 2025 16:46',
      'Fri Mar 07 2025 16:45',
      'Sat Mar 08 2025 16:45',
      'Mon Mar 10 2025 16:45',
      'Wed Mar 12 2025 16:45',
      'Fri Mar 14 2025 16:45',
    ]);
  });
});

describe('dueReminderSlot (the server’s reminder mail)', () => {
  const due = at(STOCKHOLM, 2025, 6, 11, 14); // Wednesday

  it('is nothing before the due time, then the due time, then each working day’s slot', () => {
    expect(dueReminderSlot(due, null, policy(), due - 60_000)).toBeNull();
    expect(dueReminderSlot(due, null, policy(), due)).toBe(due);
    expect(dueReminderSlot(due, due, policy(), at(STOCKHOLM, 2025, 6, 12, 13, 59))).toBeNull();
    expect(dueReminderSlot(due, due, policy(), at(STOCKHOLM, 2025, 6, 12, 14, 30))).toBe(at(STOCKHOLM, 2025, 6, 12, 14));
    // Friday's slot, then nothing over the weekend, then Monday's.
    const friday = at(STOCKHOLM, 2025, 6, 13, 14);
    expect(dueReminderSlot(due, friday, policy(), at(STOCKHOLM, 2025, 6, 15, 14))).toBeNull();
    expect(dueReminderSlot(due, friday, policy(), at(STOCKHOLM, 2025, 6, 16, 14))).toBe(at(STOCKHOLM, 2025, 6, 16, 14));
  });

  it('gives the latest slot only after days without a run, not one per day missed', () => {
    expect(dueReminderSlot(due, null, policy(), at(STOCKHOLM, 2025, 6, 17, 9))).toBe(at(STOCKHOLM, 2025, 6, 16, 14));
  });

  it('follows the reviewer’s zone and quiet hours: due at 22:00 in New York is the next morning there', () => {
    const late = at(NY, 2025, 6, 11, 22);
    expect(dueReminderSlot(late, null, policy({ timeZone: NY }), late + 3_600_000)).toBeNull();
    expect(dueReminderSlot(late, null, policy({ timeZone: NY }), at(NY, 2025, 6, 12, 8))).toBe(at(NY, 2025, 6, 12, 8));
  });
});
