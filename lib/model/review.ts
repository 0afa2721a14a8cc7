import { z } from 'zod';
import { Verdict } from './activity';
import { Id, MESSAGE_MAX_BYTES, SyncedFields, Timestamp, shortText } from './common';

export const ReviewRequestStatus = z.enum(['open', 'completed', 'cancelled', 'reassigned']);

export type ReviewRequestStatus = z.infer<typeof ReviewRequestStatus>;

export const MAX_REVIEW_BATCH = 100;

/** What happened to a request after it was sent: chased, handed to someone else, withdrawn. */
export const ReviewEvent = z.object({
  kind: z.enum(['nudged', 'reassigned', 'cancelled']),
  by: Id,
  at: Timestamp,
  /** reassigned: the new reviewer and the request that continues this one. */
  to: Id.nullable(),
  requestId: Id.nullable(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

/** A batch of people sent to a reviewer, due at createdAt + the requisition's feedback SLA. */
export const ReviewRequest = z.object({
  ...SyncedFields,
  requisitionId: Id,
  requesterId: Id,
  reviewerId: Id,
  prospectIds: z.array(Id).min(1).max(MAX_REVIEW_BATCH),
  message: shortText(MESSAGE_MAX_BYTES),
  createdAt: Timestamp,
  dueAt: Timestamp,
  status: ReviewRequestStatus,
  /** The request this one took over from when it was reassigned. */
  reassignedFrom: Id.nullable(),
  history: z.array(ReviewEvent).max(200),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const ReviewDecision = z.object({
  ...SyncedFields,
  requestId: Id,
  prospectId: Id,
  reviewerId: Id,
  verdict: Verdict,
  /** Scorecard items the reviewer ticked as met, and as missing. */
  met: z.array(shortText(200)).max(60),
  missing: z.array(shortText(200)).max(60),
  note: shortText(MESSAGE_MAX_BYTES),
  decidedAt: Timestamp,
  /** The `review_decision` activity that puts this decision in the person's feed. */
  activityId: Id,
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;
