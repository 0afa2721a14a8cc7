import { describe, expect, it } from 'vitest';
import { outcomes, teamOutcomes } from '@/lib/metrics';
import { history, move, requisition } from './fixtures';

describe('outcomes', () => {
  it('matches the hand-computed table', () => {
    // Hired: P1. Rejected: P2, P3 'system design', P8 no reason (P4's 'timing' was undone by
    // reopening). Withdrew: P5 declining the offer for compensation, P7 at Sourced.
    expect(outcomes(requisition(), history)).toEqual({
      hires: 1,
      rejections: [
        { reason: 'system design', count: 2 },
        { reason: null, count: 1 },
      ],
      withdrawals: 2,
      offerDeclines: [{ reason: 'compensation', count: 1 }],
    });
  });

  it('puts the most frequent offer-decline reason first', () => {
    const declined = (id: string, reason: 'timing' | 'another_offer') => move(id, 1, 'Offer', 'Offer', 'withdrew', { declinedOffer: reason });
    const moves = [declined('X', 'timing'), declined('Y', 'another_offer'), declined('Z', 'another_offer')];
    expect(outcomes(requisition(), moves).offerDeclines).toEqual([
      { reason: 'another_offer', count: 2 },
      { reason: 'timing', count: 1 },
    ]);
  });

  it('gives an empty requisition nothing to count', () => {
    expect(outcomes(requisition(), [])).toEqual({ hires: 0, rejections: [], withdrawals: 0, offerDeclines: [] });
  });

  it('adds up several requisitions, each entry ending by its own requisition’s stages', () => {
    // REQ as in the table above; OTHER (stages Sourced, Screen): P9 reached Screen, its last stage, so a hire.
    const other = requisition({ id: 'OTHER', stages: ['Sourced', 'Screen'] });
    expect(teamOutcomes([requisition(), other], history)).toEqual({ ...outcomes(requisition(), history), hires: 2 });
  });
});
