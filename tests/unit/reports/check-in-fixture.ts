import type { Activity, Member } from '@/lib/model';
import type { CheckInInput } from '@/lib/reports/check-in';
import { day, decision, history, move, request, requisition } from '../metrics/fixtures';

/**
 * The metrics' hand-computed history (tests/unit/metrics/fixtures.ts) on its requisition, with
 * three more people at Sourced (P11 approved in review, P12 added on day 18; P6 contacted on day
 * 19), two reviews by the hiring manager and two weeks of sourcing. Now is day 20, Sunday
 * 26 January 2025 00:00 UTC: week 2025-W04 (days 14–20), last week 2025-W03 (days 7–13).
 */
export const NOW = day(20);

const member = (id: string, name: string, email: string, role: Member['role']): Member => ({ id, teamId: 'team', version: 1, deletedAt: null, name, email, role });
export const members: Member[] = [
  member('HM', 'Hana Manager', 'hana@example.com', 'hiring_manager'),
  member('REC', 'Riley Recruiter', 'riley@example.com', 'recruiter'),
  member('SRC', 'Sam Sourcer', 'sam@example.com', 'sourcer'),
];

let n = 0;
function activity(actorId: string, prospectId: string, d: number, payload: Pick<Activity, 'kind' | 'data'>): Activity {
  return { id: `ACT${++n}`, teamId: 'team', version: 1, deletedAt: null, prospectId, actorId, at: day(d), requisitionId: null, ...payload } as Activity;
}

const addP11 = move('P11', 14, null, 'Sourced');
const addP12 = move('P12', 18, null, 'Sourced');

export const input: CheckInInput = {
  requisition: requisition({ targetHires: 2 }),
  moves: [...history, addP11, addP12],
  requests: [request('RA', 'HM', 400, ['P4', 'P6'], 'open'), request('RB', 'HM', 300, ['P1', 'P11'], 'completed')],
  decisions: [decision('RA', 'P4', 'HM', 410), decision('RB', 'P1', 'HM', 312), decision('RB', 'P11', 'HM', 320)],
  activities: [
    // P6's first activity ever (day 5, week 2025-W02): read only to know SRC did not add P6.
    history.find((m) => m.prospectId === 'P6')!,
    activity('SRC', 'P21', 8, { kind: 'viewed', data: {} }),
    activity('SRC', 'P22', 9, { kind: 'viewed', data: {} }),
    addP11,
    activity('SRC', 'P20', 15, { kind: 'viewed', data: {} }),
    activity('SRC', 'P20', 16, { kind: 'viewed', data: {} }),
    activity('SRC', 'P20', 16, { kind: 'outreach', data: { channel: 'inmail' } }),
    activity('SRC', 'P20', 17, { kind: 'reply', data: { interest: 'interested' } }),
    addP12,
    activity('SRC', 'P6', 19, { kind: 'outreach', data: { channel: 'email' } }),
  ],
  members,
  people: new Map([
    ['P4', 'Ada Lovelace'],
    ['P6', 'Bo Li'],
    ['P11', 'Cy Young'],
    ['P12', 'Di | *Evil* [name](http://x)'],
  ]),
  now: NOW,
  timeZone: 'UTC',
};
