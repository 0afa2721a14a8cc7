import type { OfferDeclineReason, Requisition } from '@/lib/model';
import { type EntryHistory, stageHistory, type StageMove } from './stage-history';
import { tally } from './stats';

export interface Outcomes {
  /** Entries that reached the last stage or were marked hired (as in `passThrough`). */
  hires: number;
  /** Rejected entries by the reason given (null: none), most frequent first. */
  rejections: { reason: string | null; count: number }[];
  /** Every entry that withdrew, offer or not. */
  withdrawals: number;
  /** Withdrew by declining the offer, by reason, most frequent first. */
  offerDeclines: { reason: OfferDeclineReason; count: number }[];
}

/**
 * How the requisition's entries ended, by their state after the last move: a rejection undone by
 * reopening is no rejection, so the reasons counted are the ones that stood.
 */
export function outcomes(requisition: Requisition, moves: readonly StageMove[]): Outcomes {
  return teamOutcomes([requisition], moves);
}

/** `outcomes` over several requisitions at once, each entry judged by its own requisition's stages. */
export function teamOutcomes(requisitions: readonly Requisition[], moves: readonly StageMove[]): Outcomes {
  const hired: EntryHistory[] = [];
  const closed: EntryHistory[] = [];
  for (const requisition of requisitions) {
    const last = requisition.stages.length - 1;
    for (const entry of stageHistory(requisition, moves)) (entry.furthest === last ? hired : closed).push(entry);
  }
  const withdrew = closed.filter((e) => e.status === 'withdrew');
  return {
    hires: hired.length,
    rejections: tally(closed.filter((e) => e.status === 'rejected').map((e) => e.reason)).map(({ value, count }) => ({ reason: value, count })),
    withdrawals: withdrew.length,
    offerDeclines: tally(withdrew.flatMap((e) => (e.declinedOffer === null ? [] : [e.declinedOffer]))).map(({ value, count }) => ({ reason: value, count })),
  };
}
