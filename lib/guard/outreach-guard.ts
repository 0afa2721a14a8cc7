import { DAY_MS } from '@/lib/time-units';
import type { Activity, OfferDeclineReason, OutreachChannel, PipelineEntry, Prospect, Requisition, ReviewRequest } from '@/lib/model';

/** A reason to pause before contacting someone, most serious first. */
export type GuardWarning =
  | { kind: 'do_not_contact'; reason: string; by: string; at: number }
  | { kind: 'hired'; requisitionId: string; requisitionTitle: string | null; at: number }
  | { kind: 'rejected'; by: string; at: number; missing: string[]; note: string }
  | { kind: 'rejected_by_us'; requisitionId: string; requisitionTitle: string | null; at: number; reason: string | null }
  | { kind: 'not_interested'; by: string; at: number }
  | { kind: 'withdrew'; requisitionId: string; requisitionTitle: string | null; at: number; reason: string | null; declinedOffer: OfferDeclineReason | null }
  | { kind: 'in_process'; stage: string; requisitionId: string; requisitionTitle: string | null }
  | { kind: 'open_review'; requestId: string; reviewerId: string; dueAt: number }
  | { kind: 'recent_outreach'; by: string; at: number; channel: OutreachChannel; count: number };

/**
 * The only kinds of activity the guard reads, and only within its window: what a device needs
 * to read for it (by index), however long the person's history.
 */
export const GUARD_ACTIVITY_KINDS = ['review_decision', 'reply', 'outreach'] as const satisfies readonly Activity['kind'][];

/** A decision the guard warns of: a rejection (it shows the newest within its window). */
export const warnsRejected = (a: Activity): a is Extract<Activity, { kind: 'review_decision' }> => a.kind === 'review_decision' && a.data.verdict === 'reject';

/** A reply the guard warns of: "not interested" (it shows the newest within its window). */
export const warnsDeclined = (a: Activity): a is Extract<Activity, { kind: 'reply' }> => a.kind === 'reply' && a.data.interest === 'not_interested';

/** Where the guard's window starts. */
export const guardWindowStart = (now: number, windowDays: number) => now - windowDays * DAY_MS;

export interface GuardInput {
  prospect: Pick<Prospect, 'doNotContact'> | null;
  /** The person's activities, any order: at least those of GUARD_ACTIVITY_KINDS in the window (of outreach, the newest is enough when `outreachCount` is given). */
  activities: Activity[];
  /** How many live outreach the window holds, when the caller counted them (a device counts by index, not by reading each row); else counted from `activities`. */
  outreachCount?: number;
  openReviews: ReviewRequest[];
  pipeline: PipelineEntry[];
  /** The team's requisitions by id: their titles, and which are closed (nobody is in process there). */
  requisitions?: ReadonlyMap<string, Pick<Requisition, 'title' | 'status' | 'deletedAt'>>;
  now: number;
  windowDays: number;
  /** Who reads the warnings: a review waiting for them is their work, not a reason to hold back. */
  viewerId?: string;
}

/**
 * What a recruiter must know before reaching out: do-not-contact, a hire by the team (ever), a
 * rejection (in review or by us), a "not interested" or a withdrawal within the window, an
 * active process, an open review, or outreach by the team within the window (the latest, with
 * how many in all).
 */
export function outreachWarnings({ prospect, activities, outreachCount, openReviews, pipeline, requisitions, now, windowDays, viewerId }: GuardInput): GuardWarning[] {
  const since = guardWindowStart(now, windowDays);
  const recent = activities.filter((a) => a.deletedAt === null && a.at >= since).sort((a, b) => b.at - a.at);
  const warnings: GuardWarning[] = [];

  if (prospect?.doNotContact) warnings.push({ kind: 'do_not_contact', ...prospect.doNotContact });

  // Entries of requisitions the team deleted say nothing; a closed requisition has nobody in process.
  const entries = pipeline
    .filter((e) => e.deletedAt === null && requisitions?.get(e.requisitionId)?.deletedAt == null)
    .map((e) => ({ entry: e, requisitionTitle: requisitions?.get(e.requisitionId)?.title ?? null, closed: requisitions?.get(e.requisitionId)?.status === 'closed' }))
    .sort((a, b) => b.entry.updatedAt - a.entry.updatedAt);
  const ended = (status: PipelineEntry['status']) => entries.filter(({ entry }) => entry.status === status);
  for (const { entry, requisitionTitle } of ended('hired')) warnings.push({ kind: 'hired', requisitionId: entry.requisitionId, requisitionTitle, at: entry.updatedAt });

  const rejection = recent.find(warnsRejected);
  if (rejection) {
    warnings.push({ kind: 'rejected', by: rejection.actorId, at: rejection.at, missing: rejection.data.missing, note: rejection.data.note });
  }
  for (const { entry, requisitionTitle } of ended('rejected')) {
    if (entry.updatedAt >= since) warnings.push({ kind: 'rejected_by_us', requisitionId: entry.requisitionId, requisitionTitle, at: entry.updatedAt, reason: entry.reason });
  }

  const declined = recent.find(warnsDeclined);
  if (declined) warnings.push({ kind: 'not_interested', by: declined.actorId, at: declined.at });

  for (const { entry, requisitionTitle } of ended('withdrew')) {
    if (entry.updatedAt >= since) warnings.push({ kind: 'withdrew', requisitionId: entry.requisitionId, requisitionTitle, at: entry.updatedAt, reason: entry.reason, declinedOffer: entry.declinedOffer ?? null });
  }
  for (const { entry, requisitionTitle, closed } of ended('active')) {
    if (!closed) warnings.push({ kind: 'in_process', stage: entry.stage, requisitionId: entry.requisitionId, requisitionTitle });
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
    warnings.push({ kind: 'recent_outreach', by: latest.actorId, at: latest.at, channel: latest.data.channel, count: outreachCount ?? outreach.length });
  }
  return warnings;
}
