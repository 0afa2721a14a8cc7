import { z } from 'zod';
import { Id, REASON_MAX_BYTES, SyncedFields, Timestamp, shortText } from './common';
import { StoredProfileRef } from './identity';
import { Email } from './member';

export const DoNotContact = z.object({
  reason: shortText(REASON_MAX_BYTES).min(1, 'a reason is required'),
  by: Id,
  at: Timestamp,
});
export type DoNotContact = z.infer<typeof DoNotContact>;

/** What one person's record holds at most: every site's profile, every address a page showed. */
export const MAX_PERSON_PROFILES = 50;
export const MAX_PERSON_EMAILS = 50;

export const Prospect = z.object({
  ...SyncedFields,
  name: shortText(200).min(1),
  headline: shortText(500).nullable(),
  company: shortText(200).nullable(),
  location: shortText(200).nullable(),
  profiles: z.array(StoredProfileRef).max(MAX_PERSON_PROFILES),
  emails: z.array(Email).max(MAX_PERSON_EMAILS),
  doNotContact: DoNotContact.nullable(),
  createdAt: Timestamp,
  /**
   * The member who first stored the person: the one the Article 14 clock reminds. Absent on
   * people stored before it was recorded (lib/privacy/notice-clock.ts then takes the actor of
   * their first activity).
   */
  createdBy: Id.nullable().optional(),
  updatedAt: Timestamp,
});
export type Prospect = z.infer<typeof Prospect>;
