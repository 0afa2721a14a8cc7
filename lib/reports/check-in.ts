import { TZDate } from '@date-fns/tz';
import { startOfISOWeek, subWeeks } from 'date-fns';
import {
  feedbackTimes,
  isoWeek,
  outcomes,
  passThrough,
  type ReviewerFeedback,
  sourcingActivity,
  type StageMove,
  timeInStage,
  type WeeklySourcing,
} from '@/lib/metrics';
import { decisionsByPerson, decisionOn } from '@/lib/metrics/feedback-times';
import type { Activity, Member, OfferDeclineReason, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';

/** Candidates named per stage; the rest are counted. */
export const TOP_PER_STAGE = 3;

export interface CheckInInput {
  requisition: Requisition;
  /** This requisition's stage moves. */
  moves: readonly StageMove[];
  /** This requisition's review requests and the decisions on them. */
  requests: readonly ReviewRequest[];
  decisions: readonly ReviewDecision[];
  /** The team's activities since `checkInWeeks(now).since`, and each of those people's first activity (for "added"). */
  activities: readonly Activity[];
  members: readonly Member[];
  /** Names of the people in the pipeline, by the id the moves carry. */
  people: ReadonlyMap<string, string>;
  now: number;
  /** The member's time zone: the weeks are theirs. */
  timeZone: string;
}

export interface TopCandidate {
  prospectId: string;
  name: string;
  daysInStage: number;
  lastActivityAt: number;
  /** The standing review of them for this requisition approved them. */
  approved: boolean;
}

export interface CheckInStage {
  stage: string;
  inStage: number;
  /** Pass-through (null for the last stage or when nobody was decided here), with its counts. */
  passThrough: number | null;
  passed: number | null;
  decided: number;
  bottleneck: boolean;
  medianDays: number | null;
  top: TopCandidate[];
  /** Active at this stage but not named in `top`. */
  more: number;
}

export interface CheckInActionItem {
  prospectIds: string[];
  names: string[];
  /** 'overdue-review': decide on them (dueAt passed); 'long-in-stage': longer at `stage` than its median. */
  kind: 'overdue-review' | 'long-in-stage';
  stage: string | null;
  days: number | null;
  medianDays: number | null;
  dueAt: number | null;
}

export interface CheckInAction {
  /** Who has to act: a reviewer, or the requisition's recruiters. */
  memberIds: string[];
  who: string;
  role: 'hiring manager' | 'reviewer' | 'recruiter';
  items: CheckInActionItem[];
}

export interface MemberRef {
  memberId: string;
  name: string;
  email: string;
}

export interface CheckInSourcing extends MemberRef {
  thisWeek: WeeklySourcing | null;
  lastWeek: WeeklySourcing | null;
}

export interface CheckInFeedback extends MemberRef, Omit<ReviewerFeedback, 'reviewerId'> {
  isHiringManager: boolean;
}

export interface CheckIn {
  requisitionId: string;
  title: string;
  generatedAt: number;
  timeZone: string;
  thisWeek: string;
  lastWeek: string;
  hires: number;
  targetHires: number;
  stages: CheckInStage[];
  actions: CheckInAction[];
  sourcing: CheckInSourcing[];
  feedback: CheckInFeedback[];
  offerDeclines: { reason: OfferDeclineReason; count: number }[];
}

/** This ISO week and the one before in the member's zone, and when the one before began (what the check-in reads activities from). */
export function checkInWeeks(now: number, timeZone: string): { thisWeek: string; lastWeek: string; since: number } {
  const lastWeekStart = startOfISOWeek(subWeeks(new TZDate(now, timeZone), 1));
  return { thisWeek: isoWeek(now, timeZone), lastWeek: isoWeek(lastWeekStart.getTime(), timeZone), since: lastWeekStart.getTime() };
}

/**
 * The weekly check-in of one requisition, built once from lib/metrics so the page, the Markdown,
 * the CSV and the print all show the same figures.
 */
export function buildCheckIn(input: CheckInInput): CheckIn {
  const { requisition, moves, requests, decisions, now, timeZone } = input;
  const weeks = checkInWeeks(now, timeZone);
  const membersById = new Map(input.members.map((m) => [m.id, m]));
  const ref = (memberId: string): MemberRef => {
    const member = membersById.get(memberId);
    return { memberId, name: member?.name ?? 'A former member', email: member?.email ?? '' };
  };
  const nameOf = (prospectId: string) => input.people.get(prospectId) ?? 'Someone no longer on this device';

  const flow = passThrough(requisition, moves);
  const times = new Map(timeInStage(requisition, moves, now).map((t) => [t.stage, t]));

  // Who the standing reviews of this requisition approved: the newest decision on a person counts.
  const liveRequests = requests.filter((r) => r.deletedAt === null && r.requisitionId === requisition.id);
  const byPerson = decisionsByPerson(decisions);
  const verdicts = new Map<string, { at: number; approved: boolean }>();
  for (const request of liveRequests) {
    for (const prospectId of request.prospectIds) {
      const decision = decisionOn(byPerson, request.id, prospectId);
      const seen = verdicts.get(prospectId);
      if (decision && (!seen || decision.decidedAt > seen.at)) verdicts.set(prospectId, { at: decision.decidedAt, approved: decision.verdict === 'approve' });
    }
  }

  const lastActivity = new Map<string, number>();
  const touch = (prospectId: string, at: number) => lastActivity.set(prospectId, Math.max(at, lastActivity.get(prospectId) ?? -Infinity));
  for (const m of moves) if (m.deletedAt === null && m.requisitionId === requisition.id) touch(m.prospectId, m.at);
  for (const a of input.activities) if (a.deletedAt === null) touch(a.prospectId, a.at);

  const stages: CheckInStage[] = flow.stages.map((row) => {
    const time = times.get(row.stage)!;
    const ranked = time.inStage
      .map(({ prospectId, days }) => ({
        prospectId,
        name: nameOf(prospectId),
        daysInStage: days,
        lastActivityAt: lastActivity.get(prospectId) ?? now,
        approved: verdicts.get(prospectId)?.approved === true,
      }))
      .sort((a, b) => Number(b.approved) - Number(a.approved) || b.lastActivityAt - a.lastActivityAt || a.name.localeCompare(b.name));
    return {
      stage: row.stage,
      inStage: row.inStage,
      passThrough: row.passThrough,
      passed: row.passed,
      decided: row.decided,
      bottleneck: flow.bottleneck === row.stage,
      medianDays: time.medianDays,
      top: ranked.slice(0, TOP_PER_STAGE),
      more: Math.max(0, ranked.length - TOP_PER_STAGE),
    };
  });

  const actions: CheckInAction[] = [];
  for (const request of liveRequests) {
    if (request.status !== 'open' || now <= request.dueAt) continue;
    const waiting = request.prospectIds.filter((p) => !decisionOn(byPerson, request.id, p));
    if (waiting.length === 0) continue;
    let action = actions.find((a) => a.memberIds[0] === request.reviewerId && a.role !== 'recruiter');
    if (!action) {
      const reviewer = ref(request.reviewerId);
      action = { memberIds: [request.reviewerId], who: reviewer.name, role: request.reviewerId === requisition.hiringManagerId ? 'hiring manager' : 'reviewer', items: [] };
      actions.push(action);
    }
    action.items.push({ kind: 'overdue-review', prospectIds: waiting, names: waiting.map(nameOf), stage: null, days: null, medianDays: null, dueAt: request.dueAt });
  }
  const stuck: CheckInActionItem[] = [];
  for (const stage of requisition.stages.slice(0, -1)) {
    const { medianDays, inStage } = times.get(stage)!;
    if (medianDays === null) continue;
    for (const { prospectId, days } of [...inStage].sort((a, b) => b.days - a.days)) {
      if (days > medianDays) stuck.push({ kind: 'long-in-stage', prospectIds: [prospectId], names: [nameOf(prospectId)], stage, days, medianDays, dueAt: null });
    }
  }
  if (stuck.length > 0) {
    const recruiters = requisition.recruiterIds.map(ref);
    actions.push({ memberIds: requisition.recruiterIds, who: recruiters.length ? recruiters.map((r) => r.name).join(', ') : 'The recruiter', role: 'recruiter', items: stuck });
  }
  // The hiring manager's first: their overdue reviews are what the check-in escalates.
  actions.sort((a, b) => rank(a.role) - rank(b.role));

  const weekly = sourcingActivity(input.activities, timeZone).filter((row) => row.week === weeks.thisWeek || row.week === weeks.lastWeek);
  const sourcingMembers = [...new Set(weekly.map((row) => row.actorId))];
  const sourcing = sourcingMembers
    .map((memberId) => ({
      ...ref(memberId),
      thisWeek: weekly.find((row) => row.actorId === memberId && row.week === weeks.thisWeek) ?? null,
      lastWeek: weekly.find((row) => row.actorId === memberId && row.week === weeks.lastWeek) ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const feedback = feedbackTimes(liveRequests, decisions, now)
    .map(({ reviewerId, ...figures }) => ({ ...ref(reviewerId), ...figures, isHiringManager: reviewerId === requisition.hiringManagerId }))
    .sort((a, b) => Number(b.isHiringManager) - Number(a.isHiringManager));

  const ended = outcomes(requisition, moves);
  return {
    requisitionId: requisition.id,
    title: requisition.title,
    generatedAt: now,
    timeZone,
    thisWeek: weeks.thisWeek,
    lastWeek: weeks.lastWeek,
    hires: ended.hires,
    targetHires: requisition.targetHires,
    stages,
    actions,
    sourcing,
    feedback,
    offerDeclines: ended.offerDeclines,
  };
}

const rank = (role: CheckInAction['role']) => ['hiring manager', 'reviewer', 'recruiter'].indexOf(role);

/** The sourcing figures, in column order; `field` names the `data-metric` (`sourcing-<field>:<email>:<week>`) and the CSV row. */
export const SOURCING_FIGURES: { field: string; label: string; share: boolean; value: (w: WeeklySourcing) => number | null }[] = [
  { field: 'viewed', label: 'Viewed', share: false, value: (w) => w.viewed },
  { field: 'added', label: 'Added', share: false, value: (w) => w.added },
  { field: 'outreach', label: 'Outreach', share: false, value: (w) => w.outreach.inmail + w.outreach.email + w.outreach.call },
  { field: 'replies', label: 'Replies', share: false, value: (w) => w.replies },
  { field: 'reply-rate', label: 'Reply rate', share: true, value: (w) => w.replyRate },
  { field: 'sent-for-review', label: 'Sent for review', share: false, value: (w) => w.sentForReview },
  { field: 'moved-into-requisition', label: 'Moved into a requisition', share: false, value: (w) => w.movedIntoRequisition },
];

/** A week nobody was active in reads as zeros (and no reply rate), not as missing. */
export const sourcingFigure = (week: WeeklySourcing | null, figure: (typeof SOURCING_FIGURES)[number]): number | null => (week ? figure.value(week) : figure.share ? null : 0);
