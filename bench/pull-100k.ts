// Budget (issue 3): pull of 100,000 changes into a fresh client, goal ≤ 10 s.
//
// The server's PGlite folder is seeded directly with SQL (not timed): one team, 4,762 people
// (`prospect.upsert` rows) and 95,238 notes and activities about them (the PouchDB baseline's
// records as bench/support/bench-records.ts maps them, ~360 bytes of JSON each), every row its
// own version, as 100,000 mutations would leave them. Then `server/main.ts` serves that folder
// in its own process (real HTTP on loopback) and three passes pull everything (PULL_LIMIT rows
// a page, like the extension):
//   1. network + parse: `httpTransport().pull` page after page (HTTP, JSON, zod validation of
//      the response), nothing stored: the part that does not depend on IndexedDB;
//   2. end to end: `pullEverything` (the recent phase and the older history) into a fresh device (Dexie on fake-indexeddb): the budget figure;
//   3. Dexie only: the pages of pass 1, kept in memory, applied with `applyPullPage` into
//      another fresh device: what storing costs on fake-indexeddb.
// fake-indexeddb is much slower than a browser's IndexedDB, so pass 2 overstates a browser's
// time; pass 1 is a floor for it.
import 'fake-indexeddb/auto';
import { TandemDB } from '@/lib/db/database';
import { MAX_PULL_LIMIT, type PullResponse } from '@/lib/model';
import { PULL_LIMIT, actorOf, pullEverything } from '@/lib/sync/engine';
import { applyPullPage } from '@/lib/sync/rebase';
import { ANALYZE, CHANGES, seed } from './support/pull-seed';
import { countRows, cpuMs, load1, makeDevice, out, round, runBench, startServerProcess, tempDir } from './support/harness';

const GOAL_MS = 10_000;

runBench(async () => {
  const dataDir = tempDir('tandem-bench-pull-');
  const t = performance.now();
  const seeded = await seed(dataDir);
  const seedMs = performance.now() - t;
  const server = await startServerProcess({ dataDir });
  const signIn = { ...seeded.signIn, serverUrl: server.url };
  const expected = CHANGES + 1; // and the member's own row
  const common = {
    changes: CHANGES,
    pageLimit: PULL_LIMIT,
    avgDocBytes: seeded.avgDocBytes,
    server: 'server/main.ts in its own process, PGlite, HTTP on 127.0.0.1',
    plannerStatistics: ANALYZE ? 'ANALYZE after seeding' : 'none (PGlite has no autovacuum)',
  };

  // 1. Network + parse (and the same at the largest page the server allows, for comparison).
  const probe = await makeDevice(signIn);
  const networkPass = async (limit: number) => {
    const pages: PullResponse[] = [];
    const l0 = load1();
    const cpu0 = { bench: process.cpuUsage(), server: cpuMs(server.pid) };
    const t0 = performance.now();
    for (let cursor = 0; ; ) {
      const page = await probe.transport.pull({ clientId: probe.session.clientId, cursor, limit, since: 0 });
      pages.push(page);
      cursor = page.cursor;
      if (!page.more) break;
    }
    const ms = performance.now() - t0;
    const bench = process.cpuUsage(cpu0.bench);
    const rows = pages.reduce((n, p) => n + p.rows.length, 0);
    if (rows !== expected) throw new Error(`the HTTP pulls returned ${rows} rows, want ${expected}`);
    const line = {
      ...common,
      pageLimit: limit,
      pages: pages.length,
      rows,
      ms: round(ms),
      what: 'HTTP + JSON + zod validation of each page (httpTransport.pull), nothing stored',
      cpuMs: { server: cpuMs(server.pid) - cpu0.server, client: round((bench.user + bench.system) / 1000) },
      loadAvg1m: [l0, load1()],
    };
    return { pages, line };
  };
  const { pages, line } = await networkPass(PULL_LIMIT);
  out({ bench: 'pull-100k-network-parse', ...line });
  out({ bench: 'pull-100k-network-parse-max-page', ...(await networkPass(MAX_PULL_LIMIT)).line, note: `pages of ${MAX_PULL_LIMIT} (MAX_PULL_LIMIT) instead of PULL_LIMIT, for comparison` });
  probe.db.close();
  await probe.db.delete();
  let l0: number;
  let t0: number;

  // 2. End to end into a fresh device.
  const fresh = await makeDevice(signIn);
  l0 = load1();
  t0 = performance.now();
  await pullEverything(fresh.db, fresh.transport, fresh.session);
  const endToEndMs = performance.now() - t0;
  const rows = await countRows(fresh.db);
  const total = rows.prospects + rows.notes + rows.activities + rows.members;
  if (total !== expected || rows.prospects !== seeded.rows.prospects) throw new Error(`the device has ${JSON.stringify(rows)}, want ${expected} rows in all`);
  fresh.db.close();
  await fresh.db.delete();
  out({ bench: 'pull-100k-end-to-end', ...common, rows: total, byTable: rows, ms: round(endToEndMs), budgetMs: GOAL_MS, meets: endToEndMs <= GOAL_MS, client: 'pullEverything into TandemDB (Dexie) on fake-indexeddb', loadAvg1m: [l0, load1()] });
  await server.stop();

  // 3. Dexie only: the same pages, from memory.
  const local = new TandemDB(`bench-pull-local-${Date.now()}`);
  const device = await makeDevice(signIn, local);
  const actor = actorOf(device.session, 'recruiter');
  l0 = load1();
  t0 = performance.now();
  for (const page of pages) await applyPullPage(local, page, actor);
  const dexieMs = performance.now() - t0;
  const stored = await countRows(local);
  local.close();
  await local.delete();
  out({
    bench: 'pull-100k-dexie-only',
    ...common,
    rows: stored.prospects + stored.notes + stored.activities + stored.members,
    ms: round(dexieMs),
    msPerPage: round(dexieMs / pages.length),
    what: 'applyPullPage of the pages from pass 1 into a fresh TandemDB on fake-indexeddb, no network',
    seedMs: round(seedMs),
    loadAvg1m: [l0, load1()],
  });
});
