/**
 * The device's sync engine (lib/sync, on fake-indexeddb) against the real server app, in
 * process: issue 7, findings 2 (push batches capped in bytes, halved on a 413, and a failed push
 * never stops the pull) and 5 (pending changes never leave the team they were written for); issue
 * 13, a first sign-in's two phases.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { TandemDB } from '@/lib/db/database';
import { MAX_PUSH_MUTATIONS, type Note, type Prospect, type PushRequest } from '@/lib/model';
import { noteAdd, noteEdit, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { type Backup, exportBackup } from '@/lib/backup/backup';
import { applyRestore } from '@/lib/backup/restore';
import { planRestore } from '@/lib/backup/restore-plan';
import { signIn, signOut } from '@/lib/sync/account';
import { actorOf, pullAll, syncOnce } from '@/lib/sync/engine';
import { readIndexBacklog } from '@/lib/db/deferred-indexes';
import { notesByWordStart } from '@/lib/db/note-words';
import { matchText } from '@/lib/db/people-search';
import { findProspectByKey } from '@/lib/db/queries';
import { searchPeople } from '@/lib/prospects/page-match';
import { HISTORY_SLICE_MS, firstSyncProgress, pullHistory, readFirstSync } from '@/lib/sync/first-sync';
import { changesForOtherTeams } from '@/lib/sync/outbox';
import { readSession } from '@/lib/sync/session';
import { type Fetch, OfflineError, httpTransport } from '@/lib/sync/transport';
import { createTeam, invite } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { type App, as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const SERVER = 'http://localhost:8787';

/** Requests to the app in process; `proxy` may answer instead, as something in front of the server would. */
function fetchFrom(app: App, proxy?: (url: string, init: RequestInit) => Response | null): Fetch {
  return async (url, init = {}) => proxy?.(url, init) ?? (await app.request(url, init));
}

async function device(app: App, db: Database, teamId: string, email: string, fetch = fetchFrom(app)) {
  const local = new TandemDB(`device-${ulid()}`);
  const { code } = await invite(db, teamId, email, 'recruiter');
  await signIn(local, { serverUrl: SERVER, code, deviceName: 'test', fetch });
  return local;
}

async function sync(local: TandemDB, fetch: Fetch) {
  const session = (await readSession(local))!;
  return syncOnce(local, httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch }));
}

/** ~10,000 bytes of Japanese: a note as large as the schema allows. */
const bigNote = (i: number) => `${'語'.repeat(3330)}${String(i).padStart(3, '0')}`;

describe('the device’s sync engine against the server', () => {
  const server = serverFor('pglite');

  async function teamWithDevice(fetch = fetchFrom(server.app)) {
    const { team, members } = await teamWith(server.db, ['sourcer']);
    const colleague = as(server.app, members[0]!);
    const email = `riley.${ulid().toLowerCase()}@acme.example`;
    const local = await device(server.app, server.db, team.id, email, fetch);
    const { result: prospectId } = await mutate(local, prospectUpsert, { identity: identity('kenji') });
    // A colleague writes about someone meanwhile.
    const theirs = ulid();
    await colleague.push([
      { name: 'prospect.upsert', args: { id: theirs, identity: identity('someone-else'), at: 1 } },
      { name: 'note.add', args: { id: ulid(), prospectId: theirs, body: 'from a colleague', at: 2 } },
    ]);
    return { team, colleague, local, email, prospectId: prospectId! };
  }

  it('sends an outbox larger than the body limit in byte-capped batches, and receives the team’s changes', async () => {
    const requests: number[] = [];
    const fetch = fetchFrom(server.app, (_url, init) => (requests.push(typeof init.body === 'string' ? Buffer.byteLength(init.body) : 0), null));
    const { colleague, local, prospectId } = await teamWithDevice(fetch);
    // 120 notes of ~10 KB: 1.2 MB, over the server's 1 MB body limit in one count-capped batch.
    for (let i = 0; i < 120; i++) await mutate(local, noteAdd, { prospectId, body: bigNote(i) });
    await sync(local, fetch);
    expect(await local.outbox.count()).toBe(0);
    expect(Math.max(...requests)).toBeLessThanOrEqual(512 * 1024);
    const bodies = docsOf<Note>(await colleague.pullAll(), 'note').map((n) => n.body);
    expect(bodies.filter((b) => b.startsWith('語'))).toHaveLength(120);
    expect((await local.notes.toArray()).map((n) => n.body)).toContain('from a colleague');
  });

  it('sends a long outbox in pushes of as many changes as the server takes, one push at a time, in order', async () => {
    const pushes: number[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const fetch: Fetch = async (url, init = {}) => {
      if (!url.endsWith('/v1/push')) return server.app.request(url, init);
      pushes.push((JSON.parse(init.body as string) as PushRequest).mutations.map((m) => m.id));
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await server.app.request(url, init);
      } finally {
        inFlight--;
      }
    };
    const { colleague, local, prospectId } = await teamWithDevice(fetch);
    for (let i = 0; i < 1_200; i++) await mutate(local, noteAdd, { prospectId, body: `note ${i}` });
    await sync(local, fetch);
    // The person and 1,200 notes: a full push and the rest (500 a push before).
    expect(pushes.map((ids) => ids.length)).toEqual([MAX_PUSH_MUTATIONS, 201]);
    const ids = pushes.flat();
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(mostInFlight).toBe(1);
    expect(await local.outbox.count()).toBe(0);
    expect(docsOf<Note>(await colleague.pullAll(), 'note').filter((n) => n.body.startsWith('note '))).toHaveLength(1_200);
  });

  it('halves the batch when something in front of the server has a smaller limit', async () => {
    let refused = 0;
    const proxy = (_url: string, init: RequestInit) => {
      if (typeof init.body !== 'string' || Buffer.byteLength(init.body) <= 100_000) return null;
      refused++;
      return Response.json({ error: 'request entity too large' }, { status: 413 });
    };
    const { colleague, local, prospectId } = await teamWithDevice(fetchFrom(server.app, proxy));
    for (let i = 0; i < 30; i++) await mutate(local, noteAdd, { prospectId, body: bigNote(i) });
    await sync(local, fetchFrom(server.app, proxy));
    expect(refused).toBeGreaterThan(0);
    expect(await local.outbox.count()).toBe(0);
    expect(await local.rejections.count()).toBe(0);
    expect(docsOf<Note>(await colleague.pullAll(), 'note').filter((n) => n.body.startsWith('語'))).toHaveLength(30);
  });

  it('refuses, with a reason, a change too large to send alone, and sends the ones after it', async () => {
    const proxy = (_url: string, init: RequestInit) =>
      typeof init.body === 'string' && Buffer.byteLength(init.body) > 5_000 ? Response.json({ error: 'request entity too large' }, { status: 413 }) : null;
    const { colleague, local, prospectId } = await teamWithDevice(fetchFrom(server.app, proxy));
    const { mutationId } = await mutate(local, noteAdd, { prospectId, body: bigNote(1) });
    await mutate(local, noteAdd, { prospectId, body: 'a short one' });
    await sync(local, fetchFrom(server.app, proxy));
    expect(await local.outbox.count()).toBe(0);
    expect(await local.rejections.toArray()).toEqual([expect.objectContaining({ mutationId, name: 'note.add', reason: expect.stringMatching(/too large to send/) as unknown })]);
    expect(docsOf<Note>(await colleague.pullAll(), 'note').map((n) => n.body).sort()).toEqual(['a short one', 'from a colleague']);
    expect((await local.notes.toArray()).map((n) => n.body).sort()).toEqual(['a short one', 'from a colleague']);
  });

  it('still pulls when the push fails, and reports the failure', async () => {
    const failingPush = (url: string) => (url.endsWith('/v1/push') ? Response.json({ error: 'the database does not answer' }, { status: 503 }) : null);
    const { local, prospectId } = await teamWithDevice(fetchFrom(server.app, failingPush));
    await mutate(local, noteAdd, { prospectId, body: 'mine, not sent yet' });
    await expect(sync(local, fetchFrom(server.app, failingPush))).rejects.toThrow(OfflineError);
    expect((await local.notes.toArray()).map((n) => n.body).sort()).toEqual(['from a colleague', 'mine, not sent yet']);
    expect((await local.outbox.toArray()).map((e) => e.name)).toEqual(['prospect.upsert', 'note.add']);
  });

  describe('restoring an export', () => {
    const notesOnServer = async (teamId: string) =>
      new Map((await server.db.query<{ id: string; doc: Note }>("SELECT id, doc FROM entities WHERE team_id = $1 AND kind = 'note'", [teamId])).map((r) => [r.id, r.doc.body]));
    const restore = async (local: TandemDB, backup: Backup) => applyRestore(local, await planRestore(local, backup), { settings: false });

    it('keeps the team’s newer note and sends only what the server lacks', async () => {
      const fetch = fetchFrom(server.app);
      const email = `sam.${ulid().toLowerCase()}@acme.example`;
      const team = await createTeam(server.db, `Acme ${ulid()}`);
      const first = await device(server.app, server.db, team.id, email);
      const { result: prospectId } = await mutate(first, prospectUpsert, { identity: identity('kenji') });
      const { result: editedId } = await mutate(first, noteAdd, { prospectId: prospectId!, body: 'old text' });
      const { result: lostId } = await mutate(first, noteAdd, { prospectId: prospectId!, body: 'the server will lose this' });
      await sync(first, fetch);
      const file = await exportBackup(first);
      // The server loses a note (its database restored from an older backup)…
      await server.db.query('DELETE FROM entities WHERE team_id = $1 AND id = $2', [team.id, lostId]);
      // …and the member edits the other one on another device.
      const second = await device(server.app, server.db, team.id, email);
      await sync(second, fetch);
      await mutate(second, noteEdit, { id: editedId!, body: 'new text' });
      await sync(second, fetch);

      const third = await device(server.app, server.db, team.id, email);
      await sync(third, fetch);
      const plan = await planRestore(third, file);
      expect(plan.restore.map((r) => r.row.id)).toEqual([lostId]);
      await applyRestore(third, plan, { settings: false });
      await sync(third, fetch);
      expect(await notesOnServer(team.id)).toEqual(new Map([[editedId, 'new text'], [lostId, 'the server will lose this']]));
      expect((await third.notes.get(editedId!))?.body).toBe('new text');
      expect(await third.outbox.count()).toBe(0);
      expect(await third.rejections.count()).toBe(0);
    });

    it('sends changes exported before removing the team’s data, as their member, once signed in again', async () => {
      const pushDown = (url: string) => (url.endsWith('/v1/push') ? Response.json({ error: 'the database does not answer' }, { status: 503 }) : null);
      const { team, local, email, prospectId } = await teamWithDevice(fetchFrom(server.app, pushDown));
      await mutate(local, noteAdd, { prospectId, body: 'written while the server was down' });
      await expect(sync(local, fetchFrom(server.app, pushDown))).rejects.toThrow(OfflineError);
      const me = (await readSession(local))!;
      const file = await exportBackup(local);
      expect(file.unsent.map((u) => [u.memberId, u.changes.length])).toEqual([[me.memberId, 2]]);
      await signOut(local, { wipe: true, discardUnsent: true, fetch: fetchFrom(server.app) });

      const { code } = await invite(server.db, team.id, email, 'recruiter');
      await signIn(local, { serverUrl: SERVER, code, deviceName: 'test', fetch: fetchFrom(server.app) });
      await sync(local, fetchFrom(server.app));
      expect((await restore(local, file)).resent).toEqual({ sent: 2, skipped: [] });
      await sync(local, fetchFrom(server.app));
      const notes = await server.db.query<{ doc: Note }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'note' AND doc->>'body' = $2", [team.id, 'written while the server was down']);
      expect(notes.map((n) => n.doc.authorId)).toEqual([me.memberId]);
      expect(await local.rejections.count()).toBe(0);
    });
  });

  describe('switching teams with changes not yet sent', () => {
    it('never sends one team’s pending changes to another, and sends them when the member is back', async () => {
      const fetch = fetchFrom(server.app);
      const [teamA, teamB] = [await createTeam(server.db, `Acme ${ulid()}`), await createTeam(server.db, `Beta ${ulid()}`)];
      const email = 'sam@both.example';
      const local = await device(server.app, server.db, teamA.id, email);
      // Written in team A while its server was out of reach: a new person, a team note, a private note.
      const { result: prospectId } = await mutate(local, prospectUpsert, { identity: identity('only-in-acme', 'Acme Person') });
      await mutate(local, noteAdd, { prospectId: prospectId!, body: 'Acme team note' });
      await mutate(local, noteAdd, { prospectId: prospectId!, body: 'Acme private note', visibility: 'private' });
      await signOut(local, { wipe: false, fetch });

      const { code } = await invite(server.db, teamB.id, email, 'recruiter');
      await signIn(local, { serverUrl: SERVER, code, deviceName: 'test', fetch });
      await mutate(local, prospectUpsert, { identity: identity('beta-person', 'Beta Person') });
      await sync(local, fetch);

      const inB = await server.db.query<{ kind: string; doc: Prospect | Note }>('SELECT kind, doc FROM entities WHERE team_id = $1 AND kind IN ($2, $3)', [teamB.id, 'prospect', 'note']);
      expect(inB.map((r) => (r.kind === 'prospect' ? (r.doc as Prospect).name : (r.doc as Note).body))).toEqual(['Beta Person']);
      expect(await changesForOtherTeams(local, teamB.id)).toEqual([{ teamId: teamA.id, teamName: teamA.name, count: 3 }]);
      expect((await local.prospects.toArray()).map((p) => p.name)).toEqual(['Beta Person']);
      expect(await local.notes.count()).toBe(0);

      await signOut(local, { wipe: false, fetch });
      const again = await invite(server.db, teamA.id, email, 'recruiter');
      await signIn(local, { serverUrl: SERVER, code: again.code, deviceName: 'test', fetch });
      await sync(local, fetch);
      const inA = await server.db.query<{ kind: string; doc: Prospect | Note; visible_to: string | null }>('SELECT kind, doc, visible_to FROM entities WHERE team_id = $1 AND kind IN ($2, $3) ORDER BY version', [teamA.id, 'prospect', 'note']);
      expect(inA.map((r) => [r.kind === 'prospect' ? (r.doc as Prospect).name : (r.doc as Note).body, r.visible_to !== null])).toEqual([
        ['Acme Person', false],
        ['Acme team note', false],
        ['Acme private note', true],
      ]);
      expect(await local.outbox.count()).toBe(0);
      expect(await changesForOtherTeams(local, teamA.id)).toEqual([]);
      expect((await local.notes.toArray()).map((n) => n.body).sort()).toEqual(['Acme private note', 'Acme team note']);
    });
  });
  /** A team whose recruiter has recorded Kenji Sato, and a time inside a first sign-in's recent window. */
  async function teamWithKenji() {
    const { team, members } = await teamWith(server.db, ['recruiter']);
    const colleague = as(server.app, members[0]!);
    const person = ulid();
    await colleague.push([{ name: 'prospect.upsert', args: { id: person, identity: identity('kenji', 'Kenji Sato'), at: 1 } }]);
    return { team, colleague, person, recent: Date.now() - 60_000 };
  }

  it('leaves the search words of people and lastActivity out of a first sign-in\'s recent phase of several pages, and makes them once usable, before older history', async () => {
    const { team, colleague, person, recent } = await teamWithKenji();
    await colleague.push([
      { name: 'note.add', args: { id: ulid(), prospectId: person, body: 'A cobol veteran', at: 5 } },
      { name: 'note.add', args: { id: ulid(), prospectId: person, body: 'Met at the fortran meetup', at: recent } },
      { name: 'activity.log', args: { id: ulid(), prospectId: person, kind: 'outreach', data: { channel: 'email' }, at: recent } },
    ]);
    // Recent notes enough for the recent phase to take more than one page.
    for (let batch = 0; batch < 5; batch++) {
      await colleague.push(Array.from({ length: 50 }, (_, i) => ({ name: 'note.add', args: { id: ulid(), prospectId: person, body: bigNote(batch * 50 + i), at: recent } })));
    }
    const opened: { db?: TandemDB } = {};
    const backlogAtHistory: unknown[] = [];
    const fetch: Fetch = async (url, init = {}) => {
      if (new URL(url).searchParams.get('phase') === 'history') backlogAtHistory.push(await readIndexBacklog(opened.db!));
      return server.app.request(url, init);
    };
    const local = (opened.db = await device(server.app, server.db, team.id, `riley.${ulid().toLowerCase()}@acme.example`, fetch));
    const session = (await readSession(local))!;

    // The recent phase (usable): every person, matched on a page as the sidebar matches them, but not yet found by their words.
    await pullAll(local, httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch }), session);
    expect(await readFirstSync(local, team.id)).toMatchObject({ phase: 'history' });
    expect((await findProspectByKey(local, 'linkedin:kenji'))?.id).toBe(person);
    expect((await local.prospects.get(person))?.nameKey).toBe('kenji sato');
    expect(await searchPeople(local, 'sato')).toEqual([]);
    expect((await local.prospects.get(person))?.searchWords).toBeUndefined();
    // A note's words cost a few rows a page (lib/db/note-words.ts): written with it.
    expect(await notesByWordStart(local, 'fortran')).toHaveLength(1);
    // Nor is `lastActivity` kept per page: it is rebuilt once, first thing after.
    expect(await local.activities.count()).toBe(1);
    expect(await local.lastActivity.count()).toBe(0);
    expect(await readIndexBacklog(local)).toEqual({ table: 'lastActivity', after: null });

    // The rounds after: `lastActivity` and the words first, then the older history (with its words).
    while ((await sync(local, fetch)).historyLeft);
    expect(backlogAtHistory.length).toBeGreaterThan(0);
    expect(backlogAtHistory.every((b) => b === undefined)).toBe(true);
    expect(await readIndexBacklog(local)).toBeUndefined();
    expect(await readFirstSync(local, team.id)).toBeUndefined();
    for (const word of ['analy', 'kenji', 'fortran', 'cobol']) expect(await matchText(local, session.memberId, word)).toEqual(new Set([person]));
    expect((await searchPeople(local, 'sato')).map((p) => p.id)).toEqual([person]);
    expect(await local.lastActivity.get(person)).toEqual({ prospectId: person, at: recent });
    local.close();
  });

  it('writes the people\'s search words and lastActivity with a recent phase that is all one page: nothing is left for the walk', async () => {
    const { team, colleague, person, recent } = await teamWithKenji();
    await colleague.push([{ name: 'activity.log', args: { id: ulid(), prospectId: person, kind: 'outreach', data: { channel: 'email' }, at: recent } }]);
    const local = await device(server.app, server.db, team.id, `riley.${ulid().toLowerCase()}@acme.example`);
    const session = (await readSession(local))!;
    await pullAll(local, httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch: fetchFrom(server.app) }), session);
    expect(await readFirstSync(local, team.id)).toMatchObject({ phase: 'history' });
    expect(await readIndexBacklog(local)).toBeUndefined();
    expect((await searchPeople(local, 'sato')).map((p) => p.id)).toEqual([person]);
    expect(await local.lastActivity.get(person)).toEqual({ prospectId: person, at: recent });
    local.close();
  });

  it('leaves lastActivity out of older history\'s pages, and its last page has the walk make it again, exactly', async () => {
    const { team, colleague, person, recent } = await teamWithKenji();
    const other = ulid();
    await colleague.push([
      { name: 'prospect.upsert', args: { id: other, identity: identity('ines', 'Ines Ito'), at: 1 } },
      { name: 'activity.log', args: { id: ulid(), prospectId: person, kind: 'outreach', data: { channel: 'email' }, at: recent } },
      { name: 'activity.log', args: { id: ulid(), prospectId: person, kind: 'outreach', data: { channel: 'email' }, at: 7 } },
      { name: 'activity.log', args: { id: ulid(), prospectId: other, kind: 'outreach', data: { channel: 'email' }, at: 6 } },
    ]);
    const local = await device(server.app, server.db, team.id, `riley.${ulid().toLowerCase()}@acme.example`);
    while ((await readFirstSync(local, team.id)) !== undefined || (await local.activities.count()) === 0) await sync(local, fetchFrom(server.app));
    // The round that wrote the last history page: Ines's only activity (older history) is stored,
    // her lastActivity not yet; the walk is noted to make it.
    expect(await local.activities.count()).toBe(3);
    expect(await local.lastActivity.get(other)).toBeUndefined();
    expect(await readIndexBacklog(local)).toEqual({ table: 'lastActivity', after: null });
    while ((await sync(local, fetchFrom(server.app))).historyLeft);
    expect(await readIndexBacklog(local)).toBeUndefined();
    expect(await local.lastActivity.toArray()).toEqual(expect.arrayContaining([{ prospectId: person, at: recent }, { prospectId: other, at: 6 }]));
    expect(await local.lastActivity.count()).toBe(2);
    local.close();
  });

  it('asks for the next page of older history as a slice ends, and the next slice uses it unless the main pull wrote something since', async () => {
    const { team, colleague, person } = await teamWithKenji();
    for (let batch = 0; batch < 9; batch++) {
      await colleague.push(Array.from({ length: 50 }, (_, i) => ({ name: 'note.add', args: { id: ulid(), prospectId: person, body: bigNote(batch * 50 + i), at: 10 + batch * 50 + i } })));
    }
    const historyCursors: number[] = [];
    const fetch: Fetch = async (url, init = {}) => {
      const q = new URL(url).searchParams;
      if (q.get('phase') === 'history') historyCursors.push(Number(q.get('cursor')));
      return server.app.request(url, init);
    };
    const local = await device(server.app, server.db, team.id, `riley.${ulid().toLowerCase()}@acme.example`, fetch);
    const session = (await readSession(local))!;
    const transport = httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch });
    await pullAll(local, transport, session);
    // Every slice is over after its first page.
    let clock = 0;
    const slice = () => pullHistory(local, transport, session, actorOf(session, 'recruiter'), () => (clock += HISTORY_SLICE_MS));
    expect(await slice()).toBe(true);
    expect(historyCursors).toHaveLength(2);
    expect(await slice()).toBe(true);
    // The second slice wrote the page asked for ahead, and asked for the third.
    expect(historyCursors).toHaveLength(3);
    // The main pull writes a change: the page asked for ahead may not follow on, and is asked for again.
    await colleague.push([{ name: 'note.add', args: { id: ulid(), prospectId: person, body: 'Written during history', at: Date.now() } }]);
    await pullAll(local, transport, session);
    // (The third page is the last: nothing is asked for after it.)
    expect(await slice()).toBe(false);
    expect(historyCursors).toHaveLength(4);
    expect(historyCursors[3]).toBe(historyCursors[2]);
    expect(await readFirstSync(local, team.id)).toBeUndefined();
    expect(await local.notes.count()).toBe(451);
    local.close();
  });

  // Issue 13, first sign-in to a large team (docs/sync.md): usable after the recent phase, older
  // history resumed from its own cursor after the worker restarts, the end state the server's.
  it('is usable after the recent phase, and resumes older history from its cursor after a restart', async () => {
    const { team, colleague, person, recent } = await teamWithKenji();
    await colleague.push([{ name: 'prospect.setDoNotContact', args: { prospectId: person, activityId: ulid(), reason: 'asked us to stop', at: 2 } }]);
    const oldNotes: string[] = [];
    for (let batch = 0; batch < 9; batch++) {
      const ids = Array.from({ length: 50 }, () => ulid());
      oldNotes.push(...ids);
      await colleague.push(ids.map((id, i) => ({ name: 'note.add', args: { id, prospectId: person, body: bigNote(batch * 50 + i), at: 10 + batch * 50 + i } })));
    }
    await colleague.push([
      { name: 'note.add', args: { id: ulid(), prospectId: person, body: 'Recent note', at: recent } },
      { name: 'activity.log', args: { id: ulid(), prospectId: person, kind: 'outreach', data: { channel: 'email' }, at: recent } },
    ]);

    // The device; history requests fail while `historyFails` says so, and their cursors are recorded.
    let historyFails = [true];
    const historyCursors: number[] = [];
    const fetch: Fetch = async (url, init = {}) => {
      const q = new URL(url).searchParams;
      if (q.get('phase') === 'history') {
        historyCursors.push(Number(q.get('cursor')));
        if (historyFails.shift()) return new Response(JSON.stringify({ error: 'down for a moment' }), { status: 503 });
      }
      return server.app.request(url, init);
    };
    let local = await device(server.app, server.db, team.id, `riley.${ulid().toLowerCase()}@acme.example`, fetch);

    // Usable: the person, their do-not-contact and recent history; none of the older notes yet.
    await expect(sync(local, fetch)).rejects.toThrow(/down for a moment/);
    expect((await local.prospects.get(person))?.doNotContact).toMatchObject({ reason: 'asked us to stop' });
    expect((await local.notes.toArray()).map((n) => n.body)).toEqual(['Recent note']);
    // The mark is on the person; the feed entry that reports it (dated 2) is older history.
    expect((await local.activities.toArray()).map((a) => a.kind)).toEqual(['outreach']);
    expect(await readFirstSync(local, team.id)).toMatchObject({ phase: 'history', historyCursor: 0 });
    expect((await readFirstSync(local, team.id))?.usableAt).toBeGreaterThan(0);
    expect(await firstSyncProgress(local, team.id)).toEqual({ phase: 'history', olderThan: (await readFirstSync(local, team.id))!.olderThan, done: 0 });

    // One history page arrives, then the worker stops (the next request fails and the database is reopened).
    historyFails = [false, true];
    await expect(sync(local, fetch)).rejects.toThrow(/down for a moment/);
    const stopped = (await readFirstSync(local, team.id))!;
    expect(stopped.historyCursor).toBeGreaterThan(0);
    const arrivedBefore = await local.notes.count();
    expect(arrivedBefore).toBeGreaterThan(1);
    expect(arrivedBefore).toBeLessThan(oldNotes.length);
    const progress = (await firstSyncProgress(local, team.id))!;
    expect(progress.done).toBeGreaterThan(0);
    expect(progress.done).toBeLessThan(1);
    local.close();
    local = new TandemDB(local.name);

    // Meanwhile: a note the device has is deleted, one it has not yet is edited, and a new one is written.
    const received = new Set((await local.notes.toArray()).map((n) => n.id));
    const had = oldNotes.find((id) => received.has(id))!;
    const notYet = oldNotes.findLast((id) => !received.has(id))!;
    await colleague.push([
      { name: 'note.delete', args: { id: had, at: recent + 1 } },
      { name: 'note.edit', args: { id: notYet, body: 'Edited while history arrived', at: recent + 2 } },
      { name: 'note.add', args: { id: ulid(), prospectId: person, body: 'Written during history', at: recent + 3 } },
    ]);
    historyCursors.length = 0;
    while ((await sync(local, fetch)).historyLeft);
    // It went on from the stored cursor, not from the start.
    expect(historyCursors[0]).toBe(stopped.historyCursor);
    expect(await readFirstSync(local, team.id)).toBeUndefined();
    expect(await firstSyncProgress(local, team.id)).toBeUndefined();

    const serverNotes = docsOf<Note>(await colleague.pullAll(), 'note');
    const deviceNotes = await local.notes.toArray();
    const byId = (notes: { id: string; body: string; deletedAt: number | null }[]) => new Map(notes.map((n) => [n.id, `${n.body.slice(-40)}|${n.deletedAt === null}`]));
    expect(byId(deviceNotes)).toEqual(byId(serverNotes));
    expect(deviceNotes.find((n) => n.id === notYet)?.body).toBe('Edited while history arrived');
    expect(deviceNotes.find((n) => n.id === had)?.deletedAt).not.toBeNull();
    local.close();
  });
});
