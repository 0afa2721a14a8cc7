// Runs in an extension page of the benchmark's copy of the extension (bench/pull-chromium.ts):
// the extension's own sync code pulls from a real server process on loopback into Chromium's
// IndexedDB, and the same pages are taken apart to say where the time goes.
import './zod-jitless';
import Dexie from 'dexie';
import { ulid } from 'ulidx';
import { TandemDB, toStoredRow } from '@/lib/db/database';
import { SCHEMA_VERSIONS } from '@/lib/db/schema';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { ENTITY_SCHEMAS, PullResponse, TABLE_OF_KIND } from '@/lib/model';
import { PULL_LIMIT, actorOf, backgroundSlice, pullAll } from '@/lib/sync/engine';
import { readFirstSync } from '@/lib/sync/first-sync';
import { readIndexBacklog } from '@/lib/db/deferred-indexes';
import { deferLastActivity } from '@/lib/db/last-activity';
import { postingsOf } from '@/lib/db/note-words';
import { noteSearchWords } from '@/lib/db/search-words';
import { applyPullPage } from '@/lib/sync/rebase';
import { type Session, readSyncState } from '@/lib/sync/session';
import type { SyncTransport } from '@/lib/sync/transport';
import { type SignIn, signInDevice } from './bench-device';

/** 'default': as TandemDB opens it (relaxed). */
type Durability = 'default' | 'strict';

let pages: PullResponse[] = [];

async function device(signIn: SignIn, durability: Durability) {
  const db = new TandemDB(`bench-pull-${ulid()}`);
  if (durability === 'strict') db._options.chromeTransactionDurability = 'strict';
  return signInDevice(signIn, db);
}

/** The stored rows of each page, grouped by table. */
function pagesByTable(stored: (object | null)[]) {
  let offset = 0;
  return pages.map((page) => {
    const byTable = new Map<string, object[]>();
    page.rows.forEach((r, i) => {
      const row = stored[offset + i];
      if (row === null || row === undefined) return;
      const table = TABLE_OF_KIND[r.kind];
      const list = byTable.get(table);
      if (list) list.push(row);
      else byTable.set(table, [row]);
    });
    offset += page.rows.length;
    return byTable;
  });
}

async function rowCount(db: TandemDB) {
  const counts = await Promise.all([db.prospects.count(), db.notes.count(), db.activities.count(), db.members.count(), db.lastActivity.count()]);
  return { prospects: counts[0], notes: counts[1], activities: counts[2], members: counts[3], lastActivity: counts[4] };
}

async function drop(db: TandemDB) {
  db.close();
  await db.delete();
}

/** Page after page, nothing stored: the request and body, JSON.parse and zod, timed apart. Keeps the pages. */
async function network(signIn: SignIn, limit = PULL_LIMIT) {
  const base = signIn.serverUrl;
  const clientId = ulid();
  const kept: PullResponse[] = [];
  let fetchMs = 0;
  let jsonMs = 0;
  let zodMs = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (let cursor = 0; ; ) {
    const a = performance.now();
    const res = await fetch(`${base}/v1/pull?${new URLSearchParams({ clientId, cursor: String(cursor), limit: String(limit), since: '0' })}`, { headers: { authorization: `Bearer ${signIn.token}` } });
    const text = await res.text();
    const b = performance.now();
    const raw = JSON.parse(text) as unknown;
    const c = performance.now();
    const page = PullResponse.parse(raw);
    const d = performance.now();
    fetchMs += b - a;
    jsonMs += c - b;
    zodMs += d - c;
    bytes += text.length;
    kept.push(page);
    cursor = page.cursor;
    if (!page.more) break;
  }
  pages = kept;
  return { ms: performance.now() - t0, fetchMs, jsonMs, zodMs, bytes, pages: kept.length, rows: kept.reduce((n, p) => n + p.rows.length, 0) };
}

/**
 * `pullEverything` (a fresh device's full pull: the rounds without pushes), timing when
 * `lastActivity` and the people's words are made (the People search whole but for older notes:
 * `peopleIndexedMs`) and when every row is stored (the first sign-in over: `pulledMs`) apart from
 * the end, when the notes' words are filled too; `until: 'people'` stops at the first.
 */
async function pullEverythingTimed(db: TandemDB, transport: SyncTransport, session: Session, t0: number, until: 'people' | 'complete' = 'complete') {
  let pulledMs: number | null = null;
  let peopleIndexedMs: number | null = null;
  const note = async () => {
    const now = performance.now() - t0;
    if (pulledMs === null && (await readFirstSync(db, session.teamId)) === undefined) pulledMs = now;
    const step = (await readIndexBacklog(db))?.table;
    if (peopleIndexedMs === null && step !== 'lastActivity' && step !== 'prospects') peopleIndexedMs = now;
  };
  do {
    await pullAll(db, transport, session);
    await note();
  } while ((until === 'complete' || peopleIndexedMs === null) && (await backgroundSlice(db, transport, session).finally(note)));
  return { pulledMs: pulledMs ?? performance.now() - t0, peopleIndexedMs: peopleIndexedMs ?? performance.now() - t0 };
}

/** The pull loop before issue 13: each page asked for after the one before it was written. */
async function sequentialPull(db: TandemDB, transport: SyncTransport, session: Session) {
  for (;;) {
    const state = await readSyncState(db);
    const page = await transport.pull({ clientId: session.clientId, cursor: state.cursor, limit: PULL_LIMIT, since: state.rejectionsSince });
    await applyPullPage(db, page, actorOf(session, 'recruiter'));
    if (!page.more) return;
  }
}

/**
 * A pull into a fresh database, with the time spent waiting for `transport.pull` apart:
 * `pullEverything` (both phases of a first sign-in) as shipped, or the loop before issue 13, or with strict durability.
 */
async function endToEnd(signIn: SignIn, how: 'pullAll' | 'sequential' | 'strict') {
  const { db, session, transport } = await device(signIn, how === 'strict' ? 'strict' : 'default');
  let waitMs = 0;
  const timed: SyncTransport = {
    push: (body) => transport.push(body),
    pull: (q) => {
      const t = performance.now();
      return transport.pull(q).finally(() => (waitMs += performance.now() - t));
    },
  };
  const t0 = performance.now();
  const { pulledMs } = how === 'sequential' ? { pulledMs: null } : await pullEverythingTimed(db, timed, session, t0);
  if (how === 'sequential') await sequentialPull(db, timed, session);
  const ms = performance.now() - t0;
  const rows = await rowCount(db);
  await drop(db);
  return { ms, pulledMs: pulledMs ?? ms, requestMs: waitMs, rows };
}

/** The kept pages applied with `applyPullPage` (no network), and the parts of that apart. */
async function storing(signIn: SignIn, durability: Durability) {
  if (pages.length === 0) throw new Error('run network() first');
  const rowsIn = pages.flatMap((p) => p.rows);
  // The per-row CPU work of writeServerRows, alone: zod of each doc, then the derived index words.
  let t = performance.now();
  const parsed = rowsIn.map((r) => (r.doc === null ? null : ENTITY_SCHEMAS[r.kind].parse(r.doc)));
  const docZodMs = performance.now() - t;
  t = performance.now();
  const stored = rowsIn.map((r, i) => (parsed[i] === null ? null : toStoredRow(TABLE_OF_KIND[r.kind], parsed[i] as never)));
  const storedRowMs = performance.now() - t;

  const { db, session } = await device(signIn, durability);
  const actor = actorOf(session, 'recruiter');
  t = performance.now();
  for (const page of pages) await applyPullPage(db, page, actor);
  const applyMs = performance.now() - t;
  await drop(db);

  // The same stored rows bulkPut page by page into a bare Dexie of the same schema (no
  // middleware, no shadows, no sync state): IndexedDB's own cost, and then with the
  // lastActivity middleware's tables as TandemDB has them.
  const bare = new Dexie(`bench-bare-${ulid()}`);
  bare._options.chromeTransactionDurability = durability === 'strict' ? 'strict' : 'relaxed';
  for (const v of SCHEMA_VERSIONS) bare.version(v.version).stores(v.stores);
  await bare.open();
  const grouped = pagesByTable(stored);
  t = performance.now();
  for (const byTable of grouped) {
    await bare.transaction('rw', [...byTable.keys()], async () => {
      for (const [table, rows] of byTable) await bare.table(table).bulkPut(rows);
    });
  }
  const bareMs = performance.now() - t;
  bare.close();
  await bare.delete();

  // With TandemDB's middlewares (write guard, lastActivity) but none of the pull's own steps.
  const { db: plain } = await device(signIn, durability);
  t = performance.now();
  for (const byTable of grouped) {
    await plain.transaction('rw', [...byTable.keys()], async () => {
      allowSyncedWrites('pull');
      for (const [table, rows] of byTable) await plain.table(table).bulkPut(rows);
    });
  }
  const middlewareMs = performance.now() - t;
  await drop(plain);
  return { applyPullPageMs: applyMs, docZodMs, storedRowMs, bareBulkPutMs: bareMs, withMiddlewareBulkPutMs: middlewareMs, rows: rowsIn.length };
}

/**
 * Each table's rows alone, bulkPut into a bare Dexie whose stores are `stores`, in transactions
 * of `chunk` rows: what each index costs (compare with the stores without it).
 */
async function probe(stores: Record<string, string>, chunk: number) {
  const rowsIn = pages.flatMap((p) => p.rows);
  const byTable = new Map<string, object[]>();
  for (const r of rowsIn) {
    if (r.doc === null) continue;
    const table = TABLE_OF_KIND[r.kind];
    if (!(table in stores)) continue;
    const row = toStoredRow(table, ENTITY_SCHEMAS[r.kind].parse(r.doc) as never) as object;
    const list = byTable.get(table);
    if (list) list.push(row);
    else byTable.set(table, [row]);
  }
  const bare = new Dexie(`bench-probe-${ulid()}`);
  bare._options.chromeTransactionDurability = 'relaxed';
  bare.version(1).stores(stores);
  await bare.open();
  const ms: Record<string, number> = {};
  for (const [table, rows] of byTable) {
    const t = performance.now();
    for (let i = 0; i < rows.length; i += chunk) await bare.transaction('rw', table, () => bare.table(table).bulkPut(rows.slice(i, i + chunk)));
    ms[table] = Math.round(performance.now() - t);
  }
  bare.close();
  await bare.delete();
  const words = (byTable.get('notes') ?? []).reduce((n, r) => n + ((r as { words?: string[] }).words?.length ?? 0), 0);
  return { ms, noteWords: words };
}

/**
 * A first sign-in (docs/sync.md): the recent phase (`pullAll` from zero: usable) and then the
 * older history, as the scheduler's rounds would take it, timed apart.
 */
async function firstSignIn(signIn: SignIn, until: 'usable' | 'people' | 'complete' = 'complete') {
  const { db, session, transport } = await device(signIn, 'default');
  const t0 = performance.now();
  await pullAll(db, transport, session);
  const usableMs = performance.now() - t0;
  const usableRows = await rowCount(db);
  if (until === 'usable') {
    await drop(db);
    return { usableMs, usableRows };
  }
  const { pulledMs, peopleIndexedMs } = await pullEverythingTimed(db, transport, session, t0, until);
  const completeMs = performance.now() - t0;
  const rows = await rowCount(db);
  await drop(db);
  return { usableMs, peopleIndexedMs, pulledMs, completeMs, usableRows, rows };
}


/** Rows a transaction in the layouts below, as the pull's pages. */
const LAYOUT_CHUNK = 5_000;

/**
 * What one way of storing the kept pages' rows costs, in a database of its own (bench/pull-chromium.ts
 * runs each in a fresh browser: an origin's databases share one store, and the ones written and
 * deleted before slow the later ones down). Notes and activities alone, into a bare Dexie, 5,000
 * rows a transaction: `notesWordsIndex` (the notes' words as a multi-entry index, before schema
 * v14), `notesWordsTable` (in a table of their own, a row per word per transaction, as v14 does),
 * `notesAlone` (no words at all); `activities`, `activitiesWithoutAt`. Every page's rows into a
 * TandemDB (middlewares and all): `everyRowKeepingLastActivity`, `everyRowDeferringLastActivity`.
 * Reads on an empty database: `getPerActivity` (a get per activity, page by page) and
 * `countPerPage` (one count of each page's range of ids).
 */
async function layout(name: string): Promise<number> {
  const rows = pages.flatMap((p) => p.rows).filter((r) => r.doc !== null);
  const notes = rows.filter((r) => r.kind === 'note').map((r) => ENTITY_SCHEMAS.note.parse(r.doc));
  const activities = rows.filter((r) => r.kind === 'activity').map((r) => ENTITY_SCHEMAS.activity.parse(r.doc) as object);
  const bare = async (stores: Record<string, string>, write: (db: Dexie, from: number) => Promise<unknown>, count: number) => {
    const db = new Dexie(`bench-layout-${ulid()}`, { chromeTransactionDurability: 'relaxed' });
    db.version(1).stores(stores);
    await db.open();
    const t = performance.now();
    for (let i = 0; i < count; i += LAYOUT_CHUNK) await db.transaction('rw', Object.keys(stores), () => write(db, i));
    const ms = performance.now() - t;
    db.close();
    await db.delete();
    return ms;
  };
  const slice = <T>(xs: T[], from: number) => xs.slice(from, from + LAYOUT_CHUNK);
  const withWords = notes.map((n) => ({ ...n, words: noteSearchWords(n.body) }));
  const tandem = async (run: (db: TandemDB) => Promise<unknown>) => {
    const db = new TandemDB(`bench-layout-${ulid()}`);
    await db.open();
    const t = performance.now();
    await run(db);
    const ms = performance.now() - t;
    await drop(db);
    return ms;
  };
  const everyRow = (defer: boolean) => {
    const grouped = pagesByTable(pages.flatMap((p) => p.rows.map((r) => (r.doc === null ? null : (toStoredRow(TABLE_OF_KIND[r.kind], ENTITY_SCHEMAS[r.kind].parse(r.doc) as never) as object)))));
    return tandem(async (db) => {
      for (const byTable of grouped) {
        await db.transaction('rw', [...byTable.keys()], async () => {
          allowSyncedWrites('pull');
          if (defer) deferLastActivity();
          for (const [table, stored] of byTable) await db.table(table).bulkPut(stored);
        });
      }
    });
  };
  const activityIds = pages.map((p) => p.rows.filter((r) => r.kind === 'activity').map((r) => r.id)).filter((ids) => ids.length > 0);
  const ACTIVITIES = 'id, [prospectId+at], at, [kind+requisitionId], [kind+prospectId+at]';
  switch (name) {
    case 'notesWordsIndex':
      return bare({ notes: 'id, [prospectId+createdAt], *words' }, (db, i) => db.table('notes').bulkPut(slice(withWords, i)), notes.length);
    case 'notesWordsTable':
      return bare(
        { notes: 'id, [prospectId+createdAt]', noteWords: '[word+batch]' },
        async (db, i) => {
          await db.table('notes').bulkPut(slice(notes, i));
          await db.table('noteWords').bulkPut(postingsOf(slice(notes, i), String(i)));
        },
        notes.length,
      );
    case 'notesAlone':
      return bare({ notes: 'id, [prospectId+createdAt]' }, (db, i) => db.table('notes').bulkPut(slice(notes, i)), notes.length);
    case 'activities':
      return bare({ activities: ACTIVITIES }, (db, i) => db.table('activities').bulkPut(slice(activities, i)), activities.length);
    case 'activitiesWithoutAt':
      return bare({ activities: ACTIVITIES.replace(' at,', '') }, (db, i) => db.table('activities').bulkPut(slice(activities, i)), activities.length);
    case 'everyRowKeepingLastActivity':
      return everyRow(false);
    case 'everyRowDeferringLastActivity':
      return everyRow(true);
    case 'getPerActivity':
    case 'countPerPage':
      return tandem(async (db) => {
        for (const ids of activityIds) {
          const sorted = [...ids].sort();
          await db.transaction('r', db.activities, async () => {
            if (name === 'getPerActivity') await db.activities.bulkGet(ids);
            else await db.activities.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).count();
          });
        }
      });
    default:
      throw new Error(`no layout ${name}`);
  }
}

(globalThis as unknown as { tandemPull: object }).tandemPull = { network, endToEnd, storing, probe, firstSignIn, layout };
