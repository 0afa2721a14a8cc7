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

export const Prospect = z.object({
  ...SyncedFields,
  name: shortText(200).min(1),
  headline: shortText(500).nullable(),
  company: shortText(200).nullable(),
  location: shortText(200).nullable(),
  profiles: z.array(StoredProfileRef).max(50),
  emails: z.array(Email).max(50),
  doNotContact: DoNotContact.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Prospect = z.infer<typeof Prospect>;
