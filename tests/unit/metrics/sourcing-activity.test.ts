import { describe, expect, it } from 'vitest';
import type { Activity, ActivityPayload } from '@/lib/model';
import { isoWeek, sourcingActivity } from '@/lib/metrics';
import { isoWeeks } from '@/lib/metrics/sourcing-activity';
import { day } from './fixtures';

const STOCKHOLM = 'Europe/Stockholm';
const SUNDAY_LATE = Date.UTC(2025, 0, 5, 23, 30); // already Monday 00:30 in Stockholm
let n = 0;

function act(actorId: string, prospectId: string, at: number, payload: ActivityPayload, deletedAt: number | null = null): Activity {
  return { id: `ACT${++n}`, teamId: 'team', version: n, deletedAt, prospectId, actorId, at, requisitionId: null, ...payload };
}
const viewed: ActivityPayload = { kind: 'viewed', data: {} };
const outreach = (channel: 'inmail' | 'email' | 'call'): ActivityPayload => ({ kind: 'outreach', data: { channel } });
const reply: ActivityPayload = { kind: 'reply', data: { interest: 'interested' } };
const sent: ActivityPayload = { kind: 'review_requested', data: { requestId: 'R1', reviewerId: 'HM1' } };
const added: ActivityPayload = { kind: 'stage_changed', data: { from: null, to: 'Sourced', fromStatus: null, status: 'active', reason: null, declinedOffer: null } };

describe('ISO weeks', () => {
  it('reads the week in the team’s zone, and gives the days before 1 January to the next year when its Thursday is there', () => {
    expect(isoWeek(SUNDAY_LATE, 'UTC')).toBe('2025-W01');
    expect(isoWeek(SUNDAY_LATE, STOCKHOLM)).toBe('2025-W02');
    expect(isoWeek(Date.UTC(2024, 11, 30, 12), 'UTC')).toBe('2025-W01');
  });
});

describe('ISO weeks of many times', () => {
  it('places every time in the week isoWeek gives, across week starts and a change of summer time', () => {
    // Every 7 minutes from Monday 23 March to Monday 6 April 2026 in Stockholm (summer time from 29 March).
    const weekOf = isoWeeks(STOCKHOLM);
    const from = Date.UTC(2026, 2, 23);
    for (let t = from; t < from + 14 * 86_400_000; t += 7 * 60_000) expect.soft(weekOf(t), String(new Date(t).toISOString())).toBe(isoWeek(t, STOCKHOLM));
  });
});

describe('sourcing activity per member per week', () => {
  it('matches the hand-computed table', () => {
    const activities = [
      // Week 2 (6–12 January 2025).
      act('M1', 'P1', day(0) + 10 * 3_600_000, viewed),
      act('M1', 'P1', day(1), viewed),
      act('M1', 'P2', SUNDAY_LATE, viewed),
      act('M1', 'P1', day(1), outreach('email')),
      act('M1', 'P2', day(2), outreach('inmail')),
      act('M1', 'P3', day(2), outreach('call'), day(2)), // taken back: counts for nothing
      act('M2', 'P1', day(3), reply),
      act('M1', 'P1', day(4), sent),
      act('M1', 'P2', day(4), sent),
      act('M1', 'P1', day(5), added),
      // Week 3.
      act('M2', 'P4', day(7), viewed),
      act('M2', 'P4', day(7), outreach('email')),
      act('M2', 'P1', day(8), outreach('email')), // P1's reply came before this contact
      act('M2', 'P4', day(9), reply),
      act('M1', 'P1', day(8), viewed),
    ];
    // M1 wk2: viewed P1, P2; added both (first to touch them); contacted P1, P2, P1 replied → 1/2.
    // M2 wk2: logged P1's reply. M1 wk3: viewed P1 again. M2 wk3: added P4; contacted P4, P1; P4 replied → 1/2.
    const none = { inmail: 0, email: 0, call: 0 };
    expect(sourcingActivity(activities, STOCKHOLM)).toEqual([
      { actorId: 'M1', week: '2025-W02', viewed: 2, added: 2, outreach: { inmail: 1, email: 1, call: 0 }, replies: 0, replyRate: 1 / 2, sentForReview: 2, movedIntoRequisition: 1 },
      { actorId: 'M2', week: '2025-W02', viewed: 0, added: 0, outreach: none, replies: 1, replyRate: null, sentForReview: 0, movedIntoRequisition: 0 },
      { actorId: 'M1', week: '2025-W03', viewed: 1, added: 0, outreach: none, replies: 0, replyRate: null, sentForReview: 0, movedIntoRequisition: 0 },
      { actorId: 'M2', week: '2025-W03', viewed: 1, added: 1, outreach: { inmail: 0, email: 2, call: 0 }, replies: 1, replyRate: 1 / 2, sentForReview: 0, movedIntoRequisition: 0 },
    ]);
  });

  it('counts nobody as added in a window who had activity before it', () => {
    // P1 was viewed before the window (by M2); in it, M1 views P1 and P2: only P2 is new.
    const window = [act('M1', 'P1', day(1), viewed), act('M1', 'P2', day(1), viewed)];
    expect(sourcingActivity(window, STOCKHOLM, new Set(['P1']))).toMatchObject([{ actorId: 'M1', viewed: 2, added: 1 }]);
  });

  it('has no rows without activity', () => {
    expect(sourcingActivity([], STOCKHOLM)).toEqual([]);
  });
});
