import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { stageMoves } from '@/lib/db/dashboard-queries';
import type { Activity } from '@/lib/model';
import { move } from '../metrics/fixtures';
import { arrived, freshDb } from '../../support/db';

let db: TandemDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

describe('stageMoves', () => {
  it("reads only stage moves, by requisition or all of them, erased ones included for lib/metrics to leave out", async () => {
    const inA = move('P1', 0, null, 'Sourced', 'active', { requisitionId: 'REQA' });
    const inB = move('P2', 1, null, 'Sourced', 'active', { requisitionId: 'REQB' });
    const erased = move('P3', 2, null, 'Sourced', 'active', { requisitionId: 'REQA', deletedAt: 5 });
    const requested: Activity = { ...inA, id: 'REVIEW1', kind: 'review_requested', data: { requestId: 'R1', reviewerId: 'HM' } };
    const viewed: Activity = { ...inA, id: 'VIEW1', requisitionId: null, kind: 'viewed', data: {} };
    await arrived(db, 'activities', inA, inB, erased, requested, viewed);
    expect((await stageMoves(db, 'REQA')).map((m) => m.id).sort()).toEqual([inA.id, erased.id].sort());
    expect((await stageMoves(db)).map((m) => m.id).sort()).toEqual([inA.id, inB.id, erased.id].sort());
    expect(await stageMoves(db, 'NONE')).toEqual([]);
  });
});
