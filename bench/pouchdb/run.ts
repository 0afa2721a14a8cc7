// PouchDB baseline: 10,000 deterministic records pushed by one client to pouchdb-server and pulled
// by a second. Prints one JSON line with the median run (by totalMs) of 3, or of 1 if a run is slow.
//   npx tsx bench/pouchdb/run.ts            (POUCHDB_BENCH_SERVER=memory for `--in-memory`)
import { makeRecords } from './records';
import { type PouchdbReplicationResult, pouchdbReplication } from './replication';

const RECORDS = 10_000;
const RUNS = 3;
const SLOW_MS = 60_000; // a single run slower than this is not repeated
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const server = process.env.POUCHDB_BENCH_SERVER === 'memory' ? 'memory' : 'disk';
  const records = makeRecords(RECORDS);
  const results: PouchdbReplicationResult[] = [];
  do {
    results.push(await pouchdbReplication({ records, server }));
  } while (results.length < RUNS && results[0]!.totalMs < SLOW_MS);

  const sorted = [...results].sort((a, b) => a.totalMs - b.totalMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  console.log(
    JSON.stringify({
      bench: 'pouchdb-replication',
      records: median.records,
      pushMs: round(median.pushMs),
      pullMs: round(median.pullMs),
      totalMs: round(median.totalMs),
      serverMode: median.serverMode,
      clientMode: median.clientMode,
      runs: results.length,
      samples: results.map((r) => ({ pushMs: round(r.pushMs), pullMs: round(r.pullMs), totalMs: round(r.totalMs) })),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
