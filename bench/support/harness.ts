// Shared plumbing of the sync benchmarks: JSON output, clean-up that runs even on failure or
// Ctrl-C, the Tandem server as a child process on a free port, teams and devices.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';
import { ulid } from 'ulidx';
import { socketOps } from '@/server/admin/commands';
import { adminSocketPath } from '@/server/http/admin-socket';
import { TandemDB } from '@/lib/db/database';
import { startCluster } from '../../tests/server/support/postgres-cluster';
import { type Me, RedeemResponse, type Role } from '@/lib/model';
import type { Session } from '@/lib/sync/session';
import type { SyncTransport } from '@/lib/sync/transport';
import { signInDevice } from './bench-device';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `contents` (a module whose imports resolve from ROOT) bundled and minified for a page, as the extension's code is: the text to add as a script. */
export async function pageBundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome116',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** `entry` (under ROOT) bundled as `<name>.js` into an extension folder, with `<name>.html` loading it. */
export async function addBenchPage(extensionDir: string, entry: string, name: string, title: string) {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: path.join(extensionDir, `${name}.js`),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    charset: 'ascii',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  writeFileSync(path.join(extensionDir, `${name}.html`), `<!doctype html><meta charset="utf-8"><title>${title}</title><script src="${name}.js"></script>\n`);
}

export const out = (o: object) => console.log(JSON.stringify(o));
export const round = (n: number) => Math.round(n * 10) / 10;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
/** The p-th percentile (nearest rank) of `xs`; NaN when empty. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
/** The 1-minute load average: context for the figures, since other work shares the machine. */
export const load1 = () => +loadavg()[0]!.toFixed(2);

// ---------------------------------------------------------------------------------------------
// Clean-up: async steps run in reverse order at the end of `runBench`; the synchronous part
// (kill children, delete temp dirs) also runs on an abrupt exit or a signal.

type Cleanup = { async: () => Promise<void> | void; sync?: () => void; done: boolean };
const cleanups: Cleanup[] = [];

/** Registers a clean-up step; returns a function that runs it now (once). */
export function onCleanup(async: () => Promise<void> | void, sync?: () => void): () => Promise<void> {
  const entry: Cleanup = { async, sync, done: false };
  cleanups.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    await entry.async();
  };
}

async function runCleanups() {
  for (const c of [...cleanups].reverse()) {
    if (c.done) continue;
    c.done = true;
    try {
      await c.async();
    } catch (e) {
      console.error('clean-up failed:', e);
    }
  }
}

function runSyncCleanups() {
  for (const c of [...cleanups].reverse()) {
    if (c.done || !c.sync) continue;
    c.done = true;
    try {
      c.sync();
    } catch {
      // best effort on the way out
    }
  }
}

/** Runs a benchmark's main; cleans up whatever happens; exit code 1 on failure. */
export function runBench(main: () => Promise<void>): void {
  process.once('exit', runSyncCleanups);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      runSyncCleanups();
      process.exit(130);
    });
  }
  main()
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => runCleanups())
    .finally(() => {
      // fake-indexeddb and pg pools may keep timers alive; the measurements are done.
      setTimeout(() => process.exit(), 100).unref();
    });
}

/** A temp dir, deleted at clean-up. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCleanup(remove, remove);
  return dir;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  srv.close();
  await once(srv, 'close');
  if (!addr || typeof addr === 'string') throw new Error('no free port');
  return addr.port;
}

// ---------------------------------------------------------------------------------------------
// The Tandem server (server/main.ts) in its own process, as deployed: real HTTP on loopback.

export interface ServerProcess {
  url: string;
  pid: number;
  adminSecret: string;
  /** The admin routes listen on this socket in the data folder, not on the public port. */
  adminSocket: string;
  /** SIGTERM (graceful shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

function alive(child: ChildProcess) {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Starts `server/main.ts` with LOG_LEVEL=silent: on PGlite in `dataDir`, or on Postgres when
 * `databaseUrl` is given, with this process's environment plus `env`. Resolves once /healthz
 * answers 200. BENCH_SERVER_NODE_ARGS goes to the server's node (Node refuses `--cpu-prof` in
 * NODE_OPTIONS): `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles it.
 */
export async function startServerProcess({ dataDir, databaseUrl, env = {} }: { dataDir: string; databaseUrl?: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const adminSecret = randomBytes(24).toString('base64url');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        TANDEM_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? '',
        TANDEM_ADMIN_SECRET: adminSecret,
        // A benchmark of throughput measures what the server can do: its rate limits would
        // measure themselves. A benchmark of a real team's load turns them back on through `env`.
        TANDEM_RATE_PUSH_PER_MIN: '0',
        TANDEM_RATE_PULL_PER_MIN: '0',
        TANDEM_RATE_REDEEM_PER_MIN: '0',
        TANDEM_RATE_BAD_TOKEN_PER_MIN: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const stopNow = async () => {
      if (!alive(child)) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    };
    const stop = onCleanup(stopNow, () => {
      if (alive(child)) child.kill('SIGKILL');
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (!alive(child)) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}): ${output}`);
        if (Date.now() > deadline) throw new Error(`the server did not answer on ${url} within 60 s: ${output}`);
        const ok = await fetch(`${url}/healthz`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return { url, pid: child.pid!, adminSecret, adminSocket: adminSocketPath(dataDir), stop };
    } catch (e) {
      lastError = e;
      await stop();
    }
  }
  throw lastError;
}

async function call<T>(url: string, init: RequestInit & { json?: unknown }, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...headers },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body as T;
}

export interface Redeemed extends RedeemResponse {
  serverUrl: string;
}

/** A team with one member per email, each signed in once (admin routes, then POST /v1/auth/redeem). */
export async function createTeamWithMembers(server: ServerProcess, name: string, emails: string[], role: Role = 'recruiter'): Promise<Redeemed[]> {
  const admin = socketOps(server.adminSocket, server.adminSecret);
  const team = await admin.createTeam(name);
  const out: Redeemed[] = [];
  for (const email of emails) {
    const { code } = await admin.invite(team.id, email, role);
    const redeemed = RedeemResponse.parse(await call(`${server.url}/v1/auth/redeem`, { method: 'POST', json: { code, deviceName: `bench ${email}` } }));
    out.push({ ...redeemed, serverUrl: server.url });
  }
  return out;
}

/** A throwaway Postgres cluster (as the server tests start one), stopped at clean-up. */
export async function startPostgres(): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const cluster = await startCluster();
  const stop = onCleanup(
    () => cluster.stop(),
    () => cluster.stop(),
  );
  return { url: cluster.url, port: Number(new URL(cluster.url).port), stop };
}

/** A new database `name` in the cluster at `clusterUrl`; its URL. */
export async function createDatabase(clusterUrl: string, name: string): Promise<string> {
  await withPg(clusterUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** A single connection to Postgres for `fn` (set-up and checks outside the servers). */
export async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Devices: the extension's database on fake-indexeddb (import 'fake-indexeddb/auto' first).

export interface Device {
  db: TandemDB;
  session: Session;
  me: Me;
  transport: SyncTransport;
}

/**
 * A signed-in device, as `signIn` leaves it, with a fresh client id. A database passed in keeps
 * its outbox, which the benches send again to each run's new team: its changes are made that
 * team's (as `signIn` adopts changes made before joining a team), or the device would keep them
 * for the team they were first queued for.
 */
export async function makeDevice(signIn: Redeemed, db = new TandemDB(`bench-${ulid()}`)): Promise<Device> {
  const device = await signInDevice(signIn, db);
  await db.outbox.toCollection().modify({ teamId: signIn.team.id });
  return device;
}

/** Rows of the team's records a device holds, by table. */
export async function countRows(db: TandemDB) {
  const [prospects, notes, activities, members] = await Promise.all([db.prospects.count(), db.notes.count(), db.activities.count(), db.members.count()]);
  return { prospects, notes, activities, members };
}

// ---------------------------------------------------------------------------------------------
// CPU time of processes (Linux /proc), to say where the time goes.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** User + system CPU ms of a process (with its waited-for children when `children`). */
export function cpuMs(pid: number, { children = false } = {}): number {
  const f = statFields(pid);
  if (!f) return 0;
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
  return ticks * TICK_MS;
}

/** CPU ms of a Postgres cluster listening on `port`: the postmaster, its children, and those it reaped. */
export function postgresCpuMs(port: number): number {
  let postmaster: number | undefined;
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('/postgres') && ` ${cmd.join(' ')} `.includes(` -p ${port} `)) postmaster = pid;
    } catch {
      // gone
    }
  }
  if (postmaster === undefined) return 0;
  let total = cpuMs(postmaster, { children: true });
  for (const pid of pids) if (pid !== postmaster && statFields(pid)?.[1] === String(postmaster)) total += cpuMs(pid);
  return total;
}

/** The Chromium browser process started on `userDataDir` (the one without a `--type=` switch). */
export function chromiumPid(userDataDir: string): number | undefined {
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a === `--user-data-dir=${userDataDir}`) && !cmd.some((a) => a.startsWith('--type='))) return Number(d);
    } catch {
      // gone
    }
  }
  return undefined;
}

/** CPU ms of a process and every process under it that is still running (Chromium: browser, zygotes, renderers, utilities). */
export function processTreeCpuMs(root: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    const ppid = statFields(Number(d))?.[1];
    if (ppid !== undefined) parent.set(Number(d), Number(ppid));
  }
  const under = (pid: number): boolean => pid === root || (parent.has(pid) && pid > 1 && under(parent.get(pid)!));
  let total = 0;
  for (const pid of parent.keys()) if (under(pid)) total += cpuMs(pid);
  return total;
}
