import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { type Running, startServerOnCopy } from '../support/real-server';
import { POKE_CLOSE, type PushResponse, type RedeemResponse } from '@/lib/model';
import { PokeSocket } from './support/poke-socket';

/** Whether a new TCP connection to the port is refused (nothing listens any more). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}


const settledWithin = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms))]);

describe('graceful shutdown (PGlite in a folder)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-shutdown-'));
  });
  const servers: Running[] = [];
  let release = () => undefined as void;
  const start = async () => {
    const running = await startServerOnCopy({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, LOG_LEVEL: 'silent' }, { tarball: inject('pgliteMigrated') });
    servers.push(running);
    return running;
  };
  afterAll(async () => {
    // Stopped already when the tests pass; a failed one must not leave a server holding the folder.
    release();
    await Promise.all(servers.map((s) => s.stop({ graceMs: 0 })));
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections, closes the database and removes server.json', async () => {
    const running = await start();
    const base = `http://127.0.0.1:${running.port}`;
    const announced = path.join(dir, 'server.json');
    expect(JSON.parse(readFileSync(announced, 'utf8'))).toEqual({ pid: process.pid, port: running.port });

    const team = await createTeam(running.db, 'Shutdown');
    const { code } = await invite(running.db, team.id, 'sam@shutdown.example', 'recruiter');
    const redeemed = await fetch(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(redeemed.status).toBe(200);
    const { token } = (await redeemed.json()) as RedeemResponse;

    // Hold the next write transaction at its start, so the push is surely in flight when stop begins.
    const db: Database = running.db;
    const original = db.transaction.bind(db);
    let entered!: () => void;
    const inFlight = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (release = r));
    db.transaction = async (fn) => {
      entered();
      await gate;
      return original(fn);
    };

    const prospectId = ulid();
    const mutations = [
      { id: 1, name: 'prospect.upsert', args: { id: prospectId, identity: { site: 'linkedin', key: 'linkedin:ada', url: 'https://www.linkedin.com/in/ada/', name: 'Ada', headline: null, company: null, location: null }, at: 1 } },
      ...Array.from({ length: 999 }, (_, i) => ({ id: i + 2, name: 'note.add', args: { id: ulid(), prospectId, body: `note ${i}`, at: i + 2 } })),
    ];
    const push = fetch(`${base}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'client-shutdown', mutations }),
    });
    await inFlight;

    const stopping = running.stop();
    expect(running.stop()).toBe(stopping);
    expect(await refused(running.port)).toBe(true);
    expect(await settledWithin(stopping, 300)).toBe(false); // still waiting for the push
    expect(existsSync(announced)).toBe(true);

    release();
    const res = await push;
    expect(res.status).toBe(200);
    expect((await res.json()) as PushResponse).toEqual({ lastMutationId: 1000, rejected: [] });
    db.transaction = original;

    // The connection the push came on is told to close, so it does not hold the server open.
    expect(res.headers.get('connection')).toBe('close');
    const started = performance.now();
    await stopping;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(existsSync(announced)).toBe(false);
    await expect(db.query('SELECT 1')).rejects.toThrow();
  });

  it('after a restart on the folder, has all of the push; a request stuck past the deadline does not hold stop', async () => {
    const running = await start();
    // The push of the test above committed before the database closed.
    const [row] = await running.db.query<{ n: number }>("SELECT count(*)::int AS n FROM entities WHERE kind = 'note'");
    expect(Number(row!.n)).toBe(999);

    // A client that announces a body and never sends it.
    const socket = connect({ port: running.port, host: '127.0.0.1' });
    await new Promise((r) => socket.once('connect', r));
    const socketClosed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    socket.write('POST /v1/auth/redeem HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"co');
    await new Promise((r) => setTimeout(r, 100));

    const started = performance.now();
    const stopping = running.stop({ graceMs: 400 });
    expect(await settledWithin(stopping, 200)).toBe(false);
    await stopping;
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(2000);
    await socketClosed;
    expect(existsSync(path.join(dir, 'server.json'))).toBe(false);
  });

  it('tells connected devices on the poke channel to come back later, and does not wait on them', async () => {
    const running = await start();
    const team = await createTeam(running.db, 'Shutdown pokes');
    const { token } = await redeem(running.db, (await invite(running.db, team.id, 'kim@shutdown.example', 'recruiter')).code, 'kim');
    const devices = await Promise.all([1, 2, 3].map(() => PokeSocket.signedIn(`http://127.0.0.1:${running.port}`, token)));
    // One device's three sockets: the newest holds the channel, the others were replaced.
    const live = devices[2]!;
    expect(running.pokes.size).toBe(1);
    const started = performance.now();
    await running.stop();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await live.closed).toEqual({ code: POKE_CLOSE.goingAway, reason: 'the server is restarting; connect again in a moment' });
    expect(await refused(running.port)).toBe(true);
  });
});
