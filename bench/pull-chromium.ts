// Budget (issue 13): 100,000 changes pulled into a fresh client in real Chromium ≤ 10 s.
//
// The server is `server/main.ts` in its own process on a PGlite folder seeded as
// bench/pull-100k.ts seeds it (bench/support/pull-seed.ts). The client is the extension's own
// sync code (`pullAll`, `applyPullPage`), bundled into an extension page of a copy of the built
// extension, in Debian's Chromium (tests/e2e/support/chromium.ts), writing to Chromium's
// IndexedDB over real HTTP on loopback. Each run:
//   - network: the pages fetched, JSON-parsed and zod-checked, timed apart, nothing stored;
//   - end to end, each in a fresh browser (an origin's databases share one store in Chromium, so
//     the ones written and deleted before slow a later pull down: issue 13 found earlier figures
//     taken one after another in the same browser overstated): `pullEverything` as shipped, the
//     loop before issue 13, and with strict durability (rotated, so each meets the load in every
//     position; PULL_BENCH_WAYS=pullAll for the first alone);
//   - storing: the pages of the network pass applied with `applyPullPage`, and their parts
//     alone: zod of each row, the derived index words (toStoredRow), a bare bulkPut per page
//     into a Dexie of the same schema, and the same with TandemDB's middlewares.
//   npm run build && npx tsx bench/pull-chromium.ts      (BENCH_RUNS, default 3)
// PULL_BENCH_CPU_PROFILE=1 first profiles the page's JavaScript during one pull (self time by function).
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
// PULL_BENCH_LAYOUTS=notesWordsIndex,notesWordsTable,… times ways of storing the rows, each in a fresh browser (bench/support/pull-chromium-page.ts `layout`); BENCH_RUNS=0 for only those.
const LAYOUTS = (process.env.PULL_BENCH_LAYOUTS ?? '').split(',').filter(Boolean);

runBench(async () => {
  const dataDir = tempDir('tandem-bench-pull-chromium-');
  const seeded = await seed(dataDir);
  const server = await startServerProcess({ dataDir });
  const signIn: SignIn = { ...seeded.signIn, serverUrl: server.url };
  const { page, close: closeBrowser } = await openPullPage();

  type Net = { ms: number; fetchMs: number; jsonMs: number; zodMs: number; bytes: number; pages: number; rows: number };
  type E2E = { ms: number; pulledMs: number; requestMs: number; rows: Record<string, number>; cpuMs?: { browser: number; server: number } };
  type Store = Record<string, number>;
  const allWays = ['pullAll', 'sequential', 'strict'] as const;
  // PULL_BENCH_WAYS=pullAll times only the shipped pull (the others are for comparison).
  const ways = allWays.filter((w) => (process.env.PULL_BENCH_WAYS ?? allWays.join(',')).split(',').includes(w));
  type Sample = { load: number; network: Net; storing: Store } & Record<(typeof allWays)[number], E2E>;
  const samples: Sample[] = [];
  const expected = CHANGES + 1;
  if (process.env.PULL_BENCH_CPU_PROFILE === '1') {
    // Where the page's own time goes in one pull (not the browser process's IndexedDB work): self time by function.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const e = await call<E2E>(page, 'endToEnd', signIn, 'pullAll');
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    out({ bench: 'pull-100k-chromium-profile', ms: e.ms, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([n, ms]) => `${Math.round(ms)} ${n}`) });
  }
  for (let run = 0; run < RUNS; run++) {
    const load = load1();
    const network = await call<Net>(page, 'network', signIn);
    // Rotated, so each way meets the machine's load in every position.
    const order = ways.map((_, i) => ways[(i + run) % ways.length]!);
    const pulls = {} as Record<(typeof allWays)[number], E2E>;
    for (const how of order) {
      // Each pull in a browser of its own (as a fresh client is): the databases written and
      // deleted before in the same browser would slow it down.
      const fresh = await openPullPage();
      const cpu0 = { browser: processTreeCpuMs(fresh.browserPid), server: cpuMs(server.pid) };
      const e = await call<E2E>(fresh.page, 'endToEnd', signIn, how);
      e.cpuMs = { browser: processTreeCpuMs(fresh.browserPid) - cpu0.browser, server: cpuMs(server.pid) - cpu0.server };
      await fresh.close();
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
  // Each layout in a browser of its own: Chromium keeps an origin's databases in one store, and
  // the databases written and deleted before would slow the later ones down.
  for (let round = 0; round < (LAYOUTS.length > 0 ? 2 : 0); round++) {
    for (const name of round === 0 ? LAYOUTS : [...LAYOUTS].reverse()) {
      const fresh = await openPullPage();
      await call(fresh.page, 'network', signIn);
      out({ bench: 'pull-100k-chromium-layout', round, layout: name, ms: Math.round(await call<number>(fresh.page, 'layout', name)), loadAvg1m: load1() });
      await fresh.close();
    }
  }
  await server.stop();
  if (RUNS === 0) return;
  const med = (f: (s: Sample) => number) => round(median(samples.map(f)));
  const span = (f: (s: Sample) => number) => [round(Math.min(...samples.map(f))), round(Math.max(...samples.map(f)))];
  // ms: every row stored and the search words a fresh device leaves for later filled; pulledMs: every row stored.
  const pull = (how: (typeof allWays)[number]) => !ways.includes(how) ? undefined :  ({ ms: med((s) => s[how].ms), pulledMs: med((s) => s[how].pulledMs), pulledSpanMs: span((s) => s[how].pulledMs), spanMs: span((s) => s[how].ms), requestToAnswerMs: med((s) => s[how].requestMs), cpuMs: { browser: med((s) => s[how].cpuMs!.browser), server: med((s) => s[how].cpuMs!.server) } });
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
