import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { socketOps } from '@/server/admin/commands';
import { adminSocketPath } from '@/server/http/admin-socket';
import { freshDatabase, postgresUrlFor } from './support/databases';
import { type Running, startServerOnCopy } from '../support/real-server';

const SECRET = 'listener-test-secret-0123456789';

/**
 * Finding 14: the admin routes trusted loopback, so behind a reverse proxy on the same host only
 * the secret protected them. They now listen on a socket in the private data folder.
 */
describe('the admin routes listen apart from the public port (a real server)', () => {
  let root: string;
  const running: Running[] = [];
  const start = async (dir: string, extra: Record<string, string> = {}) => {
    const server = await startServerOnCopy({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, TANDEM_ADMIN_SECRET: SECRET, LOG_LEVEL: 'silent', ...extra }, { tarball: inject('pgliteMigrated') });
    running.push(server);
    return server;
  };
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'tandem-adm-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((r) => r.stop({ graceMs: 0 })));
    rmSync(root, { recursive: true, force: true });
  });

  it('the public port answers 404 for /admin/* even from loopback with the secret; the socket does the work', async () => {
    const dir = path.join(root, 'one');
    const server = await start(dir);
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { 'x-tandem-admin-secret': SECRET, 'content-type': 'application/json' };
    const viaPublic = await fetch(`${base}/admin/teams`, { method: 'POST', headers, body: JSON.stringify({ name: 'Through the proxy' }) });
    expect(viaPublic.status).toBe(404);
    expect(await viaPublic.json()).toEqual({ error: 'no route POST /admin/teams' });
    expect((await fetch(`${base}/admin/teams/x/members`, { headers })).status).toBe(404);
    expect(await server.db.query('SELECT id FROM teams')).toEqual([]);

    const socket = adminSocketPath(dir);
    expect(statSync(socket).isSocket()).toBe(true);
    expect((statSync(socket).mode & 0o777).toString(8)).toBe('600');
    const ops = socketOps(socket, SECRET);
    expect(await ops.createTeam('Acme')).toMatchObject({ name: 'Acme' });
    expect((await ops.members('Acme')).members).toEqual([]);
    await expect(socketOps(socket, 'wrong-secret-but-long-enough').members('Acme')).rejects.toThrow(/wrong or missing admin secret/);
  });

  it('removes the socket when it stops, and starts over a stale one a killed server left', async () => {
    const dir = path.join(root, 'two');
    const first = await start(dir);
    await first.stop();
    expect(existsSync(adminSocketPath(dir))).toBe(false);
    writeFileSync(adminSocketPath(dir), '');
    const second = await start(dir);
    expect(await socketOps(adminSocketPath(dir), SECRET).createTeam('Again')).toMatchObject({ name: 'Again' });
    await second.stop();
  });

  it('refuses a second server on one PGlite folder while the first runs', async () => {
    const dir = path.join(root, 'three');
    await start(dir);
    await expect(start(dir)).rejects.toThrow(`another Tandem server is running on ${dir} (its admin socket answers); stop it first`);
  });

  it('on Postgres, processes sharing a folder share one admin socket', async () => {
    const db = await freshDatabase('postgres');
    const [{ name }] = (await db.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
    await db.close();
    const dir = path.join(root, 'four');
    const env = { DATABASE_URL: postgresUrlFor(name) };
    const a = await start(dir, env);
    const b = await start(dir, env);
    expect(await socketOps(adminSocketPath(dir), SECRET).createTeam('Shared')).toMatchObject({ name: 'Shared' });
    expect(await b.db.query("SELECT name FROM teams WHERE name = 'Shared'")).toHaveLength(1);
    await b.stop();
    expect(existsSync(adminSocketPath(dir))).toBe(true);
    await a.stop();
  });

  it('refuses a data folder whose path is too long for a socket, saying what to do', async () => {
    const dir = path.join(root, 'x'.repeat(100));
    mkdirSync(dir, { mode: 0o700 });
    await expect(start(dir)).rejects.toThrow(/too long for the admin socket .*use a shorter TANDEM_DATA_DIR/);
  });
});
