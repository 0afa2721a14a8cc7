import { DECLINE_REASON_LABELS, type PipelineEntry, type PipelineStatus } from '@/lib/model';
import { type TextPart, user } from '@/lib/text-parts';

// The reasons' words sit with the reasons in lib/model, where the check-in report (lib/reports) reads them too.
export { DECLINE_REASON_LABELS };

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
