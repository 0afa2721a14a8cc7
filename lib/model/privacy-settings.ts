import { z } from 'zod';
import { Id, SyncedFields, Timestamp } from './common';

/**
 * The one row of a team's privacy choices has this id in every team (ids are unique only
 * within a team): there is nothing to create, only a row to set, and two admins setting it
 * offline write the same row (last writer wins in server order) instead of two rivals.
 */
export const TEAM_PRIVACY_ID = '00000000000000000000000001';

/** Article 14: a sourced person is told within a month. */
export const DEFAULT_NOTICE_DAYS = 30;

export const NoticeAtDeadline = z.enum(['remind', 'erase']);
export type NoticeAtDeadline = z.infer<typeof NoticeAtDeadline>;

/** How long a person may go without activity before retention erases them. */
export const RetentionMonths = z.number().int().min(1, 'at least one month').max(120, 'ten years at most');

/** `GET /v1/privacy/retention-preview?months=N`: who a retention rule of N months would erase now. */
export const RetentionPreviewQuery = z.strictObject({ months: z.coerce.number().pipe(RetentionMonths) });

export const RetentionPreview = z.object({
  months: RetentionMonths,
  cutoff: Timestamp,
  /** Oldest activity first. */
  people: z.array(z.object({ id: Id, name: z.string(), lastActivityAt: Timestamp })),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

/** The choices themselves: what an admin sets, and the defaults a team starts with. */
export const PrivacyChoices = z.object({
  /** Days from the team first storing a person to the privacy notice being due. */
  noticeDays: z.number().int().min(1, 'at least one day').max(31, 'the GDPR allows a month at most'),
  /** At the deadline with no notice logged: remind again, or erase the person. */
  noticeAtDeadline: NoticeAtDeadline,
  /** Erase people with no activity for this many months; null: never (the default). */
  retentionMonths: RetentionMonths.nullable(),
  /** Whether marking do-not-contact also keeps the person's keys in the suppression list. */
  suppressOnDoNotContact: z.boolean(),
});
export type PrivacyChoices = z.infer<typeof PrivacyChoices>;

export const DEFAULT_PRIVACY: PrivacyChoices = {
  noticeDays: DEFAULT_NOTICE_DAYS,
  noticeAtDeadline: 'remind',
  retentionMonths: null,
  suppressOnDoNotContact: false,
};

/** A team's privacy choices as synced: admins set them, every member's device reads them. */
export const TeamPrivacy = z.object({
  ...SyncedFields,
  ...PrivacyChoices.shape,
  updatedBy: Id,
  updatedAt: Timestamp,
});
export type TeamPrivacy = z.infer<typeof TeamPrivacy>;

/** The team's choices: the set row, else the defaults. */
export function privacyChoices(row: TeamPrivacy | undefined | null): PrivacyChoices {
  if (!row || row.deletedAt !== null) return DEFAULT_PRIVACY;
  const { noticeDays, noticeAtDeadline, retentionMonths, suppressOnDoNotContact } = row;
  return { noticeDays, noticeAtDeadline, retentionMonths, suppressOnDoNotContact };
}
