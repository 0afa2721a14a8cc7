import { describe, expect, it } from 'vitest';
import { isAllowed, isQuiet, isWorkingDay, nextAllowed } from '@/lib/deadlines';
import { NY, STOCKHOLM, at, policy } from './fixtures';


describe('working days and quiet hours', () => {
  // 2025-06-13 is a Friday.
  it('reads the weekday in the policy’s zone, not the device’s', () => {
    // Friday 20:00 in New York is already Saturday 02:00 in Stockholm.
    const t = at(NY, 2025, 6, 13, 20);
    expect(isWorkingDay(t, policy({ timeZone: NY }))).toBe(true);
    expect(isWorkingDay(t, policy({ timeZone: STOCKHOLM }))).toBe(false);
  });

  it('treats the weekend as off unless the policy says otherwise', () => {
    const saturday = at(STOCKHOLM, 2025, 6, 14, 12);
    expect(isWorkingDay(saturday, policy())).toBe(false);
    expect(isWorkingDay(saturday, policy({ workingDays: [1, 2, 3, 4, 5, 6] }))).toBe(true);
    // A Sunday-to-Thursday week.
    expect(isWorkingDay(at(STOCKHOLM, 2025, 6, 15, 12), policy({ workingDays: [7, 1, 2, 3, 4] }))).toBe(true);
  });

  it.each([
    ['07:59', true],
    ['08:00', false],
    ['12:00', false],
    ['18:59', false],
    ['19:00', true],
    ['23:30', true],
    ['00:00', true],
  ])('quiet hours 19:00–08:00 wrap midnight: %s quiet=%s', (clock, quiet) => {
    const [h, m] = clock.split(':').map(Number);
    expect(isQuiet(at(STOCKHOLM, 2025, 6, 11, h, m), policy())).toBe(quiet);
  });

  it('handles quiet hours that do not wrap, and none at all', () => {
    const lunch = policy({ quietHours: { start: '12:00', end: '13:00' } });
    expect(isQuiet(at(STOCKHOLM, 2025, 6, 11, 12, 30), lunch)).toBe(true);
    expect(isQuiet(at(STOCKHOLM, 2025, 6, 11, 23), lunch)).toBe(false);
    const none = policy({ quietHours: { start: '00:00', end: '00:00' } });
    expect(isQuiet(at(STOCKHOLM, 2025, 6, 11, 3), none)).toBe(false);
  });

  it('reads quiet hours in the policy’s zone', () => {
    // 14:00 in New York is 20:00 in Stockholm.
    const t = at(NY, 2025, 6, 11, 14);
    expect(isQuiet(t, policy({ timeZone: NY }))).toBe(false);
    expect(isQuiet(t, policy({ timeZone: STOCKHOLM }))).toBe(true);
  });
});

describe('nextAllowed', () => {
  it('keeps a time on a working day outside quiet hours', () => {
    const t = at(STOCKHOLM, 2025, 6, 11, 10, 17);
    expect(nextAllowed(t, policy())).toBe(t);
  });

  it('moves the evening to the next morning, and the early morning to the same morning', () => {
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 11, 21), policy())).toBe(at(STOCKHOLM, 2025, 6, 12, 8));
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 11, 3), policy())).toBe(at(STOCKHOLM, 2025, 6, 11, 8));
  });

  it('moves Friday evening and the weekend to Monday morning', () => {
    const monday = at(STOCKHOLM, 2025, 6, 16, 8);
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 13, 19, 30), policy())).toBe(monday);
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 14, 11), policy())).toBe(monday);
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 16, 0, 10), policy())).toBe(monday);
  });

  it('gives the morning after the quiet hours in the policy’s zone', () => {
    // Friday 21:00 in New York → Monday 08:00 New York (13:00 Stockholm).
    const next = nextAllowed(at(NY, 2025, 6, 13, 21), policy({ timeZone: NY }));
    expect(next).toBe(at(NY, 2025, 6, 16, 8));
    expect(next).toBe(at(STOCKHOLM, 2025, 6, 16, 14));
  });

  it('starts a working day at midnight when the quiet hours do not cover it', () => {
    const lunch = policy({ quietHours: { start: '12:00', end: '13:00' } });
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 11, 12, 15), lunch)).toBe(at(STOCKHOLM, 2025, 6, 11, 13));
    expect(nextAllowed(at(STOCKHOLM, 2025, 6, 14, 12, 15), lunch)).toBe(at(STOCKHOLM, 2025, 6, 16, 0));
  });

  it('follows the clock across a DST change (New York springs forward on 9 March 2025)', () => {
    // Friday 7 March 20:00 EST → Monday 10 March 08:00 EDT: 2 days 11 hours, not 12.
    const from = at(NY, 2025, 3, 7, 20);
    const next = nextAllowed(from, policy({ timeZone: NY }));
    expect(next).toBe(Date.UTC(2025, 2, 10, 12));
    expect(next - from).toBe((2 * 24 + 11) * 3_600_000);
  });

  it('moves a quiet-hours end that the DST change skips to the first real minute after it', () => {
    const weekend = policy({ timeZone: NY, workingDays: [1, 2, 3, 4, 5, 6, 7], quietHours: { start: '22:00', end: '02:30' } });
    // 02:30 does not exist on 9 March 2025 in New York; 03:30 EDT is the same instant as 02:30 EST would be.
    const next = nextAllowed(at(NY, 2025, 3, 9, 0, 15), weekend);
    expect(next).toBe(Date.UTC(2025, 2, 9, 7, 30));
    expect(isAllowed(next, weekend)).toBe(true);
  });

  it('is the identity on allowed times and always lands on an allowed one', () => {
    const p = policy({ timeZone: NY, workingDays: [2, 4] });
    for (let t = at(NY, 2025, 10, 27); t < at(NY, 2025, 11, 10); t += 37 * 60_000) {
      const next = nextAllowed(t, p);
      expect(next).toBeGreaterThanOrEqual(t);
      expect(isAllowed(next, p)).toBe(true);
      if (isAllowed(t, p)) expect(next).toBe(t);
      // Nothing allowed in between: it is the *next* allowed moment (checked at minute steps).
      if (next > t) expect(isAllowed(next - 60_000, p)).toBe(false);
    }
  });
});
