import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTeam } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { MIGRATIONS_DIR } from '@/server/db/migrate';
import { openDatabase } from '@/server/db/open';
import { openPostgres } from '@/server/db/postgres';
import { createAdminApp } from '@/server/http/admin-routes';
import { createLogger } from '@/server/log';
import type { RedeemResponse } from '@/lib/model';
import { type Bundle, bundleScript } from '../support/bundled-script';
import { DATABASE_KINDS, postgresUrlFor } from './support/databases';
import { ADMIN_SECRET, type App, type Call, adminAppFor, appFor, call } from './support/server';
import { serverFor } from './support/suite';

const matching = (re: RegExp): unknown => expect.stringMatching(re);

function expectError(res: Call, status: number, about: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: matching(about) });
}

describe.each(DATABASE_KINDS)('admin HTTP routes on %s', (kind) => {
  const server = serverFor(kind);
  let adminApp: ReturnType<typeof adminAppFor>;
  beforeAll(() => {
    adminApp = adminAppFor(server.db);
  });

  const admin = (method: string, route: string, body?: unknown, secret: string | null = ADMIN_SECRET) =>
    call(adminApp, method, `/admin${route}`, { body, headers: secret === null ? {} : { 'x-tandem-admin-secret': secret } });

  it.each<[string, string | null]>([
    ['no secret', null],
    ['an empty secret', ''],
    ['a wrong secret of the same length', ADMIN_SECRET.replace(/.$/, '!')],
    ['a longer secret that starts with the right one', `${ADMIN_SECRET}x`],
    ['the device-token header instead', 'Bearer nope'],
  ])('refuses %s with 401 on every route', async (_what, secret) => {
    const routes: [string, string, unknown][] = [
      ['POST', '/teams', { name: `Refused ${ulid()}` }],
      ['POST', '/teams/x/invites', { email: 'a@b.example', role: 'admin' }],
      ['GET', '/teams/x/members', undefined],
      ['POST', '/teams/x/roles', { email: 'a@b.example', role: 'admin' }],
      ['POST', '/teams/x/names', { email: 'a@b.example', name: 'A' }],
      ['POST', '/teams/x/revoke', { email: 'a@b.example' }],
      ['GET', '/teams/x/devices', undefined],
      ['POST', '/devices/abcd/revoke', undefined],
      ['POST', '/teams/x/webhook', { url: null }],
    ];
    for (const [method, route, body] of routes) expectError(await admin(method, route, body, secret), 401, /admin secret/);
    expect(await server.db.query("SELECT name FROM teams WHERE name LIKE 'Refused %'")).toEqual([]);
  });

  it('does everything with the right secret', async () => {
    const name = `Acme ${ulid()}`;
    const created = await admin('POST', '/teams', { name });
    expect(created).toEqual({ status: 201, body: { id: matching(/^[0-9A-Z]{26}$/), name } });
    const team = encodeURIComponent(name);
    const invited = await admin('POST', `/teams/${team}/invites`, { email: ' Sam@Acme.example ', role: 'sourcer' });
    expect(invited.status).toBe(201);
    const { code } = invited.body as { code: string };
    const redeemed = await call(server.app, 'POST', '/v1/auth/redeem', { body: { code } });
    expect(redeemed.status).toBe(200);
    expect((redeemed.body as RedeemResponse).member).toMatchObject({ email: 'sam@acme.example', role: 'sourcer' });
    const roled = await admin('POST', `/teams/${team}/roles`, { email: 'sam@acme.example', role: 'admin' });
    expect(roled).toMatchObject({ status: 200, body: { email: 'sam@acme.example', role: 'admin' } });
    const renamed = await admin('POST', `/teams/${team}/names`, { email: 'sam@acme.example', name: 'Samuel Okafor' });
    expect(renamed).toMatchObject({ status: 200, body: { email: 'sam@acme.example', name: 'Samuel Okafor', role: 'admin' } });
    const listed = await admin('GET', `/teams/${team}/members`);
    expect(listed).toMatchObject({ status: 200, body: { members: [{ email: 'sam@acme.example', name: 'Samuel Okafor', role: 'admin', status: 'active', devices: 1 }], pendingInvites: [] } });
    const devices = await admin('GET', `/teams/${team}/devices`);
    expect(devices).toMatchObject({ status: 200, body: { devices: [{ email: 'sam@acme.example', name: 'Browser', revokedAt: null }] } });
    expect(await admin('POST', `/teams/${team}/revoke`, { email: 'sam@acme.example' })).toEqual({ status: 200, body: { members: 1, devices: 1, invites: 0 } });
    expectError(await call(server.app, 'GET', '/v1/me', { token: (redeemed.body as RedeemResponse).token }), 401, /revoked/);
    // A short invite, and one device ended by its id.
    const short = await admin('POST', `/teams/${team}/invites`, { email: 'kim@acme.example', role: 'recruiter', expiresInHours: 2 });
    expect(Date.parse((short.body as { expiresAt: string }).expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
    const kim = await call(server.app, 'POST', '/v1/auth/redeem', { body: { code: (short.body as { code: string }).code } });
    const [kimsDevice] = ((await admin('GET', `/teams/${team}/devices`)).body as { devices: { id: string; email: string }[] }).devices.filter((d) => d.email === 'kim@acme.example');
    expect(await admin('POST', `/devices/${kimsDevice!.id.slice(0, 6)}/revoke`)).toEqual({ status: 200, body: { id: kimsDevice!.id, email: 'kim@acme.example', name: 'Browser' } });
    expectError(await call(server.app, 'GET', '/v1/me', { token: (kim.body as RedeemResponse).token }), 401, /revoked/);
  });

  it.each<[string, string, string, unknown, number, RegExp]>([
    ['an unknown team', 'POST', '/teams/No%20Such%20Team/invites', { email: 'a@b.example', role: 'admin' }, 404, /no team “No Such Team”/],
    ['a team with a NUL byte in its name', 'GET', '/teams/x%00y/members', undefined, 404, /no team/],
    ['a bad email', 'POST', '/teams/x/invites', { email: 'not-an-email', role: 'admin' }, 400, /email/],
    ['a bad role', 'POST', '/teams/x/invites', { email: 'a@b.example', role: 'owner' }, 400, /role/],
    ['an empty team name', 'POST', '/teams', { name: '   ' }, 400, /1 to 100 characters/],
    ['a team name with a NUL byte', 'POST', '/teams', { name: 'Acme\u0000' }, 400, /control characters/],
    ['a team name that is not a string', 'POST', '/teams', { name: ['Acme'] }, 400, /name/],
    ['revoking someone unknown', 'POST', '/teams/Acme%20Admin%204xx/revoke', { email: 'nobody@nowhere.example' }, 404, /nobody with the email nobody@nowhere.example in Acme Admin 4xx/],
    ['revoking in an unknown team', 'POST', '/teams/Nope/revoke', { email: 'a@b.example' }, 404, /no team “Nope”/],
    ['renaming someone unknown', 'POST', '/teams/Acme%20Admin%204xx/names', { email: 'nobody@nowhere.example', name: 'N' }, 404, /nobody@nowhere.example is not a member of Acme Admin 4xx/],
    ['an empty name', 'POST', '/teams/Acme%20Admin%204xx/names', { email: 'a@b.example', name: '  ' }, 400, /the name cannot be empty/],
    ['a name with a control character', 'POST', '/teams/Acme%20Admin%204xx/names', { email: 'a@b.example', name: 'A\u0007' }, 400, /the name contains an invisible control character/],
    ['a name that is not a string', 'POST', '/teams/x/names', { email: 'a@b.example', name: 7 }, 400, /name/],
    ['an invite that expires in 0 hours', 'POST', '/teams/x/invites', { email: 'a@b.example', role: 'admin', expiresInHours: 0 }, 400, /expiresInHours/],
    ['an invite that expires in more than a year', 'POST', '/teams/x/invites', { email: 'a@b.example', role: 'admin', expiresInHours: 366 * 24 }, 400, /expiresInHours/],
    ['a device id too short', 'POST', '/devices/ab/revoke', undefined, 400, /at least 4 characters/],
    ['an unknown device', 'POST', '/devices/abcdef/revoke', undefined, 404, /no device with an id starting abcdef/],
    ['an unknown admin route', 'DELETE', '/teams', undefined, 404, /no route/],
  ])('answers %s with a 4xx that says why', async (_what, method, route, body, status, about) => {
    await createTeam(server.db, 'Acme Admin 4xx').catch(() => undefined);
    expectError(await admin(method, route, body), status, about);
  });

  it('refuses a second team of the same name with 409', async () => {
    const name = `Twice ${ulid()}`;
    expect((await admin('POST', '/teams', { name })).status).toBe(201);
    expectError(await admin('POST', '/teams', { name: ` ${name} ` }), 409, /already exists/);
  });

  it('answers creates of one name at the same moment with one 201 and a 409 for each other', async () => {
    const name = `Race ${ulid()}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => admin('POST', '/teams', { name })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, /already exists/);
    expect(await server.db.query('SELECT id FROM teams WHERE name = $1', [name])).toHaveLength(1);
  });

  it('a unique violation a route did not foresee is a 409 that says to try again, not a 500', async () => {
    const clashing: Database = { ...server.db, query: () => Promise.reject(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })) };
    const res = await call(createAdminApp({ db: clashing, log: createLogger('silent'), secret: ADMIN_SECRET }), 'GET', '/admin/teams/x/members', { headers: { 'x-tandem-admin-secret': ADMIN_SECRET } });
    expectError(res, 409, /same moment; try again/);
  });

  it('the public API has no admin routes, whatever the secret (finding 14)', async () => {
    for (const [method, route] of [
      ['POST', '/admin/teams'],
      ['GET', '/admin/teams/x/members'],
      ['POST', '/admin/teams/x/invites'],
    ] as const) {
      expectError(await call(server.app, method, route, { body: method === 'POST' ? { name: 'Public', email: 'a@b.example', role: 'admin' } : undefined, headers: { 'x-tandem-admin-secret': ADMIN_SECRET } }), 404, /no route/);
    }
    expect(await server.db.query("SELECT id FROM teams WHERE name = 'Public'")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The admin CLI as a person runs it: a child process, on a PGlite folder, through a running
// server, and on Postgres.

const TSX = path.resolve('node_modules/.bin/tsx');
/**
 * The CLI bundled (tests/support/bundled-script.ts): `npm run admin` runs it through tsx, whose
 * loader takes about 1.2 s of every call here; one call below still goes through tsx, as a
 * person's does.
 */
let bundle: Bundle;

async function bundleCli() {
  bundle = await bundleScript('server/admin/cli.ts');
  // The migrations are read from beside the module that runs them.
  symlinkSync(MIGRATIONS_DIR, path.join(bundle.dir, 'migrations'));
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child's environment: nothing inherited that could point it elsewhere, then `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { TANDEM_ADMIN_SECRET: _secret, PORT: _port, ...inherited } = process.env;
  return { ...inherited, LOG_LEVEL: 'silent', DATABASE_URL: '', ...extra };
}

function cli(args: string[], env: Record<string, string>, { via = 'bundle' }: { via?: 'bundle' | 'tsx' } = {}): Promise<Run> {
  const [command, script] = via === 'tsx' ? [TSX, 'server/admin/cli.ts'] : [process.execPath, bundle.file];
  return new Promise((resolve) => {
    execFile(command, [script, ...args], { env: childEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs the CLI and expects it to succeed; returns what it printed. */
async function ok(args: string[], env: Record<string, string>): Promise<string> {
  const run = await cli(args, env);
  expect(run, `admin ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
  return run.stdout;
}

const codeIn = (stdout: string) => /\b([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(stdout)?.[1] ?? '';

async function redeemOn(app: App, code: string) {
  const res = await call(app, 'POST', '/v1/auth/redeem', { body: { code, deviceName: 'CLI test' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as RedeemResponse;
}

describe('admin CLI', () => {
  let dir: string;
  let env: { TANDEM_DATA_DIR: string };
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-admin-'));
    env = { TANDEM_DATA_DIR: dir };
    await bundleCli();
  });
  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    bundle?.remove();
  });

  it('without a server, opens the PGlite folder itself; a code it prints redeems once it has exited', { timeout: 180_000 }, async () => {
    // As `npm run admin` runs it.
    expect(await cli(['team', 'create', 'Acme'], env, { via: 'tsx' })).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^created team Acme \([0-9A-Z]{26}\)$/m) as unknown });
    const invited = await ok(['invite', 'Acme', 'Sam@Acme.com', '--role', 'sourcer'], env);
    expect(invited).toMatch(/invite for sam@acme\.com \(sourcer\) to Acme/);
    const code = codeIn(invited);
    expect(code).not.toBe('');

    // The CLI has exited, so the folder is free for the server's app.
    const db = await openDatabase({ dataDir: dir });
    try {
      const { member } = await redeemOn(appFor(db), code);
      expect(member).toMatchObject({ email: 'sam@acme.com', role: 'sourcer', name: 'Sam' });
    } finally {
      await db.close();
    }

    const members = await ok(['members', 'Acme'], env);
    expect(members).toMatch(/^Acme: 1 member\(s\), 0 pending invite\(s\)$/m);
    expect(members).toMatch(/sam@acme\.com\s+Sam\s+sourcer\s+active, 1 device\(s\)/);
    expect(await ok(['role', 'Acme', 'SAM@acme.com', 'recruiter'], env)).toMatch(/^sam@acme\.com is now recruiter$/m);
    expect(await ok(['revoke', 'Acme', 'sam@acme.com'], env)).toMatch(/^revoked sam@acme\.com in Acme: 1 membership\(s\), 1 device\(s\), 0 invite\(s\)$/m);
  });

  it('with a server running on the folder, goes through the server', { timeout: 180_000 }, async () => {
    // One process (node with tsx's loader, not the tsx wrapper), so killing it leaves no orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: childEnv({ ...env, PORT: '0', LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    const logs: Record<string, unknown>[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'listening') resolve(entry.port as number);
        }
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'server.json'), 'utf8'))).toEqual({ pid: expect.any(Number) as unknown, port });
    const base = `http://127.0.0.1:${port}`;

    const code = codeIn(await ok(['invite', 'Acme', 'kim@acme.com', '--role', 'recruiter'], env));
    const res = await fetch(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(res.status).toBe(200);
    const kim = (await res.json()) as RedeemResponse;

    const members = await ok(['members', 'Acme'], env);
    expect(members).toMatch(/^Acme: 2 member\(s\), 0 pending invite\(s\)$/m);
    expect(members).toMatch(/kim@acme\.com\s+Kim\s+recruiter\s+active, 1 device\(s\)/);
    expect(members).toMatch(/sam@acme\.com\s+Sam\s+recruiter\s+revoked/);
    expect(await ok(['role', 'Acme', 'kim@acme.com', 'admin'], env)).toMatch(/kim@acme\.com is now admin/);
    expect(await ok(['rename', 'Acme', 'kim@acme.com', 'Kim Lindqvist'], env)).toMatch(/^kim@acme\.com is now called Kim Lindqvist$/m);
    expect(await ok(['members', 'Acme'], env)).toMatch(/kim@acme\.com\s+Kim Lindqvist\s+admin\s+active, 1 device\(s\)/);
    expect(await ok(['set-webhook', 'Acme', 'https://hooks.slack.com/services/T0/B0/x'], env)).toMatch(/^Acme: new review requests and overdue reviews go to the chat webhook at hooks\.slack\.com$/m);
    expect(await cli(['set-webhook', 'Acme', 'http://hooks.slack.com/services/T0/B0/x'], env)).toMatchObject({ stdout: '', stderr: expect.stringMatching(/the webhook must be an https:\/\/ URL/) as unknown });
    expect(await ok(['set-webhook', 'Acme', 'off'], env)).toMatch(/^Acme: no chat webhook$/m);
    const devices = await ok(['devices', 'Acme'], env);
    expect(devices).toMatch(/^Acme: 2 device\(s\) \(times in UTC\)$/m);
    expect(devices).toMatch(/^ {2}[0-9a-f-]{8} {2}kim@acme\.com\s+Browser\s+created \d{4}-\d\d-\d\d {2}last seen never\s+active$/m);
    expect(devices).toMatch(/^ {2}[0-9a-f-]{8} {2}sam@acme\.com\s+CLI test\s+created \d{4}-\d\d-\d\d {2}last seen never\s+revoked \d{4}-\d\d-\d\d$/m);
    // Her device learns the new name from the server.
    const renamed = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${kim.token}` } });
    expect(((await renamed.json()) as RedeemResponse).member).toMatchObject({ name: 'Kim Lindqvist', role: 'admin' });
    const kimsDevice = /^ {2}([0-9a-f-]{8}) {2}kim@acme\.com/m.exec(devices)![1]!;
    expect(await ok(['revoke-device', kimsDevice], env)).toMatch(new RegExp(`^revoked device ${kimsDevice}[0-9a-f-]{28} \\(Browser, kim@acme\\.com\\)$`, 'm'));
    expect(await ok(['devices', 'Acme'], env)).toMatch(new RegExp(`^ {2}${kimsDevice} {2}kim@acme\\.com.*revoked \\d{4}-`, 'm'));
    expect(await ok(['revoke', 'Acme', 'kim@acme.com'], env)).toMatch(/1 membership\(s\), 0 device\(s\)/);
    const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${kim.token}` } });
    expect(me.status).toBe(401);

    const unknown = await cli(['members', 'Nope'], env);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'admin: no team “Nope”\n' });

    // They went through the server's admin routes (it logs every request).
    const adminCalls = logs.filter((l) => l.msg === 'request' && String(l.path).startsWith('/admin/')).map((l) => `${String(l.method)} ${String(l.path)} ${String(l.status)}`);
    expect(adminCalls).toEqual([
      'POST /admin/teams/Acme/invites 201',
      'GET /admin/teams/Acme/members 200',
      'POST /admin/teams/Acme/roles 200',
      'POST /admin/teams/Acme/names 200',
      'GET /admin/teams/Acme/members 200',
      // set-webhook and set-webhook off; the http:// one was refused before reaching the server.
      'POST /admin/teams/Acme/webhook 200',
      'POST /admin/teams/Acme/webhook 200',
      'GET /admin/teams/Acme/devices 200',
      expect.stringMatching(/^POST \/admin\/devices\/[0-9a-f-]{8}\/revoke 200$/),
      'GET /admin/teams/Acme/devices 200',
      'POST /admin/teams/Acme/revoke 200',
      'GET /admin/teams/Nope/members 404',
    ]);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dir, 'server.json'))).toBe(false);
  });

  it('exits 2 with the usage on usage errors, before touching any database', { timeout: 60_000 }, async () => {
    const nowhere = path.join(dir, 'never-created');
    const runs = await Promise.all(
      [
        [],
        ['team'],
        ['invite', 'Acme', 'sam@acme.com', '--role', 'owner'],
        ['members', 'Acme', '--bogus'],
        ['revoke', 'Acme', 'not-an-email'],
        ['revoke', 'sam@acme.com'],
        ['rename', 'Acme', 'sam@acme.com'],
        ['invite', 'Acme', 'sam@acme.com', '--role', 'sourcer', '--expires', '2w'],
        ['invite', 'Acme', 'sam@acme.com', '--role', 'sourcer', '--expires', '400d'],
        ['frobnicate'],
      ].map(
        async (args) => [args, await cli(args, { TANDEM_DATA_DIR: nowhere })] as const,
      ),
    );
    for (const [args, run] of runs) {
      expect(run.code, `admin ${args.join(' ')}`).toBe(2);
      expect(`${run.stdout}${run.stderr}`, `admin ${args.join(' ')}`).toMatch(/usage: npm run -s admin -- <command>[\s\S]*team create <name>/);
    }
    const messages = runs.map(([, run]) => run.stderr.split('\n')[0]);
    expect(messages).toEqual([
      '',
      'team create <name>',
      '--role must be one of admin, recruiter, sourcer, hiring_manager',
      expect.stringMatching(/--bogus/),
      'not an email address: not-an-email',
      'revoke takes 2 arguments',
      'rename takes 3 arguments',
      '--expires takes days or hours, such as 3d or 12h, up to 365d',
      '--expires takes days or hours, such as 3d or 12h, up to 365d',
      'unknown command frobnicate',
    ]);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('works directly against Postgres with DATABASE_URL', { timeout: 120_000 }, async () => {
    const name = `t_${ulid().toLowerCase()}`;
    const root = openPostgres(inject('postgresUrl'), { max: 1 });
    await root.query(`CREATE DATABASE ${name}`);
    await root.close();
    const url = postgresUrlFor(name);
    const pgEnv = { DATABASE_URL: url, TANDEM_DATA_DIR: path.join(dir, 'unused-by-postgres') };

    expect(await ok(['team', 'create', 'Globex'], pgEnv)).toMatch(/^created team Globex/);
    const [first, second] = await Promise.all([
      ok(['invite', 'Globex', 'hank@globex.com', '--role', 'hiring_manager'], pgEnv),
      ok(['invite', 'Globex', 'lee@globex.com', '--role', 'admin', '--expires', '3d'], pgEnv),
    ]);
    // Until when each code works: 7 days by default, or as asked.
    const until = (out: string) => Date.parse(`${/works once, until (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(out)![1]!.replace(' ', 'T')}Z`);
    const DAY = 86400_000;
    expect(Math.abs(until(first) - (Date.now() + 7 * DAY))).toBeLessThan(5 * 60_000);
    expect(Math.abs(until(second) - (Date.now() + 3 * DAY))).toBeLessThan(5 * 60_000);
    const db = openPostgres(url, { max: 2 });
    try {
      expect((await redeemOn(appFor(db), codeIn(first))).member).toMatchObject({ email: 'hank@globex.com', role: 'hiring_manager' });
    } finally {
      await db.close();
    }
    const members = await ok(['members', 'Globex'], pgEnv);
    // Lee is a member from the invite on (invited), with the invite pending.
    expect(members).toMatch(/^Globex: 2 member\(s\), 1 pending invite\(s\)$/m);
    expect(members).toMatch(/^ {2}lee@globex\.com\s+Lee\s+admin\s+invited$/m);
    expect(members).toMatch(new RegExp(`lee@globex\\.com\\s+admin\\s+invited \\d{4}-\\d\\d-\\d\\d, expires ${new Date(until(second)).toISOString().slice(0, 10)}$`, 'm'));
    expect(codeIn(second)).not.toBe('');
    expect(await ok(['rename', 'Globex', 'lee@globex.com', 'Lee Park'], pgEnv)).toMatch(/^lee@globex\.com is now called Lee Park$/m);
    expect(await cli(['rename', 'Globex', 'lee@globex.com', ' '], pgEnv)).toEqual({ code: 1, stdout: '', stderr: 'admin: the name cannot be empty\n' });
    expect(await ok(['revoke', 'Globex', 'lee@globex.com'], pgEnv)).toMatch(/1 membership\(s\), 0 device\(s\), 1 invite\(s\)/);
    expect(await cli(['invite', 'Initech', 'a@b.com', '--role', 'admin'], pgEnv)).toEqual({ code: 1, stdout: '', stderr: 'admin: no team “Initech”\n' });
    expect(existsSync(pgEnv.TANDEM_DATA_DIR)).toBe(false);
  });
});
