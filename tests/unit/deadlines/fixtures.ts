import { TZDate } from '@date-fns/tz';
import type { ReminderPolicy } from '@/lib/model';

export const NY = 'America/New_York';
export const STOCKHOLM = 'Europe/Stockholm';

/** Mon–Fri, quiet 19:00–08:00, in Stockholm, unless patched. */
export const policy = (patch: Partial<ReminderPolicy> = {}): ReminderPolicy => ({
  timeZone: STOCKHOLM,
  workingDays: [1, 2, 3, 4, 5],
  quietHours: { start: '19:00', end: '08:00' },
  ...patch,
});

/** A local wall-clock time in a zone, as an instant. Month is 1-based here for readability. */
export const at = (zone: string, y: number, mo: number, d: number, h = 0, mi = 0) => new TZDate(y, mo - 1, d, h, mi, zone).getTime();
