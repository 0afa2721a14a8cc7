import type { OfferDeclineReason, PipelineEntry, PipelineStatus } from '@/lib/model';
import { type TextPart, user } from '@/lib/text-parts';

/** Why a candidate declined the offer, as the withdraw form lists it and the feed and guard say it. */
export const DECLINE_REASON_LABELS: Record<OfferDeclineReason, string> = {
  compensation: 'compensation',
  another_offer: 'another offer',
  role_scope: 'role or scope',
  location_remote: 'location or remote work',
  counter_offer: 'a counter-offer',
  timing: 'timing',
  other: 'another reason',
};

/** The closing choices of the stage select, after the stages; "…" where a reason is asked for. */
export const CLOSING_LABELS: Record<Exclude<PipelineStatus, 'active'>, string> = {
  hired: 'Hired',
  rejected: 'Rejected by us…',
  withdrew: 'Withdrew…',
};

/** How an entry stands, in words: "Onsite", "Rejected by us: not enough Go", "Withdrew: declined the offer (compensation)". */
export function entryStatusText(entry: Pick<PipelineEntry, 'stage' | 'status' | 'reason' | 'declinedOffer'>): TextPart[] {
  const reason: TextPart[] = entry.reason ? [user(entry.reason)] : [];
  switch (entry.status) {
    case 'active':
      return [user(entry.stage)];
    case 'hired':
      return ['Hired (from ', user(entry.stage), ')'];
    case 'rejected':
      return ['Rejected by us at ', user(entry.stage), ...(reason.length ? [': ', ...reason] : [])];
    case 'withdrew':
      if (entry.declinedOffer) return [`Declined the offer (${DECLINE_REASON_LABELS[entry.declinedOffer]})`, ...(reason.length ? [': ', ...reason] : [])];
      return ['Withdrew at ', user(entry.stage), ...(reason.length ? [': ', ...reason] : [])];
  }
}
