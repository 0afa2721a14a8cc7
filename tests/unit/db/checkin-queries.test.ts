import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { checkInData } from '@/lib/db/checkin-queries';
import { arrived, freshDb } from '../../support/db';
import { day, history, move, requisition } from '../metrics/fixtures';
import { input } from '../reports/check-in-fixture';

let db: TandemDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

describe('checkInData', () => {
  it('reads this requisition’s moves and requests, and only two weeks of activities plus the first of each person in them', async () => {
    const elsewhere = move('X1', 19, null, 'Sourced', 'active', { requisitionId: 'OTHER' });
    await arrived(db, 'activities', ...new Map([...input.moves, ...input.activities, elsewhere].map((a) => [a.id, a])).values());
    await arrived(db, 'reviewRequests', ...input.requests, { ...input.requests[0]!, id: 'RX', requisitionId: 'OTHER' });
    await arrived(db, 'reviewDecisions', ...input.decisions);

    const data = await checkInData(db, requisition(), day(20), 'UTC');
    expect(data.moves.map((m) => m.id).sort()).toEqual(input.moves.filter((m) => m.requisitionId === 'REQ').map((m) => m.id).sort());
    expect(data.requests.map((r) => r.id).sort()).toEqual(['RA', 'RB']);
    expect(data.decisions).toHaveLength(3);
    // From day 7 on (Monday of last week); before that only the first move of the people touched
    // since: P1, P3, P4, P5 moved on days 7–12, P6 contacted on day 19 (P2, P7, P8, P9 not since).
    const early = data.activities.filter((a) => a.at < day(7));
    const first = (p: string) => history.find((m) => m.prospectId === p)!.id;
    expect(early.map((a) => a.id).sort()).toEqual(['P1', 'P3', 'P4', 'P5', 'P6'].map(first).sort());
    expect(data.activities.some((a) => a.id === elsewhere.id)).toBe(true);
    expect(data.activities.filter((a) => a.at >= day(7))).toHaveLength([...input.moves, ...input.activities, elsewhere].filter((a, i, all) => a.at >= day(7) && all.findIndex((b) => b.id === a.id) === i).length);
  });
});
