// One PouchDB baseline run (bench/pouchdb/replication.ts) in a process of its own, so its browser
// globals never meet our fake-indexeddb client. Prints one JSON line with the result.
//   node --import tsx bench/support/pouchdb-once.ts <records> [disk|memory] [warm-up records]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WARMUP_SEED, makeRecords } from '../pouchdb/records';

interface Replication {
  pouchdbReplication: (opts: { records: Array<Record<string, unknown>>; server?: 'disk' | 'memory'; warmup?: Array<Record<string, unknown>> }) => Promise<{
    pushMs: number;
    pullMs: number;
    totalMs: number;
    records: number;
    serverMode: string;
    clientMode: string;
  }>;
}

const n = Number(process.argv[2] ?? 10_000);
const server = process.argv[3] === 'memory' ? 'memory' : 'disk';
const warmup = Number(process.argv[4] ?? 0);
// Loaded by path: bench/pouchdb has its own package and types, outside the root type-check.
const modulePath = path.join(path.dirname(fileURLToPath(import.meta.url)), '../pouchdb/replication.ts');
const { pouchdbReplication } = (await import(modulePath)) as Replication;
try {
  console.log(JSON.stringify(await pouchdbReplication({ records: makeRecords(n), server, warmup: warmup > 0 ? makeRecords(warmup, WARMUP_SEED) : undefined })));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
