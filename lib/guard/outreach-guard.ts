import type { Activity, OutreachChannel, PipelineEntry, Prospect, ReviewRequest } from '@/lib/model';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A reason to pause before contacting someone, most serious first. */
export type GuardWarning =
  | { kind: 'do_not_contact'; reason: string; by: string; at: number }
  | { kind: 'rejected'; by: string; at: number; missing: string[]; note: string }
  | { kind: 'not_interested'; by: string; at: number }
  | { kind: 'in_process'; stage: string; requisitionId: string }
  | { kind: 'open_review'; requestId: string; reviewerId: string; dueAt: number }
  | { kind: 'recent_outreach'; by: string; at: number; channel: OutreachChannel; count: number };

export interface GuardInput {
  prospect: Pick<Prospect, 'doNotContact'> | null;
  /** The person's activities, any order. */
  activities: Activity[];
  openReviews: ReviewRequest[];
  pipeline: PipelineEntry[];
  now: number;
  windowDays: number;
  /** Who reads the warnings: a review waiting for them is their work, not a reason to hold back. */
  viewerId?: string;
}

/**
 * What a recruiter must know before reaching out: do-not-contact, a rejection or a "not
 * interested" within the window, an active process, an open review, or outreach by the team
 * within the window (the latest, with how many in all).
 */
export function outreachWarnings({ prospect, activities, openReviews, pipeline, now, windowDays, viewerId }: GuardInput): GuardWarning[] {
  const since = now - windowDays * DAY_MS;
  const recent = activities.filter((a) => a.deletedAt === null && a.at >= since).sort((a, b) => b.at - a.at);
  const warnings: GuardWarning[] = [];

  if (prospect?.doNotContact) warnings.push({ kind: 'do_not_contact', ...prospect.doNotContact });

  const rejection = recent.find((a) => a.kind === 'review_decision' && a.data.verdict === 'reject');
  if (rejection?.kind === 'review_decision') {
    warnings.push({ kind: 'rejected', by: rejection.actorId, at: rejection.at, missing: rejection.data.missing, note: rejection.data.note });
  }

  const declined = recent.find((a) => a.kind === 'reply' && a.data.interest === 'not_interested');
  if (declined) warnings.push({ kind: 'not_interested', by: declined.actorId, at: declined.at });

  for (const entry of pipeline) {
    if (entry.deletedAt === null && entry.status === 'active') {
      warnings.push({ kind: 'in_process', stage: entry.stage, requisitionId: entry.requisitionId });
    }
  }

  // One line per reviewer, with the soonest due: "In review with Hana" twice says nothing more.
  const byReviewer = new Map<string, ReviewRequest>();
  for (const r of openReviews) {
    if (r.deletedAt !== null || r.status !== 'open' || r.reviewerId === viewerId) continue;
    const seen = byReviewer.get(r.reviewerId);
    if (!seen || r.dueAt < seen.dueAt) byReviewer.set(r.reviewerId, r);
  }
  for (const r of byReviewer.values()) warnings.push({ kind: 'open_review', requestId: r.id, reviewerId: r.reviewerId, dueAt: r.dueAt });

  const outreach = recent.filter((a) => a.kind === 'outreach');
  const latest = outreach[0];
  if (latest?.kind === 'outreach') {
    warnings.push({ kind: 'recent_outreach', by: latest.actorId, at: latest.at, channel: latest.data.channel, count: outreach.length });
  }
  return warnings;
}
