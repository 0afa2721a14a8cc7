import { describe, expect, it } from 'vitest';
import { feedbackTimes } from '@/lib/metrics';
import { decisions, hour, requests } from './fixtures';

describe('time to feedback per reviewer', () => {
  it('matches the hand-computed table', () => {
    //       hours decided     median  p90   on time ÷ (on time + late)              open overdue
    // HM3   [2, 10]             2      10   2 ÷ 2                                     0     0
    // HM1   [4, 10, 20, 50]     10     50   3 ÷ 5 (C decided late, E open past due)   1     1
    // HM2   []                  –      –    0 ÷ 2 (F, G handed on after due; H not)   1     0
    expect(feedbackTimes(requests, decisions, hour(200))).toEqual([
      { reviewerId: 'HM3', decided: 2, medianHours: 2, p90Hours: 10, withinDeadline: 1, open: 0, overdue: 0 },
      { reviewerId: 'HM1', decided: 4, medianHours: 10, p90Hours: 50, withinDeadline: 3 / 5, open: 1, overdue: 1 },
      { reviewerId: 'HM2', decided: 0, medianHours: null, p90Hours: null, withinDeadline: 0, open: 1, overdue: 0 },
    ]);
  });

  it('counts an open review as late only once it is past due', () => {
    const [hm1] = feedbackTimes(requests.filter((r) => r.id === 'R2'), decisions, hour(148));
    expect(hm1).toMatchObject({ reviewerId: 'HM1', open: 1, overdue: 0, withinDeadline: 1 });
  });

  it('has nothing to say without requests', () => {
    expect(feedbackTimes([], decisions, hour(200))).toEqual([]);
  });
});
