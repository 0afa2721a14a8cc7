import { z } from 'zod';
import { Id, REASON_MAX_BYTES, SyncedFields, Timestamp, shortText } from './common';

/** "Follow up with this person on …": a member's own reminder, synced to their devices only. */
export const FollowUp = z.object({
  ...SyncedFields,
  prospectId: Id,
  ownerId: Id,
  dueAt: Timestamp,
  note: shortText(REASON_MAX_BYTES),
  createdAt: Timestamp,
  doneAt: Timestamp.nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;
