// What `npm run sim -- --seeds N` prints: the outcomes of many seeds of the sync simulation in one
// JSON object.
import type { Problem, SimReport } from '../tests/sync/simulation';

/** One seed's result, as a worker process sends it back. */
export type SeedOutcome =
  | { seed: number; ok: true; report: SimReport }
  /** `devices` and `problems` when the checks ran and found something; neither when the seed crashed. */
  | { seed: number; ok: false; error: string; devices?: number; problems?: Problem[] };

/** Parent to worker: the next seed, or that there are no more. */
export type SeedRequest = { seed: number } | { done: true };
/** Worker to parent. */
export type WorkerMessage = { ready: true } | { outcome: SeedOutcome };

/** Failures listed in full; the rest are only counted. */
const LISTED_FAILURES = 20;
const PROBLEMS_PER_FAILURE = 5;

export function summarise(outcomes: SeedOutcome[], { from, jobs, seconds }: { from: number; jobs: number; seconds: number }) {
  const reports = outcomes.flatMap((o) => (o.ok ? [o.report] : []));
  const failures = outcomes.flatMap((o) => (o.ok ? [] : [o]));
  const problems = failures.flatMap((f) => f.problems ?? []);
  const sum = (f: (r: SimReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const faults: Record<string, number> = {};
  for (const r of reports) for (const [k, n] of Object.entries(r.faults)) faults[k] = (faults[k] ?? 0) + n;
  // Devices of seeds whose checks ran; a device converged when no problem names it.
  const checked = [...reports.map((r) => ({ devices: r.devices, diverging: 0 })), ...failures.flatMap((f) => (f.devices === undefined ? [] : [{ devices: f.devices, diverging: new Set(f.problems!.flatMap((p) => (p.device ? [p.device] : []))).size }]))];
  return {
    seeds: outcomes.length,
    from,
    passed: reports.length,
    failed: failures.length,
    /** Problems found, by kind, over every seed. */
    lost: problems.filter((p) => p.kind === 'lost').length,
    duplicated: problems.filter((p) => p.kind === 'duplicated').length,
    diverged: problems.filter((p) => p.kind === 'diverged').length,
    /** Seeds that threw before their checks ran. */
    crashed: failures.filter((f) => f.devices === undefined).length,
    clients: checked.reduce((n, c) => n + c.devices, 0),
    clientsConverged: checked.reduce((n, c) => n + c.devices - c.diverging, 0),
    mutations: sum((r) => r.mutations),
    rejections: sum((r) => r.rejections),
    syncs: sum((r) => r.syncs),
    failedSyncs: sum((r) => r.failedSyncs),
    faults,
    failures: failures.slice(0, LISTED_FAILURES).map((f) => ({
      seed: f.seed,
      replay: `npm run -s sim -- --seed ${f.seed}`,
      problems: f.problems ? f.problems.slice(0, PROBLEMS_PER_FAILURE).map((p) => `${p.kind}: ${p.text}`) : [f.error.split('\n').slice(0, 3).join(' ')],
    })),
    jobs,
    seconds: Math.round(seconds * 10) / 10,
    seedsPerSecond: Math.round((outcomes.length / seconds) * 100) / 100,
  };
}
