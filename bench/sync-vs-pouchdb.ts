// Budget (issue 3): 10,000 mutations pushed by one client and pulled by a second, end to end on
// PGlite, side by side with the same 10,000 records replicated by PouchDB to pouchdb-server on
// the same machine. Goal: Tandem ≥ 6× faster end to end (push + pull) (issue 13; 3× in issue 3).
//
// Tandem: the server is `server/main.ts` in its own process on PGlite (real HTTP on loopback),
// like pouchdb-server is for PouchDB. Client A writes the records locally with `mutate` (not
// timed), then `pushAll` is timed; then a fresh client B (another member) runs `pullEverything`,
// timed, and must end with exactly the 10,000 notes and activities. The records become
// mutations as bench/support/bench-records.ts says (payload sizes matched); the 500 people they
// are about are created first with `prospect.upsert` and travel in the timed part too.
// A's outbox is written once and pushed to a fresh server and team in each run.
//
// PouchDB: bench/pouchdb/replication.ts, one run per child process (it sets browser globals).
// Runs alternate (Tandem, PouchDB, …) so both see the same machine load; medians of BENCH_RUNS
// (default 3) per figure.
//
// Cold and warm: each server is a fresh process, so the cold runs time its first requests (JIT,
// PGlite's WebAssembly tiering up) as much as the sync. A production server is long-running, so
// every run is also done warm: before the timed part, SYNC_BENCH_WARMUP (default 1,000; 0: cold
// only) other records are pushed and pulled through the same fresh server by two other clients,
// on both sides alike (Tandem: another team; PouchDB: another database), not timed. The budget's
// ratio is the cold one; both are printed.
//
// SYNC_BENCH_DATABASE=postgres: the Tandem server on a throwaway Postgres 15 cluster (a new
// database per run) instead of PGlite, an extra figure; the budget is PGlite's.
//   npx tsx bench/sync-vs-pouchdb.ts        (POUCHDB_BENCH_SERVER=memory: pouchdb-server --in-memory)
import 'fake-indexeddb/auto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ulid } from 'ulidx';
import { TandemDB } from '@/lib/db/database';
import { activityLog, noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { PULL_LIMIT, PUSH_BATCH, pullEverything, pushAll } from '@/lib/sync/engine';
import { WARMUP_SEED, makeRecords } from './pouchdb/records';
import { type Plan, planFromRecords } from './support/bench-records';
import { ROOT, countRows, createDatabase, createTeamWithMembers, load1, makeDevice, median, onCleanup, out, round, runBench, startPostgres, startServerProcess, tempDir } from './support/harness';

const RECORDS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POUCH_SERVER = process.env.POUCHDB_BENCH_SERVER === 'memory' ? 'memory' : 'disk';
const GOAL_RATIO = 6;
const WARMUP = Number(process.env.SYNC_BENCH_WARMUP ?? 1000);
const DATABASE = process.env.SYNC_BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite';
type Mode = 'cold' | 'warm';

interface Times {
  pushMs: number;
  pullMs: number;
  totalMs: number;
}

/** bench/pouchdb keeps its own dependencies (pouchdb-server builds native modules): install once. */
function ensurePouchDeps() {
  const dir = path.join(ROOT, 'bench/pouchdb');
  if (existsSync(path.join(dir, 'node_modules/pouchdb-server')) && existsSync(path.join(dir, 'node_modules/pouchdb-browser'))) return;
  console.error('installing the PouchDB baseline (npm install --prefix bench/pouchdb, ~1.5 min)…');
  const r = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm install --prefix bench/pouchdb failed');
}

/** A's 10,000 local writes (plus the prospects), as a user makes them: one `mutate` each. */
async function writeLocally(db: TandemDB, plan: Plan, actor: { memberId: string; teamId: string; role: 'recruiter' }) {
  const ctx = { actor };
  for (const args of plan.prospects) await mutate(db, prospectUpsert, args, ctx);
  for (const w of plan.writes) {
    const r = w.name === 'note.add' ? await mutate(db, noteAdd, w.args, ctx) : await mutate(db, activityLog, w.args, ctx);
    if (r.mutationId === null) throw new Error(`${w.name} ${w.args.id} wrote nothing`);
  }
  return db.outbox.count();
}

let aDb: TandemDB | undefined;
let warmDb: TandemDB | undefined;
let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;

/** The warm-up (not timed): `plan` pushed by one client of another team and pulled by a fresh second one. */
async function warmUp(server: Awaited<ReturnType<typeof startServerProcess>>, plan: Plan, run: number) {
  const [w, v] = await createTeamWithMembers(server, `warm-up ${run}`, ['wes@bench.example', 'val@bench.example']);
  const fresh = !warmDb;
  warmDb ??= new TandemDB(`bench-warm-${ulid()}`);
  const W = await makeDevice(w!, warmDb);
  if (fresh) await writeLocally(warmDb, plan, { memberId: W.me.memberId, teamId: W.me.teamId, role: 'recruiter' });
  const V = await makeDevice(v!);
  try {
    const rejected = await pushAll(W.db, W.transport, W.session);
    if (rejected.length) throw new Error(`the warm-up push had ${rejected.length} rejections`);
    await pullEverything(V.db, V.transport, V.session);
  } finally {
    V.db.close();
    await V.db.delete().catch(() => undefined);
  }
}

async function tandemRun(plan: Plan, run: number, warm?: Plan) {
  const dataDir = tempDir('tandem-bench-pglite-');
  let databaseUrl: string | undefined;
  if (DATABASE === 'postgres') {
    postgres ??= await startPostgres();
    databaseUrl = await createDatabase(postgres.url, `bench_${run}_${warm ? 'warm' : 'cold'}`);
  }
  const server = await startServerProcess({ dataDir, databaseUrl });
  try {
    if (warm) await warmUp(server, warm, run);
    const [a, b] = await createTeamWithMembers(server, `bench ${run}`, ['ann@bench.example', 'bob@bench.example']);
    let setup: Record<string, number> | undefined;
    let fresh = false;
    if (!aDb) {
      aDb = new TandemDB(`bench-a-${ulid()}`);
      fresh = true;
    }
    // Signed in to this run's team with a new client id; the outbox is the same.
    const A = await makeDevice(a!, aDb);
    if (fresh) {
      const t = performance.now();
      const queued = await writeLocally(aDb, plan, { memberId: A.me.memberId, teamId: A.me.teamId, role: 'recruiter' });
      setup = { localWriteMs: round(performance.now() - t), queued };
    }
    const queued = await aDb.outbox.count();
    const B = await makeDevice(b!);
    try {
      const t0 = performance.now();
      const rejected = await pushAll(A.db, A.transport, A.session);
      const t1 = performance.now();
      await pullEverything(B.db, B.transport, B.session);
      const t2 = performance.now();
      if (rejected.length) throw new Error(`the server rejected ${rejected.length} mutations, e.g. ${JSON.stringify(rejected[0])}`);

      const rows = await countRows(B.db);
      if (rows.notes + rows.activities !== RECORDS || rows.prospects !== plan.prospects.length) {
        throw new Error(`client B has ${JSON.stringify(rows)}, want ${RECORDS} notes and activities and ${plan.prospects.length} prospects`);
      }
      let rowBytes = 0;
      await B.db.notes.each((r) => void (rowBytes += JSON.stringify(r).length));
      await B.db.activities.each((r) => void (rowBytes += JSON.stringify(r).length));
      let prospectBytes = 0;
      await B.db.prospects.each(({ profileKeys: _, ...p }) => void (prospectBytes += JSON.stringify(p).length));
      return { times: { pushMs: t1 - t0, pullMs: t2 - t1, totalMs: t2 - t0 }, queued, rows, rowBytes, prospectBytes, setup };
    } finally {
      B.db.close();
      await B.db.delete().catch(() => undefined);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One PouchDB run in its own process group (pouchdb-server is its grandchild). */
async function pouchRun(warmup: number): Promise<Times & { serverMode: string; clientMode: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/support/pouchdb-once.ts'), String(RECORDS), POUCH_SERVER, String(warmup)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const killGroup = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const cleanup = onCleanup(killGroup, killGroup);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  await cleanup();
  if (code !== 0) throw new Error(`the PouchDB run failed (exit ${code})`);
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Times & { serverMode: string; clientMode: string };
}

type TandemResult = Awaited<ReturnType<typeof tandemRun>>;
type PouchResult = Awaited<ReturnType<typeof pouchRun>>;

const med = (xs: Times[], k: keyof Times) => round(median(xs.map((x) => x[k])));
const summary = (xs: Times[]) => ({ pushMs: med(xs, 'pushMs'), pullMs: med(xs, 'pullMs'), totalMs: med(xs, 'totalMs') });
const samples = (xs: Times[]) => xs.map((x) => ({ pushMs: round(x.pushMs), pullMs: round(x.pullMs), totalMs: round(x.totalMs) }));

runBench(async () => {
  ensurePouchDeps();
  const records = makeRecords(RECORDS);
  const plan = planFromRecords(records);
  const warmPlan = WARMUP > 0 ? planFromRecords(makeRecords(WARMUP, WARMUP_SEED)) : undefined;
  const modes: Mode[] = warmPlan ? ['cold', 'warm'] : ['cold'];
  const ours: Record<Mode, TandemResult[]> = { cold: [], warm: [] };
  const theirs: Record<Mode, PouchResult[]> = { cold: [], warm: [] };
  const loads: number[] = [load1()];
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const mode of modes) {
        ours[mode].push(await tandemRun(plan, run, mode === 'warm' ? warmPlan : undefined));
        loads.push(load1());
        theirs[mode].push(await pouchRun(mode === 'warm' ? WARMUP : 0));
        loads.push(load1());
      }
    }
  } finally {
    for (const db of [aDb, warmDb]) {
      if (!db) continue;
      db.close();
      await db.delete().catch(() => undefined);
    }
  }

  const first = ours.cold[0]!;
  const server = `server/main.ts in its own process, ${DATABASE === 'postgres' ? 'Postgres 15 (a throwaway cluster, a database per run)' : 'PGlite in a temp dir'}, HTTP on 127.0.0.1`;
  for (const mode of modes) {
    const t = summary(ours[mode].map((o) => o.times));
    const p = summary(theirs[mode]);
    const warmup = mode === 'warm' ? `${WARMUP} other records pushed and pulled through the same fresh server first, by two other clients (not timed)` : 'none: a fresh server process';
    out({
      bench: 'tandem-sync-10k',
      mode,
      warmup,
      records: RECORDS,
      mutationsPushed: first.queued,
      ...t,
      runs: RUNS,
      samples: samples(ours[mode].map((o) => o.times)),
      server,
      client: `TandemDB (Dexie) on fake-indexeddb, pushAll then a fresh device pullEverything (PUSH_BATCH ${PUSH_BATCH}, PULL_LIMIT ${PULL_LIMIT})`,
      clientB: first.rows,
      ...(mode === 'cold'
        ? {
            payload: {
              how: 'each record → note.add (body = the record’s body) or activity.log (kind mapped from the record’s); activities have no free text, so the bytes they lack are added to note bodies, making Σ row JSON ≈ Σ record JSON; plus one prospect.upsert per person (500), pushed and pulled in the timed part',
              recordAvgBytes: round(plan.recordBytes / RECORDS),
              rowAvgBytesOnB: round(first.rowBytes / RECORDS),
              prospects: first.rows.prospects,
              prospectAvgBytes: round(first.prospectBytes / first.rows.prospects),
            },
            setup: first.setup,
          }
        : {}),
      goal: `Tandem ≥ ${GOAL_RATIO}× faster than PouchDB end to end`,
    });
    out({
      bench: 'pouchdb-replication-10k',
      mode,
      warmup,
      records: RECORDS,
      ...p,
      runs: RUNS,
      samples: samples(theirs[mode]),
      serverMode: theirs[mode][0]!.serverMode,
      clientMode: theirs[mode][0]!.clientMode,
    });
    out({
      bench: 'tandem-vs-pouchdb-10k',
      mode,
      database: DATABASE,
      ratio: +(p.totalMs / t.totalMs).toFixed(2),
      pushRatio: +(p.pushMs / t.pushMs).toFixed(2),
      pullRatio: +(p.pullMs / t.pullMs).toFixed(2),
      tandemTotalMs: t.totalMs,
      pouchdbTotalMs: p.totalMs,
      goalRatio: GOAL_RATIO,
      meets: p.totalMs / t.totalMs >= GOAL_RATIO,
      ...(mode === modes[modes.length - 1] ? { loadAvg1m: loads } : {}),
    });
  }
});
