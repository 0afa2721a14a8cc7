import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardData } from '@/lib/db/board-queries';
import type { TandemDB } from '@/lib/db/database';
import type { Activity, PipelineEntry, Prospect } from '@/lib/model';
import { decision, move, request } from '../metrics/fixtures';
import { arrived, freshDb } from '../../support/db';

let db: TandemDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

const person = (id: string): Prospect => ({ id, teamId: 'team', version: 1, deletedAt: null, name: `Person ${id}`, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 0, updatedAt: 0 });
const entry = (prospectId: string, requisitionId: string, deletedAt: number | null = null): PipelineEntry => ({ id: `E-${prospectId}-${requisitionId}`, teamId: 'team', version: 1, deletedAt, prospectId, requisitionId, stage: 'Sourced', status: 'active', reason: null, declinedOffer: null, updatedAt: 0 });

describe('boardData', () => {
  it("reads one requisition's entries, people, moves, open reviews and each person's newest live activity", async () => {
    await arrived(db, 'prospects', person('P1'), person('P2'), person('P3'));
    await arrived(db, 'pipeline', entry('P1', 'REQ'), entry('P2', 'REQ'), entry('P3', 'OTHER'), entry('P3', 'REQ', 9));
    const moves = [move('P1', 0, null, 'Sourced'), move('P2', 1, null, 'Sourced'), move('P3', 2, null, 'Sourced', 'active', { requisitionId: 'OTHER' })];
    const noted: Activity = { ...moves[0]!, id: 'NOTE1', requisitionId: null, kind: 'viewed', at: moves[0]!.at + 500, data: {} };
    const erased: Activity = { ...noted, id: 'NOTE2', at: noted.at + 400, deletedAt: noted.at + 450 };
    await arrived(db, 'activities', ...moves, noted, erased);
    const open = request('R1', 'HM', 0, ['P1', 'P2'], 'open');
    await arrived(db, 'reviewRequests', open, request('R2', 'HM', 0, ['P2'], 'completed'), { ...request('R3', 'HM', 0, ['P3'], 'open'), requisitionId: 'OTHER' });
    await arrived(db, 'reviewDecisions', decision('R1', 'P1', 'HM', 5), decision('R2', 'P2', 'HM', 5));

    const data = await boardData(db, 'REQ');
    expect(data.entries.map((e) => e.prospectId).sort()).toEqual(['P1', 'P2']);
    expect([...data.people.keys()].sort()).toEqual(['P1', 'P2']);
    expect(data.moves.map((m) => m.prospectId).sort()).toEqual(['P1', 'P2']);
    expect(data.openRequests.map((r) => r.id)).toEqual(['R1']);
    expect(data.decisions.map((d) => d.id)).toEqual(['D-R1-P1']);
    // P1's newest live activity is the view after the move (a later one was taken back); P2's is its move.
    expect(data.lastActivityAt.get('P1')).toBe(noted.at);
    expect(data.lastActivityAt.get('P2')).toBe(moves[1]!.at);
  });
});
