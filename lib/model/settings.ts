import { z } from 'zod';
import { Id, TeamId } from './common';
import { Email, Role } from './member';
import { ClockTime, IsoWeekday, QuietHours, WorkingDays } from './reminder-rules';
import { TimeZoneName } from './time-zone';

/** Who is using this device. Until team sign-in exists it is set on the options page. */
export const Me = z.object({
  memberId: Id,
  teamId: TeamId,
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: Email.or(z.literal('')),
  role: Role,
});
export type Me = z.infer<typeof Me>;

/**
 * When feedback reminders may reach this member. Quiet hours may wrap midnight (19:00–08:00);
 * equal start and end mean no quiet hours. Times and days are read in `timeZone`.
 */
export const ReminderPolicy = z.object({
  timeZone: TimeZoneName,
  workingDays: WorkingDays,
  quietHours: QuietHours,
});
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;

/**
 * The policy as stored on this device. Its time zone is what an earlier version let each device
 * choose; the member's own time zone (synced, set under Options → You) now comes first and this
 * one is moved onto it when they save or sign in (lib/deadlines/policy.ts). Null: the device's.
 */
export const ReminderSettings = ReminderPolicy.extend({ timeZone: TimeZoneName.nullable() });
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  timeZone: null,
  workingDays: [1, 2, 3, 4, 5],
  quietHours: { start: '19:00', end: '08:00' },
};

/**
 * When to be reminded to send each requisition's weekly check-in (dashboard.html#checkin/<id>):
 * a weekday and a time in the member's time zone, once a week per requisition they recruit for.
 */
export const CheckInReminder = z.object({
  enabled: z.boolean(),
  weekday: IsoWeekday,
  time: ClockTime,
  /** Also have the team's server mail each check-in at that time (the member's record carries it there). */
  byMail: z.boolean().default(false),
});
/** As given: `byMail` may be left out (off). */
export type CheckInReminder = z.input<typeof CheckInReminder>;

export const DEFAULT_CHECK_IN_REMINDER: z.infer<typeof CheckInReminder> = { enabled: true, weekday: 1, time: '09:00', byMail: false };

/** Per-device preferences; not synced. */
export const Settings = z.object({
  /** Warn before outreach if the team contacted the person within this many days. */
  guardWindowDays: z.number().int().min(1).max(3650),
  /** Log `viewed` when a profile is opened (at most once per member per person per day). */
  autoLogViewed: z.boolean(),
  /** Feedback reminders and notifications. Defaulted so settings saved before it existed stay valid. */
  reminders: ReminderSettings.default(DEFAULT_REMINDER_SETTINGS),
  /** The weekly check-in reminder; defaulted, like `reminders`, for settings saved before it. */
  checkInReminder: CheckInReminder.default(DEFAULT_CHECK_IN_REMINDER),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { guardWindowDays: 90, autoLogViewed: true, reminders: DEFAULT_REMINDER_SETTINGS, checkInReminder: DEFAULT_CHECK_IN_REMINDER };

