import Dexie from 'dexie';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup, parseBackup } from '@/lib/backup/backup';
import { applyRestore } from '@/lib/backup/restore';
import { planRestore } from '@/lib/backup/restore-plan';
import { TandemDB } from '@/lib/db/database';
import { deferLastActivity, raiseLatest, recomputeLastActivity } from '@/lib/db/last-activity';
import { mutate } from '@/lib/db/mutate';
import { orderByLastActivity } from '@/lib/db/people-order';
import { searchPeople } from '@/lib/db/people-search';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { type Activity, NO_FILTERS, type Prospect } from '@/lib/model';
import { activityLog, activityUndo, prospectMerge, prospectUpsert } from '@/lib/mutations';
import { arrived, freshDb, identity, member, signInAs, wipe } from '../../support/db';

const synced = { teamId: 'local', version: 1, deletedAt: null };

function person(id: string, name: string): Prospect {
  return { ...synced, id, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 };
}

function activity(id: string, prospectId: string, at: number, patch: Partial<Activity> = {}): Activity {
  return { ...synced, id, prospectId, actorId: 'ME', at, requisitionId: null, kind: 'viewed', data: {}, ...patch } as Activity;
}

/** What `lastActivity` must hold: recomputed from every activity on the device. */
async function expected(db: TandemDB) {
  return raiseLatest(new Map(), await db.activities.toArray());
}

async function stored(db: TandemDB) {
  return new Map((await db.lastActivity.toArray()).map((r) => [r.prospectId, r.at]));
}

const order = async (db: TandemDB, teamId = 'local') => (await searchPeople(db, { memberId: 'ME', teamId }, '', NO_FILTERS, 50)).results.map((r) => r.person.name);

/** The same set ordered both ways: each person's row by key, and the `at` index walked. */
async function bothWays(db: TandemDB, people: string[]) {
  const set = new Set(people);
  const looked = await orderByLastActivity(db, set, 50, 1e9);
  const walked = await orderByLastActivity(db, set, 50, 0);
  return { looked: looked.ids, walked: walked.ids, at: people.map((id) => looked.lastActivityAt.get(id) ?? null), walkedAt: people.map((id) => walked.lastActivityAt.get(id) ?? null) };
}

const dbs: TandemDB[] = [];
const open = (db: TandemDB) => (dbs.push(db), db);
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** A device signed in as a recruiter, with two people added through `mutate()`. */
async function signedInWithTwo() {
  const db = open(freshDb());
  const ctx = member();
  await signInAs(db, ctx);
  const { result: ada } = await mutate(db, prospectUpsert, { identity: identity('ada') }, ctx);
  const { result: bea } = await mutate(db, prospectUpsert, { identity: identity('bea', { name: 'Bea Bright' }) }, ctx);
  return { db, ctx, ada: ada!, bea: bea! };
}

describe('lastActivity: kept in step with the activities', () => {
  it('follows what the pull writes: newer, older, tombstoned, moved to another person, deleted, cleared', async () => {
    const db = open(freshDb());
    await arrived(db, 'prospects', person('P1', 'Ada'), person('P2', 'Bea'), person('P3', 'Cy'));
    await arrived(db, 'activities', activity('A1', 'P1', 10), activity('A2', 'P2', 20), activity('A3', 'P1', 30));
    expect(await stored(db)).toEqual(new Map([['P1', 30], ['P2', 20]]));
    expect(await order(db)).toEqual(['Ada', 'Bea', 'Cy']);

    // An older activity arriving changes nothing; the newest tombstoned falls back to the one before.
    await arrived(db, 'activities', activity('A4', 'P2', 5), activity('A3', 'P1', 30, { deletedAt: 99 }));
    expect(await stored(db)).toEqual(new Map([['P1', 10], ['P2', 20]]));
    expect(await order(db)).toEqual(['Bea', 'Ada', 'Cy']);

    // An activity rewritten to another person, or back in time, leaves its old person's figure.
    await arrived(db, 'activities', activity('A2', 'P3', 20), activity('A1', 'P1', 1));
    expect(await stored(db)).toEqual(await expected(db));
    expect(await order(db)).toEqual(['Cy', 'Bea', 'Ada']);

    // Every live activity of a person gone: no row, they sort with the people who have none.
    await arrived(db, 'activities', activity('A1', 'P1', 1, { deletedAt: 100 }));
    expect((await stored(db)).has('P1')).toBe(false);
    expect(await order(db)).toEqual(['Cy', 'Bea', 'Ada']);

    await db.transaction('rw', db.activities, async () => {
      allowSyncedWrites('account');
      await db.activities.bulkDelete(['A2']);
    });
    expect(await stored(db)).toEqual(await expected(db));
    await wipe(db);
    expect(await db.lastActivity.count()).toBe(0);
  });

  it('follows mutate() on the device: a logged activity raises it, taking it back lowers it', async () => {
    const { db, ctx, ada, bea } = await signedInWithTwo();
    const adaView = ulid();
    await mutate(db, activityLog, { id: adaView, prospectId: ada, kind: 'outreach', data: { channel: 'email' }, at: 5_000 }, ctx);
    await mutate(db, activityLog, { prospectId: bea, kind: 'outreach', data: { channel: 'email' }, at: 4_000 }, ctx);
    const people = [ada, bea];
    expect(await stored(db)).toEqual(await expected(db));
    expect((await bothWays(db, people)).looked).toEqual([ada, bea]);

    await mutate(db, activityUndo, { id: adaView, at: 6_000 }, ctx);
    expect(await stored(db)).toEqual(await expected(db));
    const after = await bothWays(db, people);
    expect(after.looked[0]).toBe(bea);
    expect(after.walked[0]).toBe(bea);
  });

  it('counts an alias’s activities for the person it merged into, however the set is ordered', async () => {
    const db = open(freshDb());
    await arrived(db, 'prospects', person('P1', 'Ada'), person('P2', 'Bea'), person('OLD', 'Ada again'));
    // The merged-away record's activity is the newest of all.
    await arrived(db, 'activities', activity('A1', 'P1', 10), activity('A2', 'P2', 20), activity('A3', 'OLD', 30));
    await arrived(db, 'aliases', { ...synced, id: 'OLD', prospectId: 'P1' });
    await arrived(db, 'prospects', { ...person('OLD', 'Ada again'), deletedAt: 31 });
    const ways = await bothWays(db, ['P1', 'P2']);
    expect(ways.looked).toEqual(['P1', 'P2']);
    expect(ways.walked).toEqual(['P1', 'P2']);
    expect(ways.at).toEqual([30, 20]);
    expect(ways.walkedAt).toEqual([30, 20]);
    expect(await order(db)).toEqual(['Ada', 'Bea']);
  });

  it('follows a merge made on the device (prospect.merge)', async () => {
    const { db, ctx, ada, bea } = await signedInWithTwo();
    const { result: twin } = await mutate(db, prospectUpsert, { identity: identity('ada-2', { name: 'Ada Twin' }) }, ctx);
    await mutate(db, activityLog, { prospectId: ada, kind: 'outreach', data: { channel: 'email' }, at: 1_000 }, ctx);
    await mutate(db, activityLog, { prospectId: bea, kind: 'outreach', data: { channel: 'email' }, at: 2_000 }, ctx);
    await mutate(db, activityLog, { prospectId: twin!, kind: 'outreach', data: { channel: 'email' }, at: 3_000 }, ctx);
    await mutate(db, prospectMerge, { intoId: bea, fromId: twin!, at: 4_000 }, ctx);
    expect(await stored(db)).toEqual(await expected(db));
    const ways = await bothWays(db, [ada, bea]);
    expect(ways.looked).toEqual([bea, ada]);
    expect(ways.walked).toEqual([bea, ada]);
  });

  it('is filled by restoring a backup', async () => {
    const { db: source, ctx, ada, bea } = await signedInWithTwo();
    await mutate(source, activityLog, { prospectId: ada, kind: 'outreach', data: { channel: 'email' }, at: 1_000 }, ctx);
    await mutate(source, activityLog, { prospectId: bea, kind: 'outreach', data: { channel: 'email' }, at: 2_000 }, ctx);
    const parsed = parseBackup(JSON.stringify(await exportBackup(source)));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.keys(parsed.backup.tables)).not.toContain('lastActivity');

    const target = open(freshDb());
    await signInAs(target, ctx);
    await applyRestore(target, await planRestore(target, parsed.backup), { settings: false });
    expect(await target.activities.count()).toBeGreaterThan(0);
    expect(await stored(target)).toEqual(await expected(target));
    expect((await bothWays(target, [ada, bea])).looked).toEqual([bea, ada]);
  });

  it('stays equal to a recount over random pulls, tombstones and deletes', async () => {
    const db = open(freshDb());
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    const ids = Array.from({ length: 40 }, (_, i) => `A${i}`);
    for (let step = 0; step < 60; step++) {
      const rows = Array.from({ length: 1 + rand(5) }, () => activity(ids[rand(ids.length)]!, `P${rand(6)}`, rand(1000), { deletedAt: rand(4) === 0 ? 1 : null }));
      if (rand(5) === 0) {
        await db.transaction('rw', db.activities, async () => {
          allowSyncedWrites('account');
          await db.activities.bulkDelete(rows.map((r) => r.id));
        });
      } else {
        await arrived(db, 'activities', ...new Map(rows.map((r) => [r.id, r])).values());
      }
      expect(await stored(db)).toEqual(await expected(db));
    }
  });
});

describe('lastActivity: the upgrade to schema v11', () => {
  it('fills it from a v9 database’s activities, tombstones left out', async () => {
    const name = `last-activity-${ulid()}`;
    const v9 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= 9)) {
      const dv = v9.version(v.version).stores(v.stores);
      if (v.upgrade) dv.upgrade(v.upgrade);
    }
    // More activities than one read of the upgrade takes (20,000), to cross a chunk.
    const rows = Array.from({ length: 20_050 }, (_, i) => activity(`A${String(i).padStart(6, '0')}`, `P${i % 300}`, i, { deletedAt: i % 300 === 7 || i >= 20_000 ? 1 : null }));
    await v9.table('activities').bulkAdd(rows);
    v9.close();

    const db = open(new TandemDB(name));
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const filled = await stored(db);
    expect(filled).toEqual(await expected(db));
    expect(filled.has('P7')).toBe(false);
    expect(filled.get('P0')).toBe(19_800);
    expect(filled.size).toBe(299);
  });
});

describe('lastActivity made again person by person (recomputeLastActivity)', () => {
  it('goes on from the last person it did, dropping the rows of anyone between without activities', async () => {
    const db = open(freshDb());
    await db.transaction('rw', db.activities, db.lastActivity, async () => {
      allowSyncedWrites('pull');
      deferLastActivity();
      await db.activities.bulkPut([activity('A1', 'PA', 10), activity('A2', 'PA', 90, { deletedAt: 95 }), activity('B1', 'PB', 20), activity('C1', 'PC', 50)]);
      await db.lastActivity.bulkPut([{ prospectId: 'PA', at: 90 }, { prospectId: 'PAB', at: 1 }, { prospectId: 'PZ', at: 3 }]);
    });
    const walk = (after: string | null) => db.transaction('rw', db.activities, db.lastActivity, () => recomputeLastActivity(db, after, 1));
    expect(await walk(null)).toBe('PA');
    expect(await stored(db)).toEqual(new Map([['PA', 10], ['PAB', 1], ['PZ', 3]]));
    expect(await walk('PA')).toBe('PB');
    expect(await stored(db)).toEqual(new Map([['PA', 10], ['PB', 20], ['PZ', 3]]));
    expect(await walk('PB')).toBe('PC');
    expect(await walk('PC')).toBeNull();
    expect(await stored(db)).toEqual(await expected(db));
  });
});
