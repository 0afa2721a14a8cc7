import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Note, Prospect, PullResponse } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { as, docsOf, call, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';


describe.each(DATABASE_KINDS)('sync protocol on %s', (kind) => {
  const server = serverFor(kind);

  async function recruiterWithProspect() {
    const { members } = await teamWith(server.db, ['recruiter', 'sourcer', 'hiring_manager', 'admin']);
    const [recruiter] = members;
    const client = as(server.app, recruiter!);
    const prospectId = ulid();
    await client.push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } }]);
    return { members, client, prospectId };
  }

  it('skips a retried push: same acknowledgement, nothing written twice', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const batch = [
      { id: 2, name: 'note.add', args: { id: ulid(), prospectId, body: 'once', at: 2 } },
      { id: 3, name: 'activity.log', args: { id: ulid(), prospectId, kind: 'outreach', data: { channel: 'email' }, at: 3 } },
    ];
    const first = await client.push(batch);
    const second = await client.push(batch);
    expect(first).toEqual({ lastMutationId: 3, rejected: [] });
    expect(second).toEqual(first);
    const rows = await client.pullAll();
    expect(docsOf(rows, 'note')).toHaveLength(1);
    expect(docsOf(rows, 'activity')).toHaveLength(1);
  });

  it('accepts a gap in mutation ids and skips anything at or below the last', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const res = await client.push([
      { id: 5, name: 'note.add', args: { id: ulid(), prospectId, body: 'five', at: 5 } },
      { id: 9, name: 'note.add', args: { id: ulid(), prospectId, body: 'nine', at: 9 } },
    ]);
    expect(res.lastMutationId).toBe(9);
    const late = await client.push([{ id: 7, name: 'note.add', args: { id: ulid(), prospectId, body: 'seven', at: 7 } }]);
    expect(late.lastMutationId).toBe(9);
    expect(docsOf<Note>(await client.pullAll(), 'note').map((n) => n.body).sort()).toEqual(['five', 'nine']);
  });

  it('records a rejection with its reason and still advances past it', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const res = await client.push([
      { id: 2, name: 'note.add', args: { id: ulid(), prospectId, body: '', at: 2 } },
      { id: 3, name: 'nope.nope', args: {} },
      { id: 4, name: 'note.add', args: { id: ulid(), prospectId: ulid(), body: 'who?', at: 4 } },
      { id: 5, name: 'note.add', args: { id: ulid(), prospectId, body: 'fine', at: 5 } },
    ]);
    expect(res.lastMutationId).toBe(5);
    expect(res.rejected.map((r) => [r.mutationId, r.reason])).toEqual([
      [2, expect.stringContaining('a note cannot be empty')],
      [3, 'unknown mutation nope.nope'],
      [4, 'no such person'],
    ]);
    const page = await client.pull(0, 1000, 1);
    expect(page.lastMutationId).toBe(5);
    expect(page.rejections.map((r) => r.mutationId)).toEqual([2, 3, 4]);
    expect((await client.pull(0, 1000, 3)).rejections.map((r) => r.mutationId)).toEqual([4]);
    expect(docsOf<Note>(page.rows, 'note').map((n) => n.body)).toEqual(['fine']);
  });

  it('pages in version order without splitting the rows of one mutation', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    for (let i = 0; i < 6; i++) {
      await client.push([{ name: 'prospect.setDoNotContact', args: { prospectId, reason: i % 2 ? null : `reason ${i}`, activityId: ulid(), at: 10 + i } }]);
    }
    const all = await client.pullAll(1000);
    const pages: PullResponse[] = [];
    let cursor = 0;
    for (;;) {
      const page = await client.pull(cursor, 3);
      pages.push(page);
      expect(page.rows.length).toBeGreaterThan(0);
      cursor = page.cursor;
      if (!page.more) break;
    }
    const paged = pages.flatMap((p) => p.rows);
    // Rows of later versions replace earlier ones; the last copy of each row is what counts.
    const latest = (rows: PullResponse['rows']) => new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.version]));
    expect(latest(paged)).toEqual(latest(all));
    for (const page of pages) {
      const versions = page.rows.map((r) => r.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      const last = versions.at(-1)!;
      const next = pages[pages.indexOf(page) + 1];
      if (next) expect(next.rows[0]!.version).toBeGreaterThan(last);
    }
    expect(pages.length).toBeGreaterThan(2);
  });

  it('sends deletes as tombstones', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const noteId = ulid();
    await client.push([{ name: 'note.add', args: { id: noteId, prospectId, body: 'gone soon', at: 2 } }]);
    const { cursor } = await client.pull();
    await client.push([{ name: 'note.delete', args: { id: noteId, at: 3 } }]);
    const page = await client.pull(cursor);
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ kind: 'note', id: noteId, doc: { deletedAt: 3, body: 'gone soon' } });
  });

  it('syncs members with their names and roles', async () => {
    const { members, client } = await recruiterWithProspect();
    const synced = docsOf<{ id: string; name: string; role: string }>(await client.pullAll(), 'member');
    expect(synced.map((m) => m.id).sort()).toEqual(members.map((m) => m.member.id).sort());
    expect(synced.find((m) => m.role === 'hiring_manager')?.name).toMatch(/^Member2/);
  });

  it("folds another device's copy of the same person into one, with an alias", async () => {
    const { members, prospectId } = await recruiterWithProspect();
    const sourcer = as(server.app, members[1]!);
    const otherId = ulid();
    await sourcer.push([
      { name: 'prospect.upsert', args: { id: otherId, identity: identity(), at: 5 } },
      { name: 'note.add', args: { id: ulid(), prospectId: otherId, body: 'met offline', at: 6 } },
    ]);
    const rows = await sourcer.pullAll();
    expect(docsOf<Prospect>(rows, 'prospect').map((p) => p.id)).toEqual([prospectId]);
    expect(docsOf(rows, 'alias')).toEqual([expect.objectContaining({ id: otherId, prospectId })]);
    expect(docsOf<Note>(rows, 'note')[0]?.prospectId).toBe(prospectId);
  });

  describe('rules', () => {
    it('keeps private notes to their author, and tells others when a team note turns private', async () => {
      const { members, client, prospectId } = await recruiterWithProspect();
      const colleague = as(server.app, members[1]!);
      const secret = ulid();
      const shared = ulid();
      await client.push([
        { name: 'note.add', args: { id: secret, prospectId, body: 'secret', visibility: 'private', at: 2 } },
        { name: 'note.add', args: { id: shared, prospectId, body: 'shared', at: 3 } },
      ]);
      let rows = await colleague.pullAll();
      expect(docsOf<Note>(rows, 'note').map((n) => n.body)).toEqual(['shared']);
      expect(rows.some((r) => r.id === secret)).toBe(false);
      const { cursor } = await colleague.pull();
      await client.push([{ name: 'note.edit', args: { id: shared, body: 'now mine', visibility: 'private', at: 4 } }]);
      rows = (await colleague.pull(cursor)).rows;
      expect(rows.map(({ kind, id, doc }) => ({ kind, id, doc }))).toEqual([{ kind: 'note', id: shared, doc: null }]);
      expect(docsOf<Note>(await client.pullAll(), 'note').map((n) => n.body).sort()).toEqual(['now mine', 'secret']);
    });

    it('keeps saved searches to their owner, on each of their devices', async () => {
      const { members, client } = await recruiterWithProspect();
      const colleague = as(server.app, members[1]!);
      const id = ulid();
      await client.push([{ name: 'search.save', args: { id, name: 'Silver medalists', query: { text: 'kotlin', filters: { silverMedalists: true } }, at: 2 } }]);
      expect(docsOf<{ name: string }>(await client.pullAll(), 'saved_search').map((s) => s.name)).toEqual(['Silver medalists']);
      expect((await colleague.pullAll()).some((r) => r.id === id)).toBe(false);
    });

    it("refuses to edit or delete someone else's note", async () => {
      const { members, client, prospectId } = await recruiterWithProspect();
      const noteId = ulid();
      await client.push([{ name: 'note.add', args: { id: noteId, prospectId, body: 'mine', at: 2 } }]);
      const admin = as(server.app, members[3]!);
      const res = await admin.push([
        { name: 'note.edit', args: { id: noteId, body: 'hijacked', at: 3 } },
        { name: 'note.delete', args: { id: noteId, at: 4 } },
      ]);
      expect(res.rejected.map((r) => r.reason)).toEqual(['only the author can change a note', 'only the author can change a note']);
      expect(docsOf<Note>(await client.pullAll(), 'note')[0]).toMatchObject({ body: 'mine', deletedAt: null });
    });

    it.each([
      ['sourcer', 1, false],
      ['hiring manager', 2, false],
      ['admin', 3, true],
      ['recruiter', 0, true],
    ])('lets a %s change do-not-contact: %s', async (_role, index, allowed) => {
      const { members, prospectId } = await recruiterWithProspect();
      const res = await as(server.app, members[index]!).push([{ name: 'prospect.setDoNotContact', args: { prospectId, reason: 'asked us to stop', at: 5 } }]);
      expect(res.rejected.length === 0).toBe(allowed);
      if (!allowed) expect(res.rejected[0]?.reason).toBe('only recruiters and admins can change do-not-contact');
    });
  });

  describe('team isolation', () => {
    it("never shows or touches another team's rows", async () => {
      const { client, prospectId } = await recruiterWithProspect();
      const noteId = ulid();
      await client.push([{ name: 'note.add', args: { id: noteId, prospectId, body: 'team A only', at: 2 } }]);
      const other = await teamWith(server.db, ['admin']);
      const outsider = as(server.app, other.members[0]!);
      const rows = await outsider.pullAll();
      expect(rows.map((r) => r.kind)).toEqual(['member']);
      const res = await outsider.push([
        { name: 'note.add', args: { id: ulid(), prospectId, body: 'sneak', at: 3 } },
        { name: 'note.edit', args: { id: noteId, body: 'sneak', at: 3 } },
        { name: 'prospect.setDoNotContact', args: { prospectId, reason: 'sneak', at: 3 } },
        { name: 'activity.log', args: { id: ulid(), prospectId, kind: 'viewed', at: 3 } },
      ]);
      expect(res.rejected.map((r) => r.reason)).toEqual(['no such person', 'no such note', 'no such person', 'no such person']);
      expect(docsOf<Note>(await client.pullAll(), 'note').map((n) => n.body)).toEqual(['team A only']);
    });

    it('keeps a person of the same key apart per team', async () => {
      const { client, prospectId } = await recruiterWithProspect();
      const other = await teamWith(server.db, ['recruiter']);
      const theirs = as(server.app, other.members[0]!);
      const theirId = ulid();
      await theirs.push([{ name: 'prospect.upsert', args: { id: theirId, identity: identity(), at: 9 } }]);
      expect(docsOf<Prospect>(await theirs.pullAll(), 'prospect').map((p) => p.id)).toEqual([theirId]);
      expect(docsOf<Prospect>(await client.pullAll(), 'prospect').map((p) => p.id)).toEqual([prospectId]);
    });

    it("refuses a client id that belongs to another member", async () => {
      const { members } = await recruiterWithProspect();
      const borrowed = { ...members[1]!, clientId: members[0]!.clientId };
      const res = await call(server.app, 'POST', '/v1/push', { token: borrowed.token, body: { clientId: borrowed.clientId, mutations: [] } });
      expect(res).toEqual({ status: 403, body: { error: 'this client id belongs to another member' } });
      const pulled = await call(server.app, 'GET', `/v1/pull?clientId=${borrowed.clientId}`, { token: borrowed.token });
      expect(pulled.status).toBe(403);
    });
  });
});
