/**
 * Issue 7, findings 1, 8 and 15 on the server: pull pages bounded in bytes, text capped in
 * UTF-8 bytes with control characters refused, every written row readable by devices, and the
 * sync epoch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulidx';
import { describe, expect, inject, it } from 'vitest';
import { rotateEpochCommand } from '@/server/admin/rotate-epoch';
import { announceServer } from '@/server/admin/running-server';
import { openDatabase } from '@/server/db/open';
import { rotateEpoch, rotateEpochIfClusterChanged } from '@/server/sync/epoch';
import { ENTITY_SCHEMAS, type Note, PULL_PAGE_BYTES, type PullResponse, type ReviewRequest } from '@/lib/model';
import { copyMigratedFolder } from '../support/real-server';
import { DATABASE_KINDS, freshDatabase, postgresUrlFor } from './support/databases';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe.each(DATABASE_KINDS)('pull pages, text limits and the epoch on %s', (kind) => {
  const server = serverFor(kind);

  async function recruiterWithProspect() {
    const { team, members } = await teamWith(server.db, ['recruiter', 'sourcer', 'hiring_manager']);
    const client = as(server.app, members[0]!);
    const prospectId = ulid();
    await client.push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } }]);
    return { team, members, client, prospectId };
  }

  /** Every page from `cursor` to the end, as the client would ask for them. */
  async function pages(client: ReturnType<typeof as>, cursor = 0): Promise<PullResponse[]> {
    const all: PullResponse[] = [];
    for (;;) {
      const page = await client.pull(cursor, 5000);
      all.push(page);
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  }

  it('refuses notes made of control characters (the reproduction), and keeps tabs and line breaks', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const res = await client.push([
      ...Array.from({ length: 10 }, (_, i) => ({ name: 'note.add', args: { id: ulid(), prospectId, body: String.fromCharCode(1 + (i % 8)).repeat(10_000), at: 2 } })),
      { name: 'note.add', args: { id: ulid(), prospectId, body: 'line one\r\nline two\tend', at: 3 } },
    ]);
    expect(res.rejected).toHaveLength(10);
    for (const r of res.rejected) expect(r.reason).toMatch(/invisible control character \(U\+000[1-8]\); only tabs and line breaks are allowed/);
    expect(docsOf<Note>(await client.pullAll(), 'note').map((n) => n.body)).toEqual(['line one\nline two\tend']);
  });

  it('caps text in UTF-8 bytes as the device does: 10,000 bytes of Japanese pass, one character more does not', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const res = await client.push([
      { name: 'note.add', args: { id: ulid(), prospectId, body: '語'.repeat(3333), at: 2 } },
      { name: 'note.add', args: { id: ulid(), prospectId, body: '語'.repeat(3334), at: 3 } },
      { name: 'note.add', args: { id: ulid(), prospectId, body: '😀'.repeat(2501), at: 4 } },
    ]);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/is too long: 10,002 bytes, at most 10,000/), expect.stringMatching(/is too long: 10,004 bytes, at most 10,000/)]);
  });

  it('pages many maximum-length multi-byte notes in pages of a bounded size, each row once', async () => {
    const { client, prospectId } = await recruiterWithProspect();
    const ids: string[] = [];
    for (let batch = 0; batch < 14; batch++) {
      const mutations = Array.from({ length: 50 }, (_, i) => {
        const id = ulid();
        ids.push(id);
        return { name: 'note.add', args: { id, prospectId, body: `${'語'.repeat(3330)}${String(batch * 50 + i).padStart(3, '0')}`, at: 10 + i } };
      });
      expect((await client.push(mutations)).rejected).toEqual([]);
    }
    const all = await pages(client);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const page of all) expect(bytesOf(page)).toBeLessThanOrEqual(PULL_PAGE_BYTES);
    const noteIds = all.flatMap((p) => p.rows.filter((r) => r.kind === 'note').map((r) => r.id));
    expect(noteIds).toHaveLength(ids.length);
    expect(new Set(noteIds)).toEqual(new Set(ids));
  });

  it('sends a version bigger than a page alone, then carries on', async () => {
    const { team, client, prospectId } = await recruiterWithProspect();
    const before = (await client.pull()).cursor;
    // A row from before the byte caps (or written by hand): bigger than a whole page.
    const [bumped] = await server.db.query<{ version: number }>('UPDATE teams SET version = version + 1 WHERE id = $1 RETURNING version', [team.id]);
    const huge = { id: ulid(), teamId: team.id, version: Number(bumped!.version), deletedAt: null, prospectId, authorId: ulid(), body: 'x'.repeat(PULL_PAGE_BYTES + 1000), visibility: 'team', mentions: [], createdAt: 1, editedAt: null };
    await server.db.query('INSERT INTO entities (team_id, kind, id, version, doc, bytes) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [team.id, 'note', huge.id, huge.version, JSON.stringify(huge), bytesOf(huge)]);
    await client.push([{ name: 'note.add', args: { id: ulid(), prospectId, body: 'after the big one', at: 5 } }]);
    const first = await client.pull(before);
    expect(first.rows.map((r) => r.id)).toEqual([huge.id]);
    expect(first.more).toBe(true);
    const next = await client.pull(first.cursor);
    expect(docsOf<Note>(next.rows, 'note').map((n) => n.body)).toEqual(['after the big one']);
  });

  it('refuses a mutation whose row no device could read: 205 nudges leave a readable request', async () => {
    const { members } = await teamWith(server.db, ['recruiter', 'hiring_manager']);
    const [recruiter, hm] = members;
    const api = as(server.app, recruiter!);
    const requisitionId = ulid();
    const requestId = ulid();
    const person = ulid();
    await api.push([
      { name: 'requisition.save', args: { id: requisitionId, title: 'Data Engineer', hiringManagerId: hm!.member.id, stages: ['Sourced'], at: 1 } },
      { name: 'prospect.upsert', args: { id: person, identity: identity('nudged-person'), at: 1 } },
      { name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm!.member.id, prospectIds: [person], activityIds: [ulid()], message: '', at: 2 } },
    ]);
    const res = await api.push(Array.from({ length: 205 }, (_, i) => ({ name: 'review.nudge', args: { requestId, at: 100 + i } })));
    expect(res.rejected).toHaveLength(5);
    for (const r of res.rejected) expect(r.reason).toMatch(/^it would leave the review request in a state no device can read \(history: .*200/);
    const request = docsOf<ReviewRequest>(await as(server.app, hm!).pullAll(), 'review_request')[0];
    expect(ENTITY_SCHEMAS.review_request.safeParse(request).success).toBe(true);
    expect(request!.history).toHaveLength(200);
  });

  describe('the sync epoch', () => {
    it('comes with every pull, and changes when an operator rotates it after a restore', async () => {
      const { members } = await teamWith(server.db, ['recruiter']);
      const client = as(server.app, members[0]!);
      const first = await client.pull();
      expect(first.epoch).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.reset).toBe(false);
      expect((await client.pull(first.cursor)).epoch).toBe(first.epoch);
      const rotated = await rotateEpoch(server.db);
      expect(rotated).not.toBe(first.epoch);
      expect((await client.pull(first.cursor)).epoch).toBe(rotated);
    });

    it('tells a client whose cursor is ahead of its team (a restored database) to start again from zero', async () => {
      const { members } = await teamWith(server.db, ['recruiter']);
      const client = as(server.app, members[0]!);
      await client.push([{ name: 'prospect.upsert', args: { id: ulid(), identity: identity(), at: 1 } }]);
      const { cursor } = await client.pull();
      const ahead = await client.pull(cursor + 10);
      expect(ahead).toMatchObject({ rows: [], cursor: 0, reset: true });
      expect((await client.pull(cursor)).reset).toBe(false);
    });

    it('rotates by itself when the database now lives in another cluster (a dump restored elsewhere)', async () => {
      await rotateEpochIfClusterChanged(server.db);
      const [before] = await server.db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch');
      expect(await rotateEpochIfClusterChanged(server.db)).toBe(false);
      // What the restored row says when the dump came from another cluster.
      await server.db.query("UPDATE sync_epoch SET system_identifier = '1234'");
      expect(await rotateEpochIfClusterChanged(server.db)).toBe(true);
      const [after] = await server.db.query<{ epoch: string; system_identifier: string }>('SELECT epoch, system_identifier FROM sync_epoch');
      expect(after!.epoch).not.toBe(before!.epoch);
      expect(after!.system_identifier).not.toBe('1234');
    });
  });
});

describe('npm run -s admin -- rotate-epoch', () => {
  const epochOf = async (config: { databaseUrl?: string; dataDir: string }) => {
    const db = await openDatabase(config);
    try {
      return (await db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch'))[0]!.epoch;
    } finally {
      await db.close();
    }
  };

  it('gives a PGlite folder a new epoch, and refuses while a server holds the folder', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-epoch-'));
    try {
      copyMigratedFolder(dataDir, { tarball: inject('pgliteMigrated') });
      const before = await epochOf({ dataDir });
      expect(await rotateEpochCommand({ dataDir })).toMatch(/^new sync epoch [0-9a-f-]{36}: on their next sync, devices pull the team's data again/);
      expect(await epochOf({ dataDir })).not.toBe(before);
      const gone = announceServer(dataDir, { pid: process.pid, port: 1 });
      await expect(rotateEpochCommand({ dataDir })).rejects.toThrow(/stop the server first/);
      gone();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rotates a Postgres database’s epoch through DATABASE_URL', async () => {
    const db = await freshDatabase('postgres');
    const url = postgresUrlFor((await db.query<{ name: string }>('SELECT current_database() AS name'))[0]!.name);
    const [before] = await db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch');
    await rotateEpochCommand({ databaseUrl: url, dataDir: '/nonexistent' });
    expect((await db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch'))[0]!.epoch).not.toBe(before!.epoch);
    await db.close();
  });
});
