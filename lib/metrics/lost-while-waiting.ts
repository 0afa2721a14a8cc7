import type { ReviewDecision, ReviewRequest } from '@/lib/model';
import { decisionOn, decisionsByPerson, endedAt } from './feedback-times';
import type { StageMove } from './stage-history';
import { HOUR_MS } from '@/lib/time-units';

export interface LostWhileWaiting {
  prospectId: string;
  requisitionId: string;
  withdrewAt: number;
  /** The overdue review they were waiting on (the longest overdue, if several) and its reviewer. */
  requestId: string;
  reviewerId: string;
  /** How long past due that review was when they withdrew. */
  overdueHours: number;
}

/**
 * People who withdrew from a requisition while a review of them for it was overdue (DESIGN.md
 * "Pipeline and the numbers"): the request was sent, past due, still with its reviewer (not
 * handed on or cancelled) and had no decision on them at the moment they withdrew.
 */
export function lostWhileWaiting(requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[], moves: readonly StageMove[]): LostWhileWaiting[] {
  const byPerson = decisionsByPerson(decisions);
  const lost: LostWhileWaiting[] = [];
  for (const { prospectId, requisitionId, at, data, deletedAt } of moves) {
    if (deletedAt !== null || requisitionId === null || data.status !== 'withdrew' || data.fromStatus === 'withdrew') continue;
    let longest: ReviewRequest | null = null;
    for (const request of requests) {
      if (request.deletedAt !== null || request.requisitionId !== requisitionId || !request.prospectIds.includes(prospectId)) continue;
      if (request.createdAt > at || request.dueAt >= at) continue;
      const ended = endedAt(request);
      if (ended !== null && ended <= at) continue;
      const decision = decisionOn(byPerson, request.id, prospectId);
      if (decision && decision.decidedAt <= at) continue;
      if (!longest || request.dueAt < longest.dueAt) longest = request;
    }
    if (longest) {
      lost.push({ prospectId, requisitionId, withdrewAt: at, requestId: longest.id, reviewerId: longest.reviewerId, overdueHours: (at - longest.dueAt) / HOUR_MS });
    }
  }
  return lost.sort((a, b) => a.withdrewAt - b.withdrewAt);
}
