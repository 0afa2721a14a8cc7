import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { activityWindow } from '@/lib/db/numbers-queries';
import type { Activity } from '@/lib/model';
import { arrived, freshDb } from '../../support/db';

let db: TandemDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

let n = 0;
const viewed = (prospectId: string, at: number, deletedAt: number | null = null): Activity => ({
  id: `01JD${String(++n).padStart(22, '0')}`,
  teamId: 'local',
  version: n,
  deletedAt,
  prospectId,
  actorId: 'M1',
  at,
  requisitionId: null,
  kind: 'viewed',
  data: {},
});

describe('the activity window of the Numbers view', () => {
  it('reads the span and names the people seen before it, by live activity only', async () => {
    // A: seen at 50 and in the span; B: only a taken-back view before it; C: new in the span; D: after it.
    await arrived(db, 'activities', viewed('A', 50), viewed('A', 150), viewed('B', 60, 70), viewed('B', 120), viewed('C', 100), viewed('D', 300));
    const { activities, seenBefore } = await activityWindow(db, 100, 200);
    expect(activities.map((a) => `${a.prospectId}@${a.at}`).sort()).toEqual(['A@150', 'B@120', 'C@100']);
    expect([...seenBefore]).toEqual(['A']);
  });

  it('reads a taken-back run longer than one look-up holds past it', async () => {
    await arrived(db, 'activities', ...[10, 20, 30, 40, 50].map((at) => viewed('A', at, 99)), viewed('A', 60), viewed('A', 150), viewed('B', 150));
    await arrived(db, 'activities', ...[10, 20, 30, 40, 50].map((at) => viewed('B', at, 99)));
    expect([...(await activityWindow(db, 100, 200)).seenBefore]).toEqual(['A']);
  });

  it('answers again, as a live query, when older history of someone in the span arrives', async () => {
    await arrived(db, 'activities', viewed('A', 150));
    const answers: Set<string>[] = [];
    const subscription = liveQuery(() => activityWindow(db, 100, 200)).subscribe((answer) => answers.push(answer.seenBefore));
    try {
      await expect.poll(() => answers.at(-1)).toEqual(new Set());
      await arrived(db, 'activities', viewed('A', 40));
      await expect.poll(() => answers.at(-1)).toEqual(new Set(['A']));
    } finally {
      subscription.unsubscribe();
    }
  });
});
