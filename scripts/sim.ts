// The sync fault-injection simulation (tests/sync/simulation.ts) outside the test runner:
//   npm run -s sim -- --seed N [--steps S] [--quiet]
//     replays one seed with its log and prints its report as JSON;
//   npm run -s sim -- --seeds N [--from F] [--jobs J] [--steps S]
//     runs seeds F … F+N-1 (F defaults to 1) in J worker processes (default: one per core), and
//     prints one JSON summary; exits 1 if any seed fails.
import 'fake-indexeddb/auto';
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';
import { type SeedOutcome, type SeedRequest, type WorkerMessage, summarise } from './sim-summary';
import { SimulationFailed, runSimulation } from '../tests/sync/simulation';

const USAGE = 'usage: npm run -s sim -- --seed N [--steps S] [--quiet]\n       npm run -s sim -- --seeds N [--from F] [--jobs J] [--steps S]';
const WORKER_ENV = 'TANDEM_SIM_WORKER';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    seeds: { type: 'string' },
    from: { type: 'string' },
    jobs: { type: 'string' },
    steps: { type: 'string' },
    quiet: { type: 'boolean' },
  },
});

function integer(value: string | undefined, fallback: number | undefined, min: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (n === undefined || !Number.isInteger(n) || n < min) {
    console.error(USAGE);
    process.exit(2);
  }
  return n;
}

const steps = values.steps === undefined ? undefined : integer(values.steps, undefined, 1);

async function openServer() {
  const server = await openPglite();
  await migrate(server);
  return server;
}

async function runOne(server: Awaited<ReturnType<typeof openServer>>, seed: number): Promise<SeedOutcome> {
  try {
    return { seed, ok: true, report: await runSimulation(server, { seed, steps }) };
  } catch (e) {
    if (e instanceof SimulationFailed) return { seed, ok: false, devices: e.devices, problems: e.problems, error: e.message };
    return { seed, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

/** A worker: opens its own PGlite, then runs the seeds the parent sends, one at a time. */
async function worker() {
  const server = await openServer();
  const send = (m: WorkerMessage) => process.send!(m);
  process.on('message', (m: SeedRequest) => {
    if (!('seed' in m)) return void server.close().finally(() => process.exit(0));
    void runOne(server, m.seed).then((outcome) => send({ outcome }));
  });
  send({ ready: true });
}

/** Hands seeds to `jobs` workers as each finishes one (seeds differ in length), collects the outcomes. */
async function runSeeds(from: number, count: number, jobs: number): Promise<SeedOutcome[]> {
  const queue = Array.from({ length: count }, (_, i) => from + i);
  const outcomes: SeedOutcome[] = [];
  const script = fileURLToPath(import.meta.url);
  const started = Date.now();
  let nextReport = Math.ceil(count / 10);
  const progress = () => {
    if (outcomes.length < nextReport && outcomes.length < count) return;
    nextReport += Math.ceil(count / 10);
    console.error(`sim: ${outcomes.length}/${count} seeds, ${outcomes.filter((o) => !o.ok).length} failed, ${Math.round((Date.now() - started) / 1000)} s`);
  };
  const startWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const child = fork(script, [], { env: { ...process.env, [WORKER_ENV]: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let current: number | undefined;
      const next = () => {
        current = queue.shift();
        child.send((current === undefined ? { done: true } : { seed: current }) satisfies SeedRequest);
      };
      child.on('message', (m: WorkerMessage) => {
        if ('outcome' in m) {
          outcomes.push(m.outcome);
          current = undefined;
          progress();
        }
        next();
      });
      child.on('exit', (code, signal) => {
        // A worker that dies (out of memory, a crash in PGlite) fails its seed; another takes over.
        if (current !== undefined) {
          outcomes.push({ seed: current, ok: false, error: `the worker process exited (${code ?? signal}) during this seed` });
          progress();
          if (queue.length) return void startWorker().then(resolve);
        }
        resolve();
      });
    });
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, startWorker));
  // Workers that died before taking a seed (PGlite failed to open) leave seeds unrun: those fail too.
  for (const seed of queue) outcomes.push({ seed, ok: false, error: 'no worker process was left to run this seed' });
  return outcomes.sort((a, b) => a.seed - b.seed);
}

if (process.env[WORKER_ENV]) {
  await worker();
} else if (values.seeds !== undefined) {
  const count = integer(values.seeds, undefined, 1);
  const from = integer(values.from, 1, 0);
  const jobs = integer(values.jobs, availableParallelism(), 1);
  const started = performance.now();
  const outcomes = await runSeeds(from, count, jobs);
  const summary = summarise(outcomes, { from, jobs, seconds: (performance.now() - started) / 1000 });
  console.log(JSON.stringify(summary));
  if (summary.failed > 0) process.exitCode = 1;
} else {
  const seed = integer(values.seed, undefined, 0);
  const server = await openServer();
  try {
    const report = await runSimulation(server, { seed, steps, log: values.quiet ? undefined : (line) => console.error(line) });
    console.log(JSON.stringify(report));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  } finally {
    await server.close();
  }
}
