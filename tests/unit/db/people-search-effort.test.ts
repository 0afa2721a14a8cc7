import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { searchBasis } from '@/lib/db/people-filters';
import { orderByLastActivity } from '@/lib/db/people-order';
import { WORD_CAP, matchText, searchPage, searchWithin } from '@/lib/db/people-search';
import { type Activity, NO_FILTERS, type Prospect } from '@/lib/model';
import { arrived, freshDb } from '../../support/db';

// How much a keystroke reads when a broad word ("lee", more than WORD_CAP people) meets a narrow
// word matching more people than are fetched outright ("zed", 1,205) but few of whom match both.
const ME = { memberId: 'ME', teamId: 'team' };
const synced = { teamId: 'team', version: 1, deletedAt: null };
const LEES = WORD_CAP + 100;
const ZEDS = 1_200;

const person = (id: string, name: string): Prospect => ({ ...synced, id, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 });
const activity = (prospectId: string, at: number): Activity => ({ ...synced, id: `A-${prospectId}`, prospectId, actorId: 'ME', at, requisitionId: null, kind: 'viewed', data: {} });

let db: TandemDB;
beforeAll(async () => {
  db = freshDb();
  const lees = Array.from({ length: LEES }, (_, i) => `L${i}`);
  const zeds = Array.from({ length: ZEDS }, (_, i) => `Z${i}`);
  const both = Array.from({ length: 5 }, (_, i) => `LZ${i}`);
  await arrived(db, 'prospects', ...lees.map((id) => person(id, 'Lee Common')), ...zeds.map((id) => person(id, 'Kim Zed')), ...both.map((id) => person(id, 'Lee Zed')));
  // The newest-active are Lees, the Zeds among the older ones, and the five of both the oldest.
  await arrived(db, 'activities', ...lees.map((id, i) => activity(id, 1_000 + 2 * i)), ...zeds.map((id, i) => activity(id, 1_001 + 3 * i)), ...both.map((id, i) => activity(id, 1 + i)));
}, 60_000);
afterAll(() => db.close());

describe('People search: how much a keystroke reads', () => {
  it('gives up walking newest first once that would read more than fetching the narrow word’s rows', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    const exact = await matchText(db, ME.memberId, 'lee zed');
    const walks = vi.spyOn(db.lastActivity, 'where');
    const page = await searchWithin(db, ME, 'lee zed', basis, 50);
    expect(page.results.map((r) => r.person.id)).toEqual((await orderByLastActivity(db, exact, 50, 1e9)).ids);
    expect(page.results.map((r) => r.person.id)).toEqual(['LZ4', 'LZ3', 'LZ2', 'LZ1', 'LZ0']);
    expect(page.total).toBe(5);
    // One step of 500 rows finds none of the Zeds' matches: walking on would read 10 more.
    expect(walks.mock.calls.filter(([index]) => (index as unknown) === 'at')).toHaveLength(1);
    walks.mockRestore();
  });

  it('stops a search that is no longer wanted (another keystroke came), answering nothing', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    let asked = 0;
    expect(await searchPage(db, ME, 'lee zed', basis, 50, () => ++asked < 2)).toBeUndefined();
    expect(asked).toBe(2);
    expect(await searchPage(db, ME, 'lee zed', basis, 50, () => true)).toEqual(await searchWithin(db, ME, 'lee zed', basis, 50));
  });
});
