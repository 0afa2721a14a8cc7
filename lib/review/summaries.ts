import { dueText, isOverdue } from '@/lib/deadlines';
import type { Requisition, ReviewDecision, ReviewEvent, ReviewRequest } from '@/lib/model';
import { type TextPart, user } from '@/lib/text-parts';

/**
 * What the requisitions page says about an intake and its review requests, as plain text: the
 * progress and result lines it shows, and what "Copy intake summary" and "Copy result" put on
 * the clipboard. Pure: names, the clock and the time zone come in as arguments.
 */

export const REQUISITION_STATUS_LABELS: Record<Requisition['status'], string> = { open: 'Open', on_hold: 'On hold', closed: 'Closed' };

/** How a member or a person is called in the text; the caller decides the fallbacks. */
export interface Names {
  member(id: string): string;
  person(id: string): string;
}

/** "overdue by 2 days", or null when the request is not overdue. */
export function latenessText(request: Pick<ReviewRequest, 'status' | 'dueAt'>, now: number): string | null {
  return isOverdue(request, now) ? dueText(request.dueAt, now) : null;
}

export interface RequestTally {
  total: number;
  decided: number;
  approved: number;
  rejected: number;
  /** The scorecard item most often missing among rejections, or null. */
  topReason: string | null;
  /** The standing decision per person, in the order of the request. */
  decisions: ReviewDecision[];
  /** People still waiting for a decision, in the order of the request. */
  waiting: string[];
}

/**
 * Counts a request's decisions: one per person in it (the latest, if a sync ever left two),
 * undone ones left out. The most given reason is the item most often ticked as missing on a
 * rejection; a tie goes to the item listed first in the scorecard (must-haves, then
 * nice-to-haves), then to the one given first.
 */
export function tallyRequest(request: Pick<ReviewRequest, 'prospectIds'>, decisions: readonly ReviewDecision[], scorecard: readonly string[]): RequestTally {
  const latest = new Map<string, ReviewDecision>();
  for (const d of decisions) {
    if (d.deletedAt !== null || !request.prospectIds.includes(d.prospectId)) continue;
    const seen = latest.get(d.prospectId);
    if (!seen || d.decidedAt > seen.decidedAt) latest.set(d.prospectId, d);
  }
  const standing = request.prospectIds.flatMap((p) => latest.get(p) ?? []);
  const rejections = standing.filter((d) => d.verdict === 'reject').sort((a, b) => a.decidedAt - b.decidedAt);

  const counts = new Map<string, { count: number; firstSeen: number }>();
  for (const d of rejections) {
    for (const item of new Set(d.missing)) {
      const entry = counts.get(item) ?? { count: 0, firstSeen: counts.size };
      entry.count += 1;
      counts.set(item, entry);
    }
  }
  const rank = (item: string) => {
    const i = scorecard.indexOf(item);
    return i === -1 ? scorecard.length : i;
  };
  const ranked = [...counts].sort(([a, x], [b, y]) => y.count - x.count || rank(a) - rank(b) || x.firstSeen - y.firstSeen);
  const topReason = ranked[0]?.[0] ?? null;

  return {
    total: request.prospectIds.length,
    decided: standing.length,
    approved: standing.length - rejections.length,
    rejected: rejections.length,
    topReason,
    decisions: standing,
    waiting: request.prospectIds.filter((p) => !latest.has(p)),
  };
}

/** "3 of 8 decided". */
export function progressText(tally: Pick<RequestTally, 'decided' | 'total'>): string {
  return `${tally.decided} of ${tally.total} decided`;
}

/** "5 approved, 3 rejected; most given reason: Postgres", or "No decisions yet". */
export function resultText(tally: Pick<RequestTally, 'decided' | 'approved' | 'rejected' | 'topReason'>): string {
  if (tally.decided === 0) return 'No decisions yet';
  const counts = `${tally.approved} approved, ${tally.rejected} rejected`;
  return tally.topReason === null ? counts : `${counts}; most given reason: ${tally.topReason}`;
}

/** One line of a request's history, without its time: "Reassigned to Sam by Riley". */
export function eventText(event: ReviewEvent, names: Pick<Names, 'member'>): TextPart[] {
  const by = user(names.member(event.by));
  switch (event.kind) {
    case 'nudged':
      return ['Nudged by ', by];
    case 'reassigned':
      return event.to === null ? ['Reassigned by ', by] : ['Reassigned to ', user(names.member(event.to)), ' by ', by];
    case 'cancelled':
      return ['Withdrawn by ', by];
  }
}

/** Where a request stands, in a few words: "open, due in 5 hours", "overdue by 2 days", "withdrawn". */
export function requestStatusText(request: Pick<ReviewRequest, 'status' | 'dueAt' | 'history'>, now: number, names: Pick<Names, 'member'>): string {
  switch (request.status) {
    case 'open':
      return latenessText(request, now) ?? `open, ${dueText(request.dueAt, now)}`;
    case 'completed':
      return 'complete';
    case 'cancelled':
      return 'withdrawn';
    case 'reassigned': {
      const to = request.history.findLast((e) => e.kind === 'reassigned')?.to;
      return to ? `reassigned to ${names.member(to)}` : 'reassigned';
    }
  }
}

/**
 * A calendar day stored as midnight UTC (how the page stores a target date), e.g. "30 Jun 2025".
 * Formatted in UTC so every member sees the same day wherever they are.
 */
export function formatDay(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** A moment, e.g. "30 Jun 2025, 14:05", in the given time zone (the device's by default). */
export function formatDateTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

const numbered = (items: readonly string[]) => (items.length === 0 ? ['(none)'] : items.map((item, i) => `${i + 1}. ${item}`));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const hours = (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`;

/** The intake both sides confirm: "Copy intake summary". */
export function intakeSummaryText(requisition: Requisition, names: Pick<Names, 'member'>): string {
  const recruiters = requisition.recruiterIds.map((id) => names.member(id));
  const hires = `${requisition.targetHires} ${requisition.targetHires === 1 ? 'hire' : 'hires'}`;
  return [
    `Intake: ${requisition.title}`,
    `Status: ${REQUISITION_STATUS_LABELS[requisition.status]}`,
    `Hiring manager: ${names.member(requisition.hiringManagerId)}`,
    `Recruiters: ${recruiters.length === 0 ? '(none)' : recruiters.join(', ')}`,
    '',
    'Must-haves:',
    ...numbered(requisition.mustHaves),
    '',
    'Nice-to-haves:',
    ...numbered(requisition.niceToHaves),
    '',
    `Feedback deadline: ${hours(requisition.feedbackSlaHours)} after a review request is sent`,
    `Target: ${hires}${requisition.targetDate === null ? ', no target date' : ` by ${formatDay(requisition.targetDate)}`}`,
    `Stages: ${requisition.stages.join(' → ')}`,
  ].join('\n');
}

export interface RequestResultInput {
  requisition: Pick<Requisition, 'title' | 'mustHaves' | 'niceToHaves'>;
  request: ReviewRequest;
  decisions: readonly ReviewDecision[];
  names: Names;
  now: number;
  /** IANA time zone for the sent and due times; the device's when left out. */
  timeZone?: string;
}

function decisionLine(d: ReviewDecision, names: Names): string {
  const items = d.verdict === 'approve' ? (d.met.length > 0 ? ` (met: ${d.met.join(', ')})` : '') : d.missing.length > 0 ? ` (missing: ${d.missing.join(', ')})` : '';
  const note = oneLine(d.note);
  return `- ${names.person(d.prospectId)}${items}${note ? `. Note: “${note}”` : ''}`;
}

/** A request's result for the weekly check-in: "Copy result". */
export function requestResultText({ requisition, request, decisions, names, now, timeZone }: RequestResultInput): string {
  const tally = tallyRequest(request, decisions, [...requisition.mustHaves, ...requisition.niceToHaves]);
  const approved = tally.decisions.filter((d) => d.verdict === 'approve');
  const rejected = tally.decisions.filter((d) => d.verdict === 'reject');
  const lines = [
    `${requisition.title}: review by ${names.member(request.reviewerId)}`,
    `Sent ${formatDateTime(request.createdAt, timeZone)} by ${names.member(request.requesterId)}; due ${formatDateTime(request.dueAt, timeZone)}`,
    `Status: ${requestStatusText(request, now, names)}`,
    `${progressText(tally)}: ${resultText(tally)}`,
  ];
  if (approved.length > 0) lines.push('', 'Approved:', ...approved.map((d) => decisionLine(d, names)));
  if (rejected.length > 0) lines.push('', 'Rejected:', ...rejected.map((d) => decisionLine(d, names)));
  if (tally.waiting.length > 0) {
    const heading = request.status === 'open' ? 'Waiting for a decision:' : 'Not decided:';
    lines.push('', heading, ...tally.waiting.map((p) => `- ${names.person(p)}`));
  }
  return lines.join('\n');
}
