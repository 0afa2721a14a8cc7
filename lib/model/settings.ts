import { z } from 'zod';
import { Id, TeamId } from './common';
import { Email, Role } from './member';

/** Who is using this device. Until team sign-in exists it is set on the options page. */
export const Me = z.object({
  memberId: Id,
  teamId: TeamId,
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: Email.or(z.literal('')),
  role: Role,
});
export type Me = z.infer<typeof Me>;

/** Per-device preferences; not synced. */
export const Settings = z.object({
  /** Warn before outreach if the team contacted the person within this many days. */
  guardWindowDays: z.number().int().min(1).max(3650),
  /** Log `viewed` when a profile is opened (at most once per member per person per day). */
  autoLogViewed: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { guardWindowDays: 90, autoLogViewed: true };

