import type { ReviewRequest } from '@/lib/model';
import type { StageMove } from './stage-history';

/** The dashboard's filters: a span of time (both ends included, ms) and, optionally, one member. */
export interface MetricsFilter {
  from: number;
  to: number;
  /** null: the whole team. */
  memberId: string | null;
}

const within = (t: number, { from, to }: MetricsFilter) => t >= from && t <= to;

/**
 * The moves of the entries (person × requisition) added in the span, by the member when one is
 * chosen: a cohort, followed with every move since, so pass-through, time in stage and outcomes
 * describe the same people. An entry is added by its earliest live move.
 */
export function cohortMoves(moves: readonly StageMove[], filter: MetricsFilter): StageMove[] {
  const added = new Map<string, StageMove>();
  const key = (m: StageMove) => `${m.requisitionId}\u0000${m.prospectId}`;
  for (const move of moves) {
    if (move.deletedAt !== null) continue;
    const seen = added.get(key(move));
    if (!seen || move.at < seen.at) added.set(key(move), move);
  }
  const kept = new Set([...added].filter(([, m]) => within(m.at, filter) && (filter.memberId === null || m.actorId === filter.memberId)).map(([k]) => k));
  return moves.filter((m) => kept.has(key(m)));
}

/** Review requests sent in the span, and with a member chosen, the ones they sent or were sent. */
export function requestsIn(requests: readonly ReviewRequest[], filter: MetricsFilter): ReviewRequest[] {
  return requests.filter((r) => within(r.createdAt, filter) && (filter.memberId === null || r.requesterId === filter.memberId || r.reviewerId === filter.memberId));
}
