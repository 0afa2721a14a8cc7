import { z } from 'zod';
import { Id, MESSAGE_MAX_BYTES, REASON_MAX_BYTES, SyncedFields, Timestamp, shortText, withEachOption } from './common';
import { OfferDeclineReason, PipelineStatus } from './pipeline';

export const OutreachChannel = z.enum(['inmail', 'email', 'call']);
export type OutreachChannel = z.infer<typeof OutreachChannel>;

export const ReplyInterest = z.enum(['replied', 'interested', 'not_interested']);
export type ReplyInterest = z.infer<typeof ReplyInterest>;

/** How a person was told that the team holds their data (GDPR Article 14). */
export const NoticeChannel = z.enum(['email', 'inmail', 'letter', 'other']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

/** A privacy notice sent: the channel, and the day it was sent (the member may log it later). */
export const PrivacyNoticeSent = z.object({ channel: NoticeChannel, sentAt: Timestamp }).strict();

export const Verdict = z.enum(['approve', 'reject']);
export type Verdict = z.infer<typeof Verdict>;

/** What each kind of activity records; the discriminant is `kind`. */
export const ActivityPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('viewed'), data: z.object({}).strict() }),
  z.object({ kind: z.literal('outreach'), data: z.object({ channel: OutreachChannel }).strict() }),
  z.object({ kind: z.literal('reply'), data: z.object({ interest: ReplyInterest }).strict() }),
  z.object({ kind: z.literal('privacy_notice_sent'), data: PrivacyNoticeSent }),
  z.object({ kind: z.literal('dnc_set'), data: z.object({ reason: shortText(REASON_MAX_BYTES).min(1) }).strict() }),
  z.object({ kind: z.literal('dnc_cleared'), data: z.object({}).strict() }),
  z.object({
    kind: z.literal('review_requested'),
    data: z.object({ requestId: Id, reviewerId: Id }).strict(),
  }),
  z.object({
    kind: z.literal('review_decision'),
    data: z
      .object({
        requestId: Id,
        decisionId: Id,
        verdict: Verdict,
        /** Scorecard items the reviewer ticked as met, and as missing. */
        met: z.array(shortText(200)).max(60),
        missing: z.array(shortText(200)).max(60),
        note: shortText(MESSAGE_MAX_BYTES),
      })
      .strict(),
  }),
  z.object({
    kind: z.literal('stage_changed'),
    /**
     * One move of a pipeline entry (`pipeline.move`): from which stage and status to which, and
     * why. A close keeps the stage (`from` equals `to`) and changes the status. Rows from before
     * status and reason were recorded read as a move of an active entry with no reason.
     */
    data: z
      .object({
        /** null: the person was added to the requisition by this move. */
        from: shortText(100).nullable(),
        to: shortText(100),
        /** The entry's status before the move; null when it was added (or not recorded). */
        fromStatus: PipelineStatus.nullable().default(null),
        status: PipelineStatus.default('active'),
        reason: shortText(REASON_MAX_BYTES).nullable().default(null),
        declinedOffer: OfferDeclineReason.nullable().default(null),
      })
      .strict(),
  }),
  /** Another record of the same person was folded into this one (`prospect.merge`): its id and name then. */
  z.object({
    kind: z.literal('merged'),
    data: z.object({ fromId: Id, fromName: shortText(200) }).strict(),
  }),
]);
export type ActivityPayload = z.infer<typeof ActivityPayload>;
export type ActivityKind = ActivityPayload['kind'];
export const ACTIVITY_KINDS = ActivityPayload.options.map((o) => o.shape.kind.value);

/**
 * Append-only: an activity is never edited. `deletedAt` is set by erasure, and by its member
 * taking back a view, outreach or reply logged by mistake (`activity.undo`).
 */
export const Activity = withEachOption(
  'kind',
  {
    ...SyncedFields,
    prospectId: Id,
    actorId: Id,
    at: Timestamp,
    requisitionId: Id.nullable(),
  },
  ActivityPayload.options,
);
export type Activity = z.infer<typeof Activity>;
