import { describe, expect, it } from 'vitest';
import { timeInStage } from '@/lib/metrics';
import { day, history, move, requisition } from './fixtures';

describe('time in stage', () => {
  it('matches the hand-computed table', () => {
    // Days per entry that left the stage (a second stay adds to the first):
    // Sourced  P1 2, P2 3, P3 1, P4 1, P5 2, P7 1, P8 3  → [1,1,1,2,2,3,3]: median rank 4 → 2, p75 rank 6 → 3
    // Screen   P1 3, P3 4+1, P4 2+2 (closed days 3–10 not counted), P5 2, P8 1 → [1,2,3,4,5]: 3, 4
    // Onsite   P1 4, P2 1, P3 1, P5 4 (P4 still there) → [1,1,4,4]: rank 2 → 1, rank 3 → 4
    // Offer    P1 3, P5 3 (withdrew) → 3, 3
    // Hired    nobody leaves → none
    const result = timeInStage(requisition(), history, day(20));
    expect(result).toEqual([
      { stage: 'Sourced', left: 7, medianDays: 2, p75Days: 3, inStage: [{ prospectId: 'P6', days: 15 }] },
      { stage: 'Screen', left: 5, medianDays: 3, p75Days: 4, inStage: [] },
      { stage: 'Onsite', left: 4, medianDays: 1, p75Days: 4, inStage: [{ prospectId: 'P4', days: 8 }] },
      { stage: 'Offer', left: 2, medianDays: 3, p75Days: 3, inStage: [] },
      { stage: 'Hired', left: 0, medianDays: null, p75Days: null, inStage: [] },
    ]);
  });

  it('does not count an entry back at a stage as having left it', () => {
    const moves = [move('Q', 0, null, 'Sourced'), move('Q', 2, 'Sourced', 'Screen'), move('Q', 3, 'Screen', 'Sourced')];
    const [sourced, screen] = timeInStage(requisition(), moves, day(10));
    expect(sourced).toMatchObject({ left: 0, medianDays: null, inStage: [{ prospectId: 'Q', days: 7 }] });
    expect(screen).toMatchObject({ left: 1, medianDays: 1, p75Days: 1 });
  });

  it('gives an empty requisition no times', () => {
    expect(timeInStage(requisition({ stages: ['Sourced'] }), [], day(1))).toEqual([{ stage: 'Sourced', left: 0, medianDays: null, p75Days: null, inStage: [] }]);
  });
});
