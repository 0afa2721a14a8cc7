/**
 * Two stateless server processes on one Postgres (issue 3, point 7; DESIGN.md "Server": any
 * number of server processes behind a load balancer). Real child processes, started together
 * (their migrations race for the advisory lock), real HTTP, and devices running the real sync
 * module on fake-indexeddb: one talks only to A, one only to B, one alternates from sync to
 * sync (the load-balancer case). They write concurrently — the same LinkedIn people created
 * independently on devices behind different processes (alias folding), activities, team and
 * private notes, edits, deletes — and sync concurrently. After settling, every device equals
 * the server's view for its member and nothing is lost or duplicated.
 *
 * The processes run as `node --import tsx server/main.ts` (what `npx tsx` does, minus the
 * npx and tsx wrapper processes), so SIGTERM and SIGKILL reach the server itself.
 *
 * The write schedule comes from a seed (TWO_PROCESSES_SEED, default 7); timing between the
 * processes is real, so convergence must hold whatever the interleaving.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { findProspectByKey } from '@/lib/db/queries';
import { type Me, type NoteVisibility, POKE_CLOSE, type ProspectIdentity, type Role } from '@/lib/model';
import { activityLog, noteAdd, noteDelete, noteEdit, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { syncOnce } from '@/lib/sync/engine';
import { INITIAL_SYNC_STATE, type Session, readSession } from '@/lib/sync/session';
import { type Fetch, OfflineError, httpTransport } from '@/lib/sync/transport';
import { createTeam, invite, redeem, revoke } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { readMigrations } from '@/server/db/migrate';
import { openPostgres } from '@/server/db/postgres';
import { Rng, canonical, deviceRows, diff, serverRows } from '../support/convergence';
import { postgresUrlFor } from './support/databases';
import { PokeSocket } from './support/poke-socket';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SEED = Number(process.env.TWO_PROCESSES_SEED ?? 7);
/** Generous: a cold `tsx` start plus migrations on a busy CI machine. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Server processes

interface LogLine {
  level?: number;
  msg?: string;
  port?: number;
  path?: string;
  status?: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface ServerProcess {
  name: string;
  child: ChildProcess;
  url: string;
  dataDir: string;
  logs: LogLine[];
  stderr: string[];
  exited: Promise<Exit>;
}

const started: ServerProcess[] = [];

function describeOutput(p: { name: string; logs: LogLine[]; stderr: string[] }): string {
  const tail = (xs: unknown[]) => xs.slice(-20).map((x) => `    ${typeof x === 'string' ? x : JSON.stringify(x)}`).join('\n');
  return `${p.name} stdout (last lines):\n${tail(p.logs)}\n  ${p.name} stderr:\n${tail(p.stderr)}`;
}

/** Starts `server/main.ts` on a free port and resolves once it logs "listening". */
async function startServerProcess(name: string, databaseUrl: string): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tandem-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  // 'close' comes after the output is read to the end, unlike 'exit'.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const proc = { name, child, url: '', dataDir, logs, stderr, exited };
  started.push(proc);

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not log "listening" within ${START_TIMEOUT_MS} ms\n  ${describeOutput(proc)}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        stderr.push(`(stdout, not JSON) ${text}`);
        return;
      }
      logs.push(line);
      if (line.msg === 'listening' && typeof line.port === 'number') {
        clearTimeout(timer);
        resolve(line.port);
      }
    });
    createInterface({ input: child.stderr }).on('line', (text) => stderr.push(text));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before listening\n  ${describeOutput(proc)}`));
    });
  });
  proc.url = `http://127.0.0.1:${port}`;
  return proc;
}

const running = (p: ServerProcess) => p.child.exitCode === null && p.child.signalCode === null;

/** Sends `signal` and waits (bounded) for the process to exit. */
async function stopServerProcess(p: ServerProcess, signal: NodeJS.Signals): Promise<Exit | 'timeout'> {
  if (running(p)) p.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  const result = await Promise.race([p.exited, timeout]);
  clearTimeout(timer);
  return result;
}

/** Problems a server's log shows: errors logged, or any request answered with a 5xx. */
function logProblems(p: ServerProcess): string[] {
  return p.logs.filter((l) => (l.level ?? 0) >= 50 || (l.status ?? 0) >= 500).map((l) => `${p.name} logged: ${JSON.stringify(l)}`);
}

const requestsTo = (p: ServerProcess, route: string) => p.logs.filter((l) => l.msg === 'request' && l.path === route && l.status === 200).length;

// ---------------------------------------------------------------------------------------------
// Database, team, devices

const connections: Database[] = [];
const deviceDbs: TandemDB[] = [];

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (running(p)) await stopServerProcess(p, 'SIGKILL');
    rmSync(p.dataDir, { recursive: true, force: true });
  }
  for (const db of deviceDbs.splice(0)) {
    db.close();
    await db.delete();
  }
  for (const c of connections.splice(0)) await c.close();
});

/** A new, empty database on the run's Postgres (the servers migrate it) and a direct connection to it. */
async function freshPostgres(): Promise<{ url: string; direct: Database }> {
  const name = `two_proc_${ulid().toLowerCase()}`;
  const admin = openPostgres(inject('postgresUrl'), { max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = postgresUrlFor(name);
  const direct = openPostgres(url, { max: 4 });
  connections.push(direct);
  return { url, direct };
}

const person = (slug: string): ProspectIdentity => ({
  site: 'linkedin',
  key: `linkedin:${slug}`,
  url: `https://www.linkedin.com/in/${slug}/`,
  name: slug[0]!.toUpperCase() + slug.slice(1),
  headline: null,
  company: null,
  location: null,
});
/** Met by every device before its first sync. */
const FIRST_WAVE = ['ada', 'grace', 'alan'].map(person);
/** Met by every device in the same round later on, after the team already has data. */
const SECOND_WAVE = ['edsger', 'barbara', 'donald'].map(person);

interface ExpectedNote {
  body: string;
  visibility: NoteVisibility;
  deleted: boolean;
}

interface Device {
  name: string;
  db: TandemDB;
  me: Me;
  clientId: string;
  /** What the user does next: the device's own stream, so concurrency does not reorder it. */
  rng: Rng;
  clock: number;
  /** Alternates between the live servers from sync to sync instead of using the session's URL. */
  alternates: boolean;
  syncs: number;
  /** Everything the device wrote that the server must end up with. */
  notes: Map<string, ExpectedNote>;
  activities: string[];
  mintedProspects: string[];
  mutations: number;
}

async function makeDevice(
  name: string,
  teamId: string,
  teamName: string,
  m: { token: string; memberId: string; role: Role; name: string; email: string },
  { serverUrl, alternates, seed }: { serverUrl: string; alternates: boolean; seed: number },
): Promise<Device> {
  const db = new TandemDB(`two-proc-${name}-${ulid()}`);
  deviceDbs.push(db);
  const clientId = `c-${ulid()}`;
  const session: Session = { serverUrl, token: m.token, clientId, memberId: m.memberId, teamId, teamName, deviceName: name, signedInAt: 0 };
  const me: Me = { memberId: m.memberId, teamId, name: m.name, email: m.email, role: m.role };
  await db.local.bulkPut([
    { key: LOCAL_KEYS.session, value: session },
    { key: LOCAL_KEYS.me, value: me },
    { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
  ]);
  return { name, db, me, clientId, rng: new Rng(seed), clock: 1_800_000_000_000, alternates, syncs: 0, notes: new Map(), activities: [], mintedProspects: [], mutations: 0 };
}

/** A team with one member per role, each signed in on one device; `servers[i]` is device i's server. */
async function teamOfThree(direct: Database, servers: [string, string, string], seed: number) {
  const team = await createTeam(direct, `two processes ${ulid()}`);
  const roles: Role[] = ['recruiter', 'sourcer', 'recruiter'];
  const devices: Device[] = [];
  for (const [i, role] of roles.entries()) {
    const { code } = await invite(direct, team.id, `member${i}@two-processes.example`, role);
    const { token, member } = await redeem(direct, code, `device ${i}`);
    const m = { token, memberId: member.id, role, name: member.name, email: member.email };
    devices.push(await makeDevice(`d${i}`, team.id, team.name, m, { serverUrl: servers[i]!, alternates: i === 2, seed: seed * 100 + i }));
  }
  return { team, devices };
}

// ---------------------------------------------------------------------------------------------
// What users do, and syncing

function writer(seed: number) {
  /** Decides how much each device does per round (drawn before the concurrent part starts). */
  const plan = new Rng(seed);
  /** People the team has met so far: everyday actions pick among them. */
  const met: ProspectIdentity[] = [];

  async function upsert(d: Device, who: ProspectIdentity) {
    const known = await findProspectByKey(d.db, who.key);
    const id = known?.id ?? ulid();
    const r = await mutate(d.db, prospectUpsert, { id, identity: { ...who, headline: `headline ${d.rng.int(0, 3)} (${d.name})` }, at: d.clock++ }, { actor: d.me });
    if (r.mutationId !== null) {
      d.mutations++;
      if (!known) d.mintedProspects.push(id);
    }
  }

  async function addNote(d: Device, prospectId: string) {
    const id = ulid();
    const note: ExpectedNote = { body: `note ${d.rng.int(0, 9999)} by ${d.name}`, visibility: d.rng.chance(0.3) ? 'private' : 'team', deleted: false };
    const r = await mutate(d.db, noteAdd, { id, prospectId, body: note.body, visibility: note.visibility, at: d.clock++ }, { actor: d.me });
    if (r.mutationId !== null) {
      d.mutations++;
      d.notes.set(id, note);
    }
  }

  /** One thing a user does on the device, about someone the team has met. */
  async function act(d: Device) {
    const who = d.rng.pick(met);
    const known = await findProspectByKey(d.db, who.key);
    if (!known) throw new Error(`${d.name} does not know ${who.key}, which it met`);
    const own = [...d.notes].filter(([, n]) => !n.deleted);
    const roll = d.rng.int(0, 9);
    if (roll === 0) return upsert(d, who);
    if (roll <= 2) {
      const id = ulid();
      const channel = d.rng.pick(['inmail', 'email', 'call'] as const);
      const r = await mutate(d.db, activityLog, { id, prospectId: known.id, kind: 'outreach', data: { channel }, at: d.clock++ }, { actor: d.me });
      if (r.mutationId !== null) {
        d.mutations++;
        d.activities.push(id);
      }
      return;
    }
    if (roll <= 5 || own.length === 0) return addNote(d, known.id);
    const [id, note] = d.rng.pick(own);
    if (roll <= 7) {
      const body = `edited ${d.rng.int(0, 9999)} by ${d.name}`;
      const visibility = d.rng.chance(0.3) ? d.rng.pick(['team', 'private'] as const) : undefined;
      const r = await mutate(d.db, noteEdit, { id, body, visibility, at: d.clock++ }, { actor: d.me });
      if (r.mutationId !== null) {
        d.mutations++;
        d.notes.set(id, { ...note, body, visibility: visibility ?? note.visibility });
      }
      return;
    }
    const r = await mutate(d.db, noteDelete, { id, at: d.clock++ }, { actor: d.me });
    if (r.mutationId !== null) {
      d.mutations++;
      d.notes.set(id, { ...note, deleted: true });
    }
  }

  /** Every device meets these people before knowing the team has them, and notes something on each. */
  async function meet(devices: Device[], people: ProspectIdentity[]) {
    for (const d of devices) {
      for (const who of people) {
        await upsert(d, who);
        const known = await findProspectByKey(d.db, who.key);
        await addNote(d, known!.id);
      }
    }
    met.push(...people);
  }

  return { act, meet, plan: () => ({ before: plan.int(1, 4), during: plan.int(0, 2) }) };
}

/** One sync of the device against its server (the session's, or the next live one when it alternates). */
async function syncDevice(d: Device, live: ServerProcess[], fetchImpl?: Fetch): Promise<void> {
  const session = await readSession(d.db);
  if (!session) throw new Error(`${d.name} has no session`);
  const serverUrl = d.alternates ? live[d.syncs % live.length]!.url : session.serverUrl;
  d.syncs++;
  await syncOnce(d.db, httpTransport({ serverUrl, token: session.token, ...(fetchImpl ? { fetch: fetchImpl } : {}) }));
}

/** Every device, concurrently: a few writes, then a sync with more writes while it runs. */
async function busyRound(devices: Device[], live: ServerProcess[], w: ReturnType<typeof writer>) {
  // Draw the schedule up front so the seed decides it, not the interleaving.
  const plan = devices.map(() => w.plan());
  await Promise.all(
    devices.map(async (d, i) => {
      for (let k = 0; k < plan[i]!.before; k++) await w.act(d);
      const sync = syncDevice(d, live);
      for (let k = 0; k < plan[i]!.during; k++) await w.act(d);
      await sync;
    }),
  );
}

/** Sync until every outbox is empty, then once more for all, so every device has pulled everything. */
async function settle(devices: Device[], live: ServerProcess[]) {
  for (let round = 0; round < 20; round++) {
    await Promise.all(devices.map((d) => syncDevice(d, live)));
    const pending = await Promise.all(devices.map((d) => d.db.outbox.count()));
    if (pending.every((n) => n === 0)) break;
  }
  await Promise.all(devices.map((d) => syncDevice(d, live)));
}

// ---------------------------------------------------------------------------------------------
// Convergence

/** Kinds one mutation writes together under one version (upsert with an alias; the rest alone). */
const KINDS_OF_ONE_WRITE = new Set(['member', 'prospect', 'alias', 'alias,prospect', 'activity', 'note']);

async function convergenceProblems(direct: Database, teamId: string, devices: Device[], met: ProspectIdentity[]): Promise<string[]> {
  const problems: string[] = [];
  const [rejected] = await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM rejections r JOIN clients c ON c.id = r.client_id JOIN members m ON m.id = c.member_id WHERE m.team_id = $1', [teamId]);
  if (rejected?.n) problems.push(`server: ${rejected.n} mutations rejected`);
  for (const d of devices) {
    const pending = await d.db.outbox.count();
    if (pending) problems.push(`${d.name}: ${pending} mutations still pending`);
    if (await d.db.shadows.count()) problems.push(`${d.name}: shadows left after settling`);
    const refused = await d.db.rejections.toArray();
    for (const r of refused) problems.push(`${d.name}: mutation ${r.mutationId} (${r.name}) refused: ${r.reason}`);
    problems.push(...diff(await deviceRows(d.db), await serverRows(direct, teamId, d.me.memberId)).map((p) => `${d.name}: ${p}`));
    // The server handled every mutation the device queued.
    const [client] = await direct.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE id = $1', [d.clientId]);
    const lastLocal = Number((await d.db.local.get(LOCAL_KEYS.lastMutationId))?.value ?? 0);
    if (lastLocal !== d.mutations) problems.push(`${d.name}: queued ${lastLocal} mutations, the test counted ${d.mutations}`);
    if (Number(client?.last_mutation_id ?? 0) !== lastLocal) problems.push(`${d.name}: server acknowledged ${client?.last_mutation_id} of ${lastLocal}`);
  }

  // Nothing lost: every note as its author last left it, every activity, every person met.
  const all = await direct.query<{ kind: string; id: string; doc: { deletedAt?: number | null; body?: string; visibility?: string; prospectId?: string } }>(
    'SELECT kind, id, doc FROM entities WHERE team_id = $1',
    [teamId],
  );
  const byKey = new Map(all.map((r) => [`${r.kind}:${r.id}`, r.doc]));
  for (const d of devices) {
    for (const [id, want] of d.notes) {
      const got = byKey.get(`note:${id}`);
      if (!got) problems.push(`${d.name}: note ${id} lost`);
      else if (got.body !== want.body || got.visibility !== want.visibility || (got.deletedAt != null) !== want.deleted) {
        problems.push(`${d.name}: note ${id} is ${canonical(got)}, its author left it ${canonical(want)}`);
      }
    }
    for (const id of d.activities) if (!byKey.has(`activity:${id}`)) problems.push(`${d.name}: activity ${id} lost`);
    for (const id of d.mintedProspects) {
      if (!byKey.has(`prospect:${id}`) && !byKey.has(`alias:${id}`)) problems.push(`${d.name}: person ${id} is neither a prospect nor an alias`);
    }
  }
  // Private notes never reached another member's device.
  for (const d of devices) {
    for (const other of devices) {
      if (other === d) continue;
      for (const [id, n] of d.notes) if (n.visibility === 'private' && (await other.db.notes.get(id))) problems.push(`${other.name} holds ${d.name}'s private note ${id}`);
    }
  }

  // Nothing duplicated: one live person per profile key, on the server and on every device.
  const people = await direct.query<{ key: string; n: number }>(
    `SELECT p->>'key' AS key, count(*)::int AS n FROM entities e, jsonb_array_elements(e.doc->'profiles') p
      WHERE e.team_id = $1 AND e.kind = 'prospect' AND e.doc->>'deletedAt' IS NULL GROUP BY 1`,
    [teamId],
  );
  const expectedKeys = met.map((p) => p.key).sort();
  if (canonical(people.map((p) => p.key).sort()) !== canonical(expectedKeys)) problems.push(`server: people ${canonical(people.map((p) => p.key).sort())}, expected ${canonical(expectedKeys)}`);
  for (const p of people) if (p.n !== 1) problems.push(`server: ${p.n} people with key ${p.key}`);
  for (const d of devices) {
    const keys = (await d.db.prospects.toArray()).filter((p) => p.deletedAt === null).flatMap((p) => p.profileKeys);
    if (keys.length !== new Set(keys).size) problems.push(`${d.name}: a profile key on more than one person: ${canonical(keys.sort())}`);
  }

  // Versions: one write per version across both processes, stamped in the doc, within the team's counter.
  const groups = await direct.query<{ version: number; kinds: string }>(
    `SELECT version, string_agg(kind, ',' ORDER BY kind) AS kinds FROM entities WHERE team_id = $1 GROUP BY version ORDER BY version`,
    [teamId],
  );
  for (const g of groups) if (!KINDS_OF_ONE_WRITE.has(g.kinds)) problems.push(`version ${g.version} mixes writes: ${g.kinds}`);
  const stamped = await direct.query<{ kind: string; id: string }>(`SELECT kind, id FROM entities WHERE team_id = $1 AND (doc->>'version')::bigint <> version`, [teamId]);
  for (const s of stamped) problems.push(`${s.kind}:${s.id}: doc.version differs from its row's version`);
  const [counter] = await direct.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [teamId]);
  const top = groups.at(-1)?.version ?? 0;
  if (Number(top) > Number(counter?.version ?? 0)) problems.push(`entities reach version ${top}, the team counter is ${counter?.version}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('two server processes on one Postgres', () => {
  it('start together, and clients on each converge (one on A, one on B, one alternating)', async () => {
    const { url, direct } = await freshPostgres();
    // Both migrate the empty database at once: the advisory lock makes them take turns.
    const [a, b] = await Promise.all([startServerProcess('A', url), startServerProcess('B', url)]);
    const migrations = await direct.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(migrations.map((m) => Number(m.version))).toEqual(readMigrations().map((m) => m.version));

    const live = [a, b];
    const { team, devices } = await teamOfThree(direct, [a.url, b.url, a.url], SEED);
    const w = writer(SEED);

    // Everyone meets the same people offline, then all sync at once: A and B race to create them.
    await w.meet(devices, FIRST_WAVE);
    await Promise.all(devices.map((d) => syncDevice(d, live)));
    for (let round = 0; round < 8; round++) {
      if (round === 3) await w.meet(devices, SECOND_WAVE);
      await busyRound(devices, live, w);
    }
    await settle(devices, live);

    const problems = await convergenceProblems(direct, team.id, devices, [...FIRST_WAVE, ...SECOND_WAVE]);
    expect(problems, `seed ${SEED}`).toEqual([]);
    expect(devices.every((d) => d.mutations > 10)).toBe(true);
    // Both processes took pushes: the fixed devices, and the alternating one on each.
    expect(requestsTo(a, '/v1/push')).toBeGreaterThan(0);
    expect(requestsTo(b, '/v1/push')).toBeGreaterThan(0);
    expect(devices[2]!.syncs).toBeGreaterThan(4);
    // Each person was created on three devices: the server kept one id and folded the other two into aliases.
    const [aliases] = await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND kind = 'alias'`, [team.id]);
    expect(aliases?.n).toBe((FIRST_WAVE.length + SECOND_WAVE.length) * (devices.length - 1));

    const [stopA, stopB] = await Promise.all([stopServerProcess(a, 'SIGTERM'), stopServerProcess(b, 'SIGTERM')]);
    expect(stopA, describeOutput(a)).toEqual({ code: 0, signal: null });
    expect(stopB, describeOutput(b)).toEqual({ code: 0, signal: null });
    expect([...logProblems(a), ...logProblems(b)]).toEqual([]);
    // Both said goodbye. (Not checked in order: pino's asynchronous stdout can swap the last two lines at exit.)
    for (const p of [a, b]) expect(p.logs.map((l) => l.msg).slice(-2).sort(), describeOutput(p)).toEqual(['shutting down', 'stopped']);
  });

  it('a write through one process pokes the devices connected to the other; access ended anywhere closes their channels', async () => {
    const { url, direct } = await freshPostgres();
    const [a, b] = await Promise.all([startServerProcess('A', url), startServerProcess('B', url)]);
    const { team, devices } = await teamOfThree(direct, [a.url, b.url, a.url], SEED + 2);
    const [d0, d1, d2] = devices as [Device, Device, Device];
    const tokenOf = async (d: Device) => (await readSession(d.db))!.token;
    // d1 and d2 listen on A, d0 on B; d0 writes through B.
    const [onA1, onA2, onB0] = await Promise.all([PokeSocket.signedIn(a.url, await tokenOf(d1)), PokeSocket.signedIn(a.url, await tokenOf(d2)), PokeSocket.signedIn(b.url, await tokenOf(d0))]);
    await mutate(d0.db, prospectUpsert, { identity: FIRST_WAVE[0]!, at: d0.clock++ }, { actor: d0.me });
    await syncDevice(d0, [b]);
    const version = (await direct.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [team.id]))[0]!.version;
    expect(await onA1.next('poke', { count: 1 })).toEqual({ type: 'poke', version: Number(version) });
    expect(await onA2.next('poke', { count: 1 })).toEqual({ type: 'poke', version: Number(version) });
    expect((await onB0.next('poke', { count: 1 })).version).toBe(Number(version));

    // d1 signs out through B: its channel on A closes. An admin (this process, on the database
    // directly, as the CLI does with DATABASE_URL) revokes d2's member: its channel on A closes.
    expect((await fetch(`${b.url}/v1/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${await tokenOf(d1)}` } })).status).toBe(200);
    expect((await onA1.closed).code).toBe(POKE_CLOSE.signedOut);
    await revoke(direct, team.id, d2.me.email);
    expect((await onA2.closed).code).toBe(POKE_CLOSE.signedOut);
    expect(onB0.ws.readyState).toBe(onB0.ws.OPEN);

    // Stopping a process tells its devices to come back (to another process, through the balancer).
    expect(await stopServerProcess(b, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect((await onB0.closed).code).toBe(POKE_CLOSE.goingAway);
    expect(await stopServerProcess(a, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect([...logProblems(a), ...logProblems(b)]).toEqual([]);
  });

  it('a device whose server is killed keeps its work and converges through the other one', async () => {
    const { url, direct } = await freshPostgres();
    const [a, b] = await Promise.all([startServerProcess('A', url), startServerProcess('B', url)]);
    let live = [a, b];
    const { team, devices } = await teamOfThree(direct, [a.url, b.url, a.url], SEED + 1);
    const [d0, d1, d2] = devices as [Device, Device, Device];
    const w = writer(SEED + 1);

    await w.meet(devices, FIRST_WAVE);
    await Promise.all(devices.map((d) => syncDevice(d, live)));
    for (let round = 0; round < 3; round++) await busyRound(devices, live, w);

    // d0 writes, pushes to A, A commits, and is killed before the answer reaches d0.
    for (let k = 0; k < 5; k++) await w.act(d0);
    const queuedBeforeKill = await d0.db.outbox.count();
    expect(queuedBeforeKill).toBeGreaterThan(0);
    let killed: Exit | 'timeout' | undefined;
    const killAfterCommit: Fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!input.includes('/v1/push')) return res;
      await res.arrayBuffer();
      killed = await stopServerProcess(a, 'SIGKILL');
      throw new TypeError('the connection was reset (server killed)');
    };
    await expect(syncDevice(d0, live, killAfterCommit)).rejects.toBeInstanceOf(OfflineError);
    expect(killed).toEqual({ code: null, signal: 'SIGKILL' });
    live = [b];
    // A committed the push: its client row is ahead of what d0 knows, and d0 still holds the entries.
    const [committed] = await direct.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE id = $1', [d0.clientId]);
    expect(Number(committed?.last_mutation_id)).toBe(d0.mutations);
    expect(await d0.db.outbox.count()).toBe(queuedBeforeKill);

    // d0 keeps working against the dead A (every sync offline) while the others carry on with B;
    // everyone meets new people, so d0's copies of them fold into aliases once it reaches B.
    await w.meet(devices, SECOND_WAVE);
    await Promise.all([
      (async () => {
        for (let k = 0; k < 4; k++) {
          for (let j = 0; j < 3; j++) await w.act(d0);
          await expect(syncDevice(d0, live)).rejects.toBeInstanceOf(OfflineError);
        }
      })(),
      (async () => {
        for (let round = 0; round < 3; round++) await busyRound([d1, d2], live, w);
      })(),
    ]);
    expect(await d0.db.outbox.count()).toBeGreaterThan(queuedBeforeKill);

    // The user points d0 at B (the session's server URL); it converges with everyone.
    const session = await readSession(d0.db);
    await d0.db.local.put({ key: LOCAL_KEYS.session, value: { ...session!, serverUrl: b.url } });
    await busyRound(devices, live, w);
    await settle(devices, live);

    const problems = await convergenceProblems(direct, team.id, devices, [...FIRST_WAVE, ...SECOND_WAVE]);
    expect(problems, `seed ${SEED + 1}`).toEqual([]);

    const stopB = await stopServerProcess(b, 'SIGTERM');
    expect(stopB, describeOutput(b)).toEqual({ code: 0, signal: null });
    expect([...logProblems(a), ...logProblems(b)]).toEqual([]);
  });
});
