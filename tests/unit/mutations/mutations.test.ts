import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { activitiesFor, findProspectByKey, notesFor } from '@/lib/db/queries';
import { MutationRefused, activityLog, activityUndo, backupRestore, noteAdd, noteDelete, noteEdit, noteRestore, prospectSetDoNotContact, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { fromStoredRow } from '@/lib/db/database';
import { arrived, freshDb, identity, member, wipe } from '../../support/db';

const db = freshDb();
afterEach(async () => {
  await wipe(db);
});

async function addProspect(ctx = member()) {
  const { result } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
  return result!;
}

describe('prospect.upsert', () => {
  it('creates the person once and queues one outbox row', async () => {
    const ctx = member();
    const id = await addProspect(ctx);
    const again = await mutate(db, prospectUpsert, { id, identity: identity() }, ctx);
    expect(again.mutationId).toBeNull();
    const p = await findProspectByKey(db, 'linkedin:ada-lovelace');
    expect(p?.id).toBe(id);
    expect(p?.teamId).toBe('local');
    expect(p?.version).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ mutationId: 1, name: 'prospect.upsert' });
  });

  it('refreshes details the page changed and keeps what the page no longer shows', async () => {
    const ctx = member();
    const id = await addProspect(ctx);
    await mutate(db, prospectUpsert, { id, identity: identity('ada-lovelace', { headline: 'Countess', company: null }) }, ctx);
    const p = await db.prospects.get(id);
    expect(p?.headline).toBe('Countess');
    expect(p?.company).toBe('Analytical Engines');
    expect(await db.outbox.count()).toBe(2);
  });

  it('folds a second id for the same person into an alias that later writes follow', async () => {
    const ctx = member();
    const id = await addProspect(ctx);
    const otherId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const { result } = await mutate(db, prospectUpsert, { id: otherId, identity: identity() }, ctx);
    expect(result).toBe(id);
    expect(await db.aliases.get(otherId)).toMatchObject({ prospectId: id });
    await mutate(db, noteAdd, { prospectId: otherId, body: 'via the alias' }, ctx);
    expect((await notesFor(db, id, ctx.me.memberId)).map((n) => n.body)).toEqual(['via the alias']);
    expect(await db.prospects.count()).toBe(1);
  });

  it('refuses an identity that fails the schema and writes nothing', async () => {
    await expect(
      mutate(db, prospectUpsert, { identity: { ...identity(), key: 'not a key' } }, member()),
    ).rejects.toThrow(MutationRefused);
    expect(await db.prospects.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('activity.log', () => {
  it('appends outreach with the actor and a mutation id one above the last', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const { mutationId } = await mutate(db, activityLog, { prospectId, kind: 'outreach', data: { channel: 'inmail' } }, ctx);
    expect(mutationId).toBe(2);
    const [a] = await activitiesFor(db, prospectId);
    expect(a).toMatchObject({ kind: 'outreach', data: { channel: 'inmail' }, actorId: ctx.me.memberId });
  });

  it('logs viewed at most once per member per person per day', async () => {
    const ctx = member();
    const other = member('sourcer', 'Sam');
    const prospectId = await addProspect(ctx);
    const morning = new Date(2026, 10, 20, 9).getTime();
    const evening = new Date(2026, 10, 20, 18).getTime();
    const nextDay = new Date(2026, 10, 21, 9).getTime();
    await mutate(db, activityLog, { prospectId, kind: 'viewed', at: morning }, ctx);
    const dup = await mutate(db, activityLog, { prospectId, kind: 'viewed', at: evening }, ctx);
    await mutate(db, activityLog, { prospectId, kind: 'viewed', at: evening }, other);
    await mutate(db, activityLog, { prospectId, kind: 'viewed', at: nextDay }, ctx);
    expect(dup.mutationId).toBeNull();
    const views = (await activitiesFor(db, prospectId)).filter((a) => a.kind === 'viewed');
    expect(views.map((v) => [v.actorId, v.at])).toEqual([
      [ctx.me.memberId, nextDay],
      [other.me.memberId, evening],
      [ctx.me.memberId, morning],
    ]);
  });

  it('refuses kinds that have their own mutation, and unknown people', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    await expect(
      mutate(db, activityLog, { prospectId, kind: 'dnc_set', data: { reason: 'x' } } as never, ctx),
    ).rejects.toThrow(/kind/);
    await expect(
      mutate(db, activityLog, { prospectId: '01J00000000000000000000000', kind: 'outreach', data: { channel: 'email' } }, ctx),
    ).rejects.toThrow(/no such person/);
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('activity.undo', () => {
  it('takes back the member’s own logged outreach: a tombstone, gone from the feed, queued', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const { result: id } = await mutate(db, activityLog, { prospectId, kind: 'outreach', data: { channel: 'call' } }, ctx);
    await mutate(db, activityUndo, { id: id!, at: 123 }, ctx);
    expect((await db.activities.get(id!))?.deletedAt).toBe(123);
    expect(await activitiesFor(db, prospectId)).toEqual([]);
    expect((await mutate(db, activityUndo, { id: id! }, ctx)).mutationId).toBeNull();
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['prospect.upsert', 'activity.log', 'activity.undo']);
  });

  it("refuses a teammate's activity and the feed entries other records own", async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const { result: reply } = await mutate(db, activityLog, { prospectId, kind: 'reply', data: { interest: 'not_interested' } }, ctx);
    await expect(mutate(db, activityUndo, { id: reply! }, member('recruiter', 'Cam'))).rejects.toThrow('only the member who logged it can take it back');
    await mutate(db, prospectSetDoNotContact, { prospectId, reason: 'Asked us to stop' }, ctx);
    const dnc = (await activitiesFor(db, prospectId)).find((a) => a.kind === 'dnc_set')!;
    await expect(mutate(db, activityUndo, { id: dnc.id }, ctx)).rejects.toThrow('only what a member logs by hand (views, outreach, replies, privacy notices) can be taken back; this entry belongs to its own record');
    await expect(mutate(db, activityUndo, { id: '01J00000000000000000000000' }, ctx)).rejects.toThrow('no such activity');
    expect((await activitiesFor(db, prospectId)).map((a) => a.deletedAt)).toEqual([null, null]);
  });
});

describe('notes', () => {
  it('adds, edits, deletes and restores a note, each queued', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const { result: id } = await mutate(db, noteAdd, { prospectId, body: '  Strong Rust background  ' }, ctx);
    await mutate(db, noteEdit, { id: id!, body: 'Strong Rust and Go' }, ctx);
    expect((await db.notes.get(id!))).toMatchObject({ body: 'Strong Rust and Go', visibility: 'team' });
    expect((await db.notes.get(id!))?.editedAt).toEqual(expect.any(Number));
    await mutate(db, noteDelete, { id: id! }, ctx);
    expect(await notesFor(db, prospectId, ctx.me.memberId)).toEqual([]);
    await mutate(db, noteRestore, { id: id! }, ctx);
    expect((await notesFor(db, prospectId, ctx.me.memberId)).map((n) => n.body)).toEqual(['Strong Rust and Go']);
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual([
      'prospect.upsert',
      'note.add',
      'note.edit',
      'note.delete',
      'note.restore',
    ]);
  });

  it('keeps private notes to their author', async () => {
    const author = member();
    const colleague = member('sourcer', 'Sam');
    const prospectId = await addProspect(author);
    await mutate(db, noteAdd, { prospectId, body: 'for me only', visibility: 'private' }, author);
    await mutate(db, noteAdd, { prospectId, body: 'for the team' }, author);
    expect((await notesFor(db, prospectId, author.me.memberId)).map((n) => n.body)).toHaveLength(2);
    expect((await notesFor(db, prospectId, colleague.me.memberId)).map((n) => n.body)).toEqual(['for the team']);
  });

  it("refuses to change someone else's note, and empty notes", async () => {
    const author = member();
    const colleague = member('recruiter', 'Cam');
    const prospectId = await addProspect(author);
    const { result: id } = await mutate(db, noteAdd, { prospectId, body: 'mine' }, author);
    await expect(mutate(db, noteEdit, { id: id!, body: 'theirs' }, colleague)).rejects.toThrow(/only the author/);
    await expect(mutate(db, noteDelete, { id: id! }, colleague)).rejects.toThrow(/only the author/);
    await expect(mutate(db, noteAdd, { prospectId, body: '   ' }, author)).rejects.toThrow(/cannot be empty/);
    expect((await db.notes.get(id!))?.body).toBe('mine');
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('prospect.setDoNotContact', () => {
  it('marks and clears do-not-contact with an activity each', async () => {
    const ctx = member('recruiter');
    const prospectId = await addProspect(ctx);
    await mutate(db, prospectSetDoNotContact, { prospectId, reason: 'Asked not to be contacted' }, ctx);
    expect((await db.prospects.get(prospectId))?.doNotContact).toMatchObject({ reason: 'Asked not to be contacted', by: ctx.me.memberId });
    await mutate(db, prospectSetDoNotContact, { prospectId, reason: null }, ctx);
    expect((await db.prospects.get(prospectId))?.doNotContact).toBeNull();
    expect((await activitiesFor(db, prospectId)).map((a) => a.kind)).toEqual(['dnc_cleared', 'dnc_set']);
  });

  it('refuses sourcers and hiring managers, and an empty reason', async () => {
    const prospectId = await addProspect(member());
    await expect(mutate(db, prospectSetDoNotContact, { prospectId, reason: 'x' }, member('sourcer'))).rejects.toThrow(/only recruiters and admins/);
    await expect(mutate(db, prospectSetDoNotContact, { prospectId, reason: 'x' }, member('hiring_manager'))).rejects.toThrow(/only recruiters and admins/);
    await expect(mutate(db, prospectSetDoNotContact, { prospectId, reason: ' ' }, member('admin'))).rejects.toThrow(/reason is required/);
    expect((await db.prospects.get(prospectId))?.doNotContact).toBeNull();
    expect(await db.activities.count()).toBe(0);
  });
});

describe('refusals', () => {
  it('read as their reason wherever their message is shown, without the internal action name', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const { result: id } = await mutate(db, noteAdd, { prospectId, body: 'mine' }, ctx);
    const refusal = await mutate(db, noteEdit, { id: id!, body: 'theirs' }, member('recruiter', 'Cam')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MutationRefused);
    expect((refusal as MutationRefused).message).toBe('only the author can change a note');
    expect((refusal as MutationRefused).mutation).toBe('note.edit');
  });
});

describe('atomicity', () => {
  it('leaves nothing behind when apply fails after writing', async () => {
    const ctx = member();
    const prospectId = await addProspect(ctx);
    const failing = {
      name: 'test.failing',
      title: 'A failing test write',
      args: noteAdd.args,
      async apply(...params: Parameters<typeof noteAdd.apply>): Promise<never> {
        await noteAdd.apply(...params);
        throw new Error('disk on fire');
      },
    };
    await expect(mutate(db, failing, { prospectId, body: 'half' }, ctx)).rejects.toThrow('disk on fire');
    expect(await db.notes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('backup.restore', () => {
  const TEAM = 'team-acme';
  const inAcme = (role: 'recruiter' | 'sourcer' = 'recruiter') => {
    const ctx = member(role);
    ctx.me.teamId = ctx.actor.teamId = TEAM;
    return ctx;
  };
  const person = (id: string, key = 'linkedin:ada-lovelace', teamId = TEAM) => ({
    id, teamId, version: 1, deletedAt: null, name: 'Ada Lovelace', headline: null, company: null, location: null,
    profiles: [{ site: 'linkedin' as const, key, url: `https://www.linkedin.com/in/${key.slice(9)}/` }], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1,
  });
  const note = (prospectId: string, authorId: string, body: string, teamId = TEAM) => ({
    id: ulid(), teamId, version: 2, deletedAt: null, prospectId, authorId, body, visibility: 'team' as const, mentions: [], createdAt: 1, editedAt: null,
  });

  it('leaves a row the team has as it is, whatever the file says', async () => {
    const ctx = inAcme();
    const p = person(ulid());
    const current = note(p.id, ctx.me.memberId, 'newer text');
    await arrived(db, 'prospects', p);
    await arrived(db, 'notes', current);
    const { mutationId } = await mutate(db, backupRestore, { table: 'notes', row: { ...current, body: 'older text' } }, ctx);
    expect(mutationId).toBeNull();
    expect(fromStoredRow('notes', (await db.notes.get(current.id))!)).toEqual(current);
  });

  it('folds a person the team knows under another id into an alias, and their notes follow', async () => {
    const ctx = inAcme();
    const known = person(ulid());
    await arrived(db, 'prospects', known);
    const fromFile = person(ulid());
    expect((await mutate(db, backupRestore, { table: 'prospects', row: fromFile }, ctx)).result).toBe(known.id);
    await mutate(db, backupRestore, { table: 'notes', row: note(fromFile.id, ctx.me.memberId, 'about Ada') }, ctx);
    expect((await notesFor(db, known.id, ctx.me.memberId)).map((n) => n.body)).toEqual(['about Ada']);
    expect(await db.prospects.count()).toBe(1);
  });

  it.each([
    ['another member’s note', (_ctx: ReturnType<typeof inAcme>, p: string) => ({ table: 'notes', row: note(p, ulid(), 'theirs') }), 'written by another member'],
    ['a row of another team', (ctx: ReturnType<typeof inAcme>, p: string) => ({ table: 'notes', row: note(p, ctx.me.memberId, 'elsewhere', 'team-beta') }), 'of another team'],
    [
      'an activity that belongs to a review',
      (ctx: ReturnType<typeof inAcme>, p: string) => ({ table: 'activities', row: { id: ulid(), teamId: TEAM, version: 1, deletedAt: null, prospectId: p, actorId: ctx.me.memberId, at: 1, requisitionId: null, kind: 'dnc_cleared', data: {} } }),
      'part of a review or a do-not-contact change',
    ],
  ])('refuses %s', async (_what, args, reason) => {
    const ctx = inAcme();
    const p = person(ulid());
    await arrived(db, 'prospects', p);
    await expect(mutate(db, backupRestore, args(ctx, p.id) as never, ctx)).rejects.toThrow(reason);
    expect(await db.outbox.count()).toBe(0);
  });

  it('makes a record from before the device joined a team the member’s own, with a do-not-contact mark only a recruiter may set', async () => {
    const recruiter = inAcme('recruiter');
    const local = { ...person(ulid(), 'linkedin:ada-lovelace', 'local'), doNotContact: { reason: 'asked us', by: ulid(), at: 1 } };
    await mutate(db, backupRestore, { table: 'prospects', row: local }, recruiter);
    expect((await db.prospects.get(local.id))?.doNotContact).toEqual({ reason: 'asked us', by: recruiter.me.memberId, at: 1 });
    const row = note(local.id, ulid(), 'before the team', 'local');
    await mutate(db, backupRestore, { table: 'notes', row }, recruiter);
    expect(await db.notes.get(row.id)).toMatchObject({ authorId: recruiter.me.memberId, teamId: TEAM, body: 'before the team' });

    const sourcer = inAcme('sourcer');
    const another = { ...person(ulid(), 'linkedin:grace', 'local'), doNotContact: { reason: 'asked us', by: ulid(), at: 1 } };
    await mutate(db, backupRestore, { table: 'prospects', row: another }, sourcer);
    expect((await db.prospects.get(another.id))?.doNotContact).toBeNull();
  });
});
