import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { type TandemDB, fromProspectRow, fromStoredRow } from '@/lib/db/database';
import { LOCAL_KEYS, ensureClientId, ensureMe, readMe, readSuppressionSecret, writeSuppressionSecret } from '@/lib/db/local-state';
import { notesFor } from '@/lib/db/queries';
import type { Me, Member, Note, PullRequest, PullResponse } from '@/lib/model';
import { MUTATIONS, activityLog, noteAdd, noteEdit, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { recordVisit } from '@/lib/prospects/record-visit';
import { SignInError, UnsentChangesError, normaliseServerUrl, signIn, signOut } from '@/lib/sync/account';
import { pullAll, pushAll } from '@/lib/sync/engine';
import { readFirstSync } from '@/lib/sync/first-sync';
import { changesForOtherTeams, discardChanges, pendingCount, queuedCount, readHeldChanges, rememberTeamName } from '@/lib/sync/outbox';
import { applyPullPage } from '@/lib/sync/rebase';
import { INITIAL_SYNC_STATE, readSession, readSyncState } from '@/lib/sync/session';
import { COUNTED_UP_TO, rejectionText, syncDisplay, unreadableText } from '@/lib/sync/status';
import { MAX_RETRY_AFTER_MS, OfflineError, RateLimitedError, ServerError, SignedOutError, type SyncTransport, httpTransport, retryAfterMs } from '@/lib/sync/transport';
import { arrived, freshDb, identity, member } from '../../support/db';

const page = (patch: Partial<PullResponse>): PullResponse => ({ rows: [], cursor: 1, more: false, lastMutationId: 0, rejections: [], epoch: 'epoch-1', reset: false, ...patch });

describe('applyPullPage', () => {
  it("rolls back a refused edit of a server row and keeps the server's version", async () => {
    const db = freshDb();
    const ctx = member();
    const prospectId = ulid();
    const noteId = ulid();
    const serverNote: Note = { id: noteId, teamId: 'local', version: 4, deletedAt: null, prospectId, authorId: ctx.me.memberId, body: 'server text', visibility: 'team', mentions: [], createdAt: 1, editedAt: null };
    const serverProspect = { id: prospectId, teamId: 'local', version: 3, deletedAt: null, name: 'Ada', headline: null, company: null, location: null, profiles: [{ site: 'linkedin', key: 'linkedin:ada', url: 'https://www.linkedin.com/in/ada/' }], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 };
    await applyPullPage(db, page({ rows: [{ kind: 'prospect', id: prospectId, version: 3, doc: serverProspect }, { kind: 'note', id: noteId, version: 4, doc: serverNote }], cursor: 4 }), ctx.actor);
    const { mutationId } = await mutate(db, noteEdit, { id: noteId, body: 'my edit' }, ctx);
    expect((await db.notes.get(noteId))?.body).toBe('my edit');
    // The server refused it: nothing new about the note, the mutation acknowledged with a reason.
    await applyPullPage(db, page({ cursor: 4, lastMutationId: mutationId!, rejections: [{ mutationId: mutationId!, name: 'note.edit', reason: 'the note was deleted' }] }), ctx.actor);
    // As the server has it (the stored row also says where its words are listed: lib/db/note-words.ts).
    expect(fromStoredRow('notes', (await db.notes.get(noteId))!)).toEqual(serverNote);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect(await db.rejections.toArray()).toEqual([expect.objectContaining({ mutationId, reason: 'the note was deleted' })]);
    expect(await readSyncState(db)).toMatchObject({ cursor: 4, ackedMutationId: mutationId, rejectionsSince: mutationId });
  });

  it('keeps pending changes on top of what arrives, and drops what a member may no longer see', async () => {
    const db = freshDb();
    const ctx = member();
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'pending' }, ctx);
    const hidden = ulid();
    await arrived(db, 'notes', { id: hidden, teamId: 'local', version: 2, deletedAt: null, prospectId: prospectId!, authorId: ulid(), body: 'was public', visibility: 'team', mentions: [], createdAt: 1, editedAt: null });
    await applyPullPage(db, page({ rows: [{ kind: 'note', id: hidden, version: 9, doc: null }], cursor: 9 }), ctx.actor);
    expect((await notesFor(db, prospectId!, ctx.me.memberId)).map((n) => n.body)).toEqual(['pending']);
    expect(await db.outbox.count()).toBe(2);
    expect(await db.notes.get(hidden)).toBeUndefined();
  });

  it('keeps a pending change whose own rows arrive before the page that acknowledges it, and records no refusal', async () => {
    const db = freshDb();
    const ctx = member();
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    const { mutationId } = await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'inmail' }, at: 5 }, ctx);
    const local = await db.activities.toArray();
    const prospect = fromProspectRow((await db.prospects.get(prospectId!))!);
    const server = (version: number, row: object) => ({ ...row, teamId: 'local', version });
    const rows = [
      { kind: 'prospect' as const, id: prospectId!, version: 1, doc: server(1, prospect) },
      { kind: 'activity' as const, id: local[0]!.id, version: 2, doc: server(2, local[0]!) },
    ];
    // The rows come first (their replay now meets them), the acknowledgement on the last page.
    await applyPullPage(db, page({ rows, cursor: 2, more: true, lastMutationId: mutationId! }), ctx.actor);
    expect(await db.activities.toArray()).toEqual([expect.objectContaining({ id: local[0]!.id, version: 2, kind: 'outreach' })]);
    await applyPullPage(db, page({ cursor: 2, lastMutationId: mutationId! }), ctx.actor);
    expect(await db.activities.toArray()).toEqual([expect.objectContaining({ id: local[0]!.id, version: 2 })]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejections.count()).toBe(0);
  });

  it('ignores a row it cannot read instead of storing it, and says so until a readable version arrives', async () => {
    const db = freshDb();
    const ctx = member();
    const id = ulid();
    const note: Note = { id, teamId: 'local', version: 2, deletedAt: null, prospectId: ulid(), authorId: ulid(), body: 'readable', visibility: 'team', mentions: [], createdAt: 1, editedAt: null };
    await applyPullPage(db, page({ rows: [{ kind: 'note', id, version: 1, doc: { ...note, body: 42 } }] }), ctx.actor);
    expect(await db.notes.count()).toBe(0);
    const { unreadable } = await readSyncState(db);
    expect(unreadable).toEqual([{ kind: 'note', id, version: 1, reason: expect.stringMatching(/^body: /) as unknown }]);
    expect(unreadableText(unreadable)).toBe(
      '1 change from your team could not be read by this version of Tandem and was skipped (note). Update the extension; if it is up to date, tell your team’s admin.',
    );
    await applyPullPage(db, page({ rows: [{ kind: 'note', id, version: 2, doc: note }], cursor: 2 }), ctx.actor);
    expect(fromStoredRow('notes', (await db.notes.get(id))!)).toEqual(note);
    expect((await readSyncState(db)).unreadable).toEqual([]);
  });
});

describe('the server epoch', () => {
  /** A transport that answers pulls from a script, recording the cursors asked for. */
  function scripted(pages: PullResponse[]) {
    const cursors: number[] = [];
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('not in this test')),
      pull: (q) => (cursors.push(q.cursor), Promise.resolve(pages.shift()!)),
    };
    return { transport, cursors };
  }
  const session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: ulid(), teamId: 'local', teamName: 'T', deviceName: 'd', signedInAt: 0 };
  const prospect = (id: string, version: number, name: string) => ({ kind: 'prospect' as const, id, version, doc: { id, teamId: 'local', version, deletedAt: null, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 } });

  it.each([
    ['another epoch', { epoch: 'epoch-2', reset: false }],
    ['a reset (the cursor is ahead of the team)', { epoch: 'epoch-1', reset: true, cursor: 0, more: true }],
  ])('on %s, forgets the team’s rows and pulls from zero, keeping pending changes', async (_what, answer) => {
    const db = freshDb();
    const ctx = member();
    await db.local.put({ key: LOCAL_KEYS.session, value: session });
    const [kept, gone] = [ulid(), ulid()];
    await applyPullPage(db, page({ rows: [prospect(kept, 3, 'Kept'), prospect(gone, 9, 'Written after the backup')], cursor: 9 }), ctx.actor);
    expect(await readSyncState(db)).toMatchObject({ cursor: 9, epoch: 'epoch-1' });
    await mutate(db, noteAdd, { prospectId: kept, body: 'pending' }, ctx);

    const net = scripted([page({ cursor: 9, ...answer }), page({ rows: [prospect(kept, 3, 'Kept')], cursor: 3, epoch: answer.epoch })]);
    await pullAll(db, net.transport, { ...session, memberId: ctx.me.memberId });
    expect(net.cursors).toEqual([9, 0]);
    expect((await db.prospects.toArray()).map((p) => p.name)).toEqual(['Kept']);
    expect((await db.notes.toArray()).map((n) => n.body)).toEqual(['pending']);
    expect(await db.outbox.count()).toBe(1);
    expect(await readSyncState(db)).toMatchObject({ cursor: 3, epoch: answer.epoch });
  });

  it('takes the first epoch it sees without starting over', async () => {
    const db = freshDb();
    const ctx = member();
    await db.local.put({ key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, cursor: 5 } });
    const net = scripted([page({ cursor: 6, epoch: 'epoch-1' })]);
    await pullAll(db, net.transport, { ...session, memberId: ctx.me.memberId });
    expect(net.cursors).toEqual([5]);
    expect(await readSyncState(db)).toMatchObject({ cursor: 6, epoch: 'epoch-1' });
  });
});

describe('pulling page after page', () => {
  const session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0002', memberId: ulid(), teamId: 'local', teamName: 'T', deviceName: 'd', signedInAt: 0 };
  const person = ulid();
  const note = (version: number) => {
    const id = ulid();
    return { kind: 'note' as const, id, version, doc: { id, teamId: 'local', version, deletedAt: null, prospectId: person, authorId: person, body: `note ${version}`, visibility: 'team', mentions: [], createdAt: 1, editedAt: null } };
  };
  /** Three pages of two notes each, served from `cursor` on; records the stored cursor when each is asked for. */
  function threePages(db: TandemDB) {
    const pages = [1, 3, 5].map((v, i) => page({ rows: [note(v), note(v + 1)], cursor: v + 1, more: i < 2 }));
    const asked: { cursor: number; stored: number }[] = [];
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('not in this test')),
      pull: async (q) => {
        asked.push({ cursor: q.cursor, stored: (await readSyncState(db)).cursor });
        return pages.find((p) => p.rows[0]!.version > q.cursor) ?? page({ cursor: q.cursor });
      },
    };
    return { transport, asked };
  }

  it('asks for the next page while the current one is written, and stores every page in order', async () => {
    const db = freshDb();
    const ctx = member();
    const net = threePages(db);
    await pullAll(db, net.transport, { ...session, memberId: ctx.me.memberId });
    // Each next page was asked for before the page before it was written.
    expect(net.asked).toEqual([
      { cursor: 0, stored: 0 },
      { cursor: 2, stored: 0 },
      { cursor: 4, stored: 2 },
    ]);
    expect((await db.notes.toArray()).map((n) => n.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await readSyncState(db)).toMatchObject({ cursor: 6 });
  });

  it('moves the cursor only with a written page: a failed write drops the page asked for ahead, and the next pull resumes', async () => {
    const db = freshDb();
    const ctx = member();
    let failOn: number | null = 3;
    db.notes.hook('creating', (_key, row) => {
      if ((row as { version: number }).version === failOn) throw new Error('the disk is full');
    });
    const net = threePages(db);
    await expect(pullAll(db, net.transport, { ...session, memberId: ctx.me.memberId })).rejects.toThrow('the disk is full');
    expect(await readSyncState(db)).toMatchObject({ cursor: 2 });
    expect((await db.notes.toArray()).map((n) => n.version).sort()).toEqual([1, 2]);
    failOn = null;
    await pullAll(db, net.transport, { ...session, memberId: ctx.me.memberId });
    expect((await db.notes.toArray()).map((n) => n.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await readSyncState(db)).toMatchObject({ cursor: 6 });
  });
});

describe('a first sign-in', () => {
  const session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0003', memberId: ulid(), teamId: 'local', teamName: 'T', deviceName: 'd', signedInAt: 0 };

  it('asks for every page of the recent phase below the version the first page deferred below, the page asked for ahead included', async () => {
    const db = freshDb();
    const ctx = member();
    const asked: PullRequest[] = [];
    // The team moves on while the device writes: each answer says a higher version.
    const answers = [page({ cursor: 3, more: true, head: 10 }), page({ cursor: 6, more: true, head: 12 }), page({ cursor: 10, more: false, head: 14 })];
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('not in this test')),
      pull: (q) => (asked.push(q), Promise.resolve(answers.shift() ?? page({ cursor: q.cursor, head: 14 }))),
    };
    await pullAll(db, transport, { ...session, memberId: ctx.me.memberId });
    const main = asked.filter((q) => q.phase === 'recent');
    expect(main.map((q) => [q.cursor, q.upTo])).toEqual([
      [0, undefined],
      [3, 10],
      [6, 10],
    ]);
    expect(await readFirstSync(db, 'local')).toMatchObject({ phase: 'history', upTo: 10, historyCursor: 0 });
  });
});

describe('the outbox and teams', () => {
  const sessionIn = (teamId: string, memberId: string) => ({ serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId, teamId, teamName: teamId, deviceName: 'd', signedInAt: 0 });
  /** The device signed in to `teamId` as this member (signed out, nothing is queued). */
  const signedInTo = (db: TandemDB, me: Me, teamId: string) =>
    db.local.bulkPut([
      { key: LOCAL_KEYS.me, value: { ...me, teamId } },
      { key: LOCAL_KEYS.session, value: sessionIn(teamId, me.memberId) },
    ]);

  it('tags each queued change with the team of the member who made it, and pushes and replays only the session team’s', async () => {
    const db = freshDb();
    const inA = member();
    inA.me.teamId = 'team-a';
    await signedInTo(db, inA.me, 'team-a');
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'for A', visibility: 'private' });
    expect((await db.outbox.toArray()).map((e) => e.teamId)).toEqual(['team-a', 'team-a']);
    // Now the device is in team B.
    await signedInTo(db, inA.me, 'team-b');
    await mutate(db, prospectUpsert, { identity: identity('someone-in-b') });
    const pushed: number[][] = [];
    const transport: SyncTransport = {
      push: (body) => (pushed.push(body.mutations.map((m) => m.id)), Promise.resolve({ lastMutationId: 3, rejected: [] })),
      pull: () => Promise.resolve(page({ lastMutationId: 3 })),
    };
    await pushAll(db, transport, sessionIn('team-b', inA.me.memberId));
    expect(pushed).toEqual([[3]]);
    await applyPullPage(db, page({ lastMutationId: 3 }), { ...inA.actor, teamId: 'team-b' });
    // A's changes stay queued (the server acknowledged B's up to 3), and were not replayed here.
    expect((await db.outbox.toArray()).map((e) => [e.mutationId, e.teamId])).toEqual([
      [1, 'team-a'],
      [2, 'team-a'],
    ]);
    expect(await db.notes.count()).toBe(0);
    expect(await changesForOtherTeams(db, 'team-b')).toEqual([{ teamId: 'team-a', teamName: null, count: 2 }]);
    expect(await discardChanges(db, 'team-a')).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });

  it('tags a change with the team its mutation ran for, even if the device switched teams meanwhile', async () => {
    const db = freshDb();
    const inA = member();
    inA.me.teamId = 'team-a';
    // The device is in team B by the time a change prepared as a member of A is written.
    await signedInTo(db, inA.me, 'team-b');
    await mutate(db, prospectUpsert, { identity: identity() }, inA);
    expect((await db.outbox.toArray()).map((e) => e.teamId)).toEqual(['team-a']);
  });
});

describe('httpTransport', () => {
  const respond = (status: number, body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status }));
  const query = { clientId: 'client-0001', cursor: 0, limit: 10, since: 0 };
  it.each([
    ['a network failure', () => Promise.reject(new TypeError('fetch failed')), OfflineError, /cannot reach the server/],
    ['a 503', respond(503, { error: 'the database does not answer' }), OfflineError, /the database does not answer/],
    ['a 401', respond(401, { error: 'access for this device was revoked' }), SignedOutError, /revoked/],
    ['a 403', respond(403, { error: 'this client id belongs to another member' }), ServerError, /another member/],
    ['an invalid body', respond(200, { rows: 'nope' }), ServerError, /invalid pull response/],
    ['a 429', () => Promise.resolve(new Response(JSON.stringify({ error: 'slow down' }), { status: 429, headers: { 'retry-after': '30' } })), RateLimitedError, /slow down/],
  ])('classifies %s', async (_what, fetch, kind, message) => {
    const transport = httpTransport({ serverUrl: 'https://t.example/', token: 't', fetch });
    const error = await transport.pull(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  it('reads Retry-After as seconds or a date, within an hour', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 01 Jan 2025 12:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('sends the bearer token and the query', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const transport = httpTransport({
      serverUrl: 'https://t.example/',
      token: 'tok',
      fetch: (url, init) => {
        seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
        return Promise.resolve(new Response(JSON.stringify(page({})), { status: 200 }));
      },
    });
    await transport.pull({ ...query, cursor: 7 });
    expect(seen).toEqual([{ url: 'https://t.example/v1/pull?clientId=client-0001&cursor=7&limit=10&since=0', auth: 'Bearer tok' }]);
  });
});

describe('sign-in', () => {
  it.each([
    ['tandem.acme.com', 'https://tandem.acme.com'],
    [' https://tandem.acme.com/ ', 'https://tandem.acme.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
  ])('normalises %j', (input, url) => expect(normaliseServerUrl(input)).toBe(url));

  it.each([['http://tandem.acme.com'], [''], ['https://']])('refuses %j', (input) => expect(() => normaliseServerUrl(input)).toThrow(SignInError));

  const member0 = { id: ulid(), teamId: ulid(), version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' as const };

  it('becomes the member the server names, keeps pending work, and says why a code fails', async () => {
    const db = freshDb();
    const local = member();
    await db.local.put({ key: LOCAL_KEYS.me, value: local.me });
    await mutate(db, prospectUpsert, { identity: identity() }, local);
    const ok = () => Promise.resolve(new Response(JSON.stringify({ token: 'tok', member: member0, team: { id: member0.teamId, name: 'Acme' } }), { status: 200 }));
    const session = await signIn(db, { serverUrl: 'tandem.acme.example', code: 'abcd', deviceName: 'test', fetch: ok });
    expect(session).toMatchObject({ serverUrl: 'https://tandem.acme.example', token: 'tok', memberId: member0.id, teamId: member0.teamId, teamName: 'Acme' });
    expect(await readMe(db)).toMatchObject({ memberId: member0.id, name: 'Sam Sourcer', role: 'sourcer' });
    expect(await readSyncState(db)).toEqual(INITIAL_SYNC_STATE);
    expect(await db.outbox.count()).toBe(1);

    const used = () => Promise.resolve(new Response(JSON.stringify({ error: 'that invite code was already used; ask your admin for a new one' }), { status: 401 }));
    await expect(signIn(db, { serverUrl: 'tandem.acme.example', code: 'abcd', deviceName: 'test', fetch: used })).rejects.toThrow('already used');
    const down = () => Promise.reject(new TypeError('fetch failed'));
    await expect(signIn(db, { serverUrl: 'tandem.acme.example', code: 'abcd', deviceName: 'test', fetch: down })).rejects.toThrow(/cannot reach https:\/\/tandem.acme.example/);
  });

  it('signs out keeping the data, or wiping it', async () => {
    const db = freshDb();
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: member0.id, teamId: member0.teamId, teamName: 'T', deviceName: 'd', signedInAt: 0 } },
    ]);
    await arrived(db, 'members', member0);
    const calls: string[] = [];
    const fetch = (url: string) => (calls.push(url), Promise.resolve(new Response('{}')));
    await writeSuppressionSecret(db, member0.teamId, 'team-secret');
    await signOut(db, { wipe: false, fetch });
    expect(await readSession(db)).toBeUndefined();
    expect(await db.members.count()).toBe(1);
    expect(await readSuppressionSecret(db, member0.teamId)).toBe('team-secret');
    expect(calls).toEqual(['https://t.example/v1/auth/signout']);
    await signOut(db, { wipe: true, fetch });
    expect(await db.members.count()).toBe(0);
    // The suppression list's secret is the team's, and goes with its data.
    expect(await readSuppressionSecret(db, member0.teamId)).toBeUndefined();
  });
});

describe('signed out of a team', () => {
  const team = { id: ulid(), name: 'Acme' };
  const sam: Member = { id: ulid(), teamId: team.id, version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' };
  const riley: Member = { ...sam, id: ulid(), name: 'Riley Recruiter', email: 'riley@acme.example', role: 'recruiter' };
  const as = (m: Member) => () => Promise.resolve(Response.json({ token: `tok-${m.id}`, member: m, team }));
  const offline = () => Promise.reject(new TypeError('fetch failed'));

  it('refuses to remove the team’s data while changes are unsent, saying how many, unless told to', async () => {
    const db = freshDb();
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(sam) });
    const { result } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: result!, body: 'not sent yet' });
    const refused = await signOut(db, { wipe: true, fetch: offline }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnsentChangesError);
    expect((refused as UnsentChangesError).count).toBe(2);
    expect(await readSession(db)).toBeDefined();
    expect(await db.outbox.count()).toBe(2);
    await signOut(db, { wipe: true, discardUnsent: true, fetch: offline });
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues nothing after removing the team’s data: viewing a profile is not sent later as whoever signs in next', async () => {
    const db = freshDb();
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(sam) });
    await signOut(db, { wipe: true, fetch: offline });
    await recordVisit(db, identity());
    await expect(mutate(db, noteAdd, { prospectId: ulid(), body: 'while signed out' })).rejects.toThrow(/you are signed out: sign in to Acme again to record changes/);
    expect(await db.outbox.count()).toBe(0);
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(riley) });
    expect(await db.outbox.count()).toBe(0);
    // Signed in again, the member's visits are recorded as theirs.
    await recordVisit(db, identity());
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['prospect.upsert', 'activity.log']);
  });

  it('queues nothing after signing out and keeping the data either', async () => {
    const db = freshDb();
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(sam) });
    await signOut(db, { wipe: false, fetch: offline });
    await recordVisit(db, identity());
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps apart, at the next sign-in, what an older version queued while signed out of a team', async () => {
    const db = freshDb();
    await rememberTeamName(db, team.id, team.name);
    const browsed = await ensureMe(db);
    await db.outbox.add({ mutationId: 1, clientId: 'client-0001', teamId: 'local', name: 'activity.log', args: { kind: 'viewed' }, createdAt: 1 });
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(riley) });
    expect(await db.outbox.count()).toBe(0);
    expect(await readHeldChanges(db)).toEqual([expect.objectContaining({ teamId: 'local', memberId: browsed.memberId, changes: [expect.objectContaining({ name: 'activity.log' })] })]);
  });

  it('keeps a member’s unsent changes apart when someone else signs in to the team on this browser', async () => {
    const db = freshDb();
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(sam) });
    const { result } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: result!, body: 'Sam’s note' });
    await signOut(db, { wipe: false, fetch: offline });
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(riley) });
    // Nothing of Sam's is queued for Riley, nor shown as if it existed.
    expect(await db.outbox.count()).toBe(0);
    expect(await db.notes.count()).toBe(0);
    const held = await readHeldChanges(db);
    expect(held).toEqual([expect.objectContaining({ teamId: team.id, memberId: sam.id, memberName: 'Sam Sourcer' })]);
    expect(held[0]!.changes.map((c) => c.name)).toEqual(['prospect.upsert', 'note.add']);
    // Sam signing back in gets his own changes queued again, in order.
    await signOut(db, { wipe: false, fetch: offline });
    await signIn(db, { serverUrl: 'https://t.example', code: 'c', deviceName: 'd', fetch: as(sam) });
    expect((await db.outbox.toArray()).map((e) => [e.name, e.teamId])).toEqual([
      ['prospect.upsert', team.id],
      ['note.add', team.id],
    ]);
    expect(await readHeldChanges(db)).toEqual([]);
  });
});

describe('status line', () => {
  const state = { ...INITIAL_SYNC_STATE, lastSyncedAt: 1 };
  const session = { serverUrl: 'https://t', token: 't', clientId: 'client-0001', memberId: ulid(), teamId: 't', teamName: 'T', deviceName: 'd', signedInAt: 0 };
  it.each([
    [undefined, state, 0, 'local', 'Saved on this device (not connected to a team)'],
    [session, state, 0, 'synced', 'Synced with your team'],
    [session, INITIAL_SYNC_STATE, 0, 'syncing', 'Getting your team’s data…'],
    [session, state, 3, 'pending', '3 changes pending'],
    [session, state, COUNTED_UP_TO, 'pending', '1,000+ changes pending'],
    [session, { ...state, status: 'offline' as const }, 1, 'offline', 'Offline · 1 change pending, will send when back'],
    [session, { ...state, status: 'error' as const, error: 'the server sent an invalid pull response' }, 0, 'error', 'Sync error: the server sent an invalid pull response'],
    [session, { ...state, status: 'signed_out' as const, error: 'access revoked' }, 0, 'signed_out', 'Signed out: access revoked. Sign in again in Options.'],
  ])('%#: %s', (s, st, pending, kind, text) => expect(syncDisplay(s, st, pending)).toEqual({ state: kind, text }));

  it('counts a long queue only as far as it says, reading no further', async () => {
    const db = freshDb();
    const clientId = await ensureClientId(db);
    await db.outbox.bulkAdd(Array.from({ length: 12 }, (_, i) => ({ mutationId: i + 1, clientId, teamId: 't', name: 'note.add', args: {}, createdAt: i })));
    expect(await pendingCount(db, 't', 10)).toBe(10);
    expect(await pendingCount(db, 't')).toBe(12);
    expect(await pendingCount(db, 'another team')).toBe(0);
    expect(await queuedCount(db, 5)).toBe(5);
  });

  it('names a refused change in words', () => {
    expect(rejectionText('note.edit', 'only the author can change a note')).toBe('A note edit was refused and undone: only the author can change a note');
    expect(rejectionText('review.decide', 'this review was reassigned to another reviewer')).toBe('A review decision was refused and undone: this review was reassigned to another reviewer');
  });

  it.each([...MUTATIONS.keys()])('names a refused %s in words, not by its code name', (name) => {
    const text = rejectionText(name, 'the reason');
    expect(text).toMatch(/^[A-Z][a-z -]+ was refused and undone: the reason$/);
    expect(text).not.toContain(name);
  });
});
