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
import { makeRecords } from './pouchdb/records';
import { type Plan, planFromRecords } from './support/bench-records';
import { ROOT, countRows, createTeamWithMembers, load1, makeDevice, median, onCleanup, out, round, runBench, startServerProcess, tempDir } from './support/harness';

const RECORDS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POUCH_SERVER = process.env.POUCHDB_BENCH_SERVER === 'memory' ? 'memory' : 'disk';
const GOAL_RATIO = 6;

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

async function tandemRun(plan: Plan, run: number) {
  const dataDir = tempDir('tandem-bench-pglite-');
  const server = await startServerProcess({ dataDir });
  try {
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
async function pouchRun(): Promise<Times & { serverMode: string; clientMode: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/support/pouchdb-once.ts'), String(RECORDS), POUCH_SERVER], {
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

runBench(async () => {
  ensurePouchDeps();
  const records = makeRecords(RECORDS);
  const plan = planFromRecords(records);
  const ours: Awaited<ReturnType<typeof tandemRun>>[] = [];
  const theirs: Awaited<ReturnType<typeof pouchRun>>[] = [];
  const loads: number[] = [load1()];
  try {
    for (let run = 0; run < RUNS; run++) {
      ours.push(await tandemRun(plan, run));
      loads.push(load1());
      theirs.push(await pouchRun());
      loads.push(load1());
    }
  } finally {
    if (aDb) {
      aDb.close();
      await aDb.delete().catch(() => undefined);
    }
  }

  const med = (xs: Times[], k: keyof Times) => round(median(xs.map((x) => x[k])));
  const t = { pushMs: med(ours.map((o) => o.times), 'pushMs'), pullMs: med(ours.map((o) => o.times), 'pullMs'), totalMs: med(ours.map((o) => o.times), 'totalMs') };
  const p = { pushMs: med(theirs, 'pushMs'), pullMs: med(theirs, 'pullMs'), totalMs: med(theirs, 'totalMs') };
  const first = ours[0]!;
  out({
    bench: 'tandem-sync-10k',
    records: RECORDS,
    mutationsPushed: first.queued,
    ...t,
    runs: RUNS,
    samples: ours.map((o) => ({ pushMs: round(o.times.pushMs), pullMs: round(o.times.pullMs), totalMs: round(o.times.totalMs) })),
    server: 'server/main.ts in its own process, PGlite in a temp dir, HTTP on 127.0.0.1',
    client: `TandemDB (Dexie) on fake-indexeddb, pushAll then a fresh device pullEverything (PUSH_BATCH ${PUSH_BATCH}, PULL_LIMIT ${PULL_LIMIT})`,
    clientB: first.rows,
    payload: {
      how: 'each record → note.add (body = the record’s body) or activity.log (kind mapped from the record’s); activities have no free text, so the bytes they lack are added to note bodies, making Σ row JSON ≈ Σ record JSON; plus one prospect.upsert per person (500), pushed and pulled in the timed part',
      recordAvgBytes: round(plan.recordBytes / RECORDS),
      rowAvgBytesOnB: round(first.rowBytes / RECORDS),
      prospects: first.rows.prospects,
      prospectAvgBytes: round(first.prospectBytes / first.rows.prospects),
    },
    setup: first.setup,
    goal: `Tandem ≥ ${GOAL_RATIO}× faster than PouchDB end to end`,
  });
  out({
    bench: 'pouchdb-replication-10k',
    records: RECORDS,
    ...p,
    runs: RUNS,
    samples: theirs.map((o) => ({ pushMs: round(o.pushMs), pullMs: round(o.pullMs), totalMs: round(o.totalMs) })),
    serverMode: theirs[0]!.serverMode,
    clientMode: theirs[0]!.clientMode,
  });
  out({
    bench: 'tandem-vs-pouchdb-10k',
    ratio: +(p.totalMs / t.totalMs).toFixed(2),
    pushRatio: +(p.pushMs / t.pushMs).toFixed(2),
    pullRatio: +(p.pullMs / t.pullMs).toFixed(2),
    tandemTotalMs: t.totalMs,
    pouchdbTotalMs: p.totalMs,
    goalRatio: GOAL_RATIO,
    meets: p.totalMs / t.totalMs >= GOAL_RATIO,
    loadAvg1m: loads,
  });
});
