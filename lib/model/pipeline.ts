import { z } from 'zod';
import { derivedId } from './derived-id';
import { Id, REASON_MAX_BYTES, SyncedFields, Timestamp, shortText } from './common';

export const PipelineStatus = z.enum(['active', 'hired', 'rejected', 'withdrew']);
export type PipelineStatus = z.infer<typeof PipelineStatus>;

/** A requisition's stage name, as `Requisition.stages` holds it. */
export const StageName = shortText(100).min(1);

/**
 * Why a candidate declined an offer: the reasons recruiters track (and the dashboard counts),
 * with free text beside it for the detail.
 */
export const OfferDeclineReason = z.enum(['compensation', 'another_offer', 'role_scope', 'location_remote', 'counter_offer', 'timing', 'other']);
export type OfferDeclineReason = z.infer<typeof OfferDeclineReason>;

/** Why a candidate declined the offer, as the withdraw form lists it, the feed and guard say it and the check-in counts it. */
export const DECLINE_REASON_LABELS: Record<OfferDeclineReason, string> = {
  compensation: 'compensation',
  another_offer: 'another offer',
  role_scope: 'role or scope',
  location_remote: 'location or remote work',
  counter_offer: 'a counter-offer',
  timing: 'timing',
  other: 'another reason',
};

/** Where a person stands for one requisition; every move is also a `stage_changed` activity. */
export const PipelineEntry = z.object({
  ...SyncedFields,
  prospectId: Id,
  requisitionId: Id,
  /** The stage they are at; a closed entry keeps the stage it was closed at. */
  stage: StageName,
  status: PipelineStatus,
  /** Why it was closed (rejected by us, withdrew), or a note on any other move; null when none was given. */
  reason: shortText(REASON_MAX_BYTES).nullable(),
  /** Withdrew by declining the offer, and why (rows from before it was recorded: null). */
  declinedOffer: OfferDeclineReason.nullable().default(null),
  updatedAt: Timestamp,
});
export type PipelineEntry = z.infer<typeof PipelineEntry>;

/**
 * The one id of a person's entry in a requisition, derived from both, so two devices that add
 * the same person offline write the same record (last writer wins in server order) instead of
 * two.
 */
export function pipelineEntryId(prospectId: string, requisitionId: string): string {
  return derivedId(`pipeline:${prospectId}:${requisitionId}`);
}
