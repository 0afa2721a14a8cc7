import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/model';
import { isStageMove, passThrough, stageHistory } from '@/lib/metrics';
import { STAGES, day, history, move, requisition } from './fixtures';

describe('stage history', () => {
  it('records each stay while active, and the furthest stage reached', () => {
    const byId = new Map(stageHistory(requisition(), history).map((e) => [e.prospectId, e]));
    expect([...byId.keys()].sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
    expect(byId.get('P3')).toEqual({
      prospectId: 'P3',
      stage: 'Screen',
      status: 'rejected',
      reason: 'system design',
      declinedOffer: null,
      furthest: 2,
      visits: [
        { stage: 'Sourced', enteredAt: day(1), leftAt: day(2) },
        { stage: 'Screen', enteredAt: day(2), leftAt: day(6) },
        { stage: 'Onsite', enteredAt: day(6), leftAt: day(7) },
        { stage: 'Screen', enteredAt: day(7), leftAt: day(8) },
      ],
    });
    // Reopened: the week it was closed is no stay at Screen.
    expect(byId.get('P4')!.visits).toEqual([
      { stage: 'Sourced', enteredAt: day(0), leftAt: day(1) },
      { stage: 'Screen', enteredAt: day(1), leftAt: day(3) },
      { stage: 'Screen', enteredAt: day(10), leftAt: day(12) },
      { stage: 'Onsite', enteredAt: day(12), leftAt: null },
    ]);
    expect(byId.get('P1')).toMatchObject({ stage: 'Hired', status: 'hired', furthest: 4 });
  });

  it('orders moves by server version, not by the device clocks, and puts unacknowledged moves last', () => {
    // The second device's clock runs a day behind: by `at` the move to Screen came first.
    const moves = [move('Q', 5, 'Sourced', 'Screen', 'active', { version: 2 }), move('Q', 4, null, 'Sourced', 'active', { version: 1 }), move('Q', 3, 'Screen', 'Screen', 'rejected', { version: 0 })];
    const [entry] = stageHistory(requisition(), moves);
    expect(entry).toMatchObject({ stage: 'Screen', status: 'rejected', furthest: 1 });
  });

  it('picks the moves out of a person’s feed', () => {
    const viewed: Activity = { ...history[0]!, id: 'VIEW', kind: 'viewed', data: {} };
    const feed: Activity[] = [viewed, ...history];
    expect(feed.filter(isStageMove)).toEqual(history);
  });

  it('counts status hired as reaching the last stage', () => {
    const [entry] = stageHistory(requisition(), [move('Q', 0, null, 'Sourced'), move('Q', 1, 'Sourced', 'Offer', 'hired')]);
    expect(entry!.furthest).toBe(STAGES.length - 1);
  });
});

describe('pass-through', () => {
  it('matches the hand-computed table', () => {
    //            reached passed rejected withdrew inStage decided  pass-through
    // Sourced       8      6       0        1        1      7       6/7
    // Screen        6      5       1        0        0      6       5/6   (P3 ends at Onsite, its furthest)
    // Onsite        5      2       2        0        1      4       2/4   (P2 skipped Screen: passed it)
    // Offer         2      1       0        1        0      2       1/2   (P5 withdrew at offer)
    // Hired         1      –       0        0        0      0       –
    const result = passThrough(requisition(), history);
    expect(result.stages).toEqual([
      { stage: 'Sourced', reached: 8, passed: 6, rejected: 0, withdrew: 1, inStage: 1, decided: 7, passThrough: 6 / 7 },
      { stage: 'Screen', reached: 6, passed: 5, rejected: 1, withdrew: 0, inStage: 0, decided: 6, passThrough: 5 / 6 },
      { stage: 'Onsite', reached: 5, passed: 2, rejected: 2, withdrew: 0, inStage: 1, decided: 4, passThrough: 2 / 4 },
      { stage: 'Offer', reached: 2, passed: 1, rejected: 0, withdrew: 1, inStage: 0, decided: 2, passThrough: 1 / 2 },
      { stage: 'Hired', reached: 1, passed: null, rejected: 0, withdrew: 0, inStage: 0, decided: 0, passThrough: null },
    ]);
    expect(result.hires).toBe(1);
    // Onsite and Offer pass fewer, but on fewer than 5 decided entries: Screen is the bottleneck.
    expect(result.bottleneck).toBe('Screen');
  });

  it('has no bottleneck when no stage has 5 decided entries', () => {
    const result = passThrough(requisition(), history.filter((m) => !['P1', 'P7', 'P8'].includes(m.prospectId)));
    expect(result.stages.map((s) => s.decided)).toEqual([4, 4, 3, 1, 0]);
    expect(result.bottleneck).toBeNull();
  });

  it('counts reaching the last stage as a hire, whatever the status says', () => {
    const result = passThrough(requisition({ stages: ['Sourced', 'Offer', 'Hired'] }), [move('Q', 0, null, 'Sourced'), move('Q', 1, 'Sourced', 'Hired')]);
    expect(result.hires).toBe(1);
    expect(result.stages.map((s) => [s.reached, s.passed])).toEqual([[1, 1], [1, 1], [1, null]]);
  });

  it('gives an empty requisition zeros and no ratios', () => {
    const result = passThrough(requisition({ stages: ['Sourced', 'Hired'] }), []);
    expect(result).toEqual({
      stages: [
        { stage: 'Sourced', reached: 0, passed: 0, rejected: 0, withdrew: 0, inStage: 0, decided: 0, passThrough: null },
        { stage: 'Hired', reached: 0, passed: null, rejected: 0, withdrew: 0, inStage: 0, decided: 0, passThrough: null },
      ],
      hires: 0,
      bottleneck: null,
    });
  });
});
