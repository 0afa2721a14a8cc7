import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TandemDB, fromStoredRow, toStoredRow, writableTables } from '@/lib/db/database';
import { fillDeferredIndexes, leaveIndexesForLater, readIndexBacklog } from '@/lib/db/deferred-indexes';
import { deferLastActivity } from '@/lib/db/last-activity';
import { mutate } from '@/lib/db/mutate';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { prospectUpsert } from '@/lib/mutations';
import { restoreShadows } from '@/lib/sync/rebase';
import { arrived, freshDb, identity, member, signInAs } from '../../support/db';

let db: TandemDB;
const riley = member('recruiter');

beforeEach(async () => {
  db = freshDb();
  await signInAs(db, riley);
});
afterEach(() => db.close());

/** Ada, the analyst, as a first sign-in's recent phase stores her: without her search words, the backlog noted. */
async function adaWithoutWords(): Promise<string> {
  const { result: id } = await mutate(db, prospectUpsert, { identity: identity('ada', { name: 'Ada Lovelace', headline: 'Analyst' }) }, riley);
  const row = fromStoredRow('prospects', (await db.prospects.get(id!))!);
  await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('pull');
    await db.outbox.clear();
    await db.shadows.clear();
    await db.prospects.put(toStoredRow('prospects', { ...row, version: 1 }, { searchWords: false }));
    await leaveIndexesForLater(db);
  });
  return id!;
}

describe('search words left for later', () => {
  it('walks people, then notes only once the first sign-in is over, and ends with every person found by their words', async () => {
    const ada = await adaWithoutWords();
    expect(await db.prospects.where('searchWords').equals('analyst').count()).toBe(0);
    // Nothing is walked during the recent phase; during history `lastActivity` and people only.
    expect(await fillDeferredIndexes(db, 'none', 1_000)).toBe(false);
    expect(await readIndexBacklog(db)).toEqual({ table: 'lastActivity', after: null });
    expect(await fillDeferredIndexes(db, 'prospects', 1_000)).toBe(false);
    expect(await db.prospects.where('searchWords').equals('analyst').primaryKeys()).toEqual([ada]);
    expect(await readIndexBacklog(db)).toEqual({ table: 'notes', after: null });
    expect(await fillDeferredIndexes(db, 'all', 1_000)).toBe(false);
    expect(await readIndexBacklog(db)).toBeUndefined();
  });

  it('a recent page starts the walk over; a history page never moves a walk under way', async () => {
    await leaveIndexesForLater(db, 'history');
    expect(await readIndexBacklog(db)).toEqual({ table: 'notes', after: null });
    await leaveIndexesForLater(db, 'recent');
    expect(await readIndexBacklog(db)).toEqual({ table: 'lastActivity', after: null });
    await db.local.put({ key: 'indexBacklog', value: { table: 'prospects', after: 'P9' } });
    await leaveIndexesForLater(db, 'history');
    expect(await readIndexBacklog(db)).toEqual({ table: 'prospects', after: 'P9' });
    await leaveIndexesForLater(db, 'recent');
    expect(await readIndexBacklog(db)).toEqual({ table: 'lastActivity', after: null });
  });

  it('a recent page leaves lastActivity alone and the walk rebuilds it first, exactly', async () => {
    const ada = await adaWithoutWords();
    const activity = (id: string, at: number, deletedAt: number | null = null) => ({ id, teamId: 'local', version: 1, deletedAt, prospectId: ada, actorId: riley.me.memberId, at, requisitionId: null, kind: 'outreach' as const, data: { channel: 'email' as const } });
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      deferLastActivity();
      await db.activities.bulkPut([activity('A1', 10), activity('A2', 30), activity('A3', 50, 60)]);
      await leaveIndexesForLater(db);
    });
    expect(await db.lastActivity.get(ada)).toBeUndefined();
    expect(await fillDeferredIndexes(db, 'prospects', 1_000)).toBe(false);
    // The newest live one (A3 is deleted), and kept in step again after.
    expect(await db.lastActivity.get(ada)).toEqual({ prospectId: ada, at: 30 });
    await arrived(db, 'activities', activity('A4', 40));
    expect(await db.lastActivity.get(ada)).toEqual({ prospectId: ada, at: 40 });
  });

  it('goes on from the last id it did: a person before it is not walked again', async () => {
    const ada = await adaWithoutWords();
    await db.local.put({ key: 'indexBacklog', value: { table: 'prospects', after: ada } });
    expect(await fillDeferredIndexes(db, 'prospects', 1_000)).toBe(false);
    expect((await db.prospects.get(ada))?.searchWords).toBeUndefined();
    // Nobody after her: on to notes.
    expect(await readIndexBacklog(db)).toEqual({ table: 'notes', after: null });
  });

  it('puts back a person a refused change overwrote with their words, though the walk has passed them', async () => {
    const ada = await adaWithoutWords();
    // A pending change made before the walk: its shadow is the row without words.
    await mutate(db, prospectUpsert, { identity: identity('ada', { name: 'Ada Lovelace', headline: 'Engineer' }) }, riley);
    expect((await db.shadows.get(['prospects', ada]))?.original).not.toHaveProperty('searchWords');
    expect(await fillDeferredIndexes(db, 'all', 1_000)).toBe(false);
    // The server refuses the change: the row as the server has it comes back, found by its words.
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      await restoreShadows(db);
    });
    expect((await db.prospects.get(ada))?.headline).toBe('Analyst');
    expect(await db.prospects.where('searchWords').equals('analyst').primaryKeys()).toEqual([ada]);
  });
});
