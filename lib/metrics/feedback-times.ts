import { isOverdue } from '@/lib/deadlines';
import type { ReviewDecision, ReviewRequest } from '@/lib/model';
import { HOUR_MS } from '@/lib/time-units';
import { median, percentile } from './stats';

export interface ReviewerFeedback {
  reviewerId: string;
  /** People this reviewer decided on. */
  decided: number;
  /** Hours from the request to the decision, per person decided (percentiles by nearest rank). */
  medianHours: number | null;
  p90Hours: number | null;
  /**
   * People decided by the request's due time ÷ people whose deadline has run out or who were
   * decided: a review still open past due, or handed on or cancelled after its due time, was
   * not done in time and counts against it. Null when nothing of theirs was due yet.
   */
  withinDeadline: number | null;
  /** People waiting on this reviewer now, and of those the ones past due. */
  open: number;
  overdue: number;
}

/** When a request stopped waiting on its reviewer without a decision: handed on or cancelled. */
export const endedAt = (request: ReviewRequest): number | null => request.history.find((e) => e.kind !== 'nudged')?.at ?? null;

const decisionKey = (requestId: string, prospectId: string) => `${requestId}:${prospectId}`;

/** The decisions that still count, by request and person. */
export function decisionsByPerson(decisions: readonly ReviewDecision[]): Map<string, ReviewDecision> {
  return new Map(decisions.filter((d) => d.deletedAt === null).map((d) => [decisionKey(d.requestId, d.prospectId), d]));
}

export const decisionOn = (byPerson: Map<string, ReviewDecision>, requestId: string, prospectId: string) => byPerson.get(decisionKey(requestId, prospectId));

/**
 * Time to feedback per reviewer (DESIGN.md "Pipeline and the numbers"), counted per person
 * reviewed, from the request the reviewer received: after a reassignment the new reviewer's
 * clock starts at the new request, and the old one answers for the time it sat with them.
 * Sorted fastest median first (reviewers with no decision last), the order to recognise them in.
 */
export function feedbackTimes(requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[], now: number): ReviewerFeedback[] {
  const byPerson = decisionsByPerson(decisions);
  const rows = new Map<string, { hours: number[]; onTime: number; late: number; open: number; overdue: number }>();
  for (const request of requests) {
    if (request.deletedAt !== null) continue;
    const row = rows.get(request.reviewerId) ?? { hours: [], onTime: 0, late: 0, open: 0, overdue: 0 };
    rows.set(request.reviewerId, row);
    const ended = endedAt(request);
    for (const prospectId of request.prospectIds) {
      const decision = decisionOn(byPerson, request.id, prospectId);
      if (decision) {
        row.hours.push((decision.decidedAt - request.createdAt) / HOUR_MS);
        if (decision.decidedAt <= request.dueAt) row.onTime++;
        else row.late++;
      } else if (request.status === 'open') {
        row.open++;
        if (isOverdue(request, now)) {
          row.overdue++;
          row.late++;
        }
      } else if (ended !== null && ended > request.dueAt) row.late++;
    }
  }
  return [...rows]
    .map(([reviewerId, { hours, onTime, late, open, overdue }]) => ({
      reviewerId,
      decided: hours.length,
      medianHours: median(hours),
      p90Hours: percentile(hours, 90),
      withinDeadline: onTime + late === 0 ? null : onTime / (onTime + late),
      open,
      overdue,
    }))
    .sort((a, b) => (a.medianHours ?? Infinity) - (b.medianHours ?? Infinity) || a.reviewerId.localeCompare(b.reviewerId));
}
