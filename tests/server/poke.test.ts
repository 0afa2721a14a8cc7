/**
 * The poke channel (issue 8, point 7): the server tells each connected device that its team has
 * a new version, so the device pulls at once instead of waiting for its 30 s alarm. Real HTTP
 * and WebSockets on loopback, on PGlite and on Postgres (each with its own LISTEN/NOTIFY).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ulid } from 'ulidx';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '@/server/auth/devices';
import { revoke, setRole } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { createApp } from '@/server/http/app';
import { type RateLimitConfig, rateLimits } from '@/server/http/rate-limits';
import { createLogger } from '@/server/log';
import { PokeHub } from '@/server/poke/poke-hub';
import { POKE_CLOSE, POKE_PATH } from '@/lib/model';
import { DATABASE_KINDS, freshDatabase } from './support/databases';
import { PokeSocket } from './support/poke-socket';
import { type SignedIn, identity, teamWith } from './support/server';

const OFF: RateLimitConfig = { pushPerMin: 0, pullPerMin: 0, redeemPerMin: 0, badTokenPerMin: 0, trustProxy: false };

/** The public app and the poke hub on a loopback port, wired as server/main.ts wires them. */
async function pokeServer(db: Database, { limits = OFF, ...hubOptions }: { limits?: RateLimitConfig; intervalMs?: number; helloTimeoutMs?: number; silenceMs?: number } = {}) {
  const log = createLogger('silent');
  const made = rateLimits(limits);
  const hub = new PokeHub({ db, log, badTokens: made.badTokenGuard, ...hubOptions });
  await hub.start();
  const server = serve({ fetch: createApp({ db, log, limits: made }).fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hub,
    async close() {
      await hub.close({ graceMs: 100 });
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type PokeServer = Awaited<ReturnType<typeof pokeServer>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)('the poke channel on %s', (kind) => {
  let db: Database;
  let server: PokeServer;
  const sockets: PokeSocket[] = [];
  // Pinging like a device, well within the silence limit.
  const open = async (who: SignedIn, { pingEveryMs = 150 } = {}) => {
    const socket = await PokeSocket.signedIn(server.url, who.token, { pingEveryMs });
    sockets.push(socket);
    return socket;
  };
  let nextMutation = 1;
  const addNote = async (who: SignedIn, prospectId: string) => {
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: who.clientId, mutations: [{ id: nextMutation++, name: 'note.add', args: { id: ulid(), prospectId, body: 'Prefers email', at: 1 } }] }),
    });
    expect(res.status).toBe(200);
  };
  const teamVersion = async (teamId: string) => Number((await db.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [teamId]))[0]!.version);

  beforeAll(async () => {
    db = await freshDatabase(kind);
    server = await pokeServer(db, { helloTimeoutMs: 300, silenceMs: 600 });
  });
  afterEach(async () => {
    const closing = sockets.splice(0);
    for (const s of closing) s.close();
    await Promise.all(closing.map((s) => s.closed));
    // The server hears each close a moment after the client: the next test starts from none.
    await expect.poll(() => server.hub.size).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  /** A team of `roles`, with one person on record, pushed by its first member. */
  async function team(roles: Parameters<typeof teamWith>[1] = ['recruiter', 'sourcer']) {
    const made = await teamWith(db, roles);
    const prospectId = ulid();
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${made.members[0]!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: made.members[0]!.clientId, mutations: [{ id: nextMutation++, name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } }] }),
    });
    expect(res.status).toBe(200);
    return { ...made, prospectId };
  }

  it("pokes every device of the team that changed, with its version and nothing else, and no other team's", async () => {
    const a = await team();
    const b = await team(['recruiter']);
    const [writer, teammate] = a.members as [SignedIn, SignedIn];
    const [mine, theirs, otherTeam] = await Promise.all([open(writer), open(teammate), open(b.members[0]!)]);
    expect(theirs.of('ready')).toEqual([{ type: 'ready', version: await teamVersion(a.team.id) }]);

    await addNote(writer, a.prospectId);
    const version = await teamVersion(a.team.id);
    expect(await theirs.next('poke', { count: 1 })).toEqual({ type: 'poke', version });
    expect(await mine.next('poke', { count: 1 })).toEqual({ type: 'poke', version });
    await sleep(300);
    expect(otherTeam.of('poke')).toEqual([]);

    // Any write that moves the team's version pokes, not only pushes: here an admin's role change.
    await setRole(db, a.team.id, teammate.member.email, 'hiring_manager');
    expect((await theirs.next('poke', { count: 2 })).version).toBe(await teamVersion(a.team.id));
  });

  it('coalesces a burst of writes into a few pokes that end with the latest version', async () => {
    const a = await team();
    const [writer, teammate] = a.members as [SignedIn, SignedIn];
    const theirs = await open(teammate);
    const started = performance.now();
    for (let i = 0; i < 25; i++) await addNote(writer, a.prospectId);
    const burstMs = performance.now() - started;
    const version = await teamVersion(a.team.id);
    await sleep(700);
    const pokes = theirs.of('poke');
    // The first at once, then at most one per 500 ms interval.
    expect(pokes.length).toBeGreaterThanOrEqual(1);
    expect(pokes.length).toBeLessThanOrEqual(Math.ceil(burstMs / 500) + 1);
    expect(pokes.length).toBeLessThan(25);
    expect(pokes.at(-1)).toEqual({ type: 'poke', version });
  });

  it('needs a valid device token in the first message; the URL and headers carry none', async () => {
    const a = await team(['recruiter']);
    // Wrong token.
    const wrong = new PokeSocket(server.url);
    await wrong.opened;
    wrong.send({ type: 'hello', token: 'not-a-token' });
    expect(await wrong.closed).toMatchObject({ code: POKE_CLOSE.signedOut, reason: 'this device is not signed in (unknown token); sign in again with a new invite code' });
    // Anything before hello.
    const early = new PokeSocket(server.url);
    await early.opened;
    early.send({ type: 'ping' });
    expect((await early.closed).code).toBe(POKE_CLOSE.badMessage);
    // Not a message at all.
    const garbage = new PokeSocket(server.url);
    await garbage.opened;
    garbage.send('{"type":"hello"');
    expect((await garbage.closed).code).toBe(POKE_CLOSE.badMessage);
    // Nothing said: closed after the hello timeout (300 ms here).
    const silent = new PokeSocket(server.url);
    await silent.opened;
    expect((await silent.closed).code).toBe(POKE_CLOSE.helloTimeout);
    // A bearer header does not stand in for the hello: the channel reads only the message.
    const header = new PokeSocket(server.url, { headers: { authorization: `Bearer ${a.members[0]!.token}` } });
    await header.opened;
    expect((await header.closed).code).toBe(POKE_CLOSE.helloTimeout);
    for (const s of [wrong, early, garbage, silent, header]) expect(s.of('poke')).toEqual([]);

    // A plain GET is told what the channel is; a web page's origin is refused; other paths are not a WebSocket.
    const plain = await fetch(`${server.url}${POKE_PATH}`);
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as { error: string }).error).toMatch(/WebSocket/);
    await expect(new PokeSocket(server.url, { headers: { origin: 'https://www.linkedin.com' } }).opened).rejects.toMatchObject({ status: 403 });
    const extension = new PokeSocket(server.url, { headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    await extension.opened;
    extension.close();
  });

  it('answers pings, and drops a connection that falls silent', async () => {
    const a = await team(['recruiter']);
    const socket = await open(a.members[0]!, { pingEveryMs: 0 });
    socket.send({ type: 'ping' });
    await socket.next('pong');
    // No ping for longer than the silence limit (600 ms here): cut without a goodbye.
    expect((await socket.closed).code).toBe(1006);
    await expect.poll(() => server.hub.size).toBe(0);
  });

  it('closes the connection when the device signs out, and when an admin revokes the device or the member', async () => {
    const a = await team(['recruiter', 'sourcer', 'sourcer']);
    const [signsOut, revokedDevice, revokedMember] = a.members as [SignedIn, SignedIn, SignedIn];
    const sockets = await Promise.all([open(signsOut), open(revokedDevice), open(revokedMember)]);

    const res = await fetch(`${server.url}/v1/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${signsOut.token}` } });
    expect(res.status).toBe(200);
    expect(await sockets[0].closed).toEqual({ code: POKE_CLOSE.signedOut, reason: 'this device was signed out or its access was revoked; sign in again' });

    const [device] = await db.query<{ id: string }>('SELECT d.id FROM devices d WHERE d.member_id = $1', [revokedDevice.member.id]);
    await revokeDevice(db, device!.id);
    expect((await sockets[1].closed).code).toBe(POKE_CLOSE.signedOut);

    await revoke(db, a.team.id, revokedMember.member.email);
    expect((await sockets[2].closed).code).toBe(POKE_CLOSE.signedOut);

    // And the token no longer opens one.
    const again = new PokeSocket(server.url);
    await again.opened;
    again.send({ type: 'hello', token: revokedDevice.token });
    expect(await again.closed).toEqual({ code: POKE_CLOSE.signedOut, reason: 'access for this device was revoked; ask your admin for a new invite code' });
  });

  it("a device's newer connection replaces its older one", async () => {
    const a = await team(['recruiter']);
    const older = await open(a.members[0]!);
    const newer = await open(a.members[0]!);
    expect((await older.closed).code).toBe(POKE_CLOSE.replaced);
    await expect.poll(() => server.hub.size).toBe(1);
    await addNote(a.members[0]!, a.prospectId);
    const version = await teamVersion(a.team.id);
    // The team's first push may still be on its way (NOTIFY is asynchronous) and reach either
    // connection: what matters is who hears the note.
    await expect.poll(() => newer.of('poke').some((p) => p.version >= version)).toBe(true);
    expect(older.of('poke').filter((p) => p.version >= version)).toEqual([]);
  });
});

describe('the poke channel and the wrong-token limit', () => {
  let db: Database;
  let server: PokeServer;
  beforeAll(async () => {
    db = await freshDatabase('pglite');
    server = await pokeServer(db, { limits: { ...OFF, badTokenPerMin: 2 } });
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('counts wrong tokens with the HTTP routes, and refuses the address before upgrading once over', async () => {
    const wrong = new PokeSocket(server.url);
    await wrong.opened;
    wrong.send({ type: 'hello', token: 'guess-1' });
    expect((await wrong.closed).code).toBe(POKE_CLOSE.signedOut);
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer guess-2' } })).status).toBe(401);
    const refused = await new PokeSocket(server.url).opened.then(
      () => null,
      (e: { status: number; headers: Record<string, string> }) => e,
    );
    expect(refused?.status).toBe(429);
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer guess-3' } })).status).toBe(429);
  });
});
