import type { OfferDeclineReason, PipelineStatus, Requisition, ReviewDecision, ReviewEvent, ReviewRequest, ReviewRequestStatus } from '@/lib/model';
import type { StageMove } from '@/lib/metrics';
import { DAY_MS, HOUR_MS } from '@/lib/time-units';

export const T0 = Date.UTC(2025, 0, 6); // Monday 6 January 2025, 00:00 UTC
export const day = (d: number) => T0 + d * DAY_MS;

export const STAGES = ['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'];

export function requisition(overrides: Partial<Requisition> = {}): Requisition {
  return {
    id: 'REQ',
    teamId: 'team',
    version: 1,
    deletedAt: null,
    title: 'Backend engineer',
    hiringManagerId: 'HM',
    recruiterIds: ['REC'],
    mustHaves: [],
    niceToHaves: [],
    feedbackSlaHours: 48,
    targetHires: 1,
    targetDate: null,
    stages: STAGES,
    status: 'open',
    createdAt: T0,
    ...overrides,
  };
}

let version = 0;

/**
 * One move of `prospectId` on day `d`; versions count up in the order the moves are written, as
 * the server would number them, unless given.
 */
export function move(
  prospectId: string,
  d: number,
  from: string | null,
  to: string,
  status: PipelineStatus = 'active',
  extra: { reason?: string; fromStatus?: PipelineStatus; declinedOffer?: OfferDeclineReason; version?: number; requisitionId?: string; deletedAt?: number } = {},
): StageMove {
  return {
    id: `MOVE${++version}`,
    teamId: 'team',
    version: extra.version ?? version,
    deletedAt: extra.deletedAt ?? null,
    prospectId,
    actorId: 'REC',
    at: day(d),
    requisitionId: extra.requisitionId ?? 'REQ',
    kind: 'stage_changed',
    data: {
      from,
      to,
      fromStatus: extra.fromStatus ?? (from === null ? null : 'active'),
      status,
      reason: extra.reason ?? null,
      declinedOffer: extra.declinedOffer ?? null,
    },
  };
}

/**
 * The hand-computed history: every case DESIGN.md's definitions have to decide.
 *  P1 hired through every stage; P2 skips Screen, rejected at Onsite; P3 reaches Onsite, moved
 *  back to Screen, rejected there; P4 rejected at Screen, reopened 7 days later, now active at
 *  Onsite; P5 withdrew at Offer (declined: compensation); P6 active at Sourced; P7 withdrew at
 *  Sourced; P8 rejected at Screen (no reason given). P2 and P3 were rejected for 'system design';
 *  P4's first rejection ('timing') was undone by reopening. P9's move is in another requisition, P10's was erased.
 */
export const history: StageMove[] = [
  move('P1', 0, null, 'Sourced'),
  move('P1', 2, 'Sourced', 'Screen'),
  move('P1', 5, 'Screen', 'Onsite'),
  move('P1', 9, 'Onsite', 'Offer'),
  move('P1', 12, 'Offer', 'Hired', 'hired'),
  move('P2', 0, null, 'Sourced'),
  move('P2', 3, 'Sourced', 'Onsite'),
  move('P2', 4, 'Onsite', 'Onsite', 'rejected', { reason: 'system design' }),
  move('P3', 1, null, 'Sourced'),
  move('P3', 2, 'Sourced', 'Screen'),
  move('P3', 6, 'Screen', 'Onsite'),
  move('P3', 7, 'Onsite', 'Screen'),
  move('P3', 8, 'Screen', 'Screen', 'rejected', { reason: 'system design' }),
  move('P4', 0, null, 'Sourced'),
  move('P4', 1, 'Sourced', 'Screen'),
  move('P4', 3, 'Screen', 'Screen', 'rejected', { reason: 'timing' }),
  move('P4', 10, 'Screen', 'Screen', 'active', { fromStatus: 'rejected' }),
  move('P4', 12, 'Screen', 'Onsite'),
  move('P5', 0, null, 'Sourced'),
  move('P5', 2, 'Sourced', 'Screen'),
  move('P5', 4, 'Screen', 'Onsite'),
  move('P5', 8, 'Onsite', 'Offer'),
  move('P5', 11, 'Offer', 'Offer', 'withdrew', { declinedOffer: 'compensation', reason: 'took a higher offer' }),
  move('P6', 5, null, 'Sourced'),
  move('P7', 0, null, 'Sourced'),
  move('P7', 1, 'Sourced', 'Sourced', 'withdrew'),
  move('P8', 0, null, 'Sourced'),
  move('P8', 3, 'Sourced', 'Screen'),
  move('P8', 4, 'Screen', 'Screen', 'rejected'),
  move('P9', 0, null, 'Sourced', 'active', { requisitionId: 'OTHER' }),
  move('P9', 1, 'Sourced', 'Screen', 'active', { requisitionId: 'OTHER' }),
  move('P10', 0, null, 'Sourced', 'active', { deletedAt: day(30) }),
];

export const hour = (h: number) => T0 + h * HOUR_MS;

/** A review request sent at hour `sent` with the usual 48-hour SLA. */
export function request(id: string, reviewerId: string, sent: number, prospectIds: string[], status: ReviewRequestStatus, history: ReviewEvent[] = [], deletedAt: number | null = null): ReviewRequest {
  return {
    id,
    teamId: 'team',
    version: 1,
    deletedAt,
    requisitionId: 'REQ',
    requesterId: 'REC',
    reviewerId,
    prospectIds,
    message: '',
    createdAt: hour(sent),
    dueAt: hour(sent + 48),
    status,
    reassignedFrom: null,
    history,
  };
}

export function decision(requestId: string, prospectId: string, reviewerId: string, decided: number, deletedAt: number | null = null): ReviewDecision {
  return {
    id: `D-${requestId}-${prospectId}`,
    teamId: 'team',
    version: 1,
    deletedAt,
    requestId,
    prospectId,
    reviewerId,
    verdict: 'approve',
    met: [],
    missing: [],
    note: '',
    decidedAt: hour(decided),
    activityId: `A-${requestId}-${prospectId}`,
  };
}

/**
 * Hours from T0. HM1 decides A 4h, B 10h, C 50h (late), D 20h, leaves E open past due; HM2 lets
 * F and G lapse past due before they are handed to HM3 at 60h (who decides them in 2h and 10h),
 * has H cancelled before it was due and I open, not yet due. R7 was erased; so was a decision on E.
 */
export const requests: ReviewRequest[] = [
  request('R1', 'HM1', 0, ['A', 'B', 'C'], 'completed'),
  request('R2', 'HM1', 100, ['D', 'E'], 'open'),
  request('R3', 'HM2', 0, ['F', 'G'], 'reassigned', [
    { kind: 'nudged', by: 'REC', at: hour(50), to: null, requestId: null },
    { kind: 'reassigned', by: 'REC', at: hour(60), to: 'HM3', requestId: 'R4' },
  ]),
  { ...request('R4', 'HM3', 60, ['F', 'G'], 'completed'), reassignedFrom: 'R3' },
  request('R5', 'HM2', 150, ['H'], 'cancelled', [{ kind: 'cancelled', by: 'REC', at: hour(160), to: null, requestId: null }]),
  request('R6', 'HM2', 190, ['I'], 'open'),
  request('R7', 'HM1', 0, ['J'], 'open', [], hour(1)),
];

export const decisions: ReviewDecision[] = [
  decision('R1', 'A', 'HM1', 4),
  decision('R1', 'B', 'HM1', 10),
  decision('R1', 'C', 'HM1', 50),
  decision('R2', 'D', 'HM1', 120),
  decision('R2', 'E', 'HM1', 130, hour(131)),
  decision('R4', 'F', 'HM3', 62),
  decision('R4', 'G', 'HM3', 70),
];
