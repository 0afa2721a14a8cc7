import { z } from 'zod';
import { SyncedFields, shortText } from './common';
import { CheckInMail, QuietHours, WorkingDays } from './reminder-rules';
import { TimeZoneName } from './time-zone';

export const Role = z.enum(['admin', 'recruiter', 'sourcer', 'hiring_manager']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  recruiter: 'Recruiter',
  sourcer: 'Sourcer',
  hiring_manager: 'Hiring manager',
};

export const Email = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));

/** A member's display name, as they or an admin set it. */
export const MemberName = shortText(120).min(1, 'name is required');

/**
 * `invited`: an admin invited them and they have not signed in yet (they can already be named
 * hiring manager or reviewer); `active`: signed in at least once; `revoked`: no longer in the
 * team (their name stays on what they did, but nobody picks them any more).
 */
export const MemberStatus = z.enum(['invited', 'active', 'revoked']);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Member = z.object({
  ...SyncedFields,
  name: MemberName,
  email: Email,
  role: Role,
  /** Absent on rows from before members had a status: those are active. */
  status: MemberStatus.optional(),
  /** The member's own time zone (their reminders follow it); null or absent: whatever zone their device is in. */
  timeZone: TimeZoneName.nullable().optional(),
  /**
   * The member's working days and quiet hours (Options → Reminders, or a review link's mail
   * settings), so the server's reminder mail follows them too; null or absent: the defaults.
   */
  workingDays: WorkingDays.nullable().optional(),
  quietHours: QuietHours.nullable().optional(),
  /** The recruiter asked for their weekly check-ins by mail at this weekday and time; null or absent: not mailed. */
  checkInMail: CheckInMail.nullable().optional(),
});
export type Member = z.infer<typeof Member>;

/** Whether a member may be picked (hiring manager, recruiter, reviewer): in the team, invited or signed in. */
export const isPickable = (m: Pick<Member, 'deletedAt' | 'status'>) => m.deletedAt === null && m.status !== 'revoked';
