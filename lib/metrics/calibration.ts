import type { Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import { tally } from './stats';

export interface Calibration {
  /** People the reviewers decided on for this requisition, and how many they approved. */
  decided: number;
  approved: number;
  /** approved ÷ decided; null before any decision. */
  approvalRate: number | null;
  /**
   * The requisition's must-haves reviewers ticked as missing, most cited first: what sourcing
   * keeps missing, or what the intake asked for that the market does not have.
   */
  missingMustHaves: { item: string; count: number }[];
}

/** Whether the people sent for review match what the hiring manager wants (issue 10, calibration). */
export function calibration(requisition: Requisition, requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[]): Calibration {
  const ours = new Set(requests.filter((r) => r.deletedAt === null && r.requisitionId === requisition.id).map((r) => r.id));
  const counted = decisions.filter((d) => d.deletedAt === null && ours.has(d.requestId));
  const approved = counted.filter((d) => d.verdict === 'approve').length;
  return {
    decided: counted.length,
    approved,
    approvalRate: counted.length === 0 ? null : approved / counted.length,
    missingMustHaves: missingMustHaves([requisition], requests, decisions),
  };
}

/**
 * The must-haves reviewers ticked as missing over several requisitions, most cited first: an item
 * counts where it is a must-have of the requisition the review was for, and items of the same
 * wording add up across requisitions.
 */
export function missingMustHaves(requisitions: readonly Requisition[], requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[]): { item: string; count: number }[] {
  const mustHaves = new Map(requisitions.map((r) => [r.id, new Set(r.mustHaves)]));
  const mustHavesOf = new Map(requests.filter((r) => r.deletedAt === null && mustHaves.has(r.requisitionId)).map((r) => [r.id, mustHaves.get(r.requisitionId)!]));
  const cited = decisions.flatMap((d) => {
    const items = d.deletedAt === null ? mustHavesOf.get(d.requestId) : undefined;
    return items ? d.missing.filter((item) => items.has(item)) : [];
  });
  return tally(cited).map(({ value, count }) => ({ item: value, count }));
}
