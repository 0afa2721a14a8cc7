import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
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

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The one id of a person's entry in a requisition, derived from both, so two devices that add
 * the same person offline write the same record (last writer wins in server order) instead of
 * two. ULID-shaped (the first 128 bits of a SHA-256, in Crockford base 32) like every id.
 */
export function pipelineEntryId(prospectId: string, requisitionId: string): string {
  const digest = sha256(new TextEncoder().encode(`pipeline:${prospectId}:${requisitionId}`));
  // 128 bits with two zero bits in front: 26 characters, the first 0-7 as in any ULID.
  let bits = 0n;
  for (const byte of digest.subarray(0, 16)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(bits & 31n)]! + id;
    bits >>= 5n;
  }
  return id;
}
