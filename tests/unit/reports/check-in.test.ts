import { describe, expect, it } from 'vitest';
import { day } from '../metrics/fixtures';
import { buildCheckIn, checkInWeeks } from '@/lib/reports/check-in';
import { input } from './check-in-fixture';

const zero = { viewed: 0, added: 0, outreach: { inmail: 0, email: 0, call: 0 }, replies: 0, replyRate: null, sentForReview: 0, movedIntoRequisition: 0 };

describe('buildCheckIn', () => {
  const checkIn = buildCheckIn(input);

  it('names the weeks in the member’s zone', () => {
    expect(checkIn).toMatchObject({ thisWeek: '2025-W04', lastWeek: '2025-W03', hires: 1, targetHires: 2, title: 'Backend engineer' });
    expect(checkInWeeks(day(20), 'UTC').since).toBe(day(7));
    // Monday 20 January 03:00 UTC is still Sunday evening in Los Angeles: week 3, from Monday 6 January there.
    const monday = day(14) + 3 * 3_600_000;
    expect(checkInWeeks(monday, 'UTC')).toMatchObject({ thisWeek: '2025-W04', lastWeek: '2025-W03' });
    expect(checkInWeeks(monday, 'America/Los_Angeles')).toEqual({ thisWeek: '2025-W03', lastWeek: '2025-W02', since: Date.UTC(2025, 0, 6, 8) });
  });

  it('shows the pipeline by stage: pass-through, bottleneck, medians and the top candidates, approved first then the latest activity', () => {
    // Sourced 6 of 7 passed, Screen 5 of 6 (the bottleneck: the lowest with ≥ 5 decided), Onsite
    // 2 of 4 (P1, P5 on; P2, P3 rejected), Offer 1 of 2 (P5 declined). Medians: Sourced 2, Screen 3,
    // Onsite [1,1,4,4] → 1, Offer [3,3] → 3. At Sourced now: P11 (approved), P6 (contacted day 19),
    // P12 (added day 18); at Onsite P4 since day 12.
    expect(checkIn.stages).toEqual([
      {
        stage: 'Sourced', inStage: 3, passThrough: 6 / 7, passed: 6, decided: 7, bottleneck: false, medianDays: 2, more: 0,
        top: [
          { prospectId: 'P11', name: 'Cy Young', daysInStage: 6, lastActivityAt: day(14), approved: true },
          { prospectId: 'P6', name: 'Bo Li', daysInStage: 15, lastActivityAt: day(19), approved: false },
          { prospectId: 'P12', name: 'Di | *Evil* [name](http://x)', daysInStage: 2, lastActivityAt: day(18), approved: false },
        ],
      },
      { stage: 'Screen', inStage: 0, passThrough: 5 / 6, passed: 5, decided: 6, bottleneck: true, medianDays: 3, more: 0, top: [] },
      {
        stage: 'Onsite', inStage: 1, passThrough: 2 / 4, passed: 2, decided: 4, bottleneck: false, medianDays: 1, more: 0,
        top: [{ prospectId: 'P4', name: 'Ada Lovelace', daysInStage: 8, lastActivityAt: day(12), approved: true }],
      },
      { stage: 'Offer', inStage: 0, passThrough: 1 / 2, passed: 1, decided: 2, bottleneck: false, medianDays: 3, more: 0, top: [] },
      { stage: 'Hired', inStage: 0, passThrough: null, passed: null, decided: 0, bottleneck: false, medianDays: null, more: 0, top: [] },
    ]);
  });

  it('counts the rest of a crowded stage instead of naming them', () => {
    const crowded = buildCheckIn({ ...input, moves: [...input.moves, ...['Q1', 'Q2'].map((p, i) => ({ ...input.moves.at(-1)!, id: `Q${i}`, prospectId: p }))] });
    expect(crowded.stages[0]).toMatchObject({ inStage: 5, more: 2 });
    expect(crowded.stages[0]!.top).toHaveLength(3);
  });

  it('says who has to act: the hiring manager on the overdue review, the recruiter on people longer in stage than its median', () => {
    // RA was due at hour 448 and P6 is still undecided at hour 480. Longer than the median: P6 15 > 2,
    // P11 6 > 2 at Sourced (P12's 2 is not longer), P4 8 > 1 at Onsite.
    expect(checkIn.actions).toEqual([
      { memberIds: ['HM'], who: 'Hana Manager', role: 'hiring manager', items: [{ kind: 'overdue-review', prospectIds: ['P6'], names: ['Bo Li'], stage: null, days: null, medianDays: null, dueAt: day(0) + 448 * 3_600_000 }] },
      {
        memberIds: ['REC'], who: 'Riley Recruiter', role: 'recruiter',
        items: [
          { kind: 'long-in-stage', prospectIds: ['P6'], names: ['Bo Li'], stage: 'Sourced', days: 15, medianDays: 2, dueAt: null },
          { kind: 'long-in-stage', prospectIds: ['P11'], names: ['Cy Young'], stage: 'Sourced', days: 6, medianDays: 2, dueAt: null },
          { kind: 'long-in-stage', prospectIds: ['P4'], names: ['Ada Lovelace'], stage: 'Onsite', days: 8, medianDays: 1, dueAt: null },
        ],
      },
    ]);
  });

  it('puts this week’s sourcing beside last week’s, per member', () => {
    // REC this week: added and moved in P11 and P12. SRC this week: viewed P20 (twice: one person),
    // contacted P20 and P6, P20 replied: reply rate 1/2; added P20 only (P6 was added on day 5).
    // SRC last week: viewed and added P21 and P22.
    expect(checkIn.sourcing).toEqual([
      { memberId: 'REC', name: 'Riley Recruiter', email: 'riley@example.com', lastWeek: null, thisWeek: { ...zero, actorId: 'REC', week: '2025-W04', added: 2, movedIntoRequisition: 2 } },
      {
        memberId: 'SRC', name: 'Sam Sourcer', email: 'sam@example.com',
        lastWeek: { ...zero, actorId: 'SRC', week: '2025-W03', viewed: 2, added: 2 },
        thisWeek: { ...zero, actorId: 'SRC', week: '2025-W04', viewed: 1, added: 1, outreach: { inmail: 1, email: 1, call: 0 }, replies: 1, replyRate: 1 / 2 },
      },
    ]);
  });

  it('gives the hiring manager’s feedback times and the offer declines', () => {
    // Hours to feedback: P4 10, P1 12, P11 20 → median 12, p90 20; 3 on time, P6 open past due: 3/4.
    expect(checkIn.feedback).toEqual([
      { memberId: 'HM', name: 'Hana Manager', email: 'hana@example.com', isHiringManager: true, decided: 3, medianHours: 12, p90Hours: 20, withinDeadline: 3 / 4, open: 1, overdue: 1 },
    ]);
    expect(checkIn.offerDeclines).toEqual([{ reason: 'compensation', count: 1 }]);
  });
});
