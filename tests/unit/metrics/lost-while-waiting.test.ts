import { describe, expect, it } from 'vitest';
import { lostWhileWaiting } from '@/lib/metrics';
import { decisions, hour, move, requests } from './fixtures';

const withdrew = (prospectId: string, h: number, requisitionId = 'REQ') => ({ ...move(prospectId, 0, 'Screen', 'Screen', 'withdrew', { requisitionId }), at: hour(h) });

describe('lost while waiting', () => {
  it('finds the people who withdrew while their review was past due and undecided', () => {
    const moves = [
      withdrew('E', 170), // R2 due at 148, never decided: lost, 22 hours overdue
      withdrew('C', 49), // R1 due at 48, decided only at 50: lost, 1 hour overdue
      withdrew('A', 100), // decided at 4
      withdrew('G', 65), // R3 was handed on at 60; R4 not due until 108
      withdrew('H', 170), // R5 cancelled at 160
      withdrew('I', 195), // R6 due at 238
      withdrew('E', 170, 'OTHER'), // another requisition's review is not this one's
      move('D', 0, 'Screen', 'Onsite'), // moved on, not withdrawn
    ];
    expect(lostWhileWaiting(requests, decisions, moves)).toEqual([
      { prospectId: 'C', requisitionId: 'REQ', withdrewAt: hour(49), requestId: 'R1', reviewerId: 'HM1', overdueHours: 1 },
      { prospectId: 'E', requisitionId: 'REQ', withdrewAt: hour(170), requestId: 'R2', reviewerId: 'HM1', overdueHours: 22 },
    ]);
  });

  it('loses nobody when the review was not yet due', () => {
    expect(lostWhileWaiting(requests, decisions, [withdrew('E', 148)])).toEqual([]);
  });
});
