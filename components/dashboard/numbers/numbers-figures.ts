import { DECLINE_REASON_LABELS } from '@/components/pipeline/pipeline-words';
import {
  type MetricsFilter,
  type StageMove,
  calibration,
  cohortMoves,
  feedbackTimes,
  lostWhileWaiting,
  missingMustHaves,
  outcomes,
  passThrough,
  requestsIn,
  sourcingActivity,
  teamOutcomes,
  timeInStage,
} from '@/lib/metrics';
import type { ActivityWindow } from '@/lib/db/numbers-queries';
import type { Member, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import { type FigureTable, count, days, hours, share } from './figure-table';

/** Where a metric name carries a member: their email, which tests and people know them by. */
const emailOf = (members: ReadonlyMap<string, Member>, id: string) => members.get(id)?.email ?? id;
const nameOf = (members: ReadonlyMap<string, Member>, id: string) => members.get(id)?.name ?? 'A former teammate';

/** Pass-through per stage of one requisition, over the entries added in the span. */
export function passThroughTable(requisition: Requisition, moves: readonly StageMove[]): { table: FigureTable; bottleneck: string | null } {
  const { stages, bottleneck } = passThrough(requisition, moves);
  const last = stages.length - 1;
  return {
    bottleneck,
    table: {
      caption: `Pass-through per stage, ${requisition.title}`,
      rowHeader: 'Stage',
      columns: ['Reached', 'Moved on', 'Rejected', 'Withdrew', 'In stage now', 'Pass-through'],
      rows: stages.map((row, k) => ({
        key: row.stage,
        header: row.stage,
        bottleneck: row.stage === bottleneck,
        cells: [
          count(`pass-through-reached:${row.stage}`, row.reached),
          k === last ? { text: 'last stage' } : count(`pass-through-passed:${row.stage}`, row.passed ?? 0),
          count(`pass-through-rejected:${row.stage}`, row.rejected),
          count(`pass-through-withdrew:${row.stage}`, row.withdrew),
          count(`pass-through-in-stage:${row.stage}`, row.inStage),
          share(`pass-through:${row.stage}`, row.passThrough, k === last ? 'last stage' : 'nobody decided yet'),
        ],
      })),
    },
  };
}

/** Time in stage of one requisition: median and p75 days over the entries that left each stage. */
export function timeInStageTable(requisition: Requisition, moves: readonly StageMove[], now: number): FigureTable {
  return {
    caption: `Time in stage (days), ${requisition.title}`,
    rowHeader: 'Stage',
    columns: ['Left the stage', 'Median', '75th percentile', 'In stage now'],
    rows: timeInStage(requisition, moves, now).map((row) => ({
      key: row.stage,
      header: row.stage,
      cells: [
        count(`time-in-stage-left:${row.stage}`, row.left),
        days(`time-in-stage-median:${row.stage}`, row.medianDays, 'nobody has left it'),
        days(`time-in-stage-p75:${row.stage}`, row.p75Days, 'nobody has left it'),
        count(`time-in-stage-now:${row.stage}`, row.inStage.length),
      ],
    })),
  };
}

export interface FeedbackFigures {
  table: FigureTable;
  /** The reviewer with the fastest median, to recognise, and that median. */
  fastest: { name: string; medianHours: number } | null;
}

/** Hiring managers' (every reviewer's) time to feedback, with the people lost while waiting on them. */
export function feedbackFigures(requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[], moves: readonly StageMove[], members: ReadonlyMap<string, Member>, now: number): FeedbackFigures {
  const rows = feedbackTimes(requests, decisions, now);
  const lost = new Map<string, number>();
  for (const { reviewerId } of lostWhileWaiting(requests, decisions, moves)) lost.set(reviewerId, (lost.get(reviewerId) ?? 0) + 1);
  const fastest = rows.find((r) => r.medianHours !== null);
  return {
    fastest: fastest ? { name: nameOf(members, fastest.reviewerId), medianHours: fastest.medianHours! } : null,
    table: {
      caption: 'Time to feedback per reviewer (hours)',
      rowHeader: 'Reviewer',
      columns: ['Decided', 'Median', '90th percentile', 'Within the deadline', 'Open now', 'Overdue now', 'Lost while waiting'],
      rows: rows.map((row) => {
        const email = emailOf(members, row.reviewerId);
        return {
          key: row.reviewerId,
          header: nameOf(members, row.reviewerId),
          cells: [
            count(`hm-feedback-decided:${email}`, row.decided),
            hours(`hm-feedback-median-hours:${email}`, row.medianHours, 'nothing decided'),
            hours(`hm-feedback-p90-hours:${email}`, row.p90Hours, 'nothing decided'),
            share(`hm-within-deadline:${email}`, row.withinDeadline, 'nothing due yet'),
            count(`hm-open:${email}`, row.open),
            count(`hm-overdue:${email}`, row.overdue),
            count(`hm-lost-while-waiting:${email}`, lost.get(row.reviewerId) ?? 0),
          ],
        };
      }),
    },
  };
}

/** Approval rate per requisition, and the must-haves reviewers cite as missing across them. */
export function calibrationTables(requisitions: readonly Requisition[], requests: readonly ReviewRequest[], decisions: readonly ReviewDecision[]): { approval: FigureTable; missing: FigureTable } {
  return {
    approval: {
      caption: 'Approval rate per requisition',
      rowHeader: 'Requisition',
      columns: ['Decided', 'Approved', 'Approval rate'],
      rows: requisitions.map((requisition) => {
        const c = calibration(requisition, requests, decisions);
        return {
          key: requisition.id,
          header: requisition.title,
          cells: [count(`approval-decided:${requisition.id}`, c.decided), count(`approval-approved:${requisition.id}`, c.approved), share(`approval-rate:${requisition.id}`, c.approvalRate, 'nothing decided')],
        };
      }),
    },
    missing: {
      caption: 'Must-haves reviewers cited as missing',
      rowHeader: 'Must-have',
      columns: ['Times cited'],
      rows: missingMustHaves(requisitions, requests, decisions).map(({ item, count: n }) => ({ key: item, header: item, cells: [count(`missing-must-have:${item}`, n)] })),
    },
  };
}

/** Sourcing activity per member per ISO week, for the member when one is chosen. */
export function sourcingTable({ activities, seenBefore }: ActivityWindow, timeZone: string, memberId: string | null, members: ReadonlyMap<string, Member>): FigureTable {
  const rows = sourcingActivity(activities, timeZone, seenBefore).filter((r) => memberId === null || r.actorId === memberId);
  return {
    caption: 'Sourcing activity per member per ISO week',
    rowHeader: 'Member and week',
    columns: ['Viewed', 'Added', 'Outreach', 'Replies', 'Reply rate', 'Sent for review', 'Moved into a requisition'],
    rows: rows.map((row) => {
      const at = `${emailOf(members, row.actorId)}:${row.week}`;
      const outreach = row.outreach.inmail + row.outreach.email + row.outreach.call;
      return {
        key: `${row.actorId}:${row.week}`,
        header: `${nameOf(members, row.actorId)}, ${row.week}`,
        cells: [
          count(`sourcing-viewed:${at}`, row.viewed),
          count(`sourcing-added:${at}`, row.added),
          { ...count(`sourcing-outreach:${at}`, outreach), text: `${outreach} (InMail ${row.outreach.inmail}, email ${row.outreach.email}, call ${row.outreach.call})` },
          count(`sourcing-replies:${at}`, row.replies),
          share(`sourcing-reply-rate:${at}`, row.replyRate, 'nobody contacted'),
          count(`sourcing-sent-for-review:${at}`, row.sentForReview),
          count(`sourcing-moved-into-requisition:${at}`, row.movedIntoRequisition),
        ],
      };
    }),
  };
}

/** The name a rejection without a reason goes by in its metric. */
export const NO_REASON = '(none)';

/** Hires, rejection reasons and offer declines of the entries added in the span. */
export function outcomeTables(requisitions: readonly Requisition[], moves: readonly StageMove[]): { hires: number; withdrawals: number; rejections: FigureTable; declines: FigureTable } {
  const o = requisitions.length === 1 ? outcomes(requisitions[0]!, moves) : teamOutcomes(requisitions, moves);
  return {
    hires: o.hires,
    withdrawals: o.withdrawals,
    rejections: {
      caption: 'Rejection reasons',
      rowHeader: 'Reason',
      columns: ['People'],
      rows: o.rejections.map(({ reason, count: n }) => ({ key: reason ?? NO_REASON, header: reason ?? 'No reason given', cells: [count(`rejection-reason:${reason ?? NO_REASON}`, n)] })),
    },
    declines: {
      caption: 'Offers declined, by reason',
      rowHeader: 'Reason',
      columns: ['People'],
      rows: o.offerDeclines.map(({ reason, count: n }) => ({ key: reason, header: DECLINE_REASON_LABELS[reason], cells: [count(`offer-decline:${reason}`, n)] })),
    },
  };
}

/**
 * The filters applied to what the sections count: the entries added in the span (pass-through,
 * time in stage, outcomes) and the review requests sent in it (feedback, calibration), of the
 * chosen requisition (null: all). `moves` are already that requisition's.
 */
export function filteredInputs(moves: readonly StageMove[], requests: readonly ReviewRequest[], filter: MetricsFilter, requisitionId: string | null) {
  return { cohort: cohortMoves(moves, filter), requests: requestsIn(requisitionId === null ? requests : requests.filter((r) => r.requisitionId === requisitionId), filter) };
}
