// PouchDB baseline: N records pushed by client A to a local `pouchdb-server`, then pulled by client B.
//
// Server: the real `pouchdb-server` (npm, 4.2.0) as a child process on 127.0.0.1, storing its
// databases on disk with LevelDB (leveldown's bundled N-API prebuild; no compiler needed), in a
// fresh temp dir; `server: 'memory'` runs it with `--in-memory` (MemDOWN) instead.
//
// Clients: `pouchdb-browser` (9.0.0), the edition browser apps ship: the `idb` adapter on IndexedDB,
// the HTTP adapter on the global `fetch`, and the replication plugin. In Node it runs on
// fake-indexeddb (an in-memory IndexedDB, the one our own client runs on in Node) and Node's fetch
// (undici). That is the browser client's own code path, which no Node adapter (memory, leveldb) is.
// While a run lasts, it sets a few browser globals that Node 20 lacks (`self`, `navigator`) and a
// fresh `indexedDB`/`IDBKeyRange`, and restores them afterwards: do not run it concurrently with
// other code that uses those globals.
//
// Timed: `A.replicate.to(remote)` (push) and `B.replicate.from(remote)` (pull), each a one-shot
// replication with PouchDB's defaults (batch_size 100, batches_limit 10). Not timed: server start,
// database creation, A's local bulkDocs, opening B, checks and clean-up.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type PouchDBBrowser from 'pouchdb-browser';

type PouchStatic = typeof PouchDBBrowser;
type Pouch = PouchDB.Database;

export interface PouchdbReplicationOptions {
  records: Array<Record<string, unknown>>;
  /** Where pouchdb-server keeps its data: LevelDB on disk (default) or `--in-memory`. */
  server?: 'disk' | 'memory';
  /**
   * Records replicated once through the same server before the timed part (not timed): to
   * another database, by two other clients, so the server process is warm as a long-running
   * one would be. The Tandem side warms its server the same way (bench/sync-vs-pouchdb.ts).
   */
  warmup?: Array<Record<string, unknown>>;
}

export interface PouchdbReplicationResult {
  pushMs: number;
  pullMs: number;
  /** Wall time from the start of the push to the end of the pull (B is opened before the push). */
  totalMs: number;
  records: number;
  serverMode: string;
  clientMode: string;
}

const require = createRequire(import.meta.url);
const SERVER_BIN = require.resolve('pouchdb-server/bin/pouchdb-server');
const SERVER_VERSION = (require('pouchdb-server/package.json') as { version: string }).version;
const CLIENT_VERSION = (require('pouchdb-browser/package.json') as { version: string }).version;
const BULK_CHUNK = 1000;

export async function pouchdbReplication(opts: PouchdbReplicationOptions): Promise<PouchdbReplicationResult> {
  const expected = normalizeRecords(opts.records);
  const docs = expected.map(({ id, ...rest }) => ({ ...rest, _id: id as string }));
  const serverKind = opts.server ?? 'disk';
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const workDir = await mkdtemp(path.join(tmpdir(), 'pouchdb-bench-'));
  const restoreGlobals = installBrowserGlobals();
  const restoreConsole = quietPouchInfo();
  let server: PouchServer | undefined;
  const clients: Pouch[] = [];
  try {
    server = await startServer(workDir, serverKind);
    const PouchDB = await loadPouchDB();

    const dbName = `bench-${tag}`;
    const created = await fetch(`${server.url}${dbName}`, { method: 'PUT' });
    if (created.status !== 201) throw new Error(`creating ${dbName}: HTTP ${created.status} ${await created.text()}`);
    const remote = new PouchDB(`${server.url}${dbName}`, { skip_setup: true });
    const remoteInfo = (await remote.info()) as PouchDB.Core.DatabaseInfo & { backend_adapter?: string; adapter?: string };
    const serverMode =
      `pouchdb-server@${SERVER_VERSION} ` +
      (serverKind === 'disk'
        ? `on disk (${remoteInfo.backend_adapter ?? 'LevelDOWN'})`
        : `in memory (--in-memory, ${remoteInfo.backend_adapter ?? 'MemDOWN'})`);

    if (opts.warmup?.length) await warmUp(PouchDB, server.url, tag, normalizeRecords(opts.warmup));

    const a = new PouchDB(`client-a-${tag}`, { adapter: 'idb' });
    clients.push(a);
    for (let i = 0; i < docs.length; i += BULK_CHUNK) {
      const res = await a.bulkDocs(docs.slice(i, i + BULK_CHUNK));
      const failed = res.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`local write failed: ${JSON.stringify(failed)}`);
    }
    const b = new PouchDB(`client-b-${tag}`, { adapter: 'idb' });
    clients.push(b);
    const aInfo = await a.info();
    if (aInfo.doc_count !== expected.length) throw new Error(`client A has ${aInfo.doc_count} docs, want ${expected.length}`);
    if ((await b.info()).doc_count !== 0) throw new Error('client B is not empty');
    const adapter = (a as Pouch & { adapter?: string }).adapter;
    if (adapter !== 'idb') throw new Error(`client A runs on the ${adapter} adapter, want idb`);
    const clientMode = `pouchdb-browser@${CLIENT_VERSION} idb adapter on fake-indexeddb, fetch`;

    const t0 = performance.now();
    const pushed = await a.replicate.to(remote);
    const t1 = performance.now();
    const pulled = await b.replicate.from(remote);
    const t2 = performance.now();

    checkReplication('push', pushed, expected.length);
    checkReplication('pull', pulled, expected.length);
    const onServer = (await remote.info()).doc_count;
    if (onServer !== expected.length) throw new Error(`server has ${onServer} docs, want ${expected.length}`);
    await verifyClient(b, expected);

    return {
      pushMs: t1 - t0,
      pullMs: t2 - t1,
      totalMs: t2 - t0,
      records: expected.length,
      serverMode,
      clientMode,
    };
  } finally {
    for (const c of clients) await c.destroy().catch(() => undefined);
    if (server) await server.stop();
    restoreConsole();
    restoreGlobals();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** `records` pushed by one client to a database of their own and pulled by another, as the timed part does; both clients destroyed after. */
async function warmUp(PouchDB: PouchStatic, serverUrl: string, tag: string, records: Array<Record<string, unknown>>) {
  const name = `warmup-${tag}`;
  const created = await fetch(`${serverUrl}${name}`, { method: 'PUT' });
  if (created.status !== 201) throw new Error(`creating ${name}: HTTP ${created.status} ${await created.text()}`);
  const remote = new PouchDB(`${serverUrl}${name}`, { skip_setup: true });
  const a = new PouchDB(`warmup-a-${tag}`, { adapter: 'idb' });
  const b = new PouchDB(`warmup-b-${tag}`, { adapter: 'idb' });
  try {
    for (let i = 0; i < records.length; i += BULK_CHUNK) await a.bulkDocs(records.slice(i, i + BULK_CHUNK).map(({ id, ...rest }) => ({ ...rest, _id: id as string })));
    checkReplication('warm-up push', await a.replicate.to(remote), records.length);
    checkReplication('warm-up pull', await b.replicate.from(remote), records.length);
  } finally {
    await a.destroy().catch(() => undefined);
    await b.destroy().catch(() => undefined);
  }
}

/** JSON round-trip (what replication preserves) and validation of the `id`s. */
function normalizeRecords(records: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const seen = new Set<string>();
  return records.map((r, i) => {
    const id = r.id;
    if (typeof id !== 'string' || id === '' || id.startsWith('_')) throw new Error(`record ${i}: bad id ${String(id)}`);
    if (seen.has(id)) throw new Error(`record ${i}: duplicate id ${id}`);
    seen.add(id);
    const bad = Object.keys(r).find((k) => k.startsWith('_'));
    if (bad) throw new Error(`record ${i}: field ${bad} is reserved by PouchDB`);
    return JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
  });
}

function checkReplication(what: string, res: PouchDB.Replication.ReplicationResultComplete<object>, n: number) {
  if (!res.ok || res.status !== 'complete' || res.doc_write_failures !== 0 || res.docs_written !== n) {
    const { ok, status, docs_read, docs_written, doc_write_failures, errors } = res;
    throw new Error(`${what} incomplete: ${JSON.stringify({ ok, status, docs_read, docs_written, doc_write_failures, errors })}`);
  }
}

async function verifyClient(db: Pouch, expected: Array<Record<string, unknown>>) {
  const all = await db.allDocs({ include_docs: true });
  if (all.total_rows !== expected.length || all.rows.length !== expected.length) {
    throw new Error(`client B has ${all.total_rows} docs (${all.rows.length} rows), want ${expected.length}`);
  }
  const byId = new Map(all.rows.map((row) => [row.id, row.doc]));
  for (const want of expected) {
    const doc = byId.get(want.id as string);
    if (!doc) throw new Error(`client B lacks ${String(want.id)}`);
    const { _id, _rev, ...rest } = doc as Record<string, unknown> & { _id: string; _rev: string };
    if (!_rev.startsWith('1-')) throw new Error(`client B has ${_id} at rev ${_rev}, want 1-…`);
    const got = { ...rest, id: _id };
    if (!isDeepStrictEqual(got, want)) {
      throw new Error(`client B has ${_id} as ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
  }
}

async function loadPouchDB(): Promise<PouchStatic> {
  // After installBrowserGlobals(): the browser build reads `self` when it loads.
  const mod = await import('pouchdb-browser');
  return mod.default;
}

/** Browser globals that pouchdb-browser needs, for the duration of a run; returns the undo. */
function installBrowserGlobals(): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved: Array<[string, PropertyDescriptor | undefined]> = [];
  const set = (name: string, value: unknown) => {
    saved.push([name, Object.getOwnPropertyDescriptor(globalThis, name)]);
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true, enumerable: false });
  };
  if (g.self === undefined) set('self', globalThis);
  if (g.navigator === undefined) set('navigator', { userAgent: `Node.js/${process.versions.node}` });
  set('indexedDB', new IDBFactory());
  set('IDBKeyRange', IDBKeyRange);
  return () => {
    for (const [name, desc] of saved.reverse()) {
      if (desc) Object.defineProperty(globalThis, name, desc);
      else Reflect.deleteProperty(globalThis, name);
    }
  };
}

/** The browser build logs "The above 404 is totally normal…" to console.info; keep stdout clean. */
function quietPouchInfo(): () => void {
  const original = console.info;
  console.info = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('is totally normal')) return;
    original.apply(console, args);
  };
  return () => {
    console.info = original;
  };
}

interface PouchServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  srv.close();
  await once(srv, 'close');
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

async function startServer(workDir: string, kind: 'disk' | 'memory'): Promise<PouchServer> {
  const dataDir = path.join(workDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const config = path.join(workDir, 'config.json');
  // Log warnings and errors only (to workDir/log.txt), not one line per request.
  await writeFile(config, JSON.stringify({ log: { level: 'warning' } }));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [SERVER_BIN, '--port', String(port), '--host', '127.0.0.1', '--dir', dataDir, '--config', config, '--no-stdout-logs', '--no-color'];
    if (kind === 'memory') args.push('--in-memory');
    const child = spawn(process.execPath, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitUntilUp(url, child, () => output);
      return { url, stop: () => stopChild(child) };
    } catch (e) {
      lastError = e;
      await stopChild(child);
    }
  }
  throw lastError;
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`pouchdb-server exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    }
    try {
      const res = await fetch(url);
      const body = (await res.json()) as Record<string, unknown>;
      if (res.ok && 'express-pouchdb' in body) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pouchdb-server did not answer on ${url} within 30 s: ${output()}`);
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
