import { z } from 'zod';
import { Verdict } from './activity';
import { Id, SyncedFields, Timestamp, shortText } from './common';

export const ReviewRequestStatus = z.enum(['open', 'completed', 'cancelled', 'reassigned']);

/** A batch of people sent to a reviewer, due at createdAt + the requisition's feedback SLA. */
export const ReviewRequest = z.object({
  ...SyncedFields,
  requisitionId: Id,
  requesterId: Id,
  reviewerId: Id,
  prospectIds: z.array(Id).min(1).max(200),
  message: shortText(5000),
  createdAt: Timestamp,
  dueAt: Timestamp,
  status: ReviewRequestStatus,
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const ReviewDecision = z.object({
  ...SyncedFields,
  requestId: Id,
  prospectId: Id,
  reviewerId: Id,
  verdict: Verdict,
  reasons: z.array(shortText(200)).max(50),
  note: shortText(5000),
  decidedAt: Timestamp,
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;
