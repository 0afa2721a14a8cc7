// Load (issue 7, C): `npm run -s bench:load -- [--seconds 60] [--clients 200] [--servers 2]
// [--team-size 10] [--visit-every 10] [--server-env NAME=VALUE …]`
//
// A throwaway Postgres cluster, two `server/main.ts` processes on it (DATABASE_URL; real HTTP on
// loopback, requests alternating between them like a round-robin load balancer), and one
// simulated device per client in this process, each signed in as its own member with its own
// token. Teams of `--team-size` (admin, recruiters, sourcers, hiring managers) have a busy hour:
// every member opens a profile (or, hiring managers, the review page) about every
// `--visit-every` seconds; the sidebar pulls, the member acts (view, outreach, replies, notes and
// edits, do-not-contact, batches sent for review, decisions), and 750 ms later the worker pushes
// and pulls; a 30 s alarm pulls when nothing else did.
//
// Prints one JSON line: push and pull latency, throughput, errors (every non-2xx, every network
// error; 429s apart), and the proof that nothing was lost: every acknowledged mutation is in
// Postgres exactly once with what was sent, a full pull per team shows it, and every device
// ended up holding every row it may see. Exits 1 if any of that fails.
//
// The server processes get this process's environment plus SERVER_ENV and `--server-env`
// (settings such as rate limits).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ulid } from 'ulidx';
import { type ProspectIdentity, PullResponse, type Role } from '@/lib/model';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import { openPostgres } from '@/server/db/postgres';
import { cpuMs, createDatabase, load1, out, percentile, postgresCpuMs, round, runBench, startPostgres, startServerProcess, tempDir, withPg, type ServerProcess } from './support/harness';
import { type LoadMember, LoadClient } from './support/load-client';
import { HttpStats, LoadHttp } from './support/load-http';
import { Ledger, type StoredRow, missingFrom, verifyPull } from './support/load-ledger';

/**
 * Settings every server process of this bench gets, on top of the environment. A real team's
 * day runs under the production limits on pushes and pulls per member (empty: the default),
 * so a limit that a real team would hit shows up as 429s and fails the run.
 */
const SERVER_ENV: Record<string, string> = { TANDEM_RATE_PUSH_PER_MIN: '', TANDEM_RATE_PULL_PER_MIN: '' };

/** Roles in a team, in the order members join: 10 make 1 admin, 3 recruiters, 4 sourcers, 2 hiring managers. */
const ROLES: Role[] = ['admin', 'recruiter', 'sourcer', 'hiring_manager', 'recruiter', 'sourcer', 'sourcer', 'recruiter', 'hiring_manager', 'sourcer'];
/** Profiles every team meets; the first HOT_PEOPLE (the current search) come up most, so teammates meet the same people. */
const PEOPLE = 2000;
const HOT_PEOPLE = 60;
/** Sampling interval of the event-loop delay histogram, which its figures include. */
const LAG_RESOLUTION_MS = 10;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '200' },
    servers: { type: 'string', default: '2' },
    'team-size': { type: 'string', default: '10' },
    'visit-every': { type: 'string', default: '10' },
    'server-env': { type: 'string', multiple: true, default: [] },
  },
});
const USAGE = 'usage: npm run -s bench:load -- [--seconds 60] [--clients 200] [--servers 2] [--team-size 10] [--visit-every 10] [--server-env NAME=VALUE …]';
function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}
const positive = (name: keyof typeof values) => {
  const n = Number(values[name]);
  return n > 0 ? n : usage(`--${name} must be a positive number, not ${String(values[name])}`);
};
const SECONDS = positive('seconds');
const CLIENTS = Math.round(positive('clients'));
const SERVERS = Math.round(positive('servers'));
const TEAM_SIZE = Math.round(positive('team-size'));
const VISIT_EVERY_MS = positive('visit-every') * 1000;
const serverEnv = { ...SERVER_ENV };
for (const setting of values['server-env']) {
  const eq = setting.indexOf('=');
  if (eq < 1) usage(`--server-env takes NAME=VALUE, not ${setting}`);
  serverEnv[setting.slice(0, eq)] = setting.slice(eq + 1);
}

/** The people teams meet: the same profiles for every team (teams must not see each other's records of them). */
function people(): ProspectIdentity[] {
  const first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Zoë', 'José', 'Łukasz', '美玲'];
  const last = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee', 'Müller', 'García'];
  return Array.from({ length: PEOPLE }, (_, i) => ({
    site: 'linkedin' as const,
    key: `linkedin:load-person-${i}`,
    url: `https://www.linkedin.com/in/load-person-${i}/`,
    name: `${first[i % first.length]} ${last[i % last.length]}`,
    headline: i % 3 ? `Senior Software Engineer at Company ${i % 97}` : null,
    company: i % 3 ? `Company ${i % 97}` : null,
    location: i % 2 ? 'Berlin, Germany' : 'Remote',
  }));
}

/** Teams of TEAM_SIZE (the last may be smaller), each member signed in once through the server's own auth code. */
async function signIn(databaseUrl: string): Promise<LoadMember[][]> {
  const db = openPostgres(databaseUrl, { max: 4 });
  try {
    const teams = Math.ceil(CLIENTS / TEAM_SIZE);
    return await Promise.all(
      Array.from({ length: teams }, async (_, t) => {
        const team = await createTeam(db, `Load team ${t + 1}`);
        const members: LoadMember[] = [];
        for (let i = 0; i < Math.min(TEAM_SIZE, CLIENTS - t * TEAM_SIZE); i++) {
          const role = ROLES[i % ROLES.length]!;
          const { code } = await invite(db, team.id, `member${i}@team${t + 1}.load.example`, role);
          const { token, member } = await redeem(db, code, `load device ${t + 1}.${i}`);
          members.push({ teamId: team.id, memberId: member.id, role, token });
        }
        return members;
      }),
    );
  } finally {
    await db.close();
  }
}

/** Every page from cursor 0, as a new device of `member` would pull. */
async function fullPull(http: LoadHttp, member: LoadMember): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  const clientId = `load-check-${ulid()}`;
  for (let cursor = 0; ; ) {
    const q = new URLSearchParams({ clientId, cursor: String(cursor), limit: '1000' });
    const page = PullResponse.parse(await http.request('pull', `/v1/pull?${q}`, member.token));
    rows.push(...page.rows.map((r) => ({ kind: r.kind, id: r.id, doc: r.doc as Record<string, unknown> | null })));
    cursor = page.cursor;
    if (!page.more) return rows;
  }
}

const latency = (xs: number[]) => ({ n: xs.length, p50: round(percentile(xs, 50)), p99: round(percentile(xs, 99)), max: round(Math.max(...xs)) });
const perMinute = (xs: number[], ms: number) => ({ mean: round((xs.reduce((a, b) => a + b, 0) / xs.length / ms) * 60_000), max: round((Math.max(...xs) / ms) * 60_000) });

runBench(async () => {
  const cluster = await startPostgres();
  const port = cluster.port;
  const databaseUrl = await createDatabase(cluster.url, 'tandem_load');

  // The first server runs the migrations; the others start on a migrated database.
  const servers: ServerProcess[] = [];
  for (let s = 0; s < SERVERS; s++) servers.push(await startServerProcess({ dataDir: tempDir('tandem-load-srv-'), databaseUrl, env: serverEnv }));
  const teams = await signIn(databaseUrl);

  // Separate counters for sign-in, the timed run and the checks after it; errors count in all three.
  const stats = { setup: new HttpStats(), run: new HttpStats(), after: new HttpStats() };
  const urls = servers.map((s) => s.url);
  const ledger = new Ledger();
  const world = people();
  const clients = teams.flatMap((members) => {
    const hiringManagers = members.filter((m) => m.role === 'hiring_manager').map((m) => m.memberId);
    const opener = members.find((m) => m.role === 'recruiter') ?? members[0]!;
    return members.map(
      (m) =>
        new LoadClient(m, new LoadHttp(urls, stats.setup), ledger, {
          people: world,
          hotPeople: HOT_PEOPLE,
          opensRequisitionsFor: m === opener ? hiringManagers : [],
          visitEveryMs: VISIT_EVERY_MS,
        }),
    );
  });
  // Signed in: each device's first pull, as after sign-in (not timed).
  await Promise.all(clients.map((c) => c.pull()));
  for (const c of clients) c.http = new LoadHttp(urls, stats.run);

  console.error(`load: ${clients.length} clients in ${teams.length} teams on ${servers.length} server processes for ${SECONDS} s`);
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const elu0 = performance.eventLoopUtilization();
  const counts0 = clients.map((c) => ({ pushes: c.pushes, pulls: c.pulls, mutations: c.mutations }));
  const cpu0 = { bench: process.cpuUsage(), servers: servers.map((s) => cpuMs(s.pid)), postgres: postgresCpuMs(port) };
  const loadBefore = load1();
  lag.enable();
  const t0 = performance.now();
  await Promise.all(clients.map((c) => c.run(Date.now() + SECONDS * 1000)));
  const ms = performance.now() - t0;
  lag.disable();
  const elu = performance.eventLoopUtilization(elu0);
  const counts = clients.map((c, i) => ({ pushes: c.pushes - counts0[i]!.pushes, pulls: c.pulls - counts0[i]!.pulls, mutations: c.mutations - counts0[i]!.mutations }));
  const bench = process.cpuUsage(cpu0.bench);
  const cores = (cpu: number) => Math.round((cpu / ms) * 100) / 100;
  const cpu = {
    loadGenerator: cores((bench.user + bench.system) / 1000),
    servers: cores(servers.reduce((n, s, i) => n + cpuMs(s.pid) - cpu0.servers[i]!, 0)),
    postgres: cores(postgresCpuMs(port) - cpu0.postgres),
  };

  // Settle: anything still queued is pushed, then every device pulls once more.
  for (const c of clients) c.http = new LoadHttp(urls, stats.after);
  await Promise.all(clients.map((c) => c.pushAll()));
  await Promise.all(clients.map((c) => c.pull()));

  // Every acknowledged write is in Postgres once, as sent; a full pull per team shows it; every device holds it.
  const stored = await withPg(databaseUrl, async (c) => (await c.query<{ team_id: string; kind: string; id: string; doc: Record<string, unknown>; visible_to: string | null }>('SELECT team_id, kind, id, doc, visible_to FROM entities')).rows);
  const checks = { lost: [] as string[], mismatched: [] as string[], duplicated: [] as string[] };
  const pullChecks = { missing: [] as string[], duplicated: [] as string[], mismatched: [] as string[], rows: 0 };
  const checkHttp = new LoadHttp(urls, stats.after);
  for (const members of teams) {
    const teamId = members[0]!.teamId;
    const rows: StoredRow[] = stored.filter((r) => r.team_id === teamId).map((r) => ({ kind: r.kind, id: r.id, doc: r.doc, visibleTo: r.visible_to }));
    const found = ledger.verifyStored(teamId, rows);
    for (const k of ['lost', 'mismatched', 'duplicated'] as const) checks[k].push(...found[k]);
    const admin = members[0]!;
    const pulled = await fullPull(checkHttp, admin);
    pullChecks.rows += pulled.length;
    const seen = verifyPull(ledger.visibleTo(teamId, admin.memberId), pulled, rows);
    for (const k of ['missing', 'duplicated', 'mismatched'] as const) pullChecks[k].push(...seen[k]);
  }
  const unconverged = clients.filter((c) => missingFrom(ledger.visibleTo(c.member.teamId, c.member.memberId), (k) => c.view.has(k)).length > 0);

  const all = Object.values(stats);
  const errors = all.reduce((n, s) => n + s.errors, 0);
  const byStatus: Record<string, number> = {};
  for (const s of all) for (const [status, n] of Object.entries(s.errorsByStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
  const rateLimited = all.reduce((n, s) => n + s.rateLimited, 0);
  const rejections = clients.flatMap((c) => c.rejections);
  const sum = (f: (c: LoadClient) => number) => clients.reduce((n, c) => n + f(c), 0);
  const requests = stats.run.latencyMs.push.length + stats.run.latencyMs.pull.length;
  const mutations = counts.reduce((n, c) => n + c.mutations, 0);
  const problems = checks.lost.length + checks.mismatched.length + checks.duplicated.length + pullChecks.missing.length + pullChecks.duplicated.length + pullChecks.mismatched.length;
  const pass = errors === 0 && rateLimited === 0 && rejections.length === 0 && sum((c) => c.unreadableRows) === 0 && sum((c) => c.dropped) === 0 && problems === 0 && unconverged.length === 0;

  out({
    bench: 'load',
    seconds: round(ms / 1000),
    clients: clients.length,
    teams: teams.length,
    roles: Object.fromEntries(ROLES.filter((r, i) => ROLES.indexOf(r) === i).map((r) => [r, teams.flat().filter((m) => m.role === r).length])),
    serverProcesses: servers.length,
    visitEverySeconds: VISIT_EVERY_MS / 1000,
    latencyMs: { push: latency(stats.run.latencyMs.push), pull: latency(stats.run.latencyMs.pull) },
    requests,
    requestsPerSec: round((requests / ms) * 1000),
    mutations,
    mutationsPerSec: round((mutations / ms) * 1000),
    // What one member's device sent, per minute: the figures a per-member rate limit must allow.
    perMemberPerMinute: {
      pushes: perMinute(counts.map((c) => c.pushes), ms),
      pulls: perMinute(counts.map((c) => c.pulls), ms),
      mutations: perMinute(counts.map((c) => c.mutations), ms),
    },
    errors: { total: errors, byStatus, network: all.reduce((n, s) => n + s.networkErrors, 0), samples: all.flatMap((s) => s.samples).slice(0, 5) },
    rateLimited,
    rejected: { total: rejections.length, samples: rejections.slice(0, 5).map((r) => `${r.name}: ${r.reason}`) },
    unreadableRows: sum((c) => c.unreadableRows),
    droppedMutations: sum((c) => c.dropped),
    // Rows the acknowledged mutations wrote, each looked up in Postgres.
    checkedRows: ledger.size,
    lostWrites: checks.lost.length,
    mismatchedWrites: checks.mismatched.length,
    duplicatedWrites: checks.duplicated.length,
    fullPull: { teams: teams.length, rows: pullChecks.rows, missing: pullChecks.missing.length, duplicated: pullChecks.duplicated.length, mismatched: pullChecks.mismatched.length },
    clientsConverged: clients.length - unconverged.length,
    problemSamples: [...checks.lost, ...checks.mismatched, ...checks.duplicated, ...pullChecks.missing, ...pullChecks.duplicated, ...pullChecks.mismatched].slice(0, 10),
    // Cores busy during the timed run; the machine has 2 (everything shares them). The load
    // generator keeps up when its event loop is mostly idle and timers fire on time.
    cpuCores: cpu,
    loadGenerator: { eventLoopUtilization: Math.round(elu.utilization * 100) / 100, timerDelayMs: { p50: round(lag.percentile(50) / 1e6 - LAG_RESOLUTION_MS), p99: round(lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS) } },
    serverEnv: Object.keys(serverEnv),
    loadAvg1m: [loadBefore, load1()],
    pass,
  });
  if (!pass) process.exitCode = 1;
  for (const s of servers) await s.stop();
  await cluster.stop();
});
