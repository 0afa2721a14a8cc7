// Budget (issue 3): push throughput with 20 concurrent clients on Postgres, goal ≥ 5,000
// mutations/s.
//
// A throwaway Postgres cluster (tests/server/support/postgres-cluster.ts); per variant a fresh
// database and `server/main.ts` process(es) on it with DATABASE_URL (real HTTP on loopback).
// 20 devices (TandemDB on fake-indexeddb in this process), each a member of its own with its
// own token, each with PUSH_BENCH_MUTATIONS (default 1,000) mutations queued locally with
// `mutate` (not timed; written once and pushed again, under a new client id, in each variant).
// Timed: all 20 `pushAll` started together until the last one is acknowledged.
//
// Variants: all 20 clients in one team (a team's writes serialise on its version row) and 20
// teams of one client each, on one server process; PUSH_BENCH_SERVERS=2 (or "1,2") runs them on
// two server processes as well (clients alternate between them).
import 'fake-indexeddb/auto';
import { TandemDB } from '@/lib/db/database';
import { activityLog, noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { pushAll } from '@/lib/sync/engine';
import { ulid } from 'ulidx';
import { makeRecords } from './pouchdb/records';
import { planFromRecords } from './support/bench-records';
import {
  type Redeemed,
  type ServerProcess,
  cpuMs,
  createDatabase,
  createTeamWithMembers,
  load1,
  makeDevice,
  onCleanup,
  out,
  postgresCpuMs,
  round,
  runBench,
  startPostgres,
  startServerProcess,
  tempDir,
  withPg,
} from './support/harness';

const CLIENTS = 20;
const PER_CLIENT = Number(process.env.PUSH_BENCH_MUTATIONS ?? 1000);
const GOAL = 5000;
const SERVER_COUNTS = (process.env.PUSH_BENCH_SERVERS ?? '1').split(',').map(Number);

/** One client's queue: its own people (keys unique in a shared team) and records. */
async function fillOutbox(i: number): Promise<TandemDB> {
  // makeRecords(n) makes ceil(n/20) people: n + people ≈ PER_CLIENT mutations in all.
  const n = Math.max(1, Math.round((PER_CLIENT * 20) / 21));
  const plan = planFromRecords(makeRecords(n, 7_000 + i), { keyPrefix: `client-${i}-person` });
  const db = new TandemDB(`bench-push-${i}-${ulid()}`);
  const ctx = { actor: { memberId: ulid(), teamId: 'local', role: 'recruiter' as const } };
  for (const args of plan.prospects) await mutate(db, prospectUpsert, args, ctx);
  for (const w of plan.writes) {
    if (w.name === 'note.add') await mutate(db, noteAdd, w.args, ctx);
    else await mutate(db, activityLog, w.args, ctx);
  }
  return db;
}

async function variant(clusterUrl: string, port: number, outboxes: TandemDB[], { teams, servers: serverCount }: { teams: 1 | 20; servers: number }) {
  const url = new URL(await createDatabase(clusterUrl, `bench_${teams}teams_${serverCount}srv_${Date.now()}`));
  const servers: ServerProcess[] = [];
  try {
    // The first server runs the migrations; the second starts on a migrated database.
    for (let s = 0; s < serverCount; s++) servers.push(await startServerProcess({ dataDir: tempDir('tandem-bench-srv-'), databaseUrl: url.href }));
    const emails = Array.from({ length: CLIENTS }, (_, i) => `member${i}@bench.example`);
    const signIns: Redeemed[] = [];
    if (teams === 1) {
      signIns.push(...(await createTeamWithMembers(servers[0]!, 'bench one team', emails)));
    } else {
      for (const [i, email] of emails.entries()) signIns.push(...(await createTeamWithMembers(servers[0]!, `bench team ${i}`, [email])));
    }
    const devices = await Promise.all(
      signIns.map((s, i) => {
        const server = servers[i % servers.length]!;
        return makeDevice({ ...s, serverUrl: server.url }, outboxes[i]);
      }),
    );
    const queued = (await Promise.all(outboxes.map((db) => db.outbox.count()))).reduce((a, b) => a + b, 0);

    const cpu0 = { bench: process.cpuUsage(), servers: servers.map((s) => cpuMs(s.pid)), postgres: postgresCpuMs(port) };
    const loadBefore = load1();
    const t0 = performance.now();
    const rejected = await Promise.all(devices.map((d) => pushAll(d.db, d.transport, d.session)));
    const ms = performance.now() - t0;
    const bench = process.cpuUsage(cpu0.bench);
    const serverCpu = servers.reduce((n, s, i) => n + cpuMs(s.pid) - cpu0.servers[i]!, 0);
    const postgresCpu = postgresCpuMs(port) - cpu0.postgres;

    const refused = rejected.flat();
    if (refused.length) throw new Error(`${refused.length} mutations were rejected, e.g. ${JSON.stringify(refused[0])}`);
    // Every mutation acknowledged and stored: each client's last id, and one row per write.
    const { acked, stored } = await withPg(url.href, async (c) => ({
      acked: (await c.query<{ n: string }>('SELECT coalesce(sum(last_mutation_id), 0) AS n FROM clients')).rows[0]!.n,
      stored: (await c.query<{ n: string }>("SELECT count(*) AS n FROM entities WHERE kind <> 'member'")).rows[0]!.n,
    }));
    if (Number(acked) !== queued || Number(stored) !== queued) throw new Error(`queued ${queued}, acknowledged ${acked}, stored ${stored}`);

    out({
      bench: 'push-throughput-postgres',
      variant: teams === 1 ? `${CLIENTS} clients in one team` : `${CLIENTS} teams, one client each`,
      serverProcesses: serverCount,
      clients: CLIENTS,
      mutations: queued,
      ms: round(ms),
      mutationsPerSec: Math.round((queued / ms) * 1000),
      goalMutationsPerSec: GOAL,
      meets: (queued / ms) * 1000 >= GOAL,
      // CPU during the timed part; the machine has 2 cores (clients, servers and Postgres share them).
      cpuMs: { benchClients: round((bench.user + bench.system) / 1000), servers: serverCpu, postgres: postgresCpu },
      loadAvg1m: [loadBefore, load1()],
    });
  } finally {
    for (const s of servers) await s.stop();
  }
}

runBench(async () => {
  const cluster = await startPostgres();
  const t = performance.now();
  const outboxes: TandemDB[] = [];
  onCleanup(async () => {
    for (const db of outboxes) {
      db.close();
      await db.delete().catch(() => undefined);
    }
  });
  for (let i = 0; i < CLIENTS; i++) outboxes.push(await fillOutbox(i));
  console.error(`queued ${CLIENTS} × ~${PER_CLIENT} mutations locally in ${round((performance.now() - t) / 1000)} s (not timed)`);
  for (const servers of SERVER_COUNTS) {
    await variant(cluster.url, cluster.port, outboxes, { teams: 1, servers });
    await variant(cluster.url, cluster.port, outboxes, { teams: 20, servers });
  }
  await cluster.stop();
});
