import { z } from 'zod';

/** A local time of day, `HH:MM` on a 24-hour clock (what `<input type="time">` gives). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 08:00');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

/** The days reminders may come, at least one, each once and in order. */
export const WorkingDays = z
  .array(IsoWeekday)
  .min(1, 'choose at least one working day')
  .max(7)
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

/** When no reminder comes; may wrap midnight (19:00–08:00); equal start and end mean none. */
export const QuietHours = z.object({ start: ClockTime, end: ClockTime });
export type QuietHours = z.infer<typeof QuietHours>;

/** When the server mails a recruiter their weekly check-ins: a weekday and a time in their time zone. */
export const CheckInMail = z.object({ weekday: IsoWeekday, time: ClockTime });
export type CheckInMail = z.infer<typeof CheckInMail>;
