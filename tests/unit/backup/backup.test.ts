import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { type Backup, exportBackup, exportBackupFile, parseBackup } from '@/lib/backup/backup';
import { applyRestore } from '@/lib/backup/restore';
import { planRestore } from '@/lib/backup/restore-plan';
import { LOCAL_KEYS, readMe, readSettings, writeSettings } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { activitiesFor, findProspectByKey, notesFor } from '@/lib/db/queries';
import { type Me, type Note, type Prospect, SYNCED_TABLES } from '@/lib/model';
import { activityLog, followUpSet, noteAdd, noteEdit, prospectUpsert } from '@/lib/mutations';
import { INITIAL_SYNC_STATE } from '@/lib/sync/session';
import type { FirstSync } from '@/lib/sync/first-sync';
import { arrived, freshDb, identity, member, signInAs } from '../../support/db';

async function populated() {
  const db = freshDb();
  const ctx = member();
  const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
  await mutate(db, noteAdd, { prospectId: prospectId!, body: 'line one\nline two' }, ctx);
  await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'email' } }, ctx);
  return { db, ctx, prospectId: prospectId! };
}

function parsed(file: unknown): Backup {
  const result = parseBackup(JSON.stringify(file));
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

async function restoreAll(db: ReturnType<typeof freshDb>, backup: Backup, settings = false) {
  const plan = await planRestore(db, backup);
  return { plan, outcome: await applyRestore(db, plan, { settings }) };
}

const TEAM = 'team-acme';
/** A device signed in to Acme as `me`, which has pulled the team's rows at least once. */
async function inAcme(me: Me, { synced = true } = {}) {
  const db = freshDb();
  await db.local.bulkPut([
    { key: LOCAL_KEYS.me, value: me },
    { key: LOCAL_KEYS.session, value: { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: me.memberId, teamId: TEAM, teamName: 'Acme', deviceName: 'd', signedInAt: 0 } },
    { key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, lastSyncedAt: synced ? 1 : null } },
  ]);
  return db;
}
const acmeMember = (role: Me['role'] = 'recruiter'): Me => ({ memberId: ulid(), teamId: TEAM, name: 'Riley Recruiter', email: 'riley@acme.example', role });
const person = (patch: Partial<Prospect> = {}): Prospect => ({
  id: ulid(), teamId: TEAM, version: 1, deletedAt: null, name: 'Ada Lovelace', headline: null, company: null, location: null,
  profiles: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1, ...patch,
});
const note = (prospectId: string, authorId: string, patch: Partial<Note> = {}): Note => ({
  id: ulid(), teamId: TEAM, version: 2, deletedAt: null, prospectId, authorId, body: 'a note', visibility: 'team', mentions: [], createdAt: 1, editedAt: null, ...patch,
});
/** An export of a device holding exactly these rows. */
function fileWith(rows: Partial<Backup['tables']>, patch: Partial<Backup> = {}): Backup {
  const tables = Object.fromEntries(SYNCED_TABLES.map((t) => [t, rows[t] ?? []])) as Backup['tables'];
  return { format: 'tandem-backup', formatVersion: 3, exportedAt: 1, team: { id: TEAM, name: 'Acme' }, tables, settings: null, unsent: [], ...patch };
}

describe('backup files', () => {
  it('are the same bytes streamed page by page as written whole', async () => {
    const { db, ctx, prospectId } = await populated();
    for (let i = 0; i < 1_005; i++) await arrived(db, 'activities', { id: `a${String(i).padStart(5, '0')}`, teamId: 'local', version: 1, deletedAt: null, prospectId, actorId: ctx.me.memberId, at: i, requisitionId: null, kind: 'viewed', data: {} });
    const file = await exportBackupFile(db, 7);
    expect(await file.blob.text()).toBe(JSON.stringify(await exportBackup(db, 7), null, 2));
    expect(file.records).toBe(1_008);
  });

  it('carry every table of the registry, the device’s settings, and format 3', async () => {
    const { db } = await populated();
    await writeSettings(db, { guardWindowDays: 14 });
    const backup = await exportBackup(db, 0);
    expect(backup.formatVersion).toBe(3);
    expect(Object.keys(backup.tables).sort()).toEqual([...SYNCED_TABLES].sort());
    expect(backup.settings).toEqual(await readSettings(db));
    expect(parsed(backup)).toEqual(backup);
  });

  it.each([1, 2])('read an export of format %i, which had no settings (format 1: no aliases or follow-ups either)', async (formatVersion) => {
    const { db, prospectId } = await populated();
    const { settings: _s, team: _t, unsent: _u, ...current } = await exportBackup(db);
    const { aliases: _aliases, followUps: _followUps, ...formerTables } = current.tables;
    const backup = parsed({ ...current, formatVersion, tables: formatVersion === 1 ? formerTables : current.tables });
    expect(backup).toMatchObject({ formatVersion: 3, settings: null, unsent: [], team: null });
    expect(backup.tables.followUps).toEqual([]);
    const target = freshDb();
    await restoreAll(target, backup);
    expect((await notesFor(target, prospectId, (await readMe(target))!.memberId)).map((n) => n.body)).toEqual(['line one\nline two']);
  });

  it.each([
    ['not JSON', '{"format": "tandem-backup",', /not JSON/],
    ['another format', JSON.stringify({ format: 'gem-export' }), /not a Tandem export/],
    ['a broken row', 'BROKEN_ROW', /at tables\.notes\.0\.body/],
  ])('are refused when %s, with a reason', async (_what, text, reason) => {
    const { db } = await populated();
    let input = text;
    if (text === 'BROKEN_ROW') {
      const backup = await exportBackup(db);
      (backup.tables.notes[0] as { body: unknown }).body = 42;
      input = JSON.stringify(backup);
    }
    const result = parseBackup(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });
});

describe('restoring on a device that never joined a team', () => {
  it('re-creates people, notes, activities and follow-ups as this member’s own', async () => {
    const { db, ctx, prospectId } = await populated();
    await signInAs(db, ctx);
    await mutate(db, followUpSet, { prospectId, dueAt: 86_400_000, note: 'call back' }, ctx);
    const target = freshDb();
    const { plan, outcome } = await restoreAll(target, parsed(await exportBackup(db)));
    expect(plan.target.kind).toBe('local');
    expect(outcome.restored).toBe(4);
    const me = (await readMe(target))!;
    expect((await findProspectByKey(target, 'linkedin:ada-lovelace'))?.id).toBe(prospectId);
    expect((await notesFor(target, prospectId, me.memberId)).map((n) => [n.body, n.authorId])).toEqual([['line one\nline two', me.memberId]]);
    expect((await activitiesFor(target, prospectId)).map((a) => [a.kind, a.actorId])).toEqual([['outreach', me.memberId]]);
    expect((await target.followUps.toArray()).map((f) => [f.note, f.ownerId])).toEqual([['call back', me.memberId]]);
    // Queued like any local work: it becomes the team's at the first sign-in.
    expect((await target.outbox.toArray()).map((e) => e.name)).toEqual(Array(4).fill('backup.restore'));
    // The exporting device's member is not brought along as a phantom.
    expect(plan.skipped).toEqual([{ reason: 'members, aliases, requisitions and reviews: not restored', count: 1 }]);
    expect(await target.members.get(ctx.me.memberId)).toBeUndefined();
  });

  it('leaves every record it already has as it is, and restores nothing twice', async () => {
    const { db, ctx, prospectId } = await populated();
    const backup = parsed(await exportBackup(db));
    const [mine] = await notesFor(db, prospectId, ctx.me.memberId);
    await mutate(db, noteEdit, { id: mine!.id, body: 'edited after the export' }, ctx);
    const { plan, outcome } = await restoreAll(db, backup);
    expect(plan).toMatchObject({ restore: [], present: 3 });
    expect(outcome.restored).toBe(0);
    expect((await db.notes.get(mine!.id))?.body).toBe('edited after the export');
  });

  it('writes nothing when a record fails inside the transaction', async () => {
    const { db } = await populated();
    const backup = parsed(await exportBackup(db));
    const target = freshDb();
    target.notes.hook('creating', () => {
      throw new Error('disk full');
    });
    const plan = await planRestore(target, backup);
    await expect(applyRestore(target, plan, { settings: false })).rejects.toThrow('disk full');
    expect(await target.prospects.count()).toBe(0);
    expect(await target.outbox.count()).toBe(0);
  });

  it('does not import another team’s records into it, and says so', async () => {
    const p = person();
    const { plan } = await restoreAll(freshDb(), fileWith({ prospects: [p], notes: [note(p.id, ulid())] }));
    expect(plan.restore).toEqual([]);
    expect(plan.skipped).toEqual([{ reason: 'of Acme: sign in to it and import the file again to restore what its server lacks', count: 2 }]);
  });
});

describe('restoring on a device signed in to a team', () => {
  it('restores only what the member could have written, of this team, and leaves everything the device has', async () => {
    const me = acmeMember('sourcer');
    const other = ulid();
    const db = await inAcme(me);
    const known = person();
    const newPerson = person({ profiles: [{ site: 'linkedin', key: 'linkedin:grace', url: 'https://www.linkedin.com/in/grace/' }], doNotContact: { reason: 'asked', by: me.memberId, at: 1 } });
    await arrived(db, 'prospects', known);
    const mine = note(newPerson.id, me.memberId);
    const theirs = note(known.id, other);
    const elsewhere = { ...note(known.id, me.memberId), teamId: 'team-beta' };
    const review = { id: ulid(), teamId: TEAM, version: 1, deletedAt: null, prospectId: known.id, actorId: me.memberId, at: 1, requisitionId: null, kind: 'review_requested' as const, data: { requestId: ulid(), reviewerId: other } };
    const plan = await planRestore(db, fileWith({ prospects: [known, newPerson], notes: [mine, theirs, elsewhere], activities: [review] }));
    expect(plan.present).toBe(1);
    expect(plan.restore.map((r) => r.row.id)).toEqual([newPerson.id, mine.id]);
    expect(plan.skipped).toEqual([
      { reason: 'part of a review or a do-not-contact change, which are not restored', count: 1 },
      { reason: 'written by another member', count: 1 },
      { reason: 'of another team, not Acme', count: 1 },
    ]);
    await applyRestore(db, plan, { settings: false });
    // A sourcer cannot set do-not-contact, so a mark cannot come back through them either.
    expect((await db.prospects.get(newPerson.id))?.doNotContact).toBeNull();
    expect((await db.outbox.toArray()).map((e) => [e.name, e.teamId])).toEqual([
      ['backup.restore', TEAM],
      ['backup.restore', TEAM],
    ]);
  });

  it('restores the member’s own privacy notice sent (a logged activity), not a teammate’s', async () => {
    const me = acmeMember('recruiter');
    const db = await inAcme(me);
    const known = person();
    await arrived(db, 'prospects', known);
    const notice = (actorId: string) => ({ id: ulid(), teamId: TEAM, version: 1, deletedAt: null, prospectId: known.id, actorId, at: 2, requisitionId: null, kind: 'privacy_notice_sent' as const, data: { channel: 'letter' as const, sentAt: 2 } });
    const mine = notice(me.memberId);
    const plan = await planRestore(db, fileWith({ activities: [mine, notice(ulid())] }));
    expect(plan.restore.map((r) => r.row.id)).toEqual([mine.id]);
    expect(plan.skipped).toEqual([{ reason: 'logged by another member', count: 1 }]);
    await applyRestore(db, plan, { settings: false });
    expect(await db.activities.get(mine.id)).toMatchObject({ kind: 'privacy_notice_sent', data: { channel: 'letter', sentAt: 2 } });
  });

  it('restores nothing until the team’s records have arrived (older history included), nor while signed out of a team', async () => {
    const me = acmeMember();
    const file = fileWith({ prospects: [person()] });
    expect(await planRestore(await inAcme(me, { synced: false }), file)).toMatchObject({ target: { kind: 'not-synced', teamName: 'Acme' }, restore: [] });
    // Issue 13: a first sign-in's older history still on its way: the device cannot tell what it lacks.
    const filling = await inAcme(me);
    await filling.local.put({ key: LOCAL_KEYS.firstSync, value: { teamId: TEAM, phase: 'history', olderThan: 1, upTo: 10, historyCursor: 4, startedAt: 1, usableAt: 2 } satisfies FirstSync });
    expect(await planRestore(filling, file)).toMatchObject({ target: { kind: 'not-synced', teamName: 'Acme' }, restore: [] });
    const signedOut = await inAcme(me);
    await signedOut.local.delete(LOCAL_KEYS.session);
    expect(await planRestore(signedOut, file)).toMatchObject({ target: { kind: 'signed-out' }, restore: [] });
  });

  it('sends the member’s unsent changes from the file again, except one whose record changed since, and never another member’s', async () => {
    const me = acmeMember();
    const p = person();
    const edited = note(p.id, me.memberId, { body: 'server text', version: 4 });
    const newNoteId = ulid();
    const unsent = {
      teamId: TEAM, teamName: 'Acme', memberId: me.memberId, memberName: me.name,
      changes: [
        { name: 'note.add', args: { id: newNoteId, prospectId: p.id, body: 'written offline', visibility: 'team', at: 5 }, createdAt: 5 },
        { name: 'note.edit', args: { id: edited.id, body: 'an old edit', at: 6 }, createdAt: 6 },
      ],
      basis: [
        { table: 'notes', id: newNoteId, version: null },
        { table: 'notes', id: edited.id, version: 3 },
      ],
    };
    const db = await inAcme(me);
    await arrived(db, 'prospects', p);
    await arrived(db, 'notes', edited);
    const someoneElses = { ...unsent, memberId: ulid(), memberName: 'Sam Sourcer' };
    const { plan, outcome } = await restoreAll(db, fileWith({ prospects: [p] }, { unsent: [unsent, someoneElses] }));
    expect(plan.unsentLeft).toEqual([{ reason: 'made by Sam Sourcer: only they can send them, signed in as themselves', count: 2 }]);
    expect(outcome.resent).toEqual({ sent: 1, skipped: [{ reason: 'what it changes was changed on the team after the file was made', count: 1 }] });
    expect((await db.notes.get(edited.id))?.body).toBe('server text');
    expect((await db.notes.get(newNoteId))?.body).toBe('written offline');
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['note.add']);
  });
});
