import Dexie from 'dexie';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { TandemDB } from '@/lib/db/database';
import { findProspectByKey, findProspectsByEmail, activitiesFor, hasViewedOnDay, notesFor } from '@/lib/db/queries';
import { notesByWordStart } from '@/lib/db/note-words';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { NOTE_WORDS_LISTING, TOMBSTONES, fillUpgradeWalks, readUpgradeBacklog } from '@/lib/db/upgrade-walks';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';

/** Opens the database as it was at `version`, the way an older build of the extension did. */
function openAt(name: string, version: number) {
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
    const dv = old.version(v.version).stores(v.stores);
    if (v.upgrade) dv.upgrade(v.upgrade);
  }
  return old;
}

const synced = { teamId: 'local', version: 0, deletedAt: null };

describe('database migrations', () => {
  it('upgrades a populated v1 database to the current version and loses nothing', async () => {
    const name = `migrate-${ulid()}`;
    const v1 = openAt(name, 1);
    const prospectId = ulid();
    const memberId = ulid();
    const tables = {
      prospects: [
        {
          ...synced,
          id: prospectId,
          name: 'Ada Lovelace',
          headline: null,
          company: null,
          location: null,
          profiles: [{ site: 'linkedin', key: 'linkedin:ada', url: 'https://www.linkedin.com/in/ada/' }],
          profileKeys: ['linkedin:ada'],
          emails: [' Ada@Example.COM ', 'ada@example.com'],
          doNotContact: null,
          createdAt: 1,
          updatedAt: 1,
        },
      ],
      activities: [1, 3, 2].map((at) => ({
        ...synced,
        id: ulid(),
        prospectId,
        actorId: memberId,
        at,
        requisitionId: null,
        kind: 'outreach',
        data: { channel: 'email' },
      })),
      notes: [
        { ...synced, id: ulid(), prospectId, authorId: memberId, body: 'first', visibility: 'team', mentions: [], createdAt: 5, editedAt: null },
      ],
      members: [{ ...synced, id: memberId, name: 'Riley', email: 'Riley@Example.com', role: 'recruiter' }],
      outbox: [{ mutationId: 1, clientId: 'c', name: 'note.add', args: { any: 'thing' }, createdAt: 5 }],
      local: [{ key: 'lastMutationId', value: 1 }],
    };
    for (const [table, rows] of Object.entries(tables)) await v1.table(table).bulkAdd(rows);
    const before = Object.fromEntries(await Promise.all(Object.keys(tables).map(async (t) => [t, await v1.table(t).count()] as const)));
    v1.close();

    const db = new TandemDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    // Local state gains the walks v15 and v16 leave for the activities and notes stored before them.
    for (const [table, count] of Object.entries(before)) expect(await db.table(table).count(), table).toBe(count + (table === 'local' ? 2 : 0));
    expect(await readUpgradeBacklog(db, TOMBSTONES)).toEqual({ after: null });
    expect(await readUpgradeBacklog(db, NOTE_WORDS_LISTING)).toEqual({ after: null });
    // One call walks both, one after the other.
    expect(await fillUpgradeWalks(db, 1_000)).toBe(false);
    expect(await readUpgradeBacklog(db, TOMBSTONES)).toBeUndefined();
    expect(await readUpgradeBacklog(db, NOTE_WORDS_LISTING)).toBeUndefined();
    expect(await notesFor(db, prospectId, memberId)).toHaveLength(1);

    expect((await findProspectByKey(db, 'linkedin:ada'))?.id).toBe(prospectId);
    expect((await findProspectsByEmail(db, 'ADA@example.com')).map((p) => p.emails)).toEqual([['ada@example.com']]);
    expect((await activitiesFor(db, prospectId)).map((a) => a.at)).toEqual([3, 2, 1]);
    expect((await notesFor(db, prospectId, memberId)).map((n) => n.body)).toEqual(['first']);
    expect((await db.members.where('email').equals('riley@example.com').first())?.id).toBe(memberId);
    expect(await db.outbox.get(1)).toMatchObject({ name: 'note.add', args: { any: 'thing' } });
    db.close();
  });

  it.each([
    ['the member’s team', [{ key: 'me', value: { teamId: 'team-me' } }, { key: 'session', value: { teamId: 'team-session' } }], 'team-me'],
    ['the session’s team when no member is set', [{ key: 'session', value: { teamId: 'team-session' } }], 'team-session'],
    ['the local team before any sign-in', [], 'local'],
  ])('v5 tags the changes already queued with %s', async (_what, local, teamId) => {
    const name = `migrate-${ulid()}`;
    const v4 = openAt(name, 4);
    await v4.table('outbox').bulkAdd([1, 2].map((mutationId) => ({ mutationId, clientId: 'c', name: 'note.add', args: {}, createdAt: 5 })));
    await v4.table('local').bulkAdd(local);
    v4.close();
    const db = new TandemDB(name);
    expect((await db.outbox.toArray()).map((e) => [e.mutationId, e.teamId])).toEqual([
      [1, teamId],
      [2, teamId],
    ]);
    expect(await db.outbox.where('[teamId+mutationId]').between([teamId, 0], [teamId, 9]).count()).toBe(2);
    db.close();
  });

  it('v6 indexes the names of people stored before it, for matching and search', async () => {
    const name = `migrate-${ulid()}`;
    const v5 = openAt(name, 5);
    const person = (id: string, fullName: string) => ({ ...synced, id, name: fullName, headline: null, company: null, location: null, profiles: [], profileKeys: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 });
    await v5.table('prospects').bulkAdd([person('A', 'Núñez, José'), person('B', 'Cher')]);
    v5.close();
    const db = new TandemDB(name);
    expect((await db.prospects.where('nameKey').equals('jose nunez').toArray()).map((p) => p.id)).toEqual(['A']);
    expect((await db.prospects.where('nameWords').startsWith('nu').toArray()).map((p) => p.id)).toEqual(['A']);
    expect((await db.prospects.get('B'))).toMatchObject({ nameKey: '', nameWords: ['cher'] });
    db.close();
  });

  it('v9 indexes when the people stored before it were created, for the Numbers view', async () => {
    const name = `migrate-${ulid()}`;
    const v7 = openAt(name, 7);
    const person = (id: string, createdAt: number) => ({ ...synced, id, name: id, headline: null, company: null, location: null, profiles: [], profileKeys: [], emails: [], doNotContact: null, nameKey: id, nameWords: [], createdAt, updatedAt: createdAt });
    await v7.table('prospects').bulkAdd([person('A', 10), person('B', 20), person('C', 30)]);
    v7.close();
    const db = new TandemDB(name);
    expect(await db.prospects.where('createdAt').between(15, 30, true, true).primaryKeys()).toEqual(['B', 'C']);
    db.close();
  });

  it('v8 indexes the words of people and notes stored before it, for the People search', async () => {
    const name = `migrate-${ulid()}`;
    const v7 = openAt(name, 7);
    const person = (id: string, fullName: string, headline: string | null) => ({ ...synced, id, name: fullName, headline, company: 'Analytical Engines', location: 'Zürich', profiles: [], profileKeys: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 });
    await v7.table('prospects').bulkAdd([person('A', 'Núñez, José', 'Staff Engineer'), person('B', 'Cher', null)]);
    await v7.table('notes').add({ ...synced, id: 'N', prospectId: 'B', authorId: 'M', body: 'Spoke about Kubernetes; très motivée', visibility: 'team', mentions: [], createdAt: 5, editedAt: null });
    v7.close();
    const db = new TandemDB(name);
    expect(await db.prospects.where('searchWords').startsWith('staf').primaryKeys()).toEqual(['A']);
    expect(await db.prospects.where('searchWords').startsWith('zur').primaryKeys()).toEqual(['A', 'B']);
    expect((await db.prospects.get('B'))?.searchWords).toEqual(['cher', 'analytical', 'engines', 'zurich']);
    await fillUpgradeWalks(db, 1_000);
    expect(await notesByWordStart(db, 'motivee')).toEqual(['N']);
    expect(await notesByWordStart(db, 'kubernetes')).toEqual(['N']);
    db.close();
  });

  it('v13 drops the indexes nothing reads, and a member\'s view of a person on a day is still found after it', async () => {
    const name = `migrate-${ulid()}`;
    const v12 = openAt(name, 12);
    const view = (id: string, actorId: string, at: number) => ({ ...synced, id, prospectId: 'P', actorId, at, requisitionId: null, kind: 'viewed', data: {} });
    const noon = new Date(2025, 3, 10, 12).getTime();
    await v12.table('activities').bulkAdd([view('A1', 'M', noon), view('A2', 'OTHER', noon + 86_400_000)]);
    v12.close();
    const db = new TandemDB(name);
    await db.open();
    // Each index is a LevelDB entry per row on every pull (issue 13): only what a query reads stays.
    expect(db.prospects.schema.indexes.map((i) => i.name)).not.toContain('updatedAt');
    expect(db.activities.schema.indexes.map((i) => i.name)).not.toContain('[prospectId+actorId+kind]');
    expect(await hasViewedOnDay(db, 'P', 'M', new Date(2025, 3, 10, 23, 59).getTime())).toBe(true);
    expect(await hasViewedOnDay(db, 'P', 'M', noon + 86_400_000)).toBe(false);
    expect(await hasViewedOnDay(db, 'P', 'OTHER', noon)).toBe(false);
    expect(await hasViewedOnDay(db, 'P', 'OTHER', noon + 86_400_000)).toBe(true);
    db.close();
  });

  it('v14 finds the people a member added, and those stored before their adder was recorded, without reading anyone else', async () => {
    const name = `migrate-${ulid()}`;
    const v13 = openAt(name, 13);
    const person = (id: string, createdAt: number, createdBy?: string) => ({ ...synced, id, name: id, headline: null, company: null, location: null, profiles: [], profileKeys: [], emails: [], doNotContact: null, nameKey: id, createdAt, ...(createdBy ? { createdBy } : {}), updatedAt: createdAt });
    await v13.table('prospects').bulkAdd([person('OLD', 10), person('MINE', 20, 'M'), person('THEIRS', 30, 'OTHER'), person('MINE_EARLIER', 5, 'M')]);
    v13.close();
    const db = new TandemDB(name);
    expect(await db.prospects.where('[createdBy+createdAt]').between(['M', 8], ['M', Dexie.maxKey]).primaryKeys()).toEqual(['MINE']);
    expect(await db.prospects.where('unknownAdderAt').aboveOrEqual(0).primaryKeys()).toEqual(['OLD']);
    db.close();
  });

  it('v15 leaves the undone activities stored before it to a walk, which indexes them by their person and no live one', async () => {
    const name = `migrate-${ulid()}`;
    const v14 = openAt(name, 14);
    const outreach = (id: string, prospectId: string, deletedAt: number | null) => ({ ...synced, deletedAt, id, prospectId, actorId: 'M', at: 10, requisitionId: null, kind: 'outreach', data: { channel: 'email' } });
    await v14.table('activities').bulkAdd([outreach('LIVE', 'P', null), outreach('UNDONE', 'P', 20), outreach('OTHER', 'Q', 30)]);
    v14.close();
    const db = new TandemDB(name);
    expect(await readUpgradeBacklog(db, TOMBSTONES)).toEqual({ after: null });
    expect(await db.activities.where('tombstoneOf').anyOf(['P', 'Q']).count()).toBe(0);
    expect(await fillUpgradeWalks(db, 1_000)).toBe(false);
    expect(await readUpgradeBacklog(db, TOMBSTONES)).toBeUndefined();
    expect(await db.activities.where('tombstoneOf').equals('P').primaryKeys()).toEqual(['UNDONE']);
    expect(await db.activities.where('tombstoneOf').anyOf(['P', 'Q']).count()).toBe(2);
    db.close();
  });

  it('v15 and v16 leave no walk on a device with no activities and no notes', async () => {
    const name = `migrate-${ulid()}`;
    openAt(name, 14).close();
    const db = new TandemDB(name);
    expect(await readUpgradeBacklog(db, TOMBSTONES)).toBeUndefined();
    expect(await readUpgradeBacklog(db, NOTE_WORDS_LISTING)).toBeUndefined();
    db.close();
  });

  it('v16 leaves the notes\' words to a walk, which moves them from their multi-entry index to noteWords, each note listed where a change finds it', async () => {
    const name = `migrate-${ulid()}`;
    const v15 = openAt(name, 15);
    const note = (id: string, body: string, words: string[]) => ({ ...synced, id, prospectId: 'P', authorId: 'M', body, visibility: 'team', mentions: [], createdAt: 5, editedAt: null, words });
    await v15.table('notes').bulkAdd([note('N1', 'Kubernetes expert', ['kubernetes', 'expert']), note('N2', 'Rust expert', ['rust', 'expert'])]);
    v15.close();
    const db = new TandemDB(name);
    expect(db.notes.schema.indexes.map((i) => i.name)).not.toContain('words');
    expect(await readUpgradeBacklog(db, NOTE_WORDS_LISTING)).toEqual({ after: null });
    expect(await notesByWordStart(db, 'exp')).toEqual([]);
    expect(await fillUpgradeWalks(db, 1_000)).toBe(false);
    expect(await readUpgradeBacklog(db, NOTE_WORDS_LISTING)).toBeUndefined();
    expect((await notesByWordStart(db, 'exp')).sort()).toEqual(['N1', 'N2']);
    expect(await notesByWordStart(db, 'kubernetes')).toEqual(['N1']);
    const stored = await db.notes.get('N1');
    expect(stored).not.toHaveProperty('words');
    expect(stored?.wordsBatch).toBeDefined();
    // A note changed after the upgrade leaves the rows the upgrade listed it in.
    await db.transaction('rw', db.notes, async () => {
      allowSyncedWrites('pull');
      await db.notes.put({ ...stored!, body: 'Golang expert' });
    });
    expect(await notesByWordStart(db, 'kubernetes')).toEqual([]);
    expect(await notesByWordStart(db, 'golang')).toEqual(['N1']);
    expect((await notesByWordStart(db, 'expert')).sort()).toEqual(['N1', 'N2']);
    db.close();
  });

  it('numbers versions upwards without gaps', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });
});
