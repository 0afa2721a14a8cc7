import { describe, expect, it } from 'vitest';
import { cohortMoves, requestsIn } from '@/lib/metrics';
import { day, hour, move, request } from './fixtures';

const byOther = <T extends { actorId: string }>(row: T): T => ({ ...row, actorId: 'SRC' });

describe('the dashboard filters', () => {
  // A added day 0 (by REC), moved on day 5; B added day 2 by SRC; C added day 4 in OTHER, with an
  // erased earlier add on day 1 (not its add); D added day 9.
  const moves = [
    move('A', 0, null, 'Sourced'),
    move('A', 5, 'Sourced', 'Screen'),
    byOther(move('B', 2, null, 'Sourced')),
    move('C', 1, null, 'Sourced', 'active', { requisitionId: 'OTHER', deletedAt: day(3) }),
    move('C', 4, null, 'Sourced', 'active', { requisitionId: 'OTHER' }),
    move('D', 9, null, 'Sourced'),
  ];
  const ids = (list: { prospectId: string; at: number }[]) => list.map((m) => `${m.prospectId}@${(m.at - day(0)) / 86_400_000}`);

  it('keeps the entries added in the span, with every later move', () => {
    expect(ids(cohortMoves(moves, { from: day(0), to: day(4), memberId: null }))).toEqual(['A@0', 'A@5', 'B@2', 'C@1', 'C@4']);
    expect(ids(cohortMoves(moves, { from: day(1), to: day(8), memberId: null }))).toEqual(['B@2', 'C@1', 'C@4']);
  });

  it('keeps the entries the member added', () => {
    expect(ids(cohortMoves(moves, { from: day(0), to: day(9), memberId: 'SRC' }))).toEqual(['B@2']);
  });

  it('keeps the requests sent in the span that the member sent or was sent', () => {
    const requests = [request('R1', 'HM1', 0, ['A'], 'open'), request('R2', 'HM2', 30, ['B'], 'open'), request('R3', 'HM1', 100, ['C'], 'open')];
    expect(requestsIn(requests, { from: hour(0), to: hour(48), memberId: null }).map((r) => r.id)).toEqual(['R1', 'R2']);
    expect(requestsIn(requests, { from: hour(0), to: hour(200), memberId: 'HM1' }).map((r) => r.id)).toEqual(['R1', 'R3']);
    expect(requestsIn(requests, { from: hour(0), to: hour(200), memberId: 'REC' }).map((r) => r.id)).toEqual(['R1', 'R2', 'R3']);
  });
});
