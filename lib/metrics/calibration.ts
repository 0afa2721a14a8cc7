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
  const mustHaves = new Set(requisition.mustHaves);
  const approved = counted.filter((d) => d.verdict === 'approve').length;
  return {
    decided: counted.length,
    approved,
    approvalRate: counted.length === 0 ? null : approved / counted.length,
    missingMustHaves: tally(counted.flatMap((d) => d.missing.filter((item) => mustHaves.has(item)))).map(({ value, count }) => ({ item: value, count })),
  };
}
