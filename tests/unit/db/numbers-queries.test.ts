import { liveQuery } from 'dexie';
import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useActivityWindow } from '@/components/dashboard/numbers/use-activity-window';
import type { TandemDB } from '@/lib/db/database';
import * as queries from '@/lib/db/numbers-queries';
import { activityWindow } from '@/lib/db/numbers-queries';
import type { Activity, Prospect } from '@/lib/model';
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

const person = (id: string, createdAt: number): Prospect => ({
  id,
  teamId: 'local',
  version: 1,
  deletedAt: null,
  name: `Person ${id}`,
  headline: null,
  company: null,
  location: null,
  profiles: [],
  emails: [],
  doNotContact: null,
  createdAt,
  updatedAt: createdAt,
});

describe('the activity window of the Numbers view', () => {
  it('reads the span, a week at a time, and names the people the team knew before it', async () => {
    // A known since 50; B and C new in the span (B on its second week); D only after the span.
    const week = 7 * 86_400_000;
    await arrived(db, 'prospects', person('A', 50), person('B', 100 + week), person('C', 100), person('D', 300 + 2 * week));
    await arrived(db, 'activities', viewed('A', 50), viewed('A', 150), viewed('B', 120 + week), viewed('C', 100), viewed('D', 300 + 2 * week));
    const { activities, seenBefore } = await activityWindow(db, 100, 200 + week);
    expect(activities.map((a) => `${a.prospectId}@${a.at}`).sort()).toEqual(['A@150', `B@${120 + week}`, 'C@100']);
    expect([...seenBefore]).toEqual(['A']);
  });

  it('answers again, as a live query, when a change in the span arrives', async () => {
    await arrived(db, 'prospects', person('A', 40));
    await arrived(db, 'activities', viewed('A', 150));
    const answers: { people: string[]; seenBefore: Set<string> }[] = [];
    const subscription = liveQuery(() => activityWindow(db, 100, 200)).subscribe((answer) => answers.push({ people: answer.activities.map((a) => a.prospectId).sort(), seenBefore: answer.seenBefore }));
    try {
      await expect.poll(() => answers.at(-1)).toEqual({ people: ['A'], seenBefore: new Set(['A']) });
      await arrived(db, 'prospects', person('B', 160));
      await arrived(db, 'activities', viewed('B', 160));
      await expect.poll(() => answers.at(-1)).toEqual({ people: ['A', 'B'], seenBefore: new Set(['A']) });
    } finally {
      subscription.unsubscribe();
    }
  });

  it('in the view, a change re-reads only the week it falls in', async () => {
    const week = 7 * 86_400_000;
    await arrived(db, 'prospects', person('A', 40));
    await arrived(db, 'activities', viewed('A', 150), viewed('A', 150 + week), viewed('A', 150 + 2 * week));
    const reads = vi.spyOn(queries, 'activitiesBetween');
    const span = { from: 100, to: 100 + 3 * week - 1 };
    const { result, unmount } = renderHook(() => useActivityWindow(db, span, true));
    try {
      await expect.poll(() => result.current?.activities.length).toBe(3);
      const before = reads.mock.calls.length;
      await arrived(db, 'prospects', person('B', 160 + 2 * week));
      await arrived(db, 'activities', viewed('B', 160 + 2 * week));
      await expect.poll(() => result.current?.activities.map((a) => a.prospectId).sort()).toEqual(['A', 'A', 'A', 'B']);
      expect(result.current?.seenBefore).toEqual(new Set(['A']));
      // The third week alone was read again.
      expect(reads.mock.calls.slice(before).map(([, start]) => start)).toEqual([100 + 2 * week]);
    } finally {
      unmount();
      reads.mockRestore();
    }
  });
});
