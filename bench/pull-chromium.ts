// Budget (issue 13): 100,000 changes pulled into a fresh client in real Chromium ≤ 10 s.
//
// The server is `server/main.ts` in its own process on a PGlite folder seeded as
// bench/pull-100k.ts seeds it (bench/support/pull-seed.ts). The client is the extension's own
// sync code (`pullAll`, `applyPullPage`), bundled into an extension page of a copy of the built
// extension, in Debian's Chromium (tests/e2e/support/chromium.ts), writing to Chromium's
// IndexedDB over real HTTP on loopback. Each run, in the same browser:
//   - network: the pages fetched, JSON-parsed and zod-checked, timed apart, nothing stored;
//   - end to end: `pullAll` into a fresh database, once with the browser's default transaction
//     durability and once relaxed (alternating, so both see the same load);
//   - storing: the pages of the network pass applied with `applyPullPage`, and their parts
//     alone: zod of each row, the derived index words (toStoredRow), a bare bulkPut per page
//     into a Dexie of the same schema, and the same with TandemDB's middlewares.
//   npm run build && npx tsx bench/pull-chromium.ts      (BENCH_RUNS, default 3)
import { SCHEMA_VERSIONS } from '@/lib/db/schema';
import { PULL_LIMIT } from '@/lib/sync/engine';
import type { SignIn } from './support/bench-device';
import { call, openPullPage } from './support/pull-chromium-browser';
import { CHANGES, seed } from './support/pull-seed';
import { cpuMs, load1, median, out, processTreeCpuMs, round, runBench, startServerProcess, tempDir } from './support/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GOAL_MS = 10_000;
// PULL_BENCH_ONLY_PULLS=1 leaves out the storing probes (quicker).
const ONLY_PULLS = process.env.PULL_BENCH_ONLY_PULLS === '1';
// PULL_BENCH_PROBE=1 also times each table's rows into a bare Dexie by index set and transaction size.
const PROBE = process.env.PULL_BENCH_PROBE === '1';

runBench(async () => {
  const dataDir = tempDir('tandem-bench-pull-chromium-');
  const seeded = await seed(dataDir);
  const server = await startServerProcess({ dataDir });
  const signIn: SignIn = { ...seeded.signIn, serverUrl: server.url };
  const { page, browserPid, close: closeBrowser } = await openPullPage();

  type Net = { ms: number; fetchMs: number; jsonMs: number; zodMs: number; bytes: number; pages: number; rows: number };
  type E2E = { ms: number; pulledMs: number; requestMs: number; rows: Record<string, number>; cpuMs?: { browser: number; server: number } };
  type Store = Record<string, number>;
  const ways = ['pullAll', 'sequential', 'strict'] as const;
  type Sample = { load: number; network: Net; storing: Store } & Record<(typeof ways)[number], E2E>;
  const samples: Sample[] = [];
  const expected = CHANGES + 1;
  for (let run = 0; run < RUNS; run++) {
    const load = load1();
    const network = await call<Net>(page, 'network', signIn);
    // Rotated, so each way meets the machine's load in every position.
    const order = ways.map((_, i) => ways[(i + run) % ways.length]!);
    const pulls = {} as Record<(typeof ways)[number], E2E>;
    for (const how of order) {
      const cpu0 = { browser: processTreeCpuMs(browserPid), server: cpuMs(server.pid) };
      const e = await call<E2E>(page, 'endToEnd', signIn, how);
      e.cpuMs = { browser: processTreeCpuMs(browserPid) - cpu0.browser, server: cpuMs(server.pid) - cpu0.server };
      const total = e.rows.prospects! + e.rows.notes! + e.rows.activities! + e.rows.members!;
      if (total !== expected) throw new Error(`the device has ${JSON.stringify(e.rows)}, want ${expected} rows in all`);
      pulls[how] = e;
    }
    const storing = ONLY_PULLS ? {} : await call<Store>(page, 'storing', signIn, 'default');
    const sample = { load, network, storing, ...pulls };
    samples.push(sample);
    console.error(JSON.stringify({ run, ...sample, loadAfter: load1() }));
  }
  if (PROBE) {
    // What each index and the transaction size cost: each table's rows alone into a bare Dexie.
    const current = Object.assign({}, ...SCHEMA_VERSIONS.map((v) => v.stores)) as Record<string, string>;
    const full = { prospects: current.prospects!, notes: current.notes!, activities: current.activities! };
    const variants: [string, Record<string, string>, number][] = [
      ['every index, 5,000 rows a transaction', full, 5000],
      ['primary keys only, 5,000', { prospects: 'id', notes: 'id', activities: 'id' }, 5000],
      ['every index, 1,000', full, 1000],
      ['every index, 20,000', full, 20000],
    ];
    for (const [what, stores, chunk] of variants) out({ bench: 'pull-100k-chromium-probe', what, ...(await call<object>(page, 'probe', stores, chunk)), loadAvg1m: load1() });
  }
  await closeBrowser();
  await server.stop();
  const med = (f: (s: Sample) => number) => round(median(samples.map(f)));
  const span = (f: (s: Sample) => number) => [round(Math.min(...samples.map(f))), round(Math.max(...samples.map(f)))];
  // ms: every row stored and the search words a fresh device leaves for later filled; pulledMs: every row stored.
  const pull = (how: (typeof ways)[number]) => ({ ms: med((s) => s[how].ms), pulledMs: med((s) => s[how].pulledMs), pulledSpanMs: span((s) => s[how].pulledMs), spanMs: span((s) => s[how].ms), requestToAnswerMs: med((s) => s[how].requestMs), cpuMs: { browser: med((s) => s[how].cpuMs!.browser), server: med((s) => s[how].cpuMs!.server) } });
  out({
    bench: 'pull-100k-chromium',
    changes: CHANGES,
    pageLimit: PULL_LIMIT,
    runs: RUNS,
    endToEndMs: med((s) => s.pullAll.ms),
    endToEndSpanMs: span((s) => s.pullAll.ms),
    // Every row stored (the device whole but for the People search's words, filled right after).
    pulledMs: med((s) => s.pullAll.pulledMs),
    pulledSpanMs: span((s) => s.pullAll.pulledMs),
    meetsPulled: median(samples.map((s) => s.pullAll.pulledMs)) <= GOAL_MS,
    pullAll: pull('pullAll'),
    sequentialBefore: pull('sequential'),
    strictDurability: pull('strict'),
    network: { ms: med((s) => s.network.ms), fetchMs: med((s) => s.network.fetchMs), jsonParseMs: med((s) => s.network.jsonMs), zodMs: med((s) => s.network.zodMs), bytes: samples[0]!.network.bytes },
    storing: Object.fromEntries(Object.keys(samples[0]!.storing).map((k) => [k, med((s) => s.storing[k]!)])),
    byTable: samples[0]!.pullAll.rows,
    budgetMs: GOAL_MS,
    meets: median(samples.map((s) => s.pullAll.ms)) <= GOAL_MS,
    client: 'the extension’s pullAll in an extension page, Debian Chromium, its IndexedDB',
    server: 'server/main.ts in its own process, PGlite, HTTP on 127.0.0.1',
    loadAvg1m: [...samples.map((s) => s.load), load1()],
  });
});
