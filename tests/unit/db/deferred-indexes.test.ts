import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TandemDB, fromStoredRow, toStoredRow, writableTables } from '@/lib/db/database';
import { fillDeferredIndexes, leaveIndexesForLater, readIndexBacklog } from '@/lib/db/deferred-indexes';
import { deferLastActivity } from '@/lib/db/last-activity';
import { notesByWordStart } from '@/lib/db/note-words';
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

describe('what a first sign-in leaves for later', () => {
  it('walks lastActivity, then people, a transaction at a time, and ends with each found by their words; a note is found by its words at once', async () => {
    const ada = await adaWithoutWords();
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      await db.notes.put(toStoredRow('notes', { id: 'N1', teamId: 'local', version: 1, deletedAt: null, prospectId: ada, authorId: riley.me.memberId, body: 'Kubernetes expert', visibility: 'team', mentions: [], createdAt: 1, editedAt: null }, { searchWords: false }));
    });
    expect(await db.prospects.where('searchWords').equals('analyst').count()).toBe(0);
    expect(await notesByWordStart(db, 'kubernetes')).toEqual(['N1']);
    // A slice of no time is one transaction: one step each.
    const steps = [];
    while (await fillDeferredIndexes(db, 0)) steps.push((await readIndexBacklog(db))?.table);
    expect(steps).toEqual(['prospects']);
    expect(await readIndexBacklog(db)).toBeUndefined();
    expect(await db.prospects.where('searchWords').equals('analyst').primaryKeys()).toEqual([ada]);
    expect(await db.prospects.where('nameWords').equals('lovelace').primaryKeys()).toEqual([ada]);
  });

  it('ends a walk stored before schema v14 at its notes step: v14 listed every note\'s words', async () => {
    await db.local.put({ key: 'indexBacklog', value: { table: 'notes', after: 'N9' } });
    expect(await fillDeferredIndexes(db, 1_000)).toBe(false);
    expect(await readIndexBacklog(db)).toBeUndefined();
  });

  it('a recent page starts the walk over', async () => {
    await db.local.put({ key: 'indexBacklog', value: { table: 'notes', after: 'N9' } });
    await leaveIndexesForLater(db);
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
    expect(await fillDeferredIndexes(db, 1_000)).toBe(false);
    // The newest live one (A3 is deleted), and kept in step again after.
    expect(await db.lastActivity.get(ada)).toEqual({ prospectId: ada, at: 30 });
    await arrived(db, 'activities', activity('A4', 40));
    expect(await db.lastActivity.get(ada)).toEqual({ prospectId: ada, at: 40 });
  });

  it('makes lastActivity again a few people a transaction, each exact: tombstones skipped, rows of people without activities dropped', async () => {
    const activity = (id: string, prospectId: string, at: number, deletedAt: number | null = null) => ({ id, teamId: 'local', version: 1, deletedAt, prospectId, actorId: riley.me.memberId, at, requisitionId: null, kind: 'outreach' as const, data: { channel: 'email' as const } });
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      deferLastActivity();
      await db.activities.bulkPut([activity('A1', 'PA', 10), activity('A2', 'PA', 90, 95), activity('B1', 'PB', 20), activity('C1', 'PC', 5), activity('C2', 'PC', 50)]);
      // Out of step: rows no walk has made yet, one of them for a person without activities.
      await db.lastActivity.bulkPut([{ prospectId: 'PA', at: 90 }, { prospectId: 'PAB', at: 1 }, { prospectId: 'PZ', at: 3 }]);
      await leaveIndexesForLater(db);
    });
    const steps: unknown[] = [];
    // A slice of no time is one transaction: 1,000 people each, so three people are one step here.
    while (await fillDeferredIndexes(db, 0)) steps.push(await readIndexBacklog(db));
    expect(steps[0]).toEqual({ table: 'prospects', after: null });
    expect(await db.lastActivity.toArray()).toEqual([
      { prospectId: 'PA', at: 10 },
      { prospectId: 'PB', at: 20 },
      { prospectId: 'PC', at: 50 },
    ]);
  });

  it('goes on from the last id it did: a person before it is not walked again', async () => {
    const ada = await adaWithoutWords();
    await db.local.put({ key: 'indexBacklog', value: { table: 'prospects', after: ada } });
    // Nobody after her: the walk is over.
    expect(await fillDeferredIndexes(db, 0)).toBe(false);
    expect(await readIndexBacklog(db)).toBeUndefined();
    expect((await db.prospects.get(ada))?.searchWords).toBeUndefined();
  });

  it('puts back a person a refused change overwrote with their words, though the walk has passed them', async () => {
    const ada = await adaWithoutWords();
    // A pending change made before the walk: its shadow is the row without words.
    await mutate(db, prospectUpsert, { identity: identity('ada', { name: 'Ada Lovelace', headline: 'Engineer' }) }, riley);
    expect((await db.shadows.get(['prospects', ada]))?.original).not.toHaveProperty('searchWords');
    expect(await fillDeferredIndexes(db, 1_000)).toBe(false);
    // The server refuses the change: the row as the server has it comes back, found by its words.
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      await restoreShadows(db);
    });
    expect((await db.prospects.get(ada))?.headline).toBe('Analyst');
    expect(await db.prospects.where('searchWords').equals('analyst').primaryKeys()).toEqual([ada]);
  });
});
