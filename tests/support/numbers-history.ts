import { startOfISOWeek } from 'date-fns';
import { ulid } from 'ulidx';

/**
 * One requisition's history as the mutations a team writes (prospect.upsert, activity.log,
 * pipeline.move, review.request, review.decide), with the figures the Numbers view must show
 * for it computed by hand below. The component test runs the mutations on a device database; the
 * end-to-end test pushes them to a real server as three members on their own devices.
 *
 * Time: T0 is Monday 10:00 three ISO weeks before `now` (so everything lies inside the default
 * 12 weeks, and day 12 is in the past); "dN" is T0 + N × 24 h, "+Nh" hours after that.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const STAGES = ['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'];
export const MUST_HAVES = ['Go', 'Kubernetes'];
export const TITLE = 'Platform Engineer';

export const MEMBERS = {
  rita: { email: 'rita.recruiter@acme.example', name: 'Rita Recruiter', role: 'recruiter' },
  hannah: { email: 'hannah.manager@acme.example', name: 'Hannah Manager', role: 'hiring_manager' },
  omar: { email: 'omar.manager@acme.example', name: 'Omar Manager', role: 'hiring_manager' },
} as const;
export type Writer = keyof typeof MEMBERS;

export interface Step {
  by: Writer;
  name: string;
  args: Record<string, unknown>;
}

/** Monday 10:00 (this machine's zone, which the browser shares) three ISO weeks before `now`. */
export function historyStart(now: number): number {
  return startOfISOWeek(new Date(now - 21 * DAY)).getTime() + 10 * HOUR;
}

/**
 * The moves (day, stage, closing status and reason) of seven people:
 *  P1 Sourced d0 → Screen d2 → Onsite d5 → Offer d9 → hired (stage Hired) d12
 *  P2 Sourced d0 → Screen d3 → Onsite d7 → Offer d10 → withdrew d11, declined the offer (compensation)
 *  P3 Sourced d0 → Screen d1 → rejected at Screen d4 ("Not enough Go")
 *  P4 Sourced d1 → Screen d2 → Onsite d6 → rejected at Onsite d8 ("Not enough Go")
 *  P5 Sourced d1 → rejected at Sourced d2 ("Overqualified")
 *  P6 Sourced d2 → Screen d4 (still there)
 *  P7 Sourced d2 → withdrew at Sourced d5 ("Took another job") while Hannah's review of them was overdue
 * Reviews (the requisition's deadline is 48 h), requested by Rita:
 *  R1 d0+1h to Hannah: P1 approved after 10 h, P2 approved after 30 h, P3 rejected after 60 h (missing Go)
 *  R2 d1+1h to Hannah: P4 approved after 20 h, P5 rejected after 5 h (missing Go, Kubernetes)
 *  R3 d2+1h to Hannah: P7, never decided (due d4+1h)
 *  R4 d2+1h to Omar:   P6 approved after 4 h
 * Sourcing by Rita: viewed P1–P3 at d0; InMail to P1 and P2 at d0+2h, email to P3 at d0+3h; P1's reply logged at d1.
 */
export function numbersHistory(t0: number, ids: { requisitionId: string; members: Record<Writer, string> }) {
  const at = (day: number, hours = 0) => t0 + day * DAY + hours * HOUR;
  const people = Array.from({ length: 7 }, () => ulid());
  const P = (n: number) => people[n - 1]!;
  const { requisitionId } = ids;
  const steps: Step[] = [];
  const rita = (name: string, args: Record<string, unknown>) => steps.push({ by: 'rita', name, args });
  const move = (n: number, day: number, stage: string | undefined, extra: Record<string, unknown> = {}) =>
    rita('pipeline.move', { prospectId: P(n), requisitionId, ...(stage ? { stage } : {}), activityId: ulid(), at: at(day), ...extra });
  const request = (id: string, reviewer: Writer, day: number, who: number[]) =>
    rita('review.request', { id, requisitionId, reviewerId: ids.members[reviewer], prospectIds: who.map(P), activityIds: who.map(() => ulid()), at: at(day, 1) });
  const decide = (by: Writer, requestId: string, sent: number, n: number, afterHours: number, verdict: 'approve' | 'reject', missing: string[] = []) =>
    steps.push({ by, name: 'review.decide', args: { id: ulid(), requestId, prospectId: P(n), verdict, missing, activityId: ulid(), at: sent + afterHours * HOUR } });

  rita('requisition.save', { id: requisitionId, title: TITLE, hiringManagerId: ids.members.hannah, recruiterIds: [ids.members.rita], mustHaves: MUST_HAVES, stages: STAGES, feedbackSlaHours: 48, at: at(0) - HOUR });
  people.forEach((id, i) => rita('prospect.upsert', { id, identity: { site: 'linkedin', key: `linkedin:numbers-${i + 1}`, url: `https://www.linkedin.com/in/numbers-${i + 1}/`, name: `Person ${i + 1}`, headline: null, company: null, location: null }, at: at(0) - HOUR }));
  for (const n of [1, 2, 3]) rita('activity.log', { id: ulid(), prospectId: P(n), kind: 'viewed', at: at(0) });
  // Day by day, in the order a team would write them (the server numbers them in this order).
  for (const n of [1, 2, 3]) move(n, 0, 'Sourced');
  rita('activity.log', { id: ulid(), prospectId: P(1), kind: 'outreach', data: { channel: 'inmail' }, at: at(0, 2) });
  rita('activity.log', { id: ulid(), prospectId: P(2), kind: 'outreach', data: { channel: 'inmail' }, at: at(0, 2) });
  rita('activity.log', { id: ulid(), prospectId: P(3), kind: 'outreach', data: { channel: 'email' }, at: at(0, 3) });
  const [R1, R2, R3, R4] = [ulid(), ulid(), ulid(), ulid()];
  request(R1, 'hannah', 0, [1, 2, 3]);
  decide('hannah', R1, at(0, 1), 1, 10, 'approve');
  move(4, 1, 'Sourced');
  move(5, 1, 'Sourced');
  move(3, 1, 'Screen');
  rita('activity.log', { id: ulid(), prospectId: P(1), kind: 'reply', data: { interest: 'interested' }, at: at(1) });
  request(R2, 'hannah', 1, [4, 5]);
  decide('hannah', R2, at(1, 1), 5, 5, 'reject', ['Go', 'Kubernetes']);
  decide('hannah', R1, at(0, 1), 2, 30, 'approve');
  decide('hannah', R2, at(1, 1), 4, 20, 'approve');
  move(1, 2, 'Screen');
  move(4, 2, 'Screen');
  move(5, 2, undefined, { status: 'rejected', reason: 'Overqualified' });
  move(6, 2, 'Sourced');
  move(7, 2, 'Sourced');
  request(R3, 'hannah', 2, [7]);
  request(R4, 'omar', 2, [6]);
  decide('omar', R4, at(2, 1), 6, 4, 'approve');
  decide('hannah', R1, at(0, 1), 3, 60, 'reject', ['Go']);
  move(2, 3, 'Screen');
  move(3, 4, undefined, { status: 'rejected', reason: 'Not enough Go' });
  move(6, 4, 'Screen');
  move(1, 5, 'Onsite');
  move(7, 5, undefined, { status: 'withdrew', reason: 'Took another job' });
  move(4, 6, 'Onsite');
  move(2, 7, 'Onsite');
  move(4, 8, undefined, { status: 'rejected', reason: 'Not enough Go' });
  move(1, 9, 'Offer');
  move(2, 10, 'Offer');
  move(2, 11, undefined, { status: 'withdrew', declinedOffer: 'compensation' });
  move(1, 12, 'Hired', { status: 'hired' });
  return { steps, people };
}

/**
 * The figures, by hand. Pass-through of Sk = reached Sk+1 ÷ (reached Sk+1 + closed at Sk):
 *  Sourced: reached by all 7; P1 P2 P3 P4 P6 reached Screen (5); P5 rejected, P7 withdrew there → 5 / 7
 *  Screen:  P1 P2 P4 reached Onsite (3); P3 rejected there; P6 still there (not counted) → 3 / 4
 *  Onsite:  P1 P2 reached Offer (2); P4 rejected there → 2 / 3
 *  Offer:   P1 reached Hired (1); P2 withdrew there → 1 / 2
 *  Hired:   the last stage, no pass-through
 *  Bottleneck: the lowest among stages with ≥ 5 decided; only Sourced has (7) → Sourced.
 * Time in stage, days, over those who left (nearest rank: median = value at rank ceil(n/2), p75 at ceil(0.75 n)):
 *  Sourced: P1 2, P2 3, P3 1, P4 1, P5 1, P6 2, P7 3 → sorted 1 1 1 2 2 3 3 → median (rank 4) 2, p75 (rank 6) 3
 *  Screen:  P1 3, P2 4, P3 3, P4 4 (P6 still there) → 3 3 4 4 → median (rank 2) 3, p75 (rank 3) 4
 *  Onsite:  P1 4, P2 3, P4 2 → 2 3 4 → median (rank 2) 3, p75 (rank 3) 4
 *  Offer:   P1 3, P2 1 → 1 3 → median (rank 1) 1, p75 (rank 2) 3
 *  Hired:   nobody left it → none
 * Feedback, hours from request to decision:
 *  Hannah: 10, 30, 60, 20, 5 → sorted 5 10 20 30 60 → median (rank 3) 20, p90 (rank 5) 60;
 *          in time: 10, 30, 20, 5 (4); late: P3 at 60 h > 48, and P7 open past due (2) → 4 / 6;
 *          open now 1 (P7), overdue now 1; lost while waiting 1 (P7 withdrew at d5, 23 h after R3 was due)
 *  Omar:   4 → median 4, p90 4, in time 1 / 1, nothing open; the fastest.
 * Calibration: approved P1 P2 P4 P6, rejected P3 P5 → 4 / 6; missing must-haves Go 2 (P3, P5), Kubernetes 1 (P5).
 * Sourcing, Rita, T0's week: viewed P1 P2 P3 (3); added 7 (she first touched everyone); outreach
 *  3 (InMail 2, email 1); replies 1; reply rate: of P1 P2 P3 contacted, P1 replied after → 1 / 3;
 *  sent for review 3 + 2 + 1 + 1 = 7; moved into a requisition 7. The next week she only moved
 *  people on: 0 viewed, 0 added, nobody contacted (no reply rate), 0 moved in.
 * Outcomes: hires 1 (P1); withdrew 2 (P2, P7); rejected: Not enough Go 2 (P3, P4), Overqualified 1
 *  (P5); offers declined: compensation 1 (P2).
 */
export const EXPECTED = {
  passThrough: { Sourced: 5 / 7, Screen: 3 / 4, Onsite: 2 / 3, Offer: 1 / 2, Hired: null },
  bottleneck: 'Sourced',
  timeInStageMedian: { Sourced: 2, Screen: 3, Onsite: 3, Offer: 1, Hired: null },
  timeInStageP75: { Sourced: 3, Screen: 4, Onsite: 4, Offer: 3, Hired: null },
  hannah: { median: 20, p90: 60, withinDeadline: 4 / 6, open: 1, overdue: 1, lost: 1 },
  omar: { median: 4, p90: 4, withinDeadline: 1, open: 0, overdue: 0, lost: 0 },
  approvalRate: 4 / 6,
  missing: { Go: 2, Kubernetes: 1 },
  ritaWeek0: { viewed: 3, added: 7, outreach: 3, replies: 1, 'reply-rate': 1 / 3, 'sent-for-review': 7, 'moved-into-requisition': 7 },
  ritaWeek1: { viewed: 0, added: 0, outreach: 0, replies: 0, 'reply-rate': null, 'sent-for-review': 0, 'moved-into-requisition': 0 },
  hires: 1,
  withdrawals: 2,
  rejections: { 'Not enough Go': 2, Overqualified: 1 },
  offerDeclines: { compensation: 1 },
} as const;

/** Every figure above as `data-metric` name → `data-value` (the unrounded number, '' for none). */
export function expectedMetrics(emails: { rita: string; hannah: string; omar: string }, requisitionId: string, weeks: [string, string]): Record<string, string> {
  const value = (v: number | null) => (v === null ? '' : String(v));
  const out: Record<string, string> = {};
  for (const stage of STAGES) {
    out[`pass-through:${stage}`] = value(EXPECTED.passThrough[stage as keyof typeof EXPECTED.passThrough]);
    out[`time-in-stage-median:${stage}`] = value(EXPECTED.timeInStageMedian[stage as keyof typeof EXPECTED.timeInStageMedian]);
    out[`time-in-stage-p75:${stage}`] = value(EXPECTED.timeInStageP75[stage as keyof typeof EXPECTED.timeInStageP75]);
  }
  for (const who of ['hannah', 'omar'] as const) {
    const e = EXPECTED[who];
    const email = emails[who];
    Object.assign(out, {
      [`hm-feedback-median-hours:${email}`]: value(e.median),
      [`hm-feedback-p90-hours:${email}`]: value(e.p90),
      [`hm-within-deadline:${email}`]: value(e.withinDeadline),
      [`hm-open:${email}`]: value(e.open),
      [`hm-overdue:${email}`]: value(e.overdue),
      [`hm-lost-while-waiting:${email}`]: value(e.lost),
    });
  }
  out[`approval-rate:${requisitionId}`] = value(EXPECTED.approvalRate);
  for (const [item, n] of Object.entries(EXPECTED.missing)) out[`missing-must-have:${item}`] = value(n);
  for (const [k, week] of weeks.entries()) {
    for (const [field, n] of Object.entries(k === 0 ? EXPECTED.ritaWeek0 : EXPECTED.ritaWeek1)) out[`sourcing-${field}:${emails.rita}:${week}`] = value(n);
  }
  out.hires = value(EXPECTED.hires);
  out.withdrawals = value(EXPECTED.withdrawals);
  for (const [reason, n] of Object.entries(EXPECTED.rejections)) out[`rejection-reason:${reason}`] = value(n);
  for (const [reason, n] of Object.entries(EXPECTED.offerDeclines)) out[`offer-decline:${reason}`] = value(n);
  return out;
}
